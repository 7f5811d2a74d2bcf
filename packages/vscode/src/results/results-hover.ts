import * as vscode from 'vscode';
import type { EvaluationResults } from './evaluation-results.js';

/** Adds the latest values to the server's hover on an objective line (VS Code shows both). */
export function registerResultsHover(results: EvaluationResults): vscode.Disposable {
    return vscode.languages.registerHoverProvider({ language: 'sla' }, {
        provideHover(document, position) {
            const outcome = results.outcomeAt(document.uri, position.line);
            if (!outcome) return undefined;
            return new vscode.Hover(new vscode.MarkdownString(outcome.hoverMarkdown), document.lineAt(position.line).range);
        }
    });
}
