/**
 * Property tests: random files whose expected rows and line numbers are known by
 * construction, scanned with tiny read sizes so that a chunk boundary falls at every
 * kind of position (inside quotes, between CR and LF, inside a UTF-8 character, …).
 */
import { describe, expect, it } from 'vitest';
import { type FieldSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import { tempDir } from './helpers.js';

const file = tempDir();
const CHUNK_SIZES = [1, 2, 3, 5, 7, 64, 4096];

/** Deterministic pseudo-random numbers (a 32-bit LCG). */
function random(seed: number): (n: number) => number {
    let state = seed >>> 0;
    return (n) => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state % n;
    };
}

const PIECES = ['a', 'b', 'xyz', ' ', ',', '"', '""', '\n', '\r\n', 'é', '€', '😀', '1', '{', ']', '\\'];
/** The same with a lone CR, the line end of old Mac files (Excel's "CSV (Macintosh)"). */
const PIECES_WITH_CR = [...PIECES, '\r'];

function randomText(next: (n: number) => number, pieces = PIECES): string {
    let text = '';
    const length = next(6);
    for (let i = 0; i < length; i++) text += pieces[next(pieces.length)];
    return text;
}

/** Physical lines ended so far: LF, CRLF (one line end) or a lone CR. */
function lineEnds(text: string): number {
    return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

async function scanAll(path: string, format: 'csv' | 'json' | 'ndjson', fields: FieldSpec[], chunk: number) {
    const rows: { values: RowValue[]; line: number }[] = [];
    await scanDataset({ name: 'r', path, format, fields }, (row, line) => rows.push({ values: [...row], line }), { skipInvalid: false, readChunkBytes: chunk });
    return rows;
}

describe('CSV across chunk boundaries', () => {
    // Seeds 5 and 6: lone CR line ends, and lone CRs inside quoted values.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
        it(`random file ${seed}: values and start lines match at every read size`, async () => {
            const next = random(seed);
            const width = 1 + next(4);
            const loneCr = seed >= 5;
            const eol = loneCr ? '\r' : seed % 2 === 0 ? '\r\n' : '\n';
            const fields: FieldSpec[] = Array.from({ length: width }, (_, c) => ({ name: `c${c}`, column: `c${c}`, kind: 'text', optional: true }));
            let text = (seed === 3 ? '\ufeff' : '') + fields.map((f) => f.column).join(',') + eol;
            const expected: { values: RowValue[]; line: number }[] = [];
            for (let r = 0; r < 60; r++) {
                const values = Array.from({ length: width }, () => randomText(next, loneCr ? PIECES_WITH_CR : PIECES));
                const cells = values.map((v, c) => {
                    // quote when needed, and sometimes when not; never leave a lone empty cell (a blank line)
                    const mustQuote = /[",\r\n]/.test(v) || (width === 1 && v === '') || (c === 0 && v === '' && width === 1);
                    return mustQuote || next(4) === 0 ? `"${v.replaceAll('"', '""')}"` : v;
                });
                // the record starts after every line end written so far
                const line = 1 + lineEnds(text);
                expected.push({ values: values.map((v) => (v === '' ? null : v)), line });
                text += cells.join(',') + (r < 59 || seed % 3 !== 0 ? eol : '');
            }
            const path = file(`random-${seed}.csv`, text);
            for (const chunk of CHUNK_SIZES) {
                expect(await scanAll(path, 'csv', fields, chunk), `read size ${chunk}`).toEqual(expected);
            }
        });
    }
});

describe('JSON and NDJSON across chunk boundaries', () => {
    const fields: FieldSpec[] = [
        { name: 'a', column: 'a', kind: 'text', optional: true },
        { name: 'n', column: 'n', kind: 'number', optional: false }
    ];

    it('NDJSON: values and lines match at every read size', async () => {
        const next = random(11);
        const lines: string[] = [];
        const expected: { values: RowValue[]; line: number }[] = [];
        for (let i = 0; i < 80; i++) {
            if (next(5) === 0) {
                lines.push('   '); // a blank line, skipped
                continue;
            }
            const a = randomText(next);
            const n = next(1000) / 8;
            lines.push(JSON.stringify({ n, a, nested: { list: [a, '}'] } }));
            expected.push({ values: [a === '' ? null : a, n], line: lines.length });
        }
        const path = file('random.ndjson', lines.join('\r\n'));
        for (const chunk of CHUNK_SIZES) {
            expect(await scanAll(path, 'ndjson', fields, chunk), `read size ${chunk}`).toEqual(expected);
        }
    });

    it('JSON array: values and element lines match at every read size', async () => {
        const next = random(12);
        const elements: string[] = [];
        const expected: { values: RowValue[]; line: number }[] = [];
        // Element 0 starts on line 2 (after "[\n"); each next one on the line after the previous one ends.
        let line = 2;
        for (let i = 0; i < 60; i++) {
            const a = randomText(next);
            const n = next(1000) / 4;
            const element = JSON.stringify({ a, n, more: [{ x: '[' }, a] }, null, next(2) === 0 ? 2 : undefined);
            elements.push(element);
            expected.push({ values: [a === '' ? null : a, n], line });
            line += element.split('\n').length;
        }
        const path = file('random.json', '\ufeff[\n' + elements.join(' ,\n  ') + '\n]\n');
        for (const chunk of CHUNK_SIZES) {
            expect(await scanAll(path, 'json', fields, chunk), `read size ${chunk}`).toEqual(expected);
        }
    });
});
