import { describe, expect, it } from 'vitest';
import { PERCENTAGE_POINTS_NOTE, renderHtml, renderMarkdown, renderTable, type ObjectiveReport, type Report } from '../../src/index.js';

function report(objectives: ObjectiveReport[]): Report {
    return {
        schemaVersion: 1, agreement: 'Shop', timezone: 'UTC',
        period: { from: '2026-03-01T00:00:00+00:00', to: '2026-04-01T00:00:00+00:00' }, generatedAt: '2026-04-02T00:00:00+00:00',
        datasets: [], objectives, internalTargets: [], credits: [], openItems: [], notes: [],
        totals: { windows: 1, met: 1, breached: 0, noData: 0 }
    };
}

const window = { start: '2026-03-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', partial: false, budgetConsumed: null, budgetRemaining: null, rows: 10, unresolved: 0, status: 'met' as const };
// 99.95 % against 99.9 %: a margin of 0.0005, shown as +0.05 pp.
const ratio: ObjectiveReport = { kpi: 'Up', kpiKey: 'Up', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', status: 'met', windows: [{ ...window, value: 0.9995, margin: 0.0005 }] };
const latency: ObjectiveReport = { kpi: 'P95', kpiKey: 'P95', comparison: '<=', target: 300, unit: 'ms', window: 'calendar month', status: 'met', windows: [{ ...window, value: 287, margin: 13 }] };

describe('pp is explained where a margin is shown in percentage points', () => {
    it('in the table, Markdown and HTML, once, after the tables', () => {
        const withPp = report([ratio, latency]);
        const table = renderTable(withPp);
        expect(table).toContain('+0.05 pp');
        expect(table.split(PERCENTAGE_POINTS_NOTE).length - 1).toBe(1);
        expect(renderMarkdown(withPp)).toContain('pp = percentage points');
        expect(renderHtml(withPp)).toContain('<p class="legend">pp = percentage points');
    });

    it('not when no margin is in pp', () => {
        const without = report([latency]);
        for (const text of [renderTable(without), renderMarkdown(without), renderHtml(without)]) expect(text).not.toContain('percentage points');
    });
});
