import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr, type ItemObjectiveModel, type PauseJoin } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { judgeOpenRow, verdictOf } from '../../src/evaluate/open-judgement.js';
import { compileRowExpression } from '../../src/evaluate/row-expression.js';
import { agreement, at, bin, dataset, field, MONTH, num, ref, tempDir, writeCsv } from './fixtures.js';

/**
 * "Resolved within 2 business days; the clock stops while the ticket awaits the customer":
 * `elapsed(opened, resolved) during BusinessHours excluding pauses(ticketPauses by ticket = id, from
 * pausedFrom to pausedTo) <= 2 business days` (docs/language-reference.md § 8.6, § 14.7), in a
 * `share(… where …)` (the compiled row path), in `objective each` (items, open ones judged) and
 * judged row by row (the open-row path). Hours Monday–Friday 08:00–18:00, Europe/Berlin (CET until
 * Sunday 29 March, CEST after). pos(t) = working days before t's day + the share of t's day
 * worked at t; business days = pos(resolved) − pos(opened) − Σ over the merged pauses clipped to
 * the ticket of pos(end) − pos(start). Every number is counted by hand:
 *
 * line 2: T1, Mon 2 Mar 15:00 → Wed 4 Mar 20:00 (after hours: the end of Wednesday), paused Tue 10:00–15:00:
 *         (2 + 1) − 0.7 = 2.3, less (1 + 0.7) − (1 + 0.2) = 0.5 → 1.8: passes.
 * line 3: T2, Mon 9 Mar 13:00 → Wed 11 Mar 20:00: 3 − 0.5 = 2.5; pauses Tue 10:00–13:00 and 12:00–15:00 overlap,
 *         merged Tue 10:00–15:00 = 0.5 (not 0.3 + 0.3) → exactly 2: meets `<= 2`, fails `< 2`.
 * line 4: T3, Fri 13 Mar 15:00 → Tue 17 Mar 16:00: 0.3 (Fri) + 1 (Mon) + 0.8 (Tue) = 2.1; paused Sat 09:00 → Sun 20:00,
 *         no working time: still 2.1 → fails.
 * line 5: T4, Tue 17 Mar 10:00 → 15:00 (0.5), paused Mon 16 Mar 17:00 → Wed 18 Mar 09:00, around the whole ticket → 0: passes.
 * line 6: T5, Thu 26 Mar 15:00, still open, waiting for the customer since Fri 27 Mar 08:00 (no end). Known until the
 *         end of March (Tue 31 Mar 24:00): 0.3 + 1 (Fri) + 1 (Mon) + 1 (Tue) = 3.3 so far, the open pause from
 *         Fri 08:00 to the end of Tuesday 3 → 0.3 so far: pending (unpaused: failed).
 * line 7: T6, Wed 25 Mar 10:00, still open, paused Thu 26 Mar 10:00–15:00 (0.5): 0.8 + 4 (Thu, Fri, Mon, Tue) = 4.8 so
 *         far, less 0.5 → 4.3 > 2: failed while open, at least 4.3.
 */
const BUSINESS_HOURS = { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] };
const JOIN: PauseJoin = { dataset: 'ticketPauses', key: 'ticket', rowKey: 'id', from: 'pausedFrom', to: 'pausedTo' };
const businessDays: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'BusinessHours', unit: 'businessDays', pauses: JOIN };

const TICKETS = [
    ['2026-03-02T15:00:00+01:00', 'T1', '2026-03-04T20:00:00+01:00'],
    ['2026-03-09T13:00:00+01:00', 'T2', '2026-03-11T20:00:00+01:00'],
    ['2026-03-13T15:00:00+01:00', 'T3', '2026-03-17T16:00:00+01:00'],
    ['2026-03-17T10:00:00+01:00', 'T4', '2026-03-17T15:00:00+01:00'],
    ['2026-03-26T15:00:00+01:00', 'T5', ''],
    ['2026-03-25T10:00:00+01:00', 'T6', '']
];
const PAUSES = [
    ['T1', '2026-03-03T10:00:00+01:00', '2026-03-03T15:00:00+01:00'],
    ['T2', '2026-03-10T10:00:00+01:00', '2026-03-10T13:00:00+01:00'],
    ['T2', '2026-03-10T12:00:00+01:00', '2026-03-10T15:00:00+01:00'],
    ['T3', '2026-03-14T09:00:00+01:00', '2026-03-15T20:00:00+01:00'],
    ['T4', '2026-03-16T17:00:00+01:00', '2026-03-18T09:00:00+01:00'],
    ['T5', '2026-03-27T08:00:00+01:00', ''],
    ['T6', '2026-03-26T10:00:00+01:00', '2026-03-26T15:00:00+01:00']
];
const MARCH = { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };

