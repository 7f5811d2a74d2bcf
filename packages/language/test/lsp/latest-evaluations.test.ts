/**
 * The latest reports the server keeps for hovers (src/lsp/evaluation/latest-evaluations.ts):
 * a bounded number of documents, least recently used out, forgotten on close and delete.
 */
import type { Report } from '@sla/engine';
import { EmptyFileSystem, URI } from 'langium';
import type { TextDocumentConnection } from 'langium/lsp';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { LATEST_EVALUATIONS_KEPT, LatestEvaluations } from '../../src/lsp/evaluation/latest-evaluations.js';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

/** Only its identity matters here. */
const reportOf = (name: string) => ({ agreement: name }) as unknown as Report;
const uriOf = (name: string) => `file:///ws/${name}.sla`;

/** The text-document notifications an LSP connection delivers, sent by hand. */
class DocumentNotifications implements TextDocumentConnection {
    private open?: (params: DidOpenTextDocumentParams) => void;
    private close?: (params: DidCloseTextDocumentParams) => void;
    private readonly none = { dispose: () => undefined };
    onDidOpenTextDocument(handler: (params: DidOpenTextDocumentParams) => void) { this.open = handler; return this.none; }
    onDidCloseTextDocument(handler: (params: DidCloseTextDocumentParams) => void) { this.close = handler; return this.none; }
    onDidChangeTextDocument() { return this.none; }
    onWillSaveTextDocument() { return this.none; }
    onWillSaveTextDocumentWaitUntil() { return this.none; }
    onDidSaveTextDocument() { return this.none; }
    opened(uri: string): void { this.open?.({ textDocument: { uri, languageId: 'sla', version: 1, text: '' } }); }
    closed(uri: string): void { this.close?.({ textDocument: { uri } }); }
}

describe('the latest evaluations the server keeps', () => {
    test(`keeps the ${LATEST_EVALUATIONS_KEPT} most recently used documents, as the service of the language`, () => {
        const latest = createSlaServices(EmptyFileSystem).Sla.evaluation.LatestEvaluations;
        const names = Array.from({ length: LATEST_EVALUATIONS_KEPT + 1 }, (_, i) => `agreement-${i}`);
        for (const name of names.slice(0, LATEST_EVALUATIONS_KEPT)) latest.remember(uriOf(name), reportOf(name));
        // All kept while within the bound.
        expect(latest.documents()).toEqual(names.slice(0, LATEST_EVALUATIONS_KEPT).map(uriOf));
        // One more: the first one, used least recently, goes.
        latest.remember(uriOf(names.at(-1)!), reportOf(names.at(-1)!));
        expect(latest.get(uriOf(names[0]!))).toBeUndefined();
        expect(latest.documents()).toEqual(names.slice(1).map(uriOf));
    });

    test('a report read by a hover counts as used; a report evaluated again replaces the one before', () => {
        const latest = new LatestEvaluations(createSlaServices(EmptyFileSystem).Sla, 2);
        latest.remember(uriOf('a'), reportOf('a'));
        latest.remember(uriOf('b'), reportOf('b'));
        expect(latest.get(uriOf('a'))).toEqual(reportOf('a')); // a is now the most recently used
        latest.remember(uriOf('c'), reportOf('c')); // b goes, not a
        expect(latest.documents()).toEqual([uriOf('a'), uriOf('c')]);
        const again = reportOf('a, again');
        latest.remember(uriOf('a'), again);
        expect(latest.get(uriOf('a'))).toBe(again);
        expect(latest.documents()).toEqual([uriOf('c'), uriOf('a')]);
    });

    test('one document under two spellings of its URI is one entry', () => {
        const latest = new LatestEvaluations(createSlaServices(EmptyFileSystem).Sla, 2);
        // VS Code sends `c%3A`, Langium writes `c:`: the same file.
        latest.remember('file:///c%3A/ws/shop.sla', reportOf('shop'));
        expect(latest.get(URI.file('c:/ws/shop.sla'))).toEqual(reportOf('shop'));
        expect(latest.documents()).toHaveLength(1);
    });

    test('forgets a document\'s report when the editor closes it, and only that one', () => {
        const { shared, Sla } = createSlaServices(EmptyFileSystem);
        const notifications = new DocumentNotifications();
        shared.workspace.TextDocuments.listen(notifications);
        const latest = Sla.evaluation.LatestEvaluations;
        for (const name of ['open', 'closed']) {
            notifications.opened(uriOf(name));
            latest.remember(uriOf(name), reportOf(name));
        }
        notifications.closed(uriOf('closed'));
        expect(latest.get(uriOf('closed'))).toBeUndefined();
        expect(latest.get(uriOf('open'))).toEqual(reportOf('open'));
    });

    test('forgets a document\'s report when the document leaves the workspace, and only that one', async () => {
        const { shared, Sla } = createSlaServices(EmptyFileSystem);
        const parse = parseHelper(Sla);
        const latest = Sla.evaluation.LatestEvaluations;
        for (const name of ['kept', 'deleted']) {
            await parse(AGREEMENT, { documentUri: uriOf(name) });
            latest.remember(uriOf(name), reportOf(name));
        }
        await shared.workspace.DocumentBuilder.update([], [URI.parse(uriOf('deleted'))]);
        expect(latest.get(uriOf('deleted'))).toBeUndefined();
        expect(latest.get(uriOf('kept'))).toEqual(reportOf('kept'));
    });
});
