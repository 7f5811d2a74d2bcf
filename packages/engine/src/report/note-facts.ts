/**
 * What some warnings of an agreement report say, as data, for the portfolio report, which says
 * them once per file for all its agreements (portfolio-report.ts): never read back from the
 * warnings' words, so that rewording a warning cannot drop the portfolio's note.
 *
 * Kept beside the report object in memory, never serialised: the portfolio is built from the
 * reports just made (evaluate-portfolio.ts, the engines' portfolio), so the report's JSON and its
 * schema are unchanged. A report without facts (built elsewhere, or read back from JSON) adds
 * nothing to those notes.
 */
import type { DatasetLookalikes } from '../evaluate/client-lookalikes.js';
import type { FractionPercentSubject } from '../evaluate/fraction-percent-note.js';
import type { Report } from './report-types.js';

export interface NoteFacts {
    /** Percent fields whose values the agreement read all lie between 0 and 1 (evaluate/fraction-percent-note.ts), in the notes' order. */
    fractionPercentFields: readonly FractionPercentSubject[];
    /** Pause lists and change logs with rows of a lookalike client, as the report's warnings count them (evaluate/client-lookalikes.ts). */
    sideDatasetLookalikes: readonly DatasetLookalikes[];
}

/** Keyed by the report object: a report mutated in place (its notes, `engines`) keeps its facts. */
const factsOfReport = new WeakMap<Report, NoteFacts>();

export function keepNoteFacts(report: Report, facts: NoteFacts): void {
    factsOfReport.set(report, facts);
}

/** The facts of a report made by finishAgreement; undefined for any other. */
export function noteFactsOf(report: Report): NoteFacts | undefined {
    return factsOfReport.get(report);
}
