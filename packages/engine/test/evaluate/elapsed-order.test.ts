// A row whose elapsed(a, b) has b before a is an invalid row (docs/language-reference.md § 8.6):
// the evaluation stops at the end's cell, or skips and counts the row with skipInvalid — never a
// negative duration counted as the fastest ticket. Every read path (the general reader, the typed
// readers with and without the WebAssembly kernel, two threads, a portfolio's pipelined pass)
// rejects the same rows at the same lines.
// The scan worker runs the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Expr, type ItemObjectiveModel, type Report } from '../../src/index.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { agreement, aggregate, at, bin, count, dataset, field, HOUR, MONTH, namedKpi, num, percentile, ref, tempDir, writeCsv } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

afterAll(() => useTypedCsvKernel(true));

const NOW = at('2027-01-01T00:00:00Z');
const OPTIONS = { from: '2026-03-01', to: '2026-03-31', now: NOW };
/** Monday–Friday 08:00–18:00 UTC. */
const HOURS = { zone: 'UTC', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] };
const wallClock: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved') };
const business: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'Hours' };

// line 2: Mon 2 Mar 09:00 → 08:00 the same day (−1 h): invalid.
// line 3: Tue 3 Mar 09:00 → Mon 2 Mar 10:00 (−23 h): invalid.
// line 4: Wed 4 Mar 09:00 → 12:00: 3 h, wall-clock and working time alike.
const TICKETS = [
    ['2026-03-02T09:00:00Z', '2026-03-02T08:00:00Z', 'A', 'P1'],
    ['2026-03-03T09:00:00Z', '2026-03-02T10:00:00Z', 'B', 'P1'],
    ['2026-03-04T09:00:00Z', '2026-03-04T12:00:00Z', 'C', 'P1']
];

function tickets(rows: string[][] = TICKETS): AgreementModel['datasets'] {
    const path = writeCsv(tempDir(), 't.csv', ['opened', 'resolved', 'id', 'priority'], rows);
    return { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('resolved', 'timestamp', true), field('id', 'text'), field('priority', 'text')]) };
}

/** The KPIs of the report that showed the defect: P50 wall-clock and in working time (≤ 1 h), and the share within 1 working hour (≥ 90 %). */
function desk(kpis: Array<'P50' | 'P50b' | 'Within'> = ['P50', 'P50b', 'Within'], rows?: string[][]): AgreementModel {
    const all = {
        P50: namedKpi('P50', percentile(50, 'tickets', wallClock)),
        P50b: namedKpi('P50b', percentile(50, 'tickets', business)),
        Within: namedKpi('Within', { type: 'share', dataset: 'tickets', part: bin('<=', business, num(HOUR, 'duration')) }, 'ratio')
    };
    return agreement({
        timezone: 'UTC',
        calendars: { Hours: HOURS },
        datasets: tickets(rows),
        kpis: kpis.map((key) => all[key]),
        objectives: kpis.map((key) =>
            key === 'Within'
                ? { kpi: key, kpiName: key, comparison: '>=' as const, target: 0.9, unitKind: 'ratio' as const, window: MONTH }
                : { kpi: key, kpiName: key, comparison: '<=' as const, target: HOUR, unitKind: 'duration' as const, window: MONTH })
    });
}

async function failure(evaluation: Promise<unknown>): Promise<DataError> {
    const error = await evaluation.then(() => undefined, (caught: unknown) => caught);
    if (error instanceof DataError) return error;
    throw error ?? new Error('the evaluation did not fail');
}

const marchValue = (report: Report, kpi: string): number | null | undefined => report.objectives.find((objective) => objective.kpi === kpi)!.windows[0]!.value;

