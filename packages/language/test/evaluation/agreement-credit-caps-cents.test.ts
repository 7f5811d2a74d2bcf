import { describe, expect, it } from 'vitest';
import { renderTable, type Report } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * A cap on all credits together pays whole cents: the credits of a period add up to the cap's `paid`,
 * never to a cent more than its limit. UTC, fee 1,000 EUR a month, `credits capped at 10% of fee per
 * calendar month`: 100.00 EUR a month. Two services' monthly credits on one incident register:
 * A `below 99.9% : 3.3335% of fee` (33.335 EUR), B `below 99.9% : 8% of fee` (80 EUR), A written first.
 * January: 75 min down of 44,640: 99.832 %; February: 60 min of 40,320: 99.851 %; both below 99.9 %.
 */
const SLA = (percentA: string, percentB: string) => `agreement Cents "At-risk amount in cents" {
    provider P "Prov"
    customer C "Cust"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    credits capped at 10% of fee per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service A "A" {
        kpi Up "Uptime" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month, capped at 50% of fee {
            below 99.9% : ${percentA} of fee
        }
    }
    service B "B" {
        kpi Up "Uptime" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month, capped at 50% of fee {
            below 99.9% : ${percentB} of fee
        }
    }
}
`;
const INCIDENTS = `started,resolved
2026-01-10T10:00:00Z,2026-01-10T11:15:00Z
2026-02-10T10:00:00Z,2026-02-10T11:00:00Z
`;

const evaluate = (to: string, percentA = '3.3335%', percentB = '8%') =>
    evaluateFixture({ 'cents.sla': SLA(percentA, percentB), 'incidents.csv': INCIDENTS }, { from: '2026-01-01', to });
const windowAmounts = (report: Report) => report.credits.map(credit => credit.windows.map(window => window.amount));
const totals = (report: Report) => report.credits.map(credit => credit.total);

describe('a cap on all credits together, in whole cents', () => {
    it('January: A is paid 33.34 EUR, B the 66.66 EUR left; together 100.00 EUR, the cap\'s paid', async () => {
        // A owes 3.3335 % of 1,000 = 33.335 EUR, paid 33.34 (rounded on its own). B owes 80 EUR;
        // the cap leaves 100.00 − 33.34 = 66.66 EUR. (Cut on the exact 33.335, B would get 66.665, and the
        // rounded 33.34 + 66.67 = 100.01 EUR would pay a cent more than the cap.)
        const report = await evaluate('2026-01-31');
        expect(windowAmounts(report)).toEqual([[33.34], [66.66]]);
        expect(totals(report)).toEqual([33.34, 66.66]);
        expect(report.credits[1]!.windows[0]).toMatchObject({ uncappedAmount: 80, capped: true, cap: 'agreement' });
        // Owed 33.34 + 80 = 113.34 EUR.
        expect(report.creditCaps![0]!.periods).toEqual([
            { start: '2026-01-01T00:00:00+00:00', end: '2026-02-01T00:00:00+00:00', limit: 100, owed: 113.34, paid: 100, reached: true, lowered: ['B.Up'] }
        ]);
        const table = renderTable(report, { color: false });
        expect(table).toContain('total €33.34');
        expect(table).toContain('total €66.66');
        expect(table).toMatch(/2026-01-01 +€113\.34 +€100\.00 +€100\.00/);
    });

    it('January and February: each month\'s windows add up to its paid, and the totals to both months\' (200.00 EUR)', async () => {
        // A: each month 33.335 → 33.34 on its own, as in a report of that month alone (total 33.34 + 33.34 = 66.68).
        // B: January 100 − 33.34 = 66.66, February 100 − 33.34 = 66.66 (total 133.32). 66.68 + 133.32 = 200.00.
        // Owed each month 33.34 + 80 = 113.34.
        const report = await evaluate('2026-02-28');
        expect(windowAmounts(report)).toEqual([[33.34, 33.34], [66.66, 66.66]]);
        expect(totals(report)).toEqual([66.68, 133.32]);
        expect(report.creditCaps![0]!.periods.map(period => [period.owed, period.paid])).toEqual([[113.34, 100], [113.34, 100]]);
    });

    it('owed exactly the limit in exact shares: 33.335 + 66.665 = 100 EUR, in cents 33.34 + 66.67: the cap takes the cent', async () => {
        // A 3.3335 % = 33.335 EUR → 33.34; B 6.6665 % = 66.665 EUR → 66.67; 100.01 EUR is a cent above the
        // limit: B is paid the 66.66 left.
        const report = await evaluate('2026-01-31', '3.3335%', '6.6665%');
        expect(windowAmounts(report)).toEqual([[33.34], [66.66]]);
        expect(report.credits[1]!.windows[0]).toMatchObject({ uncappedAmount: 66.67, cap: 'agreement' });
        expect(report.creditCaps![0]!.periods[0]).toMatchObject({ limit: 100, owed: 100.01, paid: 100 });
    });

    it('below the limit nothing is cut: 33.34 + 33.34 EUR', async () => {
        // A 33.335 → 33.34, B 3.3335 % too → 33.34: 66.68 EUR of 100.
        const report = await evaluate('2026-01-31', '3.3335%', '3.3335%');
        expect(windowAmounts(report)).toEqual([[33.34], [33.34]]);
        expect(report.creditCaps![0]!.periods[0]).toMatchObject({ owed: 66.68, paid: 66.68 });
        expect(report.creditCaps![0]!.periods[0]!.reached).toBeUndefined();
    });
});
