import { AstUtils, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isDataset } from '../generated/ast.js';
import { datasetFileUri } from '../validation/datasets.js';

/** The files the server follows otherwise: `.sla` documents (Langium rebuilds them) and the project settings (project-config-setting.ts). */
const NOT_DATA = /(\.sla|[/\\]\.slarc\.json)$/;

/**
 * Checks again the documents whose datasets read a data file that changed on disk: a new
 * export, a header fixed in another tool, the file made or deleted. Their diagnostics come from
 * the file's start (the file missing, a declared column not in its header, timestamps without
 * an offset), and Langium rebuilds a document only when a document changes: without this, they
 * stayed as they were until the agreement was edited. The editor reports the change through the
 * watcher Langium registers (`**\/*`, with dynamic registration) or one of its own; a change of
 * a folder (replaced, renamed) counts for every data file under it. Documents reading none of
 * the files named are left alone.
 */
export function recheckOnDataFileChanges(shared: LangiumSharedServices): void {
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        const paths = params.changes.filter(change => !NOT_DATA.test(change.uri)).map(change => URI.parse(change.uri).fsPath);
        if (paths.length === 0) return;
        const documents = shared.workspace.LangiumDocuments.all.filter(document => readsAnyOf(document, paths, shared)).toArray();
        if (documents.length === 0) return;
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token)).catch(() => undefined);
    });
}

/** Whether a dataset of `document` reads one of the files at `paths`, or a file under one of them (a folder). */
function readsAnyOf(document: LangiumDocument, paths: readonly string[], shared: LangiumSharedServices): boolean {
    const root = document.parseResult?.value;
    if (root === undefined) return false;
    const fileSystem = shared.workspace.FileSystemProvider;
    for (const node of AstUtils.streamAst(root)) {
        if (!isDataset(node)) continue;
        const file = datasetFileUri(node, fileSystem)?.fsPath;
        if (file !== undefined && paths.some(path => isFileOrUnder(file, path))) return true;
    }
    return false;
}

/** Whether a change reported for `path` (a file, or a folder replaced or deleted) concerns `file`: it is that file, or under that folder. */
export function isFileOrUnder(file: string, path: string): boolean {
    if (file === path) return true;
    return file.length > path.length && file.startsWith(path) && (/[/\\]$/.test(path) || file[path.length] === '/' || file[path.length] === '\\');
}
