/**
 * `.slarc.json` in the editor: the bundled server reads the file of its workspace folder, as
 * `sla validate` reads the one of its working directory, so the editor and CI flag the same
 * vague terms; it reads it again when the client reports a change, and re-checks the files.
 */
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startStdioServer } from './stdio-client.js';

const root = path.resolve(__dirname, '../..');
const AGREEMENT = `agreement Shop {
    timezone "Europe/Berlin"
    clause Support "The provider answers every request swiftly."
}
`;

let scratch: string;
let workspace: string;
let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
const published: PublishDiagnosticsParams[] = [];

/** The vague-term warnings of the newest diagnostics that satisfy `accept`, waiting for them. */
async function vagueTermsWhen(accept: (terms: string[]) => boolean): Promise<string[]> {
    const started = Date.now();
    let terms: string[] = [];
    while (Date.now() - started < 15_000) {
        const latest = published.at(-1);
        terms = (latest?.diagnostics ?? []).filter((d) => d.code === 'sla/vague-term').map((d) => /'([^']+)'/.exec(d.message)?.[1] ?? d.message);
        if (latest && accept(terms)) return terms;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`diagnostics never matched; last vague terms: ${JSON.stringify(terms)}; last: ${JSON.stringify(published.at(-1))}`);
}

beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-slarc-'));
    const server = path.join(scratch, 'bundle', 'sla-language-server.cjs');
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', server], { stdio: 'inherit' });
    workspace = path.join(scratch, 'ws');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'shop.sla'), AGREEMENT);
    fs.writeFileSync(path.join(workspace, '.slarc.json'), JSON.stringify({ vagueTerms: ['swiftly'] }));
    ({ child, connection } = startStdioServer(server, { acceptMessages: true }));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => { published.push(params); });
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
        capabilities: { workspace: { workspaceFolders: true, configuration: false, didChangeWatchedFiles: { dynamicRegistration: true } } }
    });
    await connection.sendNotification('initialized', {});
}, 60_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('.slarc.json in the language server', () => {
    test('its vague terms are flagged like the built-in ones, and a change to the file is followed', async () => {
        const uri = pathToFileURL(path.join(workspace, 'shop.sla')).toString();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } });
        // `swiftly` is not in the built-in list: only the project's file makes it vague.
        expect(await vagueTermsWhen((terms) => terms.length > 0)).toEqual(['swiftly']);

        fs.writeFileSync(path.join(workspace, '.slarc.json'), JSON.stringify({ vagueTerms: [] }));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(workspace, '.slarc.json')).toString(), type: 2 }] });
        expect(await vagueTermsWhen((terms) => terms.length === 0)).toEqual([]);
        expect(published.at(-1)!.uri).toBe(uri);

        // A malformed file leaves the settings in effect and is reported, not thrown.
        const before = published.length;
        fs.writeFileSync(path.join(workspace, '.slarc.json'), '{ "vagueTerms": "swiftly" }');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(workspace, '.slarc.json')).toString(), type: 2 }] });
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
        expect(hover).toBeTruthy(); // the server still answers
        expect(published.length).toBe(before);
        expect(child.exitCode).toBeNull();
    });
});
