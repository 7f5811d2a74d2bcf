import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Four tickets of March 2026 in Berlin (UTC+1 until 29 March), hours Monday–Friday
 * 08:00–18:00 (2 March is a Monday). Local times, business days (working days crossed
 * plus the worked share of the first and last day), and business hours:
 *   1. Mon 2 Mar 15:00 → Wed 4 Mar 15:00: 2 + 0.7 − 0.7 = 2 business days; 3 + 10 + 7 = 20 h
 *   2. Fri 6 Mar 15:00 → Wed 11 Mar 09:00: 3 (Fri, Mon, Tue) + 0.1 − 0.7 = 2.4; 3 + 10 + 10 + 1 = 24 h
 *   3. Tue 10 Mar 10:00 → Tue 10 Mar 15:00: 0.7 − 0.2 = 0.5; 5 h
 *   4. Mon 16 Mar 08:00 → Fri 20 Mar 08:00: 4; 40 h
 */
const TICKETS = `opened,resolved
2026-03-02T14:00:00Z,2026-03-04T14:00:00Z
2026-03-06T14:00:00Z,2026-03-11T08:00:00Z
2026-03-10T09:00:00Z,2026-03-10T14:00:00Z
2026-03-16T07:00:00Z,2026-03-20T07:00:00Z
`;

const AGREEMENT = `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-03-31
    timezone "Europe/Berlin"
    calendar BusinessHours "Office hours" {
        monday to friday 08:00 to 18:00
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        resolved timestamp optional
    }
    service Support "Service desk" {
        kpi TwoBusinessDays "Resolved within two business days" =
            share(tickets where elapsed(opened, resolved) during BusinessHours <= 2 business days of tickets)
        kpi TwoDays "Resolved within 48 business hours" =
            share(tickets where elapsed(opened, resolved) during BusinessHours <= 2 days of tickets)
        kpi TwentyHours "Resolved within 20 business hours" =
            share(tickets where elapsed(opened, resolved) during BusinessHours <= 20 hours of tickets)
        kpi UnderHalfADay "Resolved in under half a business day" =
            share(tickets where 0.5 business days > elapsed(opened, resolved) during BusinessHours of tickets)
        objective TwoBusinessDays >= 75% per calendar month
        objective TwoDays >= 75% per calendar month
        objective TwentyHours >= 75% per calendar month
        objective UnderHalfADay >= 25% per calendar month
    }
}
`;

describe('elapsed … during C compared with business days', async () => {
    const report = await evaluateFixture({ 'desk.sla': AGREEMENT, 'tickets.csv': TICKETS }, { from: '2026-03-01', to: '2026-03-31' });
    const march = (kpi: string) => report.objectives.find(o => o.kpi === kpi)!.windows[0]!;

    it('2 business days: tickets 1 (exactly 2) and 3 are within, 2 (2.4) and 4 (4) are not: 50 %, breached', () => {
        expect([march('TwoBusinessDays').value, march('TwoBusinessDays').status]).toEqual([0.5, 'breached']);
    });

    it('2 days of business time is 48 business hours: all four tickets (20, 24, 5, 40 h) pass, the defect the warning names', () => {
        expect([march('TwoDays').value, march('TwoDays').status]).toEqual([1, 'met']);
    });

    it('with equal working days, N business days is N × the hours of a day: 20 hours gives the same 50 %', () => {
        expect(march('TwentyHours').value).toBe(0.5);
    });

    it('the comparison is exact: ticket 3 took exactly half a business day, so it is not under half a day', () => {
        // In floating point 0.7 − 0.2 = 0.49999999999999994 < 0.5 would count it: 25 %, met.
        expect([march('UnderHalfADay').value, march('UnderHalfADay').status]).toEqual([0, 'breached']);
    });
});
