import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { storedPasswords, workspaceConnections } from './commands/set-connection-password.js';
import { createLanguageClient } from './language-client.js';
import { serverEnvironment } from './settings/connection-passwords.js';

/**
 * The running language client, and the one way to start it again: the "SLA: Restart
 * Language Server" command, and a grant of Workspace Trust (the server learns of trust at
 * start-up, so a new client is made with the new initialization options).
 */
export class ServerControl implements vscode.Disposable {
    private current: LanguageClient | undefined;
    private restarting: Promise<void> | undefined;

    constructor(private readonly context: vscode.ExtensionContext, private readonly outputChannel: vscode.LogOutputChannel) {}

    get client(): LanguageClient | undefined {
        return this.current;
    }

    async start(): Promise<void> {
        // Connection passwords from SecretStorage, as the server's environment (trusted workspaces only).
        const connections = vscode.workspace.isTrusted ? await workspaceConnections() : [];
        const passwords = await storedPasswords(this.context.secrets, connections);
        const env = serverEnvironment(process.env, connections, passwords, vscode.workspace.isTrusted);
        this.current = createLanguageClient(this.context, this.outputChannel, env);
        await this.current.start();
        this.outputChannel.info('SLA language server started');
    }

    /** Stops the server (if running) and starts a new one; concurrent calls share one restart. */
    restart(reason: string): Promise<void> {
        this.restarting ??= (async () => {
            this.outputChannel.info(`Restarting the SLA language server: ${reason}`);
            const previous = this.current;
            this.current = undefined;
            // A server that crashed or hung may not answer `shutdown`: give it a few seconds.
            await previous?.stop(4000).catch((error: unknown) => this.outputChannel.warn(`The old server did not stop cleanly: ${String(error)}`));
            await this.start();
        })().finally(() => { this.restarting = undefined; });
        return this.restarting;
    }

    dispose(): void {
        void this.current?.stop();
        this.current = undefined;
    }
}
