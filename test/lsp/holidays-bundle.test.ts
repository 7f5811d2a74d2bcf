/**
 * The holiday data of `holidays "FR"` travel inside the bundled language server (esbuild
 * bundles the date-holidays package): started from a folder with no node_modules, the
 * server still lists the French public holidays in a hover.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { startStdioServer } from './stdio-client.js';

const root = path.resolve(__dirname, '../..');
const AGREEMENT = `agreement Paris {
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"
    calendar Desk {
        monday to friday 09:00 to 18:00
        holidays "FR"
    }
}
`;

let folder: string;
let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;

beforeAll(() => {
    // A folder outside the repository: the bundle cannot reach node_modules from there.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-holidays-bundle-'));
    const bundle = path.join(folder, 'sla-language-server.cjs');
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', bundle], { stdio: 'pipe' });
    ({ child, connection } = startStdioServer(bundle, { spawn: { cwd: folder }, forwardStderr: false }));
    connection.listen();
}, 60_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('holiday sets in the bundled server', () => {
    test('hover on holidays "FR" lists the days off of 2026', async () => {
        const uri = pathToFileURL(path.join(folder, 'paris.sla')).toString();
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).toString(), capabilities: {} });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } });
        const line = AGREEMENT.split('\n').findIndex(l => l.includes('holidays "FR"'));
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } }) as Hover;
        // Easter Sunday 2026 is 5 April: Whit Monday is 50 days later, 25 May.
        expect((hover.contents as { value: string }).value).toContain('11 days off in the validity period (2026-01-01 to 2026-12-31), 9 of them Monday to Friday');
        expect((hover.contents as { value: string }).value).toContain('Mon 25 May (Whit Monday)');
    }, 30_000);
});
