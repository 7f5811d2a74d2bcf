import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResults } from '../results/evaluation-results.js';
import { datasetsIn } from './target-document.js';

/**
 * Evaluate with Other Data…: which dataset to replace (the names the agreement declares),
 * then which file. Resolves with the override, or undefined when the user cancelled.
 */
export async function pickDataOverride(uri: vscode.Uri, results: EvaluationResults): Promise<Record<string, string> | undefined> {
    const document = await vscode.workspace.openTextDocument(uri);
    const reported = results.get(uri)?.report.datasets ?? [];
    const names = [...new Set([...reported.map((d) => d.name), ...datasetsIn(document.getText())])];
    if (names.length === 0) {
        void vscode.window.showInformationMessage(`${path.basename(uri.fsPath)} declares no dataset.`);
        return undefined;
    }
    const items = names.map((name) => ({ label: name, description: reported.find((d) => d.name === name)?.path }));
    const picked = names.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Evaluate with Other Data: which dataset?', placeHolder: 'The dataset whose file to replace' });
    if (!picked) return undefined;
    const files = await vscode.window.showOpenDialog({
        title: `A file for the dataset ${picked.label}`,
        canSelectMany: false,
        filters: { 'CSV files': ['csv'], 'All files': ['*'] },
        defaultUri: vscode.Uri.file(path.dirname(picked.description ?? uri.fsPath)),
        openLabel: 'Evaluate with this file'
    });
    const file = files?.[0];
    if (!file) return undefined;
    return { [picked.label]: file.fsPath };
}
