/**
 * The error budget of a ratio objective, as time (uptime KPIs) or as events (counted KPIs):
 * 99.9% per calendar month allows 44 min 38 s of downtime in a 31-day month; 99.9% of
 * requests means 1 in 1,000 requests may fail.
 */
import { calendarWindows, eligibleMs, instantToLocal, isValidTimeZone, localDayNumber, localToInstant, type CalendarUnit, type EligibilityRules } from '@sla/engine';
import { isCalendar, isMaintenance, type Calendar, type Kpi, type Maintenance, type Window } from '../generated/ast.js';
import { exclusionCapOf, exclusionsInScope } from '../model/exclusions.js';
import { maintenanceScheduleOf, workingCalendarOf } from '../evaluation/agreement-model.js';
import { uptimeTerms } from '../model/kpi-reads.js';
import { formatAllowance } from './allowance.js';
import type { AgreementContext } from './agreement-context.js';
import { judgedPeriods, type JudgedDays } from './judged-days.js';
import { formatNumber, scaleMs, type ExactFraction } from './numbers.js';
import { longDate, monthName, perWindowPhrase, quantityText, windowShape } from './wording.js';

/** One calendar window of the agreement's validity, as the evaluation cuts it. */
export interface CalendarPeriod {
    unit: CalendarUnit;
    /** A fiscal quarter or year: the month its fiscal year starts in. */
    yearStartMonth?: number;
    /** First local day of the window. */
    year: number;
    month: number;
    day: number;
    /** Number of local calendar days in the window. */
    days: number;
    /** Start instant (epoch ms). */
    start: number;
    /** Real elapsed length in ms (a Berlin March lasts 44,580 minutes, not 44,640). */
    ms: number;
    /**
     * The part inside the validity, when the validity cuts the window (its first or last):
     * the evaluation measures only that part (evaluatedFrom/evaluatedTo in the report).
     */
    cut?: { start: number; ms: number; days: number; first: [number, number, number]; last: [number, number, number] };
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
export function calendarPeriods(zone: string, unit: CalendarUnit, first: [number, number, number], last: [number, number, number], yearStartMonth?: number): CalendarPeriod[] {
    const key = `${zone}|${unit}|${first.join('-')}|${last.join('-')}|${yearStartMonth ?? 1}`;
    let periods = periodCache.get(key);
    if (!periods) {
        if (periodCache.size > 1000) periodCache.clear();
        const validityStart = localToInstant(zone, ...first);
        const validityEnd = localToInstant(zone, last[0], last[1], last[2] + 1);
        const windows = calendarWindows(zone, unit, validityStart, validityEnd, MAX_PERIODS, yearStartMonth);
        periods = windows.map(window => {
            const start = instantToLocal(zone, window.start);
            const days = localDayNumber(zone, window.end) - localDayNumber(zone, window.start);
            const period: CalendarPeriod = { unit, ...(yearStartMonth !== undefined ? { yearStartMonth } : {}), year: start.year, month: start.month, day: start.day, days, start: window.start, ms: window.end - window.start };
            // As the evaluation cuts it: [max(start, validity start), min(end, validity end)).
            const from = Math.max(window.start, validityStart);
            const to = Math.min(window.end, validityEnd);
            if (from !== window.start || to !== window.end) {
                const firstLocal = instantToLocal(zone, from);
                const lastLocal = instantToLocal(zone, to - 1);
                period.cut = {
                    start: from, ms: to - from, days: localDayNumber(zone, to) - localDayNumber(zone, from),
                    first: [firstLocal.year, firstLocal.month, firstLocal.day], last: [lastLocal.year, lastLocal.month, lastLocal.day]
                };
            }
            return period;
        });
        periodCache.set(key, periods);
    }
    return periods;
}

interface Allowance {
    label: string;
    ms: number;
    cut?: boolean;
}

function isRegular(period: CalendarPeriod): boolean {
    return period.ms === period.days * 86_400_000;
}

function dstNote(period: CalendarPeriod): string {
    return period.ms < period.days * 86_400_000 ? 'with the change to summer time' : 'with the change back to standard time';
}

/** `January 2026`, `Q1 2026`, `the fiscal quarter from 1 February 2026`, `the week from 12 January 2026`. */
export function windowName(period: CalendarPeriod): string {
    const fiscal = period.yearStartMonth !== undefined && period.yearStartMonth !== 1;
    switch (period.unit) {
        case 'month': return `${monthName(period.month)} ${period.year}`;
        case 'quarter': return fiscal ? `the fiscal quarter from 1 ${monthName(period.month)} ${period.year}` : `Q${(period.month + 2) / 3} ${period.year}`;
        case 'year': return fiscal ? `the fiscal year from 1 ${monthName(period.month)} ${period.year}` : String(period.year);
        case 'week': return `the week from ${longDate(period.year, period.month, period.day)}`;
        case 'day': return longDate(period.year, period.month, period.day);
    }
}

/**
 * `, cut by the validity to its 17 days from 15 January 2026` (`… to its 10 days until 10 June 2026`,
 * `… from 5 to 24 January 2026`): the part of a window the evaluation measures.
 */
export function cutText(period: CalendarPeriod, withDays = true): string {
    const cut = period.cut;
    if (!cut) return '';
    const startsInside = cut.start === period.start;
    const endsInside = cut.start + cut.ms === period.start + period.ms;
    const [y1, m1, d1] = cut.first;
    const [y2, m2, d2] = cut.last;
    const range = startsInside ? `until ${longDate(y2, m2, d2)}`
        : endsInside ? `from ${longDate(y1, m1, d1)}`
        : y1 === y2 && m1 === m2 ? `from ${d1} to ${longDate(y2, m2, d2)}` : `from ${longDate(y1, m1, d1)} to ${longDate(y2, m2, d2)}`;
    const dst = cut.ms === cut.days * 86_400_000 ? '' : cut.ms < cut.days * 86_400_000 ? ', with the change to summer time' : ', with the change back to standard time';
    return `, cut by the validity to its ${withDays ? `${cut.days} day${cut.days === 1 ? '' : 's'}` : 'days'} ${range}${withDays ? dst : ''}`;
}

/** Where an allowance applies, with its preposition: `in a 31-day month`, `on 29 March 2026, a 23-hour day …`. */
export function periodLabel(period: CalendarPeriod): { label: string; regular: boolean } {
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
            const fiscal = period.yearStartMonth !== undefined && period.yearStartMonth !== 1;
            const name = fiscal ? `the fiscal ${period.unit} from 1 ${monthName(period.month)} ${period.year}`
                : period.unit === 'quarter' ? `Q${(period.month + 2) / 3} ${period.year}` : String(period.year);
            // "an 89-day fiscal quarter" (February–April), "a 90-day quarter" (quarters and years last 89–92 or 365–366 days).
            const article = String(period.days).startsWith('8') ? 'an' : 'a';
            return regular ? { label: `in ${article} ${period.days}-day${fiscal ? ' fiscal' : ''} ${period.unit}`, regular } : { label: `in ${name}${dst}`, regular };
        }
    }
}

