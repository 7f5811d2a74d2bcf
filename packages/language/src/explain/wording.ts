/** Small pieces of wording shared by every explanation: comparisons, quantities, windows. */
import { parseCivilDate, type CalendarUnit } from '@sla/engine';
import type { Window } from '../generated/ast.js';
import { windowSpecOf } from '../model/windows.js';
import { classifyUnit } from '../types/units.js';
import { formatAmount, formatNumber } from './numbers.js';

export function comparisonWords(operator: string | undefined): string {
    switch (operator) {
        case '>=': return 'at least';
        case '>': return 'more than';
        case '<=': return 'at most';
        case '<': return 'less than';
        default: return 'exactly (no comparison is written: add >=, >, <= or <)';
    }
}

/**
 * The values that miss a target, in words: `below 99.5%` for `>=`, `90% or less` for `>` (exactly
 * the target misses it), `more than 8 hours` for `<=`, `8 hours or more` for `<`; undefined without a comparison.
 */
export function missingWords(operator: string | undefined, target: string): string | undefined {
    switch (operator) {
        case '>=': return `below ${target}`;
        case '>': return `${target} or less`;
        case '<=': return `more than ${target}`;
        case '<': return `${target} or more`;
        default: return undefined;
    }
}

/** Singular forms of duration units for `1 minute`, and readable names for short ones. */
const UNIT_WORDS: Record<string, [string, string]> = {
    ms: ['ms', 'ms'], millisecond: ['millisecond', 'milliseconds'], milliseconds: ['millisecond', 'milliseconds'],
    s: ['s', 's'], second: ['second', 'seconds'], seconds: ['second', 'seconds'],
    minute: ['minute', 'minutes'], minutes: ['minute', 'minutes'], hour: ['hour', 'hours'], hours: ['hour', 'hours'],
    day: ['day', 'days'], days: ['day', 'days'], week: ['week', 'weeks'], weeks: ['week', 'weeks'],
    'business day': ['business day', 'business days'], 'business days': ['business day', 'business days']
};

/** A duration unit spelled out in the plural (`ms` → `milliseconds`), or undefined for a unit that is not one. */
export function durationUnitName(unit: string): string | undefined {
    if (unit === 'ms') return 'milliseconds';
    if (unit === 's') return 'seconds';
    return UNIT_WORDS[unit]?.[1];
}

/** `99.9%`, `300 ms`, `12,000.00 EUR` (money as every amount explain writes: numbers.ts), `30 minutes`. */
export function quantityText(quantity: { value: number; unit?: string; parameter?: { $refText: string; ref?: unknown } } | undefined): string {
    if (!quantity) return '(missing)';
    // A name instead of a number (its value is NaN): a template's parameter (`fee monthlyFee`), or a name of nothing (reported).
    if (quantity.parameter !== undefined) {
        const name = `\`${quantity.parameter.$refText}\``;
        return quantity.parameter.ref === undefined ? `${name} (a name where a number is expected)` : `${name} (the template's parameter: each client's value)`;
    }
    const number = formatNumber(quantity.value);
    const unit = quantity.unit;
    if (!unit) return number;
    if (unit === '%') return `${number}%`;
    if (classifyUnit(unit)?.kind === 'money') return formatAmount(quantity.value, unit);
    const words = UNIT_WORDS[unit];
    if (words) return `${number} ${quantity.value === 1 ? words[0] : words[1]}`;
    return `${number} ${unit}`;
}

export type WindowShape =
    /** `yearStartMonth`: a fiscal quarter or year (2 for a fiscal year from February). */
    | { kind: 'calendar'; unit: CalendarUnit; yearStartMonth?: number }
    | { kind: 'rolling'; ms: number; length: number; unit: string }
    | { kind: 'ambiguous'; text: string }
    | { kind: 'none' };

/** What a written window means; the forms the validator rejects as ambiguous stay ambiguous here. */
export function windowShape(window: Window | undefined): WindowShape {
    if (!window) return { kind: 'none' };
    if (window.adverb) return { kind: 'ambiguous', text: window.adverb };
    const unit = window.unit ?? '';
    const spec = windowSpecOf(window);
    if (spec?.kind === 'calendar') return { kind: 'calendar', unit: spec.unit, ...(spec.yearStartMonth !== undefined ? { yearStartMonth: spec.yearStartMonth } : {}) };
    if (spec?.kind === 'rolling') return { kind: 'rolling', ms: spec.lengthMs, length: window.length!, unit };
    const parts = ['per', window.calendar ? 'calendar' : window.rolling ? 'rolling' : window.fiscal ? 'fiscal' : '', window.length !== undefined ? String(window.length) : '', unit];
    return { kind: 'ambiguous', text: parts.filter(p => p).join(' ') };
}

/** `in every calendar month`, `in every rolling window of 7 days`. */
export function windowPhrase(window: Window | undefined): string {
    const shape = windowShape(window);
    switch (shape.kind) {
        case 'calendar': return shape.yearStartMonth !== undefined ? `in every ${fiscalWindowWords(shape.unit, shape.yearStartMonth)}` : `in every calendar ${shape.unit}`;
        case 'rolling': return `in every rolling window of ${quantityText({ value: shape.length, unit: shape.unit })}, checked at the end of every day`;
        case 'ambiguous': return shape.text.startsWith('per fiscal')
            ? `'${shape.text}' (a fiscal year the agreement does not declare: add e.g. 'fiscal year from february')`
            : `'${shape.text}' (ambiguous: write 'per calendar …' or 'per rolling …')`;
        case 'none': return 'with no measurement window (add one, e.g. per calendar month)';
    }
}

/** `per calendar month` as a noun phrase for fees and caps: `per calendar month`. */
export function perWindowPhrase(window: Window | undefined): string {
    const shape = windowShape(window);
    switch (shape.kind) {
        case 'calendar': return shape.yearStartMonth !== undefined ? `per fiscal ${shape.unit}` : `per calendar ${shape.unit}`;
        case 'rolling': return `per rolling ${quantityText({ value: shape.length, unit: shape.unit })}`;
        case 'ambiguous': return `'${shape.text}' (ambiguous)`;
        case 'none': return '';
    }
}

/**
 * `fiscal quarter (of the fiscal year from 1 February: February–April, May–July, August–October,
 * November–January)`, `fiscal year (from 1 February to 31 January)`.
 */
export function fiscalWindowWords(unit: CalendarUnit, yearStartMonth: number): string {
    const month = (offset: number): string => monthName(((yearStartMonth - 1 + offset) % 12) + 1);
    if (unit === 'quarter') {
        const quarters = [0, 3, 6, 9].map(offset => `${month(offset)}–${month(offset + 2)}`);
        return `fiscal quarter (of the fiscal year from 1 ${month(0)}: ${quarters.join(', ')})`;
    }
    return `fiscal ${unit} (from 1 ${month(0)} to the end of ${month(11)})`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
    return MONTHS[month - 1] ?? String(month);
}

/** `2026-03-29` → `29 March 2026`. */
export function longDate(year: number, month: number, day: number): string {
    return `${day} ${monthName(month)} ${year}`;
}

/** A strict `YYYY-MM-DD` that is a real calendar date, as `[year, month, day]`. */
export function parseDate(text: string | undefined): [number, number, number] | undefined {
    const date = text === undefined ? undefined : parseCivilDate(text);
    return date && [date.year, date.month, date.day];
}
