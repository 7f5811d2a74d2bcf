/**
 * Calendar and rolling windows, aligned to the calendar in an IANA zone.
 * Windows are half-open `[start, end)` and measured in real elapsed time, so a
 * Berlin day may last 23 or 25 hours and March 2026 there lasts 44,580 minutes.
 */
import { instantToLocal, localDayNumber, localToInstant, startOfLocalDay } from './zone.js';

/** The units a calendar window aligns to (`per calendar month`), shortest first: the language's, the model's and the evaluator's. */
export const CALENDAR_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CalendarUnit = typeof CALENDAR_UNITS[number];

export interface TimeWindow {
    start: number;
    end: number;
}

/**
 * The calendar window of the given unit that contains instant t. ISO weeks start on Monday;
 * quarters in Jan/Apr/Jul/Oct. With `yearStartMonth` (a fiscal year from the 1st of that
 * month, e.g. 2 for February), years and quarters start from it: Feb–Apr, May–Jul, Aug–Oct,
 * Nov–Jan; days, weeks and months are the same either way.
 */
export function calendarWindowContaining(zone: string, unit: CalendarUnit, t: number, yearStartMonth = 1): TimeWindow {
    const l = instantToLocal(zone, t);
    switch (unit) {
        case 'day':
            return window(zone, l.year, l.month, l.day, l.year, l.month, l.day + 1);
        case 'week': {
            const monday = l.day - (l.weekday - 1);
            return window(zone, l.year, l.month, monday, l.year, l.month, monday + 7);
        }
        case 'month':
            return window(zone, l.year, l.month, 1, l.year, l.month + 1, 1);
        case 'quarter':
        case 'year': {
            // `first` may be 0 or negative (November of the year before); the civil arithmetic carries it over.
            const first = firstMonthOfPeriod(l.month, unit, yearStartMonth);
            return window(zone, l.year, first, 1, l.year, first + (unit === 'quarter' ? 3 : 12), 1);
        }
    }
}

/**
 * The first month of the quarter or year holding `month` (1–12), in a year starting with
 * `yearStartMonth`: 0 or less when it began the year before (November 2025 for January 2026 in a
 * fiscal year from February is -1).
 */
export function firstMonthOfPeriod(month: number, unit: 'quarter' | 'year', yearStartMonth = 1): number {
    // Months since the year began (0–11); a month before its start month belongs to the year begun the year before.
    const intoYear = (month - yearStartMonth + 12) % 12;
    return month - (unit === 'quarter' ? intoYear % 3 : intoYear);
}

function window(zone: string, y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): TimeWindow {
    return { start: localToInstant(zone, y1, m1, d1), end: localToInstant(zone, y2, m2, d2) };
}

/**
 * Every calendar window of the unit that intersects `[from, to)`, in order (the first and
 * last may stick out); at most `limit` of them (a hover over `per calendar day` on a
 * validity to 9999-12-31 needs the first few thousand, not three million).
 */
export function calendarWindows(zone: string, unit: CalendarUnit, from: number, to: number, limit = Infinity, yearStartMonth = 1): TimeWindow[] {
    const windows: TimeWindow[] = [];
    if (!(to > from)) return windows;
    let current = calendarWindowContaining(zone, unit, from, yearStartMonth);
    while (current.start < to && windows.length < limit) {
        windows.push(current);
        current = calendarWindowContaining(zone, unit, current.end, yearStartMonth);
    }
    return windows;
}

/**
 * Ends of the rolling windows evaluated over `[from, to)`: every local midnight t
 * (the end of a calendar day in the zone) with from < t <= to. Each window is
 * `[t − lengthMs, t)`; the length is not needed to place the ends and is taken
 * so call sites read as the semantics do.
 */
export function rollingWindowEnds(zone: string, _lengthMs: number, from: number, to: number): number[] {
    const ends: number[] = [];
    if (!(to > from)) return ends;
    let day = localDayNumber(zone, from) + 1;
    let end = startOfLocalDay(zone, day);
    // Defensive: the next local midnight is after `from` by construction.
    while (end <= from) end = startOfLocalDay(zone, ++day);
    while (end <= to) {
        ends.push(end);
        end = startOfLocalDay(zone, ++day);
    }
    return ends;
}

/**
 * A fast lookup from an instant to the index of its window in
 * `calendarWindows(zone, unit, from, to)` (the same array is exposed as `windows`),
 * or -1 when outside every window. Binary search over the starts, with the last hit
 * remembered because rows usually arrive roughly in time order.
 */
export function windowIndexer(zone: string, unit: CalendarUnit, from: number, to: number): ((t: number) => number) & { windows: TimeWindow[] } {
    const windows = calendarWindows(zone, unit, from, to);
    const starts = Float64Array.from(windows, (w) => w.start);
    const last = windows.length === 0 ? -Infinity : windows[windows.length - 1]!.end;
    const first = windows.length === 0 ? Infinity : starts[0]!;
    let hit = 0;
    const indexOf = (t: number): number => {
        if (!(t >= first && t < last)) return -1;
        if (t >= starts[hit]! && (hit + 1 === starts.length || t < starts[hit + 1]!)) return hit;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid]! <= t) lo = mid;
            else hi = mid - 1;
        }
        hit = lo;
        return lo;
    };
    return Object.assign(indexOf, { windows });
}

