import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS } from '@sla/language/server-node-options';
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

    it('starts the language server with its Node options (a smaller young generation)', async () => {
        await openFixture('hosting.sla');
        // The server is a child process running the extension's out/server.cjs.
        const deadline = Date.now() + 30_000;
        let server: string | undefined;
        while (!server && Date.now() < deadline) {
            server = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').find(line => line.includes('out/server.cjs'));
            if (!server) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.ok(server, 'no language server process found 30 s after opening an .sla file');
        for (const option of SERVER_NODE_OPTIONS) assert.ok(server.split(' ').includes(option), `server started as "${server}", without ${option}`);
    });
});
