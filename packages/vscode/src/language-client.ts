import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS } from '@sla/language/server-node-options';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Where the esbuild bundle of packages/language/src/main.ts lives inside the extension. */
export const SERVER_BUNDLE = 'out/server.cjs';

/**
 * Creates (but does not start) the client for the SLA language server, which runs as a
 * separate Node process spoken to over IPC.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, env?: Record<string, string>): LanguageClient {
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
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'sla' }],
        synchronize: {
            // The server reads `sla.vagueTerms`: push the section so that it sees changes.
            configurationSection: 'sla',
            // Imported .sla files change the meaning of the open ones, and `.slarc.json` the
            // vague terms and data folders: tell the server.
            fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.sla'), vscode.workspace.createFileSystemWatcher('**/.slarc.json')]
        },
        // Workspace Trust: in an untrusted workspace the server reads no data files (docs/editors.md).
        // Trust can only be granted, not withdrawn, while VS Code runs: extension.ts restarts the server then.
        // `staticSnippets`: the extension contributes the block snippets (snippets/sla.json), so the
        // server does not offer them again as completion items.
        initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, staticSnippets: true },
        outputChannel
    };
    return new LanguageClient('sla', 'SLA Language Server', serverOptions, clientOptions);
}
