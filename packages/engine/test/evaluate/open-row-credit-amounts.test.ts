import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type CreditModel, type Expr } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, HOUR, MONTH, num, ref, str, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.9 item 8: the total holds only amounts no open row can change.
 * A formula credit (or a per-item one, `200 EUR * LateP1`) keeps its tier while its amount still
 * follows the open rows: its credit is provisional unless both extremes of the open rows (all
 * ended at the end of the data, none ever) give the amount it shows. UTC, January 2026:
 * 31 days = 44,640 minutes; fee 10,000 EUR per calendar month.
 */
const LATER = { now: at('2027-01-01T00:00:00Z') };
const FEE = { amount: 10_000, currency: 'EUR', period: MONTH };

/** `credit for Up per calendar month, capped at 100% of fee { below 99.9% : 10 * downtime / window * fee }`; the data complete to 20 January. */
function formulaCredit(outages: string[][]): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved'], outages);
    const tenTimesDownShare: CreditModel['tiers'][number]['amount'] = {
        kind: 'formula', text: '10 * downtime / window * fee', currency: 'EUR',
        formula: { type: 'binary', op: '*', left: { type: 'binary', op: '/', left: { type: 'binary', op: '*', left: { type: 'number', value: 10 }, right: { type: 'input', input: 'downtime' } }, right: { type: 'input', input: 'window' } }, right: { type: 'input', input: 'fee' } }
    };
    return agreement({
        timezone: 'UTC',
        fee: FEE,
        datasets: { incidents: { ...dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]), completeTo: '2026-01-20' } },
        kpis: [{ key: 'Up', name: 'Up', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Up', kpiName: 'Up', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Up', window: MONTH, capPerWindow: { kind: 'percentOfFee', percent: 100 }, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: tenTimesDownShare, label: 'below 99.9%' }] }]
    });
}

// Down since 20 January 10:00, still open; the data are complete to the end of 20 January.
const openOutage = ['2026-01-20T10:00:00Z', ''];

describe('a formula credit whose amount open rows can still change', () => {
    it('is provisional, though its tier stands: 2,150.54 EUR if the outage ended with the data, 10,000 EUR if it never ends', async () => {
        // Closed: 10 January 10:00–12:00, 2 h. Open since 20 January 10:00.
        // Ended at the end of the data (21 January 00:00): 2 h + 14 h = 960 min → 10 × 960 / 44,640 × 10,000 = 2,150.5376… EUR.
        // Never ended: 2 h + 278 h (to 1 February) = 16,800 min → 37,634.41 EUR, capped at 100 % of the fee: 10,000 EUR.
        // Below 99.9 % either way (same tier), but the amount lies anywhere from 2,150.54 to 10,000 EUR: provisional.
        const report = await evaluateAgreement(formulaCredit([['2026-01-10T10:00:00Z', '2026-01-10T12:00:00Z'], openOutage]), LATER);
        const credit = report.credits[0]!;
        const january = credit.windows[0]!;
        expect(january.tier).toBe(1);
        expect(january.provisional).toBe(true);
        // The window shows the amount on the value it reports (the open outage counted as ongoing: 280 h down), capped.
        expect(january.value).toBeCloseTo(1 - 16_800 / 44_640, 12);
        expect(january.amount).toBe(10_000);
        expect(january.cap).toBe('window');
        expect(credit.total).toBe(0);
        expect(credit.provisionalTotal).toBe(10_000);
        expect(report.notes.some((note) => note.includes('open rows could still change the tier or the amount') && note.includes('10000 EUR'))).toBe(true);
        // The outage ended at the end of the data: the other extreme's amount, final.
        const ended = await evaluateAgreement(formulaCredit([['2026-01-10T10:00:00Z', '2026-01-10T12:00:00Z'], ['2026-01-20T10:00:00Z', '2026-01-21T00:00:00Z']]), LATER);
        expect([ended.credits[0]!.windows[0]!.amount, ended.credits[0]!.windows[0]!.provisional]).toEqual([2150.54, false]);
    });

    it('stays final when both extremes give the amount it shows (capped at the cap either way)', async () => {
        // Also down 5 January 00:00 – 8 January 12:00, 84 h. Ended at the end of the data: 84 + 2 + 14 = 100 h = 6,000 min
        // → 10 × 6,000 / 44,640 × 10,000 = 13,440.86 EUR; never: 84 + 2 + 278 = 364 h → 48,924.73 EUR. Both capped at 10,000 EUR.
        const report = await evaluateAgreement(formulaCredit([
            ['2026-01-05T00:00:00Z', '2026-01-08T12:00:00Z'], ['2026-01-10T10:00:00Z', '2026-01-10T12:00:00Z'], openOutage
        ]), LATER);
        const credit = report.credits[0]!;
        expect(credit.windows[0]!.provisional).toBe(false);
        expect(credit.windows[0]!.amount).toBe(10_000);
        expect(credit.total).toBe(10_000);
        expect(credit.provisionalTotal).toBe(0);
    });

    it('stays final with no open row: 2 h down → 10 × 120 / 44,640 × 10,000 = 268.82 EUR', async () => {
        // 1,200,000 / 44,640 = 26.8817… × 10 = 268.8172… → 268.82.
        const report = await evaluateAgreement(formulaCredit([['2026-01-10T10:00:00Z', '2026-01-10T12:00:00Z']]), LATER);
        const credit = report.credits[0]!;
        expect(credit.windows[0]!.provisional).toBe(false);
        expect(credit.windows[0]!.amount).toBe(268.82);
        expect(credit.total).toBe(268.82);
    });
});

