import { describe, expect, it } from 'vitest';
import { evaluateAgreement, nearestRank, type Expr } from '../../src/index.js';
import { RankSelector } from '../../src/evaluate/select-rank.js';
import { ValueBuffer } from '../../src/evaluate/value-buffer.js';
import { aggregate, agreement, at, bin, count, dataset, field, MINUTE, MONTH, num, percentile, ref, str, tempDir, writeCsv } from './fixtures.js';

const LATER = at('2027-01-01T00:00:00Z');

describe('nearest-rank percentile', () => {
    it('takes sorted[ceil(p/100 · n) − 1]', () => {
        // n = 1: every percentile is the only value.
        expect(nearestRank(Float64Array.of(42), 50)).toBe(42);
        expect(nearestRank(Float64Array.of(42), 99)).toBe(42);
        // n = 10, p95: ceil(9.5) = 10 → the 10th smallest value.
        expect(nearestRank(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 95)).toBe(10);
        // p50 of 4 values: ceil(2) = 2 → the 2nd smallest (no interpolation between 20 and 30).
        expect(nearestRank(Float64Array.of(10, 20, 30, 40), 50)).toBe(20);
        // p90 of 10: ceil(9) = 9 exactly (no ulp drift to 10).
        expect(nearestRank(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90)).toBe(9);
        expect(nearestRank(new Float64Array(0), 50)).toBeNull();
    });

    it('selects the same ranks as a full sort, also with many duplicates and repeated queries', () => {
        let seed = 7;
        const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
        for (const n of [1, 2, 17, 100, 1000, 5000]) {
            const values = Float64Array.from({ length: n }, () => Math.floor(random() * (n < 100 ? 5 : 300)));
            const sorted = Float64Array.from(values).sort();
            const selector = new RankSelector(values);
            for (const p of [99, 50, 95, 1, 100, 90, 99.9]) {
                const k = Math.max(1, Math.ceil((p * n) / 100)) - 1;
                expect(selector.at(k), `n=${n} p=${p}`).toBe(sorted[k]);
            }
        }
    });
});

describe('value buffers', () => {
    it('keep every value exactly, across chunks and the switch from 32-bit to 64-bit storage', () => {
        // 200 integers (exact in 32 bits, stored compactly, over several chunks: 64 + 128 + …),
        // then 2^24 + 1 (not exact in float32) forces 64-bit storage, then decimals.
        const input = [...Array.from({ length: 200 }, (_, i) => i * 3), 16_777_217, 0.1, 287.5, 1e-9];
        const buffer = new ValueBuffer();
        for (const value of input) buffer.push(value);
        const copy = new Float64Array(buffer.length);
        expect(buffer.copyInto(copy, 0)).toBe(input.length);
        expect([...copy]).toEqual(input);
    });
});

