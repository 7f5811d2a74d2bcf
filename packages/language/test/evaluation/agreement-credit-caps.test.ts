import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { hostingAgreement, outagesCsv } from './outage-fixture.js';

/**
 * A cap on all credits together (an outsourcing contract's at-risk amount), evaluated (UTC).
 * Two credits per calendar month on one incident register, fee 10,000 EUR a month:
 * - Availability (uptime): below 99.9 %: 10 % of fee (1,000 EUR), below 99.0 %: 25 % (2,500 EUR);
 * - Outages (a count, at most 1 promised): 250 EUR per outage above one, capped at 1,000 EUR.
 * Outages of two hours: January one (120 of 44,640 minutes down: 99.731 %: 1,000 EUR; 1 outage:
 * none); February three (360 of 40,320: 99.107 %: 1,000 EUR; 3 × 250 = 750 EUR); March eight
 * (960 of 44,640: 97.849 %: 2,500 EUR; 8 × 250 = 2,000, capped at 1,000 EUR).
 */

const agreement = (caps: string, validFrom?: string) => hostingAgreement(caps, `credit for Availability per calendar month, capped at 50% of fee {
        below 99.9% : 10% of fee
        below 99.0% : 25% of fee
    }`, `credit for Outages per calendar month, capped at 1000 EUR {
        above 1 : 250 EUR * Outages
    }`, validFrom);

const evaluate = (caps: string, options: Parameters<typeof evaluateFixture>[1] = { from: '2026-01-01', to: '2026-03-31' }) =>
    evaluateFixture({ 'hosting.sla': agreement(caps), 'incidents.csv': outagesCsv() }, options);

const amounts = (report: Awaited<ReturnType<typeof evaluate>>, index: number) => report.credits[index]!.windows.map(window => window.amount);

