import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { renderCsv } from '../../src/report/render-csv.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.9 items 6–7: every credit's windows are paid in whole cents that
 * add up to its total, cap on all credits or none — each window what it adds to the credit's running
 * total rounded to cents. UTC; one hour down on the 10th of January, February and March: each month
 * below 99.9 % (1 − 60 / 40,320 = 99.85 % for February, 99.87 % for the 31-day months).
 */
const OUTAGES = ['01', '02', '03'].map((month) => [`2026-${month}-10T10:00:00Z`, `2026-${month}-10T11:00:00Z`]);
const FIRST_QUARTER = { from: '2026-01-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };

/** `fee <fee> EUR per calendar month`, `credit for Availability per calendar month { below 99.9% : 50% of fee }` (for each region when given). */
function halfTheFee(fee: number, regions?: string[]): AgreementModel {
    const rows = regions === undefined ? OUTAGES : regions.flatMap((region) => OUTAGES.map((outage) => [...outage, region]));
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved', ...(regions === undefined ? [] : ['region'])], rows);
    const scope = regions === undefined ? {} : { scopeField: 'region' };
    return agreement({
        timezone: 'UTC',
        fee: { amount: fee, currency: 'EUR', period: MONTH },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), ...(regions === undefined ? [] : [field('region', 'text')])]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH, ...scope }],
        credits: [{ kpi: 'Availability', window: MONTH, ...scope, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 50 }, label: 'below 99.9%' }] }]
    });
}

/** The `amount` column of the CSV report's credit rows (a billing import's lines). */
function csvCreditAmounts(csv: string): number[] {
    const [header, ...lines] = csv.trim().split('\n');
    const columns = header!.split(',');
    return lines.map((line) => line.split(',')).filter((cells) => cells[columns.indexOf('kind')] === 'credit').map((cells) => Number(cells[columns.indexOf('amount')]));
}

describe('credit windows in whole cents that add up to the total, without a cap on all credits', () => {
    it('fee 100.01 EUR: three windows of 50.005 EUR are paid 50.01, 50.00 and 50.01 = the total 150.02 EUR', async () => {
        // Exact: 50 % × 100.01 = 50.005 each; total 150.015 → 150.02. Running totals 50.005 → 50.01 (paid 50.01),
        // 100.01 → 100.01 (paid 50.00), 150.015 → 150.02 (paid 50.01). Each rounded alone: 3 × 50.01 = 150.03.
        const report = await evaluateAgreement(halfTheFee(100.01), FIRST_QUARTER);
        const credit = report.credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50, 50.01]);
        expect(credit.total).toBe(150.02);
        // What each window owed, rounded alone, stays in `uncappedAmount`.
        expect(credit.windows.map((window) => window.uncappedAmount)).toEqual([50.01, 50.01, 50.01]);
        // The CSV's credit rows (a billing import) add up to the total too: 50.01 + 50.00 + 50.01 = 150.02.
        expect(csvCreditAmounts(renderCsv(report))).toEqual([50.01, 50, 50.01]);
    });

    it('fee 100.02 EUR: windows already in whole cents are paid as they are, 3 × 50.01 = 150.03 EUR', async () => {
        const credit = (await evaluateAgreement(halfTheFee(100.02), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => window.amount)).toEqual([50.01, 50.01, 50.01]);
        expect(credit.total).toBe(150.03);
    });

    it('for each region: each value is paid its own running total, and the total is the sum of the values\' totals', async () => {
        // eu and us alike: 50.01 + 50.00 + 50.01 = 150.02 each; total 300.04 (the windows' sum; rounding
        // the exact 300.03 of all values at once would leave the windows 1 cent above the total).
        const credit = (await evaluateAgreement(halfTheFee(100.01, ['eu', 'us']), FIRST_QUARTER)).credits[0]!;
        expect(credit.windows.map((window) => [window.scopeValue, window.amount])).toEqual([
            ['eu', 50.01], ['eu', 50], ['eu', 50.01], ['us', 50.01], ['us', 50], ['us', 50.01]
        ]);
        expect(credit.scopeTotals!.map((value) => [value.scopeValue, value.total])).toEqual([['eu', 150.02], ['us', 150.02]]);
        expect(credit.total).toBe(300.04);
    });
});
