// "SLA: Compare with Git Revision…" in the real extension host: the agreement as edited (not
// saved) against HEAD of the repository the fixture workspace lives in, through the server's
// `sla.diff`, shown in the Markdown preview.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SlaExtensionApi } from '../../extension.js';
import { COMMANDS } from '../../commands/command-ids.js';
import { EXTENSION_ID, openFixture } from './fixture.js';

describe('SLA: Compare with Git Revision', () => {
    it('an unsaved edit lowering the availability target is loosened against HEAD', async () => {
        const api = await vscode.extensions.getExtension<SlaExtensionApi>(EXTENSION_ID)!.activate();
        const deadline = Date.now() + 30_000;
        while (!api.client?.isRunning() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        const document = await openFixture('managed-hosting/acme-hosting.sla');
        // `objective Availability >= 99.9% per calendar month`: line 70 of the fixture (0-based 69).
        const line = document.lineAt(69);
        const at = line.text.indexOf('99.9%');
        assert.ok(at > 0, line.text);
        const target = new vscode.Range(69, at, 69, at + '99.9%'.length);
        const replace = async (text: string): Promise<void> => {
            const edit = new vscode.WorkspaceEdit();
            edit.replace(document.uri, target, text);
            assert.ok(await vscode.workspace.applyEdit(edit));
        };
        await replace('99.5%');
        assert.ok(document.isDirty);
        try {
            await compareEdited(document);
        } finally {
            // Back as on disk, and not dirty: later suites save this file (evaluate on save).
            await replace('99.9%');
            await document.save();
        }
    });
});

/** The command against HEAD on the document as edited: loosened, in Markdown, the preview holding the same text. */
async function compareEdited(document: vscode.TextDocument): Promise<void> {
    const compared = await vscode.commands.executeCommand<{ result: { ok: boolean; markdown?: string; loosening?: number; message?: string }; uri?: vscode.Uri }>(COMMANDS.compareWithRevision, document.uri, 'HEAD');
    assert.ok(compared?.result.ok, compared?.result.message);
    assert.equal(compared.result.loosening, 1);
    assert.match(compared.result.markdown ?? '', /^\| \*\*loosened\*\* \| objective WebShop\.Availability \| 99\.5% instead of 99\.9% \| `test\/e2e\/fixtures\/workspace\/managed-hosting\/acme-hosting\.sla:70:9` \|$/m);
    // The preview's document holds the same Markdown.
    assert.ok(compared.uri);
    assert.equal((await vscode.workspace.openTextDocument(compared.uri)).getText(), compared.result.markdown);
}
