import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, renderTable, type ObjectiveReport, type Report } from '../../src/index.js';

const HOUR = 3_600_000;

/** An `objective each` with two failed items in March (one still open) and 12 failures in April, of which 10 are listed. */
function eachObjective(): ObjectiveReport {
    const failures = Array.from({ length: 10 }, (_, i) => ({ id: `X${i + 1}`, line: 20 + i, value: 5 * HOUR }));
    return {
        kpi: 'ResolutionTime', kpiKey: 'ResolutionTime', comparison: '<=', target: 4 * HOUR, unit: 'ms', window: 'calendar month', status: 'breached',
        each: { dataset: 'tickets', idField: 'id', where: 'priority = "P1"' },
        windows: [
            {
                start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 215 * HOUR, status: 'breached', margin: -211 * HOUR,
                budgetConsumed: null, budgetRemaining: null, rows: 3, unresolved: 2, pending: 1, failedOpen: 1, atLeast: true,
                items: { judged: 3, passed: 1, failed: 2, pending: 1, noValue: 0, failures: [{ id: 'T2', line: 3, value: 6 * HOUR }, { id: 'T6', line: 7, value: 215 * HOUR, open: true }] }
            },
            {
                start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', partial: false, value: 5 * HOUR, status: 'breached', margin: -HOUR,
                budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 0,
                items: { judged: 12, passed: 0, failed: 12, pending: 0, noValue: 0, failures }
            }
        ]
    };
}

function report(): Report {
    return {
        schemaVersion: 1, agreement: 'Desk', timezone: 'Europe/Paris',
        period: { from: '2026-03-01T00:00:00+01:00', to: '2026-05-01T00:00:00+02:00' }, generatedAt: '2026-05-02T09:00:00+02:00',
        datasets: [], objectives: [eachObjective()], internalTargets: [], credits: [], openItems: [], notes: [],
        pauses: [{ name: 'ticketPauses', path: '/data/pauses.csv', joinedTo: 'tickets', key: 'ticket = id', rows: 6, rejected: 0, rejectedSamples: [], kept: 6, open: 1, unknownKeys: 1, unknownKeySamples: [{ key: 'T99', line: 7 }] }],
        totals: { windows: 2, met: 0, breached: 2, noData: 0 }
    };
}

describe('the failed items of an objective each, in every format', () => {
    // 215 h is shown in hours, as the target `<= 4 h` is written (not 8 d 23 h: docs/cli.md, durations in tables).
    it('table: the items column, then each failed item with its id, line and value; open ones "at least"', () => {
        const text = renderTable(report());
        expect(text).toContain('each tickets where priority = "P1" (by id): ResolutionTime <= 4 h per calendar month: BREACHED');
        expect(text).toContain('3 judged, 2 failed, 1 pending');
        expect(text).toMatch(/2026-03-01 – 2026-03-31\s+T2\s+3\s+6 h/);
        expect(text).toMatch(/T6\s+7\s+at least 215 h \(still open\)/);
        expect(text).toMatch(/X10\s+29\s+5 h/);
        expect(text).toContain('… and 2 more');
        expect(text).not.toContain('X11');
    });

    it('Markdown and HTML list the same rows', () => {
        const markdown = renderMarkdown(report());
        expect(markdown).toContain('| window | id | line | value |');
        expect(markdown).toMatch(/\| T6 \| 7 \| at least 215 h \(still open\) \|/);
        const html = renderHtml(report());
        expect(html).toContain('failed items');
        expect(html).toMatch(/<td>T2<\/td>\s*<td>3<\/td>\s*<td>6 h<\/td>/);
    });

    it('the pauses table names the unknown keys', () => {
        expect(renderTable(report())).toMatch(/ticketPauses\s+tickets\s+ticket = id\s+6\s+6\s+1\s+0\s+1 \("T99" line 7\)/);
    });

    it('an ordinary objective gets no failed-items table', () => {
        const plain = report();
        delete plain.objectives[0]!.each;
        expect(renderTable(plain)).not.toContain('failed items');
    });
});
