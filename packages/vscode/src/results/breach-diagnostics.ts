import * as vscode from 'vscode';
import { dataChangedNote } from './data-file-watch.js';
import type { EvaluationResults } from './evaluation-results.js';
import { breachMessage } from './objective-outcome.js';

/** The diagnostic code of a breached objective; the server's own codes are `sla/<code>` too. */
export const BREACH_CODE = 'sla/breached';
/** The diagnostic code of a missed internal target: the provider's own goal, no breach of the contract. */
export const INTERNAL_TARGET_MISSED_CODE = 'sla/internal-target-missed';

/**
 * Client-side diagnostics for breached objectives and missed internal targets, redrawn from the results: they stay
 * until the next evaluation or an edit of the objective's line. A client agreement's objective
 * that its template writes (in the template's file) is flagged on the client's header line,
 * naming the objective and the template (objective-outcome.ts).
 */
export function registerBreachDiagnostics(results: EvaluationResults): vscode.Disposable {
    const collection = vscode.languages.createDiagnosticCollection('sla-evaluation');
    const redraw = (uri: vscode.Uri): void => {
        const result = results.get(uri);
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const diagnostics = (result?.outcomes ?? [])
            .filter((outcome) => outcome.status === 'breached')
            .map((outcome) => {
                const lineLength = document && outcome.line < document.lineCount ? document.lineAt(outcome.line).text.length : 0;
                const start = document && outcome.line < document.lineCount ? document.lineAt(outcome.line).firstNonWhitespaceCharacterIndex : 0;
                const diagnostic = new vscode.Diagnostic(
                    new vscode.Range(outcome.line, start, outcome.line, lineLength),
                    `${breachMessage(outcome)} (evaluation of ${result!.evaluatedAt.toLocaleString()}).${result!.dataChanged.length > 0 ? ` ${dataChangedNote(result!.dataChanged)}` : ''}`,
                    vscode.DiagnosticSeverity.Warning);
                diagnostic.code = outcome.internalTarget ? INTERNAL_TARGET_MISSED_CODE : BREACH_CODE;
                diagnostic.source = 'SLA evaluation';
                return diagnostic;
            });
        collection.set(uri, diagnostics);
    };
    const subscription = results.onDidChange(redraw);
    return vscode.Disposable.from(subscription, collection);
}
