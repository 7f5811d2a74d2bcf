import { describe, expect, it } from 'vitest';
import { isNaiveTimestamp, type ParsedTimestamp, parseDecimalBytes, parseTimestampBytes, scanDataset } from '../../src/data/index.js';
import { field, tempDir } from './helpers.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const decimal = (text: string, multiplier = 1, shift = 0) => parseDecimalBytes(bytes(text), 0, Buffer.byteLength(text), multiplier, shift);
const timestamp = (text: string) => {
    const out: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    parseTimestampBytes(bytes(text), 0, Buffer.byteLength(text), out);
    return out;
};

describe('parseDecimalBytes', () => {
    it('gives the same double as Number() for ordinary decimals', () => {
        for (const text of ['0', '1', '-1', '0.1', '0.3', '123.456', '1e3', '2.5E-3', '+7', '.5', '5.', '000123', '9007199254740991', '1e22', '1e-22']) {
            expect(decimal(text)).toBe(Number(text));
        }
    });
    it('falls back to Number() beyond 15 significant digits', () => {
        expect(decimal('12345678901234567890')).toBe(12345678901234567890);
        expect(decimal('0.12345678901234567')).toBe(0.12345678901234567);
    });
    it('scales exactly: 1.005 s = 1005 ms, 99.95 % = 0.9995', () => {
        // a naive 1.005 × 1000 gives 1004.9999999999999; 99.95 / 100 gives 0.9994999999999999
        expect(decimal('1.005', 1000)).toBe(1005);
        expect(decimal('99.95', 1, -2)).toBe(0.9995);
    });
    it('rejects what is not a plain decimal', () => {
        for (const text of ['', ' ', '-', '.', '1,5', '1.2.3', '0x10', 'NaN', 'Infinity', '1e', '12a']) expect(decimal(text)).toBeNaN();
    });
    it('allows surrounding blanks', () => {
        expect(decimal('  42 \t')).toBe(42);
    });
});

