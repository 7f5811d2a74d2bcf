import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { hostingAgreement, outagesCsv } from './outage-fixture.js';

/**
 * Allocations of the at-risk amount (`40% of at-risk amount`), evaluated (UTC). Fee 10,000 EUR a
 * month; the at-risk amount 12 % of it (1,200 EUR) or 1,500 EUR, pool 250 %:
 * - Availability (uptime): below 99.9 %: 40 % of the at-risk amount, below 99.0 %: 100 %;
 * - Outages (a count, at most 1 promised): above 1: 33.3 %.
 * Outages of two hours: January one (120 of 44,640 minutes down: 99.731 %; 1 outage: no credit);
 * February three (360 of 40,320: 99.107 %; 3 outages); March eight (960 of 44,640: 97.849 %).
 * Worked by hand, 12 % of fee: 40 % → 4.8 % of fee = 480 EUR; 100 % → 1,200 EUR; 33.3 % →
 * 3.996 % of fee = 399.60 EUR. January 480; February 480 + 399.60 = 879.60; March 1,200 + 399.60
 * = 1,599.60 > 1,200: Availability (written first) 1,200, Outages nothing.
 */

const agreement = (atRisk: string, validFrom?: string) => hostingAgreement(`credits capped at ${atRisk} per calendar month, pool 250%`, `credit for Availability per calendar month {
        below 99.9% : 40% of at-risk amount
        below 99.0% : 100% of at-risk amount
    }`, `credit for Outages per calendar month {
        above 1 : 33.3% of at-risk amount
    }`, validFrom);

const evaluate = (atRisk: string) => evaluateFixture({ 'hosting.sla': agreement(atRisk), 'incidents.csv': outagesCsv() }, { from: '2026-01-01', to: '2026-03-31' });

const amounts = (report: Awaited<ReturnType<typeof evaluate>>, index: number) => report.credits[index]!.windows.map(window => window.amount);

describe('allocations of the at-risk amount', () => {
    it('a share of a fee-based at-risk amount is that share of the fee, exactly (33.3 % of 12 % = 3.996 %)', async () => {
        const report = await evaluate('12% of fee');
        expect(amounts(report, 0)).toEqual([480, 480, 1200]);
        expect(amounts(report, 1)).toEqual([0, 399.6, 0]);
        expect(report.credits[0]!.windows.map(window => [window.allocation, window.percentOfFee])).toEqual([[40, 4.8], [40, 4.8], [100, 12]]);
        // 0.333 × 12 in doubles is 3.9959999999999996: the share is computed on the decimals as written.
        expect(report.credits[1]!.windows[1]).toMatchObject({ allocation: 33.3, percentOfFee: 3.996, amount: 399.6 });
        // The month without a tier has no allocation.
        expect(report.credits[1]!.windows[0]!.allocation).toBeUndefined();
        // March: the allocations (100 % + 33.3 %) owe more than the at-risk amount; the cap pays 1,200.
        expect(report.creditCaps![0]!.periods.map(period => [period.owed, period.paid])).toEqual([[480, 480], [879.6, 879.6], [1599.6, 1200]]);
        expect(report.credits[1]!.windows[2]).toMatchObject({ uncappedAmount: 399.6, amount: 0, cap: 'agreement' });
        const table = renderTable(report, { color: false });
        expect(table).toContain('1: below 99.9% (40 % of the at-risk amount: 4.8 % of fee)');
        expect(table).toContain('1: above 1 (33.3 % of the at-risk amount: 3.996 % of fee)');
    });

    it('a share of an at-risk amount in money is money (40 % of 1,500 EUR = 600 EUR)', async () => {
        // 40 % → 600; 100 % → 1,500; 33.3 % → 499.50. January 600; February 600 + 499.50; March 1,500 + 499.50 > 1,500: Outages nothing.
        const report = await evaluate('1500 EUR');
        expect(amounts(report, 0)).toEqual([600, 600, 1500]);
        expect(amounts(report, 1)).toEqual([0, 499.5, 0]);
        expect(report.credits[0]!.windows[0]).toMatchObject({ allocation: 40, percentOfFee: null });
        expect(renderTable(report, { color: false })).toContain('1: below 99.9% (40 % of the at-risk amount)');
    });

    it('a month cut by the validity: the share of the fee of the part inside it, as the cap', async () => {
        // Valid from 16 January: January's fee is 10,000 × 16/31 = 5,161.2903… EUR. Two one-hour outages in
        // its 23,040 minutes: 99.479 %: 4.8 % of it = 247.7419… → 247.74 EUR; 2 outages: 3.996 % = 206.2451… → 206.25 EUR.
        // Together 453.99 EUR, below the month's at-risk amount of 619.35 EUR (12 %, down to cents).
        const rows = ['2026-01-20', '2026-01-21'].map(day => `${day}T10:00:00Z,${day}T11:00:00Z`);
        const report = await evaluateFixture({ 'hosting.sla': agreement('12% of fee', '2026-01-16'), 'incidents.csv': `started,resolved\n${rows.join('\n')}\n` }, { from: '2026-01-16', to: '2026-01-31' });
        expect([amounts(report, 0)[0], amounts(report, 1)[0]]).toEqual([247.74, 206.25]);
        expect(report.creditCaps![0]!.periods[0]).toMatchObject({ limit: 619.35, paid: 453.99 });
    });
});
