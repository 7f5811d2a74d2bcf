// examples/public-slas/cloudflare-enterprise: the designed outcomes of its README, computed by hand.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/cloudflare-enterprise/cloudflare-enterprise.sla');
const MINUTE = 60_000;

describe('Cloudflare Enterprise: 25 × weighted outage minutes / Scheduled Availability minutes × monthly fee', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
    const [january, february, march, april] = report.credits[0]!.windows;
    const availability = report.objectives[0]!.windows;

    it('January: 40 minutes at 25 % → 10 weighted minutes: 25 × 10 / 44,640 × 20,000 = 112.01 USD', () => {
        // The uptime is weighted by the Affected Customer Ratio: 1 − (40 × 0.25) / 44,640.
        expect(availability[0]).toMatchObject({ status: 'breached' });
        expect(availability[0]!.value).toBeCloseTo(1 - 10 / 44_640, 12);
        // 25 × 10 / 44,640 × 20,000 = 5,000,000 / 44,640 = 112.0071… → 112.01; `downtime` is the weighted
        // 10 minutes, `eligible` the whole month (no planned downtime in January).
        expect(january).toMatchObject({ tier: 1, fee: 20_000, amount: 112.01 });
        expect(january!.formula).toEqual({ text: '25 * downtime / eligible * fee', downtimeMs: 10 * MINUTE, eligibleMs: 44_640 * MINUTE });
    });

    it('February: 90 min at 100 % + 30 min at 50 % = 105 weighted minutes of 40,320 − 120 planned = 40,200 scheduled: 1,305.97 USD', () => {
        // The 30 minutes down at 100 % on 14 Feb 01:30–02:00 lie inside the Customer Planned Downtime
        // (01:00–03:00): neither down nor scheduled. 25 × 105 / 40,200 × 20,000 = 52,500,000 / 40,200 = 1,305.9701…
        expect(february).toMatchObject({ tier: 1, amount: 1_305.97 });
        expect(february!.formula).toEqual({ text: '25 * downtime / eligible * fee', downtimeMs: 105 * MINUTE, eligibleMs: 40_200 * MINUTE });
        expect(availability[1]!.value).toBeCloseTo(1 - 105 / 40_200, 12);
    });

    it('Monthly Fees are the invoices of the month before: December 2025 for January, 20,000 + 4,000 of February for March', () => {
        // billing.csv: 20,000 on 5 Dec 2025, 5 Jan, 5 Feb, 5 Mar; 4,000 on 20 Feb; 21,000 on 5 Apr (April's own, unused).
        expect(report.credits[0]!.windows.map((w) => w.fee)).toEqual([20_000, 20_000, 24_000, 20_000]);
        expect(report.credits[0]).toMatchObject({ feeSource: 'billing data', feePrevious: 'month' });
    });

    it('An outage across the month end (31 Mar 23:50 → 1 Apr 00:10, 60 %) is split at midnight: 6 weighted minutes in each month', () => {
        // March: 10 min × 0.6 = 6 → 25 × 6 / 44,640 × 24,000 (February's fees) = 3,600,000 / 44,640 = 80.6451… → 80.65.
        expect(march).toMatchObject({ tier: 1, amount: 80.65 });
        expect(march!.formula?.downtimeMs).toBe(6 * MINUTE);
        expect(availability[2]!.value).toBeCloseTo(1 - 6 / 44_640, 12);
        // April: 10 min × 0.6 = 6 → 25 × 6 / 43,200 × 20,000 (March's fees) = 3,000,000 / 43,200 = 69.4444… → 69.44.
        expect(april).toMatchObject({ tier: 1, amount: 69.44 });
        expect(april!.formula?.downtimeMs).toBe(6 * MINUTE);
    });

    it('The total is the sum of the months as paid, each rounded on its own: 112.01 + 1,305.97 + 80.65 + 69.44 = 1,568.07', () => {
        // (The exact 112.00717 + 1,305.97015 + 80.64516 + 69.44444 = 1,568.06692 rounds to the same 1,568.07.)
        expect(report.credits[0]!.total).toBe(1_568.07);
    });

    it('A month is paid the same whatever the evaluation period: March and April from 1 March are 80.65 and 69.44', async () => {
        // Rounded on its own, March's 80.6451… is 80.65 in a year-to-date report and in a two-month one alike.
        const fromMarch = await evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
        expect(fromMarch.credits[0]!.windows.map((w) => w.amount)).toEqual([80.65, 69.44]);
        expect(fromMarch.credits[0]!.total).toBe(150.09);
    });
});
