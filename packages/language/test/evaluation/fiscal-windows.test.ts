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
    // 10 × 30 / 132,480 × 1,000 = 2.2645… → 2.26; 10 × 50 / 128,160 × 2,500 = 9.7534… → 9.75, each window rounded on
    // its own; the total is their sum, 2.26 + 9.75 = 12.01 (the exact 12.0179… would round to 12.02, a cent above the windows).
    const billed = CHAT.replace('    fee 15000 USD per calendar year\n', `    fee from sum(billing.amount) of previous quarter
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
        complete to 2026-04-30
    }
`);
    const billing = 'paid,amount\n2025-10-15T00:00:00Z,1000\n2025-12-15T00:00:00Z,2000\n2026-01-15T00:00:00Z,500\n';
    const report = await evaluateFixture({ 'chat.sla': billed, 'incidents.csv': INCIDENTS, 'billing.csv': billing }, { from: '2025-11-01', to: '2026-04-30' });

    it('reads 1,000 and 2,500 USD, and pays 2.26 and 9.75 USD (12.01 in all)', () => {
        const credit = report.credits[0]!;
        expect(credit.windows.map(w => w.fee)).toEqual([1000, 2500]);
        expect(credit.windows.map(w => w.amount)).toEqual([2.26, 9.75]);
        expect(credit.total).toBe(12.01);
    });
});

describe('a yearly credit cap per fiscal year (from February) or per calendar year', async () => {
    // A monthly credit, 10 × down minutes × 15,000 / 525,600 USD: 10 December 2025, 40 min → 6,000,000 / 525,600 = 11.4155…;
    // 20 January 2026, 30 min → 8.5616…; 10 February, 50 min → 14.2694…. Capped at 15 USD a year:
    // - per fiscal year: December and January are fiscal 2025 (February 2025 – January 2026): January gets
    //   15 − 11.4155… = 3.5844… → 3.58; February starts fiscal 2026: 14.27. Total 29.2694… → 29.27.
    // - per calendar year: December alone in 2025; January 8.56 and February 15 − 8.5616… = 6.4383… → 6.44. Total 26.4155… → 26.42.
    const incidents = `${INCIDENTS}2025-12-10T10:00:00Z,2025-12-10T10:40:00Z\n`;
    const monthly = (cap: string) => CHAT
        .replace('objective Uptime >= 99.99% per fiscal quarter', 'objective Uptime >= 99.99% per calendar month')
        .replace('credit for Uptime per fiscal quarter, capped at 100% of fee {', `credit for Uptime per calendar month, capped at 15 USD ${cap} {`);
    const fiscal = await evaluateFixture({ 'chat.sla': monthly('per fiscal year'), 'incidents.csv': incidents }, { from: '2025-11-01', to: '2026-02-28' });
    const calendar = await evaluateFixture({ 'chat.sla': monthly('per calendar year'), 'incidents.csv': incidents }, { from: '2025-11-01', to: '2026-02-28' });

    it('per fiscal year: January shares December\'s year, February starts a new one', () => {
        const credit = fiscal.credits[0]!;
        expect(credit.windows.map(w => [w.start.slice(0, 7), w.amount, w.cap ?? null])).toEqual([
            ['2025-11', 0, null], ['2025-12', 11.42, null], ['2026-01', 3.58, 'year'], ['2026-02', 14.27, null]
        ]);
        expect(credit.total).toBe(29.27);
    });

    it('per calendar year: January and February share 2026', () => {
        const credit = calendar.credits[0]!;
        expect(credit.windows.map(w => [w.start.slice(0, 7), w.amount, w.cap ?? null])).toEqual([
            ['2025-11', 0, null], ['2025-12', 11.42, null], ['2026-01', 8.56, null], ['2026-02', 6.44, 'year']
        ]);
        expect(credit.total).toBe(26.42);
    });
});

describe('a yearly cap in % of a fee from billing data, per fiscal year', async () => {
    // Invoices of 100 USD on 15 December 2025 and 15 January 2026, 40 USD on 15 February; each month's credit is 100 % of
    // its fee when breached (December, January, February are; November has no outage and no invoice).
    // - per fiscal year: fiscal 2025, as evaluated (November–January), billed 200 → cap 100: December 100, January 0;
    //   fiscal 2026 (February) billed 40 → cap 20: February 20. Total 120.
    // - per calendar year: 2025 (November–December) billed 100 → cap 50: December 50; 2026 (January–February) billed 140
    //   → cap 70: January 70, February 0. Total 120 as well, but not paid in the same months.
    const incidents = `${INCIDENTS}2025-12-10T10:00:00Z,2025-12-10T10:40:00Z\n`;
    const billing = 'paid,amount\n2025-12-15T00:00:00Z,100\n2026-01-15T00:00:00Z,100\n2026-02-15T00:00:00Z,40\n';
    const billed = (cap: string) => CHAT
        .replace('    fee 15000 USD per calendar year\n', `    fee from sum(billing.amount)
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
        complete to 2026-02-28
    }
`)
        .replace('objective Uptime >= 99.99% per fiscal quarter', 'objective Uptime >= 99.99% per calendar month')
        .replace('credit for Uptime per fiscal quarter, capped at 100% of fee {', `credit for Uptime per calendar month, capped at 50% of fee ${cap} {`)
        .replace('below 99.99% : 10 * downtime / window * fee', 'below 99.99% : 100% of fee');
    const run = (cap: string) => evaluateFixture({ 'chat.sla': billed(cap), 'incidents.csv': incidents, 'billing.csv': billing }, { from: '2025-11-01', to: '2026-02-28' });

    it('per fiscal year: the cap is half of what fiscal 2025 and fiscal 2026 billed', async () => {
        const credit = (await run('per fiscal year')).credits[0]!;
        expect(credit.windows.map(w => [w.start.slice(0, 7), w.amount])).toEqual([['2025-11', 0], ['2025-12', 100], ['2026-01', 0], ['2026-02', 20]]);
        expect(credit.total).toBe(120);
    });

    it('per calendar year: half of what 2025 and 2026 billed', async () => {
        const credit = (await run('per calendar year')).credits[0]!;
        expect(credit.windows.map(w => [w.start.slice(0, 7), w.amount])).toEqual([['2025-11', 0], ['2025-12', 50], ['2026-01', 70], ['2026-02', 0]]);
        expect(credit.total).toBe(120);
    });
});
