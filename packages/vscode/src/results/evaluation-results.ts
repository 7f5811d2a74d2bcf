import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { dataFilesOf, watchDataFiles } from './data-file-watch.js';
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

    /** `text`: the document's text the report is of, which places each objective's outcome (objective-outcome.ts); without it, the open document's. */
    set(uri: vscode.Uri, report: Report, text?: string): DocumentResult {
        const documentText = text ?? vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.getText();
        const result: DocumentResult = { uri, report, evaluatedAt: new Date(), outcomes: reportOutcomes(report, documentText), dataChanged: [] };
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
        let outcomes = result.outcomes;
        // Changes arrive in document order of the new text; apply them bottom-up so earlier line numbers stay valid.
        const changes = [...event.contentChanges].sort((a, b) => b.range.start.line - a.range.start.line);
        for (const change of changes) {
            const addedLines = change.text.split('\n').length - 1;
            const removedLines = change.range.end.line - change.range.start.line;
            outcomes = outcomes.flatMap((outcome) => {
                if (outcome.line >= change.range.start.line && outcome.line <= change.range.end.line) return [];
                if (outcome.line > change.range.end.line) return [{ ...outcome, line: outcome.line + addedLines - removedLines }];
                return [outcome];
            });
        }
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
