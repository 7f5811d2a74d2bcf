/**
 * The bundled language server as any LSP client sees it: a child process speaking JSON-RPC
 * over stdio, driven through initialize, didOpen → diagnostics, hover, completion,
 * definition, rename, formatting, didChange → fresh diagnostics, shutdown and exit.
 */
import { execFileSync, fork, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';
import type { CompletionList, Diagnostic, Hover, Location, LocationLink, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startStdioServer } from './stdio-client.js';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'packages/language/out/bundle/sla-language-server.cjs');

const AGREEMENT = `agreement Shop {
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    dataset incidents from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }

    service WebShop {
        kpi Availability = uptime(incidents, from started to resolved)
        objective Availabilty >= 99.9% per calendar month
    }
}
`;

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let workspace: string;
let uri: string;
const published = new Map<string, PublishDiagnosticsParams[]>();
const waiters: (() => void)[] = [];

/** Resolves with the first diagnostics published for `uri` after `after` notifications. */
async function diagnosticsAfter(target: string, after: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
        const list = published.get(target) ?? [];
        if (list.length > after) return list[after]!;
        await new Promise<void>(resolve => { waiters.push(resolve); setTimeout(resolve, 200); });
    }
    throw new Error(`no diagnostics #${after + 1} for ${target} within ${timeoutMs} ms`);
}

function position(text: string, needle: string, delta = 0) {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
}

beforeAll(async () => {
    // Always bundle the current sources: the test checks what a client would start.
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs')], { stdio: 'inherit' });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-stdio-'));
    fs.writeFileSync(path.join(workspace, 'shop.sla'), AGREEMENT);
    uri = pathToFileURL(path.join(workspace, 'shop.sla')).toString();
    // Started as docs/editors.md tells clients to start it.
    ({ child, connection } = startStdioServer(bundle));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const list = published.get(params.uri) ?? [];
        list.push(params);
        published.set(params.uri, list);
        waiters.splice(0).forEach(w => w());
    });
    connection.listen();
}, 60_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('the bundled server over stdio', () => {
    test('a whole session', async () => {
        const init = await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(workspace).toString(),
            workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
            capabilities: {
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: false } },
                    publishDiagnostics: { relatedInformation: true },
                    rename: { prepareSupport: true }
                },
                workspace: { workspaceFolders: true, configuration: false }
            }
        }) as { capabilities: Record<string, unknown> };
        for (const capability of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider',
            'documentFormattingProvider', 'foldingRangeProvider', 'semanticTokensProvider', 'inlayHintProvider', 'signatureHelpProvider', 'documentSymbolProvider']) {
            expect(init.capabilities[capability], capability).toBeTruthy();
        }
        await connection.sendNotification('initialized', {});

        // didOpen → diagnostics: the misspelt KPI in the objective does not resolve.
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: AGREEMENT } });
        const opened = await diagnosticsAfter(uri, 0);
        const unresolved = opened.diagnostics.filter((d: Diagnostic) => d.range.start.line === 11 && /Availabilty/.test(d.message));
        expect(unresolved.length).toBeGreaterThan(0);
        const countAfterOpen = published.get(uri)!.length;

        // Hover on the KPI's declaration: the same wording as `sla explain`.
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(AGREEMENT, 'Availability =') }) as Hover;
        expect((hover.contents as { value: string }).value).toBe('**KPI WebShop.Availability**\n\n'
            + 'Measured as the share of time not covered by the intervals of incidents, each from started to resolved.\n\n'
            + '- Unit: a percentage\n- Reads: incidents (`incidents.csv`)\n- Owner: not named (add `owner "…"`)');

        // Completion after `objective `: the KPIs in scope.
        const completion = await connection.sendRequest('textDocument/completion', {
            textDocument: { uri }, position: position(AGREEMENT, 'Availabilty >=')
        }) as CompletionList;
        const labels = completion.items.map(i => i.label);
        expect(labels).toEqual(expect.arrayContaining(['Availability', 'WebShop.Availability']));

        // Definition: from `incidents` in the formula to the dataset declaration (line 4).
        const definition = await connection.sendRequest('textDocument/definition', {
            textDocument: { uri }, position: position(AGREEMENT, 'incidents, from')
        }) as (Location | LocationLink)[];
        const target = definition[0]!;
        expect('targetSelectionRange' in target ? target.targetSelectionRange.start.line : target.range.start.line).toBe(4);

        // Rename the dataset: declaration and use.
        const rename = await connection.sendRequest('textDocument/rename', {
            textDocument: { uri }, position: position(AGREEMENT, 'incidents from'), newName: 'outages'
        }) as WorkspaceEdit;
        expect(rename.changes?.[uri]?.map(e => e.newText)).toEqual(['outages', 'outages']);

        // didChange: fix the typo, then the fresh diagnostics no longer report it.
        const fixed = AGREEMENT.replace('objective Availabilty', 'objective Availability');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
        const fresh = await diagnosticsAfter(uri, countAfterOpen);
        expect(fresh.diagnostics.filter((d: Diagnostic) => /Availabilty/.test(d.message))).toEqual([]);

        // Typing fast, as in an editor: a line typed key by key into the service and deleted
        // again, without waiting for diagnostics (each change cancels the check before it).
        // Once the server settles, the last diagnostics are those of the text before.
        const line = '        objective Availability >= 99.5% per calendar month\n';
        const at = position(fixed, '        objective Availability');
        let version = 2;
        for (let i = 0; i < line.length; i++) {
            const character = at.character + i;
            void connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: ++version },
                contentChanges: [{ range: { start: { line: at.line, character }, end: { line: at.line, character } }, text: line[i]! }]
            });
        }
        for (let i = line.length - 1; i >= 0; i--) {
            const start = { line: at.line, character: at.character + i };
            const end = line[i] === '\n' ? { line: at.line + 1, character: 0 } : { line: at.line, character: at.character + i + 1 };
            void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start, end }, text: '' }] });
        }
        let settled = (published.get(uri) ?? []).length;
        for (;;) {
            await new Promise(resolve => setTimeout(resolve, 1500));
            const now = (published.get(uri) ?? []).length;
            if (now === settled) break;
            settled = now;
        }
        expect(published.get(uri)!.at(-1)!.diagnostics).toEqual(fresh.diagnostics);
        const hoverAfterTyping = await connection.sendRequest('textDocument/hover', {
            textDocument: { uri }, position: position(fixed, '>= 99.9%')
        }) as Hover | null;
        expect(JSON.stringify(hoverAfterTyping?.contents)).toContain('99.9');

        // A formula nested 400 parentheses deep used to overflow the parser's stack and end the
        // server. Now it gets an error at the 51st parenthesis, and the server goes on answering.
        const deepUri = pathToFileURL(path.join(workspace, 'deep.sla')).toString();
        const deepText = `agreement Deep {\n    service S {\n        kpi K = ${'('.repeat(400)}1${')'.repeat(400)}\n    }\n}\n`;
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: deepUri, languageId: 'sla', version: 1, text: deepText } });
        const deep = await diagnosticsAfter(deepUri, 0);
        expect(deep.diagnostics.map(d => [d.range.start, d.message])).toContainEqual([
            { line: 2, character: 16 + 50 }, 'Parentheses nest more than 50 levels deep here, too deep to read. Split the formula into smaller KPIs.'
        ]);
        const hoverAfterDeep = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(fixed, '>= 99.9%') }) as Hover | null;
        expect(JSON.stringify(hoverAfterDeep?.contents)).toContain('99.9');

        const messy = fixed.replace('        objective Availability >= 99.9% per calendar month', '  objective   Availability >=   99.9 %  per calendar month');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: messy }] });
        const edits = await connection.sendRequest('textDocument/formatting', {
            textDocument: { uri }, options: { tabSize: 4, insertSpaces: true }
        }) as TextEdit[];
        expect(applyEdits(messy, edits)).toBe(fixed);

        await connection.sendRequest('shutdown');
        const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
        await connection.sendNotification('exit');
        expect(await exited).toBe(0);
    }, 60_000);
});

