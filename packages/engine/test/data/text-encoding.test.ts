import { describe, expect, it } from 'vitest';
import { foreignEncodingAt } from '../../src/data/text-encoding.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const bytes = (...values: number[]) => Uint8Array.from(values);
const at = (b: Uint8Array) => foreignEncodingAt(b, 0, b.length);

/** `text` encoded as UTF-16 or UTF-32, with or without its byte order mark. */
function encoded(text: string, encoding: 'utf16le' | 'utf16be' | 'utf32le', bom: boolean): Buffer {
    const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
    if (encoding === 'utf16le') return le;
    if (encoding === 'utf16be') return Buffer.from(le).swap16();
    const out = Buffer.alloc(le.length * 2);
    for (let i = 0; i < le.length; i += 2) le.copy(out, i * 2, i, i + 2);
    return out;
}

describe('the encoding a data file starts with', () => {
    it('names UTF-16 and UTF-32 by their byte order marks, and UTF-16 of ASCII text without one', () => {
        expect(at(bytes(0xff, 0xfe, 0x69, 0x00))).toBe('UTF-16 (little-endian)');
        expect(at(bytes(0xfe, 0xff, 0x00, 0x69))).toBe('UTF-16 (big-endian)');
        expect(at(bytes(0xff, 0xfe, 0x00, 0x00))).toBe('UTF-32 (little-endian)');
        expect(at(bytes(0x00, 0x00, 0xfe, 0xff))).toBe('UTF-32 (big-endian)');
        expect(at(bytes(0x69, 0x00, 0x64, 0x00))).toBe('UTF-16 (little-endian, without byte order mark)');
        expect(at(bytes(0x00, 0x69, 0x00, 0x64))).toBe('UTF-16 (big-endian, without byte order mark)');
    });

    it('says nothing of UTF-8 (with or without its byte order mark), of short files, or past the range given', () => {
        expect(at(Buffer.from('id,name\n'))).toBeUndefined();
        expect(at(bytes(0xef, 0xbb, 0xbf, 0x69))).toBeUndefined();
        expect(at(Buffer.from('Zürich,ünter\n'))).toBeUndefined();
        expect(at(bytes(0x69, 0x00))).toBeUndefined();
        expect(at(bytes())).toBeUndefined();
        // The range ends before the zero bytes: not judged on bytes past it.
        expect(foreignEncodingAt(bytes(0x69, 0x00, 0x64, 0x00), 0, 3)).toBeUndefined();
        expect(foreignEncodingAt(bytes(0x2c, 0x69, 0x00, 0x64, 0x00), 1, 5)).toBe('UTF-16 (little-endian, without byte order mark)');
    });
});

describe('a data file in UTF-16 or UTF-32 is refused at its start, saying what it is and what to do', () => {
    const csv = 'time,latency_ms\n2026-03-01T10:00:00Z,5\n';
    const fields = [field('time', 'timestamp'), field('latency', 'duration', { column: 'latency_ms' })];

    it.each([
        ['utf16le', true, 'UTF-16 (little-endian)'],
        ['utf16be', true, 'UTF-16 (big-endian)'],
        ['utf16le', false, 'UTF-16 (little-endian, without byte order mark)'],
        ['utf16be', false, 'UTF-16 (big-endian, without byte order mark)'],
        ['utf32le', true, 'UTF-32 (little-endian)']
    ] as const)('CSV in %s (byte order mark: %s)', async (encoding, bom, name) => {
        const path = file(`requests-${encoding}-${bom}.csv`, encoded(csv, encoding, bom));
        const err = await rejection(scan(path, fields));
        expect(err.line).toBe(1);
        // UTF-16 can be declared (`encoding "utf-16"`: csv-encoding.test.ts), UTF-32 cannot.
        const declare = encoding.startsWith('utf16') ? 'declare encoding "utf-16" in the dataset, or ' : '';
        expect(err.message).toContain(`requests-${encoding}-${bom}.csv:1:1: the file is ${name} text, and data files are read as UTF-8: ${declare}save it as UTF-8 (in Excel: Save As "CSV UTF-8"; in PowerShell: -Encoding utf8)`);
        // Not the symptoms it used to be reported by.
        expect(err.message).not.toMatch(/missing column|not valid UTF-8/);
    });

    it('JSON and NDJSON too, without the Excel advice', async () => {
        const array = await rejection(scan(file('requests.json', encoded('[{"time": "2026-03-01T10:00:00Z", "latency_ms": 5}]\n', 'utf16be', false)), fields));
        expect(array.message).toContain('requests.json:1:1: the file is UTF-16 (big-endian, without byte order mark) text, and data files are read as UTF-8: save it as UTF-8 (in PowerShell: -Encoding utf8)');
        const lines = await rejection(scan(file('requests.ndjson', encoded('{"time": "2026-03-01T10:00:00Z", "latency_ms": 5}\n', 'utf32le', true)), fields, { skipInvalid: true }));
        // A file-level problem: --skip-invalid does not turn it into a rejected record per line.
        expect(lines.message).toContain('requests.ndjson:1:1: the file is UTF-32 (little-endian) text');
    });

    it('the same data in UTF-8 (with its byte order mark) are read', async () => {
        const { rows } = await scan(file('requests-utf8.csv', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(csv)])), fields);
        expect(rows.map((r) => r.values)).toEqual([[Date.UTC(2026, 2, 1, 10), 5]]);
        const { rows: json } = await scan(file('requests-utf8.ndjson', '{"time": "2026-03-01T10:00:00Z", "latency_ms": 5}\n'), fields);
        expect(json).toHaveLength(1);
    });
});
