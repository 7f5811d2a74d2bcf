/**
 * The files of a workspace folder the server holds: its `.sla` files, not the data beside them.
 * A folder of agreements has CSV exports, a README, JSON; the server loaded every one of them as
 * an SLA document and published a parse error on each ("Expected the end of the file here but
 * found 'client'" on incidents.csv), and parsed a large export whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { initialize, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-workspace-files');

describe('the files of a workspace folder', () => {
    test('only .sla files are loaded and diagnosed; a data file is no SLA document', async () => {
        const folder = path.join(servers.scratch(), 'ws');
        fs.mkdirSync(path.join(folder, 'data'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'data', 'incidents.csv'), 'client,started,resolved\nnorthwind,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z\n');
        fs.writeFileSync(path.join(folder, 'README.md'), '# Agreements\n');
        fs.writeFileSync(path.join(folder, 'settings.json'), '{ "x": 1 }\n');
        // An agreement with one error, so that the build is seen to publish.
        fs.writeFileSync(path.join(folder, 'hosting.sla'), 'agreement Hosting "Hosting" {\n    objective Missing >= 99.9% per calendar month\n}\n');
        const { connection } = servers.start({ acceptMessages: true });
        const published = new Map<string, number>();
        let slaPublished: () => void = () => undefined;
        const slaSeen = new Promise<void>(resolve => { slaPublished = resolve; });
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
            published.set(params.uri.split('/').pop()!, params.diagnostics.length);
            if (params.uri.endsWith('hosting.sla')) slaPublished();
        });
        connection.listen();
        await initialize(connection, pathToFileURL(folder).toString(), { workspace: { workspaceFolders: true } });
        // The server checks the folder's files once an editor is open.
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path.join(folder, 'open.sla')).toString(), languageId: 'sla', version: 1, text: 'agreement Open "Open" {\n}\n' } });
        await slaSeen;
        // Whatever else the first build publishes comes with it.
        await new Promise(resolve => setTimeout(resolve, 500));
        expect([...published.keys()].sort()).toEqual(['hosting.sla', 'open.sla']);
        expect(published.get('hosting.sla')).toBeGreaterThan(0);
        // A request on the data file finds no document (an error answer, or none).
        const csv = pathToFileURL(path.join(folder, 'data', 'incidents.csv')).toString();
        expect(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: csv } }).catch(() => null)).toBeFalsy();
    }, 60_000);
});
