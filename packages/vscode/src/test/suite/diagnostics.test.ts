import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openFixture, waitForDiagnostics, workspaceFolder } from './fixture.js';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
    return JSON.stringify(diagnostics.map((d) => `${d.range.start.line + 1}: ${vscode.DiagnosticSeverity[d.severity]} ${String(d.code ?? '')} ${d.message}`));
}

describe('SLA language server in VS Code', () => {
    it('reports an error for an objective outside any agreement', async () => {
        // bare-objective.sla holds only `objective Availability >= 99.9% monthly`.
        const document = await openFixture('bare-objective.sla');
        const diagnostics = await waitForDiagnostics(document.uri, (all) => all.length > 0);
        const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === 0);
        assert.ok(errors.length > 0, `expected an error on line 1; got ${describeDiagnostics(diagnostics)}`);
        console.log(`[sla-e2e] bare-objective.sla: ${describeDiagnostics(errors)}`);
    });

    it('reports sla/window-ambiguous for `objective Availability >= 99.9% monthly`', async () => {
        const document = await openFixture('ambiguous-window.sla');
        const objectiveLine = document.getText().split('\n').findIndex((line) => line.includes('99.9% monthly'));
        const isWindowAmbiguous = (d: vscode.Diagnostic): boolean => {
            const code = typeof d.code === 'object' ? d.code.value : d.code;
            return String(code).endsWith('window-ambiguous') && d.range.start.line === objectiveLine;
        };
        const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some(isWindowAmbiguous));
        console.log(`[sla-e2e] ambiguous-window.sla: ${describeDiagnostics(diagnostics.filter(isWindowAmbiguous))}`);
    });

    it('follows a data file changed on disk: the export\'s header fixed clears sla/column-missing, its deletion says the file is missing', async function () {
        this.timeout(60_000);
        // An agreement and its data file in the workspace's folders (removed after).
        const folder = workspaceFolder();
        const dataFile = path.join(folder, 'data', `changing-${process.pid}.csv`);
        try {
            fs.writeFileSync(dataFile, 'time,latency\n2026-03-01T10:00:00Z,120\n');
            fs.writeFileSync(path.join(folder, `changing-${process.pid}.sla`), [
                'agreement Shop {',
                '    timezone "Europe/Berlin"',
                '    valid from 2026-01-01 to 2026-12-31',
                `    dataset requests "Request log" from "data/changing-${process.pid}.csv" {`,
                '        time     timestamp',
                '        latency  duration ms column "latency_ms"',
                '    }',
                '    kpi Latency "95th percentile of the latency" = percentile(95, requests.latency)',
                '    objective Latency <= 500 ms per calendar month',
                '}',
                ''
            ].join('\n'));
            const document = await vscode.workspace.openTextDocument(path.join(folder, `changing-${process.pid}.sla`));
            await vscode.window.showTextDocument(document);
            await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'sla/column-missing'));
            // The export fixed in another tool: no edit of the agreement.
            fs.writeFileSync(dataFile, 'time,latency_ms\n2026-03-01T10:00:00Z,120\n');
            const fixed = await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'sla/column-missing'));
            assert.deepEqual(fixed.map(codeOf), []);
            fs.rmSync(dataFile);
            await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'sla/dataset-missing-file'));
        } finally {
            await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
            fs.rmSync(dataFile, { force: true });
            fs.rmSync(path.join(folder, `changing-${process.pid}.sla`), { force: true });
        }
    });
});
