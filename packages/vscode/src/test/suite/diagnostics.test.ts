import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, waitForDiagnostics } from './fixture.js';

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
});
