import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr, type ItemObjectiveModel, type PauseJoin } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { agreement, at, bin, dataset, field, HOUR, MONTH, num, ref, str, tempDir, writeCsv } from './fixtures.js';

/**
 * `objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month`
 * with `ResolutionTime = elapsed(opened, resolved) during SupportHours excluding pauses(ticketPauses
 * by ticket = id, from pausedFrom to pausedTo)` (docs/language-reference.md § 8.6, § 9.1).
 * Paris, Monday–Friday 09:00–18:00, 1 May 2026 (a Friday) a holiday. Every number is counted by hand.
 */
const SUPPORT = { zone: 'Europe/Paris', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }], holidays: ['2026-05-01'] };
const JOIN: PauseJoin = { dataset: 'ticketPauses', key: 'ticket', rowKey: 'id', from: 'pausedFrom', to: 'pausedTo' };
const resolution: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'SupportHours', pauses: JOIN };
const LIMIT = 4 * HOUR;

// line 2: T1, Fri 27 Mar 16:00 → Mon 30 Mar 12:00 across the DST change: 5 working hours, paused Fri 17:00 → Mon 10:00
//         (2 working hours) → 3 h: passes (without the pause it would fail).
// line 3: T2, Tue 10 Mar 09:00 → 15:00: 6 h; its only pause (07:00–08:30) lies before it opened → 6 h: fails.
// line 4: T3, a P2 ticket: not an item.
// line 5: T4, Thu 30 Apr 17:00 → Mon 4 May 11:00: 1 h Thursday + 2 h Monday (Friday 1 May is a holiday) = 3 h;
//         pauses Thu 17:30 → Mon 09:30 and Fri 1 May 10:00 → Mon 09:15 overlap (merged: Thu 17:30 → Mon 09:30):
//         0.5 h + 0.5 h of working time → 2 h: passes. Its window is April (the event time is `opened`).
// line 6: T5, Tue 31 Mar 15:00, still open, waiting for the customer since 16:00 (open pause): 1 h so far → pending.
// line 7: T6, Mon 30 Mar 09:00, still open, no pause. The data are known until the later of the data end
//         (--to 2026-03-31) and the last event (T4 opened Thu 30 Apr 17:00): 30 and 31 March 2 × 9 h, April 1–29
//         21 working days × 9 h = 189 h (no holiday in them), 30 April 09:00–17:00 8 h → 215 h so far, already past
//         4 h → failed while open, at least 215 h.
const TICKETS = [
    ['2026-03-27T16:00:00+01:00', 'T1', 'P1', '2026-03-30T12:00:00+02:00'],
    ['2026-03-10T09:00:00+01:00', 'T2', 'P1', '2026-03-10T15:00:00+01:00'],
    ['2026-03-11T09:00:00+01:00', 'T3', 'P2', '2026-03-13T09:00:00+01:00'],
    ['2026-04-30T17:00:00+02:00', 'T4', 'P1', '2026-05-04T11:00:00+02:00'],
    ['2026-03-31T15:00:00+02:00', 'T5', 'P1', ''],
    ['2026-03-30T09:00:00+02:00', 'T6', 'P1', '']
];
const PAUSES = [
    ['T1', '2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00'],
    ['T2', '2026-03-10T07:00:00+01:00', '2026-03-10T08:30:00+01:00'],
    ['T4', '2026-04-30T17:30:00+02:00', '2026-05-04T09:30:00+02:00'],
    ['T4', '2026-05-01T10:00:00+02:00', '2026-05-04T09:15:00+02:00'],
    ['T5', '2026-03-31T16:00:00+02:00', ''],
    ['T99', '2026-03-12T10:00:00+01:00', '2026-03-12T11:00:00+01:00']
];

function desk(pauses: string[][] = PAUSES, objective: Partial<ItemObjectiveModel> = {}): AgreementModel {
    const dir = tempDir();
    const tickets = writeCsv(dir, 'tickets.csv', ['opened', 'id', 'priority', 'resolved'], TICKETS);
    const pausePath = writeCsv(dir, 'pauses.csv', ['ticket', 'pausedFrom', 'pausedTo'], pauses);
    const base: ItemObjectiveModel = {
        kpi: 'ResolutionTime', kpiName: 'ResolutionTime', comparison: '<=', target: LIMIT, unitKind: 'duration', window: MONTH,
        dataset: 'tickets', idField: 'id', where: bin('=', ref('tickets', 'priority'), str('P1')), whereText: 'priority = "P1"',
        value: resolution, check: bin('<=', resolution, num(LIMIT, 'duration'))
    };
    return agreement({
        timezone: 'Europe/Paris',
        calendars: { SupportHours: SUPPORT },
        datasets: {
            tickets: dataset('tickets', tickets, [field('opened', 'timestamp'), field('id', 'text'), field('priority', 'text'), field('resolved', 'timestamp', true)]),
            ticketPauses: dataset('ticketPauses', pausePath, [field('ticket', 'text'), field('pausedFrom', 'timestamp'), field('pausedTo', 'timestamp', true)])
        },
        kpis: [{ key: 'ResolutionTime', name: 'ResolutionTime', unitKind: 'duration', formula: resolution }],
        itemObjectives: [{ ...base, ...objective }]
    });
}

