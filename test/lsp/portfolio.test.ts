/**
 * `sla.evaluatePortfolio` in the bundled server over stdio, as any LSP client runs it: every
 * agreement of the workspace's .sla files under a folder, evaluated together on the server's
 * evaluation worker; a file with errors listed as not evaluated while the others are; an
 * empty folder refused with a message. Workspace: the e2e fixture's two clients on one
 * incident file (test/e2e/fixtures/workspace/portfolio, outcomes worked out there):
 * GlobexHosting breached in January (99.933 % < 99.95 %, 10 % of 5,000 EUR = 500 EUR),
 * MalloryHosting met; plus a client file with an error, and two agreements over a generated
 * log of 1M rows for cancelling.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, createMessageConnection, LSPErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { EvaluatePortfolioArguments, EvaluatePortfolioResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';
import { REQUESTS_AGREEMENT, writeRequests } from '../../packages/language/test/lsp/requests-data.js';

const root = path.resolve(__dirname, '../..');
const fixture = path.join(root, 'test/e2e/fixtures/workspace');

let scratch: string;
let workspace: string;
let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;

beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-lsp-'));
    const server = path.join(scratch, 'bundle', 'sla-language-server.cjs');
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', server], { stdio: 'inherit' });
    workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(fixture, 'portfolio'), path.join(workspace, 'clients'), { recursive: true });
    fs.cpSync(path.join(fixture, 'data'), path.join(workspace, 'data'), { recursive: true });
    // An agreement with an error: listed as not evaluated, the others still are.
    fs.writeFileSync(path.join(workspace, 'clients', 'broken.sla'),
        fs.readFileSync(path.join(fixture, 'portfolio', 'globex.sla'), 'utf8').replace('GlobexHosting', 'BrokenHosting').replace('per calendar month\n', 'per month\n'));
    fs.mkdirSync(path.join(workspace, 'empty'));
    // Two agreements over one log of 1M rows (about 45 MB): an evaluation that lasts long enough to cancel.
    fs.mkdirSync(path.join(workspace, 'load'));
    // Large enough that the shared pass takes well over the 100 ms before the cancel (1M rows took about 300 ms on a quiet machine).
    writeRequests(path.join(workspace, 'load', 'requests.csv'), 4_000_000);
    fs.writeFileSync(path.join(workspace, 'load', 'load-a.sla'), REQUESTS_AGREEMENT);
    fs.writeFileSync(path.join(workspace, 'load', 'load-b.sla'), REQUESTS_AGREEMENT.replace('agreement Load ', 'agreement LoadB '));

    child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, server, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', chunk => process.stderr.write(`[server] ${chunk}`));
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
}, 120_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function evaluatePortfolio(args: EvaluatePortfolioArguments, token = new CancellationTokenSource().token): Promise<EvaluatePortfolioResult> {
    return connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluatePortfolio', arguments: [args] }, token);
}

describe('sla.evaluatePortfolio over LSP', () => {
    test('evaluates every agreement under the folder in one portfolio; a file with errors is listed, not fatal', async () => {
        const result = await evaluatePortfolio({ folder: pathToFileURL(path.join(workspace, 'clients')).toString(), from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-03-15T12:00:00Z') });
        if (!result.ok) throw new Error(result.message);
        expect(result.portfolio.kind).toBe('portfolio');
        expect(result.portfolio.entries.map(e => [e.agreement, e.client, e.status])).toEqual([
            ['GlobexHosting', 'Globex Corporation', 'breached'], ['MalloryHosting', '<b>Mallory</b> Ltd', 'met']
        ]);
        expect(result.portfolio.totals.credits).toEqual([{ currency: 'EUR', total: 500, provisionalTotal: 0 }]);
        // One incident file for both agreements, read once.
        expect(result.portfolio.dataFiles.map(f => [path.basename(f.path), f.agreements, f.reads])).toEqual([['incidents.csv', 2, 1]]);
        expect(result.failures.map(f => [path.basename(f.file), f.agreement])).toEqual([['broken.sla', 'BrokenHosting']]);
        expect(result.failures[0]!.message).toMatch(/^\d+:\d+: /);
    }, 60_000);

    test('a folder without .sla files is refused with a message', async () => {
        const result = await evaluatePortfolio({ folder: pathToFileURL(path.join(workspace, 'empty')).toString() });
        expect(result).toEqual({ ok: false, message: `No .sla file under ${path.join(workspace, 'empty')}.` });
    });

    test('cancelling the request stops the evaluation (RequestCancelled); the server goes on', async () => {
        const source = new CancellationTokenSource();
        const started = Date.now();
        const evaluation = evaluatePortfolio({ folder: pathToFileURL(path.join(workspace, 'load')).toString() }, source.token).then(() => undefined, (error: unknown) => error);
        setTimeout(() => source.cancel(), 100);
        const error = await evaluation;
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
        // The worker stops at its next data chunk, or is ended after 2 s.
        expect(Date.now() - started).toBeLessThan(10_000);
        const again = await evaluatePortfolio({ folder: pathToFileURL(path.join(workspace, 'clients')).toString(), from: '2026-01-01', to: '2026-03-31' });
        expect(again.ok).toBe(true);
    }, 120_000);
});
