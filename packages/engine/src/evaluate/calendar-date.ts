/** Plain calendar dates (YYYY-MM-DD), independent of any time zone. */
export interface CalendarDate {
    year: number;
    month: number; // 1..12
    day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDate(text: string): CalendarDate {
    const match = DATE_PATTERN.exec(text);
    if (!match) throw new Error(`'${text}' is not a date of the form YYYY-MM-DD`);
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
    if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) {
        throw new Error(`'${text}' is not a valid calendar date`);
    }
    return date;
}

/** The date n days later (proleptic Gregorian, no time zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
    const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
    return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
