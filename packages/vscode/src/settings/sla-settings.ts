import * as path from 'node:path';
import * as vscode from 'vscode';

/** The evaluation settings a user can set (contributes.configuration in package.json). */
export interface EvaluationSettings {
    /** Dataset name → absolute path; relative paths in the setting are resolved against the workspace folder. */
    dataOverrides: Record<string, string>;
    skipInvalidRows: boolean;
    evaluateOnSave: boolean;
}

/** Reads the settings that apply to `documentUri` (folder settings win over workspace settings). */
export function readEvaluationSettings(documentUri: vscode.Uri): EvaluationSettings {
    const configuration = vscode.workspace.getConfiguration('sla', documentUri);
    const folder = vscode.workspace.getWorkspaceFolder(documentUri)?.uri.fsPath ?? path.dirname(documentUri.fsPath);
    return {
        dataOverrides: resolveDataOverrides(configuration.get<Record<string, unknown>>('data.overrides') ?? {}, folder),
        skipInvalidRows: configuration.get<boolean>('evaluation.skipInvalidRows') === true,
        evaluateOnSave: configuration.get<boolean>('evaluation.evaluateOnSave') === true
    };
}

/** Keeps string entries only and makes their paths absolute: the server resolves nothing against the client's folders. */
export function resolveDataOverrides(overrides: Record<string, unknown>, folder: string): Record<string, string> {
    const resolved: Record<string, string> = {};
    for (const [dataset, value] of Object.entries(overrides)) {
        if (typeof value !== 'string' || value.trim() === '') continue;
        resolved[dataset] = path.resolve(folder, value);
    }
    return resolved;
}
