import type { MarginWindow, RunMargins } from './run-margins.js';
import { boundaryIndex, type PlannedWindow, type WindowPlan } from './window-plan.js';

/**
 * The most slices one window may have: a calendar year of one-minute slices is 527,040;
 * a one-second slice over a year (31.6 million) would hold a counter per slice and
 * aggregate for every row group, so it is refused with a clear error instead.
 */
export const MAX_SLICES_PER_WINDOW = 1_100_000;

/**
 * The windows of a window plan, each cut into fixed slices of absolute time aligned to
 * the window's nominal start: `[start + k·L, start + (k+1)·L)`, the last one ending at
 * the window's end (shorter when L does not divide the window), and only the parts inside
 * the evaluation period. A 31-day month has 8,928 five-minute slices; a month with a
 * daylight-saving change, in a zoned agreement, 12 fewer or more (it is an hour shorter
 * or longer).
 *
 * It is a window plan in its own right: its segment boundaries are every slice boundary
 * of every window, so a dataset pass fills per-slice counters with the same accumulators
 * (one segment lookup per row) as for windows, and a slice is a run of segments (one,
 * unless overlapping rolling windows put their grids at different offsets).
 */
export interface SlicePlan extends WindowPlan {
    sliceMs: number;
    /** Slices of each window, by the window's index in `windows`, built on first use. */
    slicesByWindow: Map<string, PlannedWindow[]>;
    /**
     * Stretches beyond the evaluation period whose slices continue an `at least N consecutive` run
     * (run-margins.ts): in the plan's segments, in none of its windows.
     */
    margins: { before?: PlannedWindow; after?: PlannedWindow };
}

export function slicePlanKey(windows: WindowPlan, sliceMs: number, timeField: string | undefined, margins: RunMargins = {}): string {
    const margin = (window: MarginWindow | undefined): string => (window === undefined ? '' : `${window.from}-${window.to}`);
    const around = margins.before === undefined && margins.after === undefined ? '' : `|around:${margin(margins.before)}/${margin(margins.after)}`;
    return `${windows.key}|slices:${sliceMs}|by:${timeField ?? ''}${around}`;
}

export function planSlices(windows: WindowPlan, sliceMs: number, timeField: string | undefined, margins: RunMargins = {}): SlicePlan {
    if (!(sliceMs > 0) || !Number.isFinite(sliceMs)) throw new Error(`a slice length must be a positive duration, not ${sliceMs} ms`);
    const points = new Set<number>();
    const addSlicePoints = (window: MarginWindow): void => {
        points.add(window.from);
        points.add(window.to);
        // The first grid point at or after `from`: slices stay aligned to the nominal start when the period cuts the window.
        const first = window.start + Math.ceil((window.from - window.start) / sliceMs) * sliceMs;
        for (let t = first; t < window.to; t += sliceMs) points.add(t);
    };
    for (const window of windows.windows) {
        const count = Math.ceil((window.end - window.start) / sliceMs);
        if (count > MAX_SLICES_PER_WINDOW) {
            throw new Error(`slices of ${sliceMs} ms cut a window into ${count.toLocaleString('en')} slices (at most ${MAX_SLICES_PER_WINDOW.toLocaleString('en')}): use longer slices`);
        }
        addSlicePoints(window);
    }
    if (margins.before !== undefined) addSlicePoints(margins.before);
    if (margins.after !== undefined) addSlicePoints(margins.after);
    const boundaries = Float64Array.from([...points].sort((a, b) => a - b));
    const locate = (window: MarginWindow): PlannedWindow => ({
        partial: true,
        ...window,
        firstSegment: boundaryIndex(boundaries, window.from, 'slice'),
        endSegment: boundaryIndex(boundaries, window.to, 'slice')
    });
    const planned: PlannedWindow[] = windows.windows.map(locate);
    return {
        key: slicePlanKey(windows, sliceMs, timeField, margins),
        spec: windows.spec,
        windows: planned,
        boundaries,
        segmentCount: Math.max(0, boundaries.length - 1),
        timeField,
        sliceMs,
        slicesByWindow: new Map(),
        margins: {
            ...(margins.before === undefined ? {} : { before: locate(margins.before) }),
            ...(margins.after === undefined ? {} : { after: locate(margins.after) })
        }
    };
}

/** The slices of one window (as located in `plan`), in time order; each is a window of the slice plan. */
export function slicesOf(plan: SlicePlan, window: Pick<PlannedWindow, 'start' | 'end' | 'from' | 'to'>): PlannedWindow[] {
    const key = `${window.start}|${window.from}|${window.to}`;
    let slices = plan.slicesByWindow.get(key);
    if (slices !== undefined) return slices;
    slices = [];
    const boundaries = plan.boundaries;
    let segment = boundaryIndex(boundaries, window.from, 'slice');
    const first = Math.floor((window.from - window.start) / plan.sliceMs);
    for (let k = first; ; k++) {
        const nominalStart = window.start + k * plan.sliceMs;
        if (nominalStart >= window.to) break;
        const nominalEnd = Math.min(nominalStart + plan.sliceMs, window.end);
        const from = Math.max(nominalStart, window.from);
        const to = Math.min(nominalEnd, window.to);
        const firstSegment = segment;
        while (segment < boundaries.length - 1 && boundaries[segment]! < to) segment++;
        slices.push({ start: nominalStart, end: nominalEnd, from, to, partial: from !== nominalStart || to !== nominalEnd, firstSegment, endSegment: segment });
    }
    if (plan.slicesByWindow.size > 10_000) plan.slicesByWindow.clear(); // rolling windows: bounded memory
    plan.slicesByWindow.set(key, slices);
    return slices;
}
