import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from './commands/command-ids.js';
import { createStarterAgreement, showFirstDataset } from './commands/create-starter.js';
import { setConnectionPassword } from './commands/set-connection-password.js';
import { registerEvaluationFeatures, type EvaluationFeatures } from './commands/register-evaluation-features.js';
import { SERVER_BUNDLE } from './language-client.js';
import { registerPortfolioFeatures, type PortfolioFeatures } from './portfolio/register-portfolio-features.js';
import { ServerControl } from './server-control.js';
import { registerSlaTasks } from './tasks/sla-task-provider.js';

let server: ServerControl | undefined;

/** What `activate` hands back: lets the in-host tests reach the running client. */
export interface SlaExtensionApi {
    readonly outputChannel: vscode.LogOutputChannel;
    /** The running client (a new one after each restart). */
    readonly client: LanguageClient | undefined;
    /** Evaluation results, report panel and status bar item (commands/, report/, results/). */
    readonly evaluation: EvaluationFeatures;
    /** The portfolio webview and the "SLA Portfolio" tree (portfolio/). */
    readonly portfolio: PortfolioFeatures;
}

export async function activate(context: vscode.ExtensionContext): Promise<SlaExtensionApi> {
    const outputChannel = vscode.window.createOutputChannel('SLA', { log: true });
    context.subscriptions.push(outputChannel);
    outputChannel.info(`SLA extension ${String(context.extension.packageJSON.version)} activating`);
    // Registered before the server starts so that the commands exist even when it cannot;
    // a command run while it starts waits for it (ServerControl.runningClient).
    const runningClient = async () => await server?.runningClient();
    const evaluation = registerEvaluationFeatures(context, outputChannel, runningClient);
    const portfolio = registerPortfolioFeatures(context, outputChannel, runningClient, evaluation.panel);
    registerSlaTasks(context);
    context.subscriptions.push(
        vscode.commands.registerCommand(COMMANDS.createStarter, createStarterAgreement),
        vscode.commands.registerCommand(COMMANDS.showDataset, showFirstDataset)
    );
    const api: SlaExtensionApi = { outputChannel, get client() { return server?.client; }, evaluation, portfolio };

    const serverPath = context.asAbsolutePath(SERVER_BUNDLE);
    if (!existsSync(serverPath)) {
        // A packaging mistake, not a user error: say where the server should have been.
        outputChannel.error(`Language server not found at ${serverPath}; only syntax highlighting is available.`);
        return api;
    }
    const control = new ServerControl(context, outputChannel);
    server = control;
    context.subscriptions.push(control);
    const restart = (reason: string) => control.restart(reason).catch((error: unknown) => {
        outputChannel.error(`SLA language server failed to restart: ${String(error)}`);
        void vscode.window.showErrorMessage('The SLA language server failed to restart; see the "SLA" output channel.');
    });
    context.subscriptions.push(
        vscode.commands.registerCommand(COMMANDS.restartServer, () => restart('requested by the user')),
        vscode.commands.registerCommand(COMMANDS.setConnectionPassword, () => setConnectionPassword(context, restart)),
        vscode.workspace.onDidGrantWorkspaceTrust(() => restart('the workspace is now trusted')),
        // The stored passwords reach the server as environment variables named by the connections: set at start-up.
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('sla.connections') && vscode.workspace.isTrusted) void restart('the setting sla.connections changed');
        })
    );
    try {
        await control.start();
    } catch (error) {
        outputChannel.error(`SLA language server failed to start: ${String(error)}`);
        void vscode.window.showErrorMessage('The SLA language server failed to start; see the "SLA" output channel.');
    }
    return api;
}

export async function deactivate(): Promise<void> {
    await server?.client?.stop();
    server = undefined;
}
