/**
 * docs/language-reference.md § 14.9, credits on partial windows: the fee of a window cut by the
 * validity period is prorated to the part inside it (caps in % of fee too); a window cut
 * by the end of the validity is complete; a window still in progress (cut only by the end
 * of the evaluation period) has a provisional credit, reported and not in the total.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type WindowSpec } from '../../src/index.js';
import { agreement, at, dataset, field, tempDir, writeCsv } from './fixtures.js';

const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };

/** Weekly fee 700 EUR, weekly credit 10 % of the fee below 99.9 % availability; validity from Thursday 1 January 2026. */
function weekly(outages: [string, string][], validityTo = '2026-12-31'): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved'], outages);
    return agreement({
        validity: { from: '2026-01-01', to: validityTo },
        fee: { amount: 700, currency: 'EUR', period: WEEK },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: WEEK }],
        credits: [{ kpi: 'Availability', window: WEEK, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' }] }]
    });
}

// A 2-hour outage on Friday 2 January and one on Tuesday 6 January: both weeks fall below 99.9 %
// (week 1 from Thursday: 4 days = 5,760 min, 120 down → 97.9 %; week 2: 10,080 min, 120 down → 98.8 %).
const OUTAGES: [string, string][] = [
    ['2026-01-02T10:00:00+01:00', '2026-01-02T12:00:00+01:00'],
    ['2026-01-06T10:00:00+01:00', '2026-01-06T12:00:00+01:00']
];

describe('credits on windows cut by the validity or the evaluation period', () => {
    it('charges the first week of an agreement starting on a Thursday on 4/7 of the weekly fee', async () => {
        // Week 1 is Monday 29 December 2025 to Monday 5 January 2026 (Europe/Berlin, no DST change);
        // the validity covers Thursday to Sunday, 4 of its 7 days: fee 700 × 4/7 = 400, credit 10 % = 40.00.
        // Week 2 is whole: 10 % of 700 = 70.00. Total 110.00.
        const report = await evaluateAgreement(weekly(OUTAGES), { to: '2026-01-11', now: at('2026-06-01T00:00:00Z') });
        const credit = report.credits[0]!;
        expect(credit.windows.map((w) => [w.start.slice(0, 10), w.fee, w.amount, w.provisional])).toEqual([
            ['2025-12-29', 400, 40, false],
            ['2026-01-05', 700, 70, false]
        ]);
        expect(credit.total).toBe(110);
        expect(credit.provisionalTotal).toBe(0);
        expect(report.notes.some((note) => note.includes('cut by the validity period'))).toBe(true);
    });

    it('prorates a cap written as % of the fee the same way', async () => {
        // Cap 5 % of the window's fee: week 1 → 5 % of 400 = 20.00 (not 5 % of 700 = 35.00); week 2 → 35.00.
        const model = weekly(OUTAGES);
        model.credits[0]!.capPerWindow = { kind: 'percentOfFee', percent: 5 };
        const report = await evaluateAgreement(model, { to: '2026-01-11', now: at('2026-06-01T00:00:00Z') });
        expect(report.credits[0]!.windows.map((w) => [w.amount, w.uncappedAmount, w.cap ?? null])).toEqual([
            [20, 40, 'window'],
            [35, 70, 'window']
        ]);
        expect(report.credits[0]!.total).toBe(55);
    });

    it('reports the credit of a week still in progress as provisional, outside the total', async () => {
        // Evaluated on Wednesday 7 January 12:00: week 2 is in progress (2.5 days evaluated, 3,600 min, 120 down → 96.7 %).
        // Its credit, 10 % of 700 = 70.00, is provisional; the total is week 1's 40.00.
        const report = await evaluateAgreement(weekly(OUTAGES), { now: at('2026-01-07T12:00:00+01:00') });
        const credit = report.credits[0]!;
        expect(credit.windows.map((w) => [w.amount, w.provisional, w.partial])).toEqual([
            [40, false, true],
            [70, true, true]
        ]);
        expect(credit.total).toBe(40);
        expect(credit.provisionalTotal).toBe(70);
        expect(report.notes.some((note) => note.includes('provisional') && note.includes('not included in the total'))).toBe(true);
    });

    it('counts a week cut by the end of the validity as complete, on the fee of its days inside', async () => {
        // Validity to Thursday 8 January (inclusive): week 2 is covered Monday to Thursday, 4 days:
        // fee 700 × 4/7 = 400, credit 40.00, complete (not provisional). Total 40 + 40 = 80.00.
        const report = await evaluateAgreement(weekly(OUTAGES, '2026-01-08'), { now: at('2026-06-01T00:00:00Z') });
        const credit = report.credits[0]!;
        expect(credit.windows.map((w) => [w.fee, w.amount, w.provisional])).toEqual([
            [400, 40, false],
            [400, 40, false]
        ]);
        expect(credit.total).toBe(80);
    });

    it('prorates by elapsed time across a DST change', async () => {
        // Validity from Thursday 26 March 2026; week 13 runs Monday 23 March to Monday 30 March, with the
        // spring-forward Sunday 29 March (23 h): 167 h in all. Inside the validity: Thu 24 h + Fri 24 h +
        // Sat 24 h + Sun 23 h = 95 h → fee 700 × 95/167 = 398.203592…, credit 10 % = 39.8203592… → 39.82.
        // The fee is reported in cents, as every amount (docs/cli.md, units): 398.20.
        const model = weekly([['2026-03-27T10:00:00+01:00', '2026-03-27T12:00:00+01:00']]);
        model.validity = { from: '2026-03-26', to: '2026-12-31' };
        const report = await evaluateAgreement(model, { to: '2026-03-29', now: at('2026-06-01T00:00:00Z') });
        const window = report.credits[0]!.windows[0]!;
        expect(window.fee).toBe(398.2);
        expect(window.amount).toBe(39.82);
    });

    it('reports a prorated fee in the currency\'s minor unit: whole yen', async () => {
        // As above in JPY: fee 70,000 × 95/167 = 39,820.359… → ¥39,820; credit 10 % = 3,982.0359… → ¥3,982.
        const model = weekly([['2026-03-27T10:00:00+01:00', '2026-03-27T12:00:00+01:00']]);
        model.validity = { from: '2026-03-26', to: '2026-12-31' };
        model.fee = { amount: 70000, currency: 'JPY', period: WEEK };
        const report = await evaluateAgreement(model, { to: '2026-03-29', now: at('2026-06-01T00:00:00Z') });
        const window = report.credits[0]!.windows[0]!;
        expect([window.fee, window.amount]).toEqual([39820, 3982]);
    });
});