describe('a cap on all credits together (at-risk amount)', () => {
    it('without it, each credit is paid on its own caps', async () => {
        const report = await evaluate('');
        expect(amounts(report, 0)).toEqual([1000, 1000, 2500]);
        expect(amounts(report, 1)).toEqual([0, 750, 1000]);
        expect(report.creditCaps).toBeUndefined();
    });

    it('12% of fee per calendar month: 1,200 EUR a month for both credits, the one counted last lowered', async () => {
        const report = await evaluate('credits capped at 12% of fee per calendar month');
        // January 1,000 ≤ 1,200. February 1,000 + 750 = 1,750: Availability (written first) 1,000, Outages the 200 left.
        // March 2,500 + 1,000 = 3,500: Availability 1,200, Outages nothing.
        expect(amounts(report, 0)).toEqual([1000, 1000, 1200]);
        expect(amounts(report, 1)).toEqual([0, 200, 0]);
        expect([report.credits[0]!.total, report.credits[1]!.total]).toEqual([3200, 200]);
        // What each credit would have been: its own caps only.
        expect(report.credits[0]!.windows[2]).toMatchObject({ uncappedAmount: 2500, capped: true, cap: 'agreement' });
        expect(report.credits[1]!.windows[1]).toMatchObject({ uncappedAmount: 750, capped: true, cap: 'agreement' });
        // March's Outages credit was capped at 1,000 by its own cap first, then to 0 by this one.
        expect(report.credits[1]!.windows[2]).toMatchObject({ uncappedAmount: 2000, amount: 0, cap: 'agreement' });
        expect(report.credits[0]!.windows[1]!.capped).toBe(false);
        expect(report.creditCaps).toEqual([{
            cap: '12% of fee per calendar month', window: 'calendar month', currency: 'EUR',
            periods: [
                { start: '2026-01-01T00:00:00+00:00', end: '2026-02-01T00:00:00+00:00', limit: 1200, owed: 1000, paid: 1000 },
                { start: '2026-02-01T00:00:00+00:00', end: '2026-03-01T00:00:00+00:00', limit: 1200, owed: 1750, paid: 1200, reached: true, lowered: ['Outages'] },
                { start: '2026-03-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', limit: 1200, owed: 3500, paid: 1200, reached: true, lowered: ['Availability', 'Outages'] }
            ]
        }]);
        expect(report.notes).toContain('All credits together are capped at 12% of fee per calendar month: in the month from 2026-02-01, 1750 EUR were owed and 1200 EUR are paid (lowered, counted last: Outages).');
        const table = renderTable(report, { color: false });
        expect(table).toMatch(/Credits capped together: 12% of fee per calendar month\n/);
        expect(table).toMatch(/2026-02-01 +€1,750\.00 +€1,200\.00 +€1,200\.00 +Outages/);
        // Periods where the cap took something are marked (bold in Markdown).
        expect(renderMarkdown(report)).toContain('| 2026-01-01 | €1,000.00 | €1,200.00 | €1,000.00 |  |\n| **2026-02-01** | €1,750.00 | €1,200.00 | €1,200.00 | Outages |\n| **2026-03-01** | €3,500.00 | €1,200.00 | €1,200.00 | Availability, Outages |');
    });

    it('a monthly and a yearly cap together: each window gets what both leave', async () => {
        const report = await evaluate('credits capped at 12% of fee per calendar month, capped at 3000 EUR per calendar year');
        // January 1,000 (year 1,000). February 1,000 + 200 (year 2,200). March: Availability min(1,200 month, 800 year) = 800, Outages 0.
        expect(amounts(report, 0)).toEqual([1000, 1000, 800]);
        expect(amounts(report, 1)).toEqual([0, 200, 0]);
        const [monthly, yearly] = report.creditCaps!;
        expect(monthly!.periods.map(period => period.paid)).toEqual([1000, 1200, 800]);
        expect(yearly).toMatchObject({ cap: '3000 EUR per calendar year', window: 'calendar year' });
        // The year's cap cut in March only (February's Outages credit was cut by the month's): it lists March's two credits.
        expect(yearly!.periods).toEqual([{ start: '2026-01-01T00:00:00+00:00', end: '2027-01-01T00:00:00+00:00', limit: 3000, owed: 6250, paid: 3000, reached: true, lowered: ['Availability', 'Outages'] }]);
        expect(monthly!.periods.map(period => period.reached ?? false)).toEqual([false, true, true]);
    });

    it('a month cut by the validity: the share of its fee, down to whole cents', async () => {
        // Valid from 16 January: January's fee is 10,000 × 16/31 = 5,161.2903… EUR; 12 % of it 619.3548… EUR, paid at most 619.35.
        // Two one-hour outages in the 23,040 minutes from 16 January: 99.479 %: 10 % of the fee, 516.1290… EUR; 2 outages: 500 EUR.
        const days = ['2026-01-20', '2026-01-21'];
        const rows = days.map(day => `${day}T10:00:00Z,${day}T11:00:00Z`);
        const report = await evaluateFixture({ 'hosting.sla': agreement('credits capped at 12% of fee per calendar month', '2026-01-16'), 'incidents.csv': `started,resolved\n${rows.join('\n')}\n` }, { from: '2026-01-16', to: '2026-01-31' });
        // Availability 516.129…, Outages the rest: 619.35 − 516.129… = 103.2209… EUR. Rounded: 516.13 + 103.22 = 619.35, the limit to the cent.
        expect([amounts(report, 0)[0], amounts(report, 1)[0]]).toEqual([516.13, 103.22]);
        expect(report.creditCaps![0]!.periods[0]).toMatchObject({ limit: 619.35, owed: 1016.13, paid: 619.35 });
    });

    it('a month in progress: its provisional credits get what is left, and do not use the cap up', async () => {
        // Evaluated on 20 March: March in progress, its eight outages down 960 of the 27,360 minutes so far: 96.49 %: 2,500 EUR; 8 outages: 1,000 EUR.
        const report = await evaluate('credits capped at 12% of fee per calendar month', { from: '2026-01-01', now: Date.parse('2026-03-20T00:00:00Z') });
        const march = [report.credits[0]!.windows[2]!, report.credits[1]!.windows[2]!];
        expect(march.map(window => [window.provisional, window.amount])).toEqual([[true, 1200], [true, 0]]);
        expect([report.credits[0]!.provisionalTotal, report.credits[1]!.provisionalTotal]).toEqual([1200, 0]);
        expect(report.creditCaps![0]!.periods[2]).toEqual({ start: '2026-03-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', limit: 1200, owed: 0, paid: 0, provisional: 1200 });
    });

    it('per fiscal quarter (fiscal year from April): January to March share 3,000 EUR', async () => {
        // January 1,000 (Availability). February: Availability 1,000 (2,000 used), Outages 750 (2,750).
        // March: Availability gets the 250 left, Outages nothing. 2,250 + 750 = 3,000.
        const report = await evaluate('fiscal year from april\n    credits capped at 3000 EUR per fiscal quarter');
        expect(amounts(report, 0)).toEqual([1000, 1000, 250]);
        expect(amounts(report, 1)).toEqual([0, 750, 0]);
        expect(report.creditCaps).toEqual([{
            cap: '3000 EUR per fiscal quarter (year from April)', window: 'fiscal quarter (year from April)', currency: 'EUR',
            periods: [{ start: '2026-01-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', limit: 3000, owed: 6250, paid: 3000, reached: true, lowered: ['Availability', 'Outages'] }]
        }]);
    });
});

describe('a cap on all credits together over credits for each region', () => {
    it('each region\'s credit counts: 1,000 EUR for each of two regions, 1,500 EUR paid for both', async () => {
        // Two-hour outages on 10 January in eu and us: each region 99.731 %, 10 % of the 10,000 EUR fee each.
        const text = `agreement Regions "Regions" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month
    credits capped at 15% of fee per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
        region text
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
    objective Availability >= 99.9% per calendar month for each region
    credit for Availability per calendar month for each region, capped at 50% of fee {
        below 99.9% : 10% of fee
    }
}
`;
        const rows = ['eu', 'us'].map(region => `2026-01-10T10:00:00Z,2026-01-10T12:00:00Z,${region}`);
        const report = await evaluateFixture({ 'regions.sla': text, 'incidents.csv': `started,resolved,region\n${rows.join('\n')}\n` }, { from: '2026-01-01', to: '2026-01-31' });
        const credit = report.credits[0]!;
        // The regions in the order the credit lists them: the first paid in full, the second the 500 EUR left.
        expect(credit.windows.map(window => window.amount)).toEqual([1000, 500]);
        expect(credit.windows[1]).toMatchObject({ uncappedAmount: 1000, cap: 'agreement' });
        expect(credit.scopeTotals!.map(scope => scope.total)).toEqual([1000, 500]);
        expect(credit.total).toBe(1500);
        expect(report.creditCaps![0]!.periods).toEqual([{ start: '2026-01-01T00:00:00+00:00', end: '2026-02-01T00:00:00+00:00', limit: 1500, owed: 2000, paid: 1500, reached: true, lowered: ['Availability'] }]);
    });
});