describe('parseTimestampBytes', () => {
    it('reads the usual 24- and 29-byte forms on a repeated date as Date.parse does, and rejects near misses', () => {
        // The same date twice: the second reading takes the fixed-position fast path.
        for (const text of ['2026-03-29T01:59:59.999+01:00', '2026-03-29T03:00:00.000+02:00', '2026-03-29T23:59:59.123Z', '2026-03-29T00:00:00.000-09:30', '2026-03-29T12:34:56.789z']) {
            expect(timestamp(text).ms).toBe(Date.parse(text.toUpperCase()));
            expect(timestamp(text)).toMatchObject({ ms: Date.parse(text.toUpperCase()), naive: false });
        }
        for (const text of ['2026-03-29T24:00:00.000Z', '2026-03-29T23:60:00.000Z', '2026-03-29T23:00:60.000Z', '2026-03-29T2a:00:00.000Z', '2026-03-29T23:00:00.0:0Z',
            '2026-03-29T23:00:00.000+24:00', '2026-03-29T23:00:00.000+01:60', '2026-03-29T23:00:00.000+01-00', '2026-03-29T23:00:00.000*01:00', '2026-03-29T23:00:00.000+0/:00',
            '2026-03-29T23:00:00.000X', '2026-03-2/T23:00:00.000Z']) {
            timestamp('2026-03-29T00:00:00.000Z');
            expect(timestamp(text).ms, text).toBeNaN();
        }
    });
    it('reads a date that differs from the last one in a single byte as that date', () => {
        // The fast path compares the date's bytes with the last date's: each of these differs
        // from the one before in one digit, and must read as Date.parse reads it.
        for (const text of ['2026-03-29T10:00:00.000Z', '2026-03-28T10:00:00.000Z', '2026-04-28T10:00:00.000Z', '2027-04-28T10:00:00.000Z', '2127-04-28T10:00:00.000Z', '2127-04-18T10:00:00.000Z', '2026-03-29T10:00:00.000Z']) {
            expect(timestamp(text).ms, text).toBe(Date.parse(text));
            expect(timestamp(text).ms, text).toBe(Date.parse(text));
        }
    });
    it('reads offsets and Z into epoch ms', () => {
        expect(timestamp('2026-03-01T10:00:00Z')).toMatchObject({ ms: Date.UTC(2026, 2, 1, 10), naive: false });
        // 10:00 at +05:45 = 04:15Z
        expect(timestamp('2026-03-01T10:00:00+05:45').ms).toBe(Date.UTC(2026, 2, 1, 4, 15));
        expect(timestamp('2026-03-01T10:00:00+0545').ms).toBe(Date.UTC(2026, 2, 1, 4, 15));
        // 10:00 at -03 = 13:00Z
        expect(timestamp('2026-03-01t10:00-03').ms).toBe(Date.UTC(2026, 2, 1, 13));
    });
    it('truncates fractions past milliseconds', () => {
        expect(timestamp('2026-03-01T10:00:00.123456789Z').ms).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 123));
        expect(timestamp('2026-03-01T10:00:00,5Z').ms).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 500));
    });
    it('marks readings without an offset as naive wall-clock time', () => {
        expect(timestamp('2026-03-01 10:00')).toMatchObject({ ms: Date.UTC(2026, 2, 1, 10), naive: true });
        expect(timestamp('2026-03-01')).toMatchObject({ ms: Date.UTC(2026, 2, 1), naive: true });
    });
    it('rejects impossible dates even right after a valid one of the same month', () => {
        expect(timestamp('2024-02-29T00:00:00Z').ms).toBe(Date.UTC(2024, 1, 29)); // a leap year
        const bad = timestamp('2026-02-29T00:00:00Z');
        expect(bad.ms).toBeNaN();
        expect(bad.problem).toBe('no such date 2026-02-29');
    });
    it('rejects malformed text', () => {
        for (const text of ['2026-3-01T10:00:00Z', '2026-03-01T10:00:00ZZ', '2026-03-01T10', '2026-03-01T10:00:0Z', '2026-03-01T10:00:00.Z', '2026-03-01T10:00:00+5']) {
            expect(timestamp(text).ms).toBeNaN();
        }
    });
});

describe('progress', () => {
    const file = tempDir();
    it('reports bytes read up to the file size', async () => {
        const content = 'a\n' + '1\n'.repeat(1000);
        const path = file('progress.csv', content);
        const calls: [number, number][] = [];
        const result = await scanDataset({ name: 'p', path, format: 'csv', fields: [field('a', 'integer')] }, () => {}, {
            skipInvalid: false,
            onProgress: (read, total) => calls.push([read, total])
        });
        // 2 + 1000 × 2 = 2,002 bytes
        expect(result.bytes).toBe(2_002);
        expect(result.rows).toBe(1_000);
        expect(calls[calls.length - 1]).toEqual([2_002, 2_002]);
    });
});

describe('isNaiveTimestamp', () => {
    it('is true for valid timestamps without Z or offset: they need a time zone', () => {
        expect(isNaiveTimestamp('2026-03-02 09:00')).toBe(true);
        expect(isNaiveTimestamp('2026-03-02T09:00:00.250')).toBe(true);
        expect(isNaiveTimestamp('2026-03-02')).toBe(true); // a date alone is local midnight
    });
    it('is false for timestamps with Z or an offset', () => {
        expect(isNaiveTimestamp('2026-03-02T09:00:00Z')).toBe(false);
        expect(isNaiveTimestamp('2026-03-02 09:00:00+01:00')).toBe(false);
        expect(isNaiveTimestamp('2026-03-02T09:00:00-0500')).toBe(false);
    });
    it('is false for what is no timestamp (evaluation rejects those as invalid values) and for non-strings', () => {
        expect(isNaiveTimestamp('soon')).toBe(false);
        expect(isNaiveTimestamp('2026-02-30 09:00')).toBe(false);
        expect(isNaiveTimestamp('')).toBe(false);
        expect(isNaiveTimestamp(1767225600000)).toBe(false);
        expect(isNaiveTimestamp(null)).toBe(false);
    });
});
