import * as fs from 'node:fs/promises';
import { civilFromDays, editDistance, formatCivilDate, formatInstant, localDayNumber, localToInstant, parseCivilDate, type AgreementModel } from '@sla/engine';

/**
 * What a caller asked for beyond the document (a period, replacement data files) that
 * cannot be honoured. Each is refused before any data is read: evaluating anyway would
 * give a report of nothing ("0 met, 0 breached") or read a file the caller did not mean.
 */
export type RequestProblem =
    | { kind: 'period-empty'; from: string; to: string; validity: { from: string; to: string }; portfolio?: PortfolioValidity }
    | { kind: 'period-outside-validity'; from: string; to: string; validity: { from: string; to: string }; portfolio?: PortfolioValidity }
    | PeriodAfterNow
    | { kind: 'unknown-dataset'; name: string; path: string; datasets: string[] }
    | { kind: 'unknown-data-end'; name: string; date: string; datasets: string[] }
    | { kind: 'missing-data-file'; dataset: string; path: string };

/**
 * A portfolio's validities, for a suggestion that holds for every agreement (a period must
 * share a day with each validity): the days all are valid (`common`, null when there are none),
 * the latest first day and the earliest last day.
 */
export interface PortfolioValidity {
    agreements: number;
    common: { from: string; to: string } | null;
    latestFirst: string;
    earliestLast: string;
}

/**
 * The period starts at or after the time of evaluation (the present, or the `now` given):
 * nothing of it has happened yet, and the report would be one of nothing, its period backwards.
 * For a portfolio (`agreements` present) the fields are over every agreement evaluated, so that
 * what they suggest holds for all of them, not only for those whose periods are empty.
 */
export interface PeriodAfterNow {
    kind: 'period-after-now';
    /** the time of evaluation (ISO-8601, the agreement's offset) */
    now: string;
    /** the latest start of a period (ISO-8601 with its agreement's offset): a `now` after it gives every agreement a period */
    start: string;
    /** the requested first day, when it (not the validity) starts an empty period */
    from?: string;
    /** the validity of the agreement (of the first agreement whose period is empty, for a portfolio) */
    validity: { from: string; to: string };
    /** the last first day with which every period has begun by `now`; absent when a validity itself starts after it */
    latestFrom?: string;
    /** a portfolio: the agreements whose periods are empty, and how many were evaluated */
    agreements?: Array<{ name: string; start: string }>;
    total?: number;
}

/**
 * Why a first or last day asked for (`from`, `to`) is no day, or undefined when it is one (or not
 * given): it must be written YYYY-MM-DD and exist. Checked before anything else, by the CLI and
 * the server's commands alike: the period checks below compare days as text, so '2026-13-01'
 * read as after the validity and '2026-1-5' as after '2026-03-31', and the engine stopped on
 * 2026-02-30 with an internal error. `option` is the caller's name for it (`--from`, `` `from` ``).
 */
export function requestedDayMessage(option: string, value: unknown): string | undefined {
    if (value === undefined || (typeof value === 'string' && parseCivilDate(value) !== undefined)) return undefined;
    return `${option} must be a date written YYYY-MM-DD, a day that exists (e.g. 2026-03-31), not ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)}.`;
}

/** The instant at which the period of the agreement starts: its validity's first day, or the first day asked for, at 00:00 in its zone. */
function periodStart(model: Pick<AgreementModel, 'validity' | 'timezone'>, from: string | undefined): { start: number; byFrom: boolean } {
    const validityStart = midnight(model.timezone, model.validity.from);
    const fromStart = from === undefined ? NaN : midnight(model.timezone, from);
    return fromStart > validityStart ? { start: fromStart, byFrom: true } : { start: validityStart, byFrom: false };
}

/** The agreement is not yet in force at `now`: its validity's first day begins at or after it (a renewal signed early). */
export function notYetInForce(model: Pick<AgreementModel, 'validity' | 'timezone'>, now: number): boolean {
    return !(midnight(model.timezone, model.validity.from) < now);
}

function midnight(zone: string, day: string): number {
    const date = parseCivilDate(day);
    return date === undefined ? NaN : localToInstant(zone, date.year, date.month, date.day);
}

/**
 * A period that starts at or after `now` (the engine's period: the validity narrowed by `from`
 * and ended at `now`, evaluation-period.ts, would be empty). Read after periodProblem.
 */
export function periodAfterNowProblem(model: Pick<AgreementModel, 'validity' | 'timezone'>, from: string | undefined, now: number): PeriodAfterNow | undefined {
    return periodsAfterNowProblem([{ ...model, id: '' }], from, now, false);
}

/**
 * The agreements of a portfolio whose periods start at or after `now`; what the problem
 * suggests (a later `now`, an earlier first day) is worked out over all of them.
 */
export function periodsAfterNowProblem(
    models: ReadonlyArray<Pick<AgreementModel, 'validity' | 'timezone' | 'id'>>, from: string | undefined, now: number, portfolio = true
): PeriodAfterNow | undefined {
    const starts = models.map(model => ({ model, ...periodStart(model, from) }));
    const empty = starts.filter(entry => !(now > entry.start));
    if (empty.length === 0 || empty.some(entry => Number.isNaN(entry.start))) return undefined;
    const first = empty[0]!;
    const latest = starts.reduce((a, b) => (b.start > a.start ? b : a));
    // A period starting on day D has begun by `now` when D's midnight is before it: D at most the day of now − 1 ms.
    const canStartEarlier = starts.every(entry => midnight(entry.model.timezone, entry.model.validity.from) < now);
    const latestFrom = canStartEarlier ? dateOf(Math.min(...starts.map(entry => localDayNumber(entry.model.timezone, now - 1)))) : undefined;
    const problem: PeriodAfterNow = {
        kind: 'period-after-now',
        now: formatInstant(first.model.timezone, now),
        start: formatInstant(latest.model.timezone, latest.start),
        validity: first.model.validity
    };
    if (from !== undefined && empty.some(entry => entry.byFrom)) problem.from = from;
    if (latestFrom !== undefined) problem.latestFrom = latestFrom;
    if (portfolio) {
        problem.agreements = empty.map(entry => ({ name: entry.model.id, start: formatInstant(entry.model.timezone, entry.start) }));
        problem.total = models.length;
    }
    return problem;
}

