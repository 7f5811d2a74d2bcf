import { calendarWindowContaining } from '../time/windows.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { PlannedWindow, WindowPlan } from './window-plan.js';

/** A stretch of a nominal window outside the evaluation period: its slices are aligned to `start`. */
export type MarginWindow = Pick<PlannedWindow, 'start' | 'end' | 'from' | 'to'>;

/** The stretches read beyond the evaluation period's edges for `at least N consecutive` runs. */
export interface RunMargins {
    /** Ends where the period starts. */
    before?: MarginWindow;
    /** Starts where the period ends. */
    after?: MarginWindow;
}

/**
 * `at least N consecutive` slices: a run of bad slices goes on across an edge of the evaluation
 * period set by `--from`, `--to` or the present, so that a window's value does not depend on the
 * period asked for — April's Downtime Periods are the same whether the evaluation starts in
 * January or on 1 April. The last `limit` slices of the nominal window before the first one judged
 * (and the first of the one after the last) are read too; they count in no window, they only
 * continue a run.
 *
 * Only where the window at the edge is whole there (the period starts at its nominal start, or
 * ends at its nominal end): a window cut by the period is partial, its value is that of its part.
 * Never across the agreement's validity: before it starts and after it ends nothing is promised.
 */
export function runMargins(windows: WindowPlan, zone: string, period: EvaluationPeriod, sliceMs: number, limit: number): RunMargins {
    const margins: RunMargins = {};
    if (limit <= 0 || windows.windows.length === 0) return margins;
    // One slice more than the run needs: the slices nearest the edge are whole even when the grid does not divide the window.
    const span = (limit + 1) * sliceMs;
    // The first window, when whole (the period starts at or before it: `--from` inside a longer window) and after the validity's start.
    const first = windows.windows[0]!;
    if (first.from === first.start && first.start > period.validityStart) {
        const previous = nominalBefore(windows, zone, first);
        const from = Math.max(previous.start, period.validityStart, first.start - span);
        if (from < first.start) margins.before = { start: previous.start, end: previous.end, from, to: first.start };
    }
    const last = windows.windows.find((window) => window.to === period.end && window.end === period.end);
    if (last !== undefined && period.end < period.validityEnd) {
        const next = nominalAfter(windows, zone, last);
        const to = Math.min(next.end, period.validityEnd, last.end + span);
        if (last.end < to) margins.after = { start: next.start, end: next.end, from: last.end, to };
    }
    return margins;
}

/** The nominal window of the plan's spec that ends where `window` starts. */
function nominalBefore(windows: WindowPlan, zone: string, window: PlannedWindow): { start: number; end: number } {
    const spec = windows.spec;
    if (spec.kind === 'rolling') return { start: window.start - spec.lengthMs, end: window.start };
    return calendarWindowContaining(zone, spec.unit, window.start - 1, spec.yearStartMonth);
}

/** The nominal window of the plan's spec that starts where `window` ends. */
function nominalAfter(windows: WindowPlan, zone: string, window: PlannedWindow): { start: number; end: number } {
    const spec = windows.spec;
    if (spec.kind === 'rolling') return { start: window.end, end: window.end + spec.lengthMs };
    return calendarWindowContaining(zone, spec.unit, window.end, spec.yearStartMonth);
}
