/**
 * In the editor (the bundled language server over stdio, a trusted workspace, the connection from
 * the `sla.connections` setting and its password from the server's environment): a PostgreSQL
 * text column behind an outage's timestamp field makes `sla.evaluate` answer with the problem at
 * the dataset's line — what the extension shows as a diagnostic on the dataset, as for the other
 * column errors — and the same agreement over a timestamptz column evaluates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { bundleServer, repositoryRoot, startStdioServer, type StdioServer } from './stdio-client.js';

// The dataset is declared on line 6 (counted by hand).
const agreement = (table: string) => `agreement Ops "Outages in a table" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    dataset incidents "Incidents" from table "${table}" of connection warehouse {
        started   timestamp
        resolved  timestamp
    }
    service Api "API" {
        kpi Up "Up" = uptime(incidents, from started to resolved)
        objective Up >= 99% per calendar month
    }
}
`;

const scratch = fs.mkdtempSync(path.join(repositoryRoot, 'packages/language/out/timestamp-column-'));
const workspace = path.join(scratch, 'workspace');
const servers: StdioServer[] = [];
let bundle: string;
let postgres: PostgresServer;

beforeAll(async () => {
    bundle = bundleServer(path.join(scratch, 'bundle', 'sla-language-server.cjs'));
    fs.mkdirSync(workspace);
    postgres = await startPostgres();
    const connection = await postgres.connect();
    // One outage of 30 minutes on 5 January 2026: 30 of 44,640 January minutes down (by hand).
    for (const [table, type] of [['outages_text', 'text'], ['outages', 'timestamptz']]) {
        await connection.query({ text: `CREATE TABLE ${table} (started timestamptz, resolved ${type})`, params: [] });
        await connection.query({ text: `INSERT INTO ${table} VALUES ('2026-01-05T10:00:00Z', '2026-01-05T10:30:00Z')`, params: [] });
    }
    await connection.close();
}, 180_000);

afterAll(async () => {
    for (const { connection, child } of servers) {
        connection.dispose();
        if (child.exitCode === null) child.kill();
    }
    await postgres?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
});

async function evaluate(table: string): Promise<{ result: EvaluateCommandResult; uri: string }> {
    const file = path.join(workspace, `${table}.sla`);
    const text = agreement(table);
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const server = startStdioServer(bundle, { spawn: { env: { ...process.env, SLA_WAREHOUSE_PASSWORD: postgres.password } } });
    servers.push(server);
    const connection: MessageConnection = server.connection;
    let published: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
        if (params.uri === uri) published?.();
    });
    connection.listen();
    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {}, initializationOptions: { workspaceTrusted: true } });
    await connection.sendNotification('initialized', {});
    // As a client does: open the document, wait for its diagnostics, then the setting arrives (and the document is validated again).
    const opened = new Promise<void>((resolve) => (published = resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
    await opened;
    const revalidated = new Promise<void>((resolve) => (published = resolve));
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { sla: { connections: { warehouse: postgres.url } } } });
    await revalidated;
    const result = (await connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluate', arguments: [{ uri, from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z') }] })) as EvaluateCommandResult;
    return { result, uri };
}

describe('a timestamp field over a PostgreSQL column of another type, in the editor', () => {
    test('a text column: the problem at the dataset\'s line, naming the column, its type and what to do', async () => {
        const { result } = await evaluate('outages_text');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.problems).toEqual([
            expect.objectContaining({ line: 6, message: expect.stringMatching(/dataset incidents .*column "resolved" of the table "outages_text" of connection warehouse is text, which cannot hold field resolved \(timestamp\); a timestamp field's column holds instants: timestamptz/) })
        ]);
        expect(result.problems[0]!.file).toMatch(/outages_text\.sla$/);
    }, 120_000);

    test('a timestamptz column: the report (30 of 44,640 minutes down in January)', async () => {
        const { result } = await evaluate('outages');
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        expect(result.report.objectives[0]!.windows[0]!.value).toBeCloseTo((44640 - 30) / 44640, 12);
    }, 120_000);
});
