/**
 * What a written window means (`per calendar month`, `per rolling 7 days`, `monthly`):
 * its calendar unit or rolling length, its two readings when ambiguous, its shortest
 * length. Validation, explanations and the evaluation model all read windows here; the
 * calendar units themselves are the engine's.
 */
import { AstUtils } from 'langium';
import { CALENDAR_UNITS, calendarWindows, DURATION_UNIT_MS, MS_PER_DAY, type CalendarUnit, type WindowSpec } from '@sla/engine';
import { isAgreement, isFiscalYear, type FiscalYear, type Window } from '../generated/ast.js';
import { MONTHS } from './calendar-days.js';

/** The agreement's `fiscal year from <month>`, if it declares one. */
export function fiscalYearOf(node: Window): FiscalYear | undefined {
    return AstUtils.getContainerOfType(node, isAgreement)?.members.find(isFiscalYear);
}

/** The month (1–12) a fiscal year starts in, from its declaration. */
export function fiscalYearStartMonth(fiscalYear: FiscalYear | undefined): number | undefined {
    const index = fiscalYear?.month ? MONTHS.indexOf(fiscalYear.month) : -1;
    return index < 0 ? undefined : index + 1;
}

/** `per fiscal quarter`, `per fiscal year`: the only units of a fiscal window. */
export function fiscalUnitOf(window: Window): 'quarter' | 'year' | undefined {
    const unit = calendarUnitOf(window.unit);
    return unit === 'quarter' || unit === 'year' ? unit : undefined;
}

/** Units of a rolling window, with their length in days (`per rolling 7 days`). */
const ROLLING_UNIT_DAYS: Readonly<Record<string, number>> = {
    minute: 1 / 1440, minutes: 1 / 1440, hour: 1 / 24, hours: 1 / 24,
    day: 1, days: 1, week: 7, weeks: 7
};

/** Units that have no fixed length and so cannot measure a rolling window. */
const VARIABLE_LENGTH_UNITS: Readonly<Record<string, CalendarUnit>> = {
    month: 'month', months: 'month', quarter: 'quarter', quarters: 'quarter', year: 'year', years: 'year'
};

const ADVERB_UNIT: Readonly<Record<string, CalendarUnit>> = {
    daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year', annually: 'year'
};

/** Days of the rolling reading offered for an ambiguous calendar-sized window. */
const ROLLING_EQUIVALENT: Readonly<Record<CalendarUnit, string>> = {
    day: 'per rolling 24 hours', week: 'per rolling 7 days', month: 'per rolling 30 days',
    quarter: 'per rolling 90 days', year: 'per rolling 365 days'
};

/** `days` → `day`, `months` → `month`: calendar units are singular. */
export function calendarUnitOf(unit: string | undefined): CalendarUnit | undefined {
    if (!unit) return undefined;
    const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
    return (CALENDAR_UNITS as readonly string[]).includes(singular) ? singular as CalendarUnit : undefined;
}

export function rollingUnitDays(unit: string | undefined): number | undefined {
    return unit ? ROLLING_UNIT_DAYS[unit] : undefined;
}

export function variableLengthUnit(unit: string | undefined): CalendarUnit | undefined {
    return unit ? VARIABLE_LENGTH_UNITS[unit] : undefined;
}

/** A window written without `calendar` or `rolling` (`monthly`, `per month`, `per 30 days`). */
export function isAmbiguousWindow(window: Window): boolean {
    return window.adverb !== undefined || (!window.calendar && !window.rolling && !window.fiscal);
}

/** The two readings of an ambiguous window, as replacement texts. */
export function readingsOf(window: Window): string[] {
    const unit = window.adverb ? ADVERB_UNIT[window.adverb] : calendarUnitOf(window.unit);
    const length = window.length;
    if (unit && (length === undefined || length === 1)) {
        return [`per calendar ${unit}`, ROLLING_EQUIVALENT[unit]];
    }
    const readings: string[] = [];
    if (window.unit && rollingUnitDays(window.unit) !== undefined) {
        readings.push(`per rolling ${length ?? 1} ${pluralUnit(window.unit, length ?? 1)}`);
        if (length === 30 && /^days?$/.test(window.unit)) readings.push('per calendar month');
        if (length === 7 && /^days?$/.test(window.unit)) readings.push('per calendar week');
    }
    return readings;
}

