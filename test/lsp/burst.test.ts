/**
 * A burst of edits over stdio (issue 13, item 9): the server folds queued changes into one
 * build of the newest text (internals/incremental/coalescing-update-handler.ts), so the final
 * diagnostics are those of the final text, and a hover sent during the burst is answered
 * before the burst's builds are done. Ordering and counts, not wall-clock thresholds: the
 * figures are in `npm run bench:lsp` (the burst case).
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { loadSlaFiles } from '../../packages/language/src/workspace/load-files.js';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';
// @ts-expect-error: a plain JavaScript module of the benchmarks, without types
import { generateAgreement } from '../bench/generate-agreement.mjs';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'packages/language/out/bundle/sla-language-server.cjs');
const EDITS = 600;

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let workspace: string;
/** What the client saw, in order: each diagnostics publication and each answer. */
const events: Array<{ kind: 'diagnostics'; diagnostics: Diagnostic[] } | { kind: 'hover' }> = [];

beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs')], { stdio: 'inherit' });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-burst-'));
    child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, bundle, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', chunk => process.stderr.write(`[server] ${chunk}`));
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
}, 60_000);

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

/** Resolves once no diagnostics came for `quietMs`. */
async function settled(quietMs = 3_000): Promise<void> {
    let count = -1;
    while (count !== events.length) {
        count = events.length;
        await new Promise(resolve => setTimeout(resolve, quietMs));
    }
}

/** Diagnostics as text, sorted; `folder` (named in messages about data files) as `<folder>`. */
const comparable = (diagnostics: Diagnostic[], folder: string) => diagnostics
    .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message.replaceAll(folder, '<folder>')}`)
    .sort();

describe('a burst of edits over stdio', () => {
    test(`${EDITS} edits sent at once: few builds, a hover answered before they are done, final diagnostics those of the final text`, async () => {
        const text: string = generateAgreement(2_000, 'Burst');
        const file = path.join(workspace, 'burst.sla');
        fs.writeFileSync(file, text);
        const uri = pathToFileURL(file).toString();
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            if (params.uri === uri) events.push({ kind: 'diagnostics', diagnostics: params.diagnostics });
        });
        const folder = pathToFileURL(workspace).toString();
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {} });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
        await settled();
        events.length = 0;

        // Each edit changes one objective's target (99.9 ↔ 99.8); some break one (99.9 → 99.x: an error) and
        // a later one mends it; the last edit breaks one.
        const lines = text.split('\n');
        const objectives = lines.map((line, i) => line.includes('objective Availability >= 99.9%') ? i : -1).filter(i => i >= 0);
        expect(objectives.length).toBeGreaterThan(5);
        let hover: Promise<Hover | null> | undefined;
        for (let k = 0; k < EDITS; k++) {
            const line = objectives[(k * 7) % objectives.length]!;
            const column = lines[line]!.indexOf('99.') + 3;
            const digit = k === EDITS - 1 ? 'x' : lines[line]![column] === '9' ? (k % 50 === 0 ? 'x' : '8') : '9';
            lines[line] = lines[line]!.slice(0, column) + digit + lines[line]!.slice(column + 1);
            void connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: k + 2 },
                contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: digit }]
            });
            if (k === EDITS / 2) {
                const at = objectives[0]!;
                hover = connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at, character: lines[at]!.indexOf('>=') } });
                void hover.then(() => events.push({ kind: 'hover' }));
            }
        }
        expect(await hover).toBeTruthy();
        await settled();

        // Langium built each of the 600 versions in turn; folded, a handful of builds publish.
        const publications = events.filter(e => e.kind === 'diagnostics');
        expect(publications.length).toBeGreaterThan(0);
        expect(publications.length).toBeLessThan(EDITS / 10);
        // The hover did not wait for the last build.
        expect(events.findIndex(e => e.kind === 'hover')).toBeLessThan(events.length - 1);

        // The last diagnostics are those of the final text, built from scratch in this process.
        const finalText = lines.join('\n');
        const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-burst-final-'));
        fs.writeFileSync(path.join(fresh, 'burst.sla'), finalText);
        const { documents } = await loadSlaFiles([path.join(fresh, 'burst.sla')]);
        fs.rmSync(fresh, { recursive: true, force: true });
        const last = publications[publications.length - 1] as { diagnostics: Diagnostic[] };
        expect(comparable(last.diagnostics, workspace)).toEqual(comparable(documents[0]!.diagnostics!, fresh));
        // The final text has the break the last edit made: the comparison is of more than warnings.
        expect(last.diagnostics.filter(d => d.severity === 1).length).toBeGreaterThan(0);
    }, 120_000);
});
