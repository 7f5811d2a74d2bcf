import { describe, expect, it } from 'vitest';
import { columnsOfPrefix, firstRecordOfPrefix, FIRST_RECORD_PREFIX_BYTES } from '../../src/data/index.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('firstRecordOfPrefix: CSV', () => {
    it('keys the first data record by the header, as the scan reads them', () => {
        const text = '\uFEFF"opened", responded ,"pri,ority"\r\n\r\n2026-03-02 09:00,"2026-03-02 09:10","P1, ""urgent"""\r\n2026-03-03 10:00,,P2\r\n';
        // BOM skipped; header names trimmed and unquoted; the blank line skipped; quotes and "" escapes read.
        expect(firstRecordOfPrefix(bytes(text), 'csv', true)).toEqual({
            opened: '2026-03-02 09:00',
            responded: '2026-03-02 09:10',
            'pri,ority': 'P1, "urgent"'
        });
    });
    it('reads a header wider than the scanner first allows (64 columns)', () => {
        const names = Array.from({ length: 100 }, (_, i) => `c${i}`);
        const values = names.map((_, i) => String(i));
        const record = firstRecordOfPrefix(bytes(`${names.join(',')}\n${values.join(',')}\n`), 'csv', true);
        expect(record?.c0).toBe('0');
        expect(record?.c99).toBe('99');
    });
    it('leaves out the cells a short record lacks', () => {
        expect(firstRecordOfPrefix(bytes('a,b,c\n1,2\n'), 'csv', true)).toEqual({ a: '1', b: '2' });
    });
    it('takes a last record without newline only when the bytes are the whole file', () => {
        const text = 'opened,priority\n2026-03-02T09:00:00Z,P1';
        expect(firstRecordOfPrefix(bytes(text), 'csv', true)).toEqual({ opened: '2026-03-02T09:00:00Z', priority: 'P1' });
        // Cut at the prefix's end, "P1" might be "P10": no record rather than a wrong one.
        expect(firstRecordOfPrefix(bytes(text), 'csv', false)).toBeUndefined();
    });
    it('has no record for a header alone or an empty file', () => {
        expect(firstRecordOfPrefix(bytes('opened,priority\n'), 'csv', true)).toBeUndefined();
        expect(firstRecordOfPrefix(bytes(''), 'csv', true)).toBeUndefined();
        // a header cut by the prefix: not even the column names are known
        expect(firstRecordOfPrefix(bytes('opened,prio'), 'csv', false)).toBeUndefined();
    });
    it('reads a subarray of a larger buffer from its own start', () => {
        const whole = bytes('xxxxa,b\n1,2\n');
        expect(firstRecordOfPrefix(whole.subarray(4), 'csv', true)).toEqual({ a: '1', b: '2' });
    });
});

describe('firstRecordOfPrefix: NDJSON', () => {
    it('parses the first non-blank line', () => {
        const text = '\n  \n{"opened":"2026-03-02T09:00:00","n":3}\n{"opened":"x"}\n';
        expect(firstRecordOfPrefix(bytes(text), 'ndjson', true)).toEqual({ opened: '2026-03-02T09:00:00', n: 3 });
    });
    it('needs the first line complete unless the bytes are the whole file', () => {
        expect(firstRecordOfPrefix(bytes('{"a":1}'), 'ndjson', true)).toEqual({ a: 1 });
        expect(firstRecordOfPrefix(bytes('{"a":1'), 'ndjson', false)).toBeUndefined();
    });
    it('has no record when the first line is not a JSON object', () => {
        expect(firstRecordOfPrefix(bytes('[1,2]\n'), 'ndjson', true)).toBeUndefined();
        expect(firstRecordOfPrefix(bytes('{oops}\n'), 'ndjson', true)).toBeUndefined();
    });
});

describe('firstRecordOfPrefix: JSON array', () => {
    it('parses the first element, even when the array is cut after it', () => {
        const text = '\uFEFF [\n  {"opened": "2026-03-02T09:00:00Z", "note": "a } in a string"},\n  {"opened": "2026-03-0';
        expect(firstRecordOfPrefix(bytes(text), 'json', false)).toEqual({ opened: '2026-03-02T09:00:00Z', note: 'a } in a string' });
    });
    it('has no record for a cut first element, an empty array or a top-level object', () => {
        expect(firstRecordOfPrefix(bytes('[{"opened": "2026-'), 'json', false)).toBeUndefined();
        expect(firstRecordOfPrefix(bytes('[]'), 'json', true)).toBeUndefined();
        expect(firstRecordOfPrefix(bytes('{"rows": [{"a": 1}]}'), 'json', true)).toBeUndefined();
    });
});

describe('columnsOfPrefix', () => {
    it('CSV: the header names as evaluation matches them, with or without data rows', () => {
        // BOM skipped, names trimmed and unquoted; a short first record takes nothing away.
        expect(columnsOfPrefix(bytes('\uFEFF"opened", pri,ority\n1\n'), 'csv', true)).toEqual(['opened', 'pri', 'ority']);
        expect(columnsOfPrefix(bytes('opened,priority\n'), 'csv', true)).toEqual(['opened', 'priority']);
        expect(columnsOfPrefix(bytes('opened,priority'), 'csv', true)).toEqual(['opened', 'priority']);
    });
    it('CSV: nothing from a cut header line or an empty file', () => {
        expect(columnsOfPrefix(bytes('opened,prio'), 'csv', false)).toBeUndefined();
        expect(columnsOfPrefix(bytes(''), 'csv', true)).toBeUndefined();
    });
    it('JSON and NDJSON: the keys of the first record', () => {
        expect(columnsOfPrefix(bytes('{"opened":"x","n":3}\n{"other":1}\n'), 'ndjson', true)).toEqual(['opened', 'n']);
        expect(columnsOfPrefix(bytes('[{"opened":"x"},{"other":1}]'), 'json', true)).toEqual(['opened']);
        expect(columnsOfPrefix(bytes('[]'), 'json', true)).toBeUndefined();
    });
});

describe('FIRST_RECORD_PREFIX_BYTES', () => {
    it('holds a header and a record with room to spare', () => {
        // 64 KiB = 65,536 bytes
        expect(FIRST_RECORD_PREFIX_BYTES).toBe(65_536);
    });
});
