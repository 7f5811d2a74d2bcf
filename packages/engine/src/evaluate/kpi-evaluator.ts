import type { AgreementModel, ComparisonOp, Expr, TimeslicesExpr, WindowSpec } from '../model.js';
import type { AggregateSource, DatasetScan, EvaluationPlan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { kpiDatasets, type DataCoverage } from './data-coverage.js';
import { add, compare, divide, EXACT_ZERO, exactInteger, exactOf, exactOfDouble, isInfinite, multiply, negate, subtract, toNumber, type Exact } from './exact-value.js';
import { nearestRank, percentilesOfBuffers, SelectionScratch } from './percentile.js';
import type { ValueBuffer } from './value-buffer.js';
import type { ValueChannel } from './filter-group.js';
import { OpenRowJudge, type OpenReading } from './open-rows.js';
import { openRowDirection } from './open-row-direction.js';
import { UptimeCalculator } from './uptime.js';
import type { PlannedWindow, WindowPlan } from './window-plan.js';
import { slicesOf, type SlicePlan } from './slice-plan.js';
import { aggregateSlices, sliceIsBad, type RunNeighbours, type SliceSummary, type SliceValue } from './timeslices.js';
import { judgeSliceCondition } from './slice-condition.js';

/** A KPI's value in one window (and scope), with what it was computed from. */
export interface WindowValue {
    /** The double nearest to `exact` (for display and the JSON report). */
    value: number | null;
    /** The value itself, as the data's decimals give it: statuses, margins and tiers are decided on it. */
    exact: Exact | null;
    /** Rows behind the value: the largest row count among the KPI's aggregates. */
    rows: number;
    /** Open rows (an elapsed end missing) in the window: pending + failedOpen + passedOpen. */
    unresolved: number;
    /** Open rows that could still pass: left out of the value (both sides of a ratio). */
    pending: number;
    /** Open rows already decided by their elapsed time so far (failed, or in a value at that time); where no objective tells which way, all decided rows. */
    failedOpen: number;
    /** Open rows already decided by their elapsed time so far as passing the objective (open-row-direction.ts). */
    passedOpen: number;
    /** The value counts open rows at their elapsed time so far: the true value is at least this. */
    atLeast: boolean;
    /** Outages without an end inside the window, counted as ongoing until the end of the period. */
    openIncidents: number;
    /**
     * The value if every open row (and open outage) ended at the instant the data are known to,
     * and if none ever ended: the extremes that tell whether the outcome is provisional.
     * Empty when nothing open could change it.
     */
    alternatives: (Exact | null)[];
    /** The window starts at or after the coverage end of every dataset the KPI reads: no data. */
    afterDataEnd: boolean;
    /** The coverage end (epoch ms) when it lies inside the window. */
    dataEnd: number | null;
    /** The KPI's slices in this window, when it has a `slices(…)` term (its first). */
    slices?: SliceSummary;
    /** Every `slices(…)` term of the KPI, in the order evaluated, when it has two or more. */
    sliceTerms?: SliceSummary[];
    /** `uptime(…, across f of inventory)`: the scope's deployment has fewer than two instances (how many): no value. */
    notReplicated?: { instances: number; needed?: number };
    /** `uptime(…, deployed in …)`: outage time of resources while not deployed (no downtime), and which resources. */
    notDeployed?: { ms: number; resources: string[] };
    /** `uptime(…, deployed in …)`: the eligible time summed over the resources while deployed (the credit formulas' `eligible`). */
    deployedEligibleMs?: number;
}

/** The objective a KPI is judged by: an open row whose value so far already fails it counts (a lower bound). */
export interface OpenRowLimit {
    comparison: ComparisonOp;
    target: number;
}

interface Accumulated {
    rows: number;
    /** The slices of the KPI's first `slices(…)` term in this window. */
    slices?: SliceSummary;
    /** The slices of each `slices(…)` term, in the order evaluated. */
    sliceTerms?: SliceSummary[];
    /** `across … of <inventory>`: the deployment has fewer than two instances in this scope (how many). */
    notReplicated?: number;
    /** `across … at least N down` with N above two: the instances a deployment needs (fewer: not replicated). */
    instancesNeeded?: number;
    /** `deployed in …`: outage time of resources while not deployed, and which resources. */
    notDeployed?: { ms: number; resources: Set<string> };
    /** `deployed in …`: the eligible time summed over the resources. */
    deployedEligibleMs?: number;
    openIncidents: number;
    /** An open outage's end is unknown inside the window (the data end before it). */
    outageUnknown: boolean;
    /**
     * `at least N consecutive`: a run of bad slices reaches the data end, inside the window or at
     * its end (aggregateSlices' `runAtDataEnd`): whether it counts is not known yet.
     */
    runUnknown?: boolean;
    atLeast: boolean;
}

function emptyAccumulated(): Accumulated {
    return { rows: 0, openIncidents: 0, outageUnknown: false, atLeast: false };
}

/** Where a formula is evaluated: a window (or a slice of one) of a plan, in one scope. */
interface EvaluationContext {
    plan: WindowPlan;
    window: PlannedWindow;
    scopeField: string | undefined;
    scopeValue: unknown;
    acc: Accumulated;
    /** The KPIs being evaluated, outermost first. */
    path: string[];
    reading: Reading;
}

/** How open rows enter a value: as known (pending ones excluded), or all ended now, or never. */
interface Reading {
    reading: OpenReading;
    excluded: ReadonlyMap<DatasetScan, ReadonlySet<number>>;
    failing: ((value: number) => boolean) | undefined;
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

    private readonly coverageEnds = new Map<string, { end: number; shown: number; rowsUntil: number }>();
    private readonly open: OpenRowJudge;

    constructor(
        private readonly plan: EvaluationPlan,
        private readonly model: AgreementModel,
        private readonly period: EvaluationPeriod,
        private readonly coverage: ReadonlyMap<string, DataCoverage>
    ) {
        this.open = new OpenRowJudge((scan) => coverage.get(scan.name)?.knownUntil ?? period.end);
    }

    evaluate(kpiKey: string, spec: WindowSpec, window: PlannedWindow, scopeField?: string, scopeValue?: unknown, limit?: OpenRowLimit): WindowValue {
        const plan = this.plan.windowPlan(spec);
        const result: WindowValue = { value: null, exact: null, rows: 0, unresolved: 0, pending: 0, failedOpen: 0, passedOpen: 0, atLeast: false, openIncidents: 0, alternatives: [], afterDataEnd: false, dataEnd: null };
        const { end, shown } = this.coverageEnd(kpiKey);
        if (window.from >= end) return { ...result, afterDataEnd: true };
        if (end < window.to) result.dataEnd = shown;

        const failing = this.failingTest(kpiKey, limit);
        const sources = this.sources(kpiKey, plan, scopeField);
        // Judged by an objective: its comparison tells whether a decided open row passed or failed (worked out when one is found).
        const direction = limit === undefined ? undefined : () => openRowDirection(this.plan, kpiKey, plan, scopeField, limit.comparison);
        const { pending, failed, passed } = this.open.tally(sources, window, scopeValue, failing, direction);
        const known: Reading = { reading: 'known', excluded: pending, failing };
        const accumulated = emptyAccumulated();
        result.exact = this.evaluateKpi(kpiKey, plan, window, scopeField, scopeValue, accumulated, [], known);
        result.value = result.exact === null ? null : toNumber(result.exact);
        result.rows = accumulated.rows;
        result.openIncidents = accumulated.openIncidents;
        result.atLeast = accumulated.atLeast;
        if (accumulated.slices !== undefined) result.slices = accumulated.slices;
        if (accumulated.sliceTerms !== undefined && accumulated.sliceTerms.length > 1) result.sliceTerms = accumulated.sliceTerms;
        if (accumulated.notReplicated !== undefined) result.notReplicated = { instances: accumulated.notReplicated, ...(accumulated.instancesNeeded === undefined ? {} : { needed: accumulated.instancesNeeded }) };
        if (accumulated.notDeployed !== undefined) result.notDeployed = { ms: accumulated.notDeployed.ms, resources: [...accumulated.notDeployed.resources].sort() };
        if (accumulated.deployedEligibleMs !== undefined) result.deployedEligibleMs = accumulated.deployedEligibleMs;
        result.pending = sizeOf(pending);
        result.failedOpen = sizeOf(failed);
        result.passedOpen = sizeOf(passed);
        result.unresolved = result.pending + result.failedOpen + result.passedOpen;
        if (result.unresolved > 0 || accumulated.outageUnknown || accumulated.runUnknown === true) {
            const none = new Map<DatasetScan, Set<number>>();
            result.alternatives = (['now', 'never'] as const).map((reading) =>
                this.evaluateKpi(kpiKey, plan, window, scopeField, scopeValue, emptyAccumulated(), [], { reading, excluded: none, failing: undefined }));
        }
        return result;
    }

    /** The open rows kept apart by the passes, judged: for the report's list. */
    get openRows(): OpenRowJudge {
        return this.open;
    }

    /**
     * The latest coverage end of the datasets a KPI reads (-Infinity: none has data), and
     * the instant to show for it (a last event's own time rather than the millisecond after).
     */
    private coverageEnd(kpiKey: string): { end: number; shown: number; rowsUntil: number } {
        let found = this.coverageEnds.get(kpiKey);
        if (found === undefined) {
            const names = kpiDatasets(this.model, kpiKey);
            found = { end: names.size === 0 ? Infinity : -Infinity, shown: Infinity, rowsUntil: names.size === 0 ? Infinity : -Infinity }; // a KPI reading no data is not cut by any data end
            for (const name of names) {
                const coverage = this.coverage.get(name);
                const end = coverage?.end ?? Infinity;
                if (end > found.end) found = { ...found, end, shown: coverage?.basis === 'last event' ? end - 1 : end };
                found.rowsUntil = Math.max(found.rowsUntil, coverage?.rowsUntil ?? Infinity);
            }
            this.coverageEnds.set(kpiKey, found);
        }
        return found;
    }

    /**
     * When the KPI is one aggregate of values (max, avg, percentile … of an elapsed time)
     * judged by `<=` or `<`, an open row whose value so far already exceeds the target
     * has failed: it counts with that value. Otherwise open rows are pending.
     * Compared exactly, as the window's value is (a value equal to the target has not failed).
     */
    private failingTest(kpiKey: string, limit: OpenRowLimit | undefined): ((value: number) => boolean) | undefined {
        if (limit === undefined) return undefined;
        let formula = this.plan.kpiFormula(kpiKey);
        for (let depth = 0; formula.type === 'kpi' && depth < 100; depth++) formula = this.plan.kpiFormula(formula.key);
        if (formula.type !== 'aggregate' || formula.fn === 'count') return undefined;
        const target = exactOf(limit.target);
        if (limit.comparison === '<=') return (value) => compare(exactOf(value), target) > 0;
        if (limit.comparison === '<') return (value) => compare(exactOf(value), target) >= 0;
        return undefined;
    }

    /** Every aggregate a KPI reads (through the KPIs it uses), once each. */
    private sources(kpiKey: string, plan: WindowPlan, scopeField: string | undefined): AggregateSource[] {
        const found = new Set<AggregateSource>();
        const visit = (key: string, visiting: string[]): void => {
            if (visiting.includes(key)) return;
            this.forEachSource(this.plan.kpiFormula(key), plan, scopeField, (source) => found.add(source), (ref) => visit(ref, [...visiting, key]));
        };
        visit(kpiKey, []);
        return [...found];
    }

    /**
     * `for each F` on an optional F: how many rows without F one of the KPI's aggregates read in
     * the window (the most of any, as a window's row count is): the rows of the unscoped twin the
     * plan registered (agreement-plan.ts) less those of every F value. Rows are closed rows;
     * aggregates inside `slices(…)` are not counted.
     */
    rowsWithoutScope(kpiKey: string, spec: WindowSpec, window: PlannedWindow, scopeField: string): number {
        const plan = this.plan.windowPlan(spec);
        const scoped = this.sourceList(kpiKey, plan, scopeField);
        const whole = this.sourceList(kpiKey, plan, undefined);
        let most = 0;
        scoped.forEach((source, i) => {
            const twin = whole[i]!;
            let missing = this.closedRows(twin, window, 0);
            const slot = source.kind === 'uptime' ? source.collector.scopeSlot : source.group.scopeSlot;
            const values = slot < 0 ? [] : source.scan.interners[slot]!.values;
            for (let id = 0; id < values.length; id++) missing -= this.closedRows(source, window, id);
            most = Math.max(most, missing);
        });
        return most;
    }

    /** Every aggregate the KPI reads, in formula order, repeated where repeated (sourceList(k, p, F)[i] and sourceList(k, p, undefined)[i] are one node's). */
    private sourceList(kpiKey: string, plan: WindowPlan, scopeField: string | undefined): AggregateSource[] {
        const found: AggregateSource[] = [];
        const visit = (key: string, visiting: string[]): void => {
            if (visiting.includes(key)) return;
            this.forEachSource(this.plan.kpiFormula(key), plan, scopeField, (source) => found.push(source), (ref) => visit(ref, [...visiting, key]));
        };
        visit(kpiKey, []);
        return found;
    }

    /** The closed rows a source read in the window for one scope id (outage rows for an uptime). */
    private closedRows(source: AggregateSource, window: PlannedWindow, scopeId: number): number {
        if (source.kind === 'uptime') return this.uptimeCalculator(source).windowUptime(window.from, window.to, scopeId).rows;
        const matched = source.group.scope(scopeId);
        return matched === undefined ? 0 : sumRange(matched.rows, window.firstSegment, window.endSegment);
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
                // A deployment in the inventory without any outage is a scope too (its uptime is 100 %).
                if (source.kind === 'uptime' && source.inventory !== undefined) for (const value of source.inventory.scopeValues()) seen.add(value);
                // So is a resource deployed without any outage (`deployed in …`, for each database).
                if (source.kind === 'uptime' && source.deployments !== undefined) for (const value of source.deployments.scopeValues()) seen.add(value);
            }, (ref) => visit(ref, [...visiting, key]), true);
        };
        visit(kpiKey, []);
        return [...seen].sort(compareScopeValues);
    }

    /**
     * `intoSlices`: also the aggregates inside `slices(…)` (bucketed by slice: their open rows
     * are judged per slice, so the window's tally of open rows leaves them out).
     */
    private forEachSource(expr: Expr, plan: WindowPlan, scopeField: string | undefined, onSource: (source: AggregateSource) => void, onKpi: (key: string) => void, intoSlices = false): void {
        switch (expr.type) {
            case 'timeslices':
                if (intoSlices && !('sliceMs' in plan)) this.forEachSource(expr.value, this.plan.slicePlan(plan, expr), scopeField, onSource, onKpi, intoSlices);
                return;
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
                this.forEachSource(expr.left, plan, scopeField, onSource, onKpi, intoSlices);
                this.forEachSource(expr.right, plan, scopeField, onSource, onKpi, intoSlices);
                return;
            case 'not':
            case 'negate':
                this.forEachSource(expr.operand, plan, scopeField, onSource, onKpi, intoSlices);
                return;
            default:
                return;
        }
    }

    private evaluateKpi(key: string, plan: WindowPlan, window: PlannedWindow, scopeField: string | undefined, scopeValue: unknown, acc: Accumulated, visiting: string[], reading: Reading): Exact | null {
        if (visiting.includes(key)) throw new Error(`KPI '${key}' refers to itself through ${visiting.join(' → ')}`);
        const context: EvaluationContext = { plan, window, scopeField, scopeValue, acc, path: [...visiting, key], reading };
        return this.evaluateExpression(this.plan.kpiFormula(key), context);
    }

    /** A value of a formula in one window (or slice) and scope. Exact arithmetic throughout: literals and data values are the decimals they were written as. */
    private evaluateExpression(expr: Expr, context: EvaluationContext): Exact | null {
        const { plan, window, scopeField, scopeValue, acc, reading } = context;
        switch (expr.type) {
            case 'number':
                return exactOf(expr.value);
            case 'kpi':
                return this.evaluateKpi(expr.key, plan, window, scopeField, scopeValue, acc, context.path, reading);
            case 'negate': {
                const operand = this.evaluateExpression(expr.operand, context);
                return operand === null ? null : negate(operand);
            }
            case 'binary': {
                const left = this.evaluateExpression(expr.left, context);
                const right = this.evaluateExpression(expr.right, context);
                if (left === null || right === null) return null;
                // An open row that never ends makes a value infinite ('never' extreme): IEEE rules there, ∞ − ∞ is no value.
                if (expr.op !== '/' && (isInfinite(left) || isInfinite(right))) return exactOfDouble(doubleArithmetic(expr.op, toNumber(left), toNumber(right)));
                switch (expr.op) {
                    case '+': return add(left, right);
                    case '-': return subtract(left, right);
                    case '*': return multiply(left, right);
                    case '/': return divide(left, right); // zero denominator = no data
                    default: throw new Error(`'${expr.op}' does not give a KPI value`);
                }
            }
            case 'aggregate':
            case 'uptime':
                return this.sourceValue(this.plan.sourceFor(expr, plan, scopeField), window, scopeValue, acc, reading);
            case 'share': {
                const { part, whole } = this.plan.shareNodes(expr);
                const numerator = this.sourceValue(this.plan.sourceFor(part, plan, scopeField), window, scopeValue, acc, reading);
                const denominator = this.sourceValue(this.plan.sourceFor(whole, plan, scopeField), window, scopeValue, acc, reading);
                return numerator === null || denominator === null ? null : divide(numerator, denominator);
            }
            case 'timeslices':
                return this.timeslices(expr, context);
            default:
                throw new Error(`a '${expr.type}' expression does not give a KPI value on its own`);
        }
    }

    /**
     * `slices(…)`: the window's slices (slice-plan.ts), each valued with the same
     * accumulators as a window (one segment, or a few), aggregated by timeslices.ts.
     * Slices after the data end of the KPI's datasets are unknown, not empty.
     */
    private timeslices(expr: TimeslicesExpr, context: EvaluationContext): Exact | null {
        if ('sliceMs' in context.plan) throw new Error('slices(…) cannot be nested in slices(…)');
        const slicePlan = this.plan.slicePlan(context.plan, expr);
        const slices = slicesOf(slicePlan, context.window);
        const { end: knownUntil, rowsUntil } = this.coverageEnd(context.path[0]!);
        let rows = 0;
        const condition = expr.aggregation !== 'avg';
        const neighbours = condition && (expr.minimumRun ?? 1) > 1 ? this.runNeighbours(expr, slicePlan, context, rowsUntil) : undefined;
        const { exact, summary } = aggregateSlices(expr, slices, knownUntil, (slice) => {
            const sliceAcc = emptyAccumulated();
            const value = this.sliceValue(expr, slicePlan, context, slice, sliceAcc);
            rows += sliceAcc.rows;
            if (sliceAcc.atLeast) context.acc.atLeast = true;
            context.acc.openIncidents = Math.max(context.acc.openIncidents, sliceAcc.openIncidents);
            if (sliceAcc.outageUnknown) context.acc.outageUnknown = true;
            // Slices do not overlap: their outage time while not deployed adds up.
            if (sliceAcc.notDeployed !== undefined) {
                const seen = (context.acc.notDeployed ??= { ms: 0, resources: new Set() });
                seen.ms += sliceAcc.notDeployed.ms;
                for (const resource of sliceAcc.notDeployed.resources) seen.resources.add(resource);
            }
            return value;
        }, neighbours);
        // A run cut at the data end that could still count: the window's extremes (evaluate's alternatives) tell whether that matters.
        if (summary.runAtDataEnd !== undefined) context.acc.runUnknown = true;
        context.acc.rows = Math.max(context.acc.rows, rows);
        context.acc.slices ??= summary;
        (context.acc.sliceTerms ??= []).push(summary);
        return exact;
    }

    /** One slice's value (`avg of`) or whether its condition holds (the others), its facts into `acc`. */
    private sliceValue(expr: TimeslicesExpr, slicePlan: SlicePlan, context: EvaluationContext, slice: PlannedWindow, acc: Accumulated): SliceValue {
        const sliceContext: EvaluationContext = { ...context, plan: slicePlan, window: slice, acc };
        return expr.aggregation === 'avg' ? this.evaluateExpression(expr.value, sliceContext) : judgeSliceCondition(expr.value, (side) => this.evaluateExpression(side, sliceContext));
    }

    /**
     * `at least N consecutive`: the bad slices in a row just before the window and just after it
     * (at most N − 1 each: more change nothing), read from the windows of the plan that end where
     * it starts and start where it ends — the month before and the month after, for calendar
     * windows. A Downtime Period of five minutes from 23:58 to 00:03 is one run: its two minutes
     * count in the first month and its three in the second. At the evaluation period's edges the
     * slice plan's run margins stand in for that window (run-margins.ts: `--from`, `--to`, the
     * present). Without either (the validity's edges; a window the period cuts; a rolling window
     * when no window of the plan ends exactly at its start) a run is cut there, as at a slice ruled
     * `no data`. The slices outside are valued as the window's are, but add nothing to its row counts or notes.
     *
     * `knownUntil`: how far rows are known (DataCoverage.rowsUntil: under `--to`, past the period).
     * Slices after the data end (inside the window or after it) are not known: a run reaching
     * them is cut (aggregateSlices says so in `runAtDataEnd`, and the window is provisional when
     * that changes its status). The two extremes (KpiEvaluator.evaluate's alternatives) read them
     * as good (`now`: the run ends at the data end) and as bad (`never`: it goes on through them).
     */
    private runNeighbours(expr: TimeslicesExpr, slicePlan: SlicePlan, context: EvaluationContext, knownUntil: number): RunNeighbours {
        const limit = (expr.minimumRun ?? 1) - 1;
        const window = context.window;
        let unknownAfter = false;
        const badInRow = (slices: readonly PlannedWindow[]): number => {
            let count = 0;
            for (const slice of slices) {
                if (count >= limit) break;
                if (slice.from >= knownUntil) {
                    unknownAfter = true;
                    if (context.reading.reading !== 'never') break;
                    count++;
                    continue;
                }
                if (sliceIsBad(expr, this.sliceValue(expr, slicePlan, context, slice, emptyAccumulated())) !== true) break;
                count++;
            }
            return count;
        };
        // A window of the plan next to this one; else, at the evaluation period's edge, the slices read beyond it (run-margins.ts).
        const margins = slicePlan.margins;
        const before = context.plan.windows.find((other) => other.to === window.from && other.from < window.from) ?? (margins.before?.to === window.from && window.from === window.start ? margins.before : undefined);
        const after = context.plan.windows.find((other) => other.from === window.to && other.to > window.to) ?? (margins.after?.from === window.to && window.to === window.end ? margins.after : undefined);
        const bad = {
            before: before === undefined ? 0 : badInRow(slicesOf(slicePlan, before).slice(-limit).reverse()),
            after: after === undefined ? 0 : badInRow(slicesOf(slicePlan, after).slice(0, limit))
        };
        return { ...bad, unknownAfter, unknownAsBad: context.reading.reading === 'never' };
    }

    private sourceValue(source: AggregateSource, window: PlannedWindow, scopeValue: unknown, acc: Accumulated, reading: Reading): Exact | null {
        if (source.kind === 'uptime') {
            const scopeId = source.collector.scopeSlot < 0 ? 0 : source.scan.interners[source.collector.scopeSlot]!.idOf(scopeValue);
            const knownUntil = this.open.knownUntil(source.scan);
            // Open outages last until the end of the period; the 'now' extreme ends them where the data end.
            const openEnd = reading.reading === 'now' && knownUntil < window.to ? knownUntil : undefined;
            const result = this.uptimeCalculator(source).windowUptime(window.from, window.to, scopeId, openEnd, scopeValue);
            acc.rows = Math.max(acc.rows, result.rows);
            acc.openIncidents = Math.max(acc.openIncidents, result.open);
            if (result.open > 0 && knownUntil < window.to) acc.outageUnknown = true;
            if (source.deployments !== undefined) {
                acc.deployedEligibleMs = result.eligibleMs;
                // The same outage read twice in a formula is one outage: the largest time, every resource named.
                if (result.notDeployed !== undefined) {
                    const seen = (acc.notDeployed ??= { ms: 0, resources: new Set() });
                    seen.ms = Math.max(seen.ms, result.notDeployed.ms);
                    for (const resource of result.notDeployed.resources) seen.resources.add(resource);
                }
            }
            // Two instances at least (one is not replicated); with `at least N down`, N (fewer could never be down as counted).
            const needed = Math.max(2, source.expr.across?.atLeast ?? 2);
            if (result.instances !== undefined && result.instances < needed) {
                acc.notReplicated = Math.min(acc.notReplicated ?? Infinity, result.instances);
                if (needed > 2) acc.instancesNeeded = needed;
                return null;
            }
            // (eligible − downtime) / eligible: an exact fraction (downtime weighted by exact decimal shares).
            return result.eligibleMs > 0 ? divide(subtract(exactInteger(result.eligibleMs), result.downtimeExact), exactInteger(result.eligibleMs)) : null;
        }
        const first = window.firstSegment;
        const end = window.endSegment;
        const scopeId = source.group.scopeSlot < 0 ? 0 : source.scan.interners[source.group.scopeSlot]!.idOf(scopeValue);
        // The open rows of the window and scope that this reading counts (judged: see open-rows.ts).
        const open = scopeId < 0 ? { all: 0, matched: 0, values: [] as number[], atLeast: false } : this.open.contribution(source, window, scopeId, reading.reading, reading.excluded.get(source.scan), reading.failing);
        // No rows at all in the window and scope (not only none matching): the data is missing.
        const everything = scopeId < 0 ? undefined : source.allRows.scope(scopeId);
        if ((everything === undefined ? 0 : sumRange(everything.rows, first, end)) + open.all === 0) return null;
        const matched = source.group.scope(scopeId);
        const rows = (matched === undefined ? 0 : sumRange(matched.rows, first, end)) + open.matched;
        acc.rows = Math.max(acc.rows, rows);
        if (source.kind === 'count') return exactInteger(rows);
        if (open.atLeast) acc.atLeast = true;
        const extra = open.values;
        const stats = scopeId < 0 ? undefined : source.channel.scope(scopeId);
        const n = (stats === undefined ? 0 : sumRange(stats.count, first, end)) + extra.length;
        if (n === 0) return null;
        switch (source.fn) {
            case 'sum':
                return sumWith(stats?.sums.range(first, end), extra);
            case 'avg':
                return divide(sumWith(stats?.sums.range(first, end), extra), exactInteger(n));
            case 'min': {
                let min = Infinity;
                if (stats !== undefined) for (let s = first; s < end; s++) if (stats.min[s]! < min) min = stats.min[s]!;
                for (const value of extra) if (value < min) min = value;
                return exactOfDouble(min);
            }
            case 'max': {
                let max = -Infinity;
                if (stats !== undefined) for (let s = first; s < end; s++) if (stats.max[s]! > max) max = stats.max[s]!;
                for (const value of extra) if (value > max) max = value;
                return exactOfDouble(max);
            }
            case 'percentile': {
                const value = extra.length === 0 ? this.percentile(source.channel, scopeId, first, end, source.percentile) : percentileWith(stats?.values?.slice(first, end) ?? [], extra, source.percentile);
                return value === null ? null : exactOfDouble(value);
            }
        }
    }

    private percentile(channel: ValueChannel, scopeId: number, first: number, end: number, p: number): number | null {
        const pushed = channel.pushedPercentiles?.get(`${scopeId}:${first}:${end}`);
        if (pushed !== undefined) return pushed[channel.percentiles.indexOf(p)] ?? null;
        let byWindow = this.percentileCache.get(channel);
        if (byWindow === undefined) {
            byWindow = new Map();
            this.percentileCache.set(channel, byWindow);
        }
        const key = `${scopeId}:${first}:${end}`;
        let results = byWindow.get(key);
        if (results === undefined) {
            const buffers = channel.scope(scopeId)!.values!.slice(first, end);
            // Worked out during the pass from the values the window holds now (see ValueChannel.earlyPercentiles)?
            const early = channel.earlyPercentiles.get(key);
            results = early !== undefined && early.count === valueCount(buffers) ? early.results : percentilesOfBuffers(buffers, channel.percentiles, this.scratch);
            byWindow.set(key, results);
        }
        return results[channel.percentiles.indexOf(p)] ?? null;
    }

    private uptimeCalculator(source: Extract<AggregateSource, { kind: 'uptime' }>): UptimeCalculator {
        let calculator = this.uptimeCalculators.get(source);
        if (calculator === undefined) {
            calculator = new UptimeCalculator(source.expr, source.collector, this.period, this.model.timezone, this.model.calendars, this.model.maintenance, source.inventory, source.scopeField, source.deployments);
            this.uptimeCalculators.set(source, calculator);
        }
        return calculator;
    }
}

