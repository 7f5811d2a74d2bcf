/**
 * Requests on a client agreement sent right behind an edit of the catalogue it instantiates a
 * template of, in the bundled server over stdio: the answer reads the catalogue's text the
 * request was sent for, not the one built before. The server holds an edit back for a moment
 * before building it (coalescing-update-handler.ts), and Langium marks a client as needing a
 * new link only once that build begins: until then, a definition, hover or inlay hint on the
 * client answered from the catalogue's old text. Each edit here is sent in the same tick as
 * the request, so that the request arrives while the edit is held back.
 *
 * Workspace: a copy of examples/portfolio. catalogue.sla declares `parameter availability` of
 * the template ManagedHosting on its line 27 (0-based 26) and `parameter responseTime duration
 * default 30 minutes` on the next; northwind.sla sets `with availability = 99.95%`;
 * fabrikam.sla keeps the template's defaults (`agreement FabrikamHosting … from ManagedHosting`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hover, InlayHint, Location, LocationLink, MarkupContent } from 'vscode-languageserver-protocol';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import { initialize, repositoryRoot, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-cross-file-answers');
let workspace: string;
let connection: MessageConnection;
const fileUri = (name: string) => pathToFileURL(path.join(workspace, name)).toString();

/** The catalogue as the editor has it. */
let catalogue: { text: string; version: number };

/** Sends an edit of the catalogue (the whole text), without waiting. */
function editCatalogue(from: string, to: string): void {
    expect(catalogue.text).toContain(from);
    catalogue = { text: catalogue.text.replace(from, to), version: catalogue.version + 1 };
    void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: fileUri('catalogue.sla'), version: catalogue.version }, contentChanges: [{ text: catalogue.text }]
    });
}

const catalogueLine = (words: string) => catalogue.text.split('\n').findIndex(line => line.includes(words));

beforeAll(async () => {
    workspace = path.join(servers.scratch(), 'portfolio');
    fs.cpSync(path.join(repositoryRoot, 'examples/portfolio'), workspace, { recursive: true });
    ({ connection } = servers.start({ acceptMessages: true }));
    const opened = ['catalogue.sla', 'northwind.sla', 'fabrikam.sla'];
    const diagnosed = new Set<string>();
    let allDiagnosed!: () => void;
    const built = new Promise<void>(resolve => { allDiagnosed = resolve; });
    connection.onNotification('textDocument/publishDiagnostics', ({ uri }: { uri: string }) => {
        diagnosed.add(uri);
        if (opened.every(name => diagnosed.has(fileUri(name)))) allDiagnosed();
    });
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.listen();
    await initialize(connection, pathToFileURL(workspace).toString());
    for (const name of opened) {
        const text = fs.readFileSync(path.join(workspace, name), 'utf8');
        if (name === 'catalogue.sla') catalogue = { text, version: 1 };
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri(name), languageId: 'sla', version: 1, text } });
    }
    await built;
}, 120_000);

describe('a request on a client right behind an edit of its catalogue answers from the edited catalogue', () => {
    test('go to definition of a parameter, after lines inserted above it (three times)', async () => {
        const northwind = fs.readFileSync(path.join(workspace, 'northwind.sla'), 'utf8').split('\n');
        const line = northwind.findIndex(l => l.includes('with availability'));
        const position = { line, character: northwind[line]!.indexOf('availability') + 2 };
        expect(catalogueLine('parameter availability')).toBe(26);
        // Two lines inserted at the top each time: the parameter moves to 28, 30, 32 (0-based);
        // the catalogue's tree before each edit has it two lines higher.
        for (const expected of [28, 30, 32]) {
            editCatalogue('// Contoso', '// draft\n// reviewed\n// Contoso');
            const answer = await connection.sendRequest('textDocument/definition', { textDocument: { uri: fileUri('northwind.sla') }, position }) as Array<Location | LocationLink>;
            const targets = answer.map(target => 'targetUri' in target
                ? { uri: target.targetUri, line: target.targetSelectionRange.start.line }
                : { uri: target.uri, line: target.range.start.line });
            expect(targets).toEqual([{ uri: fileUri('catalogue.sla'), line: expected }]);
            expect(catalogueLine('parameter availability')).toBe(expected);
        }
    }, 60_000);

    test('hover on the agreement, after the template\'s default retyped (30 → 90 minutes)', async () => {
        editCatalogue('default 30 minutes', 'default 90 minutes');
        const hover = await connection.sendRequest('textDocument/hover', {
            textDocument: { uri: fileUri('fabrikam.sla') }, position: { line: 2, character: 'agreement Fab'.length }
        }) as Hover | null;
        expect((hover?.contents as MarkupContent | undefined)?.value).toContain('responseTime = 90 minutes');
    }, 60_000);

    test('inlay hints of the agreement, after the template\'s default retyped (90 → 45 minutes)', async () => {
        editCatalogue('default 90 minutes', 'default 45 minutes');
        const hints = await connection.sendRequest('textDocument/inlayHint', {
            textDocument: { uri: fileUri('fabrikam.sla') }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }
        }) as InlayHint[] | null;
        const labels = (hints ?? []).map(hint => typeof hint.label === 'string' ? hint.label : hint.label.map(part => part.value).join(''));
        expect(labels.join(' | ')).toContain('responseTime = 45 minutes');
    }, 60_000);
});
