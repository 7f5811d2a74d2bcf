import * as path from 'node:path';
import * as vscode from 'vscode';

/** The extension's id: `publisher.name` from packages/vscode/package.json. */
export const EXTENSION_ID = 'sla-lang.sla-vscode';

/** The folder the test run opened as its workspace (test/e2e/fixtures/workspace). */
export function workspaceFolder(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the tests need a workspace folder: open test/e2e/fixtures/workspace');
    return folder.uri.fsPath;
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceFolder(), name));
    await vscode.window.showTextDocument(document);
    return document;
}

/** Resolves with the document's diagnostics once `accept` holds, or rejects after `timeoutMs`. */
export function waitForDiagnostics(
    uri: vscode.Uri,
    accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
    timeoutMs = 30_000
): Promise<readonly vscode.Diagnostic[]> {
    return new Promise((resolve, reject) => {
        const check = (): boolean => {
            const diagnostics = vscode.languages.getDiagnostics(uri);
            if (!accept(diagnostics)) return false;
            cleanup();
            resolve(diagnostics);
            return true;
        };
        const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
            if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
        });
        const timer = setTimeout(() => {
            cleanup();
            const seen = vscode.languages.getDiagnostics(uri).map((d) => d.message);
            reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.fsPath}; have: ${JSON.stringify(seen)}`));
        }, timeoutMs);
        const cleanup = (): void => {
            clearTimeout(timer);
            subscription.dispose();
        };
        check();
    });
}
