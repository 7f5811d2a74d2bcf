/**
 * The typed CSV reader's WebAssembly kernel (wasm/typed-csv.ts, src/data/csv-typed-kernel.ts)
 * against the JS reader: generated files of common and uncommon records (timestamps with `Z`
 * and offsets, day changes, leap days, invalid dates and times; numbers with and without a
 * fraction or a minus, of 15 and 16 digits, with the multipliers and shifts of declared units;
 * empty cells, quotes, CRLF, long and invalid UTF-8 texts, thousands of distinct texts) are
 * read once with the kernel and once without, at several read sizes (records cut at the
 * buffer's end), and must give the same rows bit for bit, the same rejected rows with the same
 * messages, and the same scope ids. The kernel is built by `npm run build` (out/data/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DataError, type FieldSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { compileKernel, takeTypedCsvKernel, typedCsvKernelAvailable, useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { field, tempDir } from './helpers.js';
import { seededRandom, type SeededRandom } from '../seeded-random.js';

const file = tempDir();

afterEach(() => useTypedCsvKernel(true));

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

type Random = SeededRandom;

/** A timestamp cell: mostly the usual form on a few consecutive days, sometimes anything else. */
function timestampCell(random: Random, day: { value: number }, odd: boolean): string {
    if (random.chance(0.02)) day.value++;
    const date = new Date(Date.UTC(2024, 1, 27) + day.value * 86_400_000); // across 2024-02-29
    const usualDate = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
    const time = `${pad(random.int(24), 2)}:${pad(random.int(60), 2)}:${pad(random.int(60), 2)}.${pad(random.int(1000), 3)}`;
    const offset = `${random.pick(['+', '-'])}${pad(random.int(24), 2)}:${pad(random.int(60), 2)}`;
    if (!odd) return `${usualDate}T${time}${random.chance(0.5) ? 'Z' : offset}`;
    return random.pick([
        `${usualDate}T${time}z`,
        `${usualDate}T${time}+14:00`,
        `${usualDate}T${time}+24:00`,
        `${usualDate}T${time}-00:60`,
        `${usualDate}T${time}+0100`,
        `${usualDate} ${time}Z`,
        `${usualDate}t${time}Z`,
        `${usualDate}T24:00:00.000Z`,
        `${usualDate}T23:60:00.000Z`,
        `${usualDate}T23:59:60.000Z`,
        `${usualDate}T12:00:00Z`,
        `${usualDate}T12:00:00.5Z`,
        `${usualDate}T12:00:00.1234Z`,
        `${usualDate}T1a:00:00.000Z`,
        `${usualDate.slice(0, 4)}x${usualDate.slice(5)}T${time}Z`,
        `${usualDate.slice(0, 7)}/${usualDate.slice(8)}T${time}Z`,
        `2024-02-29T${time}Z`,
        `2023-02-29T${time}Z`,
        `2100-02-29T${time}Z`,
        `2000-02-29T${time}+01:00`,
        `2026-13-01T${time}Z`,
        `2026-00-10T${time}Z`,
        `2026-04-31T${time}Z`,
        `2026-04-00T${time}Z`,
        `0000-01-01T${time}Z`,
        `0000-03-01T${time}-01:00`,
        `9999-12-31T${time}Z`,
        `1969-12-31T23:59:59.999Z`,
        `${usualDate}T${time}`, // naive: the dataset's zone
        ''
    ]);
}

/** A number cell of at most `digits` digits, sometimes malformed. */
function numberCell(random: Random, negative: boolean, odd: boolean): string {
    if (!odd) {
        const integer = String(random.int(100_000));
        const fraction = random.chance(0.6) ? `.${String(random.int(1000)).padStart(random.int(4), '0')}` : '';
        return `${negative && random.chance(0.2) ? '-' : ''}${integer}${fraction === '.' ? '' : fraction}`;
    }
    return random.pick([
        '0', '-0', '-0.0', '00012', '1.', '.5', '-.5', '.', '-', '+5', '1e3', '1,5', ' 7', '7 ', 'NaN', '0x10',
        '123456789012345', '1234567890.12345', '-99999999999999.9', '1234567890123456', '12345678901234.56', '0.000000000000001',
        '9007199254740991', '9007199254740993', '999999999999999', '-999999999999999', '4503599627370496.5', '',
        // around the kernel's one-word form (up to 8 bytes after a minus) and its edges
        '12345678', '-12345678', '1234567.8', '123456.78', '.1234567', '1234567.', '1.2.3', '1..2', '-.', '--1', '1-2', '١٢٣', '12\u00a0', '0.0000001'
    ]);
}

