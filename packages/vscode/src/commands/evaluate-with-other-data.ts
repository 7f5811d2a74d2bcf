import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResults } from '../results/evaluation-results.js';
import { agreementsIn, datasetsIn, templateDatasetsIn } from './agreement-text.js';

/**
 * Evaluate with Other Data…: which dataset to replace (the datasets the agreement reads), then
 * which file. Resolves with the override, or undefined when the user cancelled.
 * `serverReady` resolves once the language server answers (it finds a client's template).
 */
export async function pickDataOverride(uri: vscode.Uri, results: EvaluationResults, serverReady?: () => Promise<unknown>): Promise<Record<string, string> | undefined> {
    const document = await vscode.workspace.openTextDocument(uri);
    const reported = results.get(uri)?.report.datasets ?? [];
    // The latest evaluation's datasets (exactly those read), the file's own, and those of the templates its client agreements are built from.
    const names = [...new Set([...reported.map((d) => d.name), ...datasetsIn(document.getText()), ...await templateDatasets(document, serverReady)])];
    if (names.length === 0) {
        void vscode.window.showInformationMessage(`${path.basename(uri.fsPath)} reads no dataset.`);
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

/**
 * The datasets of the templates the client agreements of `document` are built from (`agreement X
 * from Hosting`, the template maybe in an imported catalogue): the language server's go to
 * definition finds each template, whose file says what it declares and reads.
 */
async function templateDatasets(document: vscode.TextDocument, serverReady?: () => Promise<unknown>): Promise<string[]> {
    const clients = agreementsIn(document.getText()).filter((header) => header.template !== undefined && header.templateAt !== undefined);
    if (clients.length === 0) return [];
    await serverReady?.();
    const names: string[] = [];
    for (const client of clients) {
        const at = new vscode.Position(client.templateAt!.line, client.templateAt!.character);
        const targets = await Promise.resolve(vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, at))
            .catch(() => undefined) ?? [];
        for (const target of targets) {
            const file = 'targetUri' in target ? target.targetUri : target.uri;
            const text = file.toString() === document.uri.toString() ? document.getText()
                : await Promise.resolve(vscode.workspace.openTextDocument(file)).then((opened) => opened.getText(), () => '');
            names.push(...templateDatasetsIn(text, client.template!) ?? []);
        }
    }
    return names;
}
