import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { storedPasswords, workspaceConnections } from './commands/set-connection-password.js';
import { createLanguageClient, type SlaLanguageClient } from './language-client.js';
import { serverEnvironment } from './settings/connection-passwords.js';

/**
 * The running language client, and the one way to start it again: the "SLA: Restart
 * Language Server" command, and a grant of Workspace Trust (the server learns of trust at
 * start-up, so a new client is made with the new initialization options).
 */
export class ServerControl implements vscode.Disposable {
    private current: LanguageClient | undefined;
    /** Every client made and not yet disposed of, with its file watchers (language-client.ts). */
    private readonly made: SlaLanguageClient[] = [];
    private starting: Promise<void> | undefined;
    private restarting: Promise<void> | undefined;

    constructor(private readonly context: vscode.ExtensionContext, private readonly outputChannel: vscode.LogOutputChannel) {}

    get client(): LanguageClient | undefined {
        return this.current;
    }

    start(): Promise<void> {
        this.starting = this.startClient();
        return this.starting;
    }

    /**
     * The running client, once a start or restart under way has finished: the commands exist
     * from the first moment of activation, and a user who runs one as the file opens (or
     * while the server restarts) should get the result, not "the server is not running".
     * Undefined when the start failed, or has not finished within `timeoutMs`.
     */
    async runningClient(timeoutMs = 30_000): Promise<LanguageClient | undefined> {
        const deadline = Date.now() + timeoutMs;
        // A restart may begin while a start is awaited: wait for whichever is under way last.
        for (let pending = this.restarting ?? this.starting; pending && Date.now() < deadline; ) {
            let timer: NodeJS.Timeout | undefined;
            const expired = new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, deadline - Date.now())); });
            await Promise.race([pending.catch(() => undefined), expired]).finally(() => clearTimeout(timer));
            const next = this.restarting ?? this.starting;
            if (next === pending) break;
            pending = next;
        }
        return this.current?.isRunning() ? this.current : undefined;
    }

    private async startClient(): Promise<void> {
        // Connection passwords from SecretStorage, as the server's environment (trusted workspaces only).
        const connections = vscode.workspace.isTrusted ? await workspaceConnections() : [];
        const passwords = await storedPasswords(this.context.secrets, connections);
        const env = serverEnvironment(process.env, connections, passwords, vscode.workspace.isTrusted);
        const made = createLanguageClient(this.context, this.outputChannel, env);
        this.made.push(made);
        this.current = made.client;
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
            // Its file watchers go with it (the language client does not dispose them).
            this.disposeWatchersOf(previous);
            await this.start();
        })().finally(() => { this.restarting = undefined; });
        return this.restarting;
    }

    /** Disposes the watchers of `client`, or of every client made when undefined. */
    private disposeWatchersOf(client: LanguageClient | undefined): void {
        for (let i = this.made.length - 1; i >= 0; i--) {
            if (client !== undefined && this.made[i]!.client !== client) continue;
            this.made[i]!.disposeWatchers();
            this.made.splice(i, 1);
        }
    }

    dispose(): void {
        const client = this.current;
        this.current = undefined;
        void client?.stop().finally(() => this.disposeWatchersOf(undefined));
        if (!client) this.disposeWatchersOf(undefined);
    }
}
