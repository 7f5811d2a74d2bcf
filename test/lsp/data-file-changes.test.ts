/**
 * The diagnostics a dataset gets from its data file (the file missing, a declared column not in
 * its header) follow the file when it changes on disk — a new export, a header fixed in another
 * tool, the file made or deleted — without an edit of the agreement. The editor reports the
 * change with `workspace/didChangeWatchedFiles` (VS Code through the watcher the server
 * registers); the server checks again the documents whose datasets read that file, and only
 * those.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { initialize, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-data-file-changes');

const AGREEMENT = `agreement Shop {
    timezone "Europe/Berlin"
    valid from 2026-01-01 to 2026-12-31
    dataset requests "Request log" from "data/requests.csv" {
        time     timestamp
        latency  duration ms column "latency_ms"
    }
    kpi Latency "95th percentile of the latency" = percentile(95, requests.latency)
    objective Latency <= 500 ms per calendar month
}
`;

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

test('a data file made, fixed and deleted on disk: the agreement\'s diagnostics follow; another file\'s change checks nothing again', async () => {
    const workspace = path.join(servers.scratch(), 'ws');
    fs.mkdirSync(path.join(workspace, 'data'), { recursive: true });
    const agreementFile = path.join(workspace, 'shop.sla');
    const dataFile = path.join(workspace, 'data', 'requests.csv');
    fs.writeFileSync(agreementFile, AGREEMENT);
    const uri = pathToFileURL(agreementFile).toString();

    const connection = servers.start({ acceptMessages: true }).connection;
    /** every diagnostics notification of the agreement, in order */
    const published: Diagnostic[][] = [];
    let onPublished: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
        if (params.uri !== uri) return;
        published.push(params.diagnostics);
        onPublished?.();
    });
    connection.listen();
    await initialize(connection, pathToFileURL(workspace).toString(), { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });

    /** The codes of the next diagnostics of the agreement published after `action`. */
    const codesAfter = async (action: () => Promise<void>): Promise<string[]> => {
        const next = new Promise<Diagnostic[]>(resolve => {
            onPublished = () => resolve(published.at(-1)!);
        });
        await action();
        const diagnostics = await next;
        onPublished = undefined;
        return diagnostics.map(diagnostic => String(diagnostic.code)).sort();
    };
    const fileChanged = (file: string, type: number) => () => connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type }] });

    expect(await codesAfter(() => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } })))
        .toEqual(['sla/dataset-missing-file']);

    // An export arrives, its header without the column the field declares.
    fs.writeFileSync(dataFile, 'time,latency\n2026-03-01T10:00:00Z,120\n');
    expect(await codesAfter(fileChanged(dataFile, CREATED))).toEqual(['sla/column-missing']);

    // The header fixed in another tool.
    fs.writeFileSync(dataFile, 'time,latency_ms\n2026-03-01T10:00:00Z,120\n');
    expect(await codesAfter(fileChanged(dataFile, CHANGED))).toEqual([]);

    // Another file of the workspace changes: nothing is checked again (nothing published for a second).
    fs.writeFileSync(path.join(workspace, 'data', 'other.csv'), 'a,b\n');
    const count = published.length;
    await fileChanged(path.join(workspace, 'data', 'other.csv'), CHANGED)();
    await new Promise(resolve => setTimeout(resolve, 1000));
    expect(published.length).toBe(count);

    // The folder of the data replaced (a watcher reports the folder).
    fs.rmSync(path.join(workspace, 'data'), { recursive: true });
    fs.mkdirSync(path.join(workspace, 'data'));
    fs.writeFileSync(dataFile, 'time\n2026-03-01T10:00:00Z\n');
    expect(await codesAfter(fileChanged(path.join(workspace, 'data'), CHANGED))).toEqual(['sla/column-missing']);

    fs.rmSync(dataFile);
    expect(await codesAfter(fileChanged(dataFile, DELETED))).toEqual(['sla/dataset-missing-file']);
}, 60_000);
