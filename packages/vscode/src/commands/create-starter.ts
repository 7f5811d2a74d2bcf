import * as vscode from 'vscode';
import { STARTER_AGREEMENT, STARTER_AGREEMENT_FILE, STARTER_DATA_FILE, starterData } from '@sla/cli/starter';

/**
 * "SLA: Create Starter Agreement" (the first step of the walkthrough): the starter of
 * `sla init` — an agreement and three months of sample data, designed so that the first
 * evaluation shows a met month, a breach and a credit — written into a folder (the first
 * workspace folder, or the one given). An existing file is never overwritten: the command
 * opens the agreement that is there and says so.
 */
export async function createStarterAgreement(given?: unknown): Promise<vscode.Uri | undefined> {
    const folder = given instanceof vscode.Uri ? given : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) {
        const choice = await vscode.window.showInformationMessage('Open a folder first: the starter agreement and its sample data are written into it.', 'Open Folder…');
        if (choice) await vscode.commands.executeCommand('workbench.action.files.openFolder');
        return undefined;
    }
    const agreement = vscode.Uri.joinPath(folder, STARTER_AGREEMENT_FILE);
    const data = vscode.Uri.joinPath(folder, STARTER_DATA_FILE);
    const existing = await Promise.all([agreement, data].map((uri) => exists(uri)));
    if (existing.some(Boolean)) {
        const names = [STARTER_AGREEMENT_FILE, STARTER_DATA_FILE].filter((_, i) => existing[i]).join(' and ');
        void vscode.window.showInformationMessage(`${names} already exist${existing.filter(Boolean).length === 1 ? 's' : ''} in ${folder.fsPath}: nothing was written.`);
    } else {
        const encoder = new TextEncoder();
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(data, '..'));
        await vscode.workspace.fs.writeFile(data, encoder.encode(starterData()));
        await vscode.workspace.fs.writeFile(agreement, encoder.encode(STARTER_AGREEMENT));
    }
    if (await exists(agreement)) await vscode.window.showTextDocument(agreement);
    return agreement;
}

/**
 * "Point a dataset at a file" (walkthrough): opens the agreement with its first `dataset`
 * line selected, so the user sees where the data come from and can change the path.
 */
export async function showFirstDataset(given?: unknown): Promise<void> {
    const uri = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.languageId === 'sla'
        ? vscode.window.activeTextEditor.document.uri
        : (await vscode.workspace.findFiles('**/*.sla', '**/node_modules/**', 1))[0];
    if (!uri) {
        void vscode.window.showInformationMessage('No .sla file in this workspace yet: run "SLA: Create Starter Agreement" first.');
        return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const offset = document.getText().search(/\bdataset\s/);
    const editor = await vscode.window.showTextDocument(document);
    if (offset < 0) return;
    const start = document.positionAt(offset);
    editor.selection = new vscode.Selection(start, document.lineAt(start.line).range.end);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenter);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}
