import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { openItemsTable } from '../../src/report/report-tables.js';
import { agreement, at, bin, count, dataset, field, HOUR, MONTH, num, percentile, ref, str, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.7, "Open items": a row whose end is missing is judged
 * on its elapsed time so far. Business hours Mon–Fri 08:00–18:00, Europe/Berlin.
 */
const LATER = at('2027-01-01T00:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31', now: LATER };

const isP1 = bin('=', ref('tickets', 'priority'), str('P1'));
const elapsed: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'BusinessHours' };
const within4h = bin('<=', elapsed, num(4 * HOUR, 'duration'));
const share: Expr = { type: 'share', dataset: 'tickets', part: bin('and', isP1, within4h), whole: isP1 };
const countRatio: Expr = bin('/', count('tickets', bin('and', isP1, within4h)), count('tickets', isP1));

function serviceDesk(rows: string[][], formula: Expr, unitKind: 'ratio' | 'duration' = 'ratio', target = 0.95, comparison: '>=' | '<=' = '>='): AgreementModel {
    const path = writeCsv(tempDir(), 'tickets.csv', ['opened', 'resolved', 'priority'], rows);
    return agreement({
        calendars: { BusinessHours: { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] } },
        datasets: { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('resolved', 'timestamp', true), field('priority', 'text')]) },
        kpis: [{ key: 'P1Fix', name: 'P1Fix', unitKind, formula }],
        objectives: [{ kpi: 'P1Fix', kpiName: 'P1Fix', comparison, target, unitKind, window: MONTH }],
        credits: unitKind === 'ratio' ? [{ kpi: 'P1Fix', window: MONTH, tiers: [{ upper: { value: 0.95, inclusive: false }, amount: { kind: 'money', amount: 2500, currency: 'EUR' }, label: 'below 95%' }] }] : []
    });
}

// Two P1 tickets fixed in 1 h and 2 h; a P2 ticket that no KPI reads.
const decided = [
    ['2026-03-03T09:00:00+01:00', '2026-03-03T10:00:00+01:00', 'P1'],
    ['2026-03-04T10:00:00+01:00', '2026-03-04T12:00:00+01:00', 'P1'],
    ['2026-03-02T09:00:00+01:00', '2026-03-05T09:00:00+01:00', 'P2']
];
// Tuesday 31 March 15:00 (+02:00), still open at the end of March: 15:00–18:00 = 3 business hours so far.
const openThreeHours = ['2026-03-31T15:00:00+02:00', '', 'P1'];
// Tuesday 31 March 13:00, still open: 13:00–18:00 = 5 business hours so far, already past 4 hours.
const openFiveHours = ['2026-03-31T13:00:00+02:00', '', 'P1'];

describe('open rows in a ratio', () => {
    for (const [name, formula] of [['share(… of …)', share], ['count(…) / count(…)', countRatio]] as const) {
        it(`${name}: a row that could still pass is pending, out of both sides; the window is provisional`, async () => {
            // Before: 2 / 3 = 66.667 %, breached, a 2,500 EUR credit. Now: the open ticket is pending;
            // the decided rows give 2 / 2 = 100 %, met. If it is never fixed: 2 / 3 → breached and
            // the tier fires, so the window and its credit are provisional.
            const report = await evaluateAgreement(serviceDesk([...decided, openThreeHours], formula), MARCH);
            const march = report.objectives[0]!.windows[0]!;
            expect(march.value).toBe(1);
            expect(march.status).toBe('met');
            expect(march.pending).toBe(1);
            expect(march.failedOpen).toBeUndefined();
            expect(march.provisional).toBe(true);
            const credit = report.credits[0]!;
            expect(credit.windows[0]!.amount).toBe(0);
            expect(credit.windows[0]!.provisional).toBe(true);
            expect(credit.total).toBe(0);
            expect(report.openItems).toEqual([{ kind: 'unresolved row', dataset: 'tickets', line: 5, start: '2026-03-31T15:00:00+02:00', state: 'pending', emptyFields: ['resolved'] }]);
        });
    }

    it('counts a row whose elapsed time so far already fails as failed now (not provisional)', async () => {
        // 5 business hours so far > 4 hours: failed whatever happens → 2 / 3 = 66.667 %, breached, 2,500 EUR.
        const report = await evaluateAgreement(serviceDesk([...decided, openFiveHours], share), MARCH);
        const march = report.objectives[0]!.windows[0]!;
        expect(march.value).toBeCloseTo(2 / 3, 15);
        expect(march.status).toBe('breached');
        expect(march.failedOpen).toBe(1);
        expect(march.pending).toBeUndefined();
        expect(march.provisional).toBeUndefined();
        expect(report.credits[0]!.total).toBe(2500);
        expect(report.openItems[0]!.state).toBe('failed');
    });

    it('is not provisional when the pending row cannot change the outcome or the tier', async () => {
        // 20 decided P1 tickets fixed in 1 h, one pending: 20/20 = 100 %; never fixed → 20/21 = 95.24 % ≥ 95 %: still met, no tier.
        const many = Array.from({ length: 20 }, (_, i) => [`2026-03-${String(2 + i).padStart(2, '0')}T09:00:00+01:00`, `2026-03-${String(2 + i).padStart(2, '0')}T10:00:00+01:00`, 'P1']);
        const report = await evaluateAgreement(serviceDesk([...many, openThreeHours], share), MARCH);
        const march = report.objectives[0]!.windows[0]!;
        expect(march.value).toBe(1);
        expect(march.pending).toBe(1);
        expect(march.provisional).toBeUndefined();
        expect(report.credits[0]!.windows[0]!.provisional).toBe(false); // always present on a credit window
    });

    it('judges open rows as of the end of the data, not of the present', async () => {
        // Without --to the data end at their last event (the open ticket itself, 31 March 15:00):
        // 0 business hours so far, pending, although the present (2027) is far later.
        const report = await evaluateAgreement(serviceDesk([...decided, openThreeHours], share), { from: '2026-03-01', now: LATER });
        const march = report.objectives[0]!.windows[0]!;
        expect(march.value).toBe(1);
        expect(march.pending).toBe(1);
        expect(march.dataEnd).toBe('2026-03-31T15:00:00+02:00');
        expect(report.datasets[0]!.coverage).toMatchObject({ basis: 'last event', end: '2026-03-31T15:00:00+02:00' });
    });
});

