// The "Get started with SLA" walkthrough, step by step, in a new empty folder: every step is
// a command that works there, and the starter evaluates to the outcomes `sla init` designs
// (packages/cli/src/starter/starter-files.ts: Success breached in February at 98 %, credit
// 10 % of the 1,000 EUR fee = 100.00 EUR; P95Latency breached in March at 420 ms).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/command-ids.js';
import type { SlaExtensionApi } from '../../extension.js';
import { EXTENSION_ID, workspaceFolder } from './fixture.js';

interface WalkthroughStep { id: string; description: string; completionEvents: string[] }

describe('Get started with SLA (walkthrough)', () => {
    // Inside the workspace (data paths stay in it), removed afterwards.
    let folder: string;
    before(() => { folder = fs.mkdtempSync(path.join(workspaceFolder(), 'walkthrough-')); });
    after(() => { fs.rmSync(folder, { recursive: true, force: true }); });

    it('links each step to a command the extension registers', async () => {
        const extension = vscode.extensions.getExtension<SlaExtensionApi>(EXTENSION_ID)!;
        await extension.activate();
        const [walkthrough] = extension.packageJSON.contributes.walkthroughs as Array<{ steps: WalkthroughStep[] }>;
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepEqual(walkthrough!.steps.map((step) => step.id), ['create', 'dataset', 'evaluate', 'report']);
        for (const step of walkthrough!.steps) {
            const command = /\(command:([\w.]+)\)/.exec(step.description)?.[1];
            assert.ok(command && registered.has(command), `step ${step.id}: ${command} is not registered`);
            assert.deepEqual(step.completionEvents, [`onCommand:${command}`]);
        }
    });

    it('creates the starter, shows its dataset, evaluates it and shows the report', async function () {
        this.timeout(120_000);
        const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.createStarter, vscode.Uri.file(folder));
        assert.equal(uri?.fsPath, path.join(folder, 'agreement.sla'));
        assert.ok(fs.existsSync(path.join(folder, 'data', 'requests.csv')));
        assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
        // 300 rows of sample data and the header (100 per month, January to March).
        assert.equal(fs.readFileSync(path.join(folder, 'data', 'requests.csv'), 'utf8').trim().split('\n').length, 301);

        // A second run never overwrites.
        fs.appendFileSync(uri.fsPath, '// edited by the user\n');
        await vscode.commands.executeCommand(COMMANDS.createStarter, vscode.Uri.file(folder));
        assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /edited by the user\n$/);

        await vscode.commands.executeCommand(COMMANDS.showDataset, uri);
        const editor = vscode.window.activeTextEditor!;
        assert.match(editor.document.getText(editor.selection), /^dataset requests "Requests served by the API" from "data\/requests.csv" \{$/);

        // The server must know the new file before it can evaluate it.
        const deadline = Date.now() + 30_000;
        let report: Report | undefined;
        while (!report && Date.now() < deadline) {
            report = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, uri).then((r) => r, () => undefined);
            if (!report) await new Promise((resolve) => setTimeout(resolve, 500));
        }
        assert.ok(report, 'the starter agreement was not evaluated');
        const success = report.objectives.find((objective) => objective.kpi === 'Success')!;
        assert.deepEqual(success.windows.map((window) => window.status), ['met', 'breached', 'met']);
        assert.deepEqual(success.windows.map((window) => window.value), [1, 0.98, 0.99]);
        const latency = report.objectives.find((objective) => objective.kpi === 'P95Latency')!;
        assert.deepEqual(latency.windows.map((window) => window.status), ['met', 'met', 'breached']);
        assert.equal(latency.windows[2]!.value, 420);
        assert.equal(report.credits[0]!.total, 100);

        const shown = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.showLastReport);
        assert.equal(shown?.credits[0]?.total, 100);
    });
});
