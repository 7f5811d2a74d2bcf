/**
 * The template's portfolio-wide warning (`sla/template-internal-weaker`) in the bundled server
 * over stdio: an edit in a client file reaches the template file's diagnostics, although the
 * template's file does not depend on the client's. Workspace: the template fixtures of the
 * language package. The catalogue's internal target is `Availability >= 99.95 %` (line 42,
 * 0-based 41); Strict promises 99.99 % (weaker: the warning names it); Northwind promises
 * `availability = 99.95 %` (equal: not weaker, not named).
 * Raised to 99.99 % in the editor, the promise is above the internal target: the catalogue
 * gets the warning naming Northwind; lowered to 99.9 %, it loses it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import { bundleServer, initialize, repositoryRoot, startStdioServer, type StdioServer } from './stdio-client.js';

interface Published { uri: string; diagnostics: Array<{ code?: string; message: string; range: { start: { line: number } } }> }

let scratch: string;
let server: StdioServer;
let connection: MessageConnection;
const published: Published[] = [];
const waiting: Array<{ accept: (params: Published) => boolean; resolve: (params: Published) => void }> = [];

beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-template-refresh-lsp-'));
    const bundle = bundleServer(path.join(scratch, 'bundle', 'sla-language-server.cjs'));
    fs.cpSync(path.join(repositoryRoot, 'packages/language/test/templates/fixtures'), path.join(scratch, 'ws'), { recursive: true });
    server = startStdioServer(bundle);
    connection = server.connection;
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
        published.push(params);
        for (const waiter of [...waiting]) {
            if (!waiter.accept(params)) continue;
            waiting.splice(waiting.indexOf(waiter), 1);
            waiter.resolve(params);
        }
    });
    connection.listen();
    await initialize(connection, pathToFileURL(path.join(scratch, 'ws')).toString());
}, 120_000);

afterAll(() => {
    connection?.dispose();
    if (server?.child.exitCode === null) server.child.kill();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Diagnostics of `uri` that satisfy `accept`, published after the `since`-th notification (those already in count). */
function diagnosticsOf(uri: string, accept: (params: Published) => boolean, since = 0): Promise<Published> {
    const seen = published.slice(since).filter(params => params.uri === uri && accept(params)).at(-1);
    if (seen) return Promise.resolve(seen);
    return new Promise(resolve => waiting.push({ accept: params => params.uri === uri && accept(params), resolve }));
}

const weaker = (params: Published) => params.diagnostics.filter(d => d.code === 'sla/template-internal-weaker');

test('an edit of a client\'s promise updates the template file\'s warning', async () => {
    const catalogue = pathToFileURL(path.join(scratch, 'ws', 'catalogue.sla')).toString();
    const client = pathToFileURL(path.join(scratch, 'ws', 'northwind.sla')).toString();
    // The client opened in the editor; the workspace build publishes the catalogue's diagnostics. Its
    // warning names Strict (strict.sla promises 99.99 %), not Northwind (99.95 % equals the internal target).
    const text = fs.readFileSync(path.join(scratch, 'ws', 'northwind.sla'), 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: client, languageId: 'sla', version: 1, text } });
    const initial = await diagnosticsOf(catalogue, () => true);
    expect(weaker(initial)).toHaveLength(1);
    expect(weaker(initial)[0]!.message).toContain('Strict (99.99 %)');
    expect(weaker(initial)[0]!.message).not.toContain('Northwind');
    await diagnosticsOf(client, () => true);
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('with availability = 99.95 %'));
    const column = lines[line]!.indexOf('99.95');
    const setPromise = (version: number, value: string, old: string) => connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: client, version },
        contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + old.length } }, text: value }]
    });

    let since = published.length;
    await setPromise(2, '99.99', '99.95');
    const raised = await diagnosticsOf(catalogue, params => weaker(params).some(d => d.message.includes('Northwind (99.99 %)')), since);
    expect(weaker(raised).map(d => d.range.start.line)).toEqual([41]);

    since = published.length;
    await setPromise(3, '99.90', '99.99');
    const lowered = await diagnosticsOf(catalogue, params => !weaker(params).some(d => d.message.includes('Northwind')), since);
    // Strict's warning stays.
    expect(weaker(lowered).map(d => d.message.includes('Strict (99.99 %)'))).toEqual([true]);
}, 120_000);
