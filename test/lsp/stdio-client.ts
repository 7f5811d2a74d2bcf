/**
 * The test client of the bundled language server over stdio: starts the server as editors
 * do (its Node options, `--stdio`), answers the requests a server sends its client
 * (registrations, configuration, progress, message boxes) with nothing, and forwards what the
 * server logs on stderr to the test's output. Shared by the tests in this folder.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';

export const repositoryRoot = path.resolve(__dirname, '../..');
/** Where `bundleServer()` writes the server by default (packages/language/esbuild.mjs). */
export const defaultBundle = path.join(repositoryRoot, 'packages/language/out/bundle/sla-language-server.cjs');

/** Bundles the language server as shipped (into `outfile`, or the package's own bundle folder). */
export function bundleServer(outfile?: string): string {
    execFileSync(process.execPath, [path.join(repositoryRoot, 'packages/language/esbuild.mjs'), ...(outfile ? ['--outfile', outfile] : [])], { stdio: 'inherit' });
    return outfile ?? defaultBundle;
}

export interface StdioServer {
    child: ChildProcessWithoutNullStreams;
    connection: MessageConnection;
}

export interface StdioServerOptions {
    /** Node options of the server; by default those clients start it with. */
    nodeOptions?: readonly string[];
    spawn?: SpawnOptions;
    /** Copies the server's stderr to the test's, each chunk marked `[server]` (default true). */
    forwardStderr?: boolean;
    /** Also answers `window/showMessageRequest` and takes `window/showMessage` and `window/logMessage`. */
    acceptMessages?: boolean;
}

/**
 * Starts the bundled server over stdio and makes its connection, answering the requests a
 * server sends its client; the caller adds its own handlers and calls `listen()`.
 */
export function startStdioServer(bundle = defaultBundle, options: StdioServerOptions = {}): StdioServer {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? SERVER_NODE_OPTIONS), bundle, '--stdio'], { ...options.spawn, stdio: 'pipe' }) as ChildProcessWithoutNullStreams;
    if (options.forwardStderr !== false) child.stderr.on('data', chunk => process.stderr.write(`[server] ${chunk}`));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // Requests a server may send to a client; a real client answers them.
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    if (options.acceptMessages) {
        connection.onRequest('window/showMessageRequest', () => null);
        connection.onNotification('window/showMessage', () => undefined);
        connection.onNotification('window/logMessage', () => undefined);
    }
    return { child, connection };
}

/**
 * For a test file: a scratch folder with a server bundle of its own (made before its tests), and
 * `start` for servers over stdio that are stopped, and the folder removed, after its tests.
 */
export function serversInScratch(prefix: string): { scratch: () => string; start: (options?: StdioServerOptions) => StdioServer } {
    let scratch: string | undefined;
    let bundle: string | undefined;
    const servers: StdioServer[] = [];
    beforeAll(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
        bundle = bundleServer(path.join(scratch, 'bundle', 'sla-language-server.cjs'));
    }, 120_000);
    afterAll(() => {
        for (const { connection, child } of servers) {
            connection.dispose();
            if (child.exitCode === null) child.kill();
        }
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });
    return {
        scratch: () => scratch!,
        start: (options) => {
            const server = startStdioServer(bundle, options);
            servers.push(server);
            return server;
        }
    };
}

/** `initialize` with a workspace folder (or none), then `initialized`; returns the server's capabilities. */
export async function initialize(connection: MessageConnection, folderUri: string | null, capabilities: object = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        ...(folderUri ? { workspaceFolders: [{ uri: folderUri, name: 'ws' }] } : {}),
        capabilities
    }) as { capabilities: Record<string, unknown> };
    await connection.sendNotification('initialized', {});
    return result;
}
