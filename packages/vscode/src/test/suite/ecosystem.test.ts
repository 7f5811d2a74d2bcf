// What users of well-kept language extensions take for granted, in the real extension host:
// snippets, a task whose problems land in the Problems view, restarting the server, and
// `.slarc.json` with completion from its schema and an effect on the server's checks.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/command-ids.js';
import type { SlaExtensionApi } from '../../extension.js';
import { EXTENSION_ID, openFixture, waitForDiagnostics, workspaceFolder } from './fixture.js';

function codeOf(diagnostic: vscode.Diagnostic): string {
    return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

async function runningApi(): Promise<SlaExtensionApi> {
    const api = await vscode.extensions.getExtension<SlaExtensionApi>(EXTENSION_ID)!.activate();
    const deadline = Date.now() + 30_000;
    while (!api.client?.isRunning() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(api.client?.isRunning(), 'the language server is not running');
    return api;
}

describe('SLA in the VS Code ecosystem', () => {
    it('inserts the contributed Agreement snippet by name, with its tab stops filled', async () => {
        await runningApi();
        const document = await vscode.workspace.openTextDocument({ language: 'sla', content: '' });
        const editor = await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'sla', name: 'Agreement' });
        const text = editor.document.getText();
        assert.match(text, /^agreement Name "Title" \{\n/);
        assert.match(text, /\n\s+timezone "Europe\/Berlin"\n/);
        // The cursor sits on the first tab stop (the agreement's name), selected for typing over.
        assert.equal(editor.document.getText(editor.selection), 'Name');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('runs `sla validate` as a task and puts its problems in the Problems view ($sla)', async function () {
        this.timeout(120_000);
        await runningApi();
        const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
        const cli = path.resolve(extensionPath, '../cli/bin/sla.js');
        assert.ok(fs.existsSync(cli), `the CLI is not built at ${cli}`);
        // A file outside the workspace: the language server never sees it, so every problem
        // reported on it comes from the task's output through the problem matcher.
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-task-'));
        const file = path.join(scratch, 'outside.sla');
        fs.writeFileSync(file, 'agreement Outside {\n    timezone "Europe/Berlin"\n    objective Missing >= 99.9% per monthly\n}\n');
        const configuration = vscode.workspace.getConfiguration('sla');
        await configuration.update('cli.path', `${process.execPath} ${cli}`, vscode.ConfigurationTarget.Global);
        try {
            const tasks = await vscode.tasks.fetchTasks({ type: 'sla' });
            const provided = tasks.find((task) => (task.definition as { command?: string }).command === 'validate');
            assert.ok(provided, `no sla validate task provided: ${JSON.stringify(tasks.map((t) => t.name))}`);
            const task = new vscode.Task({ type: 'sla', command: 'validate', files: [file], args: ['--allow-data-outside', scratch] },
                provided.scope as vscode.WorkspaceFolder, 'validate outside', 'sla', provided.execution, '$sla');
            const ended = new Promise<number | undefined>((resolve) => {
                const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
                    if (event.execution.task.name === 'validate outside') { subscription.dispose(); resolve(event.exitCode); }
                });
            });
            // The provided task's execution runs `validate .`: give this one its own command line.
            const [program, ...programArgs] = `${process.execPath} ${cli}`.split(' ');
            task.execution = new vscode.ShellExecution(program!, [...programArgs, 'validate', file], { cwd: workspaceFolder() });
            await vscode.tasks.executeTask(task);
            assert.equal(await ended, 1, 'sla validate exits 1 on errors');
            const output = spawnSync(program!, [...programArgs, 'validate', file], { cwd: workspaceFolder(), encoding: 'utf8' });
            const fromTask = () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'sla-cli').map((d) => `${uri.fsPath} ${codeOf(d)}`));
            const deadline = Date.now() + 20_000;
            while (fromTask().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
            assert.ok(fromTask().length > 0, `no problem from the task; the CLI printed:\n${output.stdout}${output.stderr}\nall diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics().map(([uri, list]) => [uri.fsPath, list.map((d) => d.source)]))}`);
            const diagnostics = await waitForDiagnostics(vscode.Uri.file(file), (all) => all.some((d) => d.source === 'sla-cli'));
            const window = diagnostics.find((d) => codeOf(d) === 'sla/window-ambiguous');
            assert.ok(window, `no sla/window-ambiguous from the task: ${JSON.stringify(diagnostics.map((d) => [d.source, codeOf(d), d.message]))}`);
            assert.equal(window.severity, vscode.DiagnosticSeverity.Error);
            // The CLI says 3:32 (1-based): `per` of `per monthly` on the third line.
            assert.deepEqual([window.range.start.line, window.range.start.character], [2, 31]);
        } finally {
            await configuration.update('cli.path', undefined, vscode.ConfigurationTarget.Global);
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });

    it('"SLA: Restart Language Server" starts a new server that answers again', async function () {
        this.timeout(90_000);
        const api = await runningApi();
        const before = api.client;
        await vscode.commands.executeCommand(COMMANDS.restartServer);
        const after = api.client;
        assert.ok(after && after !== before, 'the client was not replaced');
        assert.ok(after.isRunning(), 'the new server is not running');
        assert.ok(!before?.isRunning(), 'the old server still runs');
        const document = await openFixture('hosting.sla');
        const deadline = Date.now() + 30_000;
        let symbols: vscode.DocumentSymbol[] | undefined;
        while (Date.now() < deadline && !(symbols && symbols.length > 0)) {
            symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
            if (!symbols?.length) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        assert.ok(symbols?.some((s) => s.name === 'TinyHosting'), 'the restarted server does not answer');
    });

    it('a command run while the server restarts waits for the new one instead of failing', async function () {
        this.timeout(90_000);
        const api = await runningApi();
        const document = await openFixture('managed-hosting/acme-hosting.sla');
        const currentClient = () => api.client; // read afresh: the restart replaces it
        const restarting = vscode.commands.executeCommand(COMMANDS.restartServer);
        // Wait for the moment without a server (the old one stopping), then evaluate in it:
        // as a user does who runs "Evaluate" as the file opens, while the server still starts.
        const deadline = Date.now() + 10_000;
        while (currentClient() !== undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        assert.equal(currentClient(), undefined, 'the restart never left a moment without a server');
        const report = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri);
        await restarting;
        assert.ok(report, 'Evaluate Agreement during the restart returned no report ("the server is not running")');
        assert.equal(report.agreement, 'AcmeHosting');
        assert.ok(currentClient()?.isRunning(), 'the new server is not running');
    });

    it('.slarc.json: completion from the schema, and its vague terms flagged by the server', async function () {
        this.timeout(90_000);
        await runningApi();
        const config = path.join(workspaceFolder(), '.slarc.json');
        fs.writeFileSync(config, '{\n    \n}\n');
        try {
            const configDocument = await vscode.workspace.openTextDocument(config);
            await vscode.window.showTextDocument(configDocument);
            const deadline = Date.now() + 30_000;
            let labels: string[] = [];
            while (Date.now() < deadline && !labels.includes('vagueTerms')) {
                const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', configDocument.uri, new vscode.Position(1, 4));
                labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/"/g, ''));
                if (!labels.includes('vagueTerms')) await new Promise((resolve) => setTimeout(resolve, 500));
            }
            assert.ok(labels.includes('vagueTerms') && labels.includes('allowDataOutside'), `completion offered ${JSON.stringify(labels)}`);
            await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

            // vague-clause.sla says "swiftly", which only the project's file makes vague.
            const document = await openFixture('vague-clause.sla');
            const isSwiftly = (d: vscode.Diagnostic): boolean => codeOf(d) === 'sla/vague-term' && d.message.includes("'swiftly'");
            await waitForDiagnostics(document.uri, (all) => !all.some(isSwiftly));
            fs.writeFileSync(config, JSON.stringify({ vagueTerms: ['swiftly'] }, null, 4));
            const flagged = await waitForDiagnostics(document.uri, (all) => all.some(isSwiftly));
            assert.equal(flagged.filter(isSwiftly)[0]!.range.start.line, 8);
        } finally {
            fs.rmSync(config, { force: true });
        }
        const document = await openFixture('vague-clause.sla');
        await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'sla/vague-term' && d.message.includes("'swiftly'")));
    });
});
