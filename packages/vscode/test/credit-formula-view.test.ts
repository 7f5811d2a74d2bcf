// The VS Code report shows a formula credit's formula and the inputs it read, and a tier's share of the
// at-risk amount, as the table report does.
import { describe, expect, it } from 'vitest';
import type { Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

const MINUTE = 60_000;

function report(formula: Record<string, unknown> | undefined, tier: Record<string, unknown> = {}): Report {
    // Cloudflare's February of examples/public-slas/cloudflare-enterprise: 105 weighted minutes over
    // 40,320 − 120 planned = 40,200 scheduled minutes of a 20,000 USD fee: 1,305.97 USD.
    const window = {
        start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', partial: false, value: 1 - 105 / 40_200, tier: 1, tierLabel: 'below 100%',
        percentOfFee: null, fee: 20_000, amount: 1_305.97, uncappedAmount: 1_305.97, capped: false, ...(formula ? { formula } : {}), ...tier
    };
    const credit = { kpi: 'Availability', kpiKey: 'Cdn.Availability', service: 'Cdn', window: 'calendar month', currency: 'USD', unit: 'ratio', thresholds: [1], windows: [window], total: 1_305.97, provisionalTotal: 0 };
    return {
        agreement: 'CloudflareEnterprise', timezone: 'UTC', period: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, generatedAt: '2026-03-02T00:00:00Z',
        totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], credits: [credit], datasets: [], openItems: [], notes: []
    } as unknown as Report;
}

describe('formula credits in the VS Code report view', () => {
    it('the tier names the formula and the inputs it read, to check the amount by hand', () => {
        const row = buildReportView(report({ text: '25 * downtime / eligible * fee', downtimeMs: 105 * MINUTE, eligibleMs: 40_200 * MINUTE })).credits[0]!.rows[0]!;
        expect(row.tier).toBe('1: below 100% (25 * downtime / eligible * fee, with downtime 105 min and eligible 40,200 min)');
        expect(row.amount).toBe('$1,305.97');
    });

    it('a tier without a formula shows its label only', () => {
        expect(buildReportView(report(undefined)).credits[0]!.rows[0]!.tier).toBe('1: below 100%');
    });

    it('an allocation of the at-risk amount: its share beside the share of the fee', () => {
        // 40 % of an at-risk amount of 12 % of the fee: 4.8 % of 20,000 USD = 960 USD.
        const row = buildReportView(report(undefined, { tierLabel: 'below 99.8%', allocation: 40, percentOfFee: 4.8, amount: 960 })).credits[0]!.rows[0]!;
        expect(row.tier).toBe('1: below 99.8% (40 % of the at-risk amount)');
        expect(row.percentOfFee).toBe('4.8 %');
    });
});
