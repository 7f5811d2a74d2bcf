import * as vscode from 'vscode';

/**
 * The .sla document a command acts on: the URI it was given (CodeLens, explorer), else
 * the active editor's. Undefined (and the user told why) when there is none.
 */
export function targetDocumentUri(given: unknown): vscode.Uri | undefined {
    if (given instanceof vscode.Uri) return given;
    if (typeof given === 'string' && given !== '') return vscode.Uri.parse(given);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'sla') return editor.document.uri;
    void vscode.window.showInformationMessage('Open an .sla file first: SLA commands act on the agreement in the active editor.');
    return undefined;
}

export { agreementsIn, datasetsIn } from './agreement-text.js';
