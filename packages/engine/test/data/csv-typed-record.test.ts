/**
 * The typed CSV path (src/data/csv-typed-record.ts): common records handed over as typed
 * values, every other record as a row array through the general reader. Each test reads
 * both kinds back into one list in file order and compares it with values worked out by
 * hand: instants from the written local time minus its offset (given to Date.UTC as the UTC
 * wall clock), latencies as written, scope values as written (unquoted, `""` as `"`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FieldSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { field, tempDir } from './helpers.js';

const file = tempDir();

const FIELDS: FieldSpec[] = [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration', { column: 'latency_ms', optional: true }), field('status', 'integer'), field('region', 'text')];
/** region is declared but read by nothing: left unread, as in an evaluation that does not use it */
const READ = new Set(['time', 'service', 'latency', 'status']);
const HEADER = 'time,service,latency_ms,status,region';

interface Read {
    /** [time, service, latency, status] per record, in file order; typed records and arrays alike */
    rows: (RowValue | undefined)[][];
    /** how each record came: typed or as an array */
    typed: boolean[];
    lines: number[];
}

async function read(path: string, options: { chunk?: number; fields?: FieldSpec[]; readFields?: Set<string>; timezone?: string; skipInvalid?: boolean } = {}): Promise<Read> {
    const fields = options.fields ?? FIELDS;
    const scopeValues: string[] = [];
    const ids = new Map<string, number>();
    const result: Read = { rows: [], typed: [], lines: [] };
    const target: TypedRowTarget = {
        numbers: new Float64Array(fields.length),
        scopeIds: new Int32Array(1),
        scopeSlots: Int32Array.from(fields, (f) => (f.name === 'service' ? 0 : -1)),
        scopeId(slot, text) {
            expect(slot).toBe(0);
            let id = ids.get(text);
            if (id === undefined) {
                id = scopeValues.length;
                ids.set(text, id);
                scopeValues.push(text);
            }
            return id;
        },
        accept() {
            const n = this.numbers;
            result.rows.push([n[0], scopeValues[this.scopeIds[0]!], Number.isNaN(n[2]) ? null : n[2], n[3]]);
            result.typed.push(true);
        }
    };
    await scanDataset(
        { name: 'requests', path, format: 'csv', fields, ...(options.timezone === undefined ? {} : { timezone: options.timezone }) },
        (row, line) => {
            result.rows.push([row[0], row[1], row[2], row[3]]);
            result.typed.push(false);
            result.lines.push(line);
        },
        { skipInvalid: options.skipInvalid ?? false, readFields: options.readFields ?? READ, typedRows: target, ...(options.chunk === undefined ? {} : { readChunkBytes: options.chunk }) }
    );
    return result;
}

