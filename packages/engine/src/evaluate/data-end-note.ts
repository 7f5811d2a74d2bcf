import type { DatasetReport, ObjectiveReport } from '../report/report-types.js';

/** Windows left without data because they start after the end of the data: the objectives' and the internal targets', apart. */
export interface WindowsAfterDataEnd {
    /** Counted among the headline's "without data" (the report's `totals.noData`). */
    objectives: number;
    /** Not in the headline's totals: named apart so the two counts never seem to disagree. */
    internalTargets: number;
}

export function windowsAfterDataEnd(objectives: readonly ObjectiveReport[], internalTargets: readonly ObjectiveReport[]): WindowsAfterDataEnd {
    const count = (list: readonly ObjectiveReport[]): number => list.reduce((sum, objective) => sum + objective.windows.filter((window) => window.afterDataEnd === true).length, 0);
    return { objectives: count(objectives), internalTargets: count(internalTargets) };
}

/**
 * `78 window(s) have no data because they start after the end of the data (…)`, `, and so do 3
 * window(s) of internal targets`: the subject, the objectives' windows, is the count the headline's
 * "without data" holds (the internal targets' windows are not in it). Undefined when there are none.
 */
export function windowsAfterDataEndPhrase(windows: WindowsAfterDataEnd, where: string): string | undefined {
    const { objectives, internalTargets } = windows;
    if (objectives === 0 && internalTargets === 0) return undefined;
    const because = `have no data because they start after the end of the data${where}`;
    if (objectives === 0) return `${internalTargets} window(s) of internal targets ${because}`;
    return `${objectives} window(s) ${because}${internalTargets > 0 ? `, and so do ${internalTargets} window(s) of internal targets` : ''}`;
}

/** One line for the reader when windows were left without data because the data end before them. */
export function afterDataEndNote(objectives: readonly ObjectiveReport[], internalTargets: readonly ObjectiveReport[], datasets: readonly DatasetReport[]): string | undefined {
    const ends = datasets.map((dataset) => `${dataset.name} ${dataset.coverage.end === null ? 'has no rows' : `${dataset.coverage.basis === 'last event' ? 'last event' : 'covered until'} ${dataset.coverage.end}`}`);
    const phrase = windowsAfterDataEndPhrase(windowsAfterDataEnd(objectives, internalTargets), ` (${ends.join('; ')})`);
    return phrase === undefined ? undefined : `${phrase}. ${DATA_END_ADVICE}`;
}

export const DATA_END_ADVICE = "If the data run further, give --to, --data-end NAME=DATE or a 'complete to' date in the dataset.";
