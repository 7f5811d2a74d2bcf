// The service desk of the business-days-with-pauses tests (this package's, and the SQL engines' in
// test/sql-engines/paused-business-days.test.ts): one agreement, its tickets and their pauses.
/**
 * "Resolved within 2 business days; the clock stops while the ticket awaits the customer": business
 * days with pauses excluded, once refused (sla/unit-mismatch, and a model error), validated and
 * evaluated from the .sla text. Hours Monday–Friday 08:00–18:00 in Berlin (2 March 2026 is a
 * Monday). pos(t) = working days before t's day + the share of that day worked at t:
 *   line 2: T1, Mon 2 Mar 15:00 → Wed 4 Mar 20:00 (the end of Wednesday): 3 − 0.7 = 2.3; paused Tue 10:00–15:00,
 *           0.5 → 1.8: within 2;
 *   line 3: T2, Mon 9 Mar 13:00 → Wed 11 Mar 20:00: 3 − 0.5 = 2.5; pauses Tue 10:00–13:00 and 12:00–15:00 merged
 *           (0.5) → exactly 2: within `<= 2`, not within `< 2`;
 *   line 4: T3, Fri 13 Mar 15:00 → Tue 17 Mar 16:00: 0.3 + 1 + 0.8 = 2.1, its pause over the weekend removes
 *           nothing → 2.1: late;
 *   line 5: T4, Tue 31 Mar 10:00, still open, waiting for the customer since 11:00: known until the end of March,
 *           0.8 so far less 0.7 → 0.1: pending.
 */
export const TICKETS = `opened,id,resolved
2026-03-02T15:00:00+01:00,T1,2026-03-04T20:00:00+01:00
2026-03-09T13:00:00+01:00,T2,2026-03-11T20:00:00+01:00
2026-03-13T15:00:00+01:00,T3,2026-03-17T16:00:00+01:00
2026-03-31T10:00:00+02:00,T4,
`;
export const PAUSES = `ticket,pausedFrom,pausedTo
T1,2026-03-03T10:00:00+01:00,2026-03-03T15:00:00+01:00
T2,2026-03-10T10:00:00+01:00,2026-03-10T13:00:00+01:00
T2,2026-03-10T12:00:00+01:00,2026-03-10T15:00:00+01:00
T3,2026-03-14T09:00:00+01:00,2026-03-15T20:00:00+01:00
T4,2026-03-31T11:00:00+02:00,
`;

export const AGREEMENT = `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-03-31
    timezone "Europe/Berlin"
    calendar BusinessHours "Office hours" {
        monday to friday 08:00 to 18:00
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        id text
        resolved timestamp optional
    }
    dataset ticketPauses "Waiting for the customer" from "pauses.csv" {
        ticket text
        pausedFrom timestamp
        pausedTo timestamp optional
    }
    service Support "Service desk" {
        kpi Resolution "Business time to resolve, waiting for the customer excluded" =
            elapsed(tickets.opened, tickets.resolved) during BusinessHours
                excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)
        kpi WithinTwo "Resolved within two business days, pauses excluded" =
            share(tickets where elapsed(opened, resolved) during BusinessHours
                excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo) <= 2 business days of tickets)
        kpi UnderTwo "Resolved in under two business days, pauses excluded" =
            share(tickets where elapsed(opened, resolved) during BusinessHours
                excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo) < 2 business days of tickets)
        objective each tickets by id: Resolution <= 2 business days per calendar month
        objective WithinTwo >= 90% per calendar month
        objective UnderTwo >= 50% per calendar month
    }
}
`;
