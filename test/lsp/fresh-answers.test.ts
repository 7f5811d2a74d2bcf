/**
 * Hovers and completions sent right behind an edit, before the server has built it (issue 13,
 * item 9): during a burst the server builds edits together, and may answer a request from the
 * tree built before only where the edits cannot change the answer. Each case here sends an
 * edit and, without waiting, a request whose right answer the edit changed (or did not), and
 * checks the answer is the one for the text the request was sent for.
 *
 * The file is a generated agreement; on it, a hover on the KPI name of `objective Availability`
 * in Service3 shows that KPI's description, and the hover two lines below, on the same column,
 * is on `objective ErrorRate` (checked first, on the quiet server).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { bundleServer, initialize, startStdioServer, type StdioServer } from './stdio-client.js';
// @ts-expect-error: a plain JavaScript module of the benchmarks, without types
import { generateAgreement } from '../bench/generate-agreement.mjs';

let server: StdioServer;
let workspace: string;
let uri: string;
let lines: string[];
let version = 1;
/** The line of `objective Availability >= 99.9%` in Service3, and the column of its KPI name. */
let objectiveLine: number;
let kpiColumn: number;

const hoverText = (hover: unknown) => ((hover as Hover | null)?.contents as MarkupContent | undefined)?.value ?? '';

/** Sends an edit of one range (lines and columns of the current text) and keeps `lines` in step, without waiting. */
function edit(line: number, from: number, to: number, text: string, toLine = line): void {
    const before = lines.slice(0, line).concat(lines[line]!.slice(0, from));
    const all = lines.join('\n');
    const startOffset = before.join('\n').length;
    const endOffset = lines.slice(0, toLine).join('\n').length + (toLine > 0 ? 1 : 0) + to;
    lines = (all.slice(0, startOffset) + text + all.slice(endOffset)).split('\n');
    void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line, character: from }, end: { line: toLine, character: to } }, text }]
    });
}

const hoverAt = (line: number, character: number) =>
    server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });

beforeAll(async () => {
    bundleServer();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-fresh-'));
    const text: string = generateAgreement(200, 'Fresh');
    fs.writeFileSync(path.join(workspace, 'fresh.sla'), text);
    uri = pathToFileURL(path.join(workspace, 'fresh.sla')).toString();
    lines = text.split('\n');
    objectiveLine = lines.map((l, i) => l.includes('objective Availability >= 99.9%') ? i : -1).filter(i => i >= 0)[3]!;
    kpiColumn = lines[objectiveLine]!.indexOf('Availability') + 2;
    server = startStdioServer();
    let diagnosed!: () => void;
    const opened = new Promise<void>(resolve => { diagnosed = resolve; });
    server.connection.onNotification('textDocument/publishDiagnostics', () => diagnosed());
    server.connection.listen();
    await initialize(server.connection, pathToFileURL(workspace).toString());
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version, text } });
    await opened;
}, 120_000);

afterAll(() => {
    server?.connection.dispose();
    if (server?.child.exitCode === null) server.child.kill();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('requests sent right behind an edit answer for the text they were sent for', () => {
    test('on the quiet server: the KPI of the objective, and another two lines below', async () => {
        expect(hoverText(await hoverAt(objectiveLine, kpiColumn))).toContain('**KPI Service3.Availability**');
        expect(hoverText(await hoverAt(objectiveLine + 2, kpiColumn))).toContain('**KPI Service3.ErrorRate**');
    });

    test('two lines inserted above the objective: the hover two lines lower is on it', async () => {
        edit(objectiveLine, 0, 0, '        // first note\n        // second note\n');
        objectiveLine += 2;
        // From the tree before, this place would be `objective ErrorRate`.
        expect(hoverText(await hoverAt(objectiveLine, kpiColumn))).toContain('**KPI Service3.Availability**');
    }, 30_000);

    test('the KPI\'s description retyped: the hover shows the new one', async () => {
        const kpiLine = lines.findIndex((l, i) => i < objectiveLine && i > objectiveLine - 20 && l.includes('kpi Availability "Share of eligible time the service was up"'));
        expect(kpiLine).toBeGreaterThan(0);
        const from = lines[kpiLine]!.indexOf('Share of eligible time');
        edit(kpiLine, from, from + 'Share of eligible time'.length, 'Portion of contracted time');
        expect(hoverText(await hoverAt(objectiveLine, kpiColumn))).toContain('Portion of contracted time the service was up');
    }, 30_000);

    test('a digit retyped in another service: the hover is unchanged', async () => {
        const elsewhere = lines.findIndex(l => l.includes('objective Availability >= 99.9%'));
        expect(elsewhere).toBeLessThan(objectiveLine - 20);
        const at = lines[elsewhere]!.indexOf('99.9') + 3;
        edit(elsewhere, at, at + 1, '8');
        expect(hoverText(await hoverAt(objectiveLine, kpiColumn))).toContain('**KPI Service3.Availability**');
    }, 30_000);

    test('a new objective typed on a new line: completion after it offers the service\'s KPIs', async () => {
        edit(objectiveLine, 0, 0, '        objective \n');
        const completion = await server.connection.sendRequest('textDocument/completion', {
            textDocument: { uri }, position: { line: objectiveLine, character: '        objective '.length }
        }) as CompletionList | null;
        expect(completion?.items.map(item => item.label)).toContain('Availability');
    }, 30_000);
});
