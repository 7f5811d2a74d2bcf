/** The VS Code report says open rows decided while open as the table report does: failed or passed. */
import { describe, expect, it } from 'vitest';
import type { ObjectiveReport, Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

/**
 * `share(tickets where elapsed(…) <= 4 hours or priority = "P4" of tickets) >= 95%` in March: three tickets
 * answered in time, an open P4 ticket (passed: the `or` holds) and an open P1 ticket 5 h old (failed):
 * (3 + 1) / 5 = 80 %, breached.
 */
function report(): Report {
    const objective: ObjectiveReport = {
        kpi: 'OkOr', kpiKey: 'S.OkOr', comparison: '>=', target: 0.95, unit: 'ratio', window: 'calendar month', status: 'breached',
        windows: [{
            start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 0.8, status: 'breached', margin: -0.15,
            budgetConsumed: 4, budgetRemaining: -3, rows: 5, unresolved: 2, failedOpen: 1, passedOpen: 1
        }]
    };
    return {
        schemaVersion: 1, agreement: 'Desk', timezone: 'Europe/Berlin', period: { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
        generatedAt: '2026-04-02T09:00:00+02:00', datasets: [], objectives: [objective], internalTargets: [], credits: [], notes: [],
        openItems: [
            { kind: 'unresolved row', dataset: 'tickets', line: 5, start: '2026-03-31T15:00:00+02:00', state: 'passed', emptyFields: ['responded'] },
            { kind: 'unresolved row', dataset: 'tickets', line: 6, start: '2026-03-31T13:00:00+02:00', state: 'failed', emptyFields: ['responded'] }
        ],
        totals: { windows: 1, met: 0, breached: 1, noData: 0 }
    };
}

describe('open rows in the VS Code report view', () => {
    it('counts the window\'s open rows failed and passed while open apart, and names each open item\'s state', () => {
        const view = buildReportView(report());
        expect(view.objectives[0]!.rows[0]!.window).toContain('1 failed while open, 1 passed while open');
        expect(view.openItems.map((item) => `${item.kind} ${item.dataset}:${item.line}`)).toEqual([
            'responded empty (passed while open) tickets:5',
            'responded empty (failed while open) tickets:6'
        ]);
    });
});
