/**
 * Maintenance by rule: on which local days a slot such as "the first Sunday of each month"
 * or "every other Tuesday from 2026-01-13" falls. Days are day numbers (days since
 * 1970-01-01 of the local calendar), so the rule knows nothing of zones; the slot's times
 * are turned into instants by maintenance.ts, with the same DST rules as weekly slots.
 */
import { civilFromDays, daysFromCivil, daysInMonth, parseCivilDate, weekdayFromDays } from './civil.js';

/** A recurring maintenance slot that is not simply weekly. */
export type RecurrenceRule =
    | {
        kind: 'nth-weekday';
        /** 1 = first … 4 = fourth, -1 = last */
        ordinal: number;
        /** 1 = Monday … 7 = Sunday */
        weekday: number;
        /** calendar months, quarters (January, April, July, October) or years */
        period: 'month' | 'quarter' | 'year';
        startMinute: number;
        /** if end <= start the slot ends the next day */
        endMinute: number;
    }
    | {
        kind: 'every-other';
        /** 1 = Monday … 7 = Sunday: every 14 days; 0: every other day */
        weekday: number;
        /** 'YYYY-MM-DD': the first occurrence; none before it */
        anchor: string;
        startMinute: number;
        endMinute: number;
    };

/** First and last day number of the month, quarter or year holding this day. */
function periodBounds(dayNumber: number, period: 'month' | 'quarter' | 'year'): [number, number] {
    const { year, month } = civilFromDays(dayNumber);
    const firstMonth = period === 'month' ? month : period === 'quarter' ? month - ((month - 1) % 3) : 1;
    const lastMonth = period === 'month' ? month : period === 'quarter' ? firstMonth + 2 : 12;
    return [daysFromCivil(year, firstMonth, 1), daysFromCivil(year, lastMonth, daysInMonth(year, lastMonth))];
}

/** Whether the rule's slot starts on the local day with this day number. */
export function occursOn(rule: RecurrenceRule, dayNumber: number): boolean {
    if (rule.kind === 'every-other') {
        const anchor = parseCivilDate(rule.anchor);
        if (anchor === undefined) throw new RangeError(`invalid maintenance start date "${rule.anchor}" (expected YYYY-MM-DD)`);
        const offset = dayNumber - daysFromCivil(anchor.year, anchor.month, anchor.day);
        return offset >= 0 && offset % (rule.weekday === 0 ? 2 : 14) === 0;
    }
    if (weekdayFromDays(dayNumber) !== rule.weekday) return false;
    const [first, last] = periodBounds(dayNumber, rule.period);
    // The n-th such weekday lies in days 7(n−1) … 7n−1 of the period; the last one in its last 7 days.
    if (rule.ordinal === -1) return dayNumber + 7 > last;
    return Math.floor((dayNumber - first) / 7) === rule.ordinal - 1;
}

/**
 * Day numbers in `[firstDay, lastDay]` on which the rule's slot starts, in order: the days
 * `occursOn` accepts, found by stepping from occurrence to occurrence (one per period, or every
 * 2 or 14 days from the anchor) rather than by trying every day — a validity of thousands of
 * years is millions of days, and the explanation and hover list a rule's occurrences.
 */
export function occurrenceDays(rule: RecurrenceRule, firstDay: number, lastDay: number): number[] {
    const days: number[] = [];
    if (firstDay > lastDay) return days;
    if (rule.kind === 'every-other') {
        const anchor = parseCivilDate(rule.anchor);
        if (anchor === undefined) throw new RangeError(`invalid maintenance start date "${rule.anchor}" (expected YYYY-MM-DD)`);
        const anchorDay = daysFromCivil(anchor.year, anchor.month, anchor.day);
        const step = rule.weekday === 0 ? 2 : 14;
        // The first occurrence on or after firstDay: the anchor, or the anchor plus whole steps.
        let day = firstDay <= anchorDay ? anchorDay : anchorDay + Math.ceil((firstDay - anchorDay) / step) * step;
        for (; day <= lastDay; day += step) days.push(day);
        return days;
    }
    for (let periodFirst = periodBounds(firstDay, rule.period)[0]; periodFirst <= lastDay; ) {
        const periodLast = periodBounds(periodFirst, rule.period)[1];
        // The n-th such weekday: the first one in the period plus n − 1 weeks; the last: the last one in it.
        const day = rule.ordinal === -1
            ? periodLast - ((weekdayFromDays(periodLast) - rule.weekday + 7) % 7)
            : periodFirst + ((rule.weekday - weekdayFromDays(periodFirst) + 7) % 7) + 7 * (rule.ordinal - 1);
        if (day >= firstDay && day <= lastDay && day <= periodLast) days.push(day);
        periodFirst = periodLast + 1;
    }
    return days;
}
