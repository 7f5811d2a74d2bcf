import * as path from 'node:path';
import { statusWord, type Report } from '@sla/engine';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ReportPanel } from '../report/report-panel.js';
import type { EvaluatedText } from '../results/evaluated-text.js';
import { textEdit, type EvaluationResults } from '../results/evaluation-results.js';
import { readEvaluationSettings } from '../settings/sla-settings.js';
import { evaluationBlockedReason } from '../settings/workspace-trust.js';
import { requestEvaluation, type EvaluateArguments } from './evaluation-client.js';

export interface EvaluationRequest {
    uri: vscode.Uri;
    agreement?: string;
    from?: string;
    to?: string;
    now?: number;
    /** For this agreement (refused when it has no such dataset), winning over the `sla.data.overrides` setting. */
    extraDataOverrides?: Record<string, string>;
    /** Overrides the `sla.evaluation.skipInvalidRows` setting. */
    skipInvalid?: boolean;
    /** Open or reveal the report panel (commands); evaluate on save only updates it. */
    revealReport: boolean;
}

/**
 * One evaluation from the user's point of view: trust check, settings, progress with
 * cancellation, the server request, then results in the editor, the report and the log.
 */
export class EvaluationService {
    constructor(
        private readonly getClient: () => Promise<LanguageClient | undefined>,
        private readonly results: EvaluationResults,
        private readonly panel: ReportPanel,
        private readonly log: vscode.LogOutputChannel
    ) {}

    /** Per document, the evaluation last asked for (agreement, period, data): evaluate on save asks for it again. */
    private readonly lastRequests = new Map<string, Omit<EvaluationRequest, 'revealReport'>>();

    /**
     * Evaluate on save: the document's last evaluation again (the agreement its CodeLens
     * evaluated, not the file's first), quietly; the file's first agreement when none was asked for yet.
     */
    async evaluateAgain(uri: vscode.Uri): Promise<Report | undefined> {
        return await this.evaluate({ ...this.lastRequests.get(uri.toString()), uri, revealReport: false });
    }

    /** Resolves with the report, or undefined when refused, cancelled or failed (the user has been told). */
    async evaluate(request: EvaluationRequest): Promise<Report | undefined> {
        const blocked = evaluationBlockedReason(vscode.workspace.isTrusted);
        if (blocked) {
            this.log.warn(blocked);
            const choice = await vscode.window.showWarningMessage(blocked, 'Manage Workspace Trust');
            if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
            return undefined;
        }
        const client = await this.getClient();
        if (!client?.isRunning()) {
            void vscode.window.showErrorMessage('The SLA language server is not running; see the "SLA" output channel.');
            return undefined;
        }
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === request.uri.toString());
        // Data paths are relative to the agreement's file: an untitled document has none.
        if (document?.isUntitled) {
            void vscode.window.showWarningMessage('Save the agreement first: data paths are relative to its file.');
            return undefined;
        }
        this.lastRequests.set(request.uri.toString(), withoutReveal(request));
        const settings = readEvaluationSettings(request.uri);
        const args: EvaluateArguments = {
            uri: client.code2ProtocolConverter.asUri(request.uri),
            ...(request.agreement ? { agreement: request.agreement } : {}),
            ...(request.from ? { from: request.from } : {}),
            ...(request.to ? { to: request.to } : {}),
            ...(request.now !== undefined ? { now: request.now } : {}),
            // The setting holds for every agreement: the server applies each entry where the agreement has the dataset.
            dataOverrides: { ...request.extraDataOverrides },
            sharedDataOverrides: settings.dataOverrides,
            skipInvalid: request.skipInvalid ?? settings.skipInvalidRows
        };
        // The text the server evaluates places the results: the edits made while it runs move them.
        const opened = await Promise.resolve(vscode.workspace.openTextDocument(request.uri)).then((value) => value, () => undefined);
        let recording: TextRecording | undefined;
        const name = request.agreement ?? path.basename(request.uri.fsPath);
        const started = Date.now();
        const result = await vscode.window.withProgress(
            { location: request.revealReport ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, cancellable: true, title: `Evaluating ${name}…` },
            async (_progress, token) => {
                recording = opened && recordText(opened);
                try {
                    return await requestEvaluation(client, args, token);
                } catch (error) {
                    if (token.isCancellationRequested) return 'cancelled' as const;
                    throw error;
                } finally {
                    recording?.dispose();
                }
            }
        ).then((value) => value, (error: unknown) => ({ ok: false as const, message: `The evaluation failed: ${error instanceof Error ? error.message : String(error)}`, problems: [] }));
        const duration = Date.now() - started;