const SERVICES = Array.from({ length: 40 }, (_, k) => `svc${pad(k, 2)}`);

/** A text cell: one of a few values, or (odd) a new one, long, quoted, empty or not UTF-8. */
function textCell(random: Random, serial: { value: number }, odd: boolean): string | Buffer {
    if (!odd) return random.pick(SERVICES);
    const kind = random.int(10);
    switch (kind) {
        case 0:
        case 1:
        case 2:
        case 9:
            return `client-${serial.value++}`; // distinct: misses, and the kernel's table fills and empties
        case 3:
            return `long-${'x'.repeat(random.int(300))}`; // over 32 and over 255 bytes
        case 4:
            return random.pick(['"svc01"', '"a,b"', '"say ""hi"""', 'a"b', '""']);
        case 5:
            return Buffer.from([0x73, 0x76, 0x63, 0xff]); // not UTF-8
        case 6:
            return Buffer.from([0x63, 0xc3]); // a cut two-byte sequence
        case 7:
            return 'straße-ünïcödé';
        default:
            return '';
    }
}

const FIELDS: FieldSpec[] = [
    field('time', 'timestamp'),
    field('service', 'text'),
    field('latency', 'duration', { column: 'latency_s', durationUnitMs: 1000, optional: true }),
    field('status', 'integer'),
    field('share', 'percent', { optional: true }),
    field('amount', 'number'),
    field('wait', 'duration', { column: 'wait_min', durationUnitMs: 60_000 }),
    field('region', 'text', { optional: true })
];
const HEADER = 'time,service,latency_s,status,share,amount,wait_min,region,comment';

/** A CSV file of `records` generated records (as bytes: some cells are not UTF-8). */
function generatedCsv(seed: number, records: number): Buffer {
    const random = seededRandom(seed);
    const day = { value: 0 };
    const serial = { value: 0 };
    const parts: Buffer[] = [Buffer.from(`${HEADER}\n`)];
    for (let r = 0; r < records; r++) {
        // A quarter of the records have one cell of any form; the others are of the usual forms (most of them common).
        const odd = random.chance(0.25) ? random.int(9) : -1;
        const cells: (string | Buffer)[] = [
            timestampCell(random, day, odd === 0),
            textCell(random, serial, odd === 1),
            numberCell(random, false, odd === 2),
            odd === 3 ? numberCell(random, true, true) : random.pick(['200', '200', '404', '503']),
            numberCell(random, true, odd === 4),
            numberCell(random, true, odd === 5),
            numberCell(random, false, odd === 6),
            odd === 7 ? textCell(random, serial, true) : random.pick(['eu-central-1', 'us-east-1', 'sa-east-1', 'svc01']),
            odd === 8 ? random.pick(['', '"a\nb"', 'x'.repeat(random.int(100)), '"q"']) : 'ok'
        ];
        if (random.chance(0.01)) cells.pop(); // a short record
        if (random.chance(0.01)) cells.push('extra'); // a long one
        const end = random.chance(0.9) ? '\n' : random.pick(['\r\n', '\r\n', '\r', '\n\n']);
        for (let c = 0; c < cells.length; c++) {
            if (c > 0) parts.push(Buffer.from(','));
            const cell = cells[c]!;
            parts.push(typeof cell === 'string' ? Buffer.from(cell) : cell);
        }
        if (r < records - 1 || random.chance(0.5)) parts.push(Buffer.from(end));
    }
    return Buffer.concat(parts);
}

/** The bits of a double (0 and -0 differ, every NaN the same), or the value itself. */
function exact(value: RowValue | undefined): unknown {
    if (typeof value !== 'number') return value;
    if (Number.isNaN(value)) return 'NaN';
    const bits = new DataView(new ArrayBuffer(8));
    bits.setFloat64(0, value);
    return `f64:${bits.getBigUint64(0).toString(16)}`;
}

interface Read {
    /** per record, in file order: how it came (typed or row) and its values */
    rows: unknown[][];
    typed: number;
    errors: string[];
    /** the scope ids given out, per slot, in order */
    ids: string[][];
}

