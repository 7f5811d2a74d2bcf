// Which text an evaluation's positions are of, and where its outcomes stand in the document
// after edits made while it ran. Plain code (no `vscode`): the service records the edits.
import type { Report } from '@sla/engine';
import { reportOutcomes, writtenIn, type ObjectiveOutcome } from './objective-outcome.js';

/** One change of an edit (a `vscode.TextDocumentContentChangeEvent`'s data): 0-based lines and offsets of the text before it. */
export interface TextChange {
    rangeOffset: number;
    rangeLength: number;
    startLine: number;
    endLine: number;
    text: string;
}

/** The changes of one edit, in the order VS Code applies them (each to the text the one before left). */
export type TextEdit = readonly TextChange[];

/** The document's text when the evaluation was asked for, its version, and the edits made since (until the answer). */
export interface EvaluatedText {
    text: string;
    version: number;
    editsSince: TextEdit[];
}

/** `text` after `edit`. */
export function applyEdit(text: string, edit: TextEdit): string {
    let result = text;
    for (const change of edit) result = result.slice(0, change.rangeOffset) + change.text + result.slice(change.rangeOffset + change.rangeLength);
    return result;
}

/**
 * Outcomes after `edit`: lines above an outcome move it, a change on its line removes it (its
 * values are of a text no longer there).
 */
export function shiftOutcomes<T extends { line: number }>(outcomes: readonly T[], edit: TextEdit): T[] {
    let shifted = [...outcomes];
    for (const change of edit) {
        const addedLines = change.text.split('\n').length - 1;
        const removedLines = change.endLine - change.startLine;
        shifted = shifted.flatMap((outcome) => {
            if (outcome.line >= change.startLine && outcome.line <= change.endLine) return [];
            if (outcome.line > change.endLine) return [{ ...outcome, line: outcome.line + addedLines - removedLines }];
            return [outcome];
        });
    }
    return shifted;
}

/**
 * Where the outcomes of `report` stand in the document now. Its positions are of the text the
 * server read: the one the request was sent with, or a later one when the server waited for a
 * build while the user kept typing (it reads "at least" the version sent). Of the texts the
 * edits went through, the first in which the most objectives stand at their positions is taken;
 * the outcomes are placed in it, then moved by the edits made after it. Placing them in the
 * text of the answer's time instead put every objective below a new line on the agreement's
 * header as "(written in another file)".
 */
export function placedOutcomes(report: Report, evaluated: Pick<EvaluatedText, 'text' | 'editsSince'>): ObjectiveOutcome[] {
    const objectives = [...report.objectives, ...report.internalTargets].filter((objective) => objective.source);
    const standing = (text: string): number => {
        const lines = text.split('\n');
        return objectives.filter((objective) => writtenIn(lines, objective)).length;
    };
    let text = evaluated.text;
    let best = { text, after: 0, standing: evaluated.editsSince.length === 0 ? objectives.length : standing(text) };
    // Once every objective stands, no later text can do better.
    for (let index = 0; index < evaluated.editsSince.length && best.standing < objectives.length; index++) {
        text = applyEdit(text, evaluated.editsSince[index]!);
        const count = standing(text);
        if (count > best.standing) best = { text, after: index + 1, standing: count };
    }
    let outcomes = reportOutcomes(report, best.text);
    for (const edit of evaluated.editsSince.slice(best.after)) outcomes = shiftOutcomes(outcomes, edit);
    return outcomes;
}
