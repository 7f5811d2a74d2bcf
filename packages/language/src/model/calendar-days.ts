/**
 * The days of calendars as written: `24 december` (every year) and `2026-12-24`, the days
 * a `holidays "FR" without …` set takes off in a period, and the period to list dates for
 * (the agreement's validity, or the current year for a library declaration). Validation,
 * explanations and the evaluation model read them here; the holidays themselves are the
 * engine's (engine/src/time/holidays.ts).
 */
import { civilFromDays, daysFromCivil, escapeMarkdown as md, holidayRegionProblem, holidaySetDays, parseCivilDate, publicHolidays } from '@sla/engine';
import { AstUtils, type AstNode } from 'langium';
import { isAgreement, isValidity, type HolidayChoice, type HolidaySet } from '../generated/ast.js';

/** The month names of `24 december`, January first. */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `24 december` as 'MM-DD'; a dated day as it is. */
export function holidayDateKey(holiday: { date?: string; day?: number; month?: string }): string | undefined {
    if (holiday.date !== undefined) return holiday.date;
    if (holiday.day === undefined || holiday.month === undefined) return undefined;
    const month = MONTHS.indexOf(holiday.month) + 1;
    return `${String(month).padStart(2, '0')}-${String(holiday.day).padStart(2, '0')}`;
}

/** A `without` entry as the engine's removal. */
export function removalOf(choice: HolidayChoice): { date?: string; monthDay?: string; name?: string } {
    if (choice.name !== undefined) return { name: choice.name };
    if (choice.date !== undefined) return { date: choice.date };
    return { monthDay: holidayDateKey(choice) };
}

/** The local days dates are listed for: the validity period, or the current year outside an agreement. */
export interface ListedPeriod {
    first: number;
    last: number;
    label: string;
    /** false outside an agreement: the current year stands in for a validity */
    fromValidity: boolean;
}

export function listedPeriod(node: AstNode, today = new Date()): ListedPeriod {
    const validity = AstUtils.getContainerOfType(node, isAgreement)?.members.find(isValidity);
    const from = validity?.from ? parseCivilDate(validity.from) : undefined;
    const to = validity?.to ? parseCivilDate(validity.to) : undefined;
    if (from && to) {
        const first = daysFromCivil(from.year, from.month, from.day);
        const last = daysFromCivil(to.year, to.month, to.day);
        if (last >= first) return { first, last, label: `in the validity period (${validity!.from} to ${validity!.to})`, fromValidity: true };
    }
    const year = today.getUTCFullYear();
    return { first: daysFromCivil(year, 1, 1), last: daysFromCivil(year, 12, 31), label: `in ${year} (this declaration has no agreement validity)`, fromValidity: false };
}

export function dayNumberOf(date: string): number {
    const [year, month, day] = date.split('-').map(Number);
    return daysFromCivil(year, month, day);
}

/**
 * At most this many years of a period are searched for a holiday of a `without` entry: a name
 * or a day of the year recurs every year, and a validity of thousands of years (a typo such as
 * 5026) took seconds of every validation (found fuzzing).
 */
export const MAX_SEARCHED_YEARS = 50;

/** The period cut after its first `years` calendar years, its label saying so; the period itself when shorter. */
export function firstYearsOf(period: ListedPeriod, years: number): ListedPeriod {
    const firstYear = civilFromDays(period.first).year;
    const lastYear = firstYear + years - 1;
    if (civilFromDays(period.last).year <= lastYear) return period;
    return { ...period, last: daysFromCivil(lastYear, 12, 31), label: `in ${firstYear}–${lastYear}, the first ${years} years of ${period.label.replace(/^in /, '')}` };
}

export function yearsOf(period: { first: number; last: number }): number[] {
    const years: number[] = [];
    for (let year = civilFromDays(period.first).year; year <= civilFromDays(period.last).year; year++) years.push(year);
    return years;
}

/** `8 May`, `2026-05-08`, `"Whit Monday"`. */
export function holidayChoiceText(choice: HolidayChoice): string {
    if (choice.name !== undefined) return `"${md(choice.name)}"`;
    if (choice.date !== undefined) return choice.date;
    return `${choice.day} ${choice.month ? choice.month.charAt(0).toUpperCase() + choice.month.slice(1) : ''}`;
}

/** The days off a set gives in the period, with their names; none for an unknown region. */
export function holidaySetDaysIn(set: HolidaySet, period: ListedPeriod): { day: number; name: string }[] {
    if (!set.region || holidayRegionProblem(set.region) !== undefined) return [];
    const removed = set.removed.map(removalOf);
    return yearsOf(period).flatMap(year => holidaySetDays({ region: set.region, removed }, year))
        .map(holiday => ({ day: dayNumberOf(holiday.date), name: holiday.name }))
        .filter(holiday => holiday.day >= period.first && holiday.day <= period.last);
}

/** Whether a `without …` entry names a public holiday of the region in the period (a dated one outside an agreement: in its own year). */
export function removesAny(choice: HolidayChoice, region: string, listed: ListedPeriod): boolean {
    const key = choice.name === undefined ? holidayDateKey(choice) : undefined;
    const dated = choice.date !== undefined ? parseCivilDate(choice.date) : undefined;
    const period = !listed.fromValidity && dated !== undefined
        ? { ...listed, first: dayNumberOf(choice.date!), last: dayNumberOf(choice.date!) } : listed;
    // A dated day is looked for in its own year; a name or a day of the year in the first years of the period.
    const years = dated !== undefined ? [dated.year] : yearsOf(firstYearsOf(period, MAX_SEARCHED_YEARS));
    return years.some(year => publicHolidays(region, year).some(holiday => {
        const day = dayNumberOf(holiday.date);
        if (day < period.first || day > period.last) return false;
        if (choice.name !== undefined) return holiday.name.toLowerCase() === choice.name.toLowerCase();
        return key !== undefined && (holiday.date === key || holiday.date.slice(5) === key);
    }));
}
