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

/** Names of the agreements in `text`, with the 0-based line each starts on. */
export function agreementsIn(text: string): Array<{ name: string; line: number }> {
    const found: Array<{ name: string; line: number }> = [];
    text.split('\n').forEach((line, index) => {
        const match = /^\s*agreement\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
        if (match) found.push({ name: match[1]!, line: index });
    });
    return found;
}

/** Dataset names declared in `text` (`dataset name "…" from "…"`). */
export function datasetsIn(text: string): string[] {
    return [...text.matchAll(/^\s*dataset\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((match) => match[1]!);
}
