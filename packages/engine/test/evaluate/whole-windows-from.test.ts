/**
 * `--from` inside a calendar window (language reference § 14.2): the evaluation starts at the start
 * of the earliest calendar window the agreement judges that holds the `--from` day (or at the
 * validity's first day, if later), so that a month, a week or a quarter is judged on all its data and
 * its credit is owed on the whole window's value, as in the whole term's evaluation. Before, such a
 * window was judged on its part after `--from`: January with a 60-minute outage on the 5th was
 * "met, 100 %" when evaluated from the 10th, and a week across two monthly runs was never paid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAgreement, evaluatePortfolio, renderTable, type AgreementModel, type CreditModel, type ObjectiveModel, type Report, type WindowSpec } from '../../src/index.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { loadDuckDbTable, readDatasetTable } from '../sql-servers/table-loader.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from './fixtures.js';

const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };
const QUARTER: WindowSpec = { kind: 'calendar', unit: 'quarter' };
const NOW = at('2026-06-01T00:00:00Z');

/** Availability (uptime of the incident register) >= 99.9 % per `window`, a credit of 10 % of the fee below it. */
function availability(outages: [string, string][], window: WindowSpec, parts: Partial<AgreementModel> = {}): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved'], outages);
    const objective: ObjectiveModel = { kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window } as ObjectiveModel;
    const credit: CreditModel = { kpi: 'Availability', window, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' }] };
    return agreement({
        fee: { amount: window === WEEK ? 700 : 1000, currency: 'EUR', period: window },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [objective],
        credits: [credit],
        ...parts
    });
}

/** A 60-minute outage on Monday 5 January (Europe/Berlin): January is 44,640 minutes, (44,640 − 60) / 44,640 = 99.8656 % < 99.9 %. */
const JANUARY_OUTAGE: [string, string][] = [['2026-01-05T10:00:00+01:00', '2026-01-05T11:00:00+01:00']];

const windowFigures = (report: Report) => ({
    objectives: report.objectives.map((objective) => objective.windows.map((w) => [w.start, w.end, w.partial, w.status, w.value])),
    credits: report.credits.map((credit) => [credit.total, credit.provisionalTotal, credit.windows.map((w) => [w.start, w.fee, w.amount, w.provisional])])
});

