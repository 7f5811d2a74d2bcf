/**
 * Which local days a working calendar closes, wholly or from a time of day: dated and
 * yearly days off (`except 2026-12-24`, `except 24 december`), public-holiday sets
 * (`holidays "FR"`) and half days (`except 24 december from 12:00`).
 */
import { formatCivilDate } from './civil.js';
import { holidaySetDays, type HolidaySet } from './holidays.js';

export interface DaysOff {
    /** days off: 'YYYY-MM-DD' that day, 'MM-DD' every year */
    holidays: string[];
    /** public holidays of a country or region, computed for each year */
    holidaySets?: HolidaySet[];
    /** half days: on 'YYYY-MM-DD' (or 'MM-DD' every year) working time stops at `fromMinute` */
    earlyClosings?: { date: string; fromMinute: number }[];
}

/**
 * Closes days of a calendar. Holiday sets are computed once per year; a day off wins over a
 * half day on the same date, and of two half days the earlier closing time.
 */
export class DayClosures {
    private readonly holidays: Set<string>;
    private readonly setYears = new Map<number, Set<string>>();

    constructor(private readonly daysOff: DaysOff) {
        this.holidays = new Set(daysOff.holidays);
        for (const closing of daysOff.earlyClosings ?? []) {
            if (!(closing.fromMinute >= 0 && closing.fromMinute <= 1440)) {
                throw new RangeError(`a half day must close between 00:00 and 24:00, got minute ${closing.fromMinute}`);
            }
        }
    }

    /** The minute of the local day from which no time is worked: 0 for a day off, undefined for an ordinary day. */
    closesAt(year: number, month: number, day: number): number | undefined {
        const date = formatCivilDate(year, month, day);
        const monthDay = date.slice(5);
        if (this.holidays.size > 0 && (this.holidays.has(date) || this.holidays.has(monthDay))) return 0;
        if ((this.daysOff.holidaySets?.length ?? 0) > 0 && this.setDays(year).has(date)) return 0;
        let closing: number | undefined;
        for (const early of this.daysOff.earlyClosings ?? []) {
            if (early.date === date || early.date === monthDay) closing = Math.min(closing ?? 1440, early.fromMinute);
        }
        return closing;
    }

    private setDays(year: number): Set<string> {
        let days = this.setYears.get(year);
        if (days === undefined) {
            days = new Set((this.daysOff.holidaySets ?? []).flatMap(set => holidaySetDays(set, year).map(holiday => holiday.date)));
            this.setYears.set(year, days);
        }
        return days;
    }
}
