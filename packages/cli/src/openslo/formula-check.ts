/**
 * Whether a query read from OpenSLO (`metricSource.spec.query`, or a formula an annotation
 * carries) is one formula of the language, checked before the agreement is written: a query
 * that is not (`count(requests where status < )`, a PromQL query given type SLA) is refused
 * at its key, rather than written into an agreement that does not parse.
 */
import { isAgreement, isDocument, isKpi, type SlaServices } from '@sla/language';

/** The first syntax error of `formula` read as a KPI's formula, or undefined when it is one formula. */
export function formulaChecker(services: SlaServices): (formula: string) => string | undefined {
    return (formula: string): string | undefined => {
        const result = services.parser.LangiumParser.parse(`agreement Check {\n    kpi Formula =\n        ${formula}\n}\n`);
        const error = result.lexerErrors[0]?.message ?? result.parserErrors[0]?.message;
        if (error !== undefined) return error;
        // `count(a)\n}\nagreement …` parses, as more than one formula: only the KPI may be there.
        const members = isDocument(result.value) ? result.value.elements.flatMap(element => (isAgreement(element) ? element.members : [element])) : [];
        return members.length === 1 && isKpi(members[0]) ? undefined : 'it is more than one formula.';
    };
}