function pluralUnit(unit: string, length: number): string {
    const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
    return length === 1 ? singular : `${singular}s`;
}

/**
 * A key two windows share when they measure the same period (`per calendar month` and
 * `per calendar months`; `per rolling 7 days` and `per rolling 1 week`). Undefined when the
 * window is ambiguous or incomplete.
 */
export function windowKey(window: Window | undefined): string | undefined {
    if (!window || isAmbiguousWindow(window)) return undefined;
    if (window.fiscal) {
        const unit = fiscalUnitOf(window);
        return unit && window.length === undefined ? `fiscal ${unit}` : undefined;
    }
    if (window.calendar) {
        const unit = calendarUnitOf(window.unit);
        return unit ? `calendar ${unit}` : undefined;
    }
    const days = rollingUnitDays(window.unit);
    return days === undefined ? undefined : `rolling ${(window.length ?? 1) * days * 1440} minutes`;
}

/** Does this window align to the calendar (and so need the agreement's time zone)? */
export function isCalendarAligned(window: Window): boolean {
    return window.calendar || window.fiscal || window.adverb !== undefined || (!window.rolling && calendarUnitOf(window.unit) !== undefined);
}

const CALENDAR_MIN_DAYS: Readonly<Record<CalendarUnit, number>> = { day: 1, week: 7, month: 28, quarter: 89, year: 365 };

/** Shortest length of one window, in days, or undefined when unknown. */
export function windowMinDays(window: Window): number | undefined {
    if (window.adverb) return CALENDAR_MIN_DAYS[ADVERB_UNIT[window.adverb]];
    const calendarUnit = calendarUnitOf(window.unit);
    if ((window.calendar || window.fiscal) && calendarUnit) return CALENDAR_MIN_DAYS[calendarUnit] * (window.length ?? 1);
    const days = rollingUnitDays(window.unit);
    if (days !== undefined) return days * (window.length ?? 1);
    const variable = variableLengthUnit(window.unit) ?? (window.rolling ? undefined : calendarUnit);
    return variable ? CALENDAR_MIN_DAYS[variable] * (window.length ?? 1) : undefined;
}

/**
 * The window as the engine evaluates it: `per calendar <unit>`, `per fiscal quarter|year` (with
 * the agreement's fiscal year) or `per rolling <n> <duration unit>`; undefined for every other form (ambiguous, a length on a calendar window, a
 * calendar-length unit on a rolling one), which the validator reports.
 */
export function windowSpecOf(window: Window): WindowSpec | undefined {
    if (window.fiscal && window.length === undefined) {
        // The agreement's fiscal year; without one the validator reports `sla/fiscal-year-missing`.
        const unit = fiscalUnitOf(window);
        const yearStartMonth = fiscalYearStartMonth(fiscalYearOf(window));
        return unit && yearStartMonth !== undefined ? { kind: 'calendar', unit, yearStartMonth } : undefined;
    }
    if (window.calendar && window.length === undefined) {
        const unit = calendarUnitOf(window.unit);
        if (unit) return { kind: 'calendar', unit };
    }
    const unitMs = window.unit === undefined ? undefined : DURATION_UNIT_MS[window.unit];
    if (window.rolling && window.length !== undefined && unitMs !== undefined) {
        return { kind: 'rolling', lengthMs: window.length * unitMs, label: `${window.length} ${window.unit}` };
    }
    return undefined;
}

/**
 * Days of the shortest window of a calendar or fiscal window: 1, 7, 28 (February), 90 (January to
 * March; 89 for a fiscal quarter from February to April), 365; undefined for other windows.
 */
export function shortestWindowDays(window: Window): number | undefined {
    const spec = windowSpecOf(window);
    if (spec?.kind !== 'calendar') return undefined;
    // 2025 and 2026 are no leap years, and together hold every quarter of a fiscal year whole.
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    const whole = calendarWindows('UTC', spec.unit, from, to, Infinity, spec.yearStartMonth ?? 1).filter(w => w.start >= from && w.end <= to);
    return Math.min(...whole.map(w => Math.round((w.end - w.start) / MS_PER_DAY)));
}
