import * as vscode from 'vscode';

/** `contributes.taskDefinitions` of type `sla` in package.json. */
export interface SlaTaskDefinition extends vscode.TaskDefinition {
    type: 'sla';
    command: 'validate' | 'evaluate';
    files?: string[];
    args?: string[];
}

export const SLA_TASK_TYPE = 'sla';
/** `contributes.problemMatchers`: reads `path:line:column: severity: message [code]`. */
export const SLA_PROBLEM_MATCHER = '$sla';

/**
 * Tasks of type `sla` run the `sla` CLI (setting `sla.cli.path`) in the workspace folder,
 * with the `$sla` problem matcher: what CI reports lands in the Problems view. Offered:
 * "validate" of each workspace folder; any other is written in tasks.json.
 */
export function registerSlaTasks(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.tasks.registerTaskProvider(SLA_TASK_TYPE, {
        provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) =>
            slaTask({ type: SLA_TASK_TYPE, command: 'validate', files: ['.'] }, folder)),
        resolveTask: (task) => {
            const definition = task.definition as SlaTaskDefinition;
            if (definition.command !== 'validate' && definition.command !== 'evaluate') return undefined;
            const scope = task.scope && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
            return scope ? slaTask(definition, scope, task.name) : undefined;
        }
    }));
}

function slaTask(definition: SlaTaskDefinition, folder: vscode.WorkspaceFolder, name?: string): vscode.Task {
    const cli = vscode.workspace.getConfiguration('sla', folder.uri).get<string>('cli.path', 'sla').trim() || 'sla';
    const words = [definition.command, ...(definition.files ?? (definition.command === 'validate' ? ['.'] : [])), ...(definition.args ?? [])];
    // `sla.cli.path` may be several words (`npx sla`, `node path/to/sla.js`); VS Code quotes
    // each argument for the user's shell.
    const [program = 'sla', ...programArgs] = cli.split(/\s+/);
    const task = new vscode.Task(definition, folder, name ?? `${definition.command} ${(definition.files ?? ['.']).join(' ')}`, 'sla',
        new vscode.ShellExecution(program, [...programArgs, ...words], { cwd: folder.uri.fsPath }), SLA_PROBLEM_MATCHER);
    if (definition.command === 'validate') task.group = vscode.TaskGroup.Test;
    return task;
}
