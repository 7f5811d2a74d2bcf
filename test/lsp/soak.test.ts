/**
 * A soak test of the bundled server over stdio (issue 13): a workspace full of hostile files
 * (an oversized file, a FIFO named like an agreement and one used as a data file, parentheses
 * nested 5,000 deep, a formula of 20,000 terms, a chain of 3,000 KPIs and a cycle, a line of
 * 100,000 escaped quotes, random bytes), bursts of edits with hovers in between, then random
 * bytes on its input. Throughout, the server either answers or exits with a non-zero code and
 * a reason on stderr, so that the client restarts it; the restarted server answers again.
 */
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { random } from '../../packages/language/test/random.js';
// @ts-expect-error: a plain JavaScript module of the benchmarks, without types
import { generateAgreement } from '../bench/generate-agreement.mjs';
import { startStdioServer } from './stdio-client.js';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'packages/language/out/bundle/sla-language-server.cjs');
/** Longer than this without an answer or an exit counts as a hang. */
const ANSWER_MS = 20_000;

let workspace: string;
let good: { uri: string; text: string };
const hostile = new Map<string, string>();
const servers: ChildProcessWithoutNullStreams[] = [];

function write(name: string, text: string | Buffer): string {
    const file = path.join(workspace, name);
    fs.writeFileSync(file, text);
    return pathToFileURL(file).toString();
}

beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs')], { stdio: 'inherit' });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-soak-'));
    const text: string = generateAgreement(300, 'Soak');
    good = { uri: write('good.sla', text), text };
    const agreement = (body: string) => `agreement Hostile {\n    service S {\n${body}\n    }\n}\n`;
    // Over the lexer's limit of about 8 million characters (sla-lexer.ts): refused with one error.
    hostile.set('huge.sla', write('huge.sla', `// ${'x'.repeat(8_500_000)}\n${text}`));
    hostile.set('deep.sla', write('deep.sla', agreement(`        kpi K = ${'('.repeat(5_000)}1${')'.repeat(5_000)}`)));
    hostile.set('chain.sla', write('chain.sla', agreement(`        kpi K = ${Array(20_000).fill('1').join(' + ')}`)));
    const kpis = Array.from({ length: 3_000 }, (_, i) => `        kpi F${i} = ${i < 2_999 ? `F${i + 1} + 1` : 'F0'}`).join('\n');
    hostile.set('kpis.sla', write('kpis.sla', agreement(kpis)));
    hostile.set('quotes.sla', write('quotes.sla', agreement(`        kpi K = "${'\\"'.repeat(100_000)}`)));
    hostile.set('bytes.sla', write('bytes.sla', Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256))));
    // A FIFO blocks whoever opens it until a writer comes: as an agreement and as a data file.
    execFileSync('mkfifo', [path.join(workspace, 'pipe.sla')]);
    execFileSync('mkfifo', [path.join(workspace, 'pipe.csv')]);
    hostile.set('reads-pipe.sla', write('reads-pipe.sla', `agreement Piped {\n    dataset requests from "pipe.csv" {\n        at timestamp\n    }\n}\n`));
}, 60_000);

afterAll(() => {
    for (const server of servers) if (server.exitCode === null) server.kill();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

interface Server {
    child: ChildProcessWithoutNullStreams;
    connection: MessageConnection;
    stderr: () => string;
    exited: Promise<number | null>;
    diagnosed: Set<string>;
}

/** Starts the server as clients do, on the hostile workspace, and initializes it. */
async function start(): Promise<Server> {
    const { child, connection } = startStdioServer(bundle, { forwardStderr: false });
    servers.push(child);
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += chunk; });
    child.stdin.on('error', () => { /* the server may exit before all is written */ });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    connection.onError(() => { /* a dead server: seen through `exited` */ });
    const diagnosed = new Set<string>();
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => diagnosed.add(params.uri));
    connection.listen();
    const folder = pathToFileURL(workspace).toString();
    await within(connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'soak' }], capabilities: {} }), 'initialize');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: good.uri, languageId: 'sla', version: 1, text: good.text } });
    return { child, connection, stderr: () => stderr, exited, diagnosed };
}

async function within<T>(promise: Promise<T>, what: string, ms = ANSWER_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** A hover on the good file's first objective, which must be answered with content. */
async function hover(server: Server, text: string): Promise<Hover> {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('objective Availability'));
    const answer = await within(server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: good.uri }, position: { line, character: lines[line]!.indexOf('>=') }
    }) as Promise<Hover | null>, 'hover');
    expect(answer?.contents).toBeTruthy();
    return answer!;
}

describe('the server over stdio, soaked', () => {
    test('hostile workspace, bursts of edits, then random bytes: answers or exits with a reason, and answers again once restarted', async () => {
        const first = await start();
        await hover(first, good.text);
        // Every regular hostile file was read and checked: its diagnostics came (the FIFO is no regular file).
        const deadline = Date.now() + ANSWER_MS;
        while (![...hostile.values()].every(uri => first.diagnosed.has(uri)) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
        expect([...hostile.entries()].filter(([, uri]) => !first.diagnosed.has(uri)).map(([name]) => name)).toEqual([]);

        // Three bursts of 300 edits across the file's objectives, a hover every 50 edits.
        const next = random(2026);
        const lines = good.text.split('\n');
        const objectives = lines.map((line, i) => line.includes('objective Availability >= 99.') ? i : -1).filter(i => i >= 0);
        let version = 1;
        for (let burst = 0; burst < 3; burst++) {
            const answers: Promise<Hover>[] = [];
            for (let k = 0; k < 300; k++) {
                const line = objectives[Math.floor(next() * objectives.length)]!;
                const column = lines[line]!.indexOf('99.') + 3;
                const digit = String(Math.floor(next() * 10));
                lines[line] = lines[line]!.slice(0, column) + digit + lines[line]!.slice(column + 1);
                void first.connection.sendNotification('textDocument/didChange', {
                    textDocument: { uri: good.uri, version: ++version },
                    contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: digit }]
                });
                if (k % 50 === 49) answers.push(hover(first, lines.join('\n')));
                if (k % 20 === 19) await new Promise(resolve => setTimeout(resolve, 5));
            }
            await Promise.all(answers);
        }

        // Random bytes on its input: it answers what follows, or exits with a code and a reason.
        first.child.stdin.write(Buffer.from(Array.from({ length: 4_000 }, () => Math.floor(next() * 256))));
        const outcome = await within(Promise.race([
            hover(first, lines.join('\n')).then(() => 'answered' as const),
            first.exited.then(code => ({ code }))
        ]), 'after random bytes').catch(error => ({ error: String(error) }));
        if (outcome !== 'answered') {
            const code = 'code' in outcome ? outcome.code : await within(first.exited, 'exit after random bytes');
            expect(code).not.toBe(0);
            expect(code).not.toBeNull();
            expect(first.stderr()).toMatch(/SLA language server: exiting: /);
        }
        first.connection.dispose();
        if (first.child.exitCode === null) first.child.kill();

        // The client restarts it: the new server builds the same workspace and answers.
        const second = await start();
        await hover(second, good.text);
        await within(second.connection.sendRequest('shutdown'), 'shutdown');
        await second.connection.sendNotification('exit');
        expect(await within(second.exited, 'exit')).toBe(0);
        second.connection.dispose();
    }, 120_000);
});