/** Reads `path` with typed rows into one list (typed and array rows alike), as an evaluation's sink would. */
async function read(path: string, options: { chunk?: number; readRegion: boolean; timezone?: string }): Promise<Read> {
    const scopes: string[][] = [[], []];
    const maps = [new Map<string, number>(), new Map<string, number>()];
    const result: Read = { rows: [], typed: 0, errors: [], ids: scopes };
    const regionIndex = FIELDS.findIndex((f) => f.name === 'region');
    const target: TypedRowTarget = {
        numbers: new Float64Array(FIELDS.length).fill(NaN),
        scopeIds: new Int32Array(options.readRegion ? 2 : 1),
        scopeSlots: Int32Array.from(FIELDS, (f) => (f.name === 'service' ? 0 : f.name === 'region' && options.readRegion ? 1 : -1)),
        scopeId(slot, text) {
            let id = maps[slot]!.get(text);
            if (id === undefined) {
                id = scopes[slot]!.length;
                maps[slot]!.set(text, id);
                scopes[slot]!.push(text);
            }
            return id;
        },
        accept() {
            const n = this.numbers;
            result.rows.push(['typed', exact(n[0]), scopes[0]![this.scopeIds[0]!], exact(n[2]), exact(n[3]), exact(n[4]), exact(n[5]), exact(n[6]), options.readRegion ? scopes[1]![this.scopeIds[1]!] : null]);
            result.typed++;
        }
    };
    const readFields = new Set(FIELDS.map((f) => f.name).filter((name) => name !== 'region' || options.readRegion));
    await scanDataset(
        { name: 'requests', path, format: 'csv', fields: FIELDS, ...(options.timezone === undefined ? {} : { timezone: options.timezone }) },
        (row, line) => result.rows.push(['row', line, ...row.slice(0, regionIndex).map(exact), options.readRegion ? row[regionIndex] : null]),
        { skipInvalid: true, onInvalid: (error: DataError) => result.errors.push(error.message), readFields, typedRows: target, ...(options.chunk === undefined ? {} : { readChunkBytes: options.chunk }) }
    );
    return result;
}

async function both(path: string, options: { chunk?: number; readRegion: boolean; timezone?: string }): Promise<{ kernel: Read; js: Read; kernelRecords: number }> {
    useTypedCsvKernel(true);
    const before = recordsReadByKernel();
    const kernel = await read(path, options);
    const kernelRecords = recordsReadByKernel() - before;
    useTypedCsvKernel(false);
    const js = await read(path, options);
    expect(recordsReadByKernel() - before).toBe(kernelRecords); // the JS reader alone read the second time
    return { kernel, js, kernelRecords };
}

