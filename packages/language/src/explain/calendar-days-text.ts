/**
 * The dates behind the rules of calendars and maintenance, for hovers and `sla explain`:
 * the days off of a holiday set and the occurrences of a maintenance rule in the validity
 * period (the current year for a library declaration, which has no validity).
 */
import {
    civilFromDays, daysFromCivil, escapeMarkdown as md, holidayRegionName, isValidTimeZone, localToInstant, occurrenceDays, weekdayFromDays, type RecurrenceRule
} from '@sla/engine';
import { AstUtils } from 'langium';
import { isMaintenance, type HolidaySet, type MaintenanceSlot } from '../generated/ast.js';
import { recurrenceRuleOf } from '../evaluation/agreement-model.js';
import { firstYearsOf, holidayChoiceText, holidaySetDaysIn, listedPeriod, MONTHS, removesAny } from '../model/calendar-days.js';
import { agreementContext } from './agreement-context.js';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** More years than this in a validity are summed up, not listed. */
export const MAX_YEARS = 5;

/** `Thu 14 May 2026`. */
export function shortDate(dayNumber: number): string {
    const { year, month, day } = civilFromDays(dayNumber);
    return `${DAY_NAMES[weekdayFromDays(dayNumber) - 1]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** `France ("FR")`, or the code as written when the library does not know it. */
export function regionText(region: string | undefined): string {
    const name = region ? holidayRegionName(region) : undefined;
    return name ? `${md(name)} ("${md(region ?? '')}")` : `"${md(region ?? '')}" (not a region code the holiday library knows)`;
}

/**
 * One line per year: `2026: Thu 1 Jan (New Year's Day), Mon 6 Apr (Easter Monday), …`. Only the
 * years shown get their texts: a validity of thousands of years (a typo such as 8026) listed a
 * text per day, each with zone arithmetic, and took 17 s (found fuzzing).
 */
function perYearLines<T extends { day: number }>(days: readonly T[], text: (item: T) => string): string[] {
    const byYear = new Map<number, T[]>();
    // The year of a day is worked out once per year, not per day (the days come in order: an
    // every-other-day rule over thousands of years is a million of them).
    let year = 0;
    let yearStart = Infinity;
    let nextYearStart = -Infinity;
    for (const item of days) {
        if (!(item.day >= yearStart && item.day < nextYearStart)) {
            year = civilFromDays(item.day).year;
            yearStart = daysFromCivil(year, 1, 1);
            nextYearStart = daysFromCivil(year + 1, 1, 1);
        }
        let ofYear = byYear.get(year);
        if (!ofYear) byYear.set(year, ofYear = []);
        ofYear.push(item);
    }
    const years = [...byYear.keys()].sort((a, b) => a - b);
    const lines = years.slice(0, MAX_YEARS).map(year => `- ${year}: ${byYear.get(year)!.map(text).join(', ')}`);
    if (years.length > MAX_YEARS) lines.push(`- … and ${years.length - MAX_YEARS} more years`);
    return lines;
}

/** A `holidays "FR" without …` line: which days it takes off in the validity. */
export function holidaySetMarkdown(set: HolidaySet): string {
    // The days of a validity of many years are counted and listed for its first years only (a text per day).
    const whole = listedPeriod(set);
    const period = firstYearsOf(whole, MAX_YEARS);
    const without = set.removed.length > 0 ? `, without ${set.removed.map(holidayChoiceText).join(', ')}` : '';
    const lines = [`**Public holidays of ${regionText(set.region)}**${without}: whole days off, computed for each year (Easter-based ones included) by the date-holidays library.`];
    const days = holidaySetDaysIn(set, period);
    if (days.length === 0) return lines.join('\n');
    const onWeekdays = days.filter(d => weekdayFromDays(d.day) <= 5).length;
    lines.push('', `${days.length} days off ${period.label}, ${onWeekdays} of them Monday to Friday:`);
    lines.push(...perYearLines(days, d => {
        const { day, month } = civilFromDays(d.day);
        return `${DAY_NAMES[weekdayFromDays(d.day) - 1]} ${day} ${MONTH_NAMES[month - 1]} (${md(d.name)})`;
    }));
    const unused = set.removed.filter(choice => !removesAny(choice, set.region, whole));
    if (unused.length > 0) lines.push('', `Not a holiday of the set ${whole.label}: ${unused.map(holidayChoiceText).join(', ')}.`);
    return lines.join('\n');
}

/** `first sunday of each month` → `The first Sunday of each month`. */
export function ruleSlotWords(slot: MaintenanceSlot): string | undefined {
    const weekday = (day: string | undefined) => day ? day.charAt(0).toUpperCase() + day.slice(1) : '…';
    if (slot.$type === 'NthWeekdaySlot') return `The ${slot.ordinal} ${weekday(slot.day)} of each ${slot.period}`;
    if (slot.$type === 'RecurringSlot' && slot.other) return `Every other ${slot.day === 'day' ? 'day' : weekday(slot.day)}${slot.anchor ? ` from ${slot.anchor}` : ''}`;
    if (slot.$type === 'RecurringSlot' && slot.second) return `"Every second ${slot.day}" (ambiguous: every other ${slot.day}, or the second ${slot.day} of each month?)`;
    return undefined;
}

/**
 * The occurrences of a slot by rule in the listed period, one line per year, with the real
 * length of those that daylight saving time shortens or lengthens.
 */
export function ruleOccurrenceLines(slot: MaintenanceSlot): string[] {
    let rule: RecurrenceRule | undefined;
    try {
        rule = recurrenceRuleOf(slot);
    } catch {
        return []; // not evaluable as written: the validator says why
    }
    if (rule === undefined || !('range' in slot) || !slot.range) return [];
    const maintenance = AstUtils.getContainerOfType(slot, isMaintenance);
    const zone = maintenance?.timezones[0]?.zone ?? agreementContext(slot).zone;
    const period = listedPeriod(slot);
    const days = occurrenceDays(rule, period.first, period.last);
    const nominal = (rule.endMinute - rule.startMinute + (rule.endMinute <= rule.startMinute ? 1440 : 0)) * 60_000;
    const dayText = ({ day: n }: { day: number }) => {
        const { year, month, day } = civilFromDays(n);
        let text = `${day} ${MONTH_NAMES[month - 1]}`;
        if (zone && isValidTimeZone(zone)) {
            const endDay = rule.endMinute <= rule.startMinute ? day + 1 : day;
            const real = localToInstant(zone, year, month, endDay, 0, rule.endMinute) - localToInstant(zone, year, month, day, 0, rule.startMinute);
            if (real !== nominal) text += ` (${hoursText(real)} real time: the clocks change)`;
        }
        return text;
    };
    if (days.length === 0) return [`No occurrence ${period.label}.`];
    return [`${days.length} occurrence${days.length === 1 ? '' : 's'} ${period.label}:`, ...perYearLines(days.map(day => ({ day })), dayText)];
}

function hoursText(ms: number): string {
    const minutes = Math.round(ms / 60_000);
    if (minutes % 60 === 0) return `${minutes / 60} h`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `America/New_York time, the maintenance's own zone`, `Europe/Paris time`: whose clock a slot's times are read on. */
function slotZoneText(slot: MaintenanceSlot): string {
    const own = AstUtils.getContainerOfType(slot, isMaintenance)?.timezones[0]?.zone;
    const agreementZone = agreementContext(slot).zone;
    const zone = own ?? agreementZone;
    if (zone === undefined) return 'in the agreement\'s time zone';
    return `${md(zone)} time${own !== undefined && agreementZone !== undefined && own !== agreementZone ? ', the maintenance\'s own zone' : ''}`;
}

/** A maintenance slot by rule, hovered: what it means and when it falls. */
export function ruleSlotMarkdown(slot: MaintenanceSlot): string | undefined {
    const words = ruleSlotWords(slot);
    if (words === undefined || !('range' in slot)) return undefined;
    const lines = [`**${words}, ${slot.range?.start} to ${slot.range?.end}** (${slotZoneText(slot)}; a slot whose end is not after its start ends the next day).`];
    const occurrences = ruleOccurrenceLines(slot);
    if (occurrences.length > 0) lines.push('', ...occurrences);
    return lines.join('\n');
}

/** Dates written `24 december` are every year; a formatted form for lists. */
export function holidayText(holiday: { date?: string; day?: number; month?: string; from?: string; label?: string }): string {
    const month = holiday.month ?? '';
    const when = holiday.date ?? `${holiday.day} ${MONTHS.includes(month) ? month.charAt(0).toUpperCase() + month.slice(1) : month} every year`;
    const half = holiday.from ? ` from ${holiday.from}` : '';
    return `${when}${half}${holiday.label ? ` (${md(holiday.label)})` : ''}`;
}
