/**
 * The error budget of a ratio objective, as time (uptime KPIs) or as events (counted KPIs):
 * 99.9% per calendar month allows 44 min 38 s of downtime in a 31-day month; 99.9% of
 * requests means 1 in 1,000 requests may fail.
 */
import type { Window } from '../generated/ast.js';
import { formatAllowance } from './allowance.js';
import type { AgreementContext } from './agreement-context.js';
import { formatNumber, scaleMs, type ExactFraction } from './numbers.js';
import { calendarPeriods, isKnownZone, type CalendarPeriod } from './zone-periods.js';
import { longDate, monthName, windowShape } from './wording.js';

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
function calendarAllowances(context: AgreementContext, unit: CalendarPeriod['unit'], budget: ExactFraction): Allowance[] | undefined {
    if (!context.zone || !isKnownZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
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
            const missing = [context.zone && isKnownZone(context.zone) ? undefined : 'a time zone', context.firstDay && context.lastDay ? undefined : 'a validity period']
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
