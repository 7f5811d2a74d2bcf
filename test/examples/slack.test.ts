// examples/public-slas/slack: the designed outcomes of its README, computed by hand.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/slack/slack.sla');

describe('Slack: 10 × what the workspace paid while Slack was down, per calendar quarter', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-06-30', now: Date.parse('2026-11-25T12:00:00Z') });
    const [q1, q2] = report.objectives[0]!.windows;
    const credit = report.credits[0]!;

    it('Q1: 30 min + 20 min outside the scheduled maintenance = 50 min of 129,540 eligible: 99.9614 %, breached', () => {
        // 90 days = 129,600 min, minus the 60-minute maintenance = 129,540 eligible minutes;
        // the 22:30–23:20 outage overlaps the 22:00–23:00 maintenance: only 23:00–23:20 counts.
        expect(q1).toMatchObject({ status: 'breached' });
        expect(q1!.value).toBeCloseTo(1 - 50 / 129_540, 12);
    });

    it('Q1 credit: 10 × 50 / 129,600 × (15,000 × 90 / 365) = 7,500,000 / 525,600 = 14.27 USD', () => {
        expect(credit.windows[0]).toMatchObject({ tier: 1, amount: 14.27 });
        expect(credit.windows[0]!.formula).toEqual({ text: '10 * downtime / window * fee', downtimeMs: 50 * 60_000, windowMs: 129_600 * 60_000 });
        expect(credit.windows[0]!.fee).toBeCloseTo(15_000 * 90 / 365, 9);
    });

    it('Q2: 12 min of 131,040 = 99.9908 %, met (the allowance is 13.104 min): no credit', () => {
        expect(q2).toMatchObject({ status: 'met' });
        expect(q2!.value).toBeCloseTo(1 - 12 / 131_040, 12);
        expect(credit.windows[1]).toMatchObject({ tier: null, amount: 0 });
    });

    it('credits are applied to the next invoice', () => {
        expect(credit).toMatchObject({ total: 14.27, appliedToNextInvoice: true });
        expect(report.notes).toContain('Credits for Slack.Uptime are applied to the next invoice, not paid out.');
    });
});
