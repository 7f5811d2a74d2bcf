import type { UptimeExpr } from '../model.js';
import { add, compare, EXACT_ZERO, exactInteger, exactOf, multiply, type Exact } from './exact-value.js';
import { intersectIntervals, mergeIntervals, type Interval } from '../time/intervals.js';

const EXACT_ONE = exactInteger(1);

/** Outage intervals of one scope with what the uptime options read from each row. */
export interface OutageRows {
    intervals: readonly Interval[];
    /** Per interval: its instance (`across`). */
    instances?: readonly string[];
    /** Per interval: the share of users affected (`weighted by`), 0..1. */
    weights?: readonly number[];
}

/** Downtime as pieces of time, each with the share of users it counts for (1 without `weighted by`). */
export interface WeightedInterval {
    start: number;
    end: number;
    weight: number;
    /** The weight exactly where it is a sum of shares (`summed`): 0.1 + 0.2 is 0.3, not the double's 0.30000000000000004. */
    exactWeight?: Exact;
}

/**
 * The downtime an `uptime(…)` counts before eligible time and windows are applied:
 * - `across <field>`: a deployment is down only while **all** its instances are down — the
 *   intersection over the instances of each instance's merged outages (an instance without
 *   outages is never down, so neither is the deployment); outages of instances outside the
 *   set do not count; with `at least N down`, while at least N of them are down at once;
 * - `at least N`: a downtime period (merged, after `across`) shorter than N does not count;
 * - `weighted by f`: each moment counts the largest share affected among the outages
 *   covering it (overlapping outages do not add up: they may hit the same users); with
 *   `summed`, the sum of their shares, up to 1 (they hit different users: user minutes).
 * Returns merged, sorted pieces.
 */
export function combinedDowntime(rows: OutageRows, expr: Pick<UptimeExpr, 'across' | 'weightedBy' | 'weightsSummed' | 'minimumOutageMs'>, instanceSet?: ReadonlySet<string>): WeightedInterval[] {
    let periods: Interval[];
    if (expr.across !== undefined) {
        const byInstance = new Map<string, Interval[]>();
        rows.intervals.forEach((interval, index) => {
            const instance = rows.instances?.[index] ?? '';
            if (instanceSet !== undefined && !instanceSet.has(instance)) return;
            let list = byInstance.get(instance);
            if (list === undefined) byInstance.set(instance, (list = []));
            list.push(interval);
        });
        const members = instanceSet ?? new Set(byInstance.keys());
        if (expr.across.atLeast !== undefined) {
            periods = downWithAtLeast([...members].map((instance) => mergeIntervals(byInstance.get(instance) ?? [])), expr.across.atLeast);
        } else {
            periods = [];
            let first = true;
            for (const instance of members) {
                const own = mergeIntervals(byInstance.get(instance) ?? []);
                periods = first ? own : intersectIntervals(periods, own);
                first = false;
                if (periods.length === 0) break;
            }
        }
    } else {
        periods = mergeIntervals(rows.intervals);
    }
    if (expr.minimumOutageMs !== undefined) periods = periods.filter(([start, end]) => end - start >= expr.minimumOutageMs!);
    if (expr.weightedBy === undefined || rows.weights === undefined) return periods.map(([start, end]) => ({ start, end, weight: 1 }));
    return weightedPieces(periods, rows.intervals, rows.weights, expr.weightsSummed === true);
}

/**
 * `across zone … at least 2 down`: the time during which at least `count` instances are down at
 * once (each instance's outages merged first, so one instance counts once): a sweep over the
 * starts and ends, merged into periods. With `count` the number of instances it is the
 * intersection (all down); with more than there are, never.
 */
function downWithAtLeast(instances: readonly Interval[][], count: number): Interval[] {
    const events: Array<[number, number]> = [];
    for (const own of instances) for (const [start, end] of own) events.push([start, 1], [end, -1]);
    // At one instant, ends before starts: touching outages of two instances are not down together.
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const periods: Interval[] = [];
    let down = 0;
    let since = 0;
    for (const [time, change] of events) {
        const before = down;
        down += change;
        if (before < count && down >= count) since = time;
        else if (before >= count && down < count && time > since) {
            const last = periods[periods.length - 1];
            if (last !== undefined && last[1] === since) last[1] = time;
            else periods.push([since, time]);
        }
    }
    return periods;
}

