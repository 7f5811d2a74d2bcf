import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * A cap on all credits of one service (a tower's at-risk amount) beside the agreement's, evaluated
 * (UTC). The agreement caps all credits at 5,000 EUR a month; the service Hosting (fee 30,000 EUR)
 * caps its own at 10 % of its fee, 3,000 EUR; the service Desk has no cap of its own.
 * - Hosting.Availability: below 99.9 %: 8 % of 30,000 = 2,400 EUR; below 99 %: 12 % = 3,600 EUR.
 * - Hosting.Outages (at most 1): 250 EUR per outage.
 * - Desk.Incidents (none promised): 1,000 EUR per desk incident.
 * Hosting outages of two hours (January one of one hour): January 60 of 44,640 minutes (99.866 %:
 * 2,400; 1 outage: none); February three, 360 of 40,320 (99.107 %: 2,400; 750); March eight, 960
 * of 44,640 (97.849 %: 3,600; 2,000). Desk incidents: February one (1,000), March three (3,000).
 * Worked by hand (windows counted as written, each getting what both caps covering it leave):
 * February, Hosting owes 2,400 + 750 = 3,150 > 3,000: Outages (counted last) 600; all credits
 * 2,400 + 600 + 1,000 = 4,000 ≤ 5,000. March, Hosting owes 3,600 + 2,000: Availability 3,000,
 * Outages nothing; the Desk's 3,000 then meets the agreement's 5,000 with 3,000 paid: 2,000.
 */
const rows = [
    'hosting,2026-01-12T10:00:00Z,2026-01-12T11:00:00Z',
    ...['03', '10', '17'].map(day => `hosting,2026-02-${day}T10:00:00Z,2026-02-${day}T12:00:00Z`),
    ...['02', '03', '04', '05', '06', '07', '08', '09'].map(day => `hosting,2026-03-${day}T10:00:00Z,2026-03-${day}T12:00:00Z`),
    'desk,2026-02-20T10:00:00Z,2026-02-20T10:30:00Z',
    ...['11', '12', '13'].map(day => `desk,2026-03-${day}T10:00:00Z,2026-03-${day}T10:30:00Z`)
];

const agreement = (hostingCap: string) => `agreement Towers "Two towers" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    credits capped at 5000 EUR per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        service  one of "hosting", "desk"
        started  timestamp
        resolved timestamp optional
    }

    service Hosting "Hosting" {
        fee 30000 EUR per calendar month
        ${hostingCap}
        kpi Availability "Share of time up" = uptime(incidents where service = "hosting", from started to resolved)
        kpi Outages "Outages" = count(incidents where service = "hosting")
        objective Availability >= 99.9% per calendar month
        objective Outages <= 1 per calendar month
        credit for Availability per calendar month {
            below 99.9% : 8% of fee
            below 99.0% : 12% of fee
        }
        credit for Outages per calendar month {
            above 1 : 250 EUR * Outages
        }
    }
    service Desk "Service desk" {
        fee 10000 EUR per calendar month
        kpi Incidents "Desk incidents" = count(incidents where service = "desk")
        objective Incidents <= 0 per calendar month
        credit for Incidents per calendar month {
            above 0 : 1000 EUR * Incidents
        }
    }
}
`;

const evaluate = (hostingCap: string) => evaluateFixture({ 'towers.sla': agreement(hostingCap), 'incidents.csv': `service,started,resolved\n${rows.join('\n')}\n` }, { from: '2026-01-01', to: '2026-03-31' });
const amounts = (report: Awaited<ReturnType<typeof evaluate>>) => report.credits.map(credit => credit.windows.map(window => window.amount));

describe('a cap on all credits of a service (a tower\'s at-risk amount)', () => {
    it('without it, only the agreement\'s cap applies', async () => {
        const report = await evaluate('');
        // February 2,400 + 750 + 1,000 = 4,150; March 3,600 + 2,000 = 5,600 > 5,000 already: Availability 3,600, Outages 1,400, Desk 0.
        expect(amounts(report)).toEqual([[2400, 2400, 3600], [0, 750, 1400], [0, 1000, 0]]);
    });

    it('10 % of the service\'s own fee: each window gets what its service\'s cap and the agreement\'s leave', async () => {
        const report = await evaluate('credits capped at 10% of fee per calendar month');
        expect(amounts(report)).toEqual([[2400, 2400, 3000], [0, 600, 0], [0, 1000, 2000]]);
        // Which cap cut each window: the service's for Hosting, the agreement's for the Desk in March.
        expect(report.credits.map(credit => credit.windows.map(window => window.cap ?? null))).toEqual([[null, null, 'service'], [null, 'service', 'service'], [null, null, 'agreement']]);
        // Each cap's `owed` is before any cap on all credits (February 2,400 + 750 + 1,000), `paid` after all of them
        // (2,400 + 600 + 1,000): the agreement's cap was not reached in February; in March it cut the Desk.
        const [agreementCap, hostingCap] = report.creditCaps!;
        expect(agreementCap!.service).toBeUndefined();
        expect(agreementCap!.periods.map(p => [p.limit, p.owed, p.paid, p.lowered ?? []])).toEqual([[5000, 2400, 2400, []], [5000, 4150, 4000, []], [5000, 8600, 5000, ['Desk.Incidents']]]);
        expect(hostingCap).toMatchObject({ cap: '10% of fee per calendar month', service: 'Hosting', currency: 'EUR' });
        expect(hostingCap!.periods.map(p => [p.limit, p.owed, p.paid, p.lowered ?? []])).toEqual([[3000, 2400, 2400, []], [3000, 3150, 3000, ['Hosting.Outages']], [3000, 5600, 3000, ['Hosting.Availability', 'Hosting.Outages']]]);
        expect(report.notes).toContain('All credits of the service Hosting together are capped at 10% of fee per calendar month: in the month from 2026-02-01, 3150 EUR were owed and 3000 EUR are paid (lowered, counted last: Hosting.Outages).');
        const table = renderTable(report, { color: false });
        expect(table).toContain('Credits capped together: Hosting · 10% of fee per calendar month');
        expect(table).toContain('capped with all credits of the service (from €750.00)');
    });

    it('an allocation in the service is of its own at-risk amount (80 % of 10 % of 30,000 EUR = 2,400 EUR)', async () => {
        const text = agreement('credits capped at 10% of fee per calendar month, pool 150%')
            .replace('below 99.9% : 8% of fee', 'below 99.9% : 80% of at-risk amount')
            .replace('below 99.0% : 12% of fee', 'below 99.0% : 100% of at-risk amount');
        const report = await evaluateFixture({ 'towers.sla': text, 'incidents.csv': `service,started,resolved\n${rows.join('\n')}\n` }, { from: '2026-01-01', to: '2026-03-31' });
        // As with 8 % and 10 % of the service's fee: the same amounts as above, March's 3,000 the whole at-risk amount.
        expect(amounts(report)).toEqual([[2400, 2400, 3000], [0, 600, 0], [0, 1000, 2000]]);
        expect(report.credits[0]!.windows.map(window => [window.allocation, window.percentOfFee])).toEqual([[80, 8], [80, 8], [100, 10]]);
    });
});