describe('open rows in a percentile of elapsed time', () => {
    const p90 = percentile(90, 'tickets', elapsed, isP1);
    it('leaves a pending row out and marks the window provisional', async () => {
        // Decided P1 values 1 h, 2 h; nearest rank ceil(0.9 · 2) = 2 → 2 h ≤ 4 h, met.
        // If the 3-hour ticket is never fixed, P90 of {1, 2, ∞} = ∞ → breached: provisional.
        const report = await evaluateAgreement(serviceDesk([...decided, openThreeHours], p90, 'duration', 4 * HOUR, '<='), MARCH);
        const march = report.objectives[0]!.windows[0]!;
        expect(march.value).toBe(2 * HOUR);
        expect(march.status).toBe('met');
        expect(march.pending).toBe(1);
        expect(march.provisional).toBe(true);
        expect(march.atLeast).toBeUndefined();
    });

    it('counts a failed open row with its elapsed time so far, as a lower bound', async () => {
        // {1 h, 2 h, 5 h so far}: rank ceil(2.7) = 3 → at least 5 h, breached whatever happens.
        const report = await evaluateAgreement(serviceDesk([...decided, openFiveHours], p90, 'duration', 4 * HOUR, '<='), MARCH);
        const march = report.objectives[0]!.windows[0]!;
        expect(march.value).toBe(5 * HOUR);
        expect(march.status).toBe('breached');
        expect(march.atLeast).toBe(true);
        expect(march.failedOpen).toBe(1);
        expect(march.provisional).toBeUndefined();
    });
});

describe('open rows name the empty field, not "unresolved"', () => {
    /**
     * "P1 not resolved within 2 hours is escalated within 2 hours": ticket T1, opened 1 April 09:00,
     * resolved 12:30 (3.5 h > 2 h), never escalated. Its escalation is open: 2 h so far already
     * passed at the data end → failed, 0 of 1 escalated in time. The ticket is resolved: the report
     * says `escalated` is empty, not that the row is unresolved.
     */
    const wallClock = (end: string): Expr => ({ type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', end) });
    const late = bin('>', wallClock('resolved'), num(2 * HOUR, 'duration'));
    const escalatedInTime = bin('<=', wallClock('escalated'), num(2 * HOUR, 'duration'));
    const escalation: Expr = { type: 'share', dataset: 'tickets', part: bin('and', late, escalatedInTime), whole: late };

    async function escalationReport(rows: string[][]) {
        const path = writeCsv(tempDir(), 'tickets.csv', ['opened', 'escalated', 'resolved'], rows);
        const model = agreement({
            timezone: 'UTC',
            datasets: { tickets: { ...dataset('tickets', path, [field('opened', 'timestamp'), field('escalated', 'timestamp', true), field('resolved', 'timestamp', true)]), completeTo: '2026-04-30' } },
            kpis: [{ key: 'Escalation', name: 'Escalation', unitKind: 'ratio', formula: escalation }],
            objectives: [{ kpi: 'Escalation', kpiName: 'Escalation', comparison: '>=', target: 0.95, unitKind: 'ratio', window: MONTH }]
        });
        return evaluateAgreement(model, { from: '2026-04-01', to: '2026-04-30', now: at('2026-06-01T00:00:00Z') });
    }

    it('a ticket resolved but never escalated: escalated empty (failed while open)', async () => {
        const report = await escalationReport([['2026-04-01T09:00:00Z', '', '2026-04-01T12:30:00Z']]);
        expect(report.objectives[0]!.windows[0]).toMatchObject({ value: 0, status: 'breached', failedOpen: 1 });
        // `kind` stays the documented contract; `emptyFields` says which end is missing.
        expect(report.openItems).toEqual([{ kind: 'unresolved row', dataset: 'tickets', line: 2, start: '2026-04-01T09:00:00+00:00', state: 'failed', emptyFields: ['escalated'] }]);
        expect(openItemsTable(report)!.rows).toEqual([['escalated empty (failed while open)', 'tickets', '2', '2026-04-01T09:00:00+00:00']]);
    });

    it('a ticket neither escalated nor resolved names both fields', async () => {
        // Opened 30 April 20:00, nothing since: at the data end (1 May 00:00) 4 h so far, > 2 h late and not escalated in time.
        const report = await escalationReport([['2026-04-30T20:00:00Z', '', '']]);
        expect(report.openItems[0]!.emptyFields).toEqual(['resolved', 'escalated']);
        expect(openItemsTable(report)!.rows[0]![0]).toBe('resolved, escalated empty (failed while open)');
    });
});