// Each test twice: with the WebAssembly kernel reading the common records (csv-typed-kernel.test.ts) and with the JS reader alone.
for (const kernel of [true, false]) describe(`typed CSV records (${kernel ? 'WebAssembly kernel' : 'JS reader'})`, () => {
    beforeAll(() => useTypedCsvKernel(kernel));
    afterAll(() => useTypedCsvKernel(true));

    it('reads common records as typed values, across a DST change and with either offset form', async () => {
        const path = file(
            'plain.csv',
            [
                HEADER,
                '2026-03-29T01:59:59.999+01:00,svc01,12.5,200,eu-central-1',
                '2026-03-29T03:00:00.000+02:00,svc02,7,503,us-east-1',
                '2026-03-29T01:00:00.001Z,svc01,0.125,404,eu-central-1',
                ''
            ].join('\n')
        );
        const { rows, typed } = await read(path);
        expect(rows).toEqual([
            [Date.UTC(2026, 2, 29, 0, 59, 59, 999), 'svc01', 12.5, 200],
            [Date.UTC(2026, 2, 29, 1, 0, 0, 0), 'svc02', 7, 503],
            [Date.UTC(2026, 2, 29, 1, 0, 0, 1), 'svc01', 0.125, 404]
        ]);
        // The first record of a date goes the general way (it checks the date once); the others are typed.
        expect(typed.slice(1)).toEqual([true, true]);
    });

    it('hands quoted cells, escaped quotes, empty cells and CRLF records to the general reader with the same values', async () => {
        const path = file(
            'odd.csv',
            [
                HEADER,
                '2026-05-04T10:00:00.000Z,svc01,1,200,eu',
                '2026-05-04T10:00:01.000Z,"svc01",2,200,eu',
                '2026-05-04T10:00:02.000Z,"a""b",3,200,eu',
                '2026-05-04T10:00:03.000Z,svc02,,200,eu',
                '2026-05-04T10:00:04.000Z,svc02,4,200,"x,y"',
                '2026-05-04T10:00:05.000Z,svc03,5.5,500,eu\r',
                '2026-05-04T10:00:06.000Z,svc03,6,500,eu',
                ''
            ].join('\n')
        );
        const { rows, typed } = await read(path);
        const at = (second: number) => Date.UTC(2026, 4, 4, 10, 0, second);
        expect(rows).toEqual([
            [at(0), 'svc01', 1, 200],
            [at(1), 'svc01', 2, 200],
            [at(2), 'a"b', 3, 200],
            [at(3), 'svc02', null, 200],
            [at(4), 'svc02', 4, 200],
            [at(5), 'svc03', 5.5, 500],
            [at(6), 'svc03', 6, 500]
        ]);
        // quoted cell, escaped quote, empty cell, quoted unread cell: general reader; CRLF and plain records: typed
        expect(typed.slice(1)).toEqual([false, false, false, false, true, true]);
    });

    it('keeps line numbers right after typed records: an invalid cell is reported at file:line:column', async () => {
        const path = file('invalid.csv', [HEADER, '2026-05-04T10:00:00.000Z,svc01,1,200,eu', '2026-05-04T10:00:01.000Z,svc01,2,200,eu', '2026-05-04T10:00:02.000Z,svc01,3,200,eu', '2026-05-04T10:00:03.000Z,svc01,abc,200,eu', ''].join('\n'));
        // line 1 is the header: the fourth record is on line 5, latency_ms is column 3
        await expect(read(path)).rejects.toThrow(/invalid\.csv:5:3: invalid value "abc" for field latency/);
        const skipped = await read(path, { skipInvalid: true });
        expect(skipped.rows.map((row) => row[2])).toEqual([1, 2, 3]);
    });

    it('reads the same values whatever the read size (records cut by every buffer end)', async () => {
        const lines = [HEADER];
        const expected: (RowValue | undefined)[][] = [];
        for (let i = 0; i < 40; i++) {
            const second = String(i % 60).padStart(2, '0');
            const service = `svc${String(i % 7).padStart(2, '0')}`;
            const latency = `${i}.${i % 10}`;
            lines.push(`2026-10-25T02:30:${second}.000${i < 20 ? '+02:00' : '+01:00'},${service},${latency},${i % 3 === 0 ? 500 : 200},r${i}`);
            // 02:30 at +02:00 is 00:30 UTC; the second 02:30 (at +01:00, after the change back) is 01:30 UTC
            expected.push([Date.UTC(2026, 9, 25, i < 20 ? 0 : 1, 30, i % 60), service, i + (i % 10) / 10, i % 3 === 0 ? 500 : 200]);
        }
        const path = file('chunks.csv', lines.join('\n') + '\n');
        for (const chunk of [1, 7, 64, 100, 4096]) {
            const { rows } = await read(path, { chunk });
            expect(rows.length, `read size ${chunk}`).toBe(40);
            rows.forEach((row, i) => {
                expect(row[0], `time of record ${i}, read size ${chunk}`).toBe(expected[i]![0]);
                expect(row[1]).toBe(expected[i]![1]);
                expect(row[2]).toBeCloseTo(expected[i]![2] as number, 12);
                expect(row[3]).toBe(expected[i]![3]);
            });
        }
        // parsed as the general reader parses it: the same double, not merely a close one
        const { rows } = await read(path);
        expect(rows[13]![2]).toBe(13.3);
    });

    it('is not used when a text field other than a scope is read, and falls back for naive timestamps', async () => {
        const path = file('naive.csv', [HEADER, '2026-03-29 03:30:00,svc01,1,200,eu', '2026-03-29 03:31:00,svc01,2,200,eu', ''].join('\n'));
        // naive Berlin time 03:30 on the day of the change to summer time is 01:30 UTC
        const naive = await read(path, { timezone: 'Europe/Berlin' });
        expect(naive.rows.map((row) => row[0])).toEqual([Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 2, 29, 1, 31)]);
        expect(naive.typed).toEqual([false, false]);
        const plain = file('region-read.csv', [HEADER, '2026-05-04T10:00:00.000Z,svc01,1,200,eu', '2026-05-04T10:00:01.000Z,svc01,2,200,eu', ''].join('\n'));
        const withRegion = await read(plain, { readFields: new Set([...READ, 'region']) });
        expect(withRegion.typed).toEqual([false, false]);
        expect(withRegion.rows.map((row) => row[2])).toEqual([1, 2]);
    });
    it('reads a new date in the record itself, across month and year ends, and leaves an impossible date to the general reader', async () => {
        const path = file(
            'dates.csv',
            [
                HEADER,
                '2025-12-31T23:59:59.999+01:00,svc01,1,200,eu',
                '2026-01-01T00:00:00.000+01:00,svc01,2,200,eu',
                '2026-01-31T23:30:00.000z,svc02,3,200,eu',
                '2026-02-01T00:00:00.001-05:30,svc02,4,200,eu',
                '2026-02-28T12:00:00.000Z,svc01,5,200,eu',
                '2026-02-30T12:00:00.000Z,svc01,6,200,eu',
                ''
            ].join('\n')
        );
        // Instants by hand: local wall clock minus its offset (+01:00 → one hour earlier in UTC, -05:30 → 5.5 h later); `z` is UTC.
        const expected = [
            Date.UTC(2025, 11, 31, 22, 59, 59, 999),
            Date.UTC(2025, 11, 31, 23, 0, 0, 0),
            Date.UTC(2026, 0, 31, 23, 30, 0, 0),
            Date.UTC(2026, 1, 1, 5, 30, 0, 1),
            Date.UTC(2026, 1, 28, 12, 0, 0, 0)
        ];
        // 2026-02-30 does not exist: the general reader rejects it, at line 7 (after the header and five records), column 1.
        await expect(read(path)).rejects.toThrow(/dates\.csv:7:1: .*no such date 2026-02-30/);
        const skipped = await read(path, { skipInvalid: true });
        expect(skipped.rows.map((row) => row[0])).toEqual(expected);
        // Every valid record, a new date or not, is read as typed values.
        expect(skipped.typed).toEqual([true, true, true, true, true]);
    });
    it('gives the same text in two scoped columns the id of its own column', async () => {
        // service and region both scoped; the scope ids of each column's values counted from 0 and from 100 (by hand: svc/eu first seen → 0 / 100).
        const fields: FieldSpec[] = [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration', { column: 'latency_ms' }), field('status', 'integer'), field('region', 'text')];
        const path = file('two-scopes.csv', [HEADER, '2026-05-04T10:00:00.000Z,eu,1,200,eu', '2026-05-04T10:00:01.000Z,us,2,200,eu', '2026-05-04T10:00:02.000Z,eu,3,200,us', ''].join('\n'));
        const ids = [new Map<string, number>(), new Map<string, number>()];
        const got: number[][] = [];
        const target: TypedRowTarget = {
            numbers: new Float64Array(fields.length),
            scopeIds: new Int32Array(2),
            scopeSlots: Int32Array.from(fields, (f) => (f.name === 'service' ? 0 : f.name === 'region' ? 1 : -1)),
            scopeId(slot, text) {
                const known = ids[slot]!;
                if (!known.has(text)) known.set(text, slot * 100 + known.size);
                return known.get(text)!;
            },
            accept() {
                got.push([this.scopeIds[0]!, this.scopeIds[1]!]);
            }
        };
        await scanDataset({ name: 'requests', path, format: 'csv', fields }, () => expect.fail('every record is a common one'), { skipInvalid: false, typedRows: target });
        expect(got).toEqual([
            [0, 100],
            [1, 100],
            [0, 101]
        ]);
    });

    it('does not take a date that differs from the last one only in a separator for that date', async () => {
        const path = file('separator.csv', [HEADER, '2026-05-04T10:00:00.000Z,svc01,1,200,eu', '2026x05-04T10:00:01.000Z,svc01,2,200,eu', '2026-05/04T10:00:02.000Z,svc01,3,200,eu', '2026-05-04T10:00:03.000Z,svc01,4,200,eu', ''].join('\n'));
        const { rows } = await read(path, { skipInvalid: true });
        expect(rows).toEqual([
            [Date.UTC(2026, 4, 4, 10, 0, 0), 'svc01', 1, 200],
            [Date.UTC(2026, 4, 4, 10, 0, 3), 'svc01', 4, 200]
        ]);
    });
});
