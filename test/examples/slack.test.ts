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

    it('Q1: 30 min + 20 min outside the scheduled maintenance = 50 min of all 129,600 minutes: 99.9614 %, breached', () => {
        // 90 days = 129,600 min; the 60-minute maintenance counts as available (Slack's Downtime is over all
        // the quarter's minutes); the 22:30–23:20 outage overlaps the 22:00–23:00 maintenance: only 23:00–23:20 counts.
        expect(q1).toMatchObject({ status: 'breached' });
        expect(q1!.value).toBeCloseTo(1 - 50 / 129_600, 12);
    });

    it('Q1 credit: 10 × 50 / 129,600 × (15,000 × 90 / 365) = 7,500,000 / 525,600 = 14.27 USD', () => {
        expect(credit.windows[0]).toMatchObject({ tier: 1, amount: 14.27 });
        expect(credit.windows[0]!.formula).toEqual({ text: '10 * downtime / window * fee', downtimeMs: 50 * 60_000, windowMs: 129_600 * 60_000 });
        // The fee as reported, in cents: 15,000 × 90 / 365 = 3,698.630… → 3,698.63 (the amount uses the exact fee).
        expect(credit.windows[0]!.fee).toBe(3698.63);
    });

    it('Q1 took 1 hour of the 10-hour yearly cap of scheduled downtime; no beta or third-party rows', () => {
        expect(q1!.excluded).toEqual([
            { exclusion: 'ScheduledDowntime', timeMs: 3_600_000, countedAsAvailable: true },
            { exclusion: 'Beta', rows: 0 },
            { exclusion: 'ThirdParty', rows: 0 }
        ]);
    });

    it('Q2: the 10-hour maintenance of 16 May is excluded for 9 hours only (1 hour used in March); 15 min down after 09:00 count', () => {
        // Eligible: all 91 days = 131,040 min (00:00–09:00 of 16 May counted as available). Down: 12 (5 May) + 15
        // (16 May 09:30–09:45, maintenance beyond the cap) = 27; the beta hour and the third-party 40 minutes
        // are excluded rows. 1 − 27 / 131,040 = 99.97940 % < 99.99 %: breached.
        expect(q2).toMatchObject({ status: 'breached' });
        expect(q2!.value).toBeCloseTo(1 - 27 / 131_040, 12);
        expect(q2!.excluded).toEqual([
            { exclusion: 'ScheduledDowntime', timeMs: 9 * 3_600_000, countedAsAvailable: true },
            { exclusion: 'Beta', rows: 1 },
            { exclusion: 'ThirdParty', rows: 1 }
        ]);
    });

    it('Q2 credit reads the 27 down minutes exactly: 10 × 27 × 15,000 / 525,600 = 7.71 USD', () => {
        // What was paid per minute: 15,000 / 525,600 (365 days); × 27 × 10 = 4,050,000 / 525,600 = 7.7054… → 7.71.
        expect(credit.windows[1]).toMatchObject({ tier: 1, amount: 7.71 });
        expect(credit.windows[1]!.formula).toEqual({ text: '10 * downtime / window * fee', downtimeMs: 27 * 60_000, windowMs: 131_040 * 60_000 });
    });

    it('Q2 is paid 7.71 USD whatever the evaluation period: from 1 April as from 1 January', async () => {
        // Each window rounded on its own: 7.7054… → 7.71, not what it adds to a running total (21.9749 − 14.2694).
        const fromApril = await evaluateDocument(documents[0]!, services, { from: '2026-04-01', to: '2026-06-30', now: Date.parse('2026-11-25T12:00:00Z') });
        expect(fromApril.credits[0]!.windows.map((window) => window.amount)).toEqual([7.71]);
        expect(fromApril.credits[0]!.total).toBe(7.71);
    });

    it('the declared exclusions are listed as not measured', () => {
        expect(report.exclusions?.filter((exclusion) => !exclusion.measured).map((exclusion) => exclusion.name)).toEqual(['FeatureSlowness', 'ExternalNetwork']);
    });

    it('credits are applied to the next invoice; total 14.27 + 7.71 = 21.98 USD, the sum of the quarters as paid', () => {
        // Each quarter rounded on its own (14.2694… → 14.27, 7.7054… → 7.71), whatever the evaluation period;
        // the exact sum (7,500,000 + 4,050,000) / 525,600 = 21.9749… would round to 21.97, a cent below the windows.
        expect(credit).toMatchObject({ total: 21.98, appliedToNextInvoice: true });
        expect(report.notes).toContain('Credits for Slack.Uptime are applied to the next invoice, not paid out.');
    });
});