/**
 * Inside each period: pieces between outage boundaries, each with the largest weight of the
 * outages covering it, or with `summed` the exact sum of their weights up to 1.
 */
function weightedPieces(periods: readonly Interval[], intervals: readonly Interval[], weights: readonly number[], summed: boolean): WeightedInterval[] {
    const pieces: WeightedInterval[] = [];
    const order = intervals.map((_, index) => index).sort((a, b) => intervals[a]![0] - intervals[b]![0]);
    for (const [periodStart, periodEnd] of periods) {
        const inside = order.filter((index) => intervals[index]![0] < periodEnd && intervals[index]![1] > periodStart);
        const points = new Set<number>([periodStart, periodEnd]);
        for (const index of inside) {
            points.add(Math.max(periodStart, intervals[index]![0]));
            points.add(Math.min(periodEnd, intervals[index]![1]));
        }
        const sorted = [...points].sort((a, b) => a - b);
        for (let p = 0; p + 1 < sorted.length; p++) {
            const [start, end] = [sorted[p]!, sorted[p + 1]!];
            const covering = inside.filter((index) => intervals[index]![0] <= start && intervals[index]![1] >= end);
            if (covering.length === 0) continue;
            const last = pieces[pieces.length - 1];
            if (summed) {
                let sum = EXACT_ZERO;
                for (const index of covering) sum = add(sum, exactOf(weights[index]!));
                const exactWeight = compare(sum, EXACT_ONE) >= 0 ? EXACT_ONE : sum;
                const weight = Number(exactWeight.num) / Number(exactWeight.den);
                if (last !== undefined && last.end === start && last.exactWeight !== undefined && compare(last.exactWeight, exactWeight) === 0) last.end = end;
                else pieces.push({ start, end, weight, exactWeight });
                continue;
            }
            let weight = -1;
            for (const index of covering) if (weights[index]! > weight) weight = weights[index]!;
            if (last !== undefined && last.end === start && last.weight === weight) last.end = end;
            else pieces.push({ start, end, weight });
        }
    }
    return pieces;
}

/**
 * The downtime inside `[from, to)` and the eligible intervals, exactly: Σ length × weight;
 * with `whole minutes`, each downtime period counts only its whole minutes inside the
 * window (a period of 4 min 59 s counts 4 minutes; of 59 s, none).
 */
export function downtimeIn(pieces: readonly WeightedInterval[], eligible: readonly Interval[], from: number, to: number, wholeMinutes: boolean): { exact: Exact; ms: number } {
    let exact = EXACT_ZERO;
    let ms = 0;
    let run: { end: number; ms: number; weighted: Exact } | undefined;
    const flush = (): void => {
        if (run === undefined) return;
        if (wholeMinutes) {
            const kept = Math.floor(run.ms / 60_000) * 60_000;
            // Weighted and whole minutes: the period's weighted time scaled to its whole minutes.
            if (kept > 0) {
                const scaled = run.ms === kept ? run.weighted : multiply(run.weighted, { num: BigInt(kept), den: BigInt(run.ms) });
                exact = add(exact, scaled);
                ms += kept;
            }
        } else {
            exact = add(exact, run.weighted);
            ms += run.ms;
        }
        run = undefined;
    };
    let j = 0;
    for (const piece of pieces) {
        const start = Math.max(piece.start, from);
        const end = Math.min(piece.end, to);
        if (end <= start) continue;
        while (j < eligible.length && eligible[j]![1] <= start) j++;
        for (let k = j; k < eligible.length && eligible[k]![0] < end; k++) {
            const s = Math.max(start, eligible[k]![0]);
            const e = Math.min(end, eligible[k]![1]);
            if (e <= s) continue;
            const weighted = piece.weight === 1 ? exactInteger(e - s) : multiply(exactInteger(e - s), piece.exactWeight ?? exactOf(piece.weight));
            // A downtime period continues across touching pieces (weights may differ inside it).
            if (run !== undefined && run.end === s) {
                run.end = e;
                run.ms += e - s;
                run.weighted = add(run.weighted, weighted);
            } else {
                flush();
                run = { end: e, ms: e - s, weighted };
            }
        }
    }
    flush();
    return { exact, ms };
}
