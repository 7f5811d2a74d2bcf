/**
 * Durations in the report's tables (docs/cli.md, "Durations in tables"): in the units the promise is
 * written in — hours for a KPI of working time (`elapsed(…) during BusinessHours`), where "1 d" could be
 * 24 hours or a working day — and to the minute from an hour up, so value, target and status agree.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, formatMargin, formatTarget, formatValueAgainst, renderTable, type Expr, type ObjectiveReport, type Report } from '../../src/index.js';
import { formatDurationIn, objectiveDurationUnit } from '../../src/report/duration-text.js';
import { workingTimeCalendar } from '../../src/evaluate/working-time-kpi.js';
import { agreement, at, dataset, DAY, field, HOUR, MINUTE, MONTH, percentile, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const SECOND = 1000;

describe('the largest unit follows the promise', () => {
    const objective = (parts: Partial<ObjectiveReport>): ObjectiveReport => ({ kpi: 'P3Resolution', kpiKey: 'Desk.P3Resolution', comparison: '<=', target: 30 * HOUR, unit: 'ms', window: 'calendar month', windows: [], status: 'met', ...parts });

    it('hours for working time, even with a target of whole days; days only for wall-clock targets of whole days', () => {
        expect(objectiveDurationUnit(objective({ during: 'BusinessHours' }))).toBe('h');
        expect(objectiveDurationUnit(objective({ during: 'BusinessHours', target: 2 * DAY }))).toBe('h');
        expect(objectiveDurationUnit(objective({ target: 2 * DAY }))).toBe('d');
        // A step or a minimum that is not whole days: hours for all of them.
        expect(objectiveDurationUnit(objective({ target: 2 * DAY, minimum: 60 * HOUR }))).toBe('h');
        expect(objectiveDurationUnit(objective({ target: 30 * HOUR }))).toBe('h');
        expect(objectiveDurationUnit(objective({ unit: 'ratio', target: 0.999 }))).toBeUndefined();
    });

    it('shows durations to the minute from an hour up, and to the second below', () => {
        // 1,700 business minutes = 28 h 20 min (was "1 d 4 h": 20 minutes hidden, and a 24-hour "day" of business time).
        expect(formatDurationIn(1700 * MINUTE, 'h')).toBe('28 h 20 min');
        // 49 h 10 min against a whole-day target: 2 d 1 h 10 min (was "2 d 1 h").
        expect(formatDurationIn(49 * HOUR + 10 * MINUTE, 'd')).toBe('2 d 1 h 10 min');
        expect(formatDurationIn(2 * DAY + 10 * MINUTE, 'd')).toBe('2 d 10 min');
        expect(formatDurationIn(30 * HOUR, 'h')).toBe('30 h');
        expect(formatDurationIn(44 * MINUTE + 38 * SECOND, 'h')).toBe('44 min 38 s');
        // Rounding carries into the next unit: 59 min 59.6 s → 1 h; 28 h 19 min 40 s → 28 h 20 min.
        expect(formatDurationIn(59 * MINUTE + 59_600, 'h')).toBe('1 h');
        expect(formatDurationIn(28 * HOUR + 19 * MINUTE + 40 * SECOND, 'h')).toBe('28 h 20 min');
    });

    it('gives a value that would read as its target finer units, and a target as written', () => {
        // 29 h 59 min 50 s against <= 30 h: to the minute it reads "30 h"; one finer unit tells them apart.
        expect(formatValueAgainst(30 * HOUR - 10 * SECOND, 30 * HOUR, 'ms', 'h')).toBe('29 h 59 min 50 s');
        // 30 h 0.4 s: the seconds round to "30 h" too; milliseconds, then their decimals, tell them apart.
        expect(formatValueAgainst(30 * HOUR + 400, 30 * HOUR, 'ms', 'h')).toBe('30 h 400 ms');
        expect(formatValueAgainst(30 * HOUR + 0.4, 30 * HOUR, 'ms', 'h')).toBe('30 h 0.4 ms');
        expect(formatTarget(30 * HOUR, 'ms', 'h')).toBe('30 h');
        expect(formatTarget(90 * MINUTE + 20 * SECOND, 'ms', 'h')).toBe('1 h 30 min 20 s');
        expect(formatTarget(2 * DAY, 'ms', 'd')).toBe('2 d');
        // Margins in the same units: 1 h 40 min, not "1 h 40 min" of a rounded day.
        expect(formatMargin(100 * MINUTE, 'ms', 'h')).toBe('+1 h 40 min');
        expect(formatMargin(-26 * HOUR, 'ms', 'h')).toBe('−26 h');
    });
});

describe('a KPI of business time in the report', () => {
    // P3 resolution in business minutes, percentile 90 per month, against <= 30 hours (examples/service-desk).
    // January 1,700 min (28 h 20 min, met by 100 min); March at least 1,780 min (29 h 40 min, met by 20 min).
    const report = (): Report => ({
        schemaVersion: 1, agreement: 'HelixServiceDesk', timezone: 'America/New_York',
        period: { from: '2026-01-01T00:00:00-05:00', to: '2026-04-01T00:00:00-04:00' }, generatedAt: '2026-04-02T09:00:00-04:00',
        datasets: [], internalTargets: [], credits: [], openItems: [], notes: [],
        objectives: [{
            service: 'Desk', kpi: 'P3Resolution', kpiKey: 'Desk.P3Resolution', comparison: '<=', target: 30 * HOUR, unit: 'ms', window: 'calendar month', status: 'breached', during: 'BusinessHours',
            windows: [
                { start: '2026-01-01T00:00:00-05:00', end: '2026-02-01T00:00:00-05:00', partial: false, value: 1700 * MINUTE, status: 'met', margin: 100 * MINUTE, budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 0 },
                { start: '2026-02-01T00:00:00-05:00', end: '2026-03-01T00:00:00-05:00', partial: false, value: 1850 * MINUTE, status: 'breached', margin: -50 * MINUTE, budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 0 },
                { start: '2026-03-01T00:00:00-05:00', end: '2026-04-01T00:00:00-04:00', partial: false, value: 1780 * MINUTE, status: 'met', margin: 20 * MINUTE, budgetConsumed: null, budgetRemaining: null, rows: 12, unresolved: 1, failedOpen: 1, atLeast: true }
            ]
        }],
        totals: { windows: 3, met: 2, breached: 1, noData: 0 }
    });

    it('titles and lists it in hours and minutes, never in days', () => {
        const table = renderTable(report());
        expect(table).toContain('Desk · P3Resolution <= 30 h per calendar month: BREACHED');
        expect(table).toMatch(/2026-01-01 – 2026-01-31\s+28 h 20 min\s+MET\s+\+1 h 40 min/);
        expect(table).toMatch(/2026-02-01 – 2026-02-28\s+30 h 50 min\s+BREACHED\s+−50 min/);
        expect(table).toMatch(/at least 29 h 40 min\s+MET\s+\+20 min/);
        expect(table).not.toMatch(/\d d /);
    });
});

describe('which KPIs count working time', () => {
    const elapsed = (calendar?: string, unit?: 'businessDays'): Expr => ({ type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), ...(calendar ? { calendar } : {}), ...(unit ? { unit } : {}) });
    const model = (formula: Expr, unitKind: 'duration' | 'count' = 'duration') => agreement({
        calendars: { BusinessHours: { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] } },
        datasets: { tickets: dataset('tickets', writeCsv(tempDir(), 'tickets.csv', ['opened', 'resolved'], [['2026-01-05T08:00:00+01:00', '2026-01-06T12:20:00+01:00']]), [field('opened', 'timestamp'), field('resolved', 'timestamp')]) },
        kpis: [
            { key: 'Resolution', name: 'Resolution', unitKind, formula },
            { key: 'Derived', name: 'Derived', unitKind: 'duration', formula: { type: 'kpi', key: 'Resolution' } }
        ],
        objectives: [{ kpi: 'Resolution', kpiName: 'Resolution', comparison: '<=', target: 30 * HOUR, unitKind: 'duration', window: MONTH }],
        credits: [{ kpi: 'Resolution', window: MONTH, tiers: [{ lower: { value: 30 * HOUR, inclusive: false }, amount: { kind: 'money', amount: 100, currency: 'EUR' }, label: 'above 30 hours' }] }]
    });

    it('finds the calendar of an elapsed time, directly or through a KPI read', () => {
        expect(workingTimeCalendar(model(percentile(90, 'tickets', elapsed('BusinessHours'))), 'Resolution')).toBe('BusinessHours');
        expect(workingTimeCalendar(model(percentile(90, 'tickets', elapsed('BusinessHours'))), 'Derived')).toBe('BusinessHours');
        expect(workingTimeCalendar(model(percentile(90, 'tickets', elapsed())), 'Resolution')).toBeUndefined();
        // Business days are a count of days, not a duration.
        expect(workingTimeCalendar(model(percentile(90, 'tickets', elapsed('BusinessHours', 'businessDays')), 'count'), 'Resolution')).toBeUndefined();
    });

    it('names it in the objective and the credit of the report (JSON `during`)', async () => {
        // Mon 5 January 08:00 → Tue 6 January 12:20, 08:00–18:00 on weekdays: 10 h + 4 h 20 min = 14 h 20 min of business time.
        const report = await evaluateAgreement(model(percentile(90, 'tickets', elapsed('BusinessHours'))), { from: '2026-01-01', to: '2026-01-31', now: at('2026-06-01T00:00:00Z') });
        expect(report.objectives[0]!.during).toBe('BusinessHours');
        expect(report.credits[0]!.during).toBe('BusinessHours');
        expect(report.objectives[0]!.windows[0]!.value).toBe(14 * HOUR + 20 * MINUTE);
        expect(renderTable(report)).toMatch(/14 h 20 min\s+MET\s+\+15 h 40 min/);
    });
});
