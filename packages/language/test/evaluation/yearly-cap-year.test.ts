import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Which calendar year a weekly credit's window uses the yearly cap of: the year its part inside the
 * validity starts in. Europe/Berlin, fee 3,100 EUR per calendar month (100 EUR a day in December and
 * January), weekly credit `below 99.9% : 10% of fee`, two-hour outages.
 */
const SLA = (validFrom: string, yearlyCap: string) => `agreement Weekly "Weekly credits, yearly cap" {
    provider P "Prov"
    customer C "Cust"
    valid from ${validFrom} to 2026-01-31
    timezone "Europe/Berlin"
    fee 3100 EUR per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web" {
        kpi Up "Uptime" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar week
        credit for Up per calendar week, capped at 50% of fee, capped at ${yearlyCap} per calendar year {
            below 99.9% : 10% of fee
        }
    }
}
`;
const INCIDENTS = `started,resolved
2026-01-02T10:00:00+01:00,2026-01-02T12:00:00+01:00
2026-01-07T10:00:00+01:00,2026-01-07T12:00:00+01:00
`;

const evaluate = (validFrom: string, yearlyCap: string) => evaluateFixture({ 'weekly.sla': SLA(validFrom, yearlyCap), 'incidents.csv': INCIDENTS });

describe('a yearly cap on a weekly credit in an agreement valid from 1 January 2026', () => {
    // The week of 29 December 2025 – 4 January 2026 is covered from 1 January: 4 days, fee 400 EUR;
    // 2 h down in its 96 h: 94/96 = 97.917 % → 10 % = 40 EUR. The week of 5–11 January: fee 700 EUR;
    // 2 h down in 168 h: 98.81 % → 70 EUR. Both count in 2026, the only year of the agreement.

    it('10% of fee per calendar year: 2026\'s cap, 10 % of 3,100 = 310 EUR, pays both (110 EUR)', async () => {
        const credit = (await evaluate('2026-01-01', '10% of fee')).credits[0]!;
        expect(credit.windows.slice(0, 2).map(w => [w.start.slice(0, 10), w.fee, w.amount, w.uncappedAmount, w.cap ?? null])).toEqual([
            ['2025-12-29', 400, 40, 40, null],
            ['2026-01-05', 700, 70, 70, null]
        ]);
        expect(credit.total).toBe(110);
    });

    it('3 days of service per calendar year: 3 × 3,100 / 31 = 300 EUR, pays both (110 EUR)', async () => {
        const credit = (await evaluate('2026-01-01', '3 days of service')).credits[0]!;
        expect(credit.windows.slice(0, 2).map(w => w.amount)).toEqual([40, 70]);
        expect(credit.total).toBe(110);
    });

    it('100 EUR per calendar year: the first week 40 EUR, the second the 60 EUR left (no allowance for 2025)', async () => {
        const report = await evaluate('2026-01-01', '100 EUR');
        const credit = report.credits[0]!;
        expect(credit.windows.slice(0, 2).map(w => [w.amount, w.uncappedAmount, w.cap ?? null])).toEqual([[40, 40, null], [60, 70, 'year']]);
        expect(credit.total).toBe(100);
        expect(renderTable(report, { color: false })).toContain('total €100.00');
    });
});

describe('a week across the new year inside the validity counts in the year it starts in', () => {
    it('valid from 1 December 2025, 100 EUR per calendar year: 29 December – 4 January uses 2025\'s cap, 5–11 January 2026\'s', async () => {
        // Both weeks are whole inside the validity, fee 7 × 100 = 700 EUR each (3 December days and 4 January
        // days for the first). 2 h down in 168 h: 98.81 % → 70 EUR each. The first counts in 2025 (70 of its
        // 100 EUR), the second in 2026 (70 of 100): 140 EUR. (Counted both in 2026, the second would get 30.)
        const credit = (await evaluate('2025-12-01', '100 EUR')).credits[0]!;
        const weeks = credit.windows.filter(w => w.amount > 0).map(w => [w.start.slice(0, 10), w.fee, w.amount, w.cap ?? null]);
        expect(weeks).toEqual([['2025-12-29', 700, 70, null], ['2026-01-05', 700, 70, null]]);
        expect(credit.total).toBe(140);
    });
});

describe('a yearly cap in % of a fee from billing data, on a weekly credit from 1 January 2026', () => {
    it('the first week is charged on 2026\'s charges: 10 % of 3,100 EUR = 310 EUR, not a fee missing for 2025', async () => {
        // Charges: 400 EUR on 2 January (the first week), 700 EUR on each of 6, 13 and 20 January, 600 EUR on
        // 27 January: 3,100 EUR in 2026. First week 10 % of 400 = 40 EUR, second 10 % of 700 = 70 EUR: 110 EUR.
        const text = SLA('2026-01-01', '10% of fee').replace('fee 3100 EUR per calendar month', 'fee from sum(billing.amount)')
            .replace('    service Web', `    dataset billing "Charges" from "billing.csv" {
        time timestamp
        amount number in EUR
    }

    service Web`);
        const billing = 'time,amount\n2026-01-02T12:00:00+01:00,400\n2026-01-06T12:00:00+01:00,700\n2026-01-13T12:00:00+01:00,700\n2026-01-20T12:00:00+01:00,700\n2026-01-27T12:00:00+01:00,600\n';
        const credit = (await evaluateFixture({ 'weekly.sla': text, 'incidents.csv': INCIDENTS, 'billing.csv': billing })).credits[0]!;
        expect(credit.windows.slice(0, 2).map(w => [w.fee, w.amount, w.feeMissing ?? false])).toEqual([[400, 40, false], [700, 70, false]]);
        expect(credit.total).toBe(110);
    });
});
