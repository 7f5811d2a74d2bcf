// Typed rows through a portfolio's pipelined pass (row-batches.ts, pass-target.ts): when every
// agreement sharing the file has a client scope and takes typed rows, the worker reads the common
// CSV records with the typed reader straight into the batch ring, and the main thread fills each
// sink's typed values from the batch. Rows the typed path does not take (a missing value, a quoted
// cell) still come as arrays, with their lines. Reports must be those of each agreement alone.
// The worker runs the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Report } from '../../src/index.js';
import { prepareAgreement } from '../../src/evaluate/evaluate-agreement.js';
import { sharedTarget } from '../../src/evaluate/pass-target.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { BatchReader, BatchWriter, createBatchRing, typedTag, type RowBatch } from '../../src/evaluate/row-batches.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, percentile, ref, str, tempDir, writeCsv } from '../evaluate/fixtures.js';
import { clientAgreement } from './client-models.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
/** Each test reads 20,000 rows several times (alone and as a portfolio): generous on a loaded machine. */
const SLOW_MACHINE_MS = 120_000;

describe('typed rows in the batch ring', () => {
    it('carries typed records and row arrays alike, grouped by client, and gives each back as written', () => {
        // Fields: time, client (text), latency, status; all four carried. Clients in bucket order: b, a.
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text'), field('latency', 'duration', true), field('status', 'integer')]);
        const ring = createBatchRing([0, 1, 2, 3], 8, { field: 1, clients: ['b', 'a'], typed: true });
        const batches: RowBatch[] = [];
        const writer = new BatchWriter(ring, (batch) => batches.push(batch));
        const typed = writer.typedTarget(spec)!;
        // The one text field carried gets slot 0.
        expect(Array.from(typed.scopeSlots)).toEqual([-1, 0, -1, -1]);
        const record = (time: number, client: string, latency: number, status: number): void => {
            typed.numbers[0] = time;
            typed.scopeIds[0] = typed.scopeId(0, client);
            typed.numbers[2] = latency;
            typed.numbers[3] = status;
            typed.accept();
        };
        const t = at('2026-03-01T00:00:00Z');
        record(t, 'a', 12.5, 200); // row 0
        record(t + 1, 'a', 30, 503); // row 1
        writer.add([t + 2, 'b', null, 200], 7); // row 2: an array (a missing latency), line 7
        record(t + 3, 'z', 1, 200); // row 3: no client of the portfolio
        record(t + 4, 'a', 99.9, 404); // row 4
        writer.flush();
        // One batch of 5 rows; the texts in order of first use.
        expect(batches).toEqual([{ slot: 0, count: 5, texts: ['a', 'b', 'z'] }]);

        const reader = new BatchReader(ring, 4);
        expect(reader.begin(batches[0]!)).toBe(5);
        const rowsOf = (c: number): number[] => {
            const { start, end } = reader.clientRows(c);
            return Array.from(reader.order!.subarray(start, end));
        };
        // Client b (bucket 0): row 2; client a (bucket 1): rows 0, 1, 4 in file order; row 3 is nobody's.
        expect(rowsOf(0)).toEqual([2]);
        expect(rowsOf(1)).toEqual([0, 1, 4]);

        // A taker whose scope slot 0 reads the client field: ids 10 for a, 20 for b.
        const taker: TypedRowTarget = {
            numbers: new Float64Array(4).fill(NaN),
            scopeIds: new Int32Array(1),
            scopeSlots: Int32Array.from([-1, 0, -1, -1]),
            scopeId: (_slot, text) => (text === 'a' ? 10 : 20),
            accept: () => undefined
        };
        expect(reader.fillTyped(4, taker)).toBe(true);
        expect(Array.from(taker.numbers)).toEqual([t + 4, NaN, 99.9, 404]);
        expect(taker.scopeIds[0]).toBe(10);
        // The row with a missing latency is not typed: it comes as the array written, with its line.
        expect(reader.fillTyped(2, taker)).toBe(false);
        expect(reader.decode(2)).toBe(7);
        expect(reader.row).toEqual([t + 2, 'b', null, 200]);
        // A typed record has no line (no typed sink reads one); its values come back as an array too.
        expect(reader.decode(0)).toBeNaN();
        expect(reader.row).toEqual([t, 'a', 12.5, 200]);
        reader.release();
    });

    it('gives a carried enumeration a scope slot, as a text: the typed reader fills it, and typedTag tags it as text', () => {
        const spec = dataset('requests', '/nowhere.csv', [
            field('time', 'timestamp'), field('client', 'enum', false, ['a', 'b']), field('latency', 'duration', true), field('region', 'text'), field('ok', 'boolean')
        ]);
        const ring = createBatchRing([0, 1, 2, 3], 8, { field: 1, clients: ['b', 'a'], typed: true });
        const typed = new BatchWriter(ring, () => undefined).typedTarget(spec)!;
        // Before, only text fields had slots: a carried enumeration sent every row the per-row way.
        expect(Array.from(typed.scopeSlots)).toEqual([-1, 0, -1, 1, -1]);
        expect(typedTag('enum')).toBe(typedTag('text'));
        expect(typedTag('boolean')).not.toBe(typedTag('text'));
    });

    it('hands a client\'s rows to a sink by the batch from the worker\'s copy in client order, a row it cannot take in its place', () => {
        // Fields: time, client (text), service (text), latency, status; all carried. One client, 'a'.
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text'), field('service', 'text'), field('latency', 'duration', true), field('status', 'integer')]);
        const typedTags = [typedTag('timestamp'), typedTag('text'), typedTag('text'), typedTag('duration'), typedTag('integer')];
        const ring = createBatchRing([0, 1, 2, 3, 4], 8, { field: 1, clients: ['b', 'a'], typed: true, typedTags });
        const batches: RowBatch[] = [];
        const writer = new BatchWriter(ring, (batch) => batches.push(batch));
        const typed = writer.typedTarget(spec)!;
        const t = at('2026-03-01T00:00:00Z');
        const record = (offset: number, client: string, service: string, latency: number): void => {
            typed.numbers[0] = t + offset;
            typed.scopeIds[0] = typed.scopeId(0, client);
            typed.scopeIds[1] = typed.scopeId(1, service);
            typed.numbers[3] = latency;
            typed.numbers[4] = 200;
            typed.accept();
        };
        record(0, 'a', 'web', 1.5); // row 0
        record(1, 'b', 'web', 9); // row 1: client b
        record(2, 'a', 'api', 2.5); // row 2
        writer.add([t + 3, 'a', 'web', null, 200], 9); // row 3: a missing latency, line 9
        record(4, 'z', 'web', 7); // row 4: not the portfolio's
        record(5, 'a', 'web', 4.5); // row 5
        writer.flush();
        const reader = new BatchReader(ring, 5);
        reader.begin(batches[0]!);
        const { start, end } = reader.clientRows(1);
        expect(Array.from(reader.order!.subarray(start, end))).toEqual([0, 2, 3, 5]);
        const relative = (rows: Float64Array, n: number, stride: number) => Array.from(rows.subarray(0, n * stride), (value, i) => (i % stride === 0 ? value - t : value));

        // A sink reading the service in its slot 0: copies, time, latency and status, then the service as its scope id.
        const asked: string[] = [];
        const events: string[] = [];
        const withSlot: TypedRowTarget = {
            numbers: new Float64Array(5),
            scopeIds: new Int32Array(1),
            scopeSlots: Int32Array.from([-1, -1, 0, -1, -1]),
            scopeId: (_slot, text) => (asked.push(text), text === 'web' ? 7 : 8),
            accept: () => events.push('accept'),
            batchTaker: (fields, slots) => {
                expect(Array.from(fields)).toEqual([0, 3, 4]);
                expect(Array.from(slots)).toEqual([0]);
                return (rows, n) => events.push(`batch ${JSON.stringify(relative(rows, n, 4))}`);
            }
        };
        const single = (r: number) => events.push(`row ${r} line ${reader.decode(r)}`);
        reader.feed(reader.routedTaker(withSlot)!, start, end, single);
        // Rows 0 and 2 by the batch, row 3 alone in its place, then row 5; 'web' and 'api' each asked for once.
        expect(events).toEqual(['batch [0,1.5,200,7,2,2.5,200,8]', 'row 3 line 9', 'batch [5,4.5,200,7]']);
        expect(asked).toEqual(['web', 'api']);

        // A sink reading no text takes the copy where it lies: every carried cell a column, the texts' read by nobody.
        events.length = 0;
        const noSlot: TypedRowTarget = {
            ...withSlot,
            scopeSlots: new Int32Array(5).fill(-1),
            batchTaker: (fields, slots) => {
                expect(Array.from(fields)).toEqual([0, -1, -1, 3, 4]);
                expect(slots).toHaveLength(0);
                return (rows, n) => events.push(`batch ${JSON.stringify(relative(rows, n, 5).filter((_, i) => i % 5 !== 1 && i % 5 !== 2))}`);
            }
        };
        reader.feed(reader.routedTaker(noSlot)!, start, end, single);
        expect(events).toEqual(['batch [0,1.5,200,2,2.5,200]', 'row 3 line 9', 'batch [5,4.5,200]']);
        // A sink without a batch taker gets none: its rows go one by one (fillTyped).
        expect(reader.routedTaker({ ...withSlot, batchTaker: undefined })).toBeUndefined();
        reader.release();
    });

    it('takes the kernel\'s whole output batches as one accept() per row would write them, across the ring\'s batches', () => {
        // Fields: time, client (text), latency, status, region (text, not carried). Ring batches of 4 rows.
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text'), field('latency', 'duration', true), field('status', 'integer'), field('region', 'text')]);
        const routing = { field: 1, clients: ['b', 'a'], typed: true };
        const t = at('2026-03-01T00:00:00Z');
        // [time, client, latency, status]: a missing latency (NaN), a client of nobody's ('z').
        const records: [number, string, number, number][] = [
            [t, 'a', 12.5, 200], [t + 1, 'b', NaN, 503], [t + 2, 'z', 3, 200], [t + 3, 'a', 4, 404],
            [t + 4, 'b', 5, 200], [t + 5, 'a', 6.25, 500], [t + 6, 'b', 7, 200]
        ];
        const write = (byBatch: boolean) => {
            const ring = createBatchRing([0, 1, 2, 3], 4, routing);
            const batches: RowBatch[] = [];
            const contents: { values: number[]; tags: number[]; order: number[]; lines: number[] }[] = [];
            // Each batch's slot read as it is sent (a slot is reused once the reader released it).
            const writer = new BatchWriter(ring, (batch) => {
                batches.push(batch);
                const cells = new Float64Array(ring.values).subarray(batch.slot * 4 * 4, (batch.slot * 4 + batch.count) * 4);
                const reader = new BatchReader(ring, 5);
                reader.begin(batch);
                const order: number[] = [];
                for (const c of [0, 1]) {
                    const { start, end } = reader.clientRows(c);
                    order.push(...reader.order!.subarray(start, end), -1);
                }
                contents.push({
                    values: Array.from(cells, (v) => (Number.isNaN(v) ? -999 : v)),
                    tags: Array.from(new Uint8Array(ring.tags).subarray(batch.slot * 16, batch.slot * 16 + batch.count * 4)),
                    order,
                    lines: Array.from(new Float64Array(ring.lines).subarray(batch.slot * 4, batch.slot * 4 + batch.count), (line) => (Number.isNaN(line) ? -1 : line))
                });
                reader.release();
            });
            const typed = writer.typedTarget(spec)!;
            if (!byBatch) {
                for (const [time, client, latency, status] of records) {
                    typed.numbers[0] = time;
                    typed.scopeIds[0] = typed.scopeId(0, client);
                    typed.numbers[2] = latency;
                    typed.numbers[3] = status;
                    typed.accept();
                }
            } else {
                // The kernel's layout: numbers of fields 3, 0, 2 (any order), then the scope id of slot 0.
                const take = typed.batchTaker!(Int32Array.from([3, 0, 2]), Int32Array.from([0]))!;
                const out = records.flatMap(([time, client, latency, status]) => [status, time, latency, typed.scopeId(0, client)]);
                // Five rows (past the first ring batch of four), then two.
                take(Float64Array.from(out.slice(0, 20)), 5);
                take(Float64Array.from(out.slice(20)), 2);
            }
            writer.flush();
            return { batches, contents };
        };
        const perRow = write(false);
        const byBatch = write(true);
        expect(byBatch).toEqual(perRow);
        // By hand: the first batch holds rows 0–3; client b (bucket 0) row 1, client a rows 0 and 3; the missing latency's tag is null (0).
        expect(perRow.batches.map((batch) => batch.count)).toEqual([4, 3]);
        expect(perRow.contents[0]!.order).toEqual([1, -1, 0, 3, -1]);
        expect(perRow.contents[0]!.tags.slice(4, 8)).toEqual([1, 2, 0, 1]);
        expect(perRow.contents[1]!.order).toEqual([0, 2, -1, 1, -1]);
        expect(perRow.contents[0]!.lines).toEqual([-1, -1, -1, -1]);
    });

    for (const listed of [false, true]) it(`carries a boolean the typed reader gives as 1 or 0 as true or false, row by row and by the batch (${listed ? 'as numbers: rows stay typed' : 'as TRUE or FALSE: not listed in the ring'})`, () => {
        // Fields: time, client (text), cached (boolean: the typed reader's Flag column gives 1 or 0, NaN when missing).
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text'), field('cached', 'boolean', true)]);
        const typedTags = [typedTag('timestamp'), typedTag('text'), typedTag('boolean')];
        const ring = createBatchRing([0, 1, 2], 8, { field: 1, clients: ['a'], typed: true, typedTags }, listed ? [2] : []);
        const batches: RowBatch[] = [];
        const writer = new BatchWriter(ring, (batch) => batches.push(batch));
        const typed = writer.typedTarget(spec)!;
        const t = at('2026-03-01T00:00:00Z');
        typed.numbers[0] = t;
        typed.scopeIds[0] = typed.scopeId(0, 'a');
        typed.numbers[2] = 1;
        typed.accept();
        typed.numbers[0] = t + 1;
        typed.numbers[2] = 0;
        typed.accept();
        // By the batch: numbers of fields 0 and 2, then the client's id.
        const take = typed.batchTaker!(Int32Array.from([0, 2]), Int32Array.from([0]))!;
        take(Float64Array.from([t + 2, 0, typed.scopeId(0, 'a'), t + 3, NaN, typed.scopeId(0, 'a'), t + 4, 1, typed.scopeId(0, 'a')]), 3);
        writer.flush();
        const reader = new BatchReader(ring, 3);
        reader.begin(batches[0]!);
        const rows: unknown[] = [];
        for (let r = 0; r < 5; r++) {
            reader.decode(r);
            rows.push([...reader.row]);
        }
        expect(rows).toEqual([[t, 'a', true], [t + 1, 'a', false], [t + 2, 'a', false], [t + 3, 'a', null], [t + 4, 'a', true]]);
        // Typed rows (the client's four with a value) go to a sink by the batch only when the ring carries the boolean as a number.
        const events: string[] = [];
        const taker: TypedRowTarget = {
            numbers: new Float64Array(3),
            scopeIds: new Int32Array(0),
            scopeSlots: Int32Array.from([-1, -1, -1]),
            scopeId: () => 0,
            accept: () => events.push('accept'),
            batchTaker: () => (rows, n) => events.push(`batch ${n}: ${Array.from({ length: n }, (_, r) => rows[r * 3 + 2]).join(' ')}`)
        };
        const { start, end } = reader.clientRows(0);
        reader.feed(reader.routedTaker(taker)!, start, end, (r) => events.push(`row ${r}`));
        expect(events).toEqual(listed ? ['batch 3: 1 0 0', 'row 3', 'batch 1: 1'] : ['row 0', 'row 1', 'row 2', 'row 3', 'row 4']);
        reader.release();
    });

    it('declines whole batches whose layout lacks a carried field or the client field (then one accept() per row)', () => {
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text'), field('latency', 'duration', true)]);
        const typed = new BatchWriter(createBatchRing([0, 1, 2], 4, { field: 1, clients: ['a'], typed: true }), () => undefined).typedTarget(spec)!;
        expect(typed.batchTaker!(Int32Array.from([0, 2]), Int32Array.from([0]))).toBeTypeOf('function');
        // No latency in the layout; no client slot.
        expect(typed.batchTaker!(Int32Array.from([0]), Int32Array.from([0]))).toBeUndefined();
        expect(typed.batchTaker!(Int32Array.from([0, 2]), new Int32Array(0))).toBeUndefined();
    });

    it('is not offered when the ring does not say every sink takes typed rows', () => {
        const spec = dataset('requests', '/nowhere.csv', [field('time', 'timestamp'), field('client', 'text')]);
        const untyped = new BatchWriter(createBatchRing([0, 1], 8, { field: 1, clients: ['a'] }), () => undefined);
        expect(untyped.typedTarget(spec)).toBeUndefined();
        const unrouted = new BatchWriter(createBatchRing([0, 1], 8), () => undefined);
        expect(unrouted.typedTarget(spec)).toBeUndefined();
    });
});

