/**
 * The direct row path (src/evaluate/direct-row-path.ts) and the typed CSV records behind it
 * must give the general path's results. Values worked out by hand from the rows below
 * (March 2026, Berlin; one row in April is outside the evaluation period).
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement } from '../../src/index.js';
import type { Expr } from '../../src/model.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, percentile, ref, tempDir, writeCsv } from './fixtures.js';

const ROWS: (string | number)[][] = [
    ['2026-03-05T12:00:00.000+01:00', 'a', 120.5, 200],
    ['2026-03-05T12:00:01.000+01:00', 'a', '', 503],
    ['2026-03-05T12:00:02.000+01:00', 'b', 80, 500],
    ['2026-03-05T12:00:03.000+01:00', 'a', 5, 200],
    ['2026-03-05T12:00:04.000+01:00', 'b', 300.25, 404],
    ['2026-04-02T12:00:00.000+02:00', 'a', 999, 500]
];

function model(formula: Expr, scoped: boolean) {
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'service', 'latency', 'status'], ROWS);
    const fields = [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration', true), field('status', 'integer')];
    return agreement({
        datasets: { requests: dataset('requests', path, fields) },
        kpis: [{ key: 'K', name: 'K', unitKind: 'number', formula }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison: '>=', target: 0, unitKind: 'number', window: MONTH, ...(scoped ? { scopeField: 'service' } : {}) }]
    });
}

async function values(formula: Expr, scoped = false): Promise<Record<string, number | null>> {
    const report = await evaluateAgreement(model(formula, scoped), { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') });
    return Object.fromEntries(report.objectives[0]!.windows.map((w) => [w.scopeValue ?? '*', w.value as number | null]));
}

const latency = ref('requests', 'latency');
const status = ref('requests', 'status');

describe('direct row path', () => {
    it('counts a numeric comparison; a missing value matches neither > nor !=', async () => {
        // latencies in March: 120.5, (missing), 80, 5, 300.25
        expect(await values(count('requests', bin('>', latency, num(100))))).toEqual({ '*': 2 });
        expect(await values(count('requests', bin('!=', latency, num(5))))).toEqual({ '*': 3 });
        expect(await values(count('requests', bin('>=', status, num(500))))).toEqual({ '*': 2 });
        expect(await values(count('requests', bin('=', status, num(200))))).toEqual({ '*': 2 });
        // The number first: read the other way round (500 <= status is status >= 500; 100 > latency is latency < 100).
        expect(await values(count('requests', bin('<=', num(500), status)))).toEqual({ '*': 2 });
        expect(await values(count('requests', bin('>', num(100), latency)))).toEqual({ '*': 2 });
        expect(await values(count('requests', bin('!=', num(5), latency)))).toEqual({ '*': 3 });
    });

    it('sums, averages and percentiles skip missing values, per scope', async () => {
        // a: 120.5, (missing), 5 → sum 125.5, mean 62.75; b: 80, 300.25 → sum 380.25
        expect(await values(aggregate('sum', 'requests', latency), true)).toEqual({ a: 125.5, b: 380.25 });
        expect(await values(aggregate('avg', 'requests', latency), true)).toEqual({ a: 62.75, b: 190.125 });
        // nearest rank 50 of [5, 80, 120.5, 300.25]: ceil(0.5 × 4) = 2nd → 80; min over all: 5
        expect(await values(percentile(50, 'requests', latency))).toEqual({ '*': 80 });
        expect(await values(aggregate('min', 'requests', latency, bin('<', status, num(500))))).toEqual({ '*': 5 });
        // status 500 and 503 rows: 80 and the missing one
        expect(await values(aggregate('max', 'requests', latency, bin('>=', status, num(500))))).toEqual({ '*': 80 });
    });
});