/**
 * The requested days against the validity: `from` after `to`, or a period that shares no
 * day with the validity. YYYY-MM-DD strings compare as dates.
 */
export function periodProblem(model: Pick<AgreementModel, 'validity'>, from: string | undefined, to: string | undefined): RequestProblem | undefined {
    const validity = model.validity;
    if (from !== undefined && to !== undefined && from > to) return { kind: 'period-empty', from, to, validity };
    const start = from ?? validity.from;
    const end = to ?? validity.to;
    if (start > validity.to || end < validity.from) return { kind: 'period-outside-validity', from: start, to: end, validity };
    // A `--from` inside a window of an objective improved yearly is none: the window is judged whole (engine,
    // evaluation-period.ts), the contract year before measured on its own (window-history.ts).
    return undefined;
}

/** A day number as YYYY-MM-DD. */
function dateOf(day: number): string {
    const date = civilFromDays(day);
    return formatCivilDate(date.year, date.month, date.day);
}

/** A replacement file for a dataset the agreement does not have; the datasets it has come nearest first. */
export function unknownDatasetProblem(model: AgreementModel, overrides: Record<string, string>): RequestProblem | undefined {
    const datasets = Object.keys(model.datasets);
    for (const [name, path] of Object.entries(overrides)) {
        if (datasets.includes(name)) continue;
        return { kind: 'unknown-dataset', name, path, datasets: nearestFirst(name, datasets) };
    }
    return undefined;
}

/** A `--data-end` for a dataset the agreement does not have (it would be ignored); the datasets it has come nearest first. */
export function unknownDataEndProblem(model: Pick<AgreementModel, 'datasets'>, dataEnd: Record<string, string>): RequestProblem | undefined {
    const datasets = Object.keys(model.datasets);
    for (const [name, date] of Object.entries(dataEnd)) {
        if (datasets.includes(name)) continue;
        return { kind: 'unknown-data-end', name, date, datasets: nearestFirst(name, datasets) };
    }
    return undefined;
}

/** The names, nearest to `name` first (edit distance, ignoring case), ties alphabetical. */
export function nearestFirst(name: string, names: readonly string[]): string[] {
    const wanted = name.toLowerCase();
    return names
        .map(candidate => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }))
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .map(entry => entry.candidate);
}

/** A replacement file that does not exist: said before reading, with the dataset it was given for. */
export async function missingOverrideProblem(overrides: Record<string, string>): Promise<RequestProblem | undefined> {
    for (const [dataset, path] of Object.entries(overrides)) {
        try {
            await fs.access(path);
        } catch {
            return { kind: 'missing-data-file', dataset, path };
        }
    }
    return undefined;
}

/** The problem in words, without naming any caller's options (the CLI and the editor word those). */
export function describeRequestProblem(problem: RequestProblem, agreement: string): string {
    switch (problem.kind) {
        case 'period-empty':
            return `Nothing to evaluate: the first day, ${problem.from}, is after the last day, ${problem.to}. ${agreement} is valid from ${problem.validity.from} to ${problem.validity.to}.`;
        case 'period-outside-validity':
            return problem.to < problem.validity.from
                ? `Nothing to evaluate: the period ends on ${problem.to}, before ${agreement} is valid (from ${problem.validity.from} to ${problem.validity.to}).`
                : `Nothing to evaluate: the period starts on ${problem.from}, after ${agreement} is valid (from ${problem.validity.from} to ${problem.validity.to}).`;
        case 'period-after-now':
            return problem.agreements === undefined
                ? `Nothing to evaluate: ${agreement}'s period starts at ${problem.start}${problem.from === undefined ? '' : ` (its first day, ${problem.from})`}, not before the time of evaluation, ${problem.now}. ${agreement} is valid from ${problem.validity.from} to ${problem.validity.to}.`
                : `Nothing to evaluate for ${problem.agreements.length} of the ${problem.total} agreements (${problem.agreements.map(entry => `${entry.name} from ${entry.start}`).join(', ')}): their periods start at or after the time of evaluation, ${problem.now}.`;
        case 'unknown-dataset':
            return `${agreement} has no dataset '${problem.name}' to read from ${problem.path}.`
                + (problem.datasets.length > 0 ? ` Did you mean '${problem.datasets[0]}'? Its datasets, nearest first: ${problem.datasets.join(', ')}.` : ' It declares no dataset.');
        case 'unknown-data-end':
            return `${agreement} has no dataset '${problem.name}' whose data end on ${problem.date}.`
                + (problem.datasets.length > 0 ? ` Did you mean '${problem.datasets[0]}'? Its datasets, nearest first: ${problem.datasets.join(', ')}.` : ' It declares no dataset.');
        case 'missing-data-file':
            return `The replacement data file of dataset ${problem.dataset} does not exist: ${problem.path}.`;
    }
}
