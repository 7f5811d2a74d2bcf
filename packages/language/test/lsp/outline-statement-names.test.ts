import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

async function outlineOf(text: string) {
    const document = await parse(text);
    expect(document.parseResult.parserErrors).toEqual([]);
    const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
    return { document, symbols: symbols[0]?.children ?? [] };
}

describe('outline names of objectives, targets and credits', () => {
    test('a // comment inside the statement is left out, and the window after it kept', async () => {
        const { symbols } = await outlineOf(AGREEMENT.replace('objective ErrorRate < 0.5% per rolling 7 days',
            'objective ErrorRate < 0.5% // agreed {in} 2025\n            per rolling 7 days'));
        const service = symbols.find(s => s.name === 'WebShop');
        // Before: `objective ErrorRate < 0.5% // agreed` (cut at the comment's `{`).
        expect(service?.children?.map(s => s.name)).toContain('objective ErrorRate < 0.5% per rolling 7 days');
    });

    test('a block comment becomes one space; a `{` in a string does not end the name', async () => {
        const { symbols } = await outlineOf(AGREEMENT
            .replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9%/* was 99.5% { */per calendar month')
            .replace('    service WebShop', '    internal target WebShop.Availability >= 99.95% per calendar month owner "Platform {core}"\n\n    service WebShop'));
        const service = symbols.find(s => s.name === 'WebShop');
        expect(service?.children?.map(s => s.name)).toContain('objective Availability >= 99.9% per calendar month');
        expect(symbols.map(s => s.name)).toContain('internal target WebShop.Availability >= 99.95% per calendar month owner "Platform {core}"');
    });

    test('a credit: up to its block, a comment before the `{` left out', async () => {
        const { document, symbols } = await outlineOf(AGREEMENT.replace('credit for Availability per calendar month, capped at 50% of fee {',
            'credit for Availability per calendar month, // § 7\n            capped at 50% of fee {'));
        const credit = symbols.find(s => s.name === 'WebShop')?.children?.find(s => s.name.startsWith('credit'));
        expect(credit?.name).toBe('credit for Availability per calendar month, capped at 50% of fee');
        expect(document.textDocument.getText(credit!.selectionRange)).toBe('Availability');
    });

    test('without comments: the names as written, spaces squeezed', async () => {
        const { symbols } = await outlineOf(AGREEMENT.replace('objective ErrorRate < 0.5% per rolling 7 days', 'objective   ErrorRate <  0.5%\n            per rolling 7 days'));
        expect(symbols.find(s => s.name === 'WebShop')?.children?.map(s => s.name).slice(3)).toEqual([
            'objective Availability >= 99.9% per calendar month',
            'objective ErrorRate < 0.5% per rolling 7 days',
            'objective Availability >= 99.9% per rolling 30 days',
            'credit for Availability per calendar month, capped at 50% of fee'
        ]);
    });
});