const MARCH_APRIL = { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };

describe('objective each, with paused clocks', () => {
    it('March (DST): counts and lists the failed items, open ones too; the pending one is not judged', async () => {
        const report = await evaluateAgreement(desk(), MARCH_APRIL);
        const objective = report.objectives[0]!;
        expect(objective.each).toEqual({ dataset: 'tickets', idField: 'id', where: 'priority = "P1"' });
        const march = objective.windows[0]!;
        // Judged: T1 (passed), T2 (failed, 6 h), T6 (failed while open, at least 215 h); T5 pending.
        expect(march.items).toEqual({
            judged: 3, passed: 1, failed: 2, pending: 1, noValue: 0,
            failures: [{ id: 'T2', line: 3, value: 6 * HOUR }, { id: 'T6', line: 7, value: 215 * HOUR, open: true }]
        });
        expect(march.status).toBe('breached');
        // The worst judged item is T6, at least 215 h: 211 h over the limit.
        expect(march.value).toBe(215 * HOUR);
        expect(march.atLeast).toBe(true);
        expect(march.margin).toBe(-211 * HOUR);
        expect(march.rows).toBe(3);
        expect(march.pending).toBe(1);
        expect(march.failedOpen).toBe(1);
        expect(march.provisional).toBeUndefined(); // already breached: the pending ticket cannot change that
        expect(objective.status).toBe('breached');
        expect(report.totals).toEqual({ windows: 1, met: 0, breached: 1, noData: 0 });
        // Both open tickets are listed with their state.
        expect(report.openItems.map((item) => [item.line, item.state])).toEqual([[6, 'pending'], [7, 'failed']]);
    });

    it('the pauses dataset: kept, open and unknown keys are reported, not dropped', async () => {
        const report = await evaluateAgreement(desk(), MARCH_APRIL);
        expect(report.pauses).toEqual([{
            name: 'ticketPauses', path: expect.stringMatching(/pauses\.csv$/), joinedTo: 'tickets', key: 'ticket = id',
            rows: 6, rejected: 0, rejectedSamples: [], kept: 6, open: 1, unknownKeys: 1, unknownKeySamples: [{ key: 'T99', line: 7 }]
        }]);
        expect(report.notes.some((note) => note.includes("1 pause row(s) of dataset 'ticketPauses'") && note.includes('"T99" at line 7'))).toBe(true);
    });

    it('April (holiday on a Friday): overlapping pauses merged; the window is met', async () => {
        const report = await evaluateAgreement(desk(), { from: '2026-04-01', to: '2026-05-31', now: at('2027-01-01T00:00:00Z') });
        const [april, may] = report.objectives[0]!.windows;
        // T4: 3 working hours minus 1 working hour of merged pauses = 2 h.
        expect(april!.items).toEqual({ judged: 1, passed: 1, failed: 0, pending: 0, noValue: 0, failures: [] });
        expect(april!.value).toBe(2 * HOUR);
        expect(april!.margin).toBe(2 * HOUR);
        expect(april!.status).toBe('met');
        // May has no P1 ticket: no data, never met.
        expect(may!.status).toBe('no data');
        expect(may!.value).toBeNull();
        // Pauses ending before 1 April are not kept: T1's, T2's and T99's.
        expect(report.pauses![0]!.kept).toBe(3);
    });

    it('without the pauses, T1 fails too (the pause is what makes it pass)', async () => {
        const report = await evaluateAgreement(desk([['T0', '2026-03-01T10:00:00+01:00', '2026-03-01T11:00:00+01:00']]), MARCH_APRIL);
        const march = report.objectives[0]!.windows[0]!;
        // T1 unpaused: 5 h. T5 unpaused, open: 31 March 15–18 (3 h) + 189 h + 8 h until 30 April 17:00 = 200 h: failed.
        expect(march.items!.failures.map((item) => [item.id, item.value])).toEqual([['T1', 5 * HOUR], ['T2', 6 * HOUR], ['T5', 200 * HOUR], ['T6', 215 * HOUR]]);
        expect(march.items!.pending).toBe(0);
    });

    it('an open pause of a resolved ticket lasts until its resolution; exactly the limit passes', async () => {
        // T2 (09:00–15:00) waits for the customer from 13:00 and is resolved without the pause ever ending:
        // 09:00–13:00 = 4 h, exactly the limit: passes. Only T6 (open) fails in March.
        const pauses = [...PAUSES.filter((row) => row[0] !== 'T2'), ['T2', '2026-03-10T13:00:00+01:00', '']];
        const march = (await evaluateAgreement(desk(pauses), MARCH_APRIL)).objectives[0]!.windows[0]!;
        expect(march.items!.failures.map((item) => item.id)).toEqual(['T6']);
        expect(march.items!.passed).toBe(2);
    });

    it('only the first 10 failed items are listed; the count has them all', async () => {
        const dir = tempDir();
        // 12 P1 tickets of 5 h each (Monday 2 March 09:00–14:00): all fail.
        const rows = Array.from({ length: 12 }, (_, i) => ['2026-03-02T09:00:00+01:00', `X${i + 1}`, 'P1', '2026-03-02T14:00:00+01:00']);
        const model = desk();
        model.datasets.tickets!.path = writeCsv(dir, 'many.csv', ['opened', 'id', 'priority', 'resolved'], rows);
        const march = (await evaluateAgreement(model, MARCH_APRIL)).objectives[0]!.windows[0]!;
        expect(march.items!.failed).toBe(12);
        expect(march.items!.failures.map((item) => item.id)).toEqual(['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8', 'X9', 'X10']);
    });

    it('without `by`, items are named by their line', async () => {
        const model = desk(PAUSES, { idField: undefined });
        delete model.itemObjectives![0]!.idField;
        const march = (await evaluateAgreement(model, MARCH_APRIL)).objectives[0]!.windows[0]!;
        expect(march.items!.failures.map((item) => [item.id, item.line])).toEqual([[null, 3], [null, 7]]);
    });

    it('a window whose only item is pending is no data and provisional', async () => {
        // Only T5 (pending) in the last days of March: an agreement valid from 31 March (`--from 2026-03-31`
        // would judge all of March, evaluation-period.ts).
        const report = await evaluateAgreement({ ...desk(), validity: { from: '2026-03-31', to: '2026-12-31' } }, { to: '2026-03-31', now: at('2027-01-01T00:00:00Z') });
        const window = report.objectives[0]!.windows[0]!;
        expect(window.items).toMatchObject({ judged: 0, pending: 1, failed: 0 });
        expect(window.status).toBe('no data');
        expect(window.provisional).toBe(true);
    });
});

