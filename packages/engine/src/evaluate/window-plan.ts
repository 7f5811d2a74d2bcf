import { calendarWindowContaining, rollingWindowEnds } from '../time/windows.js';
import { windowSpecKey, type WindowSpec } from '../model.js';
import { judgedFrom, type EvaluationPeriod } from './evaluation-period.js';

/** One measurement window: nominal bounds, the part inside the evaluation period, and its segments. */
export interface PlannedWindow {
    /** Nominal window [start, end). */
    start: number;
    end: number;
    /** The part of the window inside the evaluation period: [from, to). */
    from: number;
    to: number;
    /** Cut by the evaluation period (validity, --from/--to, or the present). */
    partial: boolean;
    /** The window covers the segments [firstSegment, endSegment). */
    firstSegment: number;
    endSegment: number;
}

/**
 * All windows of one window spec over the evaluation period, plus the elementary
 * segments between every window boundary. A row is located in one segment (one
 * binary search); every window is a contiguous run of segments, so one pass of
 * per-segment accumulators serves overlapping rolling windows too.
 */
export interface WindowPlan {
    key: string;
    spec: WindowSpec;
    windows: PlannedWindow[];
    /** Sorted segment boundaries; segment i is [boundaries[i], boundaries[i+1]). */
    boundaries: Float64Array;
    segmentCount: number;
    /** The timestamp field that places rows in this plan's segments, when not each dataset's event time (slice plans: `slices(… by field …)`). */
    timeField?: string;
}

export function planWindows(zone: string, spec: WindowSpec, period: EvaluationPeriod): WindowPlan {
    const raw = spec.kind === 'calendar' ? calendarRanges(zone, spec, period) : rollingRanges(zone, spec.lengthMs, period);
    const points = new Set<number>();
    const windows: PlannedWindow[] = [];
    // A period started before the `--from` day (whole windows): the windows ending by that day lie before it.
    const judged = judgedFrom(period);
    for (const [start, end] of raw) {
        if (end <= judged || (period.endedWindowsOnly === true && end > period.end)) continue;
        const from = Math.max(start, period.start);
        const to = Math.min(end, period.end);
        if (to <= from) continue;
        points.add(from);
        points.add(to);
        windows.push({ start, end, from, to, partial: from !== start || to !== end, firstSegment: 0, endSegment: 0 });
    }
    const boundaries = Float64Array.from([...points].sort((a, b) => a - b));
    for (const window of windows) {
        window.firstSegment = boundaryIndex(boundaries, window.from);
        window.endSegment = boundaryIndex(boundaries, window.to);
    }
    return { key: windowSpecKey(spec), spec, windows, boundaries, segmentCount: Math.max(0, boundaries.length - 1) };
}

function calendarRanges(zone: string, spec: { unit: import('../time/windows.js').CalendarUnit; yearStartMonth?: number }, period: EvaluationPeriod): [number, number][] {
    const ranges: [number, number][] = [];
    if (period.end <= period.start) return ranges;
    let window = calendarWindowContaining(zone, spec.unit, period.start, spec.yearStartMonth);
    while (window.start < period.end) {
        ranges.push([window.start, window.end]);
        window = calendarWindowContaining(zone, spec.unit, window.end, spec.yearStartMonth);
    }
    return ranges;
}

/** Rolling windows are evaluated at the end of every calendar day over [t − L, t). */
function rollingRanges(zone: string, lengthMs: number, period: EvaluationPeriod): [number, number][] {
    if (period.end <= period.start) return [];
    return rollingWindowEnds(zone, lengthMs, period.start, period.end).map((end): [number, number] => [end - lengthMs, end]);
}

/**
 * The instants a dataset's rows are located in: the evaluation period, widened by any plan
 * reaching beyond it (a slice plan's run margins, run-margins.ts).
 */
export function readRange(plans: readonly WindowPlan[], period: { start: number; end: number }): { start: number; end: number } {
    let start = period.start;
    let end = period.end;
    for (const plan of plans) {
        if (plan.boundaries.length < 2) continue;
        start = Math.min(start, plan.boundaries[0]!);
        end = Math.max(end, plan.boundaries[plan.boundaries.length - 1]!);
    }
    return { start, end };
}

