/**
 * The bundled server over its other transports (issue 13): `--node-ipc` (how VS Code starts
 * it) and `--socket=PORT` (the server connects to a port the client listens on). Each way it
 * answers a hover; garbage on the socket is handled as on stdio: the server answers, or exits
 * with a non-zero code and a reason on stderr so that the client restarts it.
 *
 * The agreement is written here; the hover on `Availability` in its objective shows the KPI's
 * heading `**KPI Web.Availability**` (the KPI of service Web, as the hover names it).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    createMessageConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, type MessageConnection
} from 'vscode-languageserver-protocol/node';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';
import { bundleServer, initialize } from './stdio-client.js';

const AGREEMENT = `agreement Shop "Web shop" {
    dataset requests from "requests.csv" {
        time timestamp
        status integer
    }
    service Web {
        kpi Availability "Share of good requests" = count(requests where status < 500) / count(requests)
        objective Availability >= 99.9% per calendar month
    }
}
`;

let bundle: string;
let workspace: string;
let uri: string;
const children: ChildProcess[] = [];

beforeAll(() => {
    bundle = bundleServer();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-transports-'));
    fs.writeFileSync(path.join(workspace, 'shop.sla'), AGREEMENT);
    fs.writeFileSync(path.join(workspace, 'requests.csv'), 'time,status\n2026-01-01T00:00:00Z,200\n');
    uri = pathToFileURL(path.join(workspace, 'shop.sla')).toString();
}, 60_000);

afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

/** initialize, didOpen, then a hover on the objective's KPI name; returns the hover's text. */
async function hoverThrough(connection: MessageConnection): Promise<string> {
    connection.listen();
    await initialize(connection, pathToFileURL(workspace).toString());
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } });
    const line = AGREEMENT.split('\n').findIndex(l => l.includes('objective Availability'));
    const character = AGREEMENT.split('\n')[line]!.indexOf('Availability') + 3;
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as Hover | null;
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

/** A port on localhost the test listens on; the server started with `--socket=PORT` connects to it. */
async function listen(): Promise<{ port: number; accepted: Promise<net.Socket>; close: () => void }> {
    const server = net.createServer();
    const accepted = new Promise<net.Socket>(resolve => server.once('connection', resolve));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as net.AddressInfo).port, accepted, close: () => server.close() };
}

function startOnSocket(port: number): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, bundle, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', chunk => { stderr += chunk; });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    return { child, stderr: () => stderr, exited };
}

describe('the server over node IPC and over a socket', () => {
    test('--node-ipc: a hover', async () => {
        const child = fork(bundle, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [...SERVER_NODE_OPTIONS] });
        children.push(child);
        const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
        expect(await hoverThrough(connection)).toContain('**KPI Web.Availability**');
        connection.dispose();
    }, 60_000);

    test('--socket=PORT: a hover', async () => {
        const { port, accepted, close } = await listen();
        startOnSocket(port);
        const socket = await accepted;
        const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
        expect(await hoverThrough(connection)).toContain('**KPI Web.Availability**');
        connection.dispose();
        socket.destroy();
        close();
    }, 60_000);

    for (const [name, garbage] of [
        ['random bytes', Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 7919 + 13) % 256))],
        ['Content-Length: -5', Buffer.from('Content-Length: -5\r\n\r\n{}')],
        ['a body that is not JSON', Buffer.from('Content-Length: 5\r\n\r\nhello')]
    ] as const) {
        test(`garbage on the socket (${name}): answered, or exit with a code and a reason`, async () => {
            const { port, accepted, close } = await listen();
            const server = startOnSocket(port);
            const socket = await accepted;
            socket.on('error', () => { /* the server may close it */ });
            socket.write(garbage);
            // Then a well-formed request: either it is answered, or the server exits with a reason.
            const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
            connection.onError(() => { /* a dead server: seen through `exited` */ });
            connection.listen();
            const answered = connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }).then(() => 'answered', () => 'failed');
            const outcome = await Promise.race([answered, server.exited.then(code => `exited ${code}`), new Promise(resolve => setTimeout(resolve, 40_000, 'hung'))]);
            if (outcome !== 'answered') {
                // Not answered: it must have exited, non-zero, saying why.
                const code = await Promise.race([server.exited, new Promise(resolve => setTimeout(resolve, 5_000, 'still running'))]);
                expect(code, `outcome: ${outcome}`).not.toBe('still running');
                expect(code).not.toBe(0);
                expect(server.stderr()).toMatch(/exiting: .+/);
            }
            connection.dispose();
            socket.destroy();
            close();
        }, 60_000);
    }
});
