/**
 * A folder added to (or removed from) a multi-root workspace while the editor is open. Langium
 * reads the workspace folders once, at `initialize`; without this, a folder added later was
 * "outside the workspace" (its data files refused, sla/path-outside-workspace) and its .sla files
 * unknown until the server restarted. Each listener gets the client's
 * `workspace/didChangeWorkspaceFolders` event; a client that sends none is simply not listened to.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { isFileOrUnder } from '../lsp/data-file-changes.js';

export function onWorkspaceFoldersChange(shared: LangiumSharedServices, listener: (event: WorkspaceFoldersChangeEvent) => Promise<void> | void): void {
    shared.lsp.LanguageServer.onInitialized(() => {
        const connection = shared.lsp.Connection;
        if (connection === undefined) return;
        try {
            connection.workspace.onDidChangeWorkspaceFolders(event => {
                void Promise.resolve(listener(event)).catch(error => connection.console.error(`Workspace folders changed: ${error instanceof Error ? error.message : String(error)}`));
            });
        } catch {
            // The client does not report workspace folder changes (its capabilities say so).
        }
    });
}

/**
 * The documents a folder removed from the workspace takes away: those under it that no folder
 * still open holds (a nested folder) and no editor has open (the client's, until it closes,
 * closed-editors.ts). Before, they stayed in the index (workspace/symbol listed them), were
 * checked again as outside the workspace with nothing to clear those diagnostics, and
 * `sla.evaluatePortfolio` still evaluated them.
 */
export function documentsLeavingWithFolders(shared: LangiumSharedServices, removed: ReadonlyArray<{ uri: string }>, remainingFolders: readonly string[]): URI[] {
    const removedFolders = removed.map(folder => URI.parse(folder.uri).fsPath);
    if (removedFolders.length === 0) return [];
    return shared.workspace.LangiumDocuments.all
        .filter(document => document.uri.scheme === 'file' && shared.workspace.TextDocuments.get(document.uri) === undefined)
        .map(document => document.uri)
        .filter(uri => removedFolders.some(folder => isFileOrUnder(uri.fsPath, folder)) && !remainingFolders.some(folder => isFileOrUnder(uri.fsPath, folder)))
        .toArray();
}
