/**
 * "SLA: Set Connection Password": asks for the password of a connection the workspace's
 * `.slarc.json` names and keeps it in VS Code's SecretStorage (never in settings or files);
 * the language server is restarted so that its evaluations see it (settings/connection-passwords.ts).
 */
import * as vscode from 'vscode';
import { connectionsOfProjectConfig, connectionsOfSetting, mergeConnections, secretKey, type ConnectionEntry } from '../settings/connection-passwords.js';

/** The connections of the `.slarc.json` of each workspace folder (a later folder's entry wins) and of the `sla.connections` setting (winning). */
export async function workspaceConnections(): Promise<ConnectionEntry[]> {
    const entries = new Map<string, ConnectionEntry>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
        try {
            const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.slarc.json'));
            for (const entry of connectionsOfProjectConfig(new TextDecoder().decode(bytes))) entries.set(entry.name, entry);
        } catch {
            // no .slarc.json in this folder
        }
    }
    return mergeConnections([...entries.values()], connectionsOfSetting(vscode.workspace.getConfiguration('sla').get('connections')));
}

/** The stored passwords of these connections. */
export async function storedPasswords(secrets: vscode.SecretStorage, connections: readonly ConnectionEntry[]): Promise<Map<string, string>> {
    const passwords = new Map<string, string>();
    for (const connection of connections) {
        const password = await secrets.get(secretKey(connection.name));
        if (password !== undefined) passwords.set(connection.name, password);
    }
    return passwords;
}

export async function setConnectionPassword(context: vscode.ExtensionContext, restartServer: (reason: string) => Promise<void>): Promise<void> {
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('An untrusted workspace opens no database connection: trust the workspace first.');
        return;
    }
    const connections = await workspaceConnections();
    if (connections.length === 0) {
        void vscode.window.showInformationMessage('No connection is configured: add "connections" to the .slarc.json of the workspace folder, or set sla.connections (docs/connections.md).');
        return;
    }
    const picked =
        connections.length === 1
            ? connections[0]
            : (await vscode.window.showQuickPick(
                  connections.map((connection) => ({ label: connection.name, description: `instead of $${connection.passwordEnv}`, connection })),
                  { placeHolder: 'The connection whose password to set' }
              ))?.connection;
    if (picked === undefined) return;
    const password = await vscode.window.showInputBox({
        password: true,
        ignoreFocusOut: true,
        prompt: `Password of connection ${picked.name}: kept in VS Code's secret storage (leave empty to remove it)`
    });
    if (password === undefined) return;
    if (password === '') await context.secrets.delete(secretKey(picked.name));
    else await context.secrets.store(secretKey(picked.name), password);
    await restartServer(`the password of connection ${picked.name} changed`);
    void vscode.window.showInformationMessage(password === '' ? `The password of connection ${picked.name} was removed.` : `The password of connection ${picked.name} is stored.`);
}
