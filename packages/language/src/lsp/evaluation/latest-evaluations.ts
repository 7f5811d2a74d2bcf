/**
 * The latest evaluation report of each document, kept by the server when a client runs
 * `sla.evaluate`, so that hovers can show the latest value of an objective per window.
 * It keeps the reports of the most recently used documents only (a report can be large:
 * one entry per window and scope value), and forgets a document's report when the
 * document is closed in the editor or deleted from the workspace.
 */
import { reportDataFiles, type Report } from '@sla/engine';
import { URI } from 'langium';
import type { SlaServices } from '../../sla-module.js';
import { isFileOrUnder } from '../data-file-changes.js';

/** Reports kept: one per agreement file a user works on at a time, with room to spare. */
export const LATEST_EVALUATIONS_KEPT = 10;

export class LatestEvaluations {
    /** By document URI; a Map iterates in insertion order, so the first key is the least recently used. */
    private readonly reports = new Map<string, Report>();

    /** By document URI, the data files its report read that changed on disk since (the editor's watched-file changes). */
    private readonly changedData = new Map<string, string[]>();

    constructor(services: SlaServices, private readonly capacity = LATEST_EVALUATIONS_KEPT) {
        const workspace = services.shared.workspace;
        workspace.TextDocuments?.onDidClose(event => this.forget(event.document.uri));
        workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach(uri => this.forget(uri)));
        services.shared.lsp?.DocumentUpdateHandler?.onWatchedFilesChange(params => this.dataFilesChanged(params.changes.map(change => URI.parse(change.uri).fsPath)));
    }

    remember(uri: URI | string, report: Report): void {
        const key = keyOf(uri);
        this.reports.delete(key);
        this.changedData.delete(key);
        this.reports.set(key, report);
        for (const oldest of this.reports.keys()) {
            if (this.reports.size <= this.capacity) break;
            this.reports.delete(oldest);
        }
    }

    /** The document's latest report; reading it makes the document the most recently used. */
    get(uri: URI | string): Report | undefined {
        const key = keyOf(uri);
        const report = this.reports.get(key);
        if (report !== undefined) {
            this.reports.delete(key);
            this.reports.set(key, report);
        }
        return report;
    }

    forget(uri: URI | string): void {
        this.reports.delete(keyOf(uri));
        this.changedData.delete(keyOf(uri));
    }

    /** The data files the document's latest report read that changed on disk since it was made (its numbers are of data no longer there). */
    dataChangedSince(uri: URI | string): readonly string[] {
        return this.changedData.get(keyOf(uri)) ?? [];
    }

    /** Files (paths) changed on disk: each kept report that read one of them, or a file under one (a folder), notes it. */
    private dataFilesChanged(paths: readonly string[]): void {
        for (const [key, report] of this.reports) {
            for (const file of reportDataFiles(report)) {
                if (!paths.some(path => isFileOrUnder(file, path))) continue;
                const noted = this.changedData.get(key) ?? [];
                if (!noted.includes(file)) this.changedData.set(key, [...noted, file]);
            }
        }
    }

    /** The documents whose reports are kept, least recently used first. */
    documents(): string[] {
        return [...this.reports.keys()];
    }
}

/** One spelling per document: clients and Langium may encode the same file URI differently. */
function keyOf(uri: URI | string): string {
    return (typeof uri === 'string' ? URI.parse(uri) : uri).toString();
}
