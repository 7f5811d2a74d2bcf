import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel } from '../../src/index.js';
import type { CreditModel } from '../../src/model.js';
import { renderCsv } from '../../src/report/render-csv.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.9 items 4–7: each window's credit is rounded to cents on its own (half up),
 * so a window's amount never depends on which other windows the report holds (--from, --to); a credit's total
 * is the sum of its windows' amounts, so they add up to it in every format; rounding never takes a window
 * above a cap. UTC; one hour down on the 10th of January, February and March: each month below 99.9 %
 * (1 − 60 / 40,320 = 99.85 % for February, 99.87 % for the 31-day months). Validity: all of 2026.
 */
const OUTAGES = ['01', '02', '03'].map((month) => [`2026-${month}-10T10:00:00Z`, `2026-${month}-10T11:00:00Z`]);
const FIRST_QUARTER = { from: '2026-01-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };

/** `fee <fee> EUR per calendar month`, `credit for Availability per calendar month { below 99.9% : <percent>% of fee }` (for each region when given). */
function creditOnFee(fee: number, options: { regions?: string[]; percent?: number; caps?: Pick<CreditModel, 'capPerWindow' | 'capPerYear'> } = {}): AgreementModel {
    const { regions, percent = 50, caps = {} } = options;
    const rows = regions === undefined ? OUTAGES : regions.flatMap((region) => OUTAGES.map((outage) => [...outage, region]));
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved', ...(regions === undefined ? [] : ['region'])], rows);
    const scope = regions === undefined ? {} : { scopeField: 'region' };
    return agreement({
        timezone: 'UTC',
        fee: { amount: fee, currency: 'EUR', period: MONTH },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), ...(regions === undefined ? [] : [field('region', 'text')])]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH, ...scope }],
        credits: [{ kpi: 'Availability', window: MONTH, ...scope, ...caps, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent }, label: 'below 99.9%' }] }]
    });
}

/** The `amount` column of the CSV report's credit rows (a billing import's lines). */
function csvCreditAmounts(csv: string): number[] {
    const [header, ...lines] = csv.trim().split('\n');
    const columns = header!.split(',');
    return lines.map((line) => line.split(',')).filter((cells) => cells[columns.indexOf('kind')] === 'credit').map((cells) => Number(cells[columns.indexOf('amount')]));
}

describe('credit windows rounded to cents on their own; totals are their sums', () => {
    it('fee 100.01 EUR: three windows of 50.005 EUR are paid 50.01 each, the total 150.03 EUR', async () => {
        // Exact: 50 % × 100.01 = 50.005 each → 50.01 (half up) each; total 3 × 50.01 = 150.03 (not the exact
        // 150.015 rounded, 150.02, which the windows would not add up to).
        const report = await evaluateAgreement(creditOnFee(100.01), FIRST_QUARTER);
        const credit = report.credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50.01, 50.01]);
        expect(credit.total).toBe(150.03);
        // The CSV's credit rows (a billing import) add up to the total too: 3 × 50.01 = 150.03.
        expect(csvCreditAmounts(renderCsv(report))).toEqual([50.01, 50.01, 50.01]);
    });

    it('a window is paid the same whatever the evaluation period: February and March from 1 February are 50.01 each', async () => {
        // A running total from 1 January paid February 50.00 (100.01 − 50.01), from 1 February 50.01: a credit
        // note from a one-month report would not match the quarter's. Rounded alone: 50.01 in both; total 100.02.
        const credit = (await evaluateAgreement(creditOnFee(100.01), { ...FIRST_QUARTER, from: '2026-02-01' })).credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50.01]);
        expect(credit.total).toBe(100.02);
    });

    it('fee 100.02 EUR: windows already in whole cents are paid as they are, 3 × 50.01 = 150.03 EUR', async () => {
        const credit = (await evaluateAgreement(creditOnFee(100.02), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50.01, 50.01]);
        expect(credit.total).toBe(150.03);
    });

    it('for each region: each value\'s total is the sum of its windows, and the total the sum of the values\' totals', async () => {
        // eu and us alike: 3 × 50.01 = 150.03 each; total 300.06.
        const credit = (await evaluateAgreement(creditOnFee(100.01, { regions: ['eu', 'us'] }), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => [window.scopeValue, window.amount])).toEqual([
            ['eu', 50.01], ['eu', 50.01], ['eu', 50.01], ['us', 50.01], ['us', 50.01], ['us', 50.01]
        ]);
        expect(credit.scopeTotals!.map((value) => [value.scopeValue, value.total])).toEqual([['eu', 150.03], ['us', 150.03]]);
        expect(credit.total).toBe(300.06);
    });
});

describe('rounding never takes a window above a cap', () => {
    it('a yearly cap counts what the earlier windows were paid in cents: the last gets the rest, taken down', async () => {
        // Capped at 12.5 % of the year's fee: 12 × 100.01 = 1,200.12 → 150.015 EUR. January and February 50.01
        // each (100.02 paid); March's 50.01 would make 150.03 > 150.015: it gets 150.015 − 100.02 = 49.995 → 49.99.
        // Total 150.01 ≤ 150.015 (exact 50.005 + 50.005 + 50.005 = 150.015 fits the cap, but not as paid in cents).
        const caps = { capPerYear: { kind: 'percentOfFee' as const, percent: 12.5 } };
        const credit = (await evaluateAgreement(creditOnFee(100.01, { caps }), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => [window.amount, window.cap ?? null])).toEqual([[50.01, null], [50.01, null], [49.99, 'year']]);
        expect(credit.total).toBe(150.01);
    });

    it('a yearly cap in whole cents: 100.01 EUR lets January 50.01 and February the 50.00 left, March nothing', async () => {
        const caps = { capPerYear: { kind: 'money' as const, amount: 100.01, currency: 'EUR' } };
        const credit = (await evaluateAgreement(creditOnFee(100.01, { caps }), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50, 0]);
        expect(credit.total).toBe(100.01);
    });

    it('a per-window cap of 50 % of 100.01 EUR (50.005) pays 50.00, not 50.01', async () => {
        // 60 % × 100.01 = 60.006 owed (uncappedAmount 60.01); capped at 50.005, which 50.01 would exceed: 50.00.
        const caps = { capPerWindow: { kind: 'percentOfFee' as const, percent: 50 } };
        const credit = (await evaluateAgreement(creditOnFee(100.01, { percent: 60, caps }), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => [window.amount, window.uncappedAmount, window.cap])).toEqual([[50, 60.01, 'window'], [50, 60.01, 'window'], [50, 60.01, 'window']]);
        expect(credit.total).toBe(150);
    });

    it('a per-window cap in whole cents is paid as it is: 50 % of 100.02 EUR caps 60 % at 50.01', async () => {
        const caps = { capPerWindow: { kind: 'percentOfFee' as const, percent: 50 } };
        const credit = (await evaluateAgreement(creditOnFee(100.02, { percent: 60, caps }), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50.01, 50.01]);
        expect(credit.total).toBe(150.03);
    });
});