describe('business time with elapsed(...) during a calendar', () => {
    it('counts only working minutes across a weekend and holidays, and lists open tickets', async () => {
        const path = writeCsv(tempDir(), 'tickets.csv', ['opened', 'responded', 'priority'], [
            // Thu 2 April 17:00 → Tue 7 April 09:30. Working hours Mon–Fri 08:00–18:00;
            // Fri 3 April (Good Friday) and Mon 6 April (Easter Monday) are holidays.
            // Thu 17:00–18:00 = 60 min; Fri, Sat, Sun, Mon = 0; Tue 08:00–09:30 = 90 min → 150 min.
            ['2026-04-02T17:00:00+02:00', '2026-04-07T09:30:00+02:00', 'P1'],
            // Wed 8 April 10:00 → 10:30: 30 business minutes.
            ['2026-04-08T10:00:00+02:00', '2026-04-08T10:30:00+02:00', 'P1'],
            // Still open (line 4 of the file): judged on its business time until the end of the data (see below).
            ['2026-04-09T10:00:00+02:00', '', 'P1'],
            // A P2 ticket is filtered out.
            ['2026-04-09T11:00:00+02:00', '2026-04-20T11:00:00+02:00', 'P2']
        ]);
        const elapsed: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'responded'), calendar: 'Support' };
        const isP1 = bin('=', ref('tickets', 'priority'), str('P1'));
        const wallClock: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'responded') };
        const model = agreement({
            calendars: { Support: { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: ['2026-04-03', '2026-04-06'] } },
            datasets: { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('responded', 'timestamp', true), field('priority', 'enum', false, ['P1', 'P2', 'P3', 'P4'])]) },
            kpis: [
                { key: 'MaxResponse', name: 'MaxResponse', unitKind: 'duration', formula: aggregate('max', 'tickets', elapsed, isP1) },
                { key: 'AvgResponse', name: 'AvgResponse', unitKind: 'duration', formula: aggregate('avg', 'tickets', elapsed, isP1) },
                { key: 'WallClock', name: 'WallClock', unitKind: 'duration', formula: aggregate('min', 'tickets', wallClock, isP1) },
                { key: 'Slow', name: 'Slow', unitKind: 'count', formula: count('tickets', bin('>', elapsed, num(60 * MINUTE, 'duration'))) }
            ],
            objectives: [
                { kpi: 'MaxResponse', kpiName: 'MaxResponse', comparison: '<=', target: 120 * MINUTE, unitKind: 'duration', window: MONTH },
                { kpi: 'AvgResponse', kpiName: 'AvgResponse', comparison: '<=', target: 120 * MINUTE, unitKind: 'duration', window: MONTH },
                { kpi: 'WallClock', kpiName: 'WallClock', comparison: '<=', target: 120 * MINUTE, unitKind: 'duration', window: MONTH },
                { kpi: 'Slow', kpiName: 'Slow', comparison: '<=', target: 0, unitKind: 'count', window: MONTH }
            ]
        });
        const report = await evaluateAgreement(model, { from: '2026-04-01', to: '2026-04-30', now: LATER });
        const [max, avg, wall, slow] = report.objectives.map((objective) => objective.windows[0]!);
        // The open ticket (Thu 9 April 10:00) as known at the end of the data (--to: 1 May 00:00):
        // 9 April 10:00–18:00 = 8 h, Fri 10 April 10 h, 13–17 and 20–24 April 50 h each,
        // 27–30 April 40 h → 158 business hours so far. That already fails `<= 120 minutes`:
        // it counts with 158 h, a lower bound ("at least").
        const soFar = 158 * 60 * MINUTE;
        expect(max!.value).toBe(soFar);
        expect(max!.status).toBe('breached');
        expect(max!.atLeast).toBe(true);
        expect(max!.failedOpen).toBe(1);
        expect(max!.pending).toBeUndefined();
        expect(max!.margin).toBe(120 * MINUTE - soFar); // target − value
        expect(avg!.value).toBe((150 * MINUTE + 30 * MINUTE + soFar) / 3); // (150 + 30 + 9,480 min) / 3 = 3,220 min
        expect(avg!.unresolved).toBe(1);
        // Wall-clock so far, 9 April 10:00 → 1 May 00:00, is 21 days 14 h: failed too, but the min is still the 30-minute ticket.
        expect(wall!.value).toBe(30 * MINUTE);
        // Over 60 business minutes: the 150-minute P1, the P2 (9 → 20 April, many working days)
        // and the open ticket (158 h so far, already over) = 3.
        expect(slow!.value).toBe(3);
        expect(slow!.failedOpen).toBe(1);
        expect(report.openItems).toEqual([{ kind: 'unresolved row', dataset: 'tickets', line: 4, start: '2026-04-09T10:00:00+02:00', state: 'failed', emptyFields: ['responded'] }]);
        expect(report.datasets[0]).toMatchObject({ unresolved: 1, openIncidents: 0 });
    });
});

