import { localToInstant } from '../time/zone.js';
import { addCivilDays, requireCivilDate } from '../time/civil.js';

/** The half-open interval [start, end) in epoch ms over which an agreement is evaluated. */
export interface EvaluationPeriod {
    start: number;
    end: number;
    /** The validity interval [from 00:00, to+1 00:00) before narrowing. */
    validityStart: number;
    validityEnd: number;
}

export interface PeriodOptions {
    from?: string;
    to?: string; // inclusive day
    now?: number;
}

/** Midnight (agreement zone) at the start of the day `text` (YYYY-MM-DD). */
export function dayStart(zone: string, text: string): number {
    const date = requireCivilDate(text);
    return localToInstant(zone, date.year, date.month, date.day);
}

/** Midnight (agreement zone) at the end of the day `text`: the start of the next day. */
export function dayAfter(zone: string, text: string): number {
    const next = addCivilDays(requireCivilDate(text), 1);
    return localToInstant(zone, next.year, next.month, next.day);
}

/**
 * The validity period `[from 00:00, to+1 00:00)` in the agreement's zone, narrowed by
 * the requested from/to days and ended at `now` (a window cut by it becomes partial).
 */
export function evaluationPeriod(zone: string, validity: { from: string; to: string }, options: PeriodOptions): EvaluationPeriod {
    const validityStart = dayStart(zone, validity.from);
    const validityEnd = dayAfter(zone, validity.to);
    let start = validityStart;
    let end = validityEnd;
    if (options.from !== undefined) start = Math.max(start, dayStart(zone, options.from));
    if (options.to !== undefined) end = Math.min(end, dayAfter(zone, options.to));
    end = Math.min(end, options.now ?? Date.now());
    if (end < start) end = start;
    return { start, end, validityStart, validityEnd };
}