/** `credit for LateP1 per calendar month, capped at 5000 EUR { above 0 : 200 EUR * LateP1 }`, LateP1 = P1 tickets open more than 4 hours. */
function perItemCredit(tickets: string[][]): AgreementModel {
    const path = writeCsv(tempDir(), 'tickets.csv', ['id', 'priority', 'opened', 'resolved'], tickets);
    const late = bin('>', { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved') } as Expr, num(4 * HOUR, 'duration'));
    return agreement({
        timezone: 'UTC',
        fee: FEE,
        datasets: { tickets: dataset('tickets', path, [field('id', 'text'), field('priority', 'text'), field('opened', 'timestamp'), field('resolved', 'timestamp', true)]) },
        kpis: [{ key: 'LateP1', name: 'late', unitKind: 'count', formula: count('tickets', bin('and', bin('=', ref('tickets', 'priority'), str('P1')), late)) }],
        objectives: [{ kpi: 'LateP1', kpiName: 'late', comparison: '<=', target: 0, unitKind: 'count', window: MONTH }],
        credits: [{
            kpi: 'LateP1', window: MONTH, capPerWindow: { kind: 'money', amount: 5000, currency: 'EUR' },
            tiers: [{ lower: { value: 0, inclusive: false }, label: 'above 0', amount: { kind: 'formula', text: '200 EUR * LateP1', currency: 'EUR', formula: { type: 'binary', op: '*', left: { type: 'number', value: 200 }, right: { type: 'kpi', key: 'LateP1' } } } }]
        }]
    });
}

// The data run to the end of January (--to 2026-01-31): what is known ends 1 February 00:00.
const JANUARY = { from: '2026-01-01', to: '2026-01-31', ...LATER };
// T1: P1, 6 h to resolve: late.
const lateT1 = ['T1', 'P1', '2026-01-05T10:00:00Z', '2026-01-05T16:00:00Z'];

describe('a per-item credit whose count open rows can still change', () => {
    it('is provisional: 200 EUR for T1, 400 EUR if the open P1 ticket T2 becomes late', async () => {
        // T2 (P1) open since 31 January 21:00: 3 h so far, not late yet, could be. Ended now: 1 late → 200 EUR;
        // never ended: 2 late → 400 EUR. Same tier (above 0), another amount: provisional, shown at 200 EUR (T2 pending, not counted).
        const report = await evaluateAgreement(perItemCredit([lateT1, ['T2', 'P1', '2026-01-31T21:00:00Z', '']]), JANUARY);
        const credit = report.credits[0]!;
        expect(credit.windows[0]!.provisional).toBe(true);
        expect(credit.windows[0]!.amount).toBe(200);
        expect(credit.total).toBe(0);
        expect(credit.provisionalTotal).toBe(200);
    });

    it('is final when the open ticket is already late: 2 × 200 = 400 EUR whatever happens', async () => {
        // T2 open since 31 January 18:00: 6 h so far, late now and forever: 2 late at both extremes → 400 EUR.
        const report = await evaluateAgreement(perItemCredit([lateT1, ['T2', 'P1', '2026-01-31T18:00:00Z', '']]), JANUARY);
        const credit = report.credits[0]!;
        expect(credit.windows[0]!.provisional).toBe(false);
        expect(credit.windows[0]!.amount).toBe(400);
        expect(credit.total).toBe(400);
        expect(credit.provisionalTotal).toBe(0);
    });
});
