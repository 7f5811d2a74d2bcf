import * as fs from 'node:fs/promises';
import { calendarWindowContaining, civilFromDays, contractYearStarts, daysFromCivil, editDistance, formatCivilDate, MS_PER_DAY, parseCivilDate, type AgreementModel } from '@sla/engine';

/**
 * What a caller asked for beyond the document (a period, replacement data files) that
 * cannot be honoured. Each is refused before any data is read: evaluating anyway would
 * give a report of nothing ("0 met, 0 breached") or read a file the caller did not mean.
 */
export type RequestProblem =
    | { kind: 'period-empty'; from: string; to: string; validity: { from: string; to: string } }
    | { kind: 'period-outside-validity'; from: string; to: string; validity: { from: string; to: string } }
    | { kind: 'unknown-dataset'; name: string; path: string; datasets: string[] }
    | { kind: 'missing-data-file'; dataset: string; path: string }
    | { kind: 'period-cuts-improvement'; from: string; objective: string; windowStart: string; nextYear: string; validity: { from: string; to: string } };

/**
 * The requested days against the validity: `from` after `to`, or a period that shares no
 * day with the validity. YYYY-MM-DD strings compare as dates.
 */
export function periodProblem(model: Pick<AgreementModel, 'validity' | 'objectives'>, from: string | undefined, to: string | undefined): RequestProblem | undefined {
    const validity = model.validity;
    if (from !== undefined && to !== undefined && from > to) return { kind: 'period-empty', from, to, validity };
    const start = from ?? validity.from;
    const end = to ?? validity.to;
    if (start > validity.to || end < validity.from) return { kind: 'period-outside-validity', from: start, to: end, validity };
    // Improved yearly (§ 9.5): a contract year's target is computed from every window of the year
    // before; the windows before the period are measured on their own (engine, improvement-history.ts),
    // but a window the period's first day cuts would count as two.
    if (start > validity.from) {
        for (const objective of model.objectives) {
            if (objective.improvement === undefined || objective.window.kind !== 'calendar') continue;
            const day = dayNumberOf(start);
            if ([day, dayNumberOf(validity.from), dayNumberOf(validity.to)].some(Number.isNaN)) continue;
            const windowStart = calendarWindowContaining('UTC', objective.window.unit, day * MS_PER_DAY, objective.window.yearStartMonth).start / MS_PER_DAY;
            // The contract year after the one the period starts in (engine's contract years; in UTC an instant / MS_PER_DAY is a day number).
            const years = contractYearStarts('UTC', { validityStart: dayNumberOf(validity.from) * MS_PER_DAY, validityEnd: (dayNumberOf(validity.to) + 1) * MS_PER_DAY });
            const nextYear = years.map(instant => instant / MS_PER_DAY).find(yearStart => yearStart > day);
            if (windowStart === day || nextYear === undefined || dayNumberOf(end) < nextYear) continue;
            return { kind: 'period-cuts-improvement', from: start, objective: `${objective.service ? `${objective.service}.` : ''}${objective.kpiName}`, windowStart: dateOf(windowStart), nextYear: dateOf(nextYear), validity };
        }
    }
    return undefined;
}

/** YYYY-MM-DD as a day number (NaN when it is no date: the period check reads it first). */
function dayNumberOf(text: string): number {
    const date = parseCivilDate(text);
    return date === undefined ? NaN : daysFromCivil(date.year, date.month, date.day);
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
        const wanted = name.toLowerCase();
        const nearestFirst = datasets
            .map(dataset => ({ dataset, distance: editDistance(wanted, dataset.toLowerCase()) }))
            .sort((a, b) => a.distance - b.distance || a.dataset.localeCompare(b.dataset))
            .map(entry => entry.dataset);
        return { kind: 'unknown-dataset', name, path, datasets: nearestFirst };
    }
    return undefined;
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
        case 'unknown-dataset':
            return `${agreement} has no dataset '${problem.name}' to read from ${problem.path}.`
                + (problem.datasets.length > 0 ? ` Did you mean '${problem.datasets[0]}'? Its datasets, nearest first: ${problem.datasets.join(', ')}.` : ' It declares no dataset.');
        case 'missing-data-file':
            return `The replacement data file of dataset ${problem.dataset} does not exist: ${problem.path}.`;
        case 'period-cuts-improvement':
            return `${agreement}'s objective on ${problem.objective} improves yearly: its target from ${problem.nextYear} on is computed from every window of the contract year before, and the period's first day, ${problem.from}, cuts the window from ${problem.windowStart}.`;
    }
}
