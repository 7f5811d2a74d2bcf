// The VS Code report's monthly summary of a rolling objective names its worst window by its days,
// as the CLI's table does: the summary gives the window's exclusive end (2026-02-11T00:00Z), and
// "window ending 2026-02-11" named the day after the window 2026-02-04 – 2026-02-10.
import { describe, expect, it } from 'vitest';
import type { Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

const window = (startDay: number, value: number) => ({
    start: `2026-02-${String(startDay).padStart(2, '0')}T00:00:00+00:00`, end: `2026-02-${String(startDay + 7).padStart(2, '0')}T00:00:00+00:00`,
    partial: false, value, status: value < 0.01 ? 'met' as const : 'breached' as const, margin: 0.01 - value, budgetConsumed: value / 0.01, budgetRemaining: 1 - value / 0.01, rows: 49, unresolved: 0
});

// Errors < 1 % per rolling 7 days (UTC): the window 4–10 February holds 1 failure of 49 (2.041 %), 5–11 February 1 of 56 (1.786 %).
const report = (): Report => ({
    schemaVersion: 1, agreement: 'Rolling', timezone: 'UTC',
    period: { from: '2026-02-01T00:00:00+00:00', to: '2026-03-01T00:00:00+00:00' }, generatedAt: '2026-03-02T09:00:00+00:00',
    datasets: [], internalTargets: [], credits: [], openItems: [], notes: [],
    objectives: [{
        service: 'Web', kpi: 'Errors', kpiKey: 'Web.Errors', comparison: '<', target: 0.01, unit: 'ratio', window: 'rolling 7 days', status: 'breached',
        windows: [window(4, 1 / 49), window(5, 1 / 56)],
        summary: [{ month: '2026-02', windows: 2, met: 0, breached: 2, noData: 0, shareMet: 0, worst: { end: '2026-02-11T00:00:00+00:00', value: 1 / 49, margin: 0.01 - 1 / 49, status: 'breached' } }]
    }],
    totals: { windows: 2, met: 0, breached: 2, noData: 0 }
});

describe('the VS Code report view of a rolling summary', () => {
    it('names the worst window by its days, not by the day after it', () => {
        // The worst value is 1/49 = 2.041 %; the window ending at 2026-02-11T00:00 (exclusive) is 4–10 February, 7 days inclusive.
        const summary = buildReportView(report()).objectives[0]!.summary![0]!;
        expect(summary.worst).toBe('2.041 % (window 2026-02-04 – 2026-02-10)');
    });
});
