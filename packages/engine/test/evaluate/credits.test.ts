import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type CreditTier } from '../../src/index.js';
import { mostSevereTier } from '../../src/evaluate/credit-tier.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

const TIERS: CreditTier[] = [
    { upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' },
    { upper: { value: 0.99, inclusive: false }, amount: { kind: 'percentOfFee', percent: 25 }, label: 'below 99.0%' },
    { upper: { value: 0.95, inclusive: false }, amount: { kind: 'percentOfFee', percent: 50 }, label: 'below 95.0%' }
];

function creditAgreement(outages: [string, string][]): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved'], outages);
    return agreement({
        fee: { amount: 1000, currency: 'EUR', period: MONTH },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }],
        credits: [{
            service: 'WebShop',
            kpi: 'Availability',
            window: MONTH,
            tiers: TIERS,
            capPerWindow: { kind: 'percentOfFee', percent: 30 },
            capPerYear: { kind: 'money', amount: 600, currency: 'EUR' }
        }]
    });
}

describe('service credits', () => {
    it('picks the most severe tier, then applies the per-window cap, then the yearly cap', async () => {
        const model = creditAgreement([
            // January: 31 × 1440 = 44,640 min, 3 days (4,320 min) down → 0.9032 < 95% → tier 3, 50% of 1000 = 500,
            // capped per window at 30% = 300.
            ['2026-01-10T00:00:00+01:00', '2026-01-13T00:00:00+01:00'],
            // February: 28 × 1440 = 40,320 min, 1 day down → 0.9643 → tier 2, 25% = 250 (paid so far 550).
            ['2026-02-10T00:00:00+01:00', '2026-02-11T00:00:00+01:00'],
            // March: 44,580 min, 12 h (720 min) down → 0.98385 → tier 2, 250; the yearly cap of 600 leaves 50.
            ['2026-03-10T00:00:00+01:00', '2026-03-10T12:00:00+01:00'],
            // April: 43,200 min, 10 min down → 0.99977 → no tier, 0.
            ['2026-04-10T00:00:00+02:00', '2026-04-10T00:10:00+02:00']
        ]);
        const report = await evaluateAgreement(model, { now: at('2026-05-01T00:00:00+02:00') });
        const credit = report.credits[0]!;
        expect(credit.currency).toBe('EUR');
        expect(credit.windows.map((w) => [w.tier, w.percentOfFee, w.amount, w.capped, w.cap ?? null])).toEqual([
            [3, 50, 300, true, 'window'],
            [2, 25, 250, false, null],
            [2, 25, 50, true, 'year'],
            [null, null, 0, false, null]
        ]);
        expect(credit.windows[0]!.uncappedAmount).toBe(500);
        expect(credit.windows[0]!.value).toBeCloseTo(1 - 4320 / 44_640, 15);
        expect(credit.total).toBe(600); // 300 + 250 + 50
        expect(credit.feeProrated).toBe(false);
    });

    it('prorates the fee by elapsed time when the fee period differs from the credit window', async () => {
        const model = creditAgreement([['2026-01-10T00:00:00+01:00', '2026-01-13T00:00:00+01:00']]);
        model.fee = { amount: 12_000, currency: 'EUR', period: { kind: 'calendar', unit: 'year' } };
        model.credits[0]!.capPerWindow = undefined;
        model.credits[0]!.capPerYear = undefined;
        const report = await evaluateAgreement(model, { to: '2026-01-31', now: at('2027-01-01T00:00:00Z') });
        const credit = report.credits[0]!;
        // January's share of a 365-day year: 31/365 × 12,000 = 1,019.178… (reported in cents: 1,019.18);
        // tier 3 = 50 % of the exact fee → 509.589… → 509.59.
        expect(credit.windows[0]!.fee).toBe(1019.18);
        expect(credit.windows[0]!.amount).toBe(509.59);
        expect(credit.feeProrated).toBe(true);
        expect(report.notes.some((note) => note.includes('prorated'))).toBe(true);
    });
});

describe('credit tier selection', () => {
    it('takes the lowest threshold the value is below when low values are bad', () => {
        // 0.985 is below 99.9 % and below 99 %, not below 95 % → tier 2 (index 1).
        expect(mostSevereTier(TIERS, 0.985, true)).toBe(1);
        expect(mostSevereTier(TIERS, 0.94, true)).toBe(2);
        expect(mostSevereTier(TIERS, 0.999, true)).toBe(-1); // "below 99.9 %" excludes 99.9 % itself
    });

    it('takes the highest threshold the value is above when high values are bad (latency)', () => {
        const latencyTiers: CreditTier[] = [
            { lower: { value: 300, inclusive: false }, amount: { kind: 'money', amount: 100, currency: 'EUR' }, label: 'above 300 ms' },
            { lower: { value: 500, inclusive: false }, amount: { kind: 'money', amount: 250, currency: 'EUR' }, label: 'above 500 ms' },
            { lower: { value: 200, inclusive: true }, upper: { value: 300, inclusive: true }, amount: { kind: 'money', amount: 10, currency: 'EUR' }, label: 'from 200 ms to 300 ms' }
        ];
        expect(mostSevereTier(latencyTiers, 650, false)).toBe(1);
        expect(mostSevereTier(latencyTiers, 400, false)).toBe(0);
        expect(mostSevereTier(latencyTiers, 300, false)).toBe(2); // inclusive upper bound of the range tier
        expect(mostSevereTier(latencyTiers, 150, false)).toBe(-1);
    });

    it('caps per year at a percentage of the year\'s fees', async () => {
        // Fee 1000 per month, validity the whole of 2026 → yearly fees 12,000; cap 5 % = 600.
        // Same outages as above, no per-window cap: Jan 500 (tier 3, paid 500); Feb 250 would make 750 > 600,
        // so 100 (paid 600); Mar 250 → 0. Total 600.
        const model = creditAgreement([
            ['2026-01-10T00:00:00+01:00', '2026-01-13T00:00:00+01:00'],
            ['2026-02-10T00:00:00+01:00', '2026-02-11T00:00:00+01:00'],
            ['2026-03-10T00:00:00+01:00', '2026-03-10T12:00:00+01:00']
        ]);
        model.credits[0]!.capPerWindow = undefined;
        model.credits[0]!.capPerYear = { kind: 'percentOfFee', percent: 5 };
        const report = await evaluateAgreement(model, { to: '2026-03-31', now: at('2027-01-01T00:00:00Z') });
        expect(report.credits[0]!.windows.map((w) => [w.amount, w.cap ?? null])).toEqual([
            [500, null],
            [100, 'year'],
            [0, 'year']
        ]);
        expect(report.credits[0]!.total).toBe(600);
    });
});
