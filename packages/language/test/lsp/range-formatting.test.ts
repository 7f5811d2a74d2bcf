import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, TextDocument, type LangiumDocument } from 'langium';
import { clearDocuments, parseDocument } from 'langium/test';
import type { Range, TextEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatter = services.lsp.Formatter!;
const OPTIONS = { tabSize: 4, insertSpaces: true };

afterEach(() => clearDocuments(services));

const examplesRoot = path.resolve(__dirname, '../../../../examples');
const examples = fs.readdirSync(examplesRoot, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.sla')).sort();

async function formatRange(document: LangiumDocument, range: Range): Promise<TextEdit[]> {
    return formatter.formatDocumentRange(document, { textDocument: { uri: document.uri.toString() }, options: OPTIONS, range });
}

async function formatAll(document: LangiumDocument): Promise<TextEdit[]> {
    return formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: OPTIONS });
}

/** Whole lines `first`..`last` (0-based) selected as an editor does: up to column 0 of the next line. */
function wholeLines(first: number, last: number): Range {
    return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
}

const apply = (document: LangiumDocument, edits: TextEdit[]) => TextDocument.applyEdits(document.textDocument, edits);

const SERVICE_WITH_COMMENTS = [
    'agreement A "A" {',                                            // 0
    '    provider P "P"',
    '    customer C "C"',
    '    valid from 2026-01-01 to 2026-12-31',
    '    timezone "UTC"',
    '    fee 100 EUR per calendar month',                           // 5
    '    service S "S" {',
    '        kpi K "k" = 1',
    '        // the promise',
    '        objective K >= 1 per calendar month',
    '        /* a block',                                           // 10
    '           comment */',
    '        internal target K >= 2 per calendar month owner "x"',
    '    }',
    '    // trailing',
    '}',                                                            // 15
    ''
].join('\n');

describe('Format Selection: the edits of Format Document on the selected lines, none elsewhere', () => {
    test('a formatted file: a selection from inside a block to past its `}` changes nothing (comments keep their indentation)', async () => {
        const document = await parseDocument(services, SERVICE_WITH_COMMENTS);
        expect(await formatAll(document)).toEqual([]);
        // Lines 7..15 take in `// the promise` (8 columns), the block comment (8, its second line 11) and `// trailing` (4):
        // Langium put them at the indentation of the blocks it had kept, column 0 or one level up.
        for (const last of [15, 13, 12]) {
            expect(await formatRange(document, wholeLines(7, last))).toEqual([]);
        }
    });

    test('examples/portfolio/northwind.sla from line 8 to the end: the comment stays at column 4', async () => {
        const text = fs.readFileSync(path.join(examplesRoot, 'portfolio/northwind.sla'), 'utf8');
        const document = await parseDocument(services, text);
        const lines = text.split('\n').length;
        expect(await formatRange(document, { start: { line: 7, character: 0 }, end: { line: lines - 1, character: 0 } })).toEqual([]);
    });

    const MESSY = [
        'agreement A "A" {',
        '    provider P "P"',
        '    customer C "C"',
        '    valid from 2026-01-01 to 2026-12-31',
        '    timezone "UTC"',
        '    fee 100 EUR per calendar month',
        'calendar Hours "h" {',                     // 6: selected
        'monday to friday 08:00 to 18:00',          // 7: selected
        '}',                                        // 8: selected
        '  service S "S" {',                        // 9: not selected (the selection ends at its column 0)
        '        kpi N "n" = count(x)',
        '        objective N >= 1 per calendar month',
        '    }',
        '}',
        ''
    ];

    test('a messy file, lines 7-9 selected: the calendar is indented as a whole, the service after it is left alone', async () => {
        const document = await parseDocument(services, MESSY.join('\n'));
        const edits = await formatRange(document, wholeLines(6, 8));
        // By hand: the calendar is one level in (4 columns), its body two (8), its `}` one (4);
        // line 9 keeps its 2 columns (Format Document would make them 4).
        const expected = [...MESSY];
        expected[6] = '    calendar Hours "h" {';
        expected[7] = '        monday to friday 08:00 to 18:00';
        expected[8] = '    }';
        expect(apply(document, edits)).toBe(expected.join('\n'));
        for (const edit of edits) {
            expect(edit.range.start.line).toBeGreaterThanOrEqual(6);
            expect(edit.range.end.line).toBeLessThanOrEqual(8);
        }
    });

    test('a selection ending inside a line takes in that line (not the line after)', async () => {
        const document = await parseDocument(services, MESSY.join('\n'));
        // From the middle of `calendar` to the middle of `service`: lines 6..9 are touched, 10 (`kpi`, already at 8) is not changed anyway.
        const edits = await formatRange(document, { start: { line: 6, character: 3 }, end: { line: 9, character: 5 } });
        const expected = [...MESSY];
        expected[6] = '    calendar Hours "h" {';
        expected[7] = '        monday to friday 08:00 to 18:00';
        expected[8] = '    }';
        expected[9] = '    service S "S" {';
        expect(apply(document, edits)).toBe(expected.join('\n'));
    });

    test('the whole document selected: the same text as Format Document', async () => {
        const document = await parseDocument(services, MESSY.join('\n'));
        const full = apply(document, await formatAll(document));
        expect(apply(document, await formatRange(document, wholeLines(0, MESSY.length - 1)))).toBe(full);
    });

    test('an edit that joins lines is left out when only one of them is selected, kept when both are', async () => {
        // `{` on the line after the head: Format Document puts it after `"h"` with one space.
        const text = ['agreement A "A" {', '    calendar Hours "h"', '    {', '        monday to friday 08:00 to 18:00', '    }', '}', ''].join('\n');
        const document = await parseDocument(services, text);
        expect(await formatRange(document, wholeLines(2, 4))).toEqual([]);
        expect(apply(document, await formatRange(document, wholeLines(1, 4)))).toBe(
            ['agreement A "A" {', '    calendar Hours "h" {', '        monday to friday 08:00 to 18:00', '    }', '}', ''].join('\n'));
    });

    test('an LF line in a CRLF file: a selected line gets CRLF, the line before it keeps its own break', async () => {
        // Line 1 ends in LF, line 2 in LF: selecting line 2 (0-based) rewrites its break only.
        const text = 'agreement A "A" {\r\n    provider P "P"\n    customer C "C"\n    timezone "UTC"\r\n}\r\n';
        const document = await parseDocument(services, text);
        expect(apply(document, await formatRange(document, wholeLines(2, 2))))
            .toBe('agreement A "A" {\r\n    provider P "P"\n    customer C "C"\r\n    timezone "UTC"\r\n}\r\n');
    });
});

