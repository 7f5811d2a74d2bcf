/**
 * An enumeration field (`priority one of "P1", "P2", "P3"`) on the CSV fast paths: the typed
 * reader (WebAssembly kernel and JS) and the one-pass reader take its declared texts and leave
 * every other cell to the field's decoder, which rejects the row. Before, a dataset declaring
 * an enumeration — even one no KPI read — was read by the general reader alone. The same for a
 * boolean no one reads (`escalated boolean`): the typed reader checks its usual spellings and
 * leaves any other cell (` yes`, `maybe`) to the decoder.
 *
 * Each file is generated with its expected rows and rejected lines worked out while writing it
 * (a cell is valid when it is one of the declared texts, unquoted or quoted), then read three
 * ways: as row arrays (general reader), typed with the kernel, typed with the JS reader; with
 * the enumeration as a scope slot and as a field no one reads (checked all the same).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldSpec, RowValue } from '../../src/data/index.js';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { seededRandom } from '../evaluate/fixtures.js';
import { field, scanCollectingRejections, tempDir } from './helpers.js';

const file = tempDir();

afterEach(() => useTypedCsvKernel(true));

const PRIORITIES = ['P1', 'P2', 'P3'];
const ZONES = ['eu', 'us'];
const FIELDS: FieldSpec[] = [
    field('time', 'timestamp'),
    field('priority', 'enum', { enumValues: PRIORITIES }),
    field('latency', 'number'),
    field('zone', 'enum', { enumValues: ZONES, optional: true }),
    field('escalated', 'boolean')
];

/** Boolean cells: the decoder's reading (undefined: rejected); the typed reader checks the usual spellings, the rest is the decoder's. */
const ESCALATED: Cell[] = [
    { text: 'true', value: 'true' }, { text: 'FALSE', value: 'false' }, { text: 'Yes', value: 'true' }, { text: 'no', value: 'false' }, { text: '1', value: 'true' }, { text: '0', value: 'false' },
    { text: ' yes', value: 'true' }, { text: 'nO', value: 'false' }, { text: 'maybe', value: undefined }, { text: '2', value: undefined }, { text: 'tru', value: undefined }, { text: '', value: undefined }
];

/** A cell, and the value it stands for (undefined: not one of the declared texts). */
type Cell = { text: string | Buffer; value: string | null | undefined };

const INVALID_PRIORITIES: Cell[] = [
    { text: 'P4', value: undefined },
    { text: 'p1', value: undefined },
    { text: 'P1 ', value: undefined },
    { text: '', value: undefined }, // required
    { text: 'P'.repeat(40), value: undefined }, // longer than the interners' keys
    { text: 'P'.repeat(300), value: undefined }, // longer than the kernel's keys
    { text: Buffer.from([0x50, 0xff]), value: undefined }, // not UTF-8
    { text: '"P1"', value: 'P1' }, // quoted: the general reader's, and valid
    { text: '"P""1"', value: undefined }
];

interface Generated {
    path: string;
    /** per valid record, in file order: time, priority, latency, zone, escalated */
    rows: RowValue[][];
    /** lines of the rejected records */
    rejectedLines: number[];
}

function generate(name: string, records: number, seed: number): Generated {
    const random = seededRandom(seed);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const parts: Buffer[] = [Buffer.from('time,priority,latency,zone,escalated\n')];
    const rows: RowValue[][] = [];
    const rejectedLines: number[] = [];
    for (let r = 0; r < records; r++) {
        const ms = Date.UTC(2026, 0, 1) + r * 60_000;
        const latency = Math.floor(random() * 100_000) / 100;
        const priority: Cell = random() < 0.05 ? pick(INVALID_PRIORITIES) : ((p) => ({ text: p, value: p }))(pick(PRIORITIES));
        const zoneDraw = random();
        const zone: Cell = zoneDraw < 0.03 ? { text: pick(['EU', 'asia', 'eu-1']), value: undefined } : zoneDraw < 0.08 ? { text: '', value: null } : ((z) => ({ text: z, value: z }))(pick(ZONES));
        const escalated = ESCALATED[Math.floor(random() * (random() < 0.1 ? ESCALATED.length : 6))]!;
        parts.push(Buffer.from(`${new Date(ms).toISOString()},`), typeof priority.text === 'string' ? Buffer.from(priority.text) : priority.text, Buffer.from(`,${latency},${zone.text},${escalated.text}\n`));
        if (priority.value === undefined || zone.value === undefined || escalated.value === undefined) rejectedLines.push(r + 2);
        else rows.push([ms, priority.value, latency, zone.value, escalated.value === 'true']);
    }
    return { path: file(name, Buffer.concat(parts)), rows, rejectedLines };
}

interface Read {
    rows: RowValue[][];
    rejectedLines: number[];
    messages: string[];
    typed: number;
}

/**
 * Reads the file as row arrays, or typed (the priority a scope slot when `scoped`; the zone read by no one;
 * `escalated` read when `flag`: the typed reader gives it as 1 or 0).
 */
