import { formatWindow } from '@sla/engine';
import * as vscode from 'vscode';
import { dataChangedNote } from './data-file-watch.js';
import type { EvaluationResults } from './evaluation-results.js';
import { metSummary } from './objective-outcome.js';

/** `SLA: 1/4 met` for the active .sla document's latest evaluation (else the latest of any); a click opens that evaluation's report. */
export function registerResultsStatusBar(results: EvaluationResults, showReportCommand: string): { item: vscode.StatusBarItem; disposable: vscode.Disposable } {
    const item = vscode.window.createStatusBarItem('sla.results', vscode.StatusBarAlignment.Left, 0);
    item.name = 'SLA Evaluation';
    const update = (): void => {
        // An .sla editor shows its own result; elsewhere (the report, other files) the latest one stays visible.
        const editor = vscode.window.activeTextEditor;
        const result = editor?.document.languageId === 'sla' ? results.get(editor.document.uri) : results.latest();
        if (!result) {
            item.hide();
            return;
        }
        const { met, total } = metSummary(result.report);
        const allMet = met === total;
        const stale = result.dataChanged.length > 0;
        item.text = `${allMet ? '$(pass)' : '$(warning)'} SLA: ${met}/${total} met${stale ? ' · data changed' : ''}`;
        item.tooltip = `${result.report.agreement}: ${met} of ${total} objectives met in every window of ${formatWindow(result.report.period.from, result.report.period.to)} (evaluated ${result.evaluatedAt.toLocaleString()}).${stale ? ` ${dataChangedNote(result.dataChanged)}` : ''} Click for the report.`;
        item.backgroundColor = allMet ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
        // The report of the result shown: Show Last Report alone opens the latest of any document.
        item.command = { command: showReportCommand, title: 'Show the report', arguments: [result.uri] };
        item.show();
    };
    update();
    const disposable = vscode.Disposable.from(item, results.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
    return { item, disposable };
}
