import { describe, expect, it } from 'vitest';
import { objectiveChart, renderHtml, renderMarkdown, renderTable, type ObjectiveReport, type Report, type WindowReport } from '../../src/index.js';

/**
 * A rolling window is labelled by its days, the last one inclusive (`2026-02-04 – 2026-02-10`),
 * everywhere: its `end` is the exclusive instant 2026-02-11T00:00, whose date names the day
 * after it — the next window's last day. The monthly summary's worst window and the chart's
 * axis and tooltips use the window's own label.
 */
const ERROR_RATE_TARGET = 0.01;

function rolling(start: string, end: string, value: number): WindowReport {
    const margin = ERROR_RATE_TARGET - value;
    return { start, end, partial: false, value, status: margin > 0 ? 'met' : 'breached', margin, budgetConsumed: value / ERROR_RATE_TARGET, budgetRemaining: 1 - value / ERROR_RATE_TARGET, rows: 49, unresolved: 0 };
}

// Three daily-evaluated windows of 7 days, ErrorRate < 1 %:
//   02-03 – 02-09: 1/70 = 1.429 % (margin −0.429 pp), breached
//   02-04 – 02-10: 1/49 = 2.041 % (margin −1.041 pp), breached: the worst
//   02-05 – 02-11: 0 %, met
const windows = [
    rolling('2026-02-03T00:00:00+00:00', '2026-02-10T00:00:00+00:00', 1 / 70),
    rolling('2026-02-04T00:00:00+00:00', '2026-02-11T00:00:00+00:00', 1 / 49),
    rolling('2026-02-05T00:00:00+00:00', '2026-02-12T00:00:00+00:00', 0)
];
const errorRate: ObjectiveReport = {
    service: 'Api', kpi: 'ErrorRate', kpiKey: 'Api.ErrorRate', comparison: '<', target: ERROR_RATE_TARGET, unit: 'ratio', window: 'rolling 7 days', status: 'breached', windows,
    summary: [{ month: '2026-02', windows: 3, met: 1, breached: 2, noData: 0, shareMet: 1 / 3, worst: { end: '2026-02-11T00:00:00+00:00', value: 1 / 49, margin: ERROR_RATE_TARGET - 1 / 49, status: 'breached' } }]
};
const report: Report = {
    schemaVersion: 1, agreement: 'Rolling', timezone: 'UTC', period: { from: '2026-02-01T00:00:00+00:00', to: '2026-03-01T00:00:00+00:00' }, generatedAt: '2026-03-01T00:00:00+00:00',
    datasets: [], objectives: [errorRate], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 3, met: 1, breached: 2, noData: 0 }
};

describe('the monthly summary of a rolling objective names its worst window by its days', () => {
    it('table: the worst window column reads 2026-02-04 – 2026-02-10, not the day after it', () => {
        const text = renderTable(report);
        const summary = text.slice(text.indexOf('monthly summary'));
        expect(summary).toMatch(/share met +worst window +worst value/);
        expect(summary).toMatch(/2026-02 +3 +1 +2 +0 +\S+ % +2026-02-04 – 2026-02-10 +2\.041 %/);
        expect(summary).not.toContain('2026-02-11');
    });

    it('Markdown and HTML: the same label', () => {
        expect(renderMarkdown(report)).toContain('| worst window | worst value |');
        expect(renderMarkdown(report)).toContain('| 2026-02-04 – 2026-02-10 | 2.041 % |');
        expect(renderHtml(report)).toContain('<th>worst window</th><th>worst value</th>');
        expect(renderHtml(report)).toContain('<td>2026-02-04 – 2026-02-10</td><td>2.041 %</td>');
    });
});

describe('the chart of a rolling objective', () => {
    it('labels each window by its last day, and its tooltip by its days', () => {
        const chart = objectiveChart(errorRate)!;
        expect(chart.labels).toEqual(['2026-02-09', '2026-02-10', '2026-02-11']);
        expect(chart.series[0]!.points[1]!.tooltip).toBe('2026-02-04 – 2026-02-10: 2.041 % BREACHED');
    });
});
