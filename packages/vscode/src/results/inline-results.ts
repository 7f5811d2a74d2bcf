import * as vscode from 'vscode';
import type { DocumentResult, EvaluationResults } from './evaluation-results.js';
import { outcomesByLine, type ObjectiveOutcome } from './objective-outcome.js';

/** What is drawn after an objective's line: its values, marked when the data changed since (the status bar and the report say which files). */
export function shownInlineText(result: DocumentResult, outcome: ObjectiveOutcome): string {
    return result.dataChanged.length > 0 ? `${outcome.inlineText} · data changed since` : outcome.inlineText;
}

/** Shows each objective's latest values after its line, in the colour of its status. */
export function registerInlineResults(results: EvaluationResults): vscode.Disposable {
    const style = (color: string): vscode.TextEditorDecorationType => vscode.window.createTextEditorDecorationType({
        after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(color), fontStyle: 'italic' },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed
    });
    const met = style('testing.iconPassed');
    const breached = style('testing.iconFailed');
    const noData = style('disabledForeground');

    const decorate = (editor: vscode.TextEditor): void => {
        const result = results.get(editor.document.uri);
        const options = { met: [] as vscode.DecorationOptions[], breached: [] as vscode.DecorationOptions[], noData: [] as vscode.DecorationOptions[] };
        // One text per line: a client's header line carries every objective its template writes.
        for (const shown of result ? outcomesByLine(result.outcomes, (outcome) => shownInlineText(result, outcome)) : []) {
            if (shown.line >= editor.document.lineCount) continue;
            const end = editor.document.lineAt(shown.line).range.end;
            const option: vscode.DecorationOptions = { range: new vscode.Range(end, end), renderOptions: { after: { contentText: shown.text } } };
            (shown.status === 'met' ? options.met : shown.status === 'breached' ? options.breached : options.noData).push(option);
        }
        editor.setDecorations(met, options.met);
        editor.setDecorations(breached, options.breached);
        editor.setDecorations(noData, options.noData);
    };
    const decorateDocument = (uri: vscode.Uri): void => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) decorate(editor);
    };
    return vscode.Disposable.from(
        met, breached, noData,
        results.onDidChange(decorateDocument),
        vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(decorate))
    );
}
