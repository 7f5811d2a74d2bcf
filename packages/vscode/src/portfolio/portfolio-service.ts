import type { PortfolioEntry } from '@sla/engine';
import type { EvaluatePortfolioArguments, EvaluatePortfolioResult } from '@sla/language/lsp-commands';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { readEvaluationSettings } from '../settings/sla-settings.js';
import { evaluationBlockedReason } from '../settings/workspace-trust.js';
import { dataChangedNote, dataFilesOf, watchDataFiles } from '../results/data-file-watch.js';
import { entryOfKey, type PortfolioEvaluation } from './build-portfolio-view.js';
import { EvaluationTurns } from './evaluation-turns.js';
import { importedFiles as importedFilesOf } from './imported-files.js';

export interface PortfolioRequest {
    folder: vscode.Uri;
    from?: string;
    to?: string;
    now?: number;
    /** A command shows a notification with Cancel and says why it refused; a refresh on save stays quiet in the status bar. */
    interactive: boolean;
    /** A refresh: when the change it is for was made (a save); a user's evaluation that started since has it already. */
    changedAt?: number;
}

/** The latest portfolio of this window, with the folder it was evaluated on. */
export interface LatestPortfolio extends PortfolioEvaluation {
    folderUri: vscode.Uri;
    request: PortfolioRequest;
    /** Data files the portfolio read that changed on disk since (then onDidChange fires again). */
    dataChanged: string[];
    /** The .sla files its files import, directly or not (imported-files.ts): saving one evaluates the portfolio again. */
    importedFiles: ReadonlySet<string>;
}

/**
 * Evaluates every agreement under a folder through the language server's
 * `sla.evaluatePortfolio` (the same trust rule, settings and cancellation as "Evaluate
 * Agreement"), and keeps the latest portfolio for the webview and the tree.
 */
export class PortfolioService implements vscode.Disposable {
    private latestPortfolio: LatestPortfolio | undefined;
    private readonly turns = new EvaluationTurns<LatestPortfolio>();
    private readonly changed = new vscode.EventEmitter<LatestPortfolio>();
    readonly onDidChange = this.changed.event;

    constructor(private readonly getClient: () => Promise<LanguageClient | undefined>, private readonly log: vscode.LogOutputChannel) {}

    get latest(): LatestPortfolio | undefined {
        return this.latestPortfolio;
    }

    /** The entry of the client `key` (build-portfolio-view.ts clientKey: its file and agreement) in the latest portfolio. */
    entry(key: string): PortfolioEntry | undefined {
        return this.latestPortfolio ? entryOfKey(this.latestPortfolio.report.entries, key) : undefined;
    }

    /** Resolves with the portfolio, or undefined when refused, cancelled or failed (an interactive caller has been told). */
    async evaluate(request: PortfolioRequest): Promise<LatestPortfolio | undefined> {
        const blocked = evaluationBlockedReason(vscode.workspace.isTrusted);
        if (blocked) {
            this.log.warn(blocked);
            if (!request.interactive) return undefined;
            const choice = await vscode.window.showWarningMessage(blocked, 'Manage Workspace Trust');
            if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
            return undefined;
        }
        const client = await this.getClient();
        if (!client?.isRunning()) {
            if (request.interactive) void vscode.window.showErrorMessage('The SLA language server is not running; see the "SLA" output channel.');
            return undefined;
        }
        // A user's command wins over what runs; a refresh after a save never cancels a user's command (evaluation-turns.ts).
        return await this.turns.run(request.interactive, () => {
            const source = new vscode.CancellationTokenSource();
            return { cancel: () => source.cancel(), done: this.request(client, request, source) };
        }, request.changedAt);
    }