/** The index of `value` in sorted `boundaries` (window or slice edges), which must hold it. */
export function boundaryIndex(boundaries: Float64Array, value: number, what: 'window' | 'slice' = 'window'): number {
    let low = 0;
    let high = boundaries.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const candidate = boundaries[middle]!;
        if (candidate === value) return middle;
        if (candidate < value) low = middle + 1;
        else high = middle - 1;
    }
    throw new Error(`internal: ${value} is not a ${what} boundary`);
}

/**
 * Returns a function mapping an instant to its segment index, or -1 when outside all
 * windows. Remembers the last hit because exported data is usually in time order.
 */
export function segmentLocator(plan: WindowPlan): (t: number) => number {
    const locator = new SegmentLocator(plan);
    return (t: number): number => locator.locate(t);
}

/**
 * The same as an object: a pass over a file shared by hundreds of agreements calls one
 * method of one class, which the JIT inlines, instead of hundreds of different closures.
 */
/** Of the instants a SegmentLocator.locateAll located: the least and the greatest (NaN in neither), and how many lie outside the period. */
export interface LocatedBatch {
    first: number;
    last: number;
    outside: number;
}

export class SegmentLocator {
    private readonly boundaries: WindowPlan["boundaries"];
    private readonly last: number;
    private readonly first: number;
    private readonly end: number;
    /** The segment found last and its instants [cachedFrom, cachedTo) (empty before the first lookup): rows in time order stay in one segment for long runs. */
    private cached = -1;
    private cachedFrom = Infinity;
    private cachedTo = -Infinity;

    constructor(plan: WindowPlan) {
        this.boundaries = plan.boundaries;
        this.last = this.boundaries.length - 1;
        this.first = this.last < 1 ? Infinity : this.boundaries[0]!;
        this.end = this.last < 1 ? -Infinity : this.boundaries[this.last]!;
    }

    /**
     * locate() of `count` instants `times[at + r × stride]`, each written to `out[outAt + r]`,
     * -1 without a lookup for an instant outside [start, end) (the evaluation period). The cached
     * segment is held in locals between misses: rows in time order mostly hit it. Also answers
     * the least and greatest instant and how many lie outside the period (the sink's bookkeeping,
     * in the same pass).
     */
    locateAll(times: Float64Array, at: number, stride: number, count: number, out: Int32Array, outAt: number, start: number, end: number): LocatedBatch {
        const located = this.located;
        // The cached segment's instants clipped to the period: an instant in them is in both.
        let from = Math.max(this.cachedFrom, start), to = Math.min(this.cachedTo, end), cached = this.cached;
        let first = Infinity, last = -Infinity, outside = 0;
        for (let r = 0; r < count; r++, at += stride) {
            const t = times[at]!;
            if (t < first) first = t;
            if (t > last) last = t;
            if (t >= from && t < to) {
                out[outAt + r] = cached;
            } else if (t < start || t >= end) {
                out[outAt + r] = -1;
                outside++;
            } else {
                out[outAt + r] = this.locate(t);
                from = Math.max(this.cachedFrom, start);
                to = Math.min(this.cachedTo, end);
                cached = this.cached;
            }
        }
        located.first = first;
        located.last = last;
        located.outside = outside;
        return located;
    }

    /** locateAll's answer, one object per locator (reused). */
    private readonly located: LocatedBatch = { first: Infinity, last: -Infinity, outside: 0 };

    locate(t: number): number {
        if (t >= this.cachedFrom && t < this.cachedTo) return this.cached;
        if (!(t >= this.first && t < this.end)) return -1;
        const boundaries = this.boundaries;
        let low = 0;
        let high = this.last - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (boundaries[middle]! <= t) low = middle;
            else high = middle - 1;
        }
        this.cached = low;
        this.cachedFrom = boundaries[low]!;
        this.cachedTo = boundaries[low + 1]!;
        return low;
    }
}
