import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * P1 tickets answered within 4 business hours (Monday–Friday 08:00–18:00, Berlin).
 * March (UTC+1): 1 h, 3 h, 6 h → 2 of 3 = 66.7 %, but 3 tickets are fewer than the 5 required.
 * April (UTC+2): 1 h, 1 h, 1 h, 1 h, 9 h → 4 of 5 = 80 %: breached, 10 % of 1,000 EUR = 100 EUR.
 * The P2 ticket of March is not a P1 ticket: it is not part of the sample.
 */
const TICKETS = `opened,priority,responded
2026-03-02T08:00:00Z,P1,2026-03-02T09:00:00Z
2026-03-03T08:00:00Z,P1,2026-03-03T11:00:00Z
2026-03-04T08:00:00Z,P1,2026-03-04T14:00:00Z
2026-03-05T08:00:00Z,P2,2026-03-05T09:00:00Z
2026-04-01T07:00:00Z,P1,2026-04-01T08:00:00Z
2026-04-02T07:00:00Z,P1,2026-04-02T08:00:00Z
2026-04-07T07:00:00Z,P1,2026-04-07T08:00:00Z
2026-04-08T07:00:00Z,P1,2026-04-08T08:00:00Z
2026-04-09T07:00:00Z,P1,2026-04-09T16:00:00Z
`;

const agreement = (sample: string) => `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    calendar Office "Office hours" {
        monday to friday 08:00 to 18:00
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        priority one of "P1", "P2"
        responded timestamp optional
    }
    service Support "Service desk" {
        kpi OnTime "P1 tickets answered within 4 business hours" =
            share(tickets where priority = "P1" and elapsed(opened, responded) during Office <= 4 hours of tickets where priority = "P1")
        objective OnTime >= 90% per calendar month${sample}
        credit for OnTime per calendar month, capped at 50% of fee {
            below 90% : 10% of fee
        }
    }
}
`;

describe('objective … with at least N tickets', async () => {
    const options = { from: '2026-03-01', to: '2026-04-30' };
    const report = await evaluateFixture({ 'desk.sla': agreement(' with at least 5 tickets'), 'tickets.csv': TICKETS }, options);
    const [march, april] = report.objectives[0]!.windows;

    it('a month with 3 P1 tickets of the 5 required is insufficient data: no value, never met or breached', () => {
        expect(march).toMatchObject({ value: null, status: 'no data', rows: 3, insufficientData: { rows: 3, minimum: 5 } });
        expect(report.notes.join('\n')).toContain('OnTime: 1 window(s) had fewer rows than the minimum sample of 5');
    });

    it('a month with 5 is judged: 4 of 5 = 80 %, breached', () => {
        expect(april).toMatchObject({ value: 0.8, status: 'breached', rows: 5 });
        expect(april!.insufficientData).toBeUndefined();
    });

    it('the thin month earns no credit; the judged one earns 10 % of 1,000 EUR', () => {
        const [marchCredit, aprilCredit] = report.credits[0]!.windows;
        expect(marchCredit).toMatchObject({ value: null, amount: 0, insufficientData: { rows: 3, minimum: 5 } });
        expect(aprilCredit).toMatchObject({ value: 0.8, amount: 100 });
        expect(report.credits[0]!.total).toBe(100);
    });

    it('without the clause March is 2 of 3 = 66.7 %, breached, and earns a credit', async () => {
        const plain = await evaluateFixture({ 'desk.sla': agreement(''), 'tickets.csv': TICKETS }, options);
        expect(plain.objectives[0]!.windows[0]!.value).toBeCloseTo(2 / 3, 12);
        expect(plain.objectives[0]!.windows[0]!.status).toBe('breached');
        expect(plain.credits[0]!.total).toBe(200);
    });
});
