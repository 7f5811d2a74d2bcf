import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Credits in days of service (Google's Cloud Identity SLA: "< 99.9% – >= 99.0%: 3" days of Service
 * added, "or monetary credit equal to the value of days of service"). UTC, 3,100 USD a month: a day of
 * service is worth 3,100 / 31 = 100 USD in January, 3,100 / 28 = 110.714… in February,
 * 3,100 / 30 = 103.333… in April.
 * - January: 60 min down, 1 − 60/44,640 = 99.87 % → 3 days → 300 USD.
 * - February: 8 h down, 1 − 480/40,320 = 98.81 % → 7 days → 3,100 × 7 / 28 = 775 USD.
 * - March: none.
 * - April: 3 days down, 1 − 4,320/43,200 = 90 % → 15 days, capped at 10 days → 3,100 × 10 / 30 = 1,033.33 USD.
 * Total 300 + 775 + 1,033.333… = 2,108.33 USD.
 */
const SLA = (validFrom: string) => `agreement Workspace "Hosted mail and documents" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from ${validFrom} to 2026-12-31
    timezone "UTC"
    fee 3100 USD per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Mail "Mail" {
        kpi Availability "Monthly uptime" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
        credit for Availability per calendar month, capped at 10 days of service {
            below 99.9% : 3 days of service
            below 99.0% : 7 days of service
            below 95.0% : 15 days of service
        }
    }
}
`;
const INCIDENTS = `started,resolved
2026-01-20T10:00:00Z,2026-01-20T11:00:00Z
2026-02-10T00:00:00Z,2026-02-10T08:00:00Z
2026-04-10T00:00:00Z,2026-04-13T00:00:00Z
`;

describe('credits in days of service', async () => {
    const report = await evaluateFixture({ 'mail.sla': SLA('2026-01-01'), 'incidents.csv': INCIDENTS }, { from: '2026-01-01', to: '2026-04-30' });
    const credit = report.credits[0]!;

    it('each is worth that many of the window\'s days of the fee; the cap in days too', () => {
        expect(credit.windows.map(w => [w.start.slice(0, 7), w.tier, w.daysOfService ?? null, w.amount, w.cap ?? null])).toEqual([
            ['2026-01', 1, 3, 300, null],
            ['2026-02', 2, 7, 775, null],
            ['2026-03', null, null, 0, null],
            ['2026-04', 3, 15, 1033.33, 'window']
        ]);
        expect(credit.windows[3]!.uncappedAmount).toBe(1550);
        expect(credit.total).toBe(2108.33);
        expect(renderTable(report, { color: false })).toContain('3 days of service');
    });

    it('a window cut by the validity: the fee and the days of its covered part (16 January on: 1,600 USD over 16 days)', async () => {
        const late = await evaluateFixture({ 'mail.sla': SLA('2026-01-16'), 'incidents.csv': INCIDENTS }, { from: '2026-01-16', to: '2026-01-31' });
        expect(late.credits[0]!.windows[0]).toMatchObject({ fee: 1600, amount: 300 });
    });
});
