import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { dataFilesOf, watchDataFiles } from './data-file-watch.js';
import { placedOutcomes, shiftOutcomes, type EvaluatedText, type TextEdit } from './evaluated-text.js';
import { reportOutcomes, type ObjectiveOutcome } from './objective-outcome.js';

/** The latest evaluation of one document and what the editor shows for it. */
export interface DocumentResult {
    readonly uri: vscode.Uri;
    readonly report: Report;
    readonly evaluatedAt: Date;
    /** Objectives still shown; an edit of an objective's line drops its outcome (its values are stale). */
    outcomes: ObjectiveOutcome[];
    /** The data files the report read that changed on disk since (data-file-watch.ts): its numbers are of data no longer there. */
    readonly dataChanged: string[];
}


/**
 * The latest report per document, kept in step with edits: lines above an objective move
 * it, an edit on its line removes it. Everything the editor shows (inline values, breach
 * diagnostics, the status bar) reads from here and redraws on `onDidChange`.
 */
export class EvaluationResults implements vscode.Disposable {
    private readonly byDocument = new Map<string, DocumentResult>();
    private last: DocumentResult | undefined;
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => this.applyEdits(event));

    /**
     * `evaluated`: the document's text the evaluation was asked for and the edits made while it
     * ran, which place each objective's outcome (evaluated-text.ts); without it, the open document's text.
     */
    set(uri: vscode.Uri, report: Report, evaluated?: EvaluatedText): DocumentResult {
        const outcomes = evaluated ? placedOutcomes(report, evaluated)
            : reportOutcomes(report, vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText());
        const result: DocumentResult = { uri, report, evaluatedAt: new Date(), outcomes, dataChanged: [] };
        const key = uri.toString();
        this.watchers.get(key)?.dispose();
        this.watchers.set(key, watchDataFiles(dataFilesOf([report]), (file) => {
            if (this.byDocument.get(key) !== result || result.dataChanged.includes(file)) return;
            result.dataChanged.push(file);
            this.changed.fire(uri);
        }));
        this.byDocument.set(key, result);
        this.last = result;
        this.changed.fire(uri);
        return result;
    }

    /** Per document, the watchers of the data files its latest report read. */
    private readonly watchers = new Map<string, vscode.Disposable>();

    get(uri: vscode.Uri): DocumentResult | undefined {
        return this.byDocument.get(uri.toString());
    }

    /** The most recent evaluation of any document (Show Last Report). */
    latest(): DocumentResult | undefined {
        return this.last;
    }

    outcomeAt(uri: vscode.Uri, line: number): ObjectiveOutcome | undefined {
        return this.get(uri)?.outcomes.find((outcome) => outcome.line === line);
    }

    private applyEdits(event: vscode.TextDocumentChangeEvent): void {
        const result = this.get(event.document.uri);
        if (!result || event.contentChanges.length === 0) return;
        const outcomes = shiftOutcomes(result.outcomes, textEdit(event));
        const touched = outcomes.length !== result.outcomes.length || outcomes.some((outcome, i) => outcome.line !== result.outcomes[i]?.line);
        result.outcomes = outcomes;
        if (touched) this.changed.fire(event.document.uri);
    }

    dispose(): void {
        for (const watcher of this.watchers.values()) watcher.dispose();
        this.subscription.dispose();
        this.changed.dispose();
    }
}

/** An edit event's changes as evaluated-text.ts takes them. */
export function textEdit(event: vscode.TextDocumentChangeEvent): TextEdit {
    return event.contentChanges.map((change) => ({
        rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, startLine: change.range.start.line, endLine: change.range.end.line, text: change.text
    }));
}