/**
 * Allowances per distinct window length over the agreement's validity (the windows of the
 * `judged` days only), headline first: regular lengths longest first, then the named windows
 * (February, DST months) in date order.
 */
function calendarAllowances(context: AgreementContext, unit: CalendarUnit, budget: ExactFraction, yearStartMonth: number | undefined, judged: JudgedDays | undefined): Allowance[] | undefined {
    if (!context.zone || !isValidTimeZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
    const periods = judgedPeriods(calendarPeriods(context.zone, unit, context.firstDay, context.lastDay, yearStartMonth), context.zone, judged);
    const regular = new Map<string, Allowance & { length: number }>();
    const named: Allowance[] = [];
    for (const period of periods) {
        // A window the validity cuts: the evaluation measures only its part inside the validity.
        if (period.cut) {
            named.push({ label: `in ${windowName(period)}${cutText(period)}`, ms: scaleMs(period.cut.ms, budget), cut: true });
            continue;
        }
        const { label, regular: isRegularLabel } = periodLabel(period);
        const allowance = { label, ms: scaleMs(period.ms, budget), length: period.ms };
        if (isRegularLabel) regular.set(label, allowance);
        else if (!named.some(n => n.label === label)) named.push(allowance);
    }
    const sortedRegular = [...regular.values()].sort((a, b) => b.length - a.length);
    return [...sortedRegular, ...named];
}

/**
 * "That allows at most … of downtime in a 31-day month (…)." (less than, for a strict `>`) — or
 * undefined when it cannot be said, or when no window of the validity falls in the `judged` days.
 */
export function downtimeSentence(window: Window | undefined, budget: ExactFraction, context: AgreementContext, strict = false, judged?: JudgedDays): string | undefined {
    const shape = windowShape(window);
    const limit = limitWords(strict);
    if (shape.kind === 'rolling') {
        return `That allows ${limit} ${formatAllowance(scaleMs(shape.ms, budget))} of downtime in any ${formatNumber(shape.length)} ${shape.unit}.`;
    }
    if (shape.kind !== 'calendar') return undefined;
    const allowances = calendarAllowances(context, shape.unit, budget, shape.yearStartMonth, judged);
    // A target that never applies within the validity (sla/objective-schedule warns): no window to name.
    if (allowances?.length === 0) return undefined;
    if (!allowances) {
        if (shape.unit === 'month') {
            // Without a zone and validity we cannot place DST; say the plain lengths and why.
            const lengths: [string, number][] = [['a 31-day month', 31], ['a 30-day month', 30], ['a 29-day month', 29], ['a 28-day month', 28]];
            const [head, ...rest] = lengths.map(([label, days], i) => `${formatAllowance(scaleMs(days * 86_400_000, budget))}${i === 0 ? ' of downtime' : ''} in ${label}`);
            const missing = [context.zone && isValidTimeZone(context.zone) ? undefined : 'a time zone', context.firstDay && context.lastDay ? undefined : 'a validity period']
                .filter((m): m is string => !!m).join(' and ');
            return `That allows ${limit} ${head} (${rest.join(', ')}; without ${missing}, months with a daylight-saving change are not counted exactly).`;
        }
        return undefined;
    }
    const [head, ...rest] = allowances.map((a, i) => `${formatAllowance(a.ms)}${i === 0 ? ' of downtime' : ''} ${a.label}`);
    return `That allows ${limit} ${head}${rest.length > 0 ? ` (${rest.join(', ')})` : ''}.`;
}

/** 'at most' the budget for `>=`, 'less than' for a strict `>`: a downtime of exactly the budget breaches `> 99.9%`. */
function limitWords(strict: boolean): string {
    return strict ? 'less than' : 'at most';
}

/** The first (headline) allowance only, for an inlay hint: `≤ 44 min 38 s down per 31-day month`. */
export function downtimeHint(window: Window | undefined, budget: ExactFraction, context: AgreementContext, strict = false, judged?: JudgedDays): string | undefined {
    const shape = windowShape(window);
    const sign = strict ? '<' : '≤';
    if (shape.kind === 'rolling') return `${sign} ${formatAllowance(scaleMs(shape.ms, budget))} down per ${formatNumber(shape.length)} ${shape.unit}`;
    if (shape.kind !== 'calendar') return undefined;
    const allowances = calendarAllowances(context, shape.unit, budget, shape.yearStartMonth, judged);
    if (allowances?.length === 0) return undefined;
    const head = allowances?.find(a => !a.cut) ?? allowances?.[0];
    if (head) return `${sign} ${formatAllowance(head.ms)} down per ${head.label.replace(/^(in|on) (an? )?/, '')}`;
    if (shape.unit === 'month') return `${sign} ${formatAllowance(scaleMs(31 * 86_400_000, budget))} down per 31-day month`;
    return undefined;
}

/** What the KPI's `uptime(…)` counts as eligible time, when that is less than the whole window. */
export interface Eligibility {
    during?: Calendar;
    excluding: Maintenance[];
    /** Exclusions `during M, at most 10 hours per calendar year` of the KPI's scope: M's time up to the cap. */
    capped: { maintenance: Maintenance; cap: { ms: number; per: CalendarUnit; yearStartMonth?: number }; text: string }[];
}

/**
 * The KPI's eligibility: undefined when every uptime term measures the whole window (the
 * budget is then a share of the window), `'mixed'` when its uptime terms remove different time.
 * The maintenance exclusions of the KPI's scope (`exclusion … during M`) remove time from every
 * uptime term, as the evaluation applies them (agreement-model.ts); one counted as available
 * removes none.
 */
export function kpiEligibility(kpi: Kpi): Eligibility | 'mixed' | undefined {
    let found: Eligibility | undefined;
    let key: string | undefined;
    const available = new Set<Maintenance>();
    for (const term of uptimeTerms(kpi)) {
        // In a template, a calendar or maintenance parameter without a default links to the parameter itself: its
        // hours are not known until a client names them, so the eligible time cannot be said.
        const named = [term.calendar?.ref, ...term.exclusions.map(ref => ref.ref)];
        if (named.some(node => node !== undefined && !isCalendar(node) && !isMaintenance(node))) return 'mixed';
        const during = term.calendar?.ref;
        const excluding = term.exclusions.map(ref => ref.ref).filter((m): m is Maintenance => isMaintenance(m));
        for (const reference of term.available) if (reference.ref) available.add(reference.ref);
        const termKey = [term.calendar?.$refText ?? '', ...term.exclusions.map(ref => ref.$refText).sort()].join('|');
        if (key === undefined) {
            key = termKey;
            found = { during, excluding, capped: [] };
        } else if (key !== termKey) return 'mixed';
    }
    if (!found) return undefined;
    for (const exclusion of exclusionsInScope(kpi)) {
        const maintenance = exclusion.maintenance?.ref;
        if (maintenance !== undefined && !isMaintenance(maintenance)) return 'mixed';
        if (!maintenance || exclusion.countedAsAvailable || available.has(maintenance) || found.excluding.includes(maintenance)) continue;
        if (!exclusion.cap) {
            found.excluding.push(maintenance);
            continue;
        }
        const cap = exclusionCapOf(exclusion.cap);
        // A cap that is no duration per calendar window is an error of its own (sla/exclusion-rows): no figure then.
        if (!cap) return 'mixed';
        found.capped.push({ maintenance, cap, text: `${quantityText(exclusion.cap.amount)} ${perWindowPhrase(exclusion.cap.window)}` });
    }
    return found.during || found.excluding.length > 0 || found.capped.length > 0 || key !== '' ? found : undefined;
}

/** The engine's rules for the eligibility, or undefined when a declaration is unresolved or half-written (the hover must not throw). */
function engineRules(eligibility: Eligibility, zone: string): EligibilityRules | undefined {
    try {
        const rules: EligibilityRules = {
            during: eligibility.during ? workingCalendarOf(eligibility.during, zone) : undefined,
            excluding: eligibility.excluding.map(m => maintenanceScheduleOf(m, true)),
            cappedExcluding: eligibility.capped.map(({ maintenance, cap }) => ({ schedule: maintenanceScheduleOf(maintenance, true), cap }))
        };
        const schedules = [...rules.excluding, ...(rules.cappedExcluding ?? []).map(rule => rule.schedule)];
        const minutes = [
            ...(rules.during?.rules ?? []).flatMap(rule => [rule.startMinute, rule.endMinute]),
            ...schedules.flatMap(m => [...m.recurring.flatMap(slot => [slot.startMinute, slot.endMinute]), ...m.oneOff.flatMap(p => [p.start.minute, p.end.minute])])
        ];
        if (!minutes.every(Number.isFinite)) return undefined;
        if ([rules.during?.zone, ...schedules.map(m => m.zone)].some(z => z !== undefined && !isValidTimeZone(z))) return undefined;
        return rules;
    } catch {
        return undefined;
    }
}

/** Maintenance whose periods a dataset lists (`periods(…)`): its time is known only from the data. */
function listedMaintenanceNames(eligibility: Eligibility): string[] {
    return [...eligibility.excluding, ...eligibility.capped.map(c => c.maintenance)].filter(m => m.periods.length > 0).map(m => m.name);
}

/** `0.5%`: the budget share as written (1 − 99.5%). */
function budgetPercent(budget: ExactFraction): string {
    return `${formatNumber(Number(budget.numerator * 100n) / Number(budget.denominator))}%`;
}

function joinWords(words: string[]): string {
    return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `each month minus maintenance Patching`, `the SupportHours hours of each month, minus maintenance Patching`. */
function eligibleDescription(eligibility: Eligibility | 'mixed', each: string): string {
    if (eligibility === 'mixed') return `what each uptime term of the KPI counts (its terms exclude different time, or time a parameter without a value names)`;
    const base = eligibility.during ? `the ${eligibility.during.name} hours of ${each}` : each;
    const names = [...eligibility.excluding.map(m => m.name), ...eligibility.capped.map(c => `${c.maintenance.name} (at most ${c.text})`)];
    return names.length > 0 ? `${base}${eligibility.during ? ',' : ''} minus maintenance ${joinWords(names)}` : base;
}

/** `January, July and December 2026`, `March 2026`, `Q1 2026`; a count when there are many (weeks, days). */
function periodNames(periods: CalendarPeriod[]): string {
    if (periods.length > 12) return `${formatNumber(periods.length)} ${periods[0]!.unit}s`;
    switch (periods[0]!.unit) {
        case 'month': {
            const years: { year: number; months: string[] }[] = [];
            for (const p of periods) {
                const last = years[years.length - 1];
                if (last && last.year === p.year) last.months.push(monthName(p.month));
                else years.push({ year: p.year, months: [monthName(p.month)] });
            }
            return years.map(y => `${joinWords(y.months)} ${y.year}`).join(', ');
        }
        case 'quarter':
        case 'year': return joinWords(periods.map(windowName));
        case 'week': return joinWords(periods.map(p => `the week from ${longDate(p.year, p.month, p.day)}`));
        case 'day': return joinWords(periods.map(p => longDate(p.year, p.month, p.day)));
    }
}

/**
 * Eligible time is counted window by window with the zone's offsets at every maintenance
 * slot: a validity of 900 years (a mistyped year) took seconds of CPU at each hover (found
 * fuzzing). Beyond this many years the sentence says so instead of counting.
 */
const MAX_COUNTED_YEARS = 100;

function validityTooLong(context: AgreementContext): boolean {
    return !!context.firstDay && !!context.lastDay && context.lastDay[0] - context.firstDay[0] > MAX_COUNTED_YEARS;
}

interface EligibleAllowance {
    eligibleMs: number;
    allowanceMs: number;
    periods: CalendarPeriod[];
    /** A window cut by the validity: its own entry, after the whole windows. */
    cut?: boolean;
}

/** Allowances per distinct eligible length over the validity (the `judged` days), longest first, each with the windows that have it. */
function eligibleAllowances(context: AgreementContext, unit: CalendarUnit, budget: ExactFraction, eligibility: Eligibility | 'mixed', yearStartMonth: number | undefined, judged: JudgedDays | undefined): EligibleAllowance[] | undefined {
    if (eligibility === 'mixed' || !context.zone || !isValidTimeZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
    if (validityTooLong(context) || listedMaintenanceNames(eligibility).length > 0) return undefined;
    const rules = engineRules(eligibility, context.zone);
    if (!rules) return undefined;
    const byLength = new Map<number, EligibleAllowance>();
    const cut: EligibleAllowance[] = [];
    try {
        for (const period of judgedPeriods(calendarPeriods(context.zone, unit, context.firstDay, context.lastDay, yearStartMonth), context.zone, judged)) {
            if (period.cut) {
                // Only the part inside the validity is evaluated (the report's evaluatedFrom/evaluatedTo).
                const ms = eligibleMs(rules, context.zone, period.cut.start, period.cut.start + period.cut.ms);
                cut.push({ eligibleMs: ms, allowanceMs: scaleMs(ms, budget), periods: [period], cut: true });
                continue;
            }
            // The engine's own eligible-time function: the minutes the evaluation divides by.
            const ms = eligibleMs(rules, context.zone, period.start, period.start + period.ms);
            const group = byLength.get(ms) ?? { eligibleMs: ms, allowanceMs: scaleMs(ms, budget), periods: [] };
            group.periods.push(period);
            byLength.set(ms, group);
        }
    } catch {
        return undefined;
    }
    return [...[...byLength.values()].sort((a, b) => b.eligibleMs - a.eligibleMs), ...cut];
}

/**
 * The budget of an uptime KPI whose eligible time is less than the window (`excluding`,
 * `during`): a share of eligible time, with the exact allowance of each window of the validity.
 */
export function eligibleDowntimeSentence(window: Window | undefined, budget: ExactFraction, context: AgreementContext, eligibility: Eligibility | 'mixed', strict = false, judged?: JudgedDays): string | undefined {
    const shape = windowShape(window);
    const limit = limitWords(strict);
    const share = budgetPercent(budget);
    if (shape.kind === 'rolling') {
        const span = `${formatNumber(shape.length)} ${shape.unit}`;
        return `The budget is ${share} of eligible time: ${eligibleDescription(eligibility, `the ${span}`)}. `
            + `That allows ${limit} ${formatAllowance(scaleMs(shape.ms, budget))} of downtime in any ${span}, less where time is removed from the window.`;
    }
    if (shape.kind !== 'calendar') return undefined;
    const intro = `The budget is ${share} of eligible time: ${eligibleDescription(eligibility, `each ${shape.unit}`)}.`;
    const allowances = eligibleAllowances(context, shape.unit, budget, eligibility, shape.yearStartMonth, judged);
    if (allowances?.length === 0) return undefined;
    if (!allowances) {
        const missing = [context.zone && isValidTimeZone(context.zone) ? undefined : 'a time zone', context.firstDay && context.lastDay ? undefined : 'a validity period']
            .filter((m): m is string => !!m).join(' and ');
        const listed = eligibility === 'mixed' ? [] : listedMaintenanceNames(eligibility);
        const why = missing ? `without ${missing}, eligible time cannot be counted`
            : listed.length > 0 ? `maintenance ${joinWords(listed)} takes its periods from data: each ${shape.unit}'s eligible time is known when it is evaluated`
            : validityTooLong(context) ? `the validity runs over ${MAX_COUNTED_YEARS} years, too long to count eligible time window by window`
            : 'the eligible time cannot be counted from these declarations';
        return `${intro} That allows ${limit} ${share} of each ${shape.unit}'s eligible time as downtime (${why}).`;
    }
    const parts = allowances.map((a, i) => `${formatAllowance(a.allowanceMs)}${i === 0 ? ' of downtime' : ''} in ${a.cut ? `${windowName(a.periods[0]!)}${cutText(a.periods[0]!, false)}` : periodNames(a.periods)} `
        + `(${formatNumber(a.eligibleMs / 60_000)} eligible minutes${a.periods.length > 1 ? ' each' : ''})`);
    const [head, ...rest] = parts;
    return `${intro} That allows ${limit} ${head}${rest.length > 0 ? `; ${rest.join('; ')}` : ''}.`;
}

/** The inlay hint of such a KPI: `≤ 42 min 36 s – 44 min 9 s down per month of eligible time`. */
export function eligibleDowntimeHint(window: Window | undefined, budget: ExactFraction, context: AgreementContext, eligibility: Eligibility | 'mixed', strict = false, judged?: JudgedDays): string | undefined {
    const shape = windowShape(window);
    const sign = strict ? '<' : '≤';
    if (shape.kind === 'rolling') return `${sign} ${budgetPercent(budget)} of eligible time down per ${formatNumber(shape.length)} ${shape.unit}`;
    if (shape.kind !== 'calendar') return undefined;
    const allowances = eligibleAllowances(context, shape.unit, budget, eligibility, shape.yearStartMonth, judged);
    if (allowances?.length === 0) return undefined;
    if (!allowances) return `${sign} ${budgetPercent(budget)} of eligible time down per ${shape.unit}`;
    // The range of the whole windows (the cut first or last window is in the hover), else of the cut ones.
    const whole = allowances.filter(a => !a.cut);
    const shown = (whole.length > 0 ? whole : allowances).map(a => a.allowanceMs);
    const high = formatAllowance(Math.max(...shown));
    const low = formatAllowance(Math.min(...shown));
    return `${sign} ${low === high ? high : `${low} – ${high}`} down per ${shape.unit} of eligible time`;
}
