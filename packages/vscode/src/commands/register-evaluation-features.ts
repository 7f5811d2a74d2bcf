import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportPanel } from '../report/report-panel.js';
import { registerBreachDiagnostics } from '../results/breach-diagnostics.js';
import { dataChangedNote } from '../results/data-file-watch.js';
import { EvaluationResults } from '../results/evaluation-results.js';
import { registerInlineResults } from '../results/inline-results.js';
import { registerResultsStatusBar } from '../results/results-status-bar.js';
import { readEvaluationSettings } from '../settings/sla-settings.js';
import { registerAgreementCodeLens } from './agreement-code-lens.js';
import { COMMANDS } from './command-ids.js';
import { pickDataOverride } from './evaluate-with-other-data.js';
import { EvaluationService } from './evaluation-service.js';
import { compareWithRevision, DiffDocuments } from './compare-with-revision.js';
import { ExplanationDocuments, explainAgreement } from './explain-agreement.js';
import { targetDocumentUri } from './target-document.js';
import { validateWorkspace, type WorkspaceValidation } from './validate-workspace.js';

/** What the evaluation features hand to the extension API (the in-host tests read it). */
export interface EvaluationFeatures {
    readonly results: EvaluationResults;
    readonly panel: ReportPanel;
    readonly statusBar: vscode.StatusBarItem;
}

/** Options of `sla.evaluateAgreement` when called programmatically (tests, keybindings, other extensions). */
interface EvaluateOptions {
    from?: string;
    to?: string;
    now?: number;
    /** Added to the `sla.data.overrides` setting (absolute paths). */
    dataOverrides?: Record<string, string>;
    /** Overrides the `sla.evaluation.skipInvalidRows` setting. */
    skipInvalid?: boolean;
}

/** Commands, CodeLens, report panel and results in the editor: everything after "the server is running". */
export function registerEvaluationFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, getClient: () => Promise<LanguageClient | undefined>): EvaluationFeatures {
    const results = new EvaluationResults();
    const panel = new ReportPanel(context.extensionUri, log);
    const service = new EvaluationService(getClient, results, panel, log);
    const explanations = new ExplanationDocuments(getClient);
    const diffs = new DiffDocuments();
    const statusBar = registerResultsStatusBar(results, COMMANDS.showLastReport);

    context.subscriptions.push(
        results, panel, statusBar.disposable,
        // The report shown says so when the data it was made from changed on disk since.
        results.onDidChange((uri) => {
            const result = results.get(uri);
            if (result) panel.noteDataChanged(result.report, dataChangedNote(result.dataChanged));
        }),
        registerBreachDiagnostics(results),
        registerInlineResults(results),
        registerAgreementCodeLens(),
        vscode.workspace.registerTextDocumentContentProvider(ExplanationDocuments.scheme, explanations),
        vscode.workspace.registerTextDocumentContentProvider(DiffDocuments.scheme, diffs),

        vscode.commands.registerCommand(COMMANDS.evaluate, async (given?: unknown, agreement?: unknown, options?: EvaluateOptions): Promise<Report | undefined> => {
            const uri = targetDocumentUri(given);
            if (!uri) return undefined;
            const { dataOverrides, ...period } = options ?? {};
            return await service.evaluate({ uri, ...(typeof agreement === 'string' ? { agreement } : {}), ...period, ...(dataOverrides ? { extraDataOverrides: dataOverrides } : {}), revealReport: true });
        }),
        vscode.commands.registerCommand(COMMANDS.evaluateWithOtherData, async (given?: unknown): Promise<Report | undefined> => {
            const uri = targetDocumentUri(given);
            if (!uri) return undefined;
            const other = await pickDataOverride(uri, results, getClient);
            if (!other) return undefined;
            return await service.evaluate({ uri, agreement: other.agreement, extraDataOverrides: other.overrides, revealReport: true });
        }),
        vscode.commands.registerCommand(COMMANDS.explain, async (given?: unknown): Promise<vscode.Uri | undefined> => {
            const uri = targetDocumentUri(given);
            return uri ? await explainAgreement(explanations, uri) : undefined;
        }),
        vscode.commands.registerCommand(COMMANDS.compareWithRevision, async (given?: unknown, revision?: unknown) => {
            const uri = targetDocumentUri(given);
            return uri ? await compareWithRevision(await getClient(), diffs, uri, typeof revision === 'string' ? revision : undefined) : undefined;
        }),
        // The status bar item passes the document whose result it shows; the palette, none: the latest of any.
        vscode.commands.registerCommand(COMMANDS.showLastReport, (given?: unknown): Report | undefined => {
            const last = given instanceof vscode.Uri ? results.get(given) : results.latest();
            if (!last) {
                void vscode.window.showInformationMessage('No agreement has been evaluated yet in this window: run "SLA: Evaluate Agreement" first.');
                return undefined;
            }
            panel.show(last.report, last.uri);
            panel.noteDataChanged(last.report, dataChangedNote(last.dataChanged));
            return last.report;
        }),
        vscode.commands.registerCommand(COMMANDS.validateWorkspace, async (): Promise<WorkspaceValidation | undefined> => {
            // Only the server validates: without it, "0 errors" would say nothing was wrong.
            const client = await getClient();
            if (!client?.isRunning()) {
                void vscode.window.showErrorMessage('The SLA language server is not running; see the "SLA" output channel.');
                return undefined;
            }
            const summary = await validateWorkspace(log, client);
            const text = `Validated ${summary.files} .sla file(s): ${summary.errors} error(s) in ${summary.filesWithErrors} file(s), ${summary.warnings} warning(s).`;
            void vscode.window.showInformationMessage(text, ...(summary.errors + summary.warnings > 0 ? ['Show Problems'] : []))
                .then((choice) => (choice ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
            return summary;
        }),

        vscode.workspace.onDidSaveTextDocument((document) => {
            if (document.languageId !== 'sla' || !readEvaluationSettings(document.uri).evaluateOnSave) return;
            // Untrusted workspaces: evaluate() refuses with its message; on save that would nag, so stay quiet.
            if (!vscode.workspace.isTrusted) return;
            void service.evaluateAgain(document.uri);
        })
    );
    return { results, panel, statusBar: statusBar.item };
}