/** A small deterministic generator (mulberry32), so a failing range can be reproduced. */
function randomNumbers(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function randomSpans(lineCount: number, seed: number): Array<[number, number]> {
    const random = randomNumbers(seed);
    return Array.from({ length: 6 }, () => {
        const a = Math.floor(random() * lineCount);
        const b = Math.floor(random() * lineCount);
        return [Math.min(a, b), Math.max(a, b)] as [number, number];
    });
}

describe('Format Selection on every example, random line ranges', () => {
    test.each(examples)('examples/%s', async (file) => {
        const text = fs.readFileSync(path.join(examplesRoot, file), 'utf8');
        const lines = text.split(/\r\n|\r|\n/);
        // The example is formatted: no selection changes it.
        const formatted = await parseDocument(services, text);
        for (const [first, last] of randomSpans(lines.length, file.length)) {
            expect(await formatRange(formatted, wholeLines(first, last)), `lines ${first}-${last}`).toEqual([]);
        }
        // Every line's indentation taken away: the selected lines read as Format Document writes them, the others as they were.
        const messyLines = lines.map(line => line.trimStart());
        const messy = await parseDocument(services, messyLines.join('\n'));
        const fullLines = apply(messy, await formatAll(messy)).split('\n');
        expect(fullLines.length).toBe(messyLines.length);
        for (const [first, last] of randomSpans(lines.length, file.length + 1)) {
            const edits = await formatRange(messy, wholeLines(first, last));
            for (const edit of edits) {
                expect(edit.range.start.line, `lines ${first}-${last}`).toBeGreaterThanOrEqual(first);
                expect(edit.range.end.line, `lines ${first}-${last}`).toBeLessThanOrEqual(last);
            }
            const result = apply(messy, edits).split('\n');
            result.forEach((line, i) => expect(line, `line ${i} of selection ${first}-${last}`).toBe(i >= first && i <= last ? fullLines[i] : messyLines[i]));
        }
    });
});
