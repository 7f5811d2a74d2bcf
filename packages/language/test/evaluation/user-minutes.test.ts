import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Microsoft Online Services (Exchange Online): "Monthly Uptime Percentage = (User Minutes −
 * Downtime) / User Minutes", Downtime counted in user minutes, so two outages at once that hit
 * different mailboxes add up: `weighted by affected summed`. April 2026 in UTC: 43,200 minutes.
 * Outage A 10:00–12:00 hits 25 % of the users, outage B 10:00–12:00 another 20 %:
 * - summed: 120 × 0.45 = 54 user-minutes per user → (43,200 − 54) / 43,200 = 99.875 % exactly,
 *   below 99.9 %: the 25 % tier, 25 % of 10,000 USD = 2,500 USD;
 * - largest share (without `summed`): 120 × 0.25 = 30 → 43,170 / 43,200 = 99.930555…%, met.
 */
const OUTAGES = `started,ended,affected
2026-04-10T10:00:00Z,2026-04-10T12:00:00Z,25%
2026-04-10T10:00:00Z,2026-04-10T12:00:00Z,20%
`;

function exchange(option: string): string {
    return `agreement Mail "Hosted mail" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 USD per calendar month
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended timestamp
        affected percent
    }
    service Exchange "Exchange Online" {
        kpi MonthlyUptime "Monthly Uptime Percentage" = uptime(outages, from started to ended, ${option})
        objective MonthlyUptime >= 99.9% per calendar month
        credit for MonthlyUptime per calendar month {
            below 99.9% : 25% of fee
            below 99% : 50% of fee
            below 95% : 100% of fee
        }
    }
}
`;
}

describe('uptime weighted by the users affected, overlapping outages summed (user minutes)', () => {
    it('adds the shares of two outages at once: 99.875 %, a 25 % credit', async () => {
        const report = await evaluateFixture({ 'mail.sla': exchange('weighted by affected summed'), 'outages.csv': OUTAGES }, { from: '2026-04-01', to: '2026-04-30' });
        const [april] = report.objectives[0]!.windows;
        expect(april).toMatchObject({ value: 0.99875, status: 'breached' });
        expect(report.credits[0]!.windows[0]).toMatchObject({ amount: 2500 });
    });

    it('without summed, counts the larger share only: 99.93 %, met, no credit', async () => {
        const report = await evaluateFixture({ 'mail.sla': exchange('weighted by affected'), 'outages.csv': OUTAGES }, { from: '2026-04-01', to: '2026-04-30' });
        const [april] = report.objectives[0]!.windows;
        expect(april!.value).toBeCloseTo(43_170 / 43_200, 12);
        expect(april!.status).toBe('met');
        expect(report.credits[0]!.windows[0]?.amount ?? 0).toBe(0);
    });
});
