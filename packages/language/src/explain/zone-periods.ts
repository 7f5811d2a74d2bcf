/**
 * Lengths of calendar windows in an IANA zone, with real DST, from the platform's Intl data:
 * March 2026 in Europe/Berlin lasts 44,580 minutes (the clocks skip 02:00–03:00 on the 29th).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
    let formatter = formatters.get(zone);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
            hour: 'numeric', minute: 'numeric', second: 'numeric'
        });
        formatters.set(zone, formatter);
    }
    return formatter;
}

/** True when the platform knows the zone. */
export function isKnownZone(zone: string): boolean {
    try {
        formatterFor(zone);
        return true;
    } catch {
        return false;
    }
}

/** Offset of the zone from UTC at instant t, in ms (Berlin in summer: +7,200,000). */
function offsetAt(zone: string, t: number): number {
    const parts: Record<string, number> = {};
    for (const part of formatterFor(zone).formatToParts(new Date(t))) {
        if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return asUtc - Math.floor(t / 1000) * 1000;
}

/** The instant of local midnight starting the given civil day (month may overflow: 13 → next January). */
export function localMidnight(zone: string, year: number, month: number, day: number): number {
    const wall = Date.UTC(year, month - 1, day);
    const first = wall - offsetAt(zone, wall);
    const second = wall - offsetAt(zone, first);
    // In a gap (a zone that springs forward at midnight) the second guess lands past it: take
    // the later instant, as `compatible` disambiguation moves a missing time forward.
    return Math.max(first, second);
}

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface CalendarPeriod {
    unit: PeriodUnit;
    /** First civil day of the period. */
    year: number;
    month: number;
    day: number;
    /** Number of calendar days in the period. */
    days: number;
    /** Real elapsed length in ms. */
    ms: number;
}

function civil(year: number, month: number, day: number): [number, number, number] {
    const d = new Date(Date.UTC(year, month - 1, day));
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Periods per zone, unit and validity: hovers ask for the same ones at every objective. */
const periodCache = new Map<string, CalendarPeriod[]>();

/** The calendar periods (of the unit) that start on or before the last day and end after the first, in order. */
export function calendarPeriods(zone: string, unit: PeriodUnit, first: [number, number, number], last: [number, number, number]): CalendarPeriod[] {
    const key = `${zone}|${unit}|${first.join('-')}|${last.join('-')}`;
    let periods = periodCache.get(key);
    if (!periods) {
        if (periodCache.size > 1000) periodCache.clear();
        periods = computeCalendarPeriods(zone, unit, first, last);
        periodCache.set(key, periods);
    }
    return periods;
}

function computeCalendarPeriods(zone: string, unit: PeriodUnit, first: [number, number, number], last: [number, number, number]): CalendarPeriod[] {
    const periods: CalendarPeriod[] = [];
    let [y, m, d] = first;
    if (unit === 'month' || unit === 'quarter' || unit === 'year') d = 1;
    if (unit === 'quarter') m = m - ((m - 1) % 3);
    if (unit === 'year') m = 1;
    if (unit === 'week') {
        const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
        [y, m, d] = civil(y, m, d - weekday);
    }
    const lastDay = Date.UTC(last[0], last[1] - 1, last[2]);
    let guard = 0;
    while (Date.UTC(y, m - 1, d) <= lastDay && guard++ < 10_000) {
        const next = unit === 'day' ? civil(y, m, d + 1)
            : unit === 'week' ? civil(y, m, d + 7)
                : unit === 'month' ? civil(y, m + 1, 1)
                    : unit === 'quarter' ? civil(y, m + 3, 1)
                        : civil(y + 1, 1, 1);
        const ms = localMidnight(zone, ...next) - localMidnight(zone, y, m, d);
        const days = Math.round((Date.UTC(next[0], next[1] - 1, next[2]) - Date.UTC(y, m - 1, d)) / 86_400_000);
        periods.push({ unit, year: y, month: m, day: d, days, ms });
        [y, m, d] = next;
    }
    return periods;
}
