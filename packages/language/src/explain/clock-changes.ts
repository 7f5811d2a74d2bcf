/**
 * When a zone's clocks change in the validity period, for the explanation of a `timezone`
 * line: the local days that last other than 24 hours (daylight saving time, a new standard
 * offset), measured with the engine's zone arithmetic, as the evaluation counts windows.
 */
import { civilFromDays, MS_PER_DAY, MS_PER_MINUTE, offsetMinutes, startOfLocalDay } from '@sla/engine';
import type { AstNode } from 'langium';
import { firstYearsOf, listedPeriod } from '../model/calendar-days.js';
import { MAX_YEARS } from './calendar-days-text.js';
import { joinList } from './expression-text.js';
import { formatNumber } from './numbers.js';
import { monthName } from './wording.js';

/** A local day (days since 1970-01-01) that lasts `lengthMs`, not 24 hours. */
export interface ClockChange {
    day: number;
    lengthMs: number;
}

/**
 * The local days from `first` through `last` (day numbers, both included) that do not last 24
 * hours in the zone. A week whose ends have the same UTC offset is taken to have no change
 * (zones change at most once a week): each offset first asked costs Intl calls, and asking every
 * day's took 100 ms for a validity of five years.
 */
export function clockChanges(zone: string, first: number, last: number): ClockChange[] {
    const changes = new Map<number, number>();
    for (let weekStart = first; weekStart <= last; weekStart += 7) {
        const weekEnd = Math.min(weekStart + 7, last + 1);
        // A day either side: a local day starts up to 14 hours before or 12 after the UTC one.
        if (offsetMinutes(zone, (weekStart - 1) * MS_PER_DAY) === offsetMinutes(zone, (weekEnd + 1) * MS_PER_DAY)) continue;
        for (let day = Math.max(first, weekStart - 1); day <= Math.min(last, weekEnd); day++) {
            const lengthMs = startOfLocalDay(zone, day + 1) - startOfLocalDay(zone, day);
            if (lengthMs !== MS_PER_DAY) changes.set(day, lengthMs);
        }
    }
    return [...changes].map(([day, lengthMs]) => ({ day, lengthMs }));
}

/** `forward on 29 March (a 23-hour day)`, `back on 5 April (a 24.5-hour day)`. */
function changeText({ day, lengthMs }: ClockChange): string {
    const { month, day: dayOfMonth } = civilFromDays(day);
    // Samoa skipped 30 December 2011 when it moved across the date line.
    if (lengthMs <= 0) return `forward over ${dayOfMonth} ${monthName(month)} (a day that does not exist there)`;
    const minutes = Math.round(lengthMs / MS_PER_MINUTE);
    const length = minutes % 30 === 0 ? `a ${formatNumber(minutes / 60)}-hour day` : `a day of ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
    return `${lengthMs < MS_PER_DAY ? 'forward' : 'back'} on ${dayOfMonth} ${monthName(month)} (${length})`;
}

/**
 * `Its clocks change in the validity period (2026-01-01 to 2026-12-31): in 2026 they go forward
 * on 29 March (a 23-hour day) and back on 25 October (a 25-hour day).`, or that every day lasts
 * 24 hours. A validity of many years is looked at for its first years (a day at a time).
 */
export function clockChangesSentence(zone: string, node: AstNode): string {
    const period = firstYearsOf(listedPeriod(node), MAX_YEARS);
    const changes = clockChanges(zone, period.first, period.last);
    if (changes.length === 0) return `Its clocks do not change ${period.label}: every day lasts 24 hours.`;
    const byYear = new Map<number, string[]>();
    for (const change of changes) {
        const year = civilFromDays(change.day).year;
        byYear.set(year, [...(byYear.get(year) ?? []), changeText(change)]);
    }
    const years = [...byYear].map(([year, texts]) => `in ${year} they go ${joinList(texts)}`);
    return `Its clocks change ${period.label}: ${years.join('; ')}.`;
}
