import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * `earned back after 2 met windows` (an outsourcing contract's earn-back): a month's credit is not
 * paid when the next two months are met. UTC, 1,000 EUR a month, 10 % of the fee below 99.9 %:
 * one hour down breaches any month (1 − 60/44,640 = 99.866 %; 1 − 60/43,200 = 99.861 %) and
 * costs 100 EUR. Outages: January, April, May, August and December, one hour each.
 */
const SLA = `agreement Outsourcing "Managed hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Hosting "Hosting" {
        kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
        credit for Availability per calendar month, capped at 50% of fee {
            below 99.9% : 10% of fee
            earned back after 2 met windows
        }
    }
}
`;
const INCIDENTS = ['started,resolved', ...['01', '04', '05', '08', '12'].map(month => `2026-${month}-10T10:00:00Z,2026-${month}-10T11:00:00Z`)].join('\n') + '\n';

describe('earn-back: a credit the next two windows earn back is not paid', async () => {
    const files = { 'hosting.sla': SLA, 'incidents.csv': INCIDENTS };
    // Evaluated to the end of August: September and October, inside the validity, are not known yet.
    const august = await evaluateFixture(files, { from: '2026-01-01', to: '2026-08-31' });
    const whole = await evaluateFixture(files, { from: '2026-01-01', to: '2026-12-31' });
    const byMonth = (report: typeof august) => report.credits[0]!.windows
        .filter(w => w.tier !== null)
        .map(w => [w.start.slice(0, 7), w.amount, w.uncappedAmount, w.earnedBack ?? null, w.provisional]);

    it('January (February and March met) and May (June and July met) are earned back; April stands (May missed)', () => {
        expect(byMonth(august)).toEqual([
            ['2026-01', 0, 100, true, false],
            ['2026-04', 100, 100, null, false],
            ['2026-05', 0, 100, true, false],
            // September and October are not evaluated yet: August's credit is provisional.
            ['2026-08', 100, 100, 'pending', true]
        ]);
        expect(august.credits[0]).toMatchObject({ total: 100, provisionalTotal: 100, earnBackWindows: 2 });
        expect(august.notes).toContain('Credits for Hosting.Availability: 2 window(s) earned back (the 2 windows after each were met): not paid.');
        expect(august.notes).toContain('Credits for Hosting.Availability: credits the next 2 windows may still earn back (100 EUR) are provisional, not included in the total.');
    });

    it('over the whole validity: August is earned back, and December stands (the agreement ends before any window could earn it back)', () => {
        expect(byMonth(whole)).toEqual([
            ['2026-01', 0, 100, true, false],
            ['2026-04', 100, 100, null, false],
            ['2026-05', 0, 100, true, false],
            ['2026-08', 0, 100, true, false],
            ['2026-12', 100, 100, null, false]
        ]);
        expect(whole.credits[0]).toMatchObject({ total: 200, provisionalTotal: 0 });
    });

    it('without the term every breached month pays', async () => {
        const plain = await evaluateFixture({ ...files, 'hosting.sla': SLA.replace('            earned back after 2 met windows\n', '') }, { from: '2026-01-01', to: '2026-12-31' });
        expect(plain.credits[0]!.windows.filter(w => w.amount > 0).length).toBe(5);
        expect(plain.credits[0]!.total).toBe(500);
    });
});
