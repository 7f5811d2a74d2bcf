/**
 * `for each region` over rows whose region is empty (the field declared optional): such rows
 * are in no region's windows. The report says how many the KPI read instead of dropping them
 * silently (missing-scope-note.ts; counted against the KPI over all rows, agreement-plan.ts).
 * Counts are worked out by hand from the rows written here.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type PortfolioOptions, type Expr, type WindowSpec } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, num, ref, tempDir, writeCsv, MONTH } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const ok = ref('requests', 'ok');
// The share of good requests: two aggregates (its row count is the larger, the denominator's).
const GOOD: Expr = bin('/', count('requests', bin('=', ok, num(1))), count('requests'));

function requestsAgreement(path: string, window: WindowSpec, regionOptional = true, client?: string): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('region', 'text', regionOptional), field('ok', 'integer'), field('client', 'text', true)]);
    if (client !== undefined) requests.clientScope = { field: 'client', value: client };
    return agreement({
        id: client ?? 'Test',
        timezone: 'UTC',
        datasets: { requests },
        kpis: [{ key: 'Good', name: 'Good', unitKind: 'ratio', formula: GOOD }],
        objectives: [{ service: 'Api', kpi: 'Good', kpiName: 'Good', comparison: '>=', target: 0.5, unitKind: 'ratio', window, scopeField: 'region' }]
    });
}

async function evaluate(rows: (string | number)[][], window: WindowSpec = MONTH, regionOptional = true) {
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'region', 'ok', 'client'], rows.map((row) => [...row, '']));
    return evaluateAgreement(requestsAgreement(path, window, regionOptional), { from: '2026-01-01', to: '2026-02-28', now: NOW, parallelMinBytes: Infinity });
}

const noteOf = (notes: string[]): string[] => notes.filter((note) => note.includes('rows without a region'));

describe('rows without a for-each value', () => {
    it('are counted in a note (calendar windows: their total), and leave every region\'s values as they were', async () => {
        const report = await evaluate([
            ['2026-01-05T10:00:00Z', 'eu', 1],
            ['2026-01-06T10:00:00Z', '', 0],
            ['2026-01-07T10:00:00Z', '', 1],
            ['2026-01-08T10:00:00Z', 'us', 1],
            ['2026-02-02T10:00:00Z', '', 0],
            ['2026-02-03T10:00:00Z', 'eu', 0]
        ]);
        // January 2 rows without a region, February 1: 3.
        expect(noteOf(report.notes)).toEqual(["Api.Good for each region: rows without a region (3 in the evaluation period) are in no region's windows; give them a region in the data if they belong to one."]);
        const windows = report.objectives[0]!.windows.map((window) => `${window.scopeValue} ${window.start.slice(0, 7)} ${window.value} ${window.rows}`);
        expect(windows).toEqual(['eu 2026-01 1 1', 'eu 2026-02 0 1', 'us 2026-01 1 1', 'us 2026-02 null 0']);
    });

    it('in rolling windows, which overlap, give the most in one window', async () => {
        // 2, 3 and 20 January: the 7-day windows from 28 December … 3 January to 3 … 9 January hold the first two.
        const report = await evaluate([
            ['2026-01-02T10:00:00Z', '', 1],
            ['2026-01-03T10:00:00Z', '', 1],
            ['2026-01-05T10:00:00Z', 'eu', 1],
            ['2026-01-20T10:00:00Z', '', 0]
        ], { kind: 'rolling', lengthMs: 7 * 86_400_000, label: '7 days' });
        expect(noteOf(report.notes)).toEqual(["Api.Good for each region: rows without a region (up to 2 in one rolling 7 days window) are in no region's windows; give them a region in the data if they belong to one."]);
    });

    it('are not mentioned when every row has a region, or when the field is required', async () => {
        const rows = [['2026-01-05T10:00:00Z', 'eu', 1], ['2026-01-08T10:00:00Z', 'us', 0]];
        expect(noteOf((await evaluate(rows)).notes)).toEqual([]);
        expect(noteOf((await evaluate(rows, MONTH, false)).notes)).toEqual([]);
    });

    it('count an outage without a service in an uptime for each service', async () => {
        const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved', 'service'], [
            ['2026-01-10T10:00:00Z', '2026-01-10T11:00:00Z', 'web'],
            ['2026-01-12T10:00:00Z', '2026-01-12T10:30:00Z', ''],
            ['2026-02-12T10:00:00Z', '2026-02-12T10:30:00Z', 'mail']
        ]);
        const model = agreement({
            timezone: 'UTC',
            datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), field('service', 'text', true)]) },
            kpis: [{ key: 'Up', name: 'Up', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
            objectives: [{ kpi: 'Up', kpiName: 'Up', comparison: '>=', target: 0.99, unitKind: 'ratio', window: MONTH, scopeField: 'service' }]
        });
        const report = await evaluateAgreement(model, { from: '2026-01-01', to: '2026-02-28', now: NOW, parallelMinBytes: Infinity });
        expect(report.notes.filter((note) => note.includes('without a service'))).toEqual(["Up for each service: rows without a service (1 in the evaluation period) are in no service's windows; give them a service in the data if they belong to one."]);
        // web's January: 1 hour down of 744 hours.
        expect(report.objectives[0]!.windows.find((window) => window.scopeValue === 'web' && window.start.startsWith('2026-01'))!.value).toBeCloseTo(1 - 1 / 744, 12);
    });

    it('are counted the same on one thread and on two, on the typed reader', async () => {
        // 30,000 requests over January and February; one in 50 without a region.
        const lines = ['time,region,ok,client'];
        let missing = 0;
        for (let i = 0; i < 30_000; i++) {
            const time = new Date(at('2026-01-01T00:00:00Z') + Math.floor((i / 30_000) * 59 * 86_400_000)).toISOString();
            const regionText = i % 50 === 7 ? '' : ['eu', 'us', 'ap'][i % 3]!;
            if (regionText === '') missing++;
            lines.push(`${time},${regionText},${i % 4 === 0 ? 0 : 1},`);
        }
        expect(missing).toBe(600);
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, lines.join('\n') + '\n');
        const model = requestsAgreement(path, MONTH);
        const period = { from: '2026-01-01', to: '2026-02-28', now: NOW };
        const one = await evaluateAgreement(model, { ...period, parallelMinBytes: Infinity });
        const two = await evaluateAgreement(model, { ...period, parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 });
        const expected = "Api.Good for each region: rows without a region (600 in the evaluation period) are in no region's windows; give them a region in the data if they belong to one.";
        expect(noteOf(one.notes)).toEqual([expected]);
        expect(noteOf(two.notes)).toEqual([expected]);
        expect(JSON.stringify({ ...two, generatedAt: '' })).toBe(JSON.stringify({ ...one, generatedAt: '' }));
    }, 60_000);

    const portfolioPaths: [string, PortfolioOptions][] = [
        ['on this thread', { parallelMinBytes: Infinity }],
        ['parsed on the worker, routed here', { parallelMinBytes: 1, pipelineBatchRows: 64 }],
        ['two threads in ranges', { sharedFileThreads: 2, parallelMinBytes: 1, parallelRangeBytes: 4096 }]
    ];

    it.each(portfolioPaths)('are counted per client in a portfolio (client scope), %s', async (_name, options) => {
        // 1,200 rows of January: client a every fourth row, b the others; a region missing every third row.
        // a: rows 0, 4, 8, … of which those that are multiples of 3 too (multiples of 12): 100; b: 400 − 100 = 300.
        const lines = ['time,region,ok,client'];
        for (let i = 0; i < 1_200; i++) lines.push(`${new Date(at('2026-01-01T00:00:00Z') + i * 60_000).toISOString()},${i % 3 === 0 ? '' : 'eu'},1,${i % 4 === 0 ? 'a' : 'b'}`);
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, lines.join('\n') + '\n');
        const portfolio = await evaluatePortfolio(['a', 'b'].map((client) => requestsAgreement(path, MONTH, true, client)), { from: '2026-01-01', to: '2026-02-28', now: NOW, ...options });
        const notes = (client: string): string[] => noteOf(portfolio.entries.find((entry) => entry.agreement === client)!.report.notes);
        expect(notes('a')).toEqual(["Api.Good for each region: rows without a region (100 in the evaluation period) are in no region's windows; give them a region in the data if they belong to one."]);
        expect(notes('b')).toEqual(["Api.Good for each region: rows without a region (300 in the evaluation period) are in no region's windows; give them a region in the data if they belong to one."]);
    }, 60_000);
});
