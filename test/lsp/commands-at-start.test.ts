/**
 * Commands sent the moment the server starts, before it has loaded the workspace: what an
 * editor sends when the user runs "Evaluate" as the file opens (VS Code registers the
 * commands before the server is up). The server used to create the document itself while
 * the workspace loaded the same file, and refused with "A document with the URI … is
 * already present"; now the commands wait for the workspace to be loaded.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { REQUESTS_AGREEMENT, writeRequests } from '../../packages/language/test/lsp/requests-data.js';
import { bundleServer, initialize, startStdioServer } from './stdio-client.js';

/** Other agreements in the folder, so that loading the workspace takes a while. */
const OTHER_FILES = 60;

let scratch: string;
let bundle: string;
let workspace: string;
const servers: Array<{ child: ChildProcessWithoutNullStreams; connection: MessageConnection }> = [];

beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-commands-at-start-'));
    // The bundle as clients get it (its own copy: other test files bundle into the default place).
    bundle = bundleServer(path.join(scratch, 'bundle', 'sla-language-server.cjs'));
    workspace = path.join(scratch, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'load.sla'), REQUESTS_AGREEMENT);
    for (let i = 0; i < OTHER_FILES; i++) fs.writeFileSync(path.join(workspace, `other-${i}.sla`), REQUESTS_AGREEMENT.replace('agreement Load ', `agreement Other${i} `));
    // 3,000 requests in January 2026, every 1,000th (i = 0, 1000, 2000) a 503: 3 errors.
    writeRequests(path.join(workspace, 'requests.csv'), 3_000);
}, 120_000);

afterAll(() => {
    for (const { child, connection } of servers) {
        connection.dispose();
        if (child.exitCode === null) child.kill();
    }
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** A new server over the folder, initialized; nothing else is awaited. */
async function freshServer(): Promise<MessageConnection> {
    const server = startStdioServer(bundle, { acceptMessages: true });
    servers.push(server);
    server.connection.listen();
    await initialize(server.connection, pathToFileURL(workspace).toString());
    return server.connection;
}

describe('commands sent as the server starts', () => {
    const uri = () => pathToFileURL(path.join(workspace, 'load.sla')).toString();

    // Each round starts a server and sends at once; the race was lost in every run here.
    test.each([1, 2, 3])('sla.evaluate answers with the report (round %i)', async () => {
        const connection = await freshServer();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'sla', version: 1, text: REQUESTS_AGREEMENT } });
        const result = await connection.sendRequest('workspace/executeCommand', {
            command: 'sla.evaluate', arguments: [{ uri: uri(), from: '2026-01-01', to: '2026-01-31' }]
        }) as EvaluateCommandResult;
        expect(result.ok ? 'ok' : result.message).toBe('ok');
        if (!result.ok) return;
        const requests = result.report.objectives.find(o => o.kpi === 'Requests');
        const errorRate = result.report.objectives.find(o => o.kpi === 'ErrorRate');
        expect(requests?.windows.map(w => w.value)).toEqual([3000]);
        // 3 / 3,000 = 0.1 % against ≤ 1 %.
        expect(errorRate?.windows.map(w => [w.value, w.status])).toEqual([[0.001, 'met']]);
    }, 60_000);

    test('sla.explain answers with the plain-language text', async () => {
        const connection = await freshServer();
        const text = await connection.sendRequest('workspace/executeCommand', { command: 'sla.explain', arguments: [{ uri: uri() }] }) as string;
        expect(text).toContain('Load');
        expect(text).toContain('Generated load');
    }, 60_000);
});
