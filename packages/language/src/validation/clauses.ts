import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isClause, isKpi, type Clause, type SlaAstType } from '../generated/ast.js';
import type { AgreementIndex } from './agreement-index.js';
import { fix, insertAfterNode, insertBeforeNode, type QuickFix } from './quick-fix.js';
import { isEffortStandard } from './procedural-clauses.js';
import { keywordNode, propertyNode, report } from './report.js';
import { valueOffsetsInLiteral } from './string-literal-offsets.js';
import type { VagueTerms } from './vague-terms.js';

/** Prose that promises: vague words, and promises no KPI measures. */
export function clauseChecks(vagueTerms: VagueTerms, index: AgreementIndex): ValidationChecks<SlaAstType> {
    const prose = (property: string) => (node: AstNode, accept: ValidationAcceptor) => checkVagueText(node, property, vagueTerms, accept);
    return {
        Agreement: prose('title'),
        Service: prose('title'),
        Calendar: prose('title'),
        Maintenance: prose('title'),
        Dataset: prose('description'),
        Kpi: prose('description'),
        Clause: [
            // A procedural clause is not measured by a KPI (sla/clause-procedural-measured): no 'measured by' fixes there.
            (clause, accept) => { if (clause.measuredBy.length === 0) checkVagueText(clause, 'text', vagueTerms, accept, clause.procedural ? [] : measuredByFixes(clause, index)); },
            (clause, accept) => checkUnmeasured(clause, vagueTerms, index, accept),
            checkProceduralMeasured
        ]
    };
}

/** Reports each vague term inside a string property, ranged on the words themselves. */
function checkVagueText(node: AstNode, property: string, vagueTerms: VagueTerms, accept: ValidationAcceptor, fixes?: QuickFix[]): void {
    // The words are found in the value, where `\n` is a line break and not the letter n
    // glued to the next word; most texts hold none, so the token is looked up only then.
    const value = (node as AstNode & Record<string, unknown>)[property];
    if (typeof value !== 'string') return;
    const matches = vagueTerms.find(value);
    if (matches.length === 0) return;
    const token = propertyNode(node, property);
    if (!token) return;
    const offsets = valueOffsetsInLiteral(token.text);
    // A value that is not this literal's (none known; a guard against ranging on the wrong words).
    if (offsets.length !== value.length + 1) return;
    let document;
    try {
        document = AstUtils.getDocument(node).textDocument;
    } catch {
        return;
    }
    for (const match of matches) {
        // As written, but on one line: a term broken by `\n` (`as soon as\npossible`) with a space.
        const term = match.term.replace(/[^\S ]+/g, ' ');
        const effort = isClause(node) && isEffortStandard(match.term);
        // A standard of effort is a term of art in a procedural clause (see procedural-clauses.ts).
        if (effort && node.procedural) continue;
        const start = document.positionAt(token.offset + offsets[match.offset]!);
        const end = document.positionAt(token.offset + offsets[match.offset + match.length]!);
        const where = isClause(node) ? 'this clause' : `the ${property} of this ${isKpi(node) ? 'KPI' : node.$type.toLowerCase()}`;
        report(accept, 'vague-term',
            `'${term}' is vague: the customer will read it strictly, the provider loosely, and nothing in the agreement decides between them. ${adviceOn(node, effort)} (in ${where})`,
            { node, property, range: { start, end } },
            { fixes: effort && isClause(node) ? [...proceduralFix(node), ...(fixes ?? [])] : fixes });
    }
}

/** What to write instead of a vague term: a procedural clause is measured by no KPI, so only its text can state the number. */
function adviceOn(node: AstNode, effort: boolean): string {
    if (!isClause(node)) return 'State what is measured instead (a number and a unit), and put the promise in an objective.';
    if (node.procedural) return "State the number instead (e.g. 'within 2 business days'): no KPI measures a procedural clause, so its text alone says what the procedure promises.";
    return `Bind this clause to a measured objective with 'measured by <Kpi>', or state the number (e.g. 'within 30 minutes')${effort
        ? "; if the clause describes the provider's conduct or a procedure rather than a level of service, mark it 'procedural clause'" : ''}.`;
}

/** A digit that starts a number: the 1 of a label such as 'P1' or 'Sev2' names a priority, it promises no level. */
const NUMBER = /(?<![\p{L}_])\d/u;

/** Words that state a time even without digits: "within one hour", "the next business day". */
const DURATION_WORDS = /\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|business days?|working days?)\b/i;

function checkUnmeasured(clause: Clause, vagueTerms: VagueTerms, index: AgreementIndex, accept: ValidationAcceptor): void {
    // A procedural clause's deadlines are terms of the procedure, not levels a KPI measures.
    if (clause.procedural || clause.measuredBy.length > 0 || clause.text === undefined || !clause.name) return;
    const text = clause.text;
    const promise = NUMBER.test(text) ? 'a number'
        : DURATION_WORDS.test(text) ? 'a time'
            : vagueTerms.find(text).length > 0 ? 'a vague term' : undefined;
    if (!promise) return;
    report(accept, 'clause-unmeasured',
        `The clause '${clause.name}' states a promise (it contains ${promise}) that nothing measures: it cannot be checked, so it will be argued about. Add 'measured by <Kpi>' naming the KPI of the objective that measures it, or, if it states a procedure (claims, notices, the provider's efforts) rather than a level of service, mark it 'procedural clause'.`,
        { node: clause, property: 'name' },
        { fixes: [...measuredByFixes(clause, index), ...proceduralFix(clause)] });
}

/** `procedural clause … measured by X`: a procedure promises no measured level. */
function checkProceduralMeasured(clause: Clause, accept: ValidationAcceptor): void {
    if (!clause.procedural || clause.measuredBy.length === 0) return;
    const keyword = keywordNode(clause, 'procedural');
    report(accept, 'clause-procedural-measured',
        `The clause '${clause.name}' is marked procedural (a procedure or the provider's conduct, no measured level) but is 'measured by' a KPI: one of the two is wrong. Remove 'procedural' if the clause promises the level that KPI measures, or remove 'measured by'.`,
        { node: clause, keyword: 'procedural' },
        { fixes: keyword ? [fix(`Remove 'procedural'`, [{ range: { start: keyword.range.start, end: propertyNode(clause, 'name')?.range.start ?? keyword.range.end }, newText: 'clause ' }])] : [] });
}

/** Writes `procedural ` before `clause`. */
function proceduralFix(clause: Clause): QuickFix[] {
    const keyword = keywordNode(clause, 'clause');
    return keyword && !clause.procedural ? [fix(`Mark the clause procedural`, [insertBeforeNode(keyword, 'procedural ')])] : [];
}

/** `measured by X` for each KPI that has an objective in the agreement. */
function measuredByFixes(clause: Clause, index: AgreementIndex): QuickFix[] {
    const text = propertyNode(clause, 'text');
    const agreement = AstUtils.getContainerOfType(clause, isAgreement);
    if (!text || !agreement) return [];
    return index.of(agreement).objectiveKpiNames.slice(0, 5).map(name => fix(`Measure by '${name}'`, [insertAfterNode(text, ` measured by ${name}`)]));
}
