/**
 * A statement whose KPI name is not typed yet (`objective >= 99.9% per calendar month`) is
 * a normal state while typing: every feature still works on the rest of the file, and the
 * statement itself reads "(no KPI)" instead of throwing (issue 13, item 2).
 */
import { EmptyFileSystem } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { isDocument, type Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper<Document>(services);

afterEach(() => clearDocuments(services));

function withStatement(statement: string): string {
    return `agreement A "A" {
    timezone "UTC"
    dataset requests "Requests" from "data/requests.csv" {
        time timestamp
        status integer
    }
    service Shop {
        kpi Errors = count(requests where status >= 500) / count(requests)
        ${statement}
    }
}
`;
}

const STATEMENTS = [
    'objective >= 99.9% per calendar month',
    'internal target >= 99.9% per calendar month owner "Ops"',
    'credit for per calendar month { below 99% : 10% of fee }',
    'objective per calendar month',
    'clause Support "Tickets are answered" measured by'
];

describe.each(STATEMENTS)('a statement without its KPI name: %s', statement => {
    test('semantic tokens still highlight the rest of the file', async () => {
        const document = await parse(withStatement(statement));
        const textDocument = { uri: document.uri.toString() };
        const tokens = await services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
        const decoded = SemanticTokensDecoder.decode(tokens, services.lsp.SemanticTokenProvider!.tokenTypes, document);
        const text = document.textDocument.getText();
        const highlighted = decoded.map(t => text.slice(t.offset, t.offset + t.text.length));
        // The KPI declared before the half-written statement keeps its highlighting.
        expect(highlighted).toContain('Errors');
        expect(highlighted).toContain('requests');
    });

    test('inlay hints, hover at every offset, symbols and explain do not throw', async () => {
        const document = await parse(withStatement(statement));
        const text = document.textDocument.getText();
        const textDocument = { uri: document.uri.toString() };
        const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
        await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: whole });
        await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
        for (let offset = 0; offset <= text.length; offset++) {
            await services.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: document.textDocument.positionAt(offset) });
        }
        const root = document.parseResult.value;
        expect(isDocument(root)).toBe(true);
        expect(explainDocument(root, services.types.TypeComputer)).toContain('Errors');
    });
});

test('the hover of an objective without a KPI name says so', async () => {
    const text = withStatement('objective >= 99.9% per calendar month');
    const document = await parse(text);
    const offset = text.indexOf('99.9%');
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    expect(JSON.stringify(hover?.contents)).toContain('(no KPI) is at least 99.9%');
});

test('validation of statements without KPI names reports no internal error', async () => {
    for (const statement of STATEMENTS) {
        const document = await parseHelper<Document>(services)(withStatement(statement), { validation: true });
        const crashes = (document.diagnostics ?? []).filter(d => d.message.startsWith('An error occurred'));
        expect(crashes, statement).toEqual([]);
    }
});
