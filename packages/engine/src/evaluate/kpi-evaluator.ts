import type { AgreementModel, Expr, WindowSpec } from '../model.js';
import type { AggregateSource, EvaluationPlan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { percentilesOfBuffers, SelectionScratch } from './percentile.js';
import type { ValueChannel } from './filter-group.js';
import { UptimeCalculator } from './uptime.js';
import type { PlannedWindow, WindowPlan } from './window-plan.js';

/** A KPI's value in one window (and scope), with what it was computed from. */
export interface WindowValue {
    value: number | null;
    /** Rows behind the value: the largest row count among the KPI's aggregates. */
    rows: number;
    /** Rows left out of the value because their end is missing (open tickets): the largest such count among the KPI's aggregates. */
    unresolved: number;
    /** Outages without an end inside the window, counted as ongoing until the end of the period. */
    openIncidents: number;
}

interface Accumulated {
    rows: number;
    unresolved: number;
    openIncidents: number;
}

/**
 * Evaluates KPI formulas per window and scope from the accumulators filled by the
 * dataset passes. KPIs that use KPIs are evaluated in the same window and scope.
 */
export class KpiEvaluator {
    private readonly uptimeCalculators = new Map<AggregateSource, UptimeCalculator>();
    private readonly scratch = new SelectionScratch();
    /** Per channel and (scope, segment range): all its percentiles, computed at first use. */
    private readonly percentileCache = new Map<ValueChannel, Map<string, (number | null)[]>>();

    constructor(
        private readonly plan: EvaluationPlan,
        private readonly model: AgreementModel,
        private readonly period: EvaluationPeriod
    ) {}

    evaluate(kpiKey: string, spec: WindowSpec, window: PlannedWindow, scopeField?: string, scopeValue?: unknown): WindowValue {
        const plan = this.plan.windowPlan(spec);
        const accumulated: Accumulated = { rows: 0, unresolved: 0, openIncidents: 0 };
        const value = this.evaluateKpi(kpiKey, plan, window, scopeField, scopeValue, accumulated, []);
        return { value, ...accumulated };
    }

    /** The values of the scope field seen in the data the KPI reads, sorted. */
    scopeValues(kpiKey: string, spec: WindowSpec, scopeField: string): unknown[] {
        const plan = this.plan.windowPlan(spec);
        const seen = new Set<unknown>();
        const visit = (key: string, visiting: string[]): void => {
            if (visiting.includes(key)) return;
            this.forEachSource(this.plan.kpiFormula(key), plan, scopeField, (source) => {
                const slot = source.kind === 'uptime' ? source.collector.scopeSlot : source.group.scopeSlot;
                if (slot >= 0) for (const value of source.scan.interners[slot]!.values) seen.add(value);
            }, (ref) => visit(ref, [...visiting, key]));
        };
        visit(kpiKey, []);
        return [...seen].sort(compareScopeValues);
    }

    private forEachSource(expr: Expr, plan: WindowPlan, scopeField: string | undefined, onSource: (source: AggregateSource) => void, onKpi: (key: string) => void): void {
        switch (expr.type) {
            case 'aggregate':
            case 'uptime':
                onSource(this.plan.sourceFor(expr, plan, scopeField));
                return;
            case 'share': {
                const { part, whole } = this.plan.shareNodes(expr);
                onSource(this.plan.sourceFor(part, plan, scopeField));
                onSource(this.plan.sourceFor(whole, plan, scopeField));
                return;
            }
            case 'kpi':
                onKpi(expr.key);
                return;
            case 'binary':
                this.forEachSource(expr.left, plan, scopeField, onSource, onKpi);
                this.forEachSource(expr.right, plan, scopeField, onSource, onKpi);
                return;
            case 'not':
            case 'negate':
                this.forEachSource(expr.operand, plan, scopeField, onSource, onKpi);
                return;
            default:
                return;
        }
    }

    private evaluateKpi(key: string, plan: WindowPlan, window: PlannedWindow, scopeField: string | undefined, scopeValue: unknown, acc: Accumulated, visiting: string[]): number | null {
        if (visiting.includes(key)) throw new Error(`KPI '${key}' refers to itself through ${visiting.join(' → ')}`);
        const path = [...visiting, key];
        const formula = this.plan.kpiFormula(key);
        const evaluate = (expr: Expr): number | null => {
            switch (expr.type) {
                case 'number':
                    return expr.value;
                case 'kpi':
                    return this.evaluateKpi(expr.key, plan, window, scopeField, scopeValue, acc, path);
                case 'negate': {
                    const operand = evaluate(expr.operand);
                    return operand === null ? null : -operand;
                }
                case 'binary': {
                    const left = evaluate(expr.left);
                    const right = evaluate(expr.right);
                    if (left === null || right === null) return null;
                    switch (expr.op) {
                        case '+': return left + right;
                        case '-': return left - right;
                        case '*': return left * right;
                        case '/': return right === 0 ? null : left / right; // zero denominator = no data
                        default: throw new Error(`'${expr.op}' does not give a KPI value`);
                    }
                }
                case 'aggregate':
                case 'uptime':
                    return this.sourceValue(this.plan.sourceFor(expr, plan, scopeField), window, scopeValue, acc);
                case 'share': {
                    const { part, whole } = this.plan.shareNodes(expr);
                    const numerator = this.sourceValue(this.plan.sourceFor(part, plan, scopeField), window, scopeValue, acc);
                    const denominator = this.sourceValue(this.plan.sourceFor(whole, plan, scopeField), window, scopeValue, acc);
                    return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
                }
                default:
                    throw new Error(`a '${expr.type}' expression does not give a KPI value on its own`);
            }
        };
        return evaluate(formula);
    }

    private sourceValue(source: AggregateSource, window: PlannedWindow, scopeValue: unknown, acc: Accumulated): number | null {
        if (source.kind === 'uptime') {
            const scopeId = source.collector.scopeSlot < 0 ? 0 : source.scan.interners[source.collector.scopeSlot]!.idOf(scopeValue);
            const result = this.uptimeCalculator(source).windowUptime(window.from, window.to, scopeId);
            acc.rows = Math.max(acc.rows, result.rows);
            acc.openIncidents = Math.max(acc.openIncidents, result.open);
            return result.value;
        }
        const first = window.firstSegment;
        const end = window.endSegment;
        const scopeId = source.group.scopeSlot < 0 ? 0 : source.scan.interners[source.group.scopeSlot]!.idOf(scopeValue);
        // No rows at all in the window and scope (not only none matching): the data is missing.
        const everything = scopeId < 0 ? undefined : source.allRows.scope(scopeId);
        if (everything === undefined || sumRange(everything.rows, first, end) === 0) return null;
        const matched = source.group.scope(scopeId);
        const rows = matched === undefined ? 0 : sumRange(matched.rows, first, end);
        acc.rows = Math.max(acc.rows, rows);
        if (matched !== undefined && source.group.open !== undefined) acc.unresolved = Math.max(acc.unresolved, sumRange(matched.unresolved, first, end));
        if (source.kind === 'count') return rows;
        const stats = scopeId < 0 ? undefined : source.channel.scope(scopeId);
        if (stats === undefined) return null;
        acc.unresolved = Math.max(acc.unresolved, sumRange(stats.unresolved, first, end));
        const n = sumRange(stats.count, first, end);
        if (n === 0) return null;
        switch (source.fn) {
            case 'sum':
                return compensatedSum(stats.sum, stats.sumError, first, end);
            case 'avg':
                return compensatedSum(stats.sum, stats.sumError, first, end) / n;
            case 'min': {
                let min = Infinity;
                for (let s = first; s < end; s++) if (stats.min[s]! < min) min = stats.min[s]!;
                return min;
            }
            case 'max': {
                let max = -Infinity;
                for (let s = first; s < end; s++) if (stats.max[s]! > max) max = stats.max[s]!;
                return max;
            }
            case 'percentile':
                return this.percentile(source.channel, scopeId, first, end, source.percentile);
        }
    }

    private percentile(channel: ValueChannel, scopeId: number, first: number, end: number, p: number): number | null {
        let byWindow = this.percentileCache.get(channel);
        if (byWindow === undefined) {
            byWindow = new Map();
            this.percentileCache.set(channel, byWindow);
        }
        const key = `${scopeId}:${first}:${end}`;
        let results = byWindow.get(key);
        if (results === undefined) {
            results = percentilesOfBuffers(channel.scope(scopeId)!.values!.slice(first, end), channel.percentiles, this.scratch);
            byWindow.set(key, results);
        }
        return results[channel.percentiles.indexOf(p)] ?? null;
    }

    private uptimeCalculator(source: Extract<AggregateSource, { kind: 'uptime' }>): UptimeCalculator {
        let calculator = this.uptimeCalculators.get(source);
        if (calculator === undefined) {
            calculator = new UptimeCalculator(source.expr, source.collector, this.period, this.model.timezone, this.model.calendars, this.model.maintenance);
            this.uptimeCalculators.set(source, calculator);
        }
        return calculator;
    }
}

/** The sum over segments of compensated partial sums, itself compensated. */
function compensatedSum(sums: Float64Array, errors: Float64Array, first: number, end: number): number {
    let sum = 0;
    let error = 0;
    for (let i = first; i < end; i++) {
        for (const value of [sums[i]!, errors[i]!]) {
            const next = sum + value;
            error += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
            sum = next;
        }
    }
    return sum + error;
}

function sumRange(values: Float64Array, first: number, end: number): number {
    let total = 0;
    for (let i = first; i < end; i++) total += values[i]!;
    return total;
}

function compareScopeValues(a: unknown, b: unknown): number {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'en');
}
