/**
 * The latest evaluation report of each agreement of a document, kept by the server when a
 * client runs `sla.evaluate` (or a portfolio run evaluates the document's agreements), so that
 * hovers can show the latest value of an objective per window. One report per agreement, not
 * per document: a file holding Alpha and Beta that kept only the latest report showed Beta's
 * figures on Alpha's objectives after Beta was evaluated. It keeps the reports of the most
 * recently used documents only (a report can be large: one entry per window and scope value),
 * and forgets a document's reports when the document is closed in the editor or deleted from
 * the workspace.
 */
import { reportDataFiles, type Report } from '@sla/engine';
import { URI } from 'langium';
import type { SlaServices } from '../../sla-module.js';
import { isFileOrUnder } from '../data-file-changes.js';

/** Documents whose reports are kept: one per agreement file a user works on at a time, with room to spare. */
export const LATEST_EVALUATIONS_KEPT = 10;

/** One agreement's latest report, and the data files it read that changed on disk since (the editor's watched-file changes). */
interface KeptReport {
    readonly report: Report;
    changedData: string[];
}

export class LatestEvaluations {
    /**
     * By document URI, then by agreement name. A Map iterates in insertion order: the first
     * document is the least recently used, a document's last agreement the one evaluated last.
     */
    private readonly documentsKept = new Map<string, Map<string, KeptReport>>();

    constructor(services: SlaServices, private readonly capacity = LATEST_EVALUATIONS_KEPT) {
        const workspace = services.shared.workspace;
        workspace.TextDocuments?.onDidClose(event => this.forget(event.document.uri));
        workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach(uri => this.forget(uri)));
        services.shared.lsp?.DocumentUpdateHandler?.onWatchedFilesChange(params => this.dataFilesChanged(params.changes.map(change => URI.parse(change.uri).fsPath)));
    }

    /** The report of `report.agreement` in the document, in place of that agreement's report before (the others' are kept). */
    remember(uri: URI | string, report: Report): void {
        const key = keyOf(uri);
        const agreements = this.documentsKept.get(key) ?? new Map<string, KeptReport>();
        agreements.delete(report.agreement);
        agreements.set(report.agreement, { report, changedData: [] });
        this.documentsKept.delete(key);
        this.documentsKept.set(key, agreements);
        for (const oldest of this.documentsKept.keys()) {
            if (this.documentsKept.size <= this.capacity) break;
            this.documentsKept.delete(oldest);
        }
    }

    /**
     * The latest report of the agreement of that name in the document, or without a name the
     * document's report evaluated last (whichever agreement's: its entries must be matched to
     * the agreement asked about). Reading it makes the document the most recently used.
     */
    get(uri: URI | string, agreement?: string): Report | undefined {
        return this.kept(uri, agreement)?.report;
    }

    forget(uri: URI | string): void {
        this.documentsKept.delete(keyOf(uri));
    }

    /** The data files the report `get(uri, agreement)` gives read that changed on disk since it was made (its numbers are of data no longer there). */
    dataChangedSince(uri: URI | string, agreement?: string): readonly string[] {
        return this.kept(uri, agreement)?.changedData ?? [];
    }

    /** The documents whose reports are kept, least recently used first. */
    documents(): string[] {
        return [...this.documentsKept.keys()];
    }

    private kept(uri: URI | string, agreement: string | undefined): KeptReport | undefined {
        const key = keyOf(uri);
        const agreements = this.documentsKept.get(key);
        if (agreements === undefined) return undefined;
        this.documentsKept.delete(key);
        this.documentsKept.set(key, agreements);
        return agreement === undefined ? [...agreements.values()].at(-1) : agreements.get(agreement);
    }

    /** Files (paths) changed on disk: each kept report that read one of them, or a file under one (a folder), notes it. */
    private dataFilesChanged(paths: readonly string[]): void {
        for (const agreements of this.documentsKept.values()) {
            for (const kept of agreements.values()) {
                for (const file of reportDataFiles(kept.report)) {
                    if (paths.some(path => isFileOrUnder(file, path)) && !kept.changedData.includes(file)) kept.changedData = [...kept.changedData, file];
                }
            }
        }
    }
}

/** One spelling per document: clients and Langium may encode the same file URI differently. */
function keyOf(uri: URI | string): string {
    return (typeof uri === 'string' ? URI.parse(uri) : uri).toString();
}
