/**
 * The error budget of a ratio objective, as time (uptime KPIs) or as events (counted KPIs):
 * 99.9% per calendar month allows 44 min 38 s of downtime in a 31-day month; 99.9% of
 * requests means 1 in 1,000 requests may fail.
 */
import { calendarWindows, instantToLocal, isValidTimeZone, localDayNumber, localToInstant, type CalendarUnit } from '@sla/engine';
import type { Window } from '../generated/ast.js';
import { formatAllowance } from './allowance.js';
import type { AgreementContext } from './agreement-context.js';
import { formatNumber, scaleMs, type ExactFraction } from './numbers.js';
import { longDate, monthName, windowShape } from './wording.js';

/** One calendar window of the agreement's validity, as the evaluation cuts it. */
interface CalendarPeriod {
    unit: CalendarUnit;
    /** First local day of the window. */
    year: number;
    month: number;
    day: number;
    /** Number of local calendar days in the window. */
    days: number;
    /** Real elapsed length in ms (a Berlin March lasts 44,580 minutes, not 44,640). */
    ms: number;
}

/** More windows than any validity in days needs for its distinct lengths; bounds a hover on `valid … to 9999-12-31`. */
const MAX_PERIODS = 10_000;

/** Periods per zone, unit and validity: hovers and inlay hints ask for the same ones at every objective. */
const periodCache = new Map<string, CalendarPeriod[]>();

/**
 * The calendar windows that intersect the validity `[first 00:00, last + 1 day 00:00)`
 * in the zone, whole, in order: the engine's calendar windows, the ones the evaluator
 * steps through, so a budget in a hover is the one evaluated.
 */
function calendarPeriods(zone: string, unit: CalendarUnit, first: [number, number, number], last: [number, number, number]): CalendarPeriod[] {
    const key = `${zone}|${unit}|${first.join('-')}|${last.join('-')}`;
    let periods = periodCache.get(key);
    if (!periods) {
        if (periodCache.size > 1000) periodCache.clear();
        const windows = calendarWindows(zone, unit, localToInstant(zone, ...first), localToInstant(zone, last[0], last[1], last[2] + 1), MAX_PERIODS);
        periods = windows.map(window => {
            const start = instantToLocal(zone, window.start);
            const days = localDayNumber(zone, window.end) - localDayNumber(zone, window.start);
            return { unit, year: start.year, month: start.month, day: start.day, days, ms: window.end - window.start };
        });
        periodCache.set(key, periods);
    }
    return periods;
}

interface Allowance {
    label: string;
    ms: number;
}

function isRegular(period: CalendarPeriod): boolean {
    return period.ms === period.days * 86_400_000;
}

function dstNote(period: CalendarPeriod): string {
    return period.ms < period.days * 86_400_000 ? 'with the change to summer time' : 'with the change back to standard time';
}

/** Where an allowance applies, with its preposition: `in a 31-day month`, `on 29 March 2026, a 23-hour day …`. */
function periodLabel(period: CalendarPeriod): { label: string; regular: boolean } {
    const regular = isRegular(period);
    const dst = regular ? '' : ` ${dstNote(period)}`;
    switch (period.unit) {
        case 'month':
            if (!regular || period.month === 2) return { label: `in ${monthName(period.month)} ${period.year}${dst}`, regular: false };
            return { label: `in a ${period.days}-day month`, regular: true };
        case 'day':
            return regular ? { label: 'in a day', regular } : { label: `on ${longDate(period.year, period.month, period.day)}, a ${period.ms / 3_600_000}-hour day${dst}`, regular };
        case 'week':
            return regular ? { label: 'in a week', regular } : { label: `in the week from ${longDate(period.year, period.month, period.day)}${dst}`, regular };
        case 'quarter':
        case 'year': {
            const name = period.unit === 'quarter' ? `Q${(period.month + 2) / 3} ${period.year}` : String(period.year);
            return regular ? { label: `in a ${period.days}-day ${period.unit}`, regular } : { label: `in ${name}${dst}`, regular };
        }
    }
}

/**
 * Allowances per distinct window length over the agreement's validity, headline first:
 * regular lengths longest first, then the named windows (February, DST months) in date order.
 */
function calendarAllowances(context: AgreementContext, unit: CalendarUnit, budget: ExactFraction): Allowance[] | undefined {
    if (!context.zone || !isValidTimeZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
    const periods = calendarPeriods(context.zone, unit, context.firstDay, context.lastDay);
    const regular = new Map<string, Allowance & { length: number }>();
    const named: Allowance[] = [];
    for (const period of periods) {
        const { label, regular: isRegularLabel } = periodLabel(period);
        const allowance = { label, ms: scaleMs(period.ms, budget), length: period.ms };
        if (isRegularLabel) regular.set(label, allowance);
        else if (!named.some(n => n.label === label)) named.push(allowance);
    }
    const sortedRegular = [...regular.values()].sort((a, b) => b.length - a.length);
    return [...sortedRegular, ...named];
}

/** "That allows at most … of downtime in a 31-day month (…)." — or undefined when it cannot be said. */
export function downtimeSentence(window: Window | undefined, budget: ExactFraction, context: AgreementContext): string | undefined {
    const shape = windowShape(window);
    if (shape.kind === 'rolling') {
        return `That allows at most ${formatAllowance(scaleMs(shape.ms, budget))} of downtime in any ${formatNumber(shape.length)} ${shape.unit}.`;
    }
    if (shape.kind !== 'calendar') return undefined;
    const allowances = calendarAllowances(context, shape.unit, budget);
    if (!allowances || allowances.length === 0) {
        if (shape.unit === 'month') {
            // Without a zone and validity we cannot place DST; say the plain lengths and why.
            const lengths: [string, number][] = [['a 31-day month', 31], ['a 30-day month', 30], ['a 29-day month', 29], ['a 28-day month', 28]];
            const [head, ...rest] = lengths.map(([label, days], i) => `${formatAllowance(scaleMs(days * 86_400_000, budget))}${i === 0 ? ' of downtime' : ''} in ${label}`);
            const missing = [context.zone && isValidTimeZone(context.zone) ? undefined : 'a time zone', context.firstDay && context.lastDay ? undefined : 'a validity period']
                .filter((m): m is string => !!m).join(' and ');
            return `That allows at most ${head} (${rest.join(', ')}; without ${missing}, months with a daylight-saving change are not counted exactly).`;
        }
        return undefined;
    }
    const [head, ...rest] = allowances.map((a, i) => `${formatAllowance(a.ms)}${i === 0 ? ' of downtime' : ''} ${a.label}`);
    return `That allows at most ${head}${rest.length > 0 ? ` (${rest.join(', ')})` : ''}.`;
}

/** The first (headline) allowance only, for an inlay hint: `≤ 44 min 38 s down per 31-day month`. */
export function downtimeHint(window: Window | undefined, budget: ExactFraction, context: AgreementContext): string | undefined {
    const shape = windowShape(window);
    if (shape.kind === 'rolling') return `≤ ${formatAllowance(scaleMs(shape.ms, budget))} down per ${formatNumber(shape.length)} ${shape.unit}`;
    if (shape.kind !== 'calendar') return undefined;
    const head = calendarAllowances(context, shape.unit, budget)?.[0];
    if (head) return `≤ ${formatAllowance(head.ms)} down per ${head.label.replace(/^(in|on) (an? )?/, '')}`;
    if (shape.unit === 'month') return `≤ ${formatAllowance(scaleMs(31 * 86_400_000, budget))} down per 31-day month`;
    return undefined;
}
