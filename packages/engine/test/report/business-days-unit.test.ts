import { describe, expect, it } from 'vitest';
import { evaluateAgreement, formatMargin, formatTarget, formatValue, type Expr, type ItemObjectiveModel } from '../../src/index.js';
import { renderTable } from '../../src/report/render-table.js';
import { agreement, at, bin, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

/**
 * `objective each tickets by id: Resolution <= 1 business days per calendar month` (language
 * reference § 8.6): the items' values are counts of business days. The report said `<= 1`, `2`
 * and `−1` with `"unit": "number"`: business days or hours? It names them.
 */
describe('business days in reports', () => {
    it('are written with their unit, singular for one', () => {
        expect(formatValue(2, 'businessDays')).toBe('2 business days');
        expect(formatValue(1, 'businessDays')).toBe('1 business day');
        expect(formatValue(0.5, 'businessDays')).toBe('0.5 business days');
        expect(formatTarget(1, 'businessDays')).toBe('1 business day');
        expect(formatMargin(-1, 'businessDays')).toBe('−1 business day');
    });

    it("an item objective in business days reports the unit 'businessDays'", async () => {
        // Office hours Mon–Fri 08:00–18:00, Europe/Berlin. T-1 opened Saturday 2 May 2026 10:00: the clock
        // starts Monday 4 May 08:00; resolved Tuesday 5 May 18:00 = 2 whole business days (Monday, Tuesday) > 1.
        const path = writeCsv(tempDir(), 'tickets.csv', ['id', 'opened', 'resolved'], [['T-1', '2026-05-02T10:00:00+02:00', '2026-05-05T18:00:00+02:00']]);
        const days: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'Office', unit: 'businessDays' };
        const objective: ItemObjectiveModel = {
            kpi: 'Resolution', kpiName: 'Resolution', comparison: '<=', target: 1, unitKind: 'number', window: MONTH,
            dataset: 'tickets', idField: 'id', value: days, check: bin('<=', days, num(1))
        };
        const model = agreement({
            timezone: 'Europe/Berlin',
            calendars: { Office: { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] } },
            datasets: { tickets: dataset('tickets', path, [field('id', 'text'), field('opened', 'timestamp'), field('resolved', 'timestamp', true)]) },
            kpis: [{ key: 'Resolution', name: 'Resolution', unitKind: 'duration', formula: { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'Office' } }],
            itemObjectives: [objective]
        });
        const report = await evaluateAgreement(model, { from: '2026-05-01', to: '2026-05-31', now: at('2026-06-02T00:00:00Z') });
        const item = report.objectives[0]!;
        expect(item.unit).toBe('businessDays');
        expect(item.windows[0]).toMatchObject({ value: 2, status: 'breached', margin: -1 });
        const table = renderTable(report);
        expect(table).toContain('Resolution <= 1 business day per calendar month');
        expect(table).toMatch(/2 business days\s+BREACHED\s+−1 business day/);
    });
});