describe('the bundled server over node IPC (how VS Code starts it)', () => {
    /** Starts the server over IPC with the given Node options, initializes it and shuts it down; returns what it logged. */
    async function session(execArgv: string[]): Promise<{ hoverProvider: unknown; logs: string[] }> {
        const server = fork(bundle, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv });
        const ipc = createMessageConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
        const logs: string[] = [];
        ipc.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
        ipc.listen();
        const init = await ipc.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as { capabilities: Record<string, unknown> };
        await ipc.sendNotification('initialized', {});
        // shutdown is answered after the notifications sent before it.
        await ipc.sendRequest('shutdown');
        const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)));
        await ipc.sendNotification('exit');
        expect(await exited).toBe(0);
        ipc.dispose();
        return { hoverProvider: init.capabilities.hoverProvider, logs };
    }

    test('initialize, hover capability, shutdown, exit; started as shipped, it logs no advice on its options', async () => {
        const { hoverProvider, logs } = await session([...SERVER_NODE_OPTIONS]);
        expect(hoverProvider).toBe(true);
        expect(logs.filter(message => message.includes('Started without'))).toEqual([]);
    }, 30_000);

    test('started without its Node options, it works and says in its log how to start it', async () => {
        const { hoverProvider, logs } = await session([]);
        expect(hoverProvider).toBe(true);
        expect(logs).toContainEqual(expect.stringContaining(`Started without ${SERVER_NODE_OPTIONS.join(' ')}: large workspaces need up to about 100 MB more memory.`));
    }, 30_000);
});

function applyEdits(text: string, edits: TextEdit[]): string {
    const offsetOf = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
    let result = text;
    for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
    return result;
}