describe('aggregates over a request log', () => {
    const requests = (rows: (string | number)[][]) => {
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency', 'status', 'region'], rows);
        return dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration'), field('status', 'integer'), field('region', 'text')]);
    };
    const objective = (kpi: string, comparison: '>=' | '<=' | '<', target: number, unitKind: 'ratio' | 'duration' | 'count' = 'duration') =>
        ({ kpi, kpiName: kpi, comparison, target, unitKind, window: MONTH });

    it('computes a nearest-rank p95 over 20 values in a window', async () => {
        // Latencies 1..20 ms in March; p95: ceil(0.95 · 20) = 19 → 19 ms. p50: ceil(10) = 10 → 10 ms.
        const rows = Array.from({ length: 20 }, (_, i) => [`2026-03-${String(i + 1).padStart(2, '0')}T12:00:00+01:00`, 20 - i, 200, 'eu']);
        const model = agreement({
            datasets: { requests: requests(rows) },
            kpis: [
                { key: 'P95', name: 'P95', unitKind: 'duration', formula: percentile(95, 'requests', ref('requests', 'latency')) },
                { key: 'P50', name: 'P50', unitKind: 'duration', formula: percentile(50, 'requests', ref('requests', 'latency')) }
            ],
            objectives: [objective('P95', '<=', 19), objective('P50', '<=', 5)]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: LATER });
        expect(report.objectives[0]!.windows[0]!.value).toBe(19);
        expect(report.objectives[0]!.windows[0]!.status).toBe('met'); // 19 <= 19
        expect(report.objectives[1]!.windows[0]!.value).toBe(10);
        expect(report.objectives[1]!.windows[0]!.status).toBe('breached');
        expect(report.datasets[0]!.rows).toBe(20);
    });

    it('sums without floating-point drift (compensated summation)', async () => {
        // Ten values of 0.1: naive left-to-right addition gives 0.9999999999999999; the exact sum of
        // the ten doubles (1.000000000000000055…) rounds to 1. And 1e16 + 1 + 1 = 10,000,000,000,000,002
        // (representable), where naive addition rounds each 1e16 + 1 back to 1e16.
        const tenths = Array.from({ length: 10 }, (_, i) => [`2026-03-${String(i + 1).padStart(2, '0')}T12:00:00+01:00`, 0.1, 200, 'eu']);
        const large = [['2026-04-01T12:00:00+02:00', 1e16, 200, 'eu'], ['2026-04-02T12:00:00+02:00', 1, 200, 'eu'], ['2026-04-03T12:00:00+02:00', 1, 200, 'eu']];
        const model = agreement({
            datasets: { requests: requests([...tenths, ...large]) },
            kpis: [{ key: 'Total', name: 'Total', unitKind: 'duration', formula: aggregate('sum', 'requests', ref('requests', 'latency')) }],
            objectives: [objective('Total', '<=', 10)]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-04-30', now: LATER });
        expect(report.objectives[0]!.windows.map((w) => w.value)).toEqual([1, 10_000_000_000_000_002]);
    });

    it('reports a window without rows as no data (value null), never as 0 or met', async () => {
        // Rows only in March; February has no rows: error rate 0/0 and count have no data.
        const model = agreement({
            datasets: { requests: requests([['2026-03-05T12:00:00+01:00', 10, 500, 'eu'], ['2026-03-06T12:00:00+01:00', 10, 200, 'eu']]) },
            kpis: [
                { key: 'ErrorRate', name: 'ErrorRate', unitKind: 'ratio', formula: bin('/', count('requests', bin('>=', ref('requests', 'status'), num(500))), count('requests')) },
                { key: 'Errors', name: 'Errors', unitKind: 'count', formula: count('requests', bin('>=', ref('requests', 'status'), num(500))) }
            ],
            objectives: [objective('ErrorRate', '<', 0.6, 'ratio'), objective('Errors', '<=', 3, 'count')]
        });
        const report = await evaluateAgreement(model, { from: '2026-02-01', to: '2026-03-31', now: LATER });
        const [february, march] = report.objectives[0]!.windows;
        expect(february).toMatchObject({ value: null, status: 'no data', margin: null, budgetConsumed: null, rows: 0 });
        // March: 1 error of 2 requests = 0.5 < 0.6 → met; budget used = 0.5 / 0.6 (ratio with <).
        expect(march!.value).toBe(0.5);
        expect(march!.status).toBe('met');
        expect(march!.budgetConsumed).toBeCloseTo(0.5 / 0.6, 15);
        expect(report.objectives[1]!.windows[0]).toMatchObject({ value: null, status: 'no data' });
        expect(report.objectives[1]!.windows[1]).toMatchObject({ value: 1, status: 'met' });
    });

    it('evaluates a `for each region` objective per region', async () => {
        // eu: 100, 200 → avg 150 ms (met, <= 200); us: 300 → 300 ms (breached).
        const model = agreement({
            datasets: { requests: requests([
                ['2026-03-05T12:00:00+01:00', 100, 200, 'eu'],
                ['2026-03-06T12:00:00+01:00', 300, 200, 'us'],
                ['2026-03-07T12:00:00+01:00', 200, 200, 'eu']
            ]) },
            kpis: [{ key: 'Mean', name: 'Mean', unitKind: 'duration', formula: aggregate('avg', 'requests', ref('requests', 'latency')) }],
            objectives: [{ ...objective('Mean', '<=', 200), scopeField: 'region' }]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: LATER });
        const windows = report.objectives[0]!.windows;
        expect(report.objectives[0]!.scope).toBe('region');
        expect(windows.map((w) => [w.scopeValue, w.value, w.status, w.rows])).toEqual([
            ['eu', 150, 'met', 2],
            ['us', 300, 'breached', 1]
        ]);
    });

    it('tells a scope without rows (no data) from a scope without matching rows (count 0)', async () => {
        // March: eu and us requests, none failed → errors 0 for both.
        // April: only eu requests, one failed → eu 1; us has no rows at all → no data.
        const model = agreement({
            datasets: { requests: requests([
                ['2026-03-05T12:00:00+01:00', 100, 200, 'eu'],
                ['2026-03-06T12:00:00+01:00', 300, 200, 'us'],
                ['2026-04-07T12:00:00+02:00', 200, 503, 'eu']
            ]) },
            kpis: [{ key: 'Errors', name: 'Errors', unitKind: 'count', formula: count('requests', bin('>=', ref('requests', 'status'), num(500))) }],
            objectives: [{ ...objective('Errors', '<=', 0, 'count'), scopeField: 'region' }]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-04-30', now: LATER });
        expect(report.objectives[0]!.windows.map((w) => [w.scopeValue, w.start.slice(0, 7), w.value, w.status])).toEqual([
            ['eu', '2026-03', 0, 'met'],
            ['eu', '2026-04', 1, 'breached'],
            ['us', '2026-03', 0, 'met'],
            ['us', '2026-04', null, 'no data']
        ]);
    });

    it('evaluates KPIs that use KPIs, and share()', async () => {
        // 2 errors of 8 requests: ErrorRate = 2/8 = 0.25; Success = 1 − ErrorRate = 0.75;
        // share(requests where status < 500 of requests where region = "eu"): eu has 5 rows, 4 of them < 500 → 0.8.
        const statuses = [200, 500, 200, 503, 200, 200, 200, 200];
        const regions = ['eu', 'eu', 'us', 'us', 'us', 'eu', 'eu', 'eu'];
        const rows = statuses.map((status, i) => [`2026-03-0${i + 1}T12:00:00+01:00`, 10, status, regions[i]!]);
        const model = agreement({
            datasets: { requests: requests(rows) },
            kpis: [
                { key: 'Errors', name: 'Errors', unitKind: 'count', formula: count('requests', bin('>=', ref('requests', 'status'), num(500))) },
                { key: 'All', name: 'All', unitKind: 'count', formula: count('requests') },
                { key: 'ErrorRate', name: 'ErrorRate', unitKind: 'ratio', formula: bin('/', { type: 'kpi', key: 'Errors' }, { type: 'kpi', key: 'All' }) },
                { key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('-', num(1, 'ratio'), { type: 'kpi', key: 'ErrorRate' }) },
                { key: 'EuOk', name: 'EuOk', unitKind: 'ratio', formula: { type: 'share', dataset: 'requests', part: bin('<', ref('requests', 'status'), num(500)), whole: bin('=', ref('requests', 'region'), str('eu')) } }
            ],
            objectives: [objective('Success', '>=', 0.7, 'ratio'), objective('EuOk', '>=', 0.9, 'ratio')]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: LATER });
        expect(report.objectives[0]!.windows[0]!.value).toBe(0.75);
        expect(report.objectives[0]!.windows[0]!.status).toBe('met');
        // budget: (1 − 0.75)/(1 − 0.7) = 0.25/0.3 = 0.8333…
        expect(report.objectives[0]!.windows[0]!.budgetConsumed).toBeCloseTo(0.25 / 0.3, 12);
        expect(report.objectives[1]!.windows[0]!.value).toBe(0.8);
        expect(report.objectives[1]!.windows[0]!.status).toBe('breached');
    });

    it('rejects a KPI cycle instead of looping', async () => {
        const model = agreement({
            datasets: { requests: requests([['2026-03-05T12:00:00+01:00', 10, 200, 'eu']]) },
            kpis: [
                { key: 'A', name: 'A', unitKind: 'count', formula: { type: 'kpi', key: 'B' } },
                { key: 'B', name: 'B', unitKind: 'count', formula: { type: 'kpi', key: 'A' } }
            ],
            objectives: [objective('A', '<=', 1, 'count')]
        });
        await expect(evaluateAgreement(model, { now: LATER })).rejects.toThrow(/refers to itself/);
    });
});
