import { AstUtils, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAggregate, isAgreement, isBinaryExpression, isCalendar, isDocument, isElapsed, isKpi, isNameReference, isNumberLiteral, type Aggregate,
    type Elapsed, type Kpi, type NumberLiteral, type SlaAstType
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { classifyUnit, nearestUnits } from '../types/units.js';
import { typeOfUnit } from '../types/type-computer.js';
import { typeName } from '../types/sla-type.js';
import { importedDocuments } from '../workspace/imports.js';
import type { AgreementIndex } from './agreement-index.js';
import { walkFormula } from './formula-walk.js';
import { ItemKpis } from '../model/item-kpis.js';
import { checkAmbiguousKpiName } from './kpi-references.js';
import { reportTypeProblems } from './quantities.js';
import { fix, insertAfterNode, replaceNode, writeFixes } from './quick-fix.js';
import { keywordNode, propertyNode, report } from './report.js';
import { checkZeroDivisor } from './zero-divisors.js';

/**
 * KPI formulas: types and units, one value per window, a stated business clock, no
 * month-long durations, unambiguous KPI names, no divisor that is always 0. One check per KPI walks its formula: far
 * cheaper than a check per formula node on a 10k-line agreement.
 */
export function formulaChecks(services: SlaServices, index: AgreementIndex): ValidationChecks<SlaAstType> {
    const documents = services.shared.workspace.LangiumDocuments;
    const itemKpis = new ItemKpis(services.shared);
    return {
        Kpi: (kpi, accept) => {
            checkFormulaTypes(kpi, services, accept, itemKpis);
            checkDeclaredUnit(kpi, services, accept);
            if (!kpi.formula) return;
            walkFormula(kpi.formula, node => {
                if (isAggregate(node)) checkPercentileRank(node, accept);
                else if (isBinaryExpression(node)) checkZeroDivisor(node, kpi, accept);
                else if (isNumberLiteral(node)) checkCalendarLengthLiteral(node, accept);
                else if (isElapsed(node)) checkBusinessClock(node, documents, accept);
                else if (isNameReference(node) && isKpi(node.target?.ref)) {
                    checkAmbiguousKpiName(node, 'target', node.target as Reference<Kpi>, index, accept);
                }
            });
        }
    };
}

/** `1 month` in a formula: 28 to 31 days. */
function checkCalendarLengthLiteral(literal: NumberLiteral, accept: ValidationAcceptor): void {
    if (!literal.unit) return;
    const unitClass = classifyUnit(literal.unit);
    if (unitClass?.kind !== 'duration' || !unitClass.calendarLength) return;
    const days = literal.value * (/^month/.test(literal.unit) ? 30 : /^quarter/.test(literal.unit) ? 91 : 365);
    const cst = literal.$cstNode;
    report(accept, 'fixed-month-duration',
        `'${cst?.text}' is not a fixed duration: months, quarters and years have different lengths (a month is 28–31 days). Write the length in days, e.g. '${days} days'.`,
        { node: literal, property: 'unit' },
        { fixes: cst ? [fix(`Write '${days} days'`, [replaceNode(cst, `${days} days`)], true)] : [] });
}

function checkFormulaTypes(kpi: Kpi, services: SlaServices, accept: ValidationAcceptor, itemKpis: ItemKpis): void {
    if (!kpi.formula) return;
    const types = services.types.TypeComputer;
    reportTypeProblems(types.problemsOf(kpi.formula), accept);
    // A per-row KPI is what `objective each …` promises judge item by item (each-objectives.ts).
    if (types.levelOf(kpi.formula) === 'row' && !itemKpis.usedByEachObjective(kpi)) {
        report(accept, 'aggregate-required',
            `The formula of '${kpi.name}' gives one value per row of data, but a KPI needs one value per window. Wrap it in an aggregate, e.g. percentile(95, …), avg(…), count(…), or promise it per item with 'objective each <dataset>: ${kpi.name} <= …'.`,
            { node: kpi, property: 'formula' });
    }
}

/** `kpi X unit ms = …`: the declared unit must be a unit, and fit the formula. */
function checkDeclaredUnit(kpi: Kpi, services: SlaServices, accept: ValidationAcceptor): void {
    if (!kpi.unit) return;
    const declared = typeOfUnit(kpi.unit);
    if (declared.kind === 'unknown') {
        const nearest = nearestUnits(kpi.unit);
        const unitNode = propertyNode(kpi, 'unit');
        report(accept, 'unit-unknown', `Unknown unit '${kpi.unit}' for the KPI '${kpi.name}': use a duration unit (ms, s, minutes, hours, days), % or an ISO 4217 currency code (EUR, USD, …).${nearest.length > 0 ? ` Did you mean ${nearest.map(u => `'${u}'`).join(' or ')}?` : ''}`,
            { node: kpi, property: 'unit' },
            { fixes: writeFixes(unitNode, nearest) });
        return;
    }
    if (!kpi.formula) return;
    const computed = services.types.TypeComputer.typeOf(kpi.formula);
    const plain = computed.kind === 'count' || computed.kind === 'number' || computed.kind === 'unknown';
    if (plain || computed.kind === declared.kind && (computed.kind !== 'money' || declared.kind !== 'money' || computed.currency === declared.currency)) return;
    report(accept, 'unit-mismatch',
        `The KPI '${kpi.name}' declares the unit '${kpi.unit}', but its formula gives ${typeName(computed)} values. Remove 'unit ${kpi.unit}' or change the formula.`,
        { node: kpi, property: 'unit' });
}

/** The percentile rank must be in (0, 100]. */
function checkPercentileRank(aggregate: Aggregate, accept: ValidationAcceptor): void {
    if (aggregate.function !== 'percentile' || !isNumberLiteral(aggregate.parameter) || aggregate.parameter.unit) return;
    const rank = aggregate.parameter.value;
    if (rank > 0 && rank <= 100) return;
    report(accept, 'target-out-of-range',
        `percentile(${rank}, …) is not a percentile: the rank must be above 0 and at most 100 (e.g. 95 for the 95th percentile).`,
        { node: aggregate, property: 'parameter' });
}

/** `elapsed(opened, responded)` in business or wall-clock time? The two differ by days. */
function checkBusinessClock(elapsed: Elapsed, documents: Parameters<typeof importedDocuments>[1], accept: ValidationAcceptor): void {
    if (elapsed.calendar || elapsed.wallClock) return;
    const closeParen = keywordNode(elapsed, ')');
    if (!closeParen) return;
    const calendars = visibleCalendarNames(elapsed, documents);
    const fixes = [
        ...calendars.map((name, i) => fix(`Measure during '${name}'`, [insertAfterNode(closeParen, ` during ${name}`)], i === 0)),
        fix("Measure wall-clock time", [insertAfterNode(closeParen, ' wall-clock')], calendars.length === 0)
    ];
    report(accept, 'business-clock-unclear',
        `Does this duration count every minute, or only working hours? 'elapsed(…)' without a clock reads both ways (a ticket opened Friday evening is 3 days or 1 hour old on Monday). Add 'during <calendar>'${calendars.length > 0 ? ` (e.g. 'during ${calendars[0]}')` : ''} or 'wall-clock'.`,
        { node: elapsed, keyword: 'elapsed' },
        { fixes });
}

function visibleCalendarNames(node: Elapsed, documents: Parameters<typeof importedDocuments>[1]): string[] {
    const names: string[] = [];
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (agreement) names.push(...agreement.members.filter(isCalendar).map(c => c.name));
    const root = AstUtils.findRootNode(node);
    if (isDocument(root)) {
        names.push(...root.elements.filter(isCalendar).map(c => c.name));
        try {
            for (const imported of importedDocuments(AstUtils.getDocument(root), documents)) {
                const importedRoot = imported.parseResult.value;
                if (isDocument(importedRoot)) names.push(...importedRoot.elements.filter(isCalendar).map(c => c.name));
            }
        } catch {
            // a document without a URI (a bare AST in a test): only local calendars
        }
    }
    return [...new Set(names.filter(Boolean))];
}

