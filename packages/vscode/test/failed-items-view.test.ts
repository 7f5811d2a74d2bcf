/** The VS Code report lists the failed items of an `objective each` as the table report does. */
import { describe, expect, it } from 'vitest';
import type { ObjectiveReport, Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

const HOUR = 3_600_000;

function report(each: boolean): Report {
    const objective: ObjectiveReport = {
        kpi: 'ResolutionTime', kpiKey: 'ResolutionTime', comparison: '<=', target: 4 * HOUR, unit: 'ms', window: 'calendar month', status: 'breached',
        windows: [{
            start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 215 * HOUR, status: 'breached', margin: -211 * HOUR,
            budgetConsumed: null, budgetRemaining: null, rows: 13, unresolved: 1, failedOpen: 1, atLeast: true,
            items: { judged: 13, passed: 1, failed: 12, pending: 0, noValue: 0, failures: [{ id: 'T2', line: 3, value: 6 * HOUR }, { id: 'T6', line: 7, value: 215 * HOUR, open: true }] }
        }],
        ...(each ? { each: { dataset: 'tickets', idField: 'id', where: 'priority = "P1"' } } : {})
    };
    return {
        schemaVersion: 1, agreement: 'Desk', timezone: 'Europe/Paris', period: { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
        generatedAt: '2026-04-02T09:00:00+02:00', datasets: [], objectives: [objective], internalTargets: [], credits: [], openItems: [], notes: [],
        totals: { windows: 1, met: 0, breached: 1, noData: 0 }
    };
}

describe('failed items in the VS Code report view', () => {
    it('names the items and lists the failed ones, open ones "at least", with the count not listed', () => {
        const view = buildReportView(report(true)).objectives[0]!;
        expect(view.description).toBe('each tickets where priority = "P1" (by id): <= 4 h per calendar month');
        expect(view.rows[0]!.window).toContain('12 of 13 items failed');
        // 215 h, in hours as the table report says it (the target is in hours: packages/engine/src/report/item-tables.ts), not 8 d 23 h.
        expect(view.failedItems).toEqual([
            { window: expect.any(String), item: 'T2', line: '3', value: '6 h' },
            { window: expect.any(String), item: 'T6', line: '7', value: 'at least 215 h (still open)' },
            { window: expect.any(String), item: '… and 10 more', line: '', value: '' }
        ]);
    });

    it('an ordinary objective has no failed-items list', () => {
        expect(buildReportView(report(false)).objectives[0]!.failedItems).toBeUndefined();
    });
});
