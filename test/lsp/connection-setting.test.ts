/**
 * The editor setting `sla.connections` in the bundled server over stdio (what the VS Code
 * extension contributes, sent as workspace configuration): a connection named only there is
 * known to validation and opened by `sla.evaluate` in a trusted workspace — a DuckDB database
 * file here, its table read and pushed down, the report saying so; an untrusted workspace
 * opens no connection (the evaluation is refused before any is opened).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { bundleServer, repositoryRoot, startStdioServer, type StdioServer } from './stdio-client.js';

const AGREEMENT = `agreement Lake "Table of a connection set in the editor" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    dataset requests "Requests" from table "requests" of connection lake {
        time   timestamp
        status integer
    }
    service Api "API" {
        kpi Errors "Errors" = count(requests where status >= 500) / count(requests)
        objective Errors <= 50% per calendar month
    }
}
`;

// Inside the repository, so that the bundle finds @duckdb/node-api (kept external) in node_modules.
const scratch = fs.mkdtempSync(path.join(repositoryRoot, 'packages/language/out/connection-setting-'));
const workspace = path.join(scratch, 'workspace');
const database = path.join(scratch, 'lake.duckdb');
const uri = pathToFileURL(path.join(workspace, 'lake.sla')).toString();
const servers: StdioServer[] = [];
let bundle: string;

beforeAll(async () => {
    bundle = bundleServer(path.join(scratch, 'bundle', 'sla-language-server.cjs'));
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'lake.sla'), AGREEMENT);
    // The project's .slarc.json names another connection: validation then knows the configuration, and checks names.
    fs.writeFileSync(path.join(workspace, '.slarc.json'), JSON.stringify({ connections: { warehouse: 'postgres://sla@localhost:5432/ops' } }));
    // Four requests in January 2026, one failed: 25 % errors (by hand).
    const instance = await DuckDBInstance.create(database);
    const writer = await instance.connect();
    await writer.run(`CREATE TABLE requests (time TIMESTAMPTZ, status INTEGER)`);
    await writer.run(`INSERT INTO requests VALUES ('2026-01-05 10:00:00+00', 200), ('2026-01-06 10:00:00+00', 500), ('2026-01-07 10:00:00+00', 200), ('2026-01-08 10:00:00+00', 204)`);
    writer.closeSync();
    instance.closeSync();
}, 120_000);

afterAll(() => {
    for (const { connection, child } of servers) {
        connection.dispose();
        if (child.exitCode === null) child.kill();
    }
    fs.rmSync(scratch, { recursive: true, force: true });
});

/** A server on the workspace, the document open; `diagnostics()` waits for the next diagnostics of the document. */
async function start(trusted: boolean): Promise<{ connection: MessageConnection; diagnostics: () => Promise<Diagnostic[]> }> {
    const server = startStdioServer(bundle);
    servers.push(server);
    const { connection } = server;
    let waiting: ((diagnostics: Diagnostic[]) => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri === uri) waiting?.(params.diagnostics);
    });
    connection.listen();
    const diagnostics = () => new Promise<Diagnostic[]>((resolve) => (waiting = resolve));
    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {}, initializationOptions: { workspaceTrusted: trusted } });
    await connection.sendNotification('initialized', {});
    const first = diagnostics();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } });
    await first;
    return { connection, diagnostics };
}

const setting = { sla: { connections: { lake: `duckdb://${database}` } } };
const evaluate = (connection: MessageConnection) =>
    connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluate', arguments: [{ uri, from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z') }] }) as Promise<EvaluateCommandResult>;

describe('sla.connections in the language server', () => {
    test('a trusted workspace: the connection named by the setting is known and opened; the report says DuckDB computed it', async () => {
        const { connection, diagnostics } = await start(true);
        // Before the setting: only .slarc.json's connection is known, so 'lake' is an error (it may already be published).
        const before = await evaluate(connection);
        expect(before.ok).toBe(false);
        const revalidated = diagnostics();
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: setting });
        expect((await revalidated).filter((d) => d.code === 'sla/connection-unknown')).toEqual([]);
        const result = await evaluate(connection);
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        expect(result.report.objectives[0]!.windows[0]!.value).toBe(0.25);
        expect(result.report.engines?.datasets).toMatchObject([{ name: 'requests', engine: 'duckdb', connection: 'lake', mode: 'pushed down' }]);
    }, 120_000);

    test('an untrusted workspace opens no connection, even one the setting names', async () => {
        const { connection } = await start(false);
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: setting });
        const result = await evaluate(connection);
        expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/trust the workspace/) });
    }, 120_000);
});
