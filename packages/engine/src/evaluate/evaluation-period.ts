import { localToInstant } from '../time/zone.js';
import { addCivilDays, requireCivilDate } from '../time/civil.js';
import { calendarWindowContaining, rollingWindowEnds } from '../time/windows.js';
import { windowSpecLabel, type AgreementModel, type WindowSpec } from '../model.js';

/** The half-open interval [start, end) in epoch ms over which an agreement is evaluated. */
export interface EvaluationPeriod {
    start: number;
    end: number;
    /** The validity interval [from 00:00, to+1 00:00) before narrowing. */
    validityStart: number;
    validityEnd: number;
    /**
     * Present when `--from` fell inside a window the agreement judges: the instant asked for, and
     * the earliest such window. `start` is then that window's start (or the validity's, if later),
     * so that no window is judged on part of its data; the windows judged are those ending after
     * `asked.start` (judgedFrom), those ending by it are before the period (window-history.ts).
     */
    asked?: { start: number; window: { label: string; start: number; end: number } };
    /** Only the windows that end by `end` are planned: the history before a period (window-history.ts), whose last windows the period judges. */
    endedWindowsOnly?: boolean;
}

export interface PeriodOptions {
    from?: string;
    to?: string; // inclusive day
    now?: number;
    /** EvaluationPeriod.endedWindowsOnly. */
    endedWindowsOnly?: boolean;
}

/** Midnight (agreement zone) at the start of the day `text` (YYYY-MM-DD). */
export function dayStart(zone: string, text: string): number {
    const date = requireCivilDate(text);
    return localToInstant(zone, date.year, date.month, date.day);
}

/** Midnight (agreement zone) at the end of the day `text`: the start of the next day. */
export function dayAfter(zone: string, text: string): number {
    const next = addCivilDays(requireCivilDate(text), 1);
    return localToInstant(zone, next.year, next.month, next.day);
}

/**
 * The validity period `[from 00:00, to+1 00:00)` in the agreement's zone, narrowed by
 * the requested from/to days and ended at `now` (a window cut by it becomes partial).
 * A `from` day inside one of `windows` (the agreement's: judgedWindows) starts the period at the
 * earliest such window's start instead: a month, a week or a quarter is judged on all its rows,
 * or its credit would be paid on a part of it (10–31 January met while January was breached).
 * The windows judged stay those ending after the day asked for (judgedFrom).
 */
export function evaluationPeriod(zone: string, validity: { from: string; to: string }, options: PeriodOptions, windows: readonly WindowSpec[] = []): EvaluationPeriod {
    const validityStart = dayStart(zone, validity.from);
    const validityEnd = dayAfter(zone, validity.to);
    let start = validityStart;
    let end = validityEnd;
    let asked: EvaluationPeriod['asked'];
    if (options.from !== undefined) {
        start = Math.max(start, dayStart(zone, options.from));
        if (start > validityStart) {
            const holding = earliestWindowHolding(zone, start, windows);
            if (holding !== undefined && holding.start < start) {
                asked = { start, window: holding };
                start = Math.max(holding.start, validityStart);
            }
        }
    }
    if (options.to !== undefined) end = Math.min(end, dayAfter(zone, options.to));
    end = Math.min(end, options.now ?? Date.now());
    if (end < start) end = start;
    return { start, end, validityStart, validityEnd, ...(asked === undefined ? {} : { asked }), ...(options.endedWindowsOnly === true ? { endedWindowsOnly: true } : {}) };
}

/**
 * The first instant whose windows are judged: a window ending by it lies before the period (its
 * terms' history, window-history.ts), one ending after it is judged whole. The period's start,
 * unless `--from` fell inside a window (then the day asked for, and `start` is that window's).
 */
export function judgedFrom(period: EvaluationPeriod): number {
    return period.asked?.start ?? period.start;
}

/** The evaluation period of an agreement: evaluationPeriod with the windows it judges (judgedWindows). */
export function agreementPeriod(model: Pick<AgreementModel, 'timezone' | 'validity' | 'objectives' | 'internalTargets' | 'itemObjectives' | 'credits'>, options: PeriodOptions): EvaluationPeriod {
    return evaluationPeriod(model.timezone, model.validity, options, judgedWindows(model));
}

/** The windows whose values an agreement judges or pays on: its objectives', internal targets', `objective each` promises' and credits'. */
export function judgedWindows(model: Pick<AgreementModel, 'objectives' | 'internalTargets' | 'itemObjectives' | 'credits'>): WindowSpec[] {
    return [...model.objectives, ...model.internalTargets, ...(model.itemObjectives ?? []), ...model.credits].map((judged) => judged.window);
}

/**
 * Of the windows of `windows` that end after `instant` and start before or at it — a calendar
 * window holding it, the first rolling window ending after it (at the end of its day) — the one
 * starting first.
 */
function earliestWindowHolding(zone: string, instant: number, windows: readonly WindowSpec[]): { label: string; start: number; end: number } | undefined {
    let earliest: { label: string; start: number; end: number } | undefined;
    for (const spec of windows) {
        let window: { start: number; end: number };
        if (spec.kind === 'calendar') window = calendarWindowContaining(zone, spec.unit, instant, spec.yearStartMonth);
        else {
            // The next local midnight: at most 2 days on (a day is 23 to 25 hours long).
            const end = rollingWindowEnds(zone, spec.lengthMs, instant, instant + 2 * 86_400_000)[0]!;
            window = { start: end - spec.lengthMs, end };
        }
        if (earliest === undefined || window.start < earliest.start) earliest = { label: windowSpecLabel(spec), ...window };
    }
    return earliest;
}

/**
 * Why the period starts before the `--from` day: "--from 2026-01-10 falls inside the calendar
 * month 2026-01-01 – 2026-01-31: the data are read from 2026-01-01, so that …".
 */
export function wholeWindowNote(period: EvaluationPeriod, times: { format(t: number): string }): string {
    const { start, window } = period.asked!;
    const day = (t: number): string => times.format(t).slice(0, 10);
    const from = period.start > window.start ? `the validity's first day, ${day(period.start)}` : day(period.start);
    return `--from ${day(start)} falls inside the ${window.label} ${day(window.start)} – ${day(window.end - 1)}: the data are read from ${from}, so that every window ending after ${day(start)} is judged on all its data, never on its part after --from (a credit is owed on the whole window's value).`;
}
