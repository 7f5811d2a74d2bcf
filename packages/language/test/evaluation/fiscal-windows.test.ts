import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';
import { FISCAL_CHAT as CHAT } from '../fiscal-agreement.js';

/**
 * Windows of a fiscal year (`fiscal year from february`, `per fiscal quarter`): Slack's current
 * SLA measures "during a Slack fiscal quarter (i.e., February 1 through April 30 …)". Every figure
 * is worked by hand in the comments.
 */
// 30 minutes down on 20 January (fiscal November–January), 50 minutes on 10 February (February–April).
const INCIDENTS = 'started,resolved\n2026-01-20T10:00:00Z,2026-01-20T10:30:00Z\n2026-02-10T10:00:00Z,2026-02-10T10:50:00Z\n';

describe('fiscal quarters: February–April, May–July, August–October, November–January', async () => {
    const report = await evaluateFixture({ 'chat.sla': CHAT, 'incidents.csv': INCIDENTS }, { from: '2025-11-01', to: '2026-04-30' });
    const objective = report.objectives[0]!;
    const credit = report.credits[0]!;

    it('the windows are the fiscal quarters of the period, named so', () => {
        expect(objective.window).toBe('fiscal quarter (year from February)');
        expect(objective.windows.map(w => [w.start.slice(0, 10), w.end.slice(0, 10), w.partial])).toEqual([
            ['2025-11-01', '2026-02-01', false],
            ['2026-02-01', '2026-05-01', false]
        ]);
    });

    it('January\'s outage counts in November–January (92 days), February\'s in February–April (89 days)', () => {
        // 92 days = 132,480 minutes: 1 − 30 / 132,480; 89 days = 128,160 minutes: 1 − 50 / 128,160. Both below 99.99 %.
        expect(objective.windows[0]!.value).toBeCloseTo(1 - 30 / 132_480, 12);
        expect(objective.windows[1]!.value).toBeCloseTo(1 - 50 / 128_160, 12);
        expect(objective.windows.map(w => w.status)).toEqual(['breached', 'breached']);
    });

    it('credits: 10 × down minutes × the fee per minute of the year, 8.56 and 14.27 USD', () => {
        // The quarter's fee is 15,000 × its days / 365 (both years have 365 days); 10 × downtime / window × fee
        // = 10 × minutes × 15,000 / 525,600: 30 → 8.5616… → 8.56; 50 → 14.2694… → 14.27.
        expect(credit.windows.map(w => w.amount)).toEqual([8.56, 14.27]);
        expect(credit.windows[0]!.formula).toMatchObject({ downtimeMs: 30 * 60_000, windowMs: 132_480 * 60_000 });
        expect(credit.total).toBe(22.83);
    });
});

describe('the fee of the previous quarter, for a credit per fiscal quarter, is the fiscal quarter before', async () => {
    // Invoices: 1,000 USD on 15 October 2025 (fiscal August–October), 2,000 on 15 December and 500 on 15 January
    // (November–January). November–January's credit reads August–October: 1,000; February–April's reads
    // November–January: 2,500. (Calendar quarters would have read October–December, 3,000, and January–March, 500.)
    // 10 × 30 / 132,480 × 1,000 = 2.2645… → 2.26; 10 × 50 / 128,160 × 2,500 = 9.7535… → 9.75.
    const billed = CHAT.replace('    fee 15000 USD per calendar year\n', `    fee from sum(billing.amount) of previous quarter
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
        complete to 2026-04-30
    }
`);
    const billing = 'paid,amount\n2025-10-15T00:00:00Z,1000\n2025-12-15T00:00:00Z,2000\n2026-01-15T00:00:00Z,500\n';
    const report = await evaluateFixture({ 'chat.sla': billed, 'incidents.csv': INCIDENTS, 'billing.csv': billing }, { from: '2025-11-01', to: '2026-04-30' });

    it('reads 1,000 and 2,500 USD, and pays 2.26 and 9.75 USD', () => {
        const credit = report.credits[0]!;
        expect(credit.windows.map(w => w.fee)).toEqual([1000, 2500]);
        expect(credit.windows.map(w => w.amount)).toEqual([2.26, 9.75]);
    });
});
