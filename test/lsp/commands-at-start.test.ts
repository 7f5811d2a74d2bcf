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
import type { EvaluatePortfolioResult } from '../../packages/language/src/lsp/portfolio/portfolio-command.js';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { REQUESTS_AGREEMENT, writeRequests } from '../../packages/language/test/lsp/requests-data.js';
import { random } from '../../packages/language/test/random.js';
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

/** A new server over `folder` (by default the generated workspace), initialized; nothing else is awaited. */
async function freshServer(folder = workspace): Promise<MessageConnection> {
    const server = startStdioServer(bundle, { acceptMessages: true });
    servers.push(server);
    server.connection.listen();
    await initialize(server.connection, pathToFileURL(folder).toString());
    return server.connection;
}

/** `sla.evaluatePortfolio` of `folder` from 1 January 2026 to `to`. */
async function evaluatePortfolio(connection: MessageConnection, folder: string, to: string): Promise<EvaluatePortfolioResult> {
    return await connection.sendRequest('workspace/executeCommand', {
        command: 'sla.evaluatePortfolio', arguments: [{ folder: pathToFileURL(folder).toString(), from: '2026-01-01', to }]
    }) as EvaluatePortfolioResult;
}

/**
 * Opens `uri` with `text` and waits for its diagnostics (built, quiet), then sends a burst of
 * edits ending in `edited`, nothing awaited after it. A change that arrives while the previous
 * one builds makes the server wait for a pause in the changes before it validates
 * (coalescing-update-handler.ts): a burst, as typing sends.
 */
async function openThenEditInABurst(connection: MessageConnection, uri: string, text: string, edited: string): Promise<void> {
    expect(edited).not.toBe(text);
    const diagnosed = new Promise<void>(resolve => connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
        if (params.uri === uri) resolve();
    }));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
    await diagnosed;
    for (let version = 2; version < 40; version++) {
        void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `${text}// ${version}\n` }] });
        await new Promise(resolve => setTimeout(resolve, 5));
    }
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 40 }, contentChanges: [{ text: edited }] });
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

