import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS } from '@sla/language/server-node-options';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Where the esbuild bundle of packages/language/src/main.ts lives inside the extension. */
export const SERVER_BUNDLE = 'out/server.cjs';

/** A client with what it owns beside it: the file watchers it reports to the server. */
export interface SlaLanguageClient {
    client: LanguageClient;
    /**
     * Disposes the watchers of `synchronize.fileEvents`: the language client stops listening to
     * them when it stops but never disposes them, so each start would leave two behind. Call it
     * once the client is stopped for good (a restart makes a new client with its own watchers).
     */
    disposeWatchers(): void;
}

/**
 * Creates (but does not start) the client for the SLA language server, which runs as a
 * separate Node process spoken to over IPC.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, env?: Record<string, string>): SlaLanguageClient {
    const serverModule = context.asAbsolutePath(SERVER_BUNDLE);
    // `env`: the editor's environment plus stored connection passwords (settings/connection-passwords.ts).
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS], ...(env === undefined ? {} : { env }) } },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'], ...(env === undefined ? {} : { env }) }
        }
    };
    const watchers = [vscode.workspace.createFileSystemWatcher('**/*.sla'), vscode.workspace.createFileSystemWatcher('**/.slarc.json')];
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'sla' }],
        synchronize: {
            // The server reads `sla.vagueTerms`: push the section so that it sees changes.
            configurationSection: 'sla',
            // Imported .sla files change the meaning of the open ones, and `.slarc.json` the
            // vague terms and data folders: tell the server.
            fileEvents: watchers
        },
        // Workspace Trust: in an untrusted workspace the server reads no data files (docs/editors.md).
        // Trust can only be granted, not withdrawn, while VS Code runs: extension.ts restarts the server then.
        // `staticSnippets`: the extension contributes the block snippets (snippets/sla.json), so the
        // server does not offer them again as completion items.
        initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, staticSnippets: true },
        outputChannel
    };
    return {
        client: new LanguageClient('sla', 'SLA Language Server', serverOptions, clientOptions),
        disposeWatchers: () => { for (const watcher of watchers.splice(0)) watcher.dispose(); }
    };
}
