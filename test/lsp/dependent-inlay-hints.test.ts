/**
 * Inlay hints of a client agreement show the template's defaults in effect
 * (`defaults: availability = 99.9 %, …`). When the template's file changes, the client's file
 * does not, so an editor would keep the client's old hints (it asks again for a document's
 * hints when that document changes, or when the server says hints changed). The server sends
 * `workspace/inlayHint/refresh` to a client that supports it when a build re-linked files that
 * were not edited; the hints it then gives have the new default. Workspace: examples/portfolio
 * (A. Datum's agreement takes ManagedHosting's defaults).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, test } from 'vitest';
import type { InlayHint } from 'vscode-languageserver-protocol';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import { initialize, repositoryRoot, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-dependent-hints');

beforeAll(() => {
    fs.cpSync(path.join(repositoryRoot, 'examples/portfolio'), path.join(servers.scratch(), 'ws'), { recursive: true });
});

const file = (name: string) => path.join(servers.scratch(), 'ws', name);
const uriOf = (name: string) => pathToFileURL(file(name)).toString();

/** A server over the portfolio, initialized with or without inlay hint refresh support; `refreshes` counts its refresh requests. */
async function startServer(refreshSupport: boolean): Promise<{ connection: MessageConnection; refreshes: () => number }> {
    const server = servers.start({ acceptMessages: true });
    let count = 0;
    server.connection.onRequest('workspace/inlayHint/refresh', () => {
        count++;
        return null;
    });
    server.connection.listen();
    await initialize(server.connection, pathToFileURL(path.join(servers.scratch(), 'ws')).toString(), { workspace: { inlayHint: { refreshSupport } } });
    return { connection: server.connection, refreshes: () => count };
}

async function hintsOf(connection: MessageConnection, name: string): Promise<string[]> {
    const lines = fs.readFileSync(file(name), 'utf8').split('\n').length;
    const hints = await connection.sendRequest('textDocument/inlayHint', {
        textDocument: { uri: uriOf(name) },
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }
    }) as InlayHint[] | null;
    return (hints ?? []).map(hint => (typeof hint.label === 'string' ? hint.label : hint.label.map(part => part.value).join('')));
}

/** Sends `notification` about file `name` and waits for the diagnostics of that file that follow (its build). */
async function sendAndWaitForDiagnostics(connection: MessageConnection, name: string, method: string, params: object): Promise<void> {
    const diagnosed = new Promise<void>(resolve => connection.onNotification('textDocument/publishDiagnostics', (published: { uri: string }) => {
        if (published.uri === uriOf(name)) resolve();
    }));
    await connection.sendNotification(method, params);
    await diagnosed;
}

async function openAndWait(connection: MessageConnection, name: string): Promise<string> {
    const text = fs.readFileSync(file(name), 'utf8');
    await sendAndWaitForDiagnostics(connection, name, 'textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'sla', version: 1, text } });
    return text;
}

/** Replaces the whole text of file `name` (version 2) and waits for its diagnostics. */
async function changeAndWait(connection: MessageConnection, name: string, text: string): Promise<void> {
    await sendAndWaitForDiagnostics(connection, name, 'textDocument/didChange', { textDocument: { uri: uriOf(name), version: 2 }, contentChanges: [{ text }] });
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 20));
    }
}

test('a changed template default: the server asks the editor to refresh hints, and the client file\'s hint has the new default', async () => {
    const { connection, refreshes } = await startServer(true);
    await openAndWait(connection, 'adatum.sla');
    const catalogue = await openAndWait(connection, 'catalogue.sla');
    expect((await hintsOf(connection, 'adatum.sla')).join('\n')).toContain('availability = 99.9 %');
    const before = refreshes();

    const edited = catalogue.replace('parameter availability percentage default 99.9%', 'parameter availability percentage default 99.5%');
    expect(edited).not.toBe(catalogue);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('catalogue.sla'), version: 2 }, contentChanges: [{ text: edited }] });
    await until(() => refreshes() > before, 'workspace/inlayHint/refresh');
    expect((await hintsOf(connection, 'adatum.sla')).join('\n')).toContain('availability = 99.5 %');
}, 60_000);

test('the same change typed as an editor sends it (a range edit, as VS Code does): refresh and new hint', async () => {
    const { connection, refreshes } = await startServer(true);
    await openAndWait(connection, 'adatum.sla');
    const catalogue = await openAndWait(connection, 'catalogue.sla');
    expect((await hintsOf(connection, 'adatum.sla')).join('\n')).toContain('availability = 99.9 %');
    const before = refreshes();
    const lines = catalogue.split('\n');
    const line = lines.findIndex(l => l.includes('parameter availability percentage default 99.9%'));
    const character = lines[line]!.indexOf('99.9%') + 3; // the last 9
    await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: uriOf('catalogue.sla'), version: 2 },
        contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, rangeLength: 1, text: '5' }]
    });
    await until(() => refreshes() > before, 'workspace/inlayHint/refresh');
    expect((await hintsOf(connection, 'adatum.sla')).join('\n')).toContain('availability = 99.5 %');
}, 60_000);

test('an edit that changes no other file (a comment in a client) asks for no refresh', async () => {
    const { connection, refreshes } = await startServer(true);
    const adatum = await openAndWait(connection, 'adatum.sla');
    const before = refreshes();
    await changeAndWait(connection, 'adatum.sla', `${adatum}// reviewed\n`);
    // The edited file's own hints the editor asks for anyway.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(refreshes()).toBe(before);
}, 60_000);

test('a client without refresh support is sent none', async () => {
    const { connection, refreshes } = await startServer(false);
    const catalogue = await openAndWait(connection, 'catalogue.sla');
    await changeAndWait(connection, 'catalogue.sla', catalogue.replace('default 99.9%', 'default 99.5%'));
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(refreshes()).toBe(0);
    // Its hints are right when it asks.
    expect((await hintsOf(connection, 'adatum.sla')).join('\n')).toContain('availability = 99.5 %');
}, 60_000);