function serviceDesk(options: { calendar?: typeof BUSINESS_HOURS; tickets?: string[][]; pauses?: string[][]; limit?: number; comparison?: '<=' | '<' } = {}): AgreementModel {
    const dir = tempDir();
    const tickets = writeCsv(dir, 'tickets.csv', ['opened', 'id', 'resolved'], options.tickets ?? TICKETS);
    const pauses = writeCsv(dir, 'pauses.csv', ['ticket', 'pausedFrom', 'pausedTo'], options.pauses ?? PAUSES);
    const limit = options.limit ?? 2;
    const comparison = options.comparison ?? '<=';
    const within = (op: '<=' | '<'): Expr => ({ type: 'share', dataset: 'tickets', part: bin(op, businessDays, num(limit)) });
    const item: ItemObjectiveModel = {
        kpi: 'Resolution', kpiName: 'Resolution', comparison, target: limit, unitKind: 'number', window: MONTH,
        dataset: 'tickets', idField: 'id', value: businessDays, check: bin(comparison, businessDays, num(limit))
    };
    return agreement({
        calendars: { BusinessHours: options.calendar ?? BUSINESS_HOURS },
        datasets: {
            tickets: dataset('tickets', tickets, [field('opened', 'timestamp'), field('id', 'text'), field('resolved', 'timestamp', true)]),
            ticketPauses: dataset('ticketPauses', pauses, [field('ticket', 'text'), field('pausedFrom', 'timestamp'), field('pausedTo', 'timestamp', true)])
        },
        kpis: [
            { key: 'AtMost', name: 'AtMost', unitKind: 'ratio', formula: within('<=') },
            { key: 'Under', name: 'Under', unitKind: 'ratio', formula: within('<') },
            { key: 'Resolution', name: 'Resolution', unitKind: 'number', formula: businessDays }
        ],
        objectives: [
            { kpi: 'AtMost', kpiName: 'AtMost', comparison: '>=', target: 0.95, unitKind: 'ratio', window: MONTH },
            { kpi: 'Under', kpiName: 'Under', comparison: '>=', target: 0.95, unitKind: 'ratio', window: MONTH }
        ],
        itemObjectives: [item]
    });
}

describe('business days with pauses excluded, in a share (the compiled row path)', () => {
    it('<= 2: T1 (1.8), T2 (exactly 2), T4 (0) of T1–T4 and T6 (failed while open); T5 pending: 3/5', async () => {
        const report = await evaluateAgreement(serviceDesk(), MARCH);
        const atMost = report.objectives.find((objective) => objective.kpi === 'AtMost')!.windows[0]!;
        expect(atMost.value).toBe(0.6);
        expect(atMost.pending).toBe(1);
        expect(atMost.failedOpen).toBe(1);
        // < 2: T2 took exactly 2 business days and no longer passes: T1 and T4 of 5.
        const under = report.objectives.find((objective) => objective.kpi === 'Under')!.windows[0]!;
        expect(under.value).toBe(0.4);
    });

    it('without the pauses T1 (2.3), T2 (2.5) and T5 (3.3 so far, failed while open) fail: only T4 (0.5) of 6 passes', async () => {
        const report = await evaluateAgreement(serviceDesk({ pauses: [['T0', '2026-03-01T10:00:00+01:00', '2026-03-01T11:00:00+01:00']] }), MARCH);
        const atMost = report.objectives.find((objective) => objective.kpi === 'AtMost')!.windows[0]!;
        expect(atMost.value).toBeCloseTo(1 / 6, 12);
        expect(atMost.pending).toBeUndefined();
        expect(atMost.failedOpen).toBe(2);
    });
});

