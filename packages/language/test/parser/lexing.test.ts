/**
 * Lexing is linear: a text stays on one line, so a missing closing quote costs that line,
 * and an unclosed string or comment is one clear error instead of a cascade (issue 13, item 3).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { isAgreement } from '../../src/generated/ast.js';
import { MAX_DOCUMENT_CHARACTERS } from '../../src/parser/sla-lexer.js';
import { createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear, services } = createTestServices();
afterEach(() => clear());

describe('texts and comments', () => {
    test('an unclosed text with many escaped quotes on one line lexes in linear time, as one error', async () => {
        // Before: each of the 75,000 quotes started a match that scanned to the end of the file (10 s at 150 KB).
        const text = 'agreement A "' + '\\"'.repeat(75_000);
        const started = performance.now();
        const result = services.parser.LangiumParser.parse(text);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(result.lexerErrors.map(e => `${e.line}:${e.column} ${e.message.slice(0, 40)}`)).toEqual(['1:13 This text has no closing quote on its li']);
    });

    test('many unclosed texts on many lines: each its own error, the next line read normally', async () => {
        const line = 'clause C "no end \\" here\n';
        const text = `agreement A {\n${line.repeat(20_000)}}\n`;
        const started = performance.now();
        const result = services.parser.Lexer.tokenize(text);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(result.errors).toHaveLength(20_000);
        expect(result.errors[1]).toMatchObject({ line: 3, column: 10 });
        // Every line still yields its `clause` and `C` tokens.
        expect(result.tokens.filter(t => t.image === 'clause')).toHaveLength(20_000);
    });

    test('a text does not run on into the next line; the error names the line and the fix', async () => {
        const document = await parse('agreement A "Acme\n  Corp" {\n    timezone "UTC"\n}\n');
        expect(syntaxErrors(document)[0]).toBe('1:13 This text has no closing quote on its line. Close it with " before the line ends: a text stays on one line (write \\n for a line break inside it).');
    });

    test('a closed text with escapes is one string; \\n writes a line break', async () => {
        const document = await parse('agreement A "Acme \\"Corp\\"\\nBerlin" {\n    timezone "UTC"\n}\n');
        expect(syntaxErrors(document)).toEqual([]);
        const agreement = document.parseResult.value.elements[0];
        expect(isAgreement(agreement) && agreement.title).toBe('Acme "Corp"\nBerlin');
    });

    test('a comment never closed is one error at its start, and lexing stays linear', async () => {
        const text = 'agreement A {\n    timezone "UTC"\n}\n/* note ' + '/* '.repeat(50_000);
        const started = performance.now();
        const result = services.parser.LangiumParser.parse(text);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(result.lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`)).toEqual([
            '4:1 This comment is never closed: everything after /* up to the end of the file is ignored. Close it with */.'
        ]);
        expect(result.parserErrors).toEqual([]);
    });
});

describe('the size limit', () => {
    test(`a file above ${MAX_DOCUMENT_CHARACTERS.toLocaleString('en-US')} characters is refused with one error saying the size and the limit`, async () => {
        // A real agreement repeated past the limit: read whole, it would need gigabytes.
        const line = '        kpi K = count(requests where status >= 500) / count(requests)\n';
        const text = `agreement A {\n${line.repeat(Math.ceil(MAX_DOCUMENT_CHARACTERS / line.length))}}\n`;
        expect(text.length).toBeGreaterThan(MAX_DOCUMENT_CHARACTERS);
        const started = performance.now();
        const document = await parse(text);
        expect(performance.now() - started).toBeLessThan(10_000);
        expect(syntaxErrors(document)).toEqual([
            `1:1 This file has ${text.length.toLocaleString('en-US')} characters; the SLA language reads files of up to 8,000,000 characters (about 8 MB). Split it into files that import each other (import "other.sla").`
        ]);
    }, 30_000);

    test('a file of exactly the limit is read', () => {
        const result = services.parser.Lexer.tokenize(`${' '.repeat(MAX_DOCUMENT_CHARACTERS - 2)}{}`);
        expect(result.errors).toEqual([]);
        expect(result.tokens.map(t => t.image)).toEqual(['{', '}']);
    });
});
