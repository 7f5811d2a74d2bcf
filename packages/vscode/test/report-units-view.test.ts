// The VS Code report says values, targets, margins and budgets as the CLI's table does
// (packages/engine/src/report): durations of business time in hours, and a breached window's
// budget never read as exactly used up.
import { describe, expect, it } from 'vitest';
import type { Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// P3 resolution in business minutes against <= 30 hours (as packages/engine/test/report/duration-text.test.ts),
// and an availability >= 99.95 % whose April value 99.949978 % uses (1 − 0.99949978) / 0.0005 = 100.044 % of its budget.
const report = (): Report => ({
    schemaVersion: 1, agreement: 'HelixServiceDesk', timezone: 'America/New_York',
    period: { from: '2026-01-01T00:00:00-05:00', to: '2026-05-01T00:00:00-04:00' }, generatedAt: '2026-05-02T09:00:00-04:00',
    datasets: [], internalTargets: [], credits: [], openItems: [], notes: [],
    objectives: [
        {
            service: 'Desk', kpi: 'P3Resolution', kpiKey: 'Desk.P3Resolution', comparison: '<=', target: 30 * HOUR, unit: 'ms', window: 'calendar month', status: 'breached', during: 'BusinessHours',
            windows: [
                { start: '2026-01-01T00:00:00-05:00', end: '2026-02-01T00:00:00-05:00', partial: false, value: 1700 * MINUTE, status: 'met', margin: 100 * MINUTE, budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 0 },
                { start: '2026-02-01T00:00:00-05:00', end: '2026-03-01T00:00:00-05:00', partial: false, value: 1850 * MINUTE, status: 'breached', margin: -50 * MINUTE, budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 0 }
            ]
        },
        {
            service: 'Web', kpi: 'Availability', kpiKey: 'Web.Availability', comparison: '>=', target: 0.9995, unit: 'ratio', window: 'calendar month', status: 'breached',
            windows: [
                { start: '2026-04-01T00:00:00-04:00', end: '2026-05-01T00:00:00-04:00', partial: false, value: 0.99949978, status: 'breached', margin: 0.99949978 - 0.9995,
                  budgetConsumed: (1 - 0.99949978) / 0.0005, budgetRemaining: 1 - (1 - 0.99949978) / 0.0005, rows: 3, unresolved: 0 },
                // Met by a hair: 99.950022 % uses 99.956 % of the budget, 0.044 % left.
                { start: '2026-03-01T00:00:00-05:00', end: '2026-04-01T00:00:00-04:00', partial: false, value: 0.99950022, status: 'met', margin: 0.99950022 - 0.9995,
                  budgetConsumed: (1 - 0.99950022) / 0.0005, budgetRemaining: 1 - (1 - 0.99950022) / 0.0005, rows: 3, unresolved: 0 }
            ]
        }
    ],
    totals: { windows: 4, met: 2, breached: 2, noData: 0 }
});

describe('the VS Code report view in the CLI table\'s units', () => {
    it('says durations of business time in hours and minutes, never in days (1,700 business minutes = 28 h 20 min, not 1 d 4 h)', () => {
        const resolution = buildReportView(report()).objectives[0]!;
        expect(resolution.description).toBe('<= 30 h per calendar month');
        expect(resolution.rows.map((row) => [row.value, row.target, row.margin])).toEqual([
            ['28 h 20 min', '<= 30 h', '+1 h 40 min'],
            ['30 h 50 min', '<= 30 h', '−50 min']
        ]);
    });

    it('never shows a breached window\'s budget as 100 % used and 0 % left, nor a met one\'s', () => {
        const availability = buildReportView(report()).objectives[1]!;
        expect(availability.rows.map((row) => [row.statusWord, row.budgetConsumed, row.budgetRemaining])).toEqual([
            ['BREACHED', '100.04 %', '−0.04 %'],
            ['MET', '99.96 %', '0.04 %']
        ]);
    });
});