describe('the typed CSV reader\'s WebAssembly kernel', () => {
    it('is built and loads (npm run build)', () => {
        expect(typedCsvKernelAvailable()).toBe(true);
    });

    it('lends an instance to one scan at a time, its memory read into where the kernel reads', () => {
        const first = takeTypedCsvKernel()!;
        const second = takeTypedCsvKernel()!;
        expect(second).not.toBe(first);
        const buffer = first.ioBuffer(1000);
        expect(buffer.buffer).toBe(first.memory);
        expect(buffer.byteOffset).toBe(first.ioAt);
        // A second view while the first is out would not survive a growth: a plain buffer instead.
        expect(first.ioBuffer(10_000_000).buffer).not.toBe(first.memory);
        first.giveBack();
        first.giveBack(); // once only in the pool
        second.giveBack();
        const again = [takeTypedCsvKernel()!, takeTypedCsvKernel()!];
        expect(new Set(again).size).toBe(2);
        for (const kernel of again) kernel.giveBack();
    });

    it('is not there (the JS reader reads) without a file that compiles', () => {
        const built = new URL('../../out/data/typed-csv.wasm', import.meta.url);
        expect(compileKernel([() => new URL('file:///nonexistent/typed-csv.wasm'), () => built])).not.toBeNull();
        expect(compileKernel([() => new URL('file:///nonexistent/typed-csv.wasm')])).toBeNull();
        expect(compileKernel([() => new URL(file('not-wasm.wasm', 'not a module'), 'file:///')])).toBeNull();
        // A CommonJS bundle without import.meta.url: no URL to read.
        expect(compileKernel([() => new URL('./typed-csv.wasm', undefined)])).toBeNull();
    });

    for (const seed of [1, 2, 3]) {
        for (const readRegion of [true, false]) {
            it(`gives the JS reader's rows, errors and scope ids bit for bit (seed ${seed}, region ${readRegion ? 'scoped' : 'unread'})`, async () => {
                const path = file(`generated-${seed}-${readRegion}.csv`, generatedCsv(seed, 12_000));
                const { kernel, js, kernelRecords } = await both(path, { readRegion, timezone: 'Europe/Berlin' });
                expect(kernel.rows.length).toBe(js.rows.length);
                for (let r = 0; r < js.rows.length; r++) {
                    if (JSON.stringify(kernel.rows[r]) !== JSON.stringify(js.rows[r])) expect(kernel.rows[r], `record ${r}`).toEqual(js.rows[r]);
                }
                expect(kernel.errors).toEqual(js.errors);
                expect(kernel.ids).toEqual(js.ids);
                expect(kernel.typed).toBe(js.typed);
                // Most records are common ones, and the kernel read most of those.
                expect(js.typed).toBeGreaterThan(js.rows.length / 3);
                expect(kernelRecords).toBeGreaterThan(js.typed / 2);
                expect(js.errors.length).toBeGreaterThan(100);
            });
        }
    }

    for (const chunk of [97, 256, 4096]) {
        it(`gives the same rows with records cut at the end of a ${chunk}-byte read`, async () => {
            const path = file(`cut-${chunk}.csv`, generatedCsv(40 + chunk, 3_000));
            const { kernel, js, kernelRecords } = await both(path, { readRegion: true, chunk, timezone: 'UTC' });
            for (let r = 0; r < js.rows.length; r++) {
                if (JSON.stringify(kernel.rows[r]) !== JSON.stringify(js.rows[r])) expect([r, kernel.rows[r], kernel.rows[r + 1]]).toEqual([r, js.rows[r], js.rows[r + 1]]);
            }
            expect(kernel.rows).toEqual(js.rows);
            expect(kernel.errors).toEqual(js.errors);
            expect(kernel.ids).toEqual(js.ids);
            expect(kernelRecords).toBeGreaterThan(0);
        });
    }

    it('reads plain records alone, with every kind of value where it is exact', async () => {
        const lines = [HEADER];
        const random = seededRandom(99);
        for (let r = 0; r < 5_000; r++) {
            const minute = pad(random.int(60), 2);
            lines.push(`2024-02-29T23:${minute}:59.999${random.chance(0.5) ? 'Z' : '-01:30'},svc${random.int(9)},${random.int(99999)}.${random.int(999)},200,-${random.int(999)}.5,123456789012.345,0.25,eu,ok`);
        }
        const path = file('plain.csv', `${lines.join('\r\n')}\r\n`);
        const { kernel, js, kernelRecords } = await both(path, { readRegion: true });
        expect(kernel.rows).toEqual(js.rows);
        expect(js.errors).toEqual([]);
        // Every record is the kernel's.
        expect(kernelRecords).toBe(5_000);
        expect(kernel.rows[1]![1]).toBe(exact(Date.UTC(2024, 1, 29, 23, Number(lines[2]!.slice(14, 16)), 59, 999) + (lines[2]!.includes('-01:30') ? 90 * 60_000 : 0)));
    });

    it('gives the same scope ids for thousands of distinct texts (the kernel\'s table fills and is emptied)', async () => {
        const lines = [HEADER];
        const random = seededRandom(5);
        for (let r = 0; r < 30_000; r++) {
            const service = `client-${random.int(9_000)}`;
            const region = random.chance(0.5) ? `region-${random.int(3_000)}-${'r'.repeat(random.int(40))}` : service;
            lines.push(`2026-01-0${1 + (r % 3)}T10:00:00.000Z,${service},1.5,200,1,2,3,${region},ok`);
        }
        const path = file('distinct.csv', `${lines.join('\n')}\n`);
        const { kernel, js, kernelRecords } = await both(path, { readRegion: true });
        expect(kernel.rows).toEqual(js.rows);
        expect(kernel.ids).toEqual(js.ids);
        expect(js.ids[0]!.length).toBeGreaterThan(8_000);
        expect(kernelRecords).toBeGreaterThan(10_000);
    });

    it('leaves every record to the JS reader when turned off', async () => {
        const path = file('off.csv', `${HEADER}\n2026-01-01T00:00:00.000Z,svc01,1,200,5,1,1,eu,ok\n2026-01-01T00:00:01.000Z,svc01,1,200,5,1,1,eu,ok\n`);
        useTypedCsvKernel(false);
        const before = recordsReadByKernel();
        const js = await read(path, { readRegion: true });
        expect(recordsReadByKernel()).toBe(before);
        expect(js.typed).toBe(2);
    });
});