/** The exact sum of the passes' values plus open rows' values (each read as its decimal, ∞ for one never ending; open rows are few). */
function sumWith(sum: Exact | undefined, extra: readonly number[]): Exact {
    let total = sum ?? EXACT_ZERO;
    for (const value of extra) total = add(total, exactOfDouble(value) ?? EXACT_ZERO);
    return total;
}

function doubleArithmetic(op: string, left: number, right: number): number {
    switch (op) {
        case '+': return left + right;
        case '-': return left - right;
        case '*': return left * right;
        default: throw new Error(`'${op}' does not give a KPI value`);
    }
}

/** Nearest rank over a window's kept values plus open rows' values (rare: open rows are few; no cache). */
function percentileWith(buffers: readonly (ValueBuffer | undefined)[], extra: readonly number[], p: number): number | null {
    let total = extra.length;
    for (const buffer of buffers) total += buffer?.length ?? 0;
    const values = new Float64Array(total);
    let offset = 0;
    for (const buffer of buffers) if (buffer !== undefined) offset = buffer.copyInto(values, offset);
    values.set(extra, offset);
    return nearestRank(values, p);
}

/** How many values the buffers hold. */
function valueCount(buffers: readonly (ValueBuffer | undefined)[]): number {
    let total = 0;
    for (const buffer of buffers) total += buffer?.length ?? 0;
    return total;
}

function sizeOf(sets: ReadonlyMap<unknown, ReadonlySet<number>>): number {
    let total = 0;
    for (const set of sets.values()) total += set.size;
    return total;
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
