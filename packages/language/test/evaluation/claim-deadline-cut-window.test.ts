import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * `claim within N days` (language reference § 12.2) on the last window of an agreement whose
 * validity ends inside it: valid to 2026-06-15, so June's monthly window is measured 1–15 June
 * ([1 June, 16 June 00:00) UTC) and its claims count from 15 June, not from 30 June.
 * One late ticket in May and one in June, 100 EUR each.
 */
const TICKETS = `opened,resolved
2026-05-04T08:00:00Z,2026-05-04T14:00:00Z
2026-06-08T08:00:00Z,2026-06-08T14:00:00Z
`;

const agreement = (claim: string) => `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-06-15
    timezone "UTC"
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        resolved timestamp
    }
    service Support "Service desk" {
        kpi Late "Tickets resolved after 4 hours" = count(tickets where elapsed(opened, resolved) wall-clock > 4 hours)
        objective Late <= 0 per calendar month
        credit for Late per calendar month {
            above 0 : 100 EUR
            ${claim}
        }
    }
}
`;

const options = { from: '2026-05-01' };

describe('claim deadline of a window cut by the end of the validity', () => {
    it('claim within N days: an uncut window counts from its last day, a cut one from the validity\'s last day', async () => {
        const report = await evaluateFixture({ 'desk.sla': agreement('claim within 15 days'), 'tickets.csv': TICKETS }, options);
        const [may, june] = report.credits[0]!.windows;
        expect([may!.amount, june!.amount]).toEqual([100, 100]);
        // May is whole: its last day 31 May + 15 days = 15 June.
        expect(may!.claimBy).toBe('2026-06-15');
        // June ends with the validity on 15 June: + 15 days = 30 June (not 30 June + 15 = 15 July).
        expect(june!.claimBy).toBe('2026-06-30');
    });

    it('claim within N months: the same day N months after the validity\'s last day, not the month\'s end', async () => {
        const report = await evaluateFixture({ 'desk.sla': agreement('claim within 2 months'), 'tickets.csv': TICKETS }, options);
        const [may, june] = report.credits[0]!.windows;
        // May ended on a month's last day (31 May): the last day of July, 31 July.
        expect(may!.claimBy).toBe('2026-07-31');
        // June's measured part ends 15 June, not a month's last day: 15 August (not 31 August).
        expect(june!.claimBy).toBe('2026-08-15');
    });
});