        if (result === 'cancelled') {
            this.log.info(`evaluation of ${request.uri.fsPath} cancelled after ${duration} ms`);
            return undefined;
        }
        if (!result.ok) {
            this.log.error(`evaluation of ${request.uri.fsPath} refused after ${duration} ms: ${result.message}`);
            for (const problem of result.problems) this.log.error(`  ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
            // Evaluate on save stays quiet (the document's own errors are in Problems already); commands say why.
            if (request.revealReport) void this.showProblem(result.message, result.problems[0]);
            else vscode.window.setStatusBarMessage('$(warning) SLA: not evaluated on save; see the "SLA" output channel', 8_000);
            return undefined;
        }
        const report = result.report;
        const t = report.totals;
        // The overrides the report read: the setting's entries for other agreements' datasets did not apply.
        const applied = Object.entries({ ...args.sharedDataOverrides, ...args.dataOverrides }).filter(([name]) => report.datasets.some((dataset) => dataset.name === name));
        this.log.info(`evaluated ${request.uri.fsPath} (${report.agreement}, ${report.period.from} – ${report.period.to}) in ${duration} ms: `
            + report.objectives.map((o) => `${o.service ? `${o.service}.` : ''}${o.kpi} ${statusWord(o.status)}`).join(', ')
            + `; windows ${t.met} met, ${t.breached} breached, ${t.noData} no data`
            + (applied.length > 0 ? `; data overrides ${applied.map(([name, file]) => `${name}=${file}`).join(', ')}` : ''));
        const evaluated = (recording as TextRecording | undefined)?.evaluated();
        if (evaluated && evaluated.editsSince.length > 0) {
            this.log.info(`${request.uri.fsPath} changed during the evaluation (version ${evaluated.version} → ${opened!.version}): its results are placed by the ${evaluated.editsSince.length} edit(s) made since`);
        }
        // The text places each objective's values: a template's objectives are not on this file's lines.
        this.results.set(request.uri, report, evaluated);
        if (request.revealReport) this.panel.show(report, request.uri);
        else this.panel.updateIfOpen(report, request.uri);
        return report;
    }

    private async showProblem(message: string, first: { file: string; line: number; column: number } | undefined): Promise<void> {
        const choice = await vscode.window.showErrorMessage(message, ...(first ? ['Go to Problem'] : []), 'Show Log');
        if (choice === 'Show Log') this.log.show(true);
        if (choice === 'Go to Problem' && first) {
            const position = new vscode.Position(Math.max(0, first.line - 1), Math.max(0, first.column - 1));
            await vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(position, position) });
        }
    }
}

/** The text of an evaluated document as the request was sent, and the edits made to it until the answer. */
interface TextRecording extends vscode.Disposable {
    evaluated(): EvaluatedText;
}

function recordText(document: vscode.TextDocument): TextRecording {
    const evaluated: EvaluatedText = { text: document.getText(), version: document.version, editsSince: [] };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === document.uri.toString() && event.contentChanges.length > 0) evaluated.editsSince.push(textEdit(event));
    });
    return { evaluated: () => evaluated, dispose: () => subscription.dispose() };
}

function withoutReveal(request: EvaluationRequest): Omit<EvaluationRequest, 'revealReport'> {
    const { revealReport, ...asked } = request;
    void revealReport;
    return asked;
}
