import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResults } from '../results/evaluation-results.js';
import { agreementDatasetsIn, templateDatasetsIn, type AgreementHeader } from './agreement-text.js';

/** What "Evaluate with Other Data…" evaluates: the agreement the picked dataset belongs to, with the file picked for it. */
export interface OtherData {
    agreement: string;
    overrides: Record<string, string>;
}

/** A dataset one agreement of the file reads, and the file its latest evaluation read for it. */
interface DatasetChoice {
    agreement: string;
    dataset: string;
    path?: string;
}

/**
 * Evaluate with Other Data…: which dataset of which agreement to replace, then which file.
 * Resolves with the agreement and the override, or undefined when the user cancelled. The
 * dataset names the agreement: an override sent for the file's first agreement, whose dataset
 * it is not, was ignored (the server now refuses it).
 * `serverReady` resolves once the language server answers (it finds a client's template).
 */
export async function pickDataOverride(uri: vscode.Uri, results: EvaluationResults, serverReady?: () => Promise<unknown>): Promise<OtherData | undefined> {
    const document = await vscode.workspace.openTextDocument(uri);
    const choices = await datasetChoices(document, results, serverReady);
    if (choices.length === 0) {
        void vscode.window.showInformationMessage(`${path.basename(uri.fsPath)} reads no dataset.`);
        return undefined;
    }
    // With several agreements in the file, each item says whose dataset it is.
    const several = new Set(choices.map((choice) => choice.agreement)).size > 1;
    const items = choices.map((choice) => ({
        label: choice.dataset,
        description: [several ? choice.agreement : undefined, choice.path].filter((part) => part !== undefined).join(' · ') || undefined,
        choice
    }));
    const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Evaluate with Other Data: which dataset?', placeHolder: 'The dataset whose file to replace' });
    if (!picked) return undefined;
    const files = await vscode.window.showOpenDialog({
        title: `A file for the dataset ${picked.choice.dataset}${several ? ` of ${picked.choice.agreement}` : ''}`,
        canSelectMany: false,
        filters: { 'CSV files': ['csv'], 'All files': ['*'] },
        defaultUri: vscode.Uri.file(path.dirname(picked.choice.path ?? uri.fsPath)),
        openLabel: 'Evaluate with this file'
    });
    const file = files?.[0];
    if (!file) return undefined;
    return { agreement: picked.choice.agreement, overrides: { [picked.choice.dataset]: file.fsPath } };
}

/**
 * The datasets each agreement of `document` reads: those its latest evaluation read (exactly
 * those, with their files), those its block declares or names from the file, and, for a client
 * agreement, those of its template. Each (agreement, dataset) once, in the file's order.
 */
async function datasetChoices(document: vscode.TextDocument, results: EvaluationResults, serverReady?: () => Promise<unknown>): Promise<DatasetChoice[]> {
    const report = results.get(document.uri)?.report;
    const choices: DatasetChoice[] = (report?.datasets ?? []).map((dataset) => ({ agreement: report!.agreement, dataset: dataset.name, path: dataset.path }));
    const add = (agreement: string, dataset: string): void => {
        if (!choices.some((choice) => choice.agreement === agreement && choice.dataset === dataset)) choices.push({ agreement, dataset });
    };
    for (const { agreement, datasets } of agreementDatasetsIn(document.getText())) {
        for (const dataset of datasets) add(agreement.name, dataset);
        for (const dataset of await templateDatasets(document, agreement, serverReady)) add(agreement.name, dataset);
    }
    return choices;
}

/**
 * The datasets of the template a client agreement of `document` is built from (`agreement X
 * from Hosting`, the template maybe in an imported catalogue): the language server's go to
 * definition finds the template, whose file says what it declares and reads.
 */
async function templateDatasets(document: vscode.TextDocument, client: AgreementHeader, serverReady?: () => Promise<unknown>): Promise<string[]> {
    if (client.template === undefined || client.templateAt === undefined) return [];
    await serverReady?.();
    const names: string[] = [];
    const at = new vscode.Position(client.templateAt.line, client.templateAt.character);
    const targets = await Promise.resolve(vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, at))
        .catch(() => undefined) ?? [];
    for (const target of targets) {
        const file = 'targetUri' in target ? target.targetUri : target.uri;
        const text = file.toString() === document.uri.toString() ? document.getText()
            : await Promise.resolve(vscode.workspace.openTextDocument(file)).then((opened) => opened.getText(), () => '');
        names.push(...templateDatasetsIn(text, client.template) ?? []);
    }
    return names;
}
