/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (no Date objects).
 * Used on hot paths (every timestamp of a data file), where allocating a Date
 * or calling Intl per value would dominate the run time.
 * Algorithms: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */

/** English month names, January first (labels and the layouts of timestamps). */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of the civil date y-m-d (month 1-12, day 1-31, no overflow). */
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const monthFromMarch = (month + 9) % 12;
    const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
    year: number;
    month: number;
    day: number;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): CivilDate {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const dayOfEra = z - era * 146097;
    const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
    const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayFromDays(days: number): number {
    return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    if (month === 2) return isLeapYear(year) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Milliseconds since the epoch of a wall-clock reading taken as if it were UTC.
 * Every field may overflow or be negative (day 32, month 13, minute 1440, …) and
 * is normalised, so callers can add days or minutes without carrying by hand.
 */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
    const monthIndex = month - 1;
    const normalizedYear = year + Math.floor(monthIndex / 12);
    const normalizedMonth = (((monthIndex % 12) + 12) % 12) + 1;
    const days = daysFromCivil(normalizedYear, normalizedMonth, 1) + (day - 1);
    return days * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + millisecond;
}

/** 'YYYY-MM-DD' of a civil date (years 0–9999 zero-padded to four digits). */
export function formatCivilDate(year: number, month: number, day: number): string {
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses a strict 'YYYY-MM-DD' into a civil date, or undefined if malformed or not a real date. */
export function parseCivilDate(text: string): CivilDate | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return { year, month, day };
}

/** Like {@link parseCivilDate}, but a malformed or impossible date is an error saying which. */
export function requireCivilDate(text: string): CivilDate {
    const date = parseCivilDate(text);
    if (date) return date;
    throw new Error(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `'${text}' is not a valid calendar date` : `'${text}' is not a date of the form YYYY-MM-DD`);
}

/** The civil date n days later (or earlier, for negative n). */
export function addCivilDays(date: CivilDate, days: number): CivilDate {
    return civilFromDays(daysFromCivil(date.year, date.month, date.day) + days);
}

export function pad(value: number, width: number): string {
    return String(value).padStart(width, '0');
}
