/**
 * A folder added to (or removed from) a multi-root workspace while the editor is open. Langium
 * reads the workspace folders once, at `initialize`; without this, a folder added later was
 * "outside the workspace" (its data files refused, sla/path-outside-workspace) and its .sla files
 * unknown until the server restarted. Each listener gets the client's
 * `workspace/didChangeWorkspaceFolders` event; a client that sends none is simply not listened to.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver';

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
