import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerEvaluationFeatures, type EvaluationFeatures } from './commands/register-evaluation-features.js';
import { createLanguageClient, SERVER_BUNDLE } from './language-client.js';

let client: LanguageClient | undefined;

/** What `activate` hands back: lets the in-host tests reach the running client. */
export interface SlaExtensionApi {
    readonly outputChannel: vscode.LogOutputChannel;
    readonly client: LanguageClient | undefined;
    /** Evaluation results, report panel and status bar item (commands/, report/, results/). */
    readonly evaluation: EvaluationFeatures;
}

export async function activate(context: vscode.ExtensionContext): Promise<SlaExtensionApi> {
    const outputChannel = vscode.window.createOutputChannel('SLA', { log: true });
    context.subscriptions.push(outputChannel);
    outputChannel.info(`SLA extension ${String(context.extension.packageJSON.version)} activating`);
    // Registered before the server starts so that the commands exist even when it cannot.
    const evaluation = registerEvaluationFeatures(context, outputChannel, () => client);

    const serverPath = context.asAbsolutePath(SERVER_BUNDLE);
    if (!existsSync(serverPath)) {
        // A packaging mistake, not a user error: say where the server should have been.
        outputChannel.error(`Language server not found at ${serverPath}; only syntax highlighting is available.`);
        return { outputChannel, client: undefined, evaluation };
    }
    client = createLanguageClient(context, outputChannel);
    // The server learns of trust at start-up: once trust is granted, start it again so it reads the data files.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
        const previous = client;
        if (!previous) return;
        void previous.stop().then(() => {
            client = createLanguageClient(context, outputChannel);
            return client.start();
        }).catch((error: unknown) => outputChannel.error(`SLA language server failed to restart after trust was granted: ${String(error)}`));
    }));
    try {
        await client.start();
        outputChannel.info('SLA language server started');
    } catch (error) {
        outputChannel.error(`SLA language server failed to start: ${String(error)}`);
        void vscode.window.showErrorMessage('The SLA language server failed to start; see the "SLA" output channel.');
    }
    return { outputChannel, client, evaluation };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
