/**
 * An open editor's file deleted or changed on disk (a git checkout or stash, another tool): the
 * editor keeps the document open, with its text, and so must the server. Langium handled the
 * watched-file event as for any file: a delete removed the document although its editor was
 * open (its diagnostics cleared, hovers and completions failing with "No document found",
 * `sla.evaluate` reading the missing file: ENOENT) until the next edit brought it back. In LSP
 * the client owns an open document: the disk does not count for it until its editor closes;
 * then closed-editors.ts reads the disk again (a file gone: the document is removed and its
 * diagnostics cleared). So events about open documents are dropped before Langium sees them,
 * and a deleted folder holding open documents deletes only its closed ones.
 */
import { URI, type LangiumDocuments } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type FileEvent } from 'vscode-languageserver';
import { isFileOrUnder } from './data-file-changes.js';

export function keepOpenEditorsOnDiskChanges(shared: LangiumSharedServices): void {
    const handler = shared.lsp.DocumentUpdateHandler;
    const handleForLangium = handler.didChangeWatchedFiles?.bind(handler);
    if (handleForLangium === undefined) return;
    const isOpen = (uri: string | URI): boolean => shared.workspace.TextDocuments.get(uri) !== undefined;
    handler.didChangeWatchedFiles = (params: DidChangeWatchedFilesParams) =>
        handleForLangium({ ...params, changes: params.changes.flatMap(change => withoutOpenEditors(change, isOpen, shared.workspace.LangiumDocuments)) });
}

/**
 * The change, unless it concerns an open document. A folder deleted with open documents under
 * it: the deletes of its closed documents, and the folder as changed, for the listeners that
 * check again what read a data file under it (data-file-changes.ts); Langium discards a change
 * of a folder that is gone.
 */
export function withoutOpenEditors(change: FileEvent, isOpen: (uri: string | URI) => boolean, documents: LangiumDocuments): FileEvent[] {
    if (isOpen(change.uri)) return [];
    if (change.type !== FileChangeType.Deleted) return [change];
    const path = URI.parse(change.uri).fsPath;
    const under = documents.all.filter(document => document.uri.fsPath !== path && isFileOrUnder(document.uri.fsPath, path)).toArray();
    if (!under.some(document => isOpen(document.uri))) return [change];
    const closed = under.filter(document => !isOpen(document.uri)).map((document): FileEvent => ({ uri: document.uri.toString(), type: FileChangeType.Deleted }));
    return [{ uri: change.uri, type: FileChangeType.Changed }, ...closed];
}
