import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A clean agreement with one calendar and one maintenance body. */
function agreement(calendar: string, maintenance: string): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"

    calendar Desk "Service desk hours" {
        monday to friday 09:00 to 18:00
${calendar}
    }

    maintenance Patching "Patching" {
${maintenance}
        notice 72 hours
    }

    dataset incidents "Incidents" from "data/incidents.csv" {
        severity one of "outage", "degraded", "minor"
        started timestamp
        resolved timestamp optional
    }

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened timestamp
        responded timestamp optional
    }

    service Web "Web shop" {
        kpi Availability "Uptime" = uptime(incidents where severity = "outage", from started to resolved) excluding Patching
        kpi Response "Time to respond" = percentile(90, elapsed(tickets.opened, tickets.responded) during Desk)
        objective Availability >= 99.9% per calendar month
        objective Response <= 4 hours per calendar month
    }
}
`;
}

const CLEAN_CALENDAR = '        holidays "FR"';
const CLEAN_MAINTENANCE = '        first sunday of each month 02:00 to 06:00';

async function expectFix(before: string, code: string, title: string, after: string): Promise<void> {
    const { apply } = await fixesFor(before, code);
    const fixed = apply(title);
    expect(fixed).toBe(after);
    expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
}

describe('quick fixes of calendars and maintenance rules', () => {
    test('the clean document has no diagnostics', async () => {
        expect(codesOf((await validate(agreement(CLEAN_CALENDAR, CLEAN_MAINTENANCE))).diagnostics)).toEqual([]);
    });

    test('every second tuesday: either explicit reading', async () => {
        const before = agreement(CLEAN_CALENDAR, '        every second tuesday 20:00 to 22:00');
        const { actions } = await fixesFor(before, 'sla/maintenance-ambiguous');
        // The first Tuesday of the validity (1 January 2026 is a Thursday) is 6 January.
        expect(actions.map(a => a.title)).toEqual(['The second tuesday of each month', 'Every other tuesday, starting 2026-01-06']);
        await expectFix(before, 'sla/maintenance-ambiguous', 'The second tuesday of each month',
            agreement(CLEAN_CALENDAR, '        second tuesday of each month 20:00 to 22:00'));
        await expectFix(before, 'sla/maintenance-ambiguous', 'Every other tuesday, starting 2026-01-06',
            agreement(CLEAN_CALENDAR, '        every other tuesday starting 2026-01-06 20:00 to 22:00'));
    });

    test('every other … gets a start date, on its weekday', async () => {
        await expectFix(agreement(CLEAN_CALENDAR, '        every other friday 20:00 to 22:00'), 'sla/maintenance-rule', "Add 'starting 2026-01-02'",
            agreement(CLEAN_CALENDAR, '        every other friday starting 2026-01-02 20:00 to 22:00'));
        // 2026-01-07 is a Wednesday; the next Friday is 9 January.
        await expectFix(agreement(CLEAN_CALENDAR, '        every other friday starting 2026-01-07 20:00 to 22:00'), 'sla/maintenance-rule', 'Start on 2026-01-09',
            agreement(CLEAN_CALENDAR, '        every other friday starting 2026-01-09 20:00 to 22:00'));
    });

    test('of each months → of each month', async () => {
        await expectFix(agreement(CLEAN_CALENDAR, '        last saturday of each quarters 22:00 to 02:00'), 'sla/maintenance-rule', "Write 'of each quarter'",
            agreement(CLEAN_CALENDAR, '        last saturday of each quarter 22:00 to 02:00'));
    });

    test('an unknown country code: the nearest known one', async () => {
        await expectFix(agreement('        holidays "FRA"', CLEAN_MAINTENANCE), 'sla/holiday-region-unknown', 'Use "FR"',
            agreement(CLEAN_CALENDAR, CLEAN_MAINTENANCE));
        await expectFix(agreement('        holidays "DE-BYY"', CLEAN_MAINTENANCE), 'sla/holiday-region-unknown', 'Use "DE-BY"',
            agreement('        holidays "DE-BY"', CLEAN_MAINTENANCE));
    });

    test('a misspelt holiday name: the holiday meant', async () => {
        await expectFix(agreement('        holidays "FR" without "Whit Munday"', CLEAN_MAINTENANCE), 'sla/holiday-not-in-set', 'Use "Whit Monday"',
            agreement('        holidays "FR" without "Whit Monday"', CLEAN_MAINTENANCE));
    });
});
