import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Weekday ranges that wrap past Sunday (`sunday to thursday`, `friday to monday`), evaluated in
 * Asia/Jerusalem (UTC+3 all May 2026). 1 May 2026 is a Friday.
 *
 * Ticket T-1, Sunday 3 May 08:00 → Thursday 7 May 17:00:
 *   during SupportHours (Sunday–Thursday 08:00–17:00): Sun, Mon, Tue, Wed, Thu × 9 h = 45 h;
 *   during Weekend (Friday–Monday 08:00–18:00): Sun 3 May 10 h + Mon 4 May 10 h = 20 h.
 * Uptime during SupportHours in May: 5 Sundays (3, 10, 17, 24, 31) + 4 Mondays, Tuesdays,
 *   Wednesdays and Thursdays each = 21 days × 540 min = 11,340 min; the outage Monday 4 May
 *   09:00–13:00 is 240 min of it: (11,340 − 240) / 11,340 = 11,100 / 11,340 = 97.884 %.
 */
const AGREEMENT = `agreement Desk "Service desk in Tel Aviv" {
    provider P "Provider Ltd"
    customer C "Customer Ltd"
    valid from 2026-01-01 to 2026-12-31
    timezone "Asia/Jerusalem"
    fee 1000 USD per calendar month

    calendar SupportHours "Sunday to Thursday" {
        sunday to thursday 08:00 to 17:00
    }
    calendar Weekend "Friday to Monday" {
        friday to monday 08:00 to 18:00
    }
    dataset tickets "Tickets" from "tickets.csv" {
        id text
        opened timestamp
        resolved timestamp optional
    }
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    service Desk "Service desk" {
        kpi SupportTime "Business time to resolve" = max(elapsed(tickets.opened, tickets.resolved) during SupportHours)
        kpi WeekendTime "Weekend time to resolve" = max(elapsed(tickets.opened, tickets.resolved) during Weekend)
        kpi Availability "Uptime in support hours" = uptime(incidents, from started to resolved) during SupportHours
        objective SupportTime <= 50 hours per calendar month
        objective WeekendTime <= 50 hours per calendar month
        objective Availability >= 99.5% per calendar month
    }
}
`;

const TICKETS = `id,opened,resolved
T-1,2026-05-03T08:00:00+03:00,2026-05-07T17:00:00+03:00
`;
const INCIDENTS = `started,resolved
2026-05-04T09:00:00+03:00,2026-05-04T13:00:00+03:00
`;

const HOUR_MS = 3_600_000;

describe('working hours on a weekday range that wraps past Sunday', async () => {
    const report = await evaluateFixture({ 'desk.sla': AGREEMENT, 'tickets.csv': TICKETS, 'incidents.csv': INCIDENTS }, { from: '2026-05-01', to: '2026-05-31' });
    const may = (kpi: string) => report.objectives.find(o => o.kpi === kpi)!.windows[0]!;

    it('sunday to thursday counts Sunday through Thursday: 5 × 9 h = 45 h, not 0', () => {
        expect(may('SupportTime').value).toBe(45 * HOUR_MS);
    });

    it('friday to monday counts Friday, Saturday, Sunday and Monday: Sunday and Monday of the ticket, 2 × 10 h = 20 h', () => {
        expect(may('WeekendTime').value).toBe(20 * HOUR_MS);
    });

    it('an uptime during sunday to thursday has 11,340 eligible minutes in May: 11,100 / 11,340 = 97.884 %, breached', () => {
        expect(may('Availability')).toMatchObject({ value: 11_100 / 11_340, status: 'breached' });
    });
});
