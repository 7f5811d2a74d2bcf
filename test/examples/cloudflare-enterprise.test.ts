// examples/public-slas/cloudflare-enterprise: the designed outcomes of its README, computed by hand.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/cloudflare-enterprise/cloudflare-enterprise.sla');

describe('Cloudflare Enterprise: 25 × weighted outage minutes / minutes in the month × monthly fee', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-11-25T12:00:00Z') });
    const [january, february, march] = report.credits[0]!.windows;

    it('January: 40 minutes at 25 % → 10 weighted minutes: 25 × 10 / 44,640 × 20,000 = 112.01 USD', () => {
        // Availability 1 − 40 / 44,640 = 99.9104 %; the credit reads the weighted minutes (a KPI).
        expect(report.objectives[0]!.windows[0]).toMatchObject({ status: 'breached' });
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(1 - 40 / 44_640, 12);
        expect(january).toMatchObject({ tier: 1, fee: 20_000, amount: 112.01 });
        expect(january!.formula).toEqual({ text: '25 * AffectedDowntime / window * fee', windowMs: 44_640 * 60_000 });
    });

    it('February: 90 min at 100 % + 30 min at 50 % = 105 weighted minutes of 40,320: 1,302.08 USD', () => {
        // 25 × 105 / 40,320 × 20,000 = 52,500,000 / 40,320 = 1,302.0833…
        expect(february).toMatchObject({ tier: 1, amount: 1_302.08 });
        expect(report.objectives[0]!.windows[1]!.value).toBeCloseTo(1 - 120 / 40_320, 12);
    });

    it('March: no outage, 100 % met, no credit; total 112.01 + 1,302.08 = 1,414.09 USD', () => {
        expect(report.objectives[0]!.windows[2]).toMatchObject({ value: 1, status: 'met' });
        expect(march).toMatchObject({ tier: null, amount: 0 });
        expect(report.credits[0]!.total).toBe(1_414.09);
    });
});