describe('a row whose end is before its start', () => {
    it('stops the evaluation at the end field of its line, naming both fields and values', async () => {
        const error = await failure(evaluateAgreement(desk(), OPTIONS));
        expect({ line: error.line, column: error.column, field: error.field, value: error.value, skippable: error.skippable }).toEqual({ line: 2, column: 2, field: 'resolved', value: '2026-03-02T08:00:00.000Z', skippable: true });
        expect(error.message).toMatch(/t\.csv:2:2: invalid row: resolved 2026-03-02T08:00:00\.000Z in column 2 \(resolved\) is before opened 2026-03-02T09:00:00\.000Z in column 1 \(opened\): elapsed\(opened, resolved\) cannot be negative; correct the row/);
    });

    it('is skipped and counted with skipInvalid: the P50 is the one valid row\'s 3 h, not −1 h', async () => {
        const report = await evaluateAgreement(desk(), { ...OPTIONS, skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 1, rejected: 2 });
        expect(report.datasets[0]!.rejectedSamples.map(({ line, column, field }) => ({ line, column, field }))).toEqual([
            { line: 2, column: 2, field: 'resolved' },
            { line: 3, column: 2, field: 'resolved' }
        ]);
        // Left: line 4 alone, 09:00 → 12:00 = 3 h (wall-clock, and working time within 08:00–18:00); its median is 3 h > 1 h.
        // (Counted, the three were −23 h, −1 h, 3 h: a median of −1 h, met with a margin of +2 h.)
        expect(marchValue(report, 'P50')).toBe(3 * HOUR);
        expect(marchValue(report, 'P50b')).toBe(3 * HOUR);
        expect(report.objectives.find((objective) => objective.kpi === 'P50')!.windows[0]!.status).toBe('breached');
        // Within 1 working hour: 0 of 1 (the two invalid rows no longer count as within it: not 2 of 3).
        expect(marchValue(report, 'Within')).toBe(0);
    });

    it('in working time (`during C`) is the same error', async () => {
        const error = await failure(evaluateAgreement(desk(['P50b']), OPTIONS));
        expect({ line: error.line, column: error.column, field: error.field }).toEqual({ line: 2, column: 2, field: 'resolved' });
        const report = await evaluateAgreement(desk(['P50b']), { ...OPTIONS, skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 1, rejected: 2 });
        expect(marchValue(report, 'P50b')).toBe(3 * HOUR); // Wed 09:00–12:00, all working time
    });

    it('is not an item that passes `objective each`', async () => {
        const objective: ItemObjectiveModel = {
            kpi: 'Res', kpiName: 'Res', comparison: '<=', target: 4 * HOUR, unitKind: 'duration', window: MONTH,
            dataset: 'tickets', idField: 'id', value: business, check: bin('<=', business, num(4 * HOUR, 'duration'))
        };
        const model = agreement({ timezone: 'UTC', calendars: { Hours: HOURS }, datasets: tickets(), kpis: [namedKpi('Res', business)], itemObjectives: [objective] });
        const error = await failure(evaluateAgreement(model, OPTIONS));
        expect({ line: error.line, column: error.column }).toEqual({ line: 2, column: 2 });
        const report = await evaluateAgreement(model, { ...OPTIONS, skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 1, rejected: 2 });
        // One item judged: C, 3 h <= 4 h (A and B, −1 h and −23 h, passed before).
        expect(report.objectives[0]!.windows[0]!.items).toMatchObject({ judged: 1, passed: 1, failed: 0 });
    });

    it('is invalid, but an end equal to the start is a duration of 0, and an empty end an open row', async () => {
        // line 2: 09:00 → 09:00 (0); line 3: −23 h (invalid); line 4: 3 h; line 5: opened, not resolved yet (open, not invalid).
        const rows = [['2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z', 'A', 'P1'], TICKETS[1]!, TICKETS[2]!, ['2026-03-05T09:00:00Z', '', 'D', 'P1']];
        const model = agreement({
            timezone: 'UTC',
            datasets: tickets(rows),
            kpis: [namedKpi('Fastest', aggregate('min', 'tickets', wallClock)), namedKpi('Tickets', count('tickets'), 'count')],
            objectives: ['Fastest', 'Tickets'].map((key) => ({ kpi: key, kpiName: key, comparison: '<=' as const, target: 1e9, unitKind: 'duration' as const, window: MONTH }))
        });
        const report = await evaluateAgreement(model, { ...OPTIONS, skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 3, rejected: 1, unresolved: 1 });
        expect(report.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual([3]);
        // The shortest of 0 (line 2) and 3 h (line 4): 0, not the −23 h of line 3.
        expect(marchValue(report, 'Fastest')).toBe(0);
        // Lines 2, 4 and 5 (the open row is a ticket too).
        expect(marchValue(report, 'Tickets')).toBe(3);
    });

    it('in a JSON dataset is located at its key', async () => {
        const path = join(tempDir(), 't.ndjson');
        writeFileSync(path, TICKETS.map(([opened, resolved, id, priority]) => JSON.stringify({ opened, resolved, id, priority })).join('\n') + '\n');
        const model = desk(['P50']);
        model.datasets.tickets = { ...model.datasets.tickets!, path, format: 'ndjson' };
        const error = await failure(evaluateAgreement(model, OPTIONS));
        expect({ line: error.line, field: error.field }).toEqual({ line: 1, field: 'resolved' });
        expect(error.message).toMatch(/t\.ndjson:1:1: invalid row: resolved 2026-03-02T08:00:00\.000Z at key "resolved" is before opened/);
        const report = await evaluateAgreement(model, { ...OPTIONS, skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 1, rejected: 2 });
        expect(marchValue(report, 'P50')).toBe(3 * HOUR);
    });
});

describe('rows out of order in a large file', () => {
    // 6,000 tickets, one every 10 minutes from Sun 1 Mar 00:00Z, each resolved after (i mod 7) + 1 minutes;
    // the tickets in OUT_OF_ORDER resolved an hour before they were opened. Record i is on line i + 2.
    const OUT_OF_ORDER = [10, 2000, 3001, 4502, 5999];
    function largeFile(): string {
        const lines = ['opened,resolved,id,priority'];
        for (let i = 0; i < 6000; i++) {
            const opened = at('2026-03-01T00:00:00Z') + i * 600_000;
            const resolved = OUT_OF_ORDER.includes(i) ? opened - HOUR : opened + ((i % 7) + 1) * 60_000;
            lines.push(`${new Date(opened).toISOString()},${new Date(resolved).toISOString()},T${i},P${(i % 2) + 1}`);
        }
        const path = join(tempDir(), 't.csv');
        writeFileSync(path, lines.join('\n') + '\n');
        return path;
    }
    function model(path: string, withItems: boolean): AgreementModel {
        const datasets = { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('resolved', 'timestamp', true), field('id', 'text'), field('priority', 'text')]) };
        const items: ItemObjectiveModel[] = withItems
            ? [{ kpi: 'Res', kpiName: 'Res', comparison: '<=', target: 5 * 60_000, unitKind: 'duration', window: MONTH, dataset: 'tickets', idField: 'id', value: wallClock, check: bin('<=', wallClock, num(5 * 60_000, 'duration')) }]
            : [];
        return agreement({
            timezone: 'UTC',
            datasets,
            kpis: [namedKpi('Fastest', aggregate('min', 'tickets', wallClock)), namedKpi('P50', percentile(50, 'tickets', wallClock)), namedKpi('Res', wallClock)],
            objectives: ['Fastest', 'P50'].map((key) => ({ kpi: key, kpiName: key, comparison: '<=' as const, target: HOUR, unitKind: 'duration' as const, window: MONTH })),
            itemObjectives: items
        });
    }
    const evaluate = async (agreementModel: AgreementModel, twoThreads: boolean, skipInvalid: boolean): Promise<Report> => ({
        ...(await evaluateAgreement(agreementModel, { now: NOW, from: '2026-03-01', to: '2026-03-31', skipInvalid, readChunkBytes: 4096, ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 16 * 1024 } : { parallelMinBytes: Infinity }) })),
        generatedAt: ''
    });

    for (const withItems of [false, true]) {
        it(`are rejected at the same lines on one thread and two, with and without the kernel${withItems ? ' (rows as arrays: items)' : ' (typed rows)'}`, async () => {
            const agreementModel = model(largeFile(), withItems);
            // The file is read on two threads when asked to (ranges of 16 KB); item lists are kept by one thread.
            const period = evaluationPeriod(agreementModel.timezone, agreementModel.validity, { now: NOW, from: '2026-03-01', to: '2026-03-31' });
            const scan = planAgreement(agreementModel, period, undefined).scans.get('tickets')!;
            const passed = await runDatasetPass(scan, period, { skipInvalid: true, parallelMinBytes: 1, parallelRangeBytes: 16 * 1024, parallelInputs: { model: agreementModel, period, dataOverrides: undefined } });
            expect(passed.threads).toBe(withItems ? 1 : 2);
            const reports: Report[] = [];
            for (const kernel of [true, false]) {
                useTypedCsvKernel(kernel);
                for (const twoThreads of [false, true]) {
                    const kernelBefore = recordsReadByKernel();
                    const report = await evaluate(agreementModel, twoThreads, true);
                    // Typed rows on this thread: the kernel read them, when it is used (rows as arrays: never).
                    if (!twoThreads) expect(recordsReadByKernel() - kernelBefore > 5000).toBe(kernel && !withItems);
                    expect(report.datasets[0]).toMatchObject({ rows: 5995, rejected: 5 }); // 6,000 − 5
                    expect(report.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual(OUT_OF_ORDER.map((i) => i + 2));
                    reports.push(report);
                    // Without skipping, every path stops at ticket 10's line, 12, at the resolved column.
                    const error = await failure(evaluate(agreementModel, twoThreads, false));
                    expect({ line: error.line, column: error.column }).toEqual({ line: 12, column: 2 });
                }
            }
            for (const report of reports) expect(report).toEqual(reports[0]);
            // The fastest ticket: 1 minute (i ≡ 0 mod 7), not the −1 h of the rows out of order.
            expect(marchValue(reports[0]!, 'Fastest')).toBe(60_000);
        }, 120_000);
    }

    it('are rejected by a portfolio\'s pipelined pass as by one agreement alone', async () => {
        const path = largeFile();
        const models = [{ ...model(path, false), id: 'One' }, { ...model(path, false), id: 'Two' }];
        const portfolio = await evaluatePortfolio(models, { now: NOW, from: '2026-03-01', to: '2026-03-31', parallelMinBytes: 1, pipelineBatchRows: 500, skipInvalid: true });
        expect(portfolio.dataFiles[0]).toMatchObject({ agreements: 2, reads: 1, rows: 5995, threads: 2 });
        const alone = await evaluateAgreement(models[0]!, { now: NOW, from: '2026-03-01', to: '2026-03-31', parallelMinBytes: Infinity, skipInvalid: true });
        expect(portfolio.entries[0]!.report).toEqual(alone);
        const error = await failure(evaluatePortfolio(models, { now: NOW, from: '2026-03-01', to: '2026-03-31', parallelMinBytes: 1, pipelineBatchRows: 500 }));
        expect({ line: error.line, column: error.column }).toEqual({ line: 12, column: 2 });
    }, 120_000);
});