describe('business days with pauses excluded, in objective each (items, open ones judged)', () => {
    it('counts and lists the failed items (T3; T6 open, at least 4.3); T5 is pending; exactly 2 passes', async () => {
        const report = await evaluateAgreement(serviceDesk(), MARCH);
        const objective = report.objectives.find((candidate) => candidate.each !== undefined)!;
        expect(objective.unit).toBe('businessDays');
        const march = objective.windows[0]!;
        expect(march.items).toMatchObject({ judged: 5, passed: 3, failed: 2, pending: 1, noValue: 0 });
        expect(march.items!.failures.map((item) => [item.id, item.line, item.open ?? false])).toEqual([['T3', 4, false], ['T6', 7, true]]);
        expect(march.items!.failures[0]!.value).toBeCloseTo(2.1, 12);
        expect(march.items!.failures[1]!.value).toBeCloseTo(4.3, 12);
        // The worst judged item: T6, at least 4.3 business days.
        expect(march.value).toBeCloseTo(4.3, 12);
        expect(march.atLeast).toBe(true);
        expect(march.status).toBe('breached');
        expect(report.openItems.map((item) => [item.line, item.state])).toEqual([[6, 'pending'], [7, 'failed']]);
    });

    it('< 2 business days: T2, exactly 2, fails too', async () => {
        const report = await evaluateAgreement(serviceDesk({ comparison: '<' }), MARCH);
        const march = report.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!;
        expect(march.items!.failures.map((item) => item.id)).toEqual(['T2', 'T3', 'T6']);
        expect(march.items!.failures[0]!.value).toBe(2);
    });

    it('an open ticket waiting for the customer stays pending until it passes the limit on its time so far, less its pauses', async () => {
        // T5 alone, known until the end of March: 0.3 business days so far (above). With the pause ended on Monday 30 March
        // 08:00 (CEST), pos(Mon 08:00) − pos(Fri 08:00) = 1: 3.3 − 1 = 2.3 so far > 2 → failed while open.
        const tickets = [TICKETS[4]!];
        const pending = await evaluateAgreement(serviceDesk({ tickets }), MARCH);
        expect(pending.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!.items).toMatchObject({ judged: 0, pending: 1 });
        const pauses = [['T5', '2026-03-27T08:00:00+01:00', '2026-03-30T08:00:00+02:00']];
        const failed = await evaluateAgreement(serviceDesk({ tickets, pauses }), MARCH);
        const march = failed.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!;
        expect(march.items).toMatchObject({ judged: 1, failed: 1, pending: 0 });
        expect(march.items!.failures[0]!.value).toBeCloseTo(2.3, 12);
        // Paused until Tuesday 31 March 08:00 instead: 3.3 − 2 = 1.3 so far: pending again.
        const later = await evaluateAgreement(serviceDesk({ tickets, pauses: [['T5', '2026-03-27T08:00:00+01:00', '2026-03-31T08:00:00+02:00']] }), MARCH);
        expect(later.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!.items).toMatchObject({ judged: 0, pending: 1 });
    });

    it('days of unequal length (Friday 08:00–14:00): a ticket of exactly 1 business day meets <= 1, where floating point says 1.0000000000000002', async () => {
        // Thu 5 Mar 08:00 → Mon 9 Mar 10:00: 2.2; paused Thu 10:00–17:00 (0.7 of 10 h) and Fri 08:00–11:00 (0.5 of 6 h) → 1.
        const shortFriday = { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4], startMinute: 480, endMinute: 1080 }, { weekdays: [5], startMinute: 480, endMinute: 840 }], holidays: [] };
        const tickets = [['2026-03-05T08:00:00+01:00', 'T7', '2026-03-09T10:00:00+01:00']];
        const pauses = [['T7', '2026-03-05T10:00:00+01:00', '2026-03-05T17:00:00+01:00'], ['T7', '2026-03-06T08:00:00+01:00', '2026-03-06T11:00:00+01:00']];
        const atMost = await evaluateAgreement(serviceDesk({ calendar: shortFriday, tickets, pauses, limit: 1 }), MARCH);
        const each = atMost.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!;
        expect(each.items).toMatchObject({ judged: 1, passed: 1, failed: 0 });
        expect(each.status).toBe('met');
        expect(atMost.objectives.find((objective) => objective.kpi === 'AtMost')!.windows[0]!.value).toBe(1);
        expect(atMost.objectives.find((objective) => objective.kpi === 'Under')!.windows[0]!.value).toBe(0);
        const under = await evaluateAgreement(serviceDesk({ calendar: shortFriday, tickets, pauses, limit: 1, comparison: '<' }), MARCH);
        expect(under.objectives.find((candidate) => candidate.each !== undefined)!.windows[0]!.items).toMatchObject({ judged: 1, failed: 1 });
    });
});

describe('the compiled and the judged path agree', () => {
    it('on every resolved ticket: the same verdict and value, row by row', async () => {
        const model = serviceDesk();
        const period = evaluationPeriod(model.timezone, model.validity, MARCH);
        const plan = planAgreement(model, period, undefined);
        for (const index of plan.pauseIndexes.values()) await index.load(period, false);
        const scan = plan.scans.get('tickets')!;
        const [item] = model.itemObjectives!;
        const compiledCheck = compileRowExpression(item!.check, scan.context);
        const compiledValue = compileRowExpression(item!.value, scan.context);
        const rows = TICKETS.slice(0, 4).map(([opened, id, resolved]) => [at(opened!), id!, at(resolved!)]);
        const asOf = at('2026-04-01T00:00:00+02:00');
        const verdicts = rows.map((row) => [compiledCheck(row), verdictOf(judgeOpenRow(item!.check, row, scan.context, asOf, 'known'))]);
        expect(verdicts).toEqual([[true, true], [true, true], [false, false], [true, true]]);
        const values = rows.map((row) => [compiledValue(row), judgeOpenRow(item!.value, row, scan.context, asOf, 'now')]);
        for (const [compiled, judged] of values) expect(judged).toBe(compiled);
        expect((values.map(([value]) => value) as number[]).map((value) => Math.round(value * 1000) / 1000)).toEqual([1.8, 2, 2.1, 0]);
    });
});