const CLIENTS = ['northwind', 'contoso', 'tailspin', 'fabrikam', 'other'];

/**
 * 20,000 requests, 120 s apart from 2026-03-01T00:00Z (the last at 2026-03-28T18:38:00Z: all in March
 * in UTC, Berlin and Tokyo, whose figures are checked); row i is client CLIENTS[i mod 5] ('other' is nobody's agreement), status 503
 * when i ≡ 0 mod 7, latency (i mod 100) × 10 + 0.5 ms; its note is `ok` (a plain cell: the typed
 * reader takes the record) except a quoted note with a line break when i ≡ 4 mod 9 (the record
 * goes the general way, as an array).
 */
function requestsFile(): string {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 20_000; i++) {
        rows.push([new Date(at('2026-03-01T00:00:00Z') + i * 120_000).toISOString(), CLIENTS[i % 5]!, (i % 100) * 10 + 0.5, i % 7 === 0 ? 503 : 200, i % 9 === 4 ? '"slow,\nretried"' : 'ok']);
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'latency', 'status', 'note'], rows);
}

function marchValue(report: Report, kpi: string): number | null | undefined {
    return report.objectives.find((objective) => objective.kpi === kpi)!.windows.find((window) => window.start.startsWith('2026-03'))?.value;
}

describe('a portfolio pass with typed rows on both threads', () => {
    it('gives every agreement the report it gets alone', async () => {
        const path = requestsFile();
        const models = [
            clientAgreement('Northwind', 'Europe/Berlin', 'northwind', path),
            clientAgreement('NorthwindGold', 'UTC', 'northwind', path),
            clientAgreement('Contoso', 'America/New_York', 'contoso', path),
            clientAgreement('Tailspin', 'Asia/Tokyo', 'tailspin', path),
            clientAgreement('Fabrikam', 'UTC', 'fabrikam', path)
        ];
        // Every sink takes typed rows: the worker is told so.
        const prepared = models.map((model) => prepareAgreement(model, { now: NOW }));
        const target = sharedTarget(prepared.map(({ scans, period }) => ({ scan: scans[0]!, period })));
        expect(target.routing!()).toMatchObject({ field: 1, clients: ['northwind', 'contoso', 'tailspin', 'fabrikam'], typed: true });
        // The worker copies the rows in client order for the sinks to take by the batch (row-batches.ts).
        expect(target.routing!()).toHaveProperty('typedTags');

        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(report.dataFiles[0]).toMatchObject({ agreements: 5, reads: 1, rows: 20_000, threads: 2 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        const entry = (id: string): Report => report.entries.find((candidate) => candidate.agreement === id)!.report;
        // Northwind: i ≡ 0 mod 5 (4,000 rows), 503 when i ≡ 0 mod 35 (i = 0 … 19,985: 572 rows) → 3,428 / 4,000.
        expect(marchValue(entry('Northwind'), 'Success')).toBeCloseTo(3_428 / 4_000, 12);
        expect(marchValue(entry('NorthwindGold'), 'Success')).toBeCloseTo(3_428 / 4_000, 12);
        expect(entry('Northwind').datasets[0]).toMatchObject({ rows: 4_000 });
        // Northwind's latencies: i = 5k, i mod 100 ∈ {0, 5, …, 95}, 200 rows each → 20 values (0.5 … 950.5 ms),
        // equally often; the p95 (nearest rank 3,800 of 4,000) is in the 19th value: 18 × 50 + 0.5 = 900.5 ms.
        expect(marchValue(entry('Northwind'), 'P95')).toBe(900.5);
        // On one thread (rows as arrays): the same reports.
        const oneThread = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, sharedFileThreads: 1 });
        expect(oneThread.entries.map((e) => e.report)).toEqual(report.entries.map((e) => e.report));
    }, SLOW_MACHINE_MS);

    it('keeps rows as arrays where a sink does not take typed rows, with the same reports', async () => {
        const path = requestsFile();
        // A filter comparing arithmetic with a field (note = "ok" and status * 1 >= status, true of every row with a status) has no
        // direct path: this agreement's sink takes rows as arrays only.
        const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('latency', 'duration'), field('status', 'integer'), field('note', 'text', true)]);
        requests.clientScope = { field: 'client', value: 'contoso' };
        const plainNotes = agreement({
            id: 'ContosoNotes',
            timezone: 'UTC',
            datasets: { requests },
            kpis: [
                { key: 'Plain', name: 'Plain', unitKind: 'ratio', formula: bin('/', count('requests', bin('and', bin('=', ref('requests', 'note'), str('ok')), bin('>=', bin('*', ref('requests', 'status'), num(1)), ref('requests', 'status')))), count('requests')) },
                { key: 'P95', name: 'P95', unitKind: 'duration', formula: percentile(95, 'requests', ref('requests', 'latency')) }
            ],
            objectives: [
                { kpi: 'Plain', kpiName: 'Plain', comparison: '>=', target: 0.5, unitKind: 'ratio', window: MONTH },
                { kpi: 'P95', kpiName: 'P95', comparison: '<=', target: 2500, unitKind: 'duration', window: MONTH }
            ]
        });
        const models: AgreementModel[] = [clientAgreement('Northwind', 'Europe/Berlin', 'northwind', path), plainNotes];
        const prepared = models.map((model) => prepareAgreement(model, { now: NOW }));
        const target = sharedTarget(prepared.map(({ scans, period }) => ({ scan: scans[0]!, period })));
        expect(target.routing!()).toMatchObject({ typed: false });

        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(report.dataFiles[0]).toMatchObject({ rows: 20_000, threads: 2 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        // Contoso: i ≡ 1 mod 5 (4,000 rows); a quoted note when also i ≡ 4 mod 9, i.e. i ≡ 31 mod 45 (i = 31 … 19,966: 444 rows) → 3,556 / 4,000 plain.
        expect(marchValue(report.entries.find((entry) => entry.agreement === 'ContosoNotes')!.report, 'Plain')).toBeCloseTo(3_556 / 4_000, 12);
    }, SLOW_MACHINE_MS);

    it('reads a boolean filter on the worker\'s typed path (1 or 0 in the ring as true or false), with each agreement\'s report alone', async () => {
        // Row i: client CLIENTS[i mod 5], cached true when i ≡ 0 mod 3 (written in turn as true, 1, yes), false otherwise (false, 0, no).
        const rows: (string | number)[][] = [];
        const spellings = [['true', '1', 'yes'], ['false', '0', 'no']];
        for (let i = 0; i < 20_000; i++) rows.push([new Date(at('2026-03-01T00:00:00Z') + i * 120_000).toISOString(), CLIENTS[i % 5]!, (i % 100) * 10 + 0.5, spellings[i % 3 === 0 ? 0 : 1]![i % 7 % 3]!]);
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'latency', 'cached'], rows);
        const cached = ref('requests', 'cached');
        const models = ['northwind', 'contoso', 'tailspin'].map((client): AgreementModel => {
            const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('latency', 'duration'), field('cached', 'boolean')]);
            requests.clientScope = { field: 'client', value: client };
            return agreement({
                id: client,
                timezone: 'UTC',
                datasets: { requests },
                kpis: [
                    { key: 'Cached', name: 'Cached', unitKind: 'number', formula: count('requests', cached) },
                    { key: 'MissP95', name: 'MissP95', unitKind: 'duration', formula: percentile(95, 'requests', ref('requests', 'latency'), { type: 'not', operand: cached }) }
                ],
                objectives: [
                    { kpi: 'Cached', kpiName: 'Cached', comparison: '>=', target: 0, unitKind: 'number', window: MONTH },
                    { kpi: 'MissP95', kpiName: 'MissP95', comparison: '<=', target: 2500, unitKind: 'duration', window: MONTH }
                ]
            });
        });
        // Every sink takes typed rows (before, a boolean someone reads kept the direct path and the typed reader off): the worker is told so.
        const prepared = models.map((model) => prepareAgreement(model, { now: NOW }));
        expect(sharedTarget(prepared.map(({ scans, period }) => ({ scan: scans[0]!, period }))).routing!()).toMatchObject({ typed: true });
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(report.dataFiles[0]).toMatchObject({ agreements: 3, reads: 1, rows: 20_000, threads: 2 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        // Northwind: i ≡ 0 mod 5 and cached when i ≡ 0 mod 3: i ≡ 0 mod 15, i = 0 … 19,995 → 1,334 rows.
        expect(marchValue(report.entries.find((entry) => entry.agreement === 'northwind')!.report, 'Cached')).toBe(1_334);
    }, SLOW_MACHINE_MS);

    it('reads a shared file on one thread through the ring as well: typed records, by the batch, each agreement\'s report alone', async () => {
        const path = requestsFile();
        const models = [
            clientAgreement('Northwind', 'Europe/Berlin', 'northwind', path),
            clientAgreement('Contoso', 'America/New_York', 'contoso', path),
            clientAgreement('Fabrikam', 'UTC', 'fabrikam', path)
        ];
        // No second thread (the file is below the threshold): before, the records were parsed into row arrays and routed one by one.
        const before = recordsReadByKernel();
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: Infinity });
        expect(report.dataFiles[0]).toMatchObject({ agreements: 3, reads: 1, rows: 20_000, threads: 1 });
        // Common records were read typed, on this thread (until the quoted notes, one record in nine, made the reader stop trying).
        expect(recordsReadByKernel() - before).toBeGreaterThan(5_000);
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        expect(marchValue(report.entries.find((entry) => entry.agreement === 'Northwind')!.report, 'P95')).toBe(900.5);
    }, SLOW_MACHINE_MS);

    it('reads a shared NDJSON file on one thread as before (no typed records outside CSV), each agreement\'s report alone', async () => {
        const lines: string[] = [];
        for (let i = 0; i < 3_000; i++) lines.push(JSON.stringify({ time: new Date(at('2026-03-01T00:00:00Z') + i * 600_000).toISOString(), client: CLIENTS[i % 5], latency: (i % 100) * 10 + 0.5, status: i % 7 === 0 ? 503 : 200, note: 'ok' }));
        const path = join(tempDir(), 'requests.ndjson');
        writeFileSync(path, lines.join('\n') + '\n');
        const models = [clientAgreement('Northwind', 'Europe/Berlin', 'northwind', path), clientAgreement('Contoso', 'UTC', 'contoso', path)];
        for (const model of models) model.datasets.requests!.format = 'ndjson';
        const before = recordsReadByKernel();
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: Infinity });
        expect(recordsReadByKernel() - before).toBe(0);
        expect(report.dataFiles[0]).toMatchObject({ agreements: 2, reads: 1, rows: 3_000, threads: 1 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        // Northwind: i ≡ 0 mod 5 (600 rows), 503 when i ≡ 0 mod 35 (i = 0 … 2,975: 86 rows) → 514 / 600.
        expect(marchValue(report.entries.find((entry) => entry.agreement === 'Northwind')!.report, 'Success')).toBeCloseTo(514 / 600, 12);
    }, SLOW_MACHINE_MS);
});