describe('threads', () => {
    it('a dataset with items and pause joins is read on one thread, whatever its size', async () => {
        enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));
        const model = desk();
        const period = evaluationPeriod(model.timezone, model.validity, MARCH_APRIL);
        const plan = planAgreement(model, period, undefined);
        const scan = plan.scans.get('tickets')!;
        expect(scan.singleThread).toBe(true);
        for (const index of plan.pauseIndexes.values()) await index.load(period, false);
        const pass = await runDatasetPass(scan, period, { skipInvalid: false, parallelMinBytes: 1, parallelInputs: { model, period, dataOverrides: undefined } });
        expect(pass.threads).toBe(1);
        const parallel = await evaluateAgreement(model, { ...MARCH_APRIL, parallelMinBytes: 1 });
        const serial = await evaluateAgreement(model, { ...MARCH_APRIL, parallelMinBytes: Infinity });
        expect({ ...parallel, generatedAt: '' }).toEqual({ ...serial, generatedAt: '' });
    });
});

describe('pause rows that cannot be used', () => {
    it('a pause that ends before it starts is an invalid row with file, line and column', async () => {
        const pauses = [...PAUSES, ['T2', '2026-03-10T12:00:00+01:00', '2026-03-10T11:00:00+01:00']];
        const error = await evaluateAgreement(desk(pauses), MARCH_APRIL).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataError);
        expect((error as DataError).line).toBe(8);
        expect((error as DataError).column).toBe(3);
        expect((error as DataError).message).toMatch(/pauses\.csv:8:3: invalid pause of "T2": it ends \(pausedTo\) before it starts \(pausedFrom\)/);
    });

    it('with --skip-invalid it is skipped, counted and listed', async () => {
        const pauses = [...PAUSES, ['T2', '2026-03-10T12:00:00+01:00', '2026-03-10T11:00:00+01:00']];
        const report = await evaluateAgreement(desk(pauses), { ...MARCH_APRIL, skipInvalid: true });
        expect(report.pauses![0]).toMatchObject({ rows: 6, rejected: 1 });
        expect(report.pauses![0]!.rejectedSamples[0]).toMatchObject({ line: 8, column: 3, field: 'pausedTo' });
    });
});
