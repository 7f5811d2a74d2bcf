/**
 * Typed rows handed over by the batch (TypedRowTarget.batchTaker, RowSink's batch loop and
 * DirectRowPath.offerBatch, used by the WebAssembly kernel's reader) must leave every
 * accumulator exactly as one accept() per row does: counts, exact sums, extremes, kept values
 * in their order, the rows outside the period and the first and last instants. Two sinks of two
 * plans of the same agreement take the same rows, one row by row, the other by batches.
 */
import { describe, expect, it } from 'vitest';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { RowSink } from '../../src/evaluate/row-sink.js';
import type { DatasetScan } from '../../src/evaluate/evaluation-plan.js';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';
import type { Expr } from '../../src/model.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, percentile, ref, seededRandom } from './fixtures.js';

const latency = ref('requests', 'latency');
const status = ref('requests', 'status');
/** field positions in the dataset: time 0, service 1, latency 2, status 3 */
const TIME = 0, LATENCY = 2, STATUS = 3;
const SERVICES = ['api', 'web', 'db'];

function model(filtered: Expr = bin('>=', status, num(500)), weekly = false) {
    const kpi = (key: string, formula: Expr) => ({ key, name: key, unitKind: 'number' as const, formula });
    const objective = (key: string, scoped: boolean) => ({ kpi: key, kpiName: key, comparison: '>=' as const, target: 0, unitKind: 'number' as const, window: MONTH, ...(scoped ? { scopeField: 'service' } : {}) });
    return agreement({
        datasets: { requests: dataset('requests', '/nonexistent/requests.csv', [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration', true), field('status', 'integer')]) },
        kpis: [
            kpi('Count', count('requests')),
            kpi('Errors', count('requests', filtered)),
            kpi('Mean', aggregate('avg', 'requests', latency)),
            kpi('P90', percentile(90, 'requests', latency)),
            kpi('MaxOk', aggregate('max', 'requests', latency, bin('<', status, num(500)))),
            kpi('MinAll', aggregate('min', 'requests', latency))
        ],
        objectives: [
            objective('Count', true), objective('Errors', true), objective('Mean', true), objective('P90', false), objective('MaxOk', true), objective('MinAll', false),
            // A second window plan (weeks): its segments are located in a pass of their own.
            ...(weekly ? [{ ...objective('P90', true), window: { kind: 'calendar' as const, unit: 'week' as const } }] : [])
        ]
    });
}

const PERIOD = evaluationPeriod('Europe/Berlin', { from: '2026-01-01', to: '2026-03-31' }, { now: at('2027-01-01T00:00:00Z') });

function sinkOf(agreementModel = model()): { sink: RowSink; scan: DatasetScan; target: TypedRowTarget } {
    const scan = planAgreement(agreementModel, PERIOD, undefined).scans.get('requests')!;
    const sink = new RowSink(scan, PERIOD);
    const target = sink.typedTarget()!;
    expect(target).toBeDefined();
    return { sink, scan, target };
}

interface Row {
    time: number;
    service: string;
    latency: number;
    status: number;
}

/** Rows in time order from late December (outside the period) over the January/February boundary into April (outside); some latencies missing. */
function rows(n: number): Row[] {
    const random = seededRandom(7);
    const first = at('2025-12-31T22:00:00Z'), last = at('2026-04-01T02:00:00Z');
    return Array.from({ length: n }, (_, i) => ({
        time: first + Math.floor((i / n) * (last - first)),
        service: SERVICES[Math.floor(random() * SERVICES.length)]!,
        latency: random() < 0.1 ? NaN : Math.round(random() * 5_000_000) / 1000,
        status: random() < 0.2 ? 503 : 200
    }));
}

/** Every accumulator of the scan's groups, and the sink's bookkeeping. */
function state(sink: RowSink, scan: DatasetScan): unknown {
    return {
        rows: sink.rows, outside: sink.outsidePeriod, first: sink.firstTime, last: sink.lastTime,
        groups: scan.groups.map((group) => ({
            scopes: group.scopes.map((scope) => Array.from(scope.rows)),
            channels: group.channels.map((channel) =>
                channel.scopes.map((scope) => ({
                    count: Array.from(scope.count),
                    sums: Array.from(scope.count, (_, s) => scope.sums.range(s, s + 1)),
                    min: Array.from(scope.min),
                    max: Array.from(scope.max),
                    values: scope.values?.map((buffer) => {
                        if (buffer === undefined) return undefined;
                        const all = new Float64Array(buffer.length);
                        buffer.copyInto(all, 0);
                        return Array.from(all);
                    })
                }))
            )
        }))
    };
}

/** One accept() per row, as the JS reader hands rows over. */
function rowByRow(target: TypedRowTarget, slot: number, row: Row): void {
    target.numbers[TIME] = row.time;
    target.numbers[LATENCY] = row.latency;
    target.numbers[STATUS] = row.status;
    target.scopeIds[slot] = target.scopeId(slot, row.service);
    target.accept();
}

/** The kernel's layout, fields in another order than the dataset's: status, time, latency, then the service's id. */
const FIELDS = Int32Array.from([STATUS, TIME, LATENCY]);

function batchOf(target: TypedRowTarget, slot: number, batch: Row[]): Float64Array {
    const out = new Float64Array(batch.length * 4 + 3).fill(-7); // a tail the batch must not read
    batch.forEach((row, r) => {
        out.set([row.status, row.time, row.latency, target.scopeId(slot, row.service)], r * 4);
    });
    return out;
}

function compare(all: Row[], sizes: number[], mixed = false): void {
    const a = sinkOf();
    const slot = a.target.scopeSlots[1]!;
    for (const row of all) rowByRow(a.target, slot, row);
    const b = sinkOf();
    const take = b.target.batchTaker!(FIELDS, Int32Array.of(slot))!;
    expect(take).toBeDefined();
    let i = 0, k = 0;
    while (i < all.length) {
        const size = Math.min(sizes[k++ % sizes.length]!, all.length - i);
        // Mixed: every other stretch row by row (records the kernel leaves to the JS reader).
        if (mixed && k % 2 === 0) for (const row of all.slice(i, i + size)) rowByRow(b.target, slot, row);
        else take(batchOf(b.target, slot, all.slice(i, i + size)), size);
        i += size;
    }
    expect(state(b.sink, b.scan)).toEqual(state(a.sink, a.scan));
}

describe('typed rows by the batch', () => {
    it('accumulate as row by row: batches crossing the month boundary and the period ends, new scopes mid-batch, missing values, filters', () => {
        const all = rows(5000);
        expect(all.some((row) => Number.isNaN(row.latency))).toBe(true);
        compare(all, [2048]);
        compare(all, [7, 300, 1, 64]);
    });

    it('accumulate as row by row with batches of one row', () => {
        compare(rows(300), [1]);
    });

    it('accumulate as row by row when batches and single rows alternate in one run', () => {
        compare(rows(4000), [5, 129, 1, 700], true);
    });

    it('count rows outside the period and keep the first and last instants', () => {
        const { sink, target } = sinkOf();
        const slot = target.scopeSlots[1]!;
        const take = target.batchTaker!(FIELDS, Int32Array.of(slot))!;
        const batch = [
            { time: at('2025-12-31T12:00:00Z'), service: 'api', latency: 1, status: 200 },
            { time: at('2026-01-15T12:00:00Z'), service: 'api', latency: 2, status: 200 },
            { time: at('2026-05-01T12:00:00Z'), service: 'web', latency: 3, status: 200 }
        ];
        take(batchOf(target, slot, batch), 3);
        expect([sink.rows, sink.outsidePeriod, sink.firstTime, sink.lastTime]).toEqual([3, 2, batch[0]!.time, batch[2]!.time]);
    });

    it('is declined for rows that lack a field or scope the groups read (then rows come one by one)', () => {
        const { target } = sinkOf();
        const slot = target.scopeSlots[1]!;
        expect(target.batchTaker!(Int32Array.from([STATUS, TIME]), Int32Array.of(slot))).toBeUndefined(); // no latency
        expect(target.batchTaker!(Int32Array.from([STATUS, LATENCY]), Int32Array.of(slot))).toBeUndefined(); // no event time
        expect(target.batchTaker!(FIELDS, new Int32Array(0))).toBeUndefined(); // no service
        expect(target.batchTaker!(FIELDS, Int32Array.of(slot))).toBeDefined();
    });

    it('accumulate as row by row with two window plans (months and weeks)', () => {
        const a = sinkOf(model(undefined, true));
        const b = sinkOf(model(undefined, true));
        expect(a.scan.plans.length).toBe(2);
        const slot = a.target.scopeSlots[1]!;
        const all = rows(4000);
        for (const row of all) rowByRow(a.target, slot, row);
        const take = b.target.batchTaker!(FIELDS, Int32Array.of(slot))!;
        for (let i = 0; i < all.length; i += 333) {
            const batch = all.slice(i, i + 333);
            take(batchOf(b.target, slot, batch), batch.length);
        }
        expect(state(b.sink, b.scan)).toEqual(state(a.sink, a.scan));
    });

    it('filters on the filter field only: a filter on latency keeps rows with a value above the number', () => {
        const a = sinkOf(model(bin('>', latency, num(2500))));
        const b = sinkOf(model(bin('>', latency, num(2500))));
        const slot = a.target.scopeSlots[1]!;
        const all = rows(3000);
        for (const row of all) rowByRow(a.target, slot, row);
        b.target.batchTaker!(FIELDS, Int32Array.of(slot))!(batchOf(b.target, slot, all), all.length);
        expect(state(b.sink, b.scan)).toEqual(state(a.sink, a.scan));
        const errors = b.scan.groups.find((group) => group.whereExpr !== undefined && group.whereExpr.type === 'binary' && group.whereExpr.op === '>')!;
        const counted = errors.scopes.reduce((sum, scope) => sum + scope.rows.reduce((s, x) => s + x, 0), 0);
        const expected = all.filter((row) => row.time >= PERIOD.start && row.time < PERIOD.end && row.latency > 2500).length;
        expect(counted).toBe(expected);
    });
});
