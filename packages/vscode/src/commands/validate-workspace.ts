import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface WorkspaceValidation {
    files: number;
    errors: number;
    warnings: number;
    filesWithErrors: number;
}

/** Waits until no diagnostics have changed for `quietMs` (the server has answered), at most `maxMs`. */
function diagnosticsSettled(quietMs: number, maxMs: number): Promise<void> {
    return new Promise((resolve) => {
        let timer = setTimeout(done, quietMs);
        const limit = setTimeout(done, maxMs);
        const subscription = vscode.languages.onDidChangeDiagnostics(() => {
            clearTimeout(timer);
            timer = setTimeout(done, quietMs);
        });
        function done(): void {
            clearTimeout(timer);
            clearTimeout(limit);
            subscription.dispose();
            resolve();
        }
    });
}

/**
 * Validate Workspace: opens every .sla file (without showing it) so that the server
 * checks it and its diagnostics appear in Problems, then counts them: the language server's
 * only (its client's collection). Evaluation's `sla/breached` warnings and other extensions'
 * diagnostics on the same files were counted as validation warnings.
 */
export async function validateWorkspace(log: vscode.LogOutputChannel, client: Pick<LanguageClient, 'diagnostics'>): Promise<WorkspaceValidation> {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Validating the .sla files of the workspace…' }, async () => {
        const uris = await vscode.workspace.findFiles('**/*.sla', '**/node_modules/**');
        for (const uri of uris) await vscode.workspace.openTextDocument(uri);
        await diagnosticsSettled(1_500, 30_000);
        const summary: WorkspaceValidation = { files: uris.length, errors: 0, warnings: 0, filesWithErrors: 0 };
        for (const uri of uris) {
            const diagnostics = client.diagnostics?.get(uri) ?? [];
            const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
            summary.errors += errors;
            summary.warnings += diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
            if (errors > 0) summary.filesWithErrors++;
        }
        log.info(`validated ${summary.files} .sla file(s): ${summary.errors} error(s) in ${summary.filesWithErrors} file(s), ${summary.warnings} warning(s)`);
        return summary;
    });
}
