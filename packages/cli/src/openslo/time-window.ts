/**
 * An OpenSLO `timeWindow` as a window of the language (docs/cli.md, "sla import openslo").
 * A calendar window's `calendar.startTime` says where its periods begin, and the language's
 * calendar windows begin at fixed places (language reference § 10): days at midnight, weeks on
 * Monday, months on the 1st, quarters on 1 January, April, July and October, years on
 * 1 January — or, for quarters and years, on the 1st of the month the agreement's fiscal year
 * starts in (`fiscal year from february`). A start elsewhere (months from the 15th, weeks from a
 * Wednesday, 06:00) has no window in the language and is refused rather than moved.
 */
import type { TimeWindow } from './openslo-document.js';

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const ROLLING_WORDS: Record<string, string> = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };
const CALENDAR_WORDS: Record<string, string> = { d: 'day', w: 'week', M: 'month', Q: 'quarter', Y: 'year' };
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The month (1–12) a fiscal year starts in, and what says so (for messages). */
export interface FiscalYear {
    month: number;
    source: string;
}

/** What is wrong with a time window, and the key (under the window) it is about. */
export interface WindowProblem {
    problem: string;
    key: Array<string | number>;
}

interface CalendarStart {
    year: number;
    month: number;
    day: number;
    time: string;
}

/** `fiscal year from february` → 2. */
export function fiscalYearMonth(declaration: string | undefined): number | undefined {
    const month = /^fiscal year from (\w+)\s*$/.exec(declaration ?? '')?.[1];
    const index = month === undefined ? -1 : MONTHS.indexOf(month);
    return index < 0 ? undefined : index + 1;
}

/**
 * The fiscal year the windows need when no annotation declares it: a calendar year that starts
 * in another month than January says it; else a quarter that starts in none of January, April,
 * July, October (the year is then taken to start in that month: its quarters are the same).
 */
export function fiscalYearOfWindows(windows: Array<{ window: TimeWindow | undefined; slo: string }>): FiscalYear | undefined {
    for (const postfix of ['Y', 'Q']) {
        for (const { window, slo } of windows) {
            if (!window || window.isRolling || window.duration !== `1${postfix}`) continue;
            const start = calendarStart(window.calendar?.startTime);
            if (start === undefined || start.day !== 1 || (postfix === 'Y' ? start.month === 1 : (start.month - 1) % 3 === 0)) continue;
            return { month: start.month, source: `the start time of SLO ${slo}` };
        }
    }
    return undefined;
}

/**
 * The window (`calendar month`, `fiscal quarter`, `rolling 7 days`), or what is wrong with it.
 * `written` is the window as the export wrote it (`sla-language/window`, for a fiscal one).
 */
export function windowText(window: TimeWindow, fiscalYear: FiscalYear | undefined, written?: string): { text: string; fiscal: boolean } | WindowProblem {
    const match = /^(\d+)([mhdwMQY])$/.exec(window.duration ?? '');
    if (!match) return { key: ['duration'], problem: `time window '${window.duration ?? ''}' has no SLA window (rolling m/h/d/w, calendar 1d/1w/1M/1Q/1Y).` };
    const [, count, postfix] = match as unknown as [string, string, string];
    if (window.isRolling) {
        const word = ROLLING_WORDS[postfix];
        if (!word) return { key: ['duration'], problem: `a rolling window of '${window.duration}' has no SLA window: rolling windows are in minutes, hours, days or weeks (m, h, d, w); for months write isRolling: false (calendar months).` };
        return { text: `rolling ${count} ${count === '1' ? word.slice(0, -1) : word}`, fiscal: false };
    }
    const word = CALENDAR_WORDS[postfix];
    if (!word || count !== '1') return { key: ['duration'], problem: `a calendar window of '${window.duration}' has no SLA window: calendar windows are one day, week, month, quarter or year (1d, 1w, 1M, 1Q, 1Y).` };
    const startTime = window.calendar?.startTime;
    if (startTime === undefined) return { text: `calendar ${word}`, fiscal: false };
    const start = calendarStart(startTime);
    const key = ['calendar', 'startTime'];
    if (start === undefined) return { key, problem: `startTime '${String(startTime)}' is not a date and time as OpenSLO writes them: write e.g. '2026-01-01 00:00:00'.` };
    const date = `${start.year}-${pad(start.month)}-${pad(start.day)}`;
    if (start.time !== '00:00:00') return { key, problem: `startTime ${date} ${start.time}: calendar ${word}s start at midnight (in the agreement's time zone), and the language has none from ${start.time}: write ${date} 00:00:00.` };
    if (postfix === 'd') return { text: 'calendar day', fiscal: false };
    if (postfix === 'w') {
        const weekday = new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay();
        if (weekday === 1) return { text: 'calendar week', fiscal: false };
        const monday = new Date(Date.UTC(start.year, start.month - 1, start.day - ((weekday + 6) % 7))).toISOString().slice(0, 10);
        return { key, problem: `startTime ${date} is a ${WEEKDAYS[weekday]}: calendar weeks start on Monday (ISO weeks), and the language has no weeks from another day: write ${monday} 00:00:00, or a rolling window (duration: 7d, isRolling: true).` };
    }
    if (start.day !== 1) {
        return { key, problem: `startTime ${date}: calendar ${word}s start on the 1st, and the language has no ${word}s from the ${ordinal(start.day)}: write ${start.year}-${pad(start.month)}-01 00:00:00, or a rolling window (e.g. duration: 30d, isRolling: true).` };
    }
    if (postfix === 'M') return { text: 'calendar month', fiscal: false };
    const month = capitalized(MONTHS[start.month - 1]!);
    const writtenFiscal = written === `per fiscal ${word}`;
    if (postfix === 'Q') {
        const fiscal = fiscalYear !== undefined && (start.month - fiscalYear.month + 12) % 3 === 0;
        if (fiscal && (writtenFiscal || (start.month - 1) % 3 !== 0)) return { text: 'fiscal quarter', fiscal: true };
        if ((start.month - 1) % 3 === 0) return { text: 'calendar quarter', fiscal: false };
        return { key, problem: `startTime ${date}: a quarter from ${month} is a fiscal quarter, but the fiscal year starts in ${startMonth(fiscalYear)}, whose quarters start in other months: an agreement has one fiscal year; start the quarter on a quarter of that year, or on 1 January, April, July or October (a calendar quarter).` };
    }
    if (fiscalYear !== undefined && fiscalYear.month === start.month && (writtenFiscal || start.month !== 1)) return { text: 'fiscal year', fiscal: true };
    if (start.month === 1) return { text: 'calendar year', fiscal: false };
    return { key, problem: `startTime ${date}: a year from ${month} is a fiscal year, but the fiscal year starts in ${startMonth(fiscalYear)}: an agreement has one fiscal year; start the year then, or on 1 January (a calendar year).` };
}

/** `2026-01-01 00:00:00` (OpenSLO's form; `T` between date and time is read too). */
function calendarStart(text: unknown): CalendarStart | undefined {
    const match = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim()) : null;
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return { year, month, day, time: match[4]! };
}

/** `February (the Service annotation sla-language/fiscal-year)`. */
function startMonth(fiscalYear: FiscalYear | undefined): string {
    return fiscalYear === undefined ? 'another month' : `${capitalized(MONTHS[fiscalYear.month - 1]!)} (${fiscalYear.source})`;
}

function pad(n: number): string {
    return String(n).padStart(2, '0');
}

function capitalized(word: string): string {
    return word[0]!.toUpperCase() + word.slice(1);
}

function ordinal(day: number): string {
    const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
    return `${day}${suffix}`;
}