describe('a command sent right behind an edit', () => {
    const uri = () => pathToFileURL(path.join(workspace, 'load.sla')).toString();
    /** ≤ 1 % becomes ≤ 0.05 %: January's 0.1 % is then a breach. */
    const EDITED = REQUESTS_AGREEMENT.replace('ErrorRate <= 1%', 'ErrorRate <= 0.05%');

    /** A fresh server with load.sla open and built, then a burst of edits ending in `edited`, nothing awaited after it. */
    async function editedInABurst(edited = EDITED): Promise<MessageConnection> {
        const connection = await freshServer();
        await openThenEditInABurst(connection, uri(), REQUESTS_AGREEMENT, edited);
        return connection;
    }

    const evaluateLoad = async (connection: MessageConnection) => await connection.sendRequest('workspace/executeCommand', {
        command: 'sla.evaluate', arguments: [{ uri: uri(), from: '2026-01-01', to: '2026-01-31' }]
    }) as EvaluateCommandResult;
    const errorRate = (result: EvaluateCommandResult) => (result.ok ? result.report.objectives.find(o => o.kpi === 'ErrorRate')?.windows.map(w => w.status) : result.message);

    test('sla.evaluate evaluates the text as edited, not the tree built before the edit', async () => {
        const connection = await freshServer();
        // Before any edit: 0.1 % against ≤ 1 % is met (the same server, for contrast).
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'sla', version: 1, text: REQUESTS_AGREEMENT } });
        expect(errorRate(await evaluateLoad(connection))).toEqual(['met']);
        expect(errorRate(await evaluateLoad(await editedInABurst()))).toEqual(['breached']);
    }, 60_000);

    test('sla.evaluate refuses a text whose edit made it wrong, though the tree before was valid', async () => {
        // A duration target for a share: a unit error, found by validation (the tree links).
        const wrong = REQUESTS_AGREEMENT.replace('ErrorRate <= 1%', 'ErrorRate <= 5 s');
        const result = await evaluateLoad(await editedInABurst(wrong));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.problems.map(p => p.line)).toContain(wrong.split('\n').findIndex(l => l.includes('ErrorRate <= 5 s')) + 1);
    }, 60_000);

    test('sla.evaluate sent behind a burst and followed at once by closing the file answers (no wait for a build that never comes)', async () => {
        const connection = await editedInABurst();
        const answer = evaluateLoad(connection);
        void connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri() } });
        // Closed, the file is the one on disk again (≤ 1 %: met), or the edited text if the build came first.
        expect([['met'], ['breached']]).toContainEqual(errorRate(await answer));
    }, 60_000);

    test('sla.explain explains the text as edited', async () => {
        const connection = await editedInABurst();
        const text = await connection.sendRequest('workspace/executeCommand', { command: 'sla.explain', arguments: [{ uri: uri() }] }) as string;
        expect(text).toContain('0.05');
    }, 60_000);

    test('sla.evaluatePortfolio evaluates the edited file as edited', async () => {
        const connection = await editedInABurst();
        const result = await evaluatePortfolio(connection, workspace, '2026-01-31');
        expect(result.ok ? 'ok' : result.message).toBe('ok');
        if (!result.ok) return;
        const entry = (name: string) => result.portfolio.entries.find(e => e.agreement === name);
        expect(entry('Load')?.report.objectives.find(o => o.kpi === 'ErrorRate')?.windows.map(w => w.status)).toEqual(['breached']);
        // The files not edited keep ≤ 1 %: met.
        expect(entry('Other0')?.report.objectives.find(o => o.kpi === 'ErrorRate')?.windows.map(w => w.status)).toEqual(['met']);
    }, 60_000);

    test('random edits and evaluations interleaved: each report has the target of the text sent before it', async () => {
        const connection = await freshServer();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'sla', version: 1, text: REQUESTS_AGREEMENT } });
        const next = random(20261204);
        let version = 1;
        let text = REQUESTS_AGREEMENT;
        for (let round = 0; round < 12; round++) {
            // A few edits, some a moment apart (each may find the previous one building), the last setting the target;
            // half of them the whole text, half the target's characters alone (as VS Code sends a keystroke).
            const edits = 1 + Math.floor(next() * 6);
            let basisPoints = 0;
            for (let e = 0; e < edits; e++) {
                basisPoints = 1 + Math.floor(next() * 400); // 0.01 % … 4 %, written with two decimals
                const percent = `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
                const lines = text.split('\n');
                const line = lines.findIndex(l => l.includes('objective ErrorRate <= '));
                const from = lines[line]!.indexOf('<= ') + 3;
                const to = lines[line]!.indexOf('%', from);
                lines[line] = lines[line]!.slice(0, from) + percent + lines[line]!.slice(to);
                const edited = lines.join('\n');
                const change = next() < 0.5 ? { text: edited }
                    : { range: { start: { line, character: from }, end: { line, character: to } }, rangeLength: to - from, text: percent };
                text = edited;
                void connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(), version: ++version }, contentChanges: [change] });
                if (next() < 0.5) await new Promise(resolve => setTimeout(resolve, Math.floor(next() * 30)));
            }
            const result = await evaluateLoad(connection);
            expect(result.ok ? 'ok' : result.message).toBe('ok');
            if (!result.ok) return;
            const errorRate = result.report.objectives.find(o => o.kpi === 'ErrorRate')!;
            // The report's target is the last one sent (as a fraction: 1.62 % is 0.0162); January's 0.1 % meets it from 10 basis points up.
            expect([round, errorRate.target]).toEqual([round, Number(`0.${String(basisPoints).padStart(4, '0')}`)]);
            expect([round, errorRate.windows.map(w => w.status)]).toEqual([round, [basisPoints >= 10 ? 'met' : 'breached']]);
        }
    }, 120_000);
});

describe('a command on a client agreement sent right behind edits of its template', () => {
    let catalogueWorkspace: string;
    beforeAll(() => {
        // examples/portfolio: adatum.sla instantiates ManagedHosting of catalogue.sla with its default availability, 99.9 %.
        catalogueWorkspace = path.join(scratch, 'portfolio');
        fs.cpSync(path.resolve(__dirname, '../../examples/portfolio'), catalogueWorkspace, { recursive: true });
    });
    const catalogueUri = () => pathToFileURL(path.join(catalogueWorkspace, 'catalogue.sla')).toString();
    const adatumUri = () => pathToFileURL(path.join(catalogueWorkspace, 'adatum.sla')).toString();

    /** A server over the portfolio with catalogue.sla open and built, then a burst of edits of it lowering the default availability to 99.5 %. */
    async function templateEditedInABurst(): Promise<MessageConnection> {
        const connection = await freshServer(catalogueWorkspace);
        const text = fs.readFileSync(path.join(catalogueWorkspace, 'catalogue.sla'), 'utf8');
        const edited = text.replace('parameter availability percentage default 99.9%', 'parameter availability percentage default 99.5%');
        await openThenEditInABurst(connection, catalogueUri(), text, edited);
        return connection;
    }

    test('sla.evaluate of the client (not edited itself) takes the template as edited', async () => {
        const connection = await templateEditedInABurst();
        const result = await connection.sendRequest('workspace/executeCommand', {
            command: 'sla.evaluate', arguments: [{ uri: adatumUri(), from: '2026-01-01', to: '2026-03-31' }]
        }) as EvaluateCommandResult;
        expect(result.ok ? 'ok' : result.message).toBe('ok');
        if (!result.ok) return;
        expect(result.report.objectives.find(o => o.kpi === 'Availability')?.target).toBe(0.995);
    }, 60_000);

    test('sla.evaluatePortfolio takes the template as edited for every client on its default', async () => {
        const connection = await templateEditedInABurst();
        const result = await evaluatePortfolio(connection, catalogueWorkspace, '2026-03-31');
        expect(result.ok ? 'ok' : result.message).toBe('ok');
        if (!result.ok) return;
        const target = (name: string) => result.portfolio.entries.find(e => e.agreement === name)?.report.objectives.find(o => o.kpi === 'Availability')?.target;
        expect(target('AdatumHosting')).toBe(0.995);
        // Northwind's own 99.95 % stays.
        expect(target('NorthwindHosting')).toBe(0.9995);
    }, 60_000);
});
