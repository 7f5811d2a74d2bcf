import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture } from './fixture.js';

describe('SLA extension activation', () => {
    it('gives .sla files the language id "sla"', async () => {
        const document = await openFixture('hosting.sla');
        assert.equal(document.languageId, 'sla');
    });

    it('is active once an .sla file is open', async () => {
        await openFixture('hosting.sla');
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
        // Wait for VS Code to activate it (onLanguage:sla); calling activate() would hide a broken activation event.
        const deadline = Date.now() + 30_000;
        while (!extension.isActive && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(extension.isActive, true, 'not activated 30 s after opening an .sla file');
    });
});
