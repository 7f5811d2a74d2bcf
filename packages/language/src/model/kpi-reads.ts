/** What a KPI reads through the KPIs it names: its datasets, and whether it measures uptime. */
import { AstUtils, type AstNode } from 'langium';
import { astNodes } from './ast-walk.js';
import { isDataset, isField, isKpi, isNameReference, isTimeslices, isUptime, type Dataset, type Expression, type Kpi, type Timeslices, type Uptime } from '../generated/ast.js';

/**
 * The nodes of a KPI's formula and, where it names another KPI, of that KPI's formula in
 * its place, each KPI once: the order recursion would take, kept on an explicit stack so
 * that a chain of thousands of KPIs does not overflow the call stack.
 */
function* formulaNodesThroughKpis(kpi: Kpi): Generator<AstNode> {
    yield* expressionNodesThroughKpis(kpi.formula, kpi);
}

/** The nodes of an expression and of the formulas of the KPIs it names (each once; `start` not entered again). */
export function* expressionNodesThroughKpis(expression: Expression | undefined, start?: Kpi): Generator<AstNode> {
    const seen = new Set<Kpi>(start ? [start] : []);
    const stack: Iterator<AstNode>[] = expression ? [astNodes(expression).values()] : [];
    while (stack.length > 0) {
        const step = stack[stack.length - 1]!.next();
        if (step.done) {
            stack.pop();
            continue;
        }
        const node = step.value;
        yield node;
        const target = isNameReference(node) ? node.target?.ref : undefined;
        if (isKpi(target) && !seen.has(target) && target.formula) {
            seen.add(target);
            stack.push(astNodes(target.formula).values());
        }
    }
}

/** Datasets a KPI reads, through the KPIs it refers to as well, in order of first use. */
export function datasetsRead(kpi: Kpi): Dataset[] {
    const result: Dataset[] = [];
    const add = (dataset: Dataset | undefined) => { if (dataset && !result.includes(dataset)) result.push(dataset); };
    for (const node of formulaNodesThroughKpis(kpi)) {
        if (!isNameReference(node)) continue;
        const target = node.target?.ref;
        if (isDataset(target)) add(target);
        else if (isField(target)) add(AstUtils.getContainerOfType(target, isDataset));
    }
    return result;
}

/**
 * `datasetsRead` for many KPIs at once (the whole agreement in `sla explain`): each KPI's
 * list is built once from those of the KPIs it names, so a chain of n KPIs costs n, not n².
 * Inside a cycle a KPI's list stops where the cycle closes (sla/kpi-cycle reports it).
 */
export function datasetsReader(): (kpi: Kpi) => Dataset[] {
    const memo = new Map<Kpi, Dataset[]>();
    const onPath = new Set<Kpi>();
    const own = (kpi: Kpi): Dataset[] => {
        const result: Dataset[] = [];
        const add = (dataset: Dataset | undefined) => { if (dataset && !result.includes(dataset)) result.push(dataset); };
        if (!kpi.formula) return result;
        for (const node of astNodes(kpi.formula)) {
            const target = isNameReference(node) ? node.target?.ref : undefined;
            if (isDataset(target)) add(target);
            else if (isField(target)) add(AstUtils.getContainerOfType(target, isDataset));
            else if (isKpi(target)) memo.get(target)?.forEach(add);
        }
        return result;
    };
    return (kpi: Kpi) => {
        // Post-order over the KPIs named, on an explicit stack: each list after those it uses.
        const stack: Array<{ kpi: Kpi; next: Iterator<AstNode> }> = [];
        const enter = (k: Kpi) => {
            onPath.add(k);
            stack.push({ kpi: k, next: k.formula ? astNodes(k.formula).values() : [].values() });
        };
        if (!memo.has(kpi)) enter(kpi);
        while (stack.length > 0) {
            const frame = stack[stack.length - 1]!;
            const step = frame.next.next();
            if (step.done) {
                stack.pop();
                onPath.delete(frame.kpi);
                memo.set(frame.kpi, own(frame.kpi));
                continue;
            }
            const target = isNameReference(step.value) ? step.value.target?.ref : undefined;
            if (isKpi(target) && !memo.has(target) && !onPath.has(target)) enter(target);
        }
        return memo.get(kpi) ?? [];
    };
}

/** True when the KPI is a time-weighted availability (its budget is time, not events). */
export function measuresUptime(kpi: Kpi): boolean {
    for (const node of formulaNodesThroughKpis(kpi)) if (isUptime(node)) return true;
    return false;
}

/** The `uptime(…)` terms of the KPI, through the KPIs it names: what its eligible time is made of. */
export function uptimeTerms(kpi: Kpi): Uptime[] {
    const terms: Uptime[] = [];
    for (const node of formulaNodesThroughKpis(kpi)) if (isUptime(node)) terms.push(node);
    return terms;
}

/** Datasets a formula outside a KPI reads (a fee from billing data), through the KPIs it names. */
export function formulaDatasets(formula: Expression): Dataset[] {
    const result: Dataset[] = [];
    const add = (dataset: Dataset | undefined) => { if (dataset && !result.includes(dataset)) result.push(dataset); };
    for (const node of astNodes(formula)) {
        const target = isNameReference(node) ? node.target?.ref : undefined;
        if (isDataset(target)) add(target);
        else if (isField(target)) add(AstUtils.getContainerOfType(target, isDataset));
        else if (isKpi(target)) datasetsRead(target).forEach(add);
    }
    return result;
}

/** The `slices(…)` terms of the KPI, through the KPIs it names. */
export function timeslicesTerms(kpi: Kpi): Timeslices[] {
    const terms: Timeslices[] = [];
    for (const node of formulaNodesThroughKpis(kpi)) if (isTimeslices(node)) terms.push(node);
    return terms;
}

/** The datasets an expression reads, through the KPIs it names. */
export function datasetsOfExpression(expression: Expression | undefined): Dataset[] {
    const result: Dataset[] = [];
    for (const node of expressionNodesThroughKpis(expression)) {
        const target = isNameReference(node) ? node.target?.ref : undefined;
        const dataset = isDataset(target) ? target : isField(target) ? AstUtils.getContainerOfType(target, isDataset) : undefined;
        if (dataset && !result.includes(dataset)) result.push(dataset);
    }
    return result;
}
