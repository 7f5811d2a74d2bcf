/**
 * `sla.evaluate` in the bundled server over stdio, as any LSP client runs it: the engine runs
 * on the server's evaluation worker, so hovers are answered while a large evaluation runs;
 * bad data comes back as places to fix; cancelling stops it; closing the document forgets
 * its report. The data are generated into a temporary folder.
 */
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EvaluateCommandArguments, EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { REQUESTS_AGREEMENT, writeRequests } from '../../packages/language/test/lsp/requests-data.js';
import { startStdioServer } from './stdio-client.js';

const root = path.resolve(__dirname, '../..');
/** About 45 MB: an evaluation of one to several seconds, against a few ms per hover. */
const ROWS = 1_000_000;
const NOW = Date.parse('2026-02-01T00:00:00Z');

let scratch: string;
let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let uri: string;
const diagnosed = new Map<string, () => void>();

beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-evaluation-'));
    // The bundle as clients get it: the server and, beside it, its evaluation worker.
    const server = path.join(scratch, 'bundle', 'sla-language-server.cjs');
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', server], { stdio: 'inherit' });
    const workspace = path.join(scratch, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'load.sla'), REQUESTS_AGREEMENT);
    writeRequests(path.join(workspace, 'requests.csv'), ROWS);
    uri = pathToFileURL(path.join(workspace, 'load.sla')).toString();

    ({ child, connection } = startStdioServer(server));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => diagnosed.get(params.uri)?.());
    connection.listen();
    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
    const opened = new Promise<void>(resolve => diagnosed.set(uri, resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: REQUESTS_AGREEMENT } });
    await opened;
}, 120_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

const lines = REQUESTS_AGREEMENT.split('\n');
/** Where a hover on the `<=` of the ErrorRate objective asks. */
const errorRateObjective = (() => {
    const line = lines.findIndex(l => l.includes('objective ErrorRate'));
    return { line, character: lines[line]!.indexOf('<=') };
})();

async function hoverText(): Promise<string> {
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: errorRateObjective }) as Hover | null;
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

function evaluate(args: Omit<EvaluateCommandArguments, 'uri'>, token = new CancellationTokenSource().token): Promise<EvaluateCommandResult> {
    return connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluate', arguments: [{ uri, now: NOW, ...args }] }, token);
}

describe('sla.evaluate in the bundled server over stdio', () => {
    test('hovers are answered while a large evaluation runs; its result is right and later hovers show it', async () => {
        let evaluated = false;
        const evaluation = evaluate({ from: '2026-01-01', to: '2026-01-31' }).finally(() => { evaluated = true; });
        // Sent after the evaluation, one after the other: each is answered before the evaluation is.
        // (When the engine ran on the server's main thread, each hover waited for a data chunk to be
        // read, and the evaluation ended before the ten were answered.)
        const answeredWhileEvaluating: boolean[] = [];
        for (let i = 0; i < 10; i++) {
            expect(await hoverText()).toContain('ErrorRate');
            answeredWhileEvaluating.push(!evaluated);
        }
        expect(answeredWhileEvaluating).toEqual(Array(10).fill(true));

        const result = await evaluation;
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const january = (kpi: string) => result.report.objectives.find(o => o.kpi === kpi)!.windows.map(w => w.value);
        // All 1,000,000 rows fall in January; status 503 for every 1,000th: 1,000 / 1,000,000 = 0.1 %.
        expect(january('Requests')).toEqual([ROWS]);
        expect(january('ErrorRate')).toEqual([0.001]);
        // Latency 100 + (i mod 300) ms: 1,000,000 = 300 × 3,333 + 100, so 100 … 199 ms occur 3,334 times, 200 … 399 ms 3,333 times.
        // Up to 395 ms: 100 × 3,334 + 196 × 3,333 = 986,668 rows; up to 396 ms: 990,001. Nearest rank ⌈0.99 × 10⁶⌉ = 990,000 → 396 ms.
        expect(january('P99Latency')).toEqual([396]);
        // The hover adds the latest value: 0.1 % of an allowed 1 %, so 10 % of the error budget.
        expect(await hoverText()).toContain('- 2026-01-01 – 2026-01-31: 0.1% — met, 10% of the error budget used');
    }, 120_000);

    test('an invalid row is answered as the place to fix, file, line and column', async () => {
        const bad = path.join(scratch, 'bad-requests.csv');
        fs.writeFileSync(bad, 'time,service,latency_ms,status\n2026-01-05T10:00:00Z,webshop,120,200\n2026-01-05T10:00:01Z,webshop,fast,200\n');
        const result = await evaluate({ dataOverrides: { requests: bad } });
        expect(result.ok).toBe(false);
        // Line 3 of the file, its 3rd field (latency_ms).
        expect(!result.ok && result.problems.map(p => [p.file, p.line, p.column])).toEqual([[bad, 3, 3]]);
        // The same file with a number there evaluates.
        fs.writeFileSync(bad, fs.readFileSync(bad, 'utf8').replace('fast', '130'));
        expect((await evaluate({ dataOverrides: { requests: bad } })).ok).toBe(true);
    }, 60_000);

    test('cancelling the request stops the evaluation (RequestCancelled); the server goes on', async () => {
        const source = new CancellationTokenSource();
        const evaluation = evaluate({}, source.token).then(() => undefined, (error: unknown) => error);
        expect(await hoverText()).toContain('ErrorRate'); // the evaluation has started: messages are handled in order
        source.cancel();
        const error = await evaluation;
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
        expect(await hoverText()).toContain('ErrorRate');
    }, 60_000);

    test('the latest values say so when a data file the evaluation read changes on disk, until the next evaluation', async () => {
        expect((await evaluate({ from: '2026-01-01', to: '2026-01-31' })).ok).toBe(true);
        const note = '_The data changed since this evaluation (`requests.csv`): evaluate again._';
        expect(await hoverText()).toContain('Latest evaluation');
        expect(await hoverText()).not.toContain(note);
        const changed = (file: string) => connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 2 }] });
        // Another file's change says nothing; the data file's does (a hover after the notification: messages are handled in order).
        await changed(path.join(scratch, 'workspace', 'other.csv'));
        expect(await hoverText()).not.toContain(note);
        await changed(path.join(scratch, 'workspace', 'requests.csv'));
        const text = await hoverText();
        expect(text).toContain('Latest evaluation');
        expect(text).toContain(note);
        // Evaluated again: the values are of the data as they are.
        expect((await evaluate({ from: '2026-01-01', to: '2026-01-31' })).ok).toBe(true);
        expect(await hoverText()).not.toContain(note);
    }, 120_000);

    test('closing the document forgets its latest report', async () => {
        const result = await evaluate({ from: '2026-01-01', to: '2026-01-31' });
        expect(result.ok).toBe(true);
        expect(await hoverText()).toContain('Latest evaluation');
        await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        // The server still knows the file (it is in the workspace folder) and explains it, without the values.
        const text = await hoverText();
        expect(text).toContain('ErrorRate');
        expect(text).not.toContain('Latest evaluation');
    }, 120_000);
});
