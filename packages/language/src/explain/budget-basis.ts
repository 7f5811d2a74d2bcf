/**
 * What an objective's error budget can be counted in: time, slices or rows only when the KPI's
 * value IS an `uptime(…)`, a `slices(…)` or a share of rows (`share(…)`, `count(…) / count(…)`
 * of one dataset), or 100 % minus one, or a KPI that names one. Any other formula changes what
 * a percentage point is worth: `100% - 2 * slices(…)` spends its 0.1 % with half the slices,
 * and `avg(loss)` is an average of percentages, no share of the samples at all.
 */
import { AstUtils } from 'langium';
import { isAggregate, isBinaryExpression, isDataset, isField, isKpi, isNameReference, isNumberLiteral, isShare, isTimeslices, isUptime,
    type Dataset, type Expression, type Kpi, type Selection, type Timeslices, type Uptime } from '../generated/ast.js';

export type BudgetBasis =
    /** `complemented`: the KPI is 100 % minus the uptime, the share of time down. */
    | { kind: 'uptime'; term: Uptime; complemented: boolean }
    | { kind: 'slices'; term: Timeslices }
    | { kind: 'rows'; dataset: Dataset };

/** The term the KPI's value is, or undefined when its formula does more than name it (or 100 % minus it). */
export function budgetBasis(kpi: Kpi): BudgetBasis | undefined {
    const seen = new Set<Kpi>([kpi]);
    let complemented = false;
    let value = throughKpiNames(kpi.formula, seen);
    for (let rest = hundredPercentMinus(value); rest; rest = hundredPercentMinus(value)) {
        complemented = !complemented;
        value = throughKpiNames(rest, seen);
    }
    if (isUptime(value)) return { kind: 'uptime', term: value, complemented };
    if (isTimeslices(value)) return { kind: 'slices', term: value };
    const dataset = rowShareDataset(value, seen);
    return dataset ? { kind: 'rows', dataset } : undefined;
}

/** The formula a chain of KPIs that only name another ends in (`kpi A = B`); undefined in a cycle. */
function throughKpiNames(expression: Expression | undefined, seen: Set<Kpi>): Expression | undefined {
    let current = expression;
    while (isNameReference(current) && isKpi(current.target?.ref)) {
        const kpi: Kpi = current.target.ref;
        if (seen.has(kpi)) return undefined;
        seen.add(kpi);
        current = kpi.formula;
    }
    return current;
}

/** `X` of `100% - X`. */
function hundredPercentMinus(expression: Expression | undefined): Expression | undefined {
    if (!isBinaryExpression(expression) || expression.operator !== '-') return undefined;
    const left = expression.left;
    return isNumberLiteral(left) && left.value === 100 && left.unit === '%' ? expression.right : undefined;
}

/** The dataset of `share(A of B)`, or of `count(A) / count(B)` over one dataset: a share of its rows. */
function rowShareDataset(expression: Expression | undefined, seen: Set<Kpi>): Dataset | undefined {
    if (isShare(expression)) return selectionDataset(expression.whole) ?? selectionDataset(expression.part);
    if (!isBinaryExpression(expression) || expression.operator !== '/') return undefined;
    const part = throughKpiNames(expression.left, seen);
    const whole = throughKpiNames(expression.right, seen);
    if (!isAggregate(part) || part.function !== 'count' || !isAggregate(whole) || whole.function !== 'count') return undefined;
    const dataset = selectionDataset(whole.selection);
    return dataset && selectionDataset(part.selection) === dataset ? dataset : undefined;
}

/** `requests` (or a field of it) in `requests where …`. */
function selectionDataset(selection: Selection | undefined): Dataset | undefined {
    const value = selection?.value;
    const target = isNameReference(value) ? value.target?.ref : undefined;
    if (isDataset(target)) return target;
    return isField(target) ? AstUtils.getContainerOfType(target, isDataset) : undefined;
}