async function read(path: string, how: { typed: boolean; scoped: boolean; chunk?: number; flag?: boolean }): Promise<Read> {
    const result: Read = { rows: [], rejectedLines: [], messages: [], typed: 0 };
    const texts: string[] = [];
    const ids = new Map<string, number>();
    const target: TypedRowTarget = {
        numbers: new Float64Array(FIELDS.length).fill(NaN),
        scopeIds: new Int32Array(how.scoped ? 1 : 0),
        scopeSlots: Int32Array.from(FIELDS, (f) => (f.name === 'priority' && how.scoped ? 0 : -1)),
        scopeId(_slot, text) {
            let id = ids.get(text);
            if (id === undefined) ids.set(text, (id = texts.push(text) - 1));
            return id;
        },
        accept() {
            // A typed row carries no unread value: the priority when scoped, never the zone or escalated (compared as the general reader gives them).
            const escalated = this.numbers[4]!;
            result.rows.push([this.numbers[0]!, how.scoped ? texts[this.scopeIds[0]!]! : 'unread', this.numbers[2]!, 'unread', how.flag ? (escalated === 1 ? true : escalated === 0 ? false : `not 1 or 0: ${escalated}`) : 'unread']);
            result.typed++;
        }
    };
    const readFields = new Set(['time', 'latency', ...(how.scoped || !how.typed ? ['priority'] : []), ...(how.flag ? ['escalated'] : [])]);
    const rejections = await scanCollectingRejections(
        { name: 'tickets', path, format: 'csv', fields: FIELDS },
        (row) => result.rows.push(how.typed ? [row[0]!, how.scoped ? row[1]! : 'unread', row[2]!, 'unread', how.flag ? row[4]! : 'unread'] : [...row]),
        { readFields, ...(how.typed ? { typedRows: target } : {}), ...(how.chunk === undefined ? {} : { chunk: how.chunk }) }
    );
    Object.assign(result, rejections);
    return result;
}

const withoutUnread = (rows: RowValue[][], scoped: boolean): RowValue[][] => rows.map(([time, priority, latency]) => [time!, scoped ? priority! : 'unread', latency!, 'unread', 'unread']);

describe('an enumeration field, and a boolean no one reads, on the CSV fast paths', () => {
    const generated = generate('tickets.csv', 6_000, 7);

    it('is read as its decoder reads it by the general reader: declared texts only, every other cell rejected with its line', async () => {
        const general = await read(generated.path, { typed: false, scoped: false });
        expect(general.rows).toEqual(generated.rows);
        expect(general.rejectedLines).toEqual(generated.rejectedLines);
        expect(generated.rejectedLines.length).toBeGreaterThan(300);
        expect(general.messages.some((m) => m.includes('expected one of "P1", "P2", "P3"'))).toBe(true);
        expect(general.messages.some((m) => m.includes('expected one of "eu", "us"'))).toBe(true);
        expect(general.messages.some((m) => m.includes('expected true/false, yes/no or 1/0'))).toBe(true);
    });

    for (const scoped of [true, false]) {
        for (const kernel of [true, false]) {
            it(`is read on the typed path (${kernel ? 'WebAssembly kernel' : 'JS reader'}, ${scoped ? 'a scope slot' : 'read by no one'}) with the general reader's rows and rejections`, async () => {
                useTypedCsvKernel(kernel);
                const general = await read(generated.path, { typed: false, scoped });
                const before = recordsReadByKernel();
                for (const chunk of [undefined, 512]) {
                    const typed = await read(generated.path, { typed: true, scoped, ...(chunk === undefined ? {} : { chunk }) });
                    expect(typed.rows).toEqual(withoutUnread(generated.rows, scoped));
                    expect(typed.rejectedLines).toEqual(general.rejectedLines);
                    expect(typed.messages).toEqual(general.messages);
                    // Most valid records came typed (before, none did: an enumeration turned the typed path off); not those
                    // with an empty zone (the general reader's), nor, in small reads, those cut by a read's end.
                    expect(typed.typed).toBeGreaterThan(generated.rows.length * (chunk === undefined ? 0.9 : 0.6));
                }
                if (kernel) expect(recordsReadByKernel() - before).toBeGreaterThan(generated.rows.length);
                else expect(recordsReadByKernel()).toBe(before);
            });
        }
    }
});

describe('a boolean someone reads (a filter), on the typed path', () => {
    const generated = generate('flags.csv', 6_000, 11);
    const withFlag = (rows: RowValue[][]): RowValue[][] => rows.map(([time, , latency, , escalated]) => [time!, 'unread', latency!, 'unread', escalated!]);

    for (const kernel of [true, false]) {
        it(`is read as 1 or 0, as its decoder reads true or false (${kernel ? 'WebAssembly kernel' : 'JS reader'}), any other spelling left to the decoder`, async () => {
            useTypedCsvKernel(kernel);
            const general = await read(generated.path, { typed: false, scoped: false });
            const before = recordsReadByKernel();
            for (const chunk of [undefined, 512]) {
                const typed = await read(generated.path, { typed: true, scoped: false, flag: true, ...(chunk === undefined ? {} : { chunk }) });
                // Every usual spelling (true, FALSE, Yes, no, 1, 0) and the decoder's others (' yes', 'nO') give the general reader's value.
                expect(typed.rows).toEqual(withFlag(generated.rows));
                expect(typed.rejectedLines).toEqual(general.rejectedLines);
                expect(typed.messages).toEqual(general.messages);
                // Before, a boolean someone reads sent every record to the general reader.
                expect(typed.typed).toBeGreaterThan(generated.rows.length * (chunk === undefined ? 0.85 : 0.6));
            }
            if (kernel) expect(recordsReadByKernel() - before).toBeGreaterThan(generated.rows.length);
            else expect(recordsReadByKernel()).toBe(before);
        });
    }
});
