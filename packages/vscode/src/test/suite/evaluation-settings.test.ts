// Settings that change behaviour, set as user settings (they live in the test run's
// scratch user-data folder, not in the fixture workspace) and reset afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SlaExtensionApi } from '../../extension.js';
import { EXTENSION_ID, openFixture, waitForDiagnostics } from './fixture.js';

function codeOf(diagnostic: vscode.Diagnostic): string {
    return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

async function setUserSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('sla').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('SLA settings in VS Code', () => {
    it('sla.vagueTerms adds a word the server then flags as sla/vague-term', async () => {
        await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
        // vague-clause.sla: "The provider answers every call swiftly." ("swiftly" is not built in).
        const document = await openFixture('vague-clause.sla');
        const isSwiftly = (d: vscode.Diagnostic): boolean => codeOf(d) === 'sla/vague-term' && d.message.includes("'swiftly'");
        try {
            await setUserSetting('vagueTerms', ['swiftly']);
            const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some(isSwiftly));
            assert.equal(diagnostics.filter(isSwiftly)[0]!.range.start.line, 8);
        } finally {
            await setUserSetting('vagueTerms', undefined);
        }
        await waitForDiagnostics(document.uri, (all) => !all.some(isSwiftly));
    });

    it('sla.evaluation.evaluateOnSave evaluates the agreement when its file is saved', async () => {
        const api = await vscode.extensions.getExtension<SlaExtensionApi>(EXTENSION_ID)!.activate();
        const document = await openFixture('managed-hosting/acme-hosting.sla');
        const editor = await vscode.window.showTextDocument(document);
        const original = document.getText();
        const before = api.evaluation.results.get(document.uri)?.evaluatedAt.getTime() ?? 0;
        try {
            await setUserSetting('evaluation.evaluateOnSave', true);
            await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// saved by the evaluate-on-save test\n'));
            await document.save();
            const deadline = Date.now() + 30_000;
            while ((api.evaluation.results.get(document.uri)?.evaluatedAt.getTime() ?? 0) <= before && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
            const result = api.evaluation.results.get(document.uri);
            assert.ok(result && result.evaluatedAt.getTime() > before, 'saving did not evaluate the agreement');
            // The new first line moved the objectives: Availability is on line 71 of the saved file (0-based 70).
            assert.equal(result.outcomes.find((o) => o.name === 'WebShop.Availability')?.line, 70);
        } finally {
            await setUserSetting('evaluation.evaluateOnSave', undefined);
            // A workspace edit needs no visible editor: put the fixture back as committed.
            const restore = new vscode.WorkspaceEdit();
            restore.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
            await vscode.workspace.applyEdit(restore);
            await document.save();
        }
        assert.equal(document.getText(), original);
    });
});
