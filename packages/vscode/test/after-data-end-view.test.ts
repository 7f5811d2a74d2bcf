// The VS Code report lists windows after the data end as the CLI's table does: two or more in a
// row are one row (a year evaluated in December from an export that ends in March was nine rows
// per monthly objective and credit, 245 per rolling 7-day one), one alone stays as it is.
import { describe, expect, it } from 'vitest';
import type { CreditWindowReport, Report, WindowReport } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

const month = (m: number) => ({ start: `2026-${String(m).padStart(2, '0')}-01T00:00:00+00:00`, end: `2026-${String(m + 1).padStart(2, '0')}-01T00:00:00+00:00` });
const window = (m: number, parts: Partial<WindowReport> = {}): WindowReport => ({
    ...month(m), partial: false, value: null, status: 'no data', margin: null, budgetConsumed: null, budgetRemaining: null, rows: 0, unresolved: 0, afterDataEnd: true, ...parts
});
const credit = (m: number, parts: Partial<CreditWindowReport> = {}): CreditWindowReport => ({
    ...month(m), partial: false, value: null, provisional: false, tier: null, tierLabel: null, percentOfFee: null, fee: 1000, amount: 0, uncappedAmount: 0, capped: false, afterDataEnd: true, ...parts
});

// Availability >= 99.9 % per calendar month (UTC): March met (99.95 %, margin +0.05 pp), April to June after the data end.
const report = (windows: WindowReport[], credits: CreditWindowReport[]): Report => ({
    schemaVersion: 1, agreement: 'Hosting', timezone: 'UTC',
    period: { from: '2026-03-01T00:00:00+00:00', to: '2026-07-01T00:00:00+00:00' }, generatedAt: '2026-07-02T09:00:00+00:00',
    datasets: [], internalTargets: [], openItems: [], notes: [],
    objectives: [{ kpi: 'Availability', kpiKey: 'Availability', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', status: 'met', windows }],
    credits: [{ kpi: 'Availability', kpiKey: 'Availability', window: 'calendar month', unit: 'ratio', currency: 'EUR', thresholds: [0.999], feeProrated: false, total: 0, provisionalTotal: 0, windows: credits }],
    totals: { windows: windows.length, met: 1, breached: 0, noData: windows.length - 1 }
});

describe('the VS Code report view of windows after the data end', () => {
    it('folds April to June into one row, in the objective and in the credit', () => {
        const met = window(3, { value: 0.9995, status: 'met', margin: 0.0005, budgetConsumed: 0.5, budgetRemaining: 0.5, rows: 10, afterDataEnd: undefined });
        const view = buildReportView(report([met, window(4), window(5), window(6)], [credit(3, { value: 0.9995, afterDataEnd: undefined }), credit(4), credit(5), credit(6)]));
        expect(view.objectives[0]!.rows.map((row) => [row.window, row.value, row.statusWord])).toEqual([
            ['Mar 2026', '99.95 %', 'MET'],
            ['Apr 2026 – Jun 2026 (3 windows, all after the data end)', '—', 'NO DATA']
        ]);
        expect(view.credits[0]!.rows.map((row) => [row.window, row.amount])).toEqual([
            ['Mar 2026', '€0.00'],
            ['Apr 2026 – Jun 2026 (3 windows, all after the data end)', '€0.00']
        ]);
    });

    it('keeps one window after the data end as it is', () => {
        const view = buildReportView(report([window(4)], [credit(4)]));
        expect(view.objectives[0]!.rows.map((row) => row.window)).toEqual(['Apr 2026 (after the data end)']);
        expect(view.credits[0]!.rows.map((row) => row.window)).toEqual(['Apr 2026 (after the data end)']);
    });
});