    /** One `sla.evaluatePortfolio` request, with its progress; `source` cancels it. */
    private async request(client: LanguageClient, request: PortfolioRequest, source: vscode.CancellationTokenSource): Promise<LatestPortfolio | undefined> {
        const settings = readEvaluationSettings(request.folder);
        const args: EvaluatePortfolioArguments = {
            folder: client.code2ProtocolConverter.asUri(request.folder),
            ...(request.from ? { from: request.from } : {}),
            ...(request.to ? { to: request.to } : {}),
            ...(request.now !== undefined ? { now: request.now } : {}),
            dataOverrides: settings.dataOverrides,
            skipInvalid: settings.skipInvalidRows
        };
        const folderName = folderLabel(request.folder);
        const started = Date.now();
        type Outcome = EvaluatePortfolioResult | 'cancelled';
        const outcome: Outcome = await vscode.window.withProgress(
            { location: request.interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, cancellable: true, title: `Evaluating the portfolio of ${folderName}…` },
            async (_progress, token): Promise<Outcome> => {
                const subscription = token.onCancellationRequested(() => source.cancel());
                try {
                    return await client.sendRequest(ExecuteCommandRequest.type, { command: 'sla.evaluatePortfolio', arguments: [args] }, source.token) as EvaluatePortfolioResult;
                } catch (error) {
                    if (source.token.isCancellationRequested) return 'cancelled';
                    return { ok: false, message: `The evaluation failed: ${error instanceof Error ? error.message : String(error)}` };
                } finally {
                    subscription.dispose();
                }
            });
        const duration = Date.now() - started;
        if (outcome === 'cancelled') {
            source.dispose();
            this.log.info(`portfolio evaluation of ${request.folder.fsPath} cancelled after ${duration} ms`);
            return undefined;
        }
        if (!outcome.ok) {
            source.dispose();
            this.log.error(`portfolio evaluation of ${request.folder.fsPath} refused after ${duration} ms: ${outcome.message}`);
            if (request.interactive) void vscode.window.showErrorMessage(outcome.message, 'Show Log').then((choice) => (choice ? this.log.show(true) : undefined));
            else vscode.window.setStatusBarMessage('$(warning) SLA: the portfolio was not refreshed; see the "SLA" output channel', 8_000);
            return undefined;
        }
        // Read before the portfolio is shown: a save of a catalogue its clients import refreshes it from then on.
        const importedFiles = await importedFilesOf([...outcome.portfolio.entries.flatMap((entry) => (entry.sourceFile ? [entry.sourceFile] : [])), ...outcome.failures.map((f) => f.file)]);
        // A newer evaluation started meanwhile: this one must not replace it.
        const overtaken = source.token.isCancellationRequested;
        source.dispose();
        if (overtaken) return undefined;
        const t = outcome.portfolio.totals;
        this.log.info(`evaluated the portfolio of ${request.folder.fsPath} in ${duration} ms: ${t.agreements} agreements, ${t.breached} breached, ${t.atRisk} at risk, ${t.met} met, ${t.noData} without data`
            + (outcome.failures.length > 0 ? `; not evaluated: ${outcome.failures.map((f) => `${f.file}${f.agreement ? ` (${f.agreement})` : ''}: ${f.message}`).join('; ')}` : ''));
        const latest: LatestPortfolio = {
            folder: folderName,
            folderUri: request.folder,
            request,
            report: outcome.portfolio,
            failures: outcome.failures.map((f) => ({ file: vscode.workspace.asRelativePath(f.file, true), path: f.file, message: f.agreement ? `${f.agreement}: ${f.message}` : f.message })),
            dataChanged: [],
            importedFiles
        };
        this.latestPortfolio = latest;
        this.dataWatch?.dispose();
        this.dataWatch = watchDataFiles(dataFilesOf(latest.report.entries.map((entry) => entry.report)), (file) => {
            if (this.latestPortfolio !== latest || latest.dataChanged.includes(file)) return;
            latest.dataChanged.push(file);
            latest.dataChangedNote = dataChangedNote(latest.dataChanged);
            this.changed.fire(latest);
        });
        this.changed.fire(latest);
        return latest;
    }

    /** The watchers of the data files the latest portfolio read. */
    private dataWatch: vscode.Disposable | undefined;

    dispose(): void {
        this.dataWatch?.dispose();
        this.turns.cancel();
        this.changed.dispose();
    }
}

/** `workspace` for a workspace folder, `workspace/clients` for a folder inside one, else the path. */
function folderLabel(folder: vscode.Uri): string {
    const root = vscode.workspace.getWorkspaceFolder(folder);
    if (!root) return folder.fsPath;
    const inside = vscode.workspace.asRelativePath(folder, false);
    return root.uri.toString() === folder.toString() || inside === folder.fsPath ? root.name : `${root.name}/${inside}`;
}
