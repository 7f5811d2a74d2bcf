/**
 * Numbers with a declared range (`status integer 100 to 599`, `score number 1 to 5`) on the CSV
 * fast paths: the typed reader (WebAssembly kernel and JS) and the one-pass reader take a value
 * inside the range, both ends included, and leave any other to the field's decoder, which rejects
 * the row. Before, a dataset declaring a range — even on a field no KPI read — was read by the
 * general reader alone.
 *
 * Each file is generated with its expected rows and rejected lines worked out while writing it,
 * then read three ways: as row arrays (general reader), typed with the kernel, typed with the JS
 * reader.
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

const FIELDS: FieldSpec[] = [
    field('time', 'timestamp'),
    field('status', 'integer', { range: { min: 100, max: 599 } }),
    field('latency', 'number', { range: { min: -0.5, max: 2.25 } }),
    field('score', 'number', { range: { min: 1, max: 5 }, score: true, optional: true })
];

/** A cell and the value it stands for (undefined: rejected). */
type Cell = { text: string; value: number | null | undefined };

const STATUS: Cell[] = [
    { text: '100', value: 100 }, { text: '599', value: 599 }, { text: '200', value: 200 }, { text: '503', value: 503 },
    { text: '99', value: undefined }, { text: '600', value: undefined }, { text: '-200', value: undefined }, { text: '200.5', value: undefined }
];
const LATENCY: Cell[] = [
    { text: '-0.5', value: -0.5 }, { text: '2.25', value: 2.25 }, { text: '0', value: 0 }, { text: '-0', value: 0 }, { text: '1.125', value: 1.125 },
    { text: '-0.51', value: undefined }, { text: '2.2500001', value: undefined }, { text: '2.26', value: undefined }, { text: '1e9', value: undefined }
];
const SCORE: Cell[] = [
    { text: '1', value: 1 }, { text: '5', value: 5 }, { text: '3.5', value: 3.5 }, { text: '', value: null },
    { text: '0', value: undefined }, { text: '5.01', value: undefined }, { text: '17', value: undefined }
];

function generate(name: string, records: number, seed: number): { path: string; rows: RowValue[][]; rejectedLines: number[] } {
    const random = seededRandom(seed);
    /** mostly the first (valid) cells, one in ten anything */
    const pick = (cells: Cell[], valid: number): Cell => cells[Math.floor(random() * (random() < 0.1 ? cells.length : valid))]!;
    const lines = ['time,status,latency,score'];
    const rows: RowValue[][] = [];
    const rejectedLines: number[] = [];
    for (let r = 0; r < records; r++) {
        const ms = Date.UTC(2026, 0, 1) + r * 60_000;
        const [status, latency, score] = [pick(STATUS, 4), pick(LATENCY, 5), pick(SCORE, 3)];
        lines.push(`${new Date(ms).toISOString()},${status.text},${latency.text},${score.text}`);
        if (status.value === undefined || latency.value === undefined || score.value === undefined) rejectedLines.push(r + 2);
        else rows.push([ms, status.value, latency.value, score.value]);
    }
    return { path: file(name, lines.join('\n') + '\n'), rows, rejectedLines };
}

interface Read {
    rows: RowValue[][];
    rejectedLines: number[];
    messages: string[];
    typed: number;
}

async function read(path: string, typed: boolean, chunk?: number): Promise<Read> {
    const result: Read = { rows: [], rejectedLines: [], messages: [], typed: 0 };
    const target: TypedRowTarget = {
        numbers: new Float64Array(FIELDS.length).fill(NaN),
        scopeIds: new Int32Array(0),
        scopeSlots: new Int32Array(FIELDS.length).fill(-1),
        scopeId: () => -1,
        accept() {
            const n = this.numbers;
            result.rows.push([n[0]!, n[1]!, n[2]!, Number.isNaN(n[3]) ? null : n[3]!]);
            result.typed++;
        }
    };
    const rejections = await scanCollectingRejections(
        { name: 'survey', path, format: 'csv', fields: FIELDS },
        (row) => result.rows.push([...row]),
        { ...(typed ? { typedRows: target } : {}), ...(chunk === undefined ? {} : { chunk }) }
    );
    Object.assign(result, rejections);
    return result;
}

describe('a number with a declared range on the CSV fast paths', () => {
    const generated = generate('survey.csv', 6_000, 5);

    it('is read by the general reader inside its range, both ends included, and rejected outside it with its line', async () => {
        const general = await read(generated.path, false);
        expect(general.rows).toEqual(generated.rows);
        expect(general.rejectedLines).toEqual(generated.rejectedLines);
        expect(generated.rejectedLines.length).toBeGreaterThan(400);
        expect(general.messages.some((m) => m.includes('outside the declared range 100 to 599'))).toBe(true);
        expect(general.messages.some((m) => m.includes('outside the declared range -0.5 to 2.25'))).toBe(true);
        expect(general.messages.some((m) => m.includes('outside the scale 1 to 5 of the score'))).toBe(true);
        // `-0` is inside -0.5 to 2.25, read as 0 as every reader reads it.
        expect(general.rows.some((row) => Object.is(row[2], 0))).toBe(true);
        expect(general.rows.some((row) => Object.is(row[2], -0))).toBe(false);
    });

    for (const kernel of [true, false]) {
        it(`is read on the typed path (${kernel ? 'WebAssembly kernel' : 'JS reader'}) with the general reader's rows and rejections`, async () => {
            useTypedCsvKernel(kernel);
            const general = await read(generated.path, false);
            const before = recordsReadByKernel();
            for (const chunk of [undefined, 512]) {
                const typed = await read(generated.path, true, chunk);
                expect(typed.rows).toEqual(generated.rows);
                expect(typed.rejectedLines).toEqual(general.rejectedLines);
                expect(typed.messages).toEqual(general.messages);
                // Most valid records came typed (before, none did: a range turned the typed path off); not those with
                // an empty score (the general reader's), nor, in small reads, those cut by a read's end.
                expect(typed.typed).toBeGreaterThan(generated.rows.length * (chunk === undefined ? 0.6 : 0.4));
            }
            if (kernel) expect(recordsReadByKernel() - before).toBeGreaterThan(generated.rows.length * 0.6);
            else expect(recordsReadByKernel()).toBe(before);
        });
    }
});