describe('a --from day inside a calendar window', () => {
    it('judges the whole month and owes its credit, as the whole term does', async () => {
        const model = availability(JANUARY_OUTAGE, MONTH);
        const report = await evaluateAgreement(model, { from: '2026-01-10', to: '2026-01-31', now: NOW });
        expect(report.period).toEqual({ from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00+01:00', requestedFrom: '2026-01-10T00:00:00+01:00' });
        const window = report.objectives[0]!.windows[0]!;
        expect([window.start, window.partial, window.status, window.value]).toEqual(['2026-01-01T00:00:00+01:00', false, 'breached', (44_640 - 60) / 44_640]);
        expect(window.evaluatedFrom).toBeUndefined();
        // 10 % of the month's 1,000 EUR, in the total (judged on 10–31 January it was 100 %, met, nothing owed).
        expect(report.credits[0]!.windows.map((w) => [w.amount, w.provisional, w.partial])).toEqual([[100, false, false]]);
        expect(report.credits[0]!.total).toBe(100);
        expect(report.notes[0]).toBe('--from 2026-01-10 falls inside the calendar month 2026-01-01 – 2026-01-31: the data are read from 2026-01-01, so that every window ending after 2026-01-10 is judged on all its data, never on its part after --from (a credit is owed on the whole window\'s value).');
        // The same January as evaluated over the whole term.
        const term = await evaluateAgreement(model, { to: '2026-01-31', now: NOW });
        expect(windowFigures(report)).toEqual(windowFigures(term));
        expect(term.period.requestedFrom).toBeUndefined();
        // The headline says it where the period is read.
        expect(renderTable(report).split('\n')[0]).toContain('· 2026-01-01 – 2026-01-31 (--from 2026-01-10: whole windows) ·');
        expect(renderTable(term).split('\n')[0]).not.toContain('whole windows');
    });

    it('pays a week across two monthly runs once, in the run that holds its end', async () => {
        // Monday 23 February to Monday 2 March: 10,080 minutes, 120 down (Tuesday 24th) → 98.81 %, 10 % of 700 EUR = 70 EUR.
        const model = availability([['2026-02-24T10:00:00+01:00', '2026-02-24T12:00:00+01:00']], WEEK);
        const february = await evaluateAgreement(model, { from: '2026-02-01', to: '2026-02-28', now: NOW });
        // Sunday 1 February is in the week from Monday 26 January: February's run starts there.
        expect(february.period.from).toBe('2026-01-26T00:00:00+01:00');
        const lastWeek = february.credits[0]!.windows.at(-1)!;
        expect([lastWeek.start, lastWeek.amount, lastWeek.provisional]).toEqual(['2026-02-23T00:00:00+01:00', 70, true]);
        expect(february.credits[0]!.total).toBe(0);
        const march = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: NOW });
        expect(march.period).toMatchObject({ from: '2026-02-23T00:00:00+01:00', requestedFrom: '2026-03-01T00:00:00+01:00' });
        const firstWeek = march.credits[0]!.windows[0]!;
        expect([firstWeek.start, firstWeek.partial, firstWeek.value, firstWeek.amount, firstWeek.provisional]).toEqual(['2026-02-23T00:00:00+01:00', false, (10_080 - 120) / 10_080, 70, false]);
        expect(march.credits[0]!.total).toBe(70);
    });

    it('reads from the longest window holding the day, and judges the windows ending after it', async () => {
        const model = availability(JANUARY_OUTAGE, MONTH);
        model.internalTargets = [{ ...model.objectives[0]!, target: 0.9995, window: QUARTER }];
        const report = await evaluateAgreement(model, { from: '2026-02-10', to: '2026-03-31', now: NOW });
        expect(report.period).toMatchObject({ from: '2026-01-01T00:00:00+01:00', requestedFrom: '2026-02-10T00:00:00+01:00' });
        // January ends before 10 February: not judged (as before); February whole.
        expect(report.objectives[0]!.windows.map((w) => [w.start.slice(0, 10), w.partial, w.status])).toEqual([
            ['2026-02-01', false, 'met'],
            ['2026-03-01', false, 'met']
        ]);
        // The quarter: 129,540 minutes (1 January to 1 April, the clocks go forward on 29 March), January's 60 down.
        expect(report.internalTargets[0]!.windows.map((w) => [w.partial, w.value])).toEqual([[false, (129_540 - 60) / 129_540]]);
        expect(report.notes[0]).toContain('--from 2026-02-10 falls inside the calendar quarter 2026-01-01 – 2026-03-31: the data are read from 2026-01-01, so that every window ending after 2026-02-10 is judged');
    });

    it('judges weeks and months whole together, though weeks do not nest in months', async () => {
        // A monthly objective, a weekly credit (700 EUR a week), an outage of 2 hours on Monday 9 February.
        const model = availability([['2026-02-09T10:00:00+01:00', '2026-02-09T12:00:00+01:00']], MONTH);
        model.fee = { amount: 700, currency: 'EUR', period: WEEK };
        model.credits = [{ ...model.credits[0]!, window: WEEK }];
        // Tuesday 10 February: the month from 1 February starts the period; the week of 26 January – 1 February,
        // which that start cuts and which ends before the 10th, is not judged (nor cut); the week from 9 February is whole.
        const report = await evaluateAgreement(model, { from: '2026-02-10', to: '2026-02-28', now: NOW });
        expect(report.period.from).toBe('2026-02-01T00:00:00+01:00');
        const weeks = report.credits[0]!.windows;
        expect(weeks.map((w) => [w.start.slice(0, 10), w.partial])).toEqual([['2026-02-09', false], ['2026-02-16', false], ['2026-02-23', true]]);
        // 10,080 − 120 of 10,080 minutes: 98.81 %, 10 % of 700 EUR.
        expect([weeks[0]!.value, weeks[0]!.amount]).toEqual([(10_080 - 120) / 10_080, 70]);
        expect(report.credits[0]!.total).toBe(70);
        expect(report.objectives[0]!.windows.map((w) => [w.start.slice(0, 10), w.partial, w.value])).toEqual([['2026-02-01', false, (40_320 - 120) / 40_320]]);
    });

    it('starts no earlier than the validity: a month the validity cuts stays partial, on its prorated fee', async () => {
        const model = availability(JANUARY_OUTAGE, MONTH, { validity: { from: '2026-01-05', to: '2026-12-31' } });
        const report = await evaluateAgreement(model, { from: '2026-01-10', to: '2026-01-31', now: NOW });
        expect(report.period).toMatchObject({ from: '2026-01-05T00:00:00+01:00', requestedFrom: '2026-01-10T00:00:00+01:00' });
        const window = report.objectives[0]!.windows[0]!;
        // 5–31 January: 27 days = 38,880 minutes, 60 down.
        expect([window.partial, window.evaluatedFrom, window.value]).toEqual([true, '2026-01-05T00:00:00+01:00', (38_880 - 60) / 38_880]);
        expect(report.notes[0]).toContain('the data are read from the validity\'s first day, 2026-01-05,');
        expect(report.credits[0]!.windows[0]!.fee).toBe(870.97);
    });

    it('follows a fiscal year: a fiscal quarter from February', async () => {
        const fiscalQuarter: WindowSpec = { kind: 'calendar', unit: 'quarter', yearStartMonth: 2 };
        const report = await evaluateAgreement(availability(JANUARY_OUTAGE, fiscalQuarter), { from: '2026-03-15', to: '2026-04-30', now: NOW });
        expect(report.period.from).toBe('2026-02-01T00:00:00+01:00');
        expect(report.notes[0]).toContain('falls inside the fiscal quarter (year from February) 2026-02-01 – 2026-04-30');
    });

    it('judges a rolling window ending after the day whole too', async () => {
        const rolling: WindowSpec = { kind: 'rolling', lengthMs: 7 * 86_400_000, label: '7 days' };
        const model = availability(JANUARY_OUTAGE, rolling);
        model.credits = [];
        const report = await evaluateAgreement(model, { from: '2026-01-10', to: '2026-01-31', now: NOW });
        // The first window judged ends at the end of 10 January: 4–10 January, holding the outage of the 5th.
        expect(report.period).toEqual({ from: '2026-01-04T00:00:00+01:00', to: '2026-02-01T00:00:00+01:00', requestedFrom: '2026-01-10T00:00:00+01:00' });
        const first = report.objectives[0]!.windows.find((w) => w.end === '2026-01-11T00:00:00+01:00')!;
        expect([first.start, first.partial, first.value]).toEqual(['2026-01-04T00:00:00+01:00', false, (10_080 - 60) / 10_080]);
        expect(report.objectives[0]!.windows.every((w) => Date.parse(w.end) > Date.parse('2026-01-10T00:00:00+01:00'))).toBe(true);
        expect(report.notes[0]).toContain('--from 2026-01-10 falls inside the rolling 7 days 2026-01-04 – 2026-01-10');
    });

    it('leaves the period as asked when --from starts every window holding it, and without --from', async () => {
        const atStart = await evaluateAgreement(availability(JANUARY_OUTAGE, MONTH), { from: '2026-02-01', to: '2026-02-28', now: NOW });
        expect(atStart.period).toEqual({ from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' });
        expect(atStart.notes.some((note) => note.includes('falls inside'))).toBe(false);
        const whole = await evaluateAgreement(availability(JANUARY_OUTAGE, MONTH), { to: '2026-01-31', now: NOW });
        expect(whole.period.requestedFrom).toBeUndefined();
    });
});

describe('a --from day inside a month, in a portfolio', () => {
    it('starts each agreement at its month in its own zone, as evaluated alone, and says so once', async () => {
        const berlin = availability(JANUARY_OUTAGE, MONTH, { id: 'Berlin' });
        const tokyo = availability(JANUARY_OUTAGE, MONTH, { id: 'Tokyo', timezone: 'Asia/Tokyo' });
        tokyo.datasets = berlin.datasets;
        const options = { from: '2026-01-10', to: '2026-01-31', now: NOW };
        const portfolio = await evaluatePortfolio([berlin, tokyo], options);
        const periods = portfolio.entries.map((entry) => [entry.agreement, entry.report.period.from, entry.report.period.requestedFrom]);
        expect(periods.sort()).toEqual([
            ['Berlin', '2026-01-01T00:00:00+01:00', '2026-01-10T00:00:00+01:00'],
            ['Tokyo', '2026-01-01T00:00:00+09:00', '2026-01-10T00:00:00+09:00']
        ]);
        for (const model of [berlin, tokyo]) {
            const alone = await evaluateAgreement(model, options);
            expect(windowFigures(portfolio.entries.find((entry) => entry.agreement === model.id)!.report)).toEqual(windowFigures(alone));
        }
        expect(portfolio.notes.filter((note) => note.includes('falls inside'))).toEqual([
            '--from 2026-01-10 falls inside a window that 2 agreement(s) judge (Berlin, Tokyo): they are evaluated from its start, 2026-01-01 in each one\'s zone, so that every window is judged on all its data.'
        ]);
    });
});

describe('a --from day inside a month, on a table in DuckDB', () => {
    const TABLE = 'requests';
    let duckdb: SqlConnection | undefined;
    let csvPath = '';

    /** Good requests >= 99 % per month: 3 January 1 of 10 failed, 20 January 10 good → January 19 / 20 = 95 %, breached. */
    function requests(on: 'file' | 'table'): AgreementModel {
        const data = dataset('requests', csvPath, [field('time', 'timestamp'), field('status', 'integer')]);
        const share = bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests'));
        return agreement({
            datasets: { requests: on === 'file' ? data : { ...data, path: `warehouse:${TABLE}`, table: { connection: 'warehouse', name: TABLE } } },
            kpis: [{ key: 'Good', name: 'Good', unitKind: 'ratio', formula: share }],
            objectives: [{ kpi: 'Good', kpiName: 'Good', comparison: '>=', target: 0.99, unitKind: 'ratio', window: MONTH } as ObjectiveModel]
        });
    }

    beforeAll(async () => {
        const rows: [string, number][] = [];
        for (let i = 0; i < 10; i++) rows.push([`2026-01-03T10:0${i}:00+01:00`, i === 0 ? 500 : 200]);
        for (let i = 0; i < 10; i++) rows.push([`2026-01-20T10:0${i}:00+01:00`, 200]);
        csvPath = writeCsv(tempDir(), 'requests.csv', ['time', 'status'], rows);
        duckdb = await openDuckDb();
        await loadDuckDbTable(duckdb, TABLE, await readDatasetTable(requests('file').datasets.requests!));
    }, 60_000);

    afterAll(async () => {
        await duckdb?.close();
    });

    it.each([
        ['pushed down', true],
        ['pulled', false]
    ] as const)('judges January whole (%s), as from the file', async (_name, pushDown) => {
        const options = { from: '2026-01-10', to: '2026-01-31', now: NOW };
        const file = await evaluateAgreement(requests('file'), options);
        const table = await evaluateWithEngines(requests('table'), { ...options, connections: { warehouse: duckdb! }, pushDown });
        for (const report of [file, table]) {
            expect(report.period.from).toBe('2026-01-01T00:00:00+01:00');
            expect(report.objectives[0]!.windows.map((w) => [w.partial, w.rows, w.value, w.status])).toEqual([[false, 20, 0.95, 'breached']]);
        }
    });
});
