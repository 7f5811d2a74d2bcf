/**
 * A folder added to a multi-root workspace while the server runs (VS Code: "Add Folder to
 * Workspace…"): the server hears `workspace/didChangeWorkspaceFolders`. Before, it kept the
 * folders of `initialize`: a data file in the new folder was "outside the workspace"
 * (sla/path-outside-workspace) and the folder's other .sla files were unknown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { initialize, serversInScratch } from './stdio-client.js';

function agreement(name: string): string {
    return `agreement ${name} {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset requests from "data/requests.csv" {
        time timestamp
        ok   integer
    }
    service S {
        kpi Good = count(requests where ok = 1) / count(requests)
        objective Good >= 99% per calendar month
    }
}
`;
}

const servers = serversInScratch('sla-folders');
let connection: MessageConnection;
const published = new Map<string, PublishDiagnosticsParams>();

async function diagnosticsWhen(uri: string, accept: (codes: string[]) => boolean): Promise<string[]> {
    const started = Date.now();
    let codes: string[] = [];
    while (Date.now() - started < 20_000) {
        const latest = published.get(uri);
        codes = (latest?.diagnostics ?? []).map((d) => String(d.code));
        if (latest && accept(codes)) return codes;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`diagnostics of ${uri} never matched; last: ${JSON.stringify(codes)}`);
}

const folderOf = (name: string): string => path.join(servers.scratch(), name);
const uriOf = (...parts: string[]): string => pathToFileURL(path.join(servers.scratch(), ...parts)).toString();

beforeAll(async () => {
    for (const [folder, files] of [['f1', ['one.sla']], ['f3', ['three.sla', 'other.sla']]] as const) {
        fs.mkdirSync(path.join(folderOf(folder), 'data'), { recursive: true });
        fs.writeFileSync(path.join(folderOf(folder), 'data', 'requests.csv'), 'time,ok\n2026-01-05T10:00:00Z,1\n');
        files.forEach((file, index) => fs.writeFileSync(path.join(folderOf(folder), file), agreement(`${folder.toUpperCase()}_${index}`)));
    }
    // The server registers for folder changes once initialized (dynamic registration, answered by stdio-client.ts).
    ({ connection } = servers.start({ acceptMessages: true }));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => { published.set(params.uri, params); });
    connection.listen();
    await initialize(connection, pathToFileURL(folderOf('f1')).toString(), { workspace: { workspaceFolders: true, configuration: false } });
}, 60_000);

describe('workspace folders that change while the server runs', () => {
    test('an added folder\'s data files are inside the workspace, and its .sla files join it', async () => {
        const three = uriOf('f3', 'three.sla');
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: three, languageId: 'sla', version: 1, text: agreement('F3_0') } });
        // f3 is not a workspace folder yet: its data file is outside the folders allowed.
        expect(await diagnosticsWhen(three, (codes) => codes.length > 0)).toContain('sla/path-outside-workspace');
        expect(published.has(uriOf('f3', 'other.sla'))).toBe(false);

        await connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(folderOf('f3')).toString(), name: 'f3' }], removed: [] } });
        expect(await diagnosticsWhen(three, (codes) => !codes.includes('sla/path-outside-workspace'))).toEqual([]);
        // The folder's file nobody opened was loaded and checked, as at start-up.
        expect(await diagnosticsWhen(uriOf('f3', 'other.sla'), () => true)).toEqual([]);

        // Removed again: outside once more.
        await connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: pathToFileURL(folderOf('f3')).toString(), name: 'f3' }] } });
        expect(await diagnosticsWhen(three, (codes) => codes.length > 0)).toContain('sla/path-outside-workspace');
    }, 60_000);

    test('a removed folder takes its closed files away: out of the index, diagnostics cleared, no portfolio', async () => {
        const f4 = pathToFileURL(folderOf('f4')).toString();
        fs.mkdirSync(path.join(folderOf('f4'), 'data'), { recursive: true });
        fs.writeFileSync(path.join(folderOf('f4'), 'data', 'requests.csv'), 'time,ok\n2026-01-05T10:00:00Z,1\n');
        // An objective on a KPI that does not exist: diagnostics that must be cleared.
        fs.writeFileSync(path.join(folderOf('f4'), 'bad.sla'), agreement('F4_BAD').replace('objective Good', 'objective Nope'));
        fs.writeFileSync(path.join(folderOf('f4'), 'good.sla'), agreement('F4_GOOD'));
        const symbols = async (): Promise<string[]> => ((await connection.sendRequest('workspace/symbol', { query: 'F4_' })) as Array<{ name: string }> | null ?? []).map(symbol => symbol.name).sort();
        const portfolio = async () => await connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluatePortfolio', arguments: [{ folder: f4, from: '2026-01-01', to: '2026-01-31' }] }) as { ok: boolean; message?: string };

        await connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: f4, name: 'f4' }], removed: [] } });
        expect(await diagnosticsWhen(uriOf('f4', 'bad.sla'), (codes) => codes.length > 0)).toContain('sla/unresolved-reference');
        expect(await symbols()).toEqual(['F4_BAD', 'F4_GOOD']);
        expect((await portfolio()).ok).toBe(true);
        // The non-triggering case: f1 stays, and so does its file.
        const ones = async (): Promise<string[]> => ((await connection.sendRequest('workspace/symbol', { query: 'F1_' })) as Array<{ name: string }> | null ?? []).map(symbol => symbol.name);
        expect(await ones()).toEqual(['F1_0']);

        await connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: f4, name: 'f4' }] } });
        expect(await diagnosticsWhen(uriOf('f4', 'bad.sla'), (codes) => codes.length === 0)).toEqual([]);
        expect(await symbols()).toEqual([]);
        // Nothing checks them again afterwards (before: sla/path-outside-workspace, never cleared).
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(published.get(uriOf('f4', 'bad.sla'))?.diagnostics).toEqual([]);
        expect(published.get(uriOf('f4', 'good.sla'))?.diagnostics).toEqual([]);
        const answer = await portfolio();
        expect(answer.ok).toBe(false);
        expect(answer.message).toContain('not in the workspace');
        expect(await ones()).toEqual(['F1_0']);
    }, 60_000);
});
