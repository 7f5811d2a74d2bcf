/**
 * The server must never crash or hang on text a user can type. Every editor feature of this
 * folder runs at many positions of many damaged versions of a real agreement (cut short,
 * characters deleted, duplicated, keywords and braces inserted); none may throw or run long.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { explainDocument } from '../../src/explain/explain-document.js';
import { isDocument } from '../../src/generated/ast.js';
import { AGREEMENT } from './fixture.js';
import { random } from '../random.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

const INSERTS = ['{', '}', '(', ')', '"', ',', '.', '%', ' per ', ' calendar ', ' rolling ', ' where ', ' objective ', ' kpi ', ' = ', '>=', '99.9', ' 0 ', '\n', 'timezone "Mars/Olympus"', 'valid from 2026-02-30 to 2025-01-01', 'percentile(', 'uptime(', '/**', '*/'];

function damage(text: string, next: () => number): string {
    const at = Math.floor(next() * text.length);
    switch (Math.floor(next() * 4)) {
        case 0: return text.slice(0, at);
        case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
        case 2: return text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
        default: return text.slice(0, at) + text.slice(at, at + 30) + text.slice(at);
    }
}

async function everyFeatureAt(document: LangiumDocument, offset: number): Promise<void> {
    const textDocument = { uri: document.uri.toString() };
    const position = document.textDocument.positionAt(offset);
    const lsp = services.lsp;
    await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
    await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
    await lsp.SignatureHelp!.provideSignatureHelp(document, { textDocument, position, context: { triggerKind: 1, isRetrigger: false } });
    try {
        await lsp.RenameProvider!.rename(document, { textDocument, position, newName: 'Renamed' });
    } catch (error) {
        // Refusing is fine; crashing is not.
        expect(String(error)).toMatch(/not a valid name/);
    }
    await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
}

describe('robustness', () => {
    test('no feature throws or hangs on 60 damaged agreements', async () => {
        const next = random(20261125);
        let text = AGREEMENT;
        for (let round = 0; round < 60; round++) {
            text = round % 10 === 0 ? AGREEMENT : damage(text, next);
            const document = await parse(text);
            const started = performance.now();
            const textDocument = { uri: document.uri.toString() };
            const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
            await services.lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
            await services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
            await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: whole });
            await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
            await services.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
            const root = document.parseResult.value;
            if (isDocument(root)) explainDocument(root, services.types.TypeComputer);
            for (let k = 0; k < 8; k++) await everyFeatureAt(document, Math.floor(next() * (text.length + 1)));
            expect(performance.now() - started, `round ${round} took too long`).toBeLessThan(5_000);
            clearDocuments(services);
        }
    }, 120_000);
});
