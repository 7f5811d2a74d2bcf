// Rows without an event time (NULL in a table, the first timestamp field optional) read from a SQL
// table (DuckDB, in memory) are counted as from a file (test/evaluate/without-event-time.test.ts):
// apart from the rows outside the period, however the rows are read — pushed down (the statistics
// query), pulled for the evaluation period only (the same query), pulled whole (the row sink), or
// pushed down once for a portfolio (portfolio-pushdown.ts, clientStats).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { evaluatePortfolioWithEngines } from '../../src/sql/portfolio-with-engines.js';
import { loadDuckDbTable, readDatasetTable } from '../sql-servers/table-loader.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const NOW = at('2027-03-01T00:00:00Z');
const CONNECTION = 'warehouse';
const TABLE = 'tickets_all_clients';

let duckdb: SqlConnection | undefined;
let csvPath = '';

/**
 * northwind: 3 tickets resolved in March 2026, 1 resolved in February 2027 (after the validity,
 * 2026), 2 not resolved; globex: 1 resolved in April, 1 not resolved.
 */
function ticketLog(): string {
    return writeCsv(tempDir(), 'tickets.csv', ['resolved', 'opened', 'client', 'status'], [
        ['2026-03-02T10:00:00Z', '2026-03-01T10:00:00Z', 'northwind', 500],
        ['', '2026-03-01T11:00:00Z', 'northwind', 200],
        ['2026-03-05T10:00:00Z', '2026-03-04T10:00:00Z', 'northwind', 503],
        ['', '2026-03-06T12:00:00Z', 'northwind', 200],
        ['2026-03-09T10:00:00Z', '2026-03-08T10:00:00Z', 'northwind', 200],
        ['2027-02-01T10:00:00Z', '2026-12-30T10:00:00Z', 'northwind', 200],
        ['2026-04-02T10:00:00Z', '2026-04-01T10:00:00Z', 'globex', 200],
        ['', '2026-04-03T10:00:00Z', 'globex', 500]
    ]);
}

/** `count(tickets where status >= 500) <= 1` per month (pushed down), or `sum(tickets.status * 1) <= 10000` (pulled), scoped to `client`. */
function model(client: string, kpi: 'count' | 'computed', on: 'file' | 'table'): AgreementModel {
    const tickets = dataset('tickets', csvPath, [field('resolved', 'timestamp', true), field('opened', 'timestamp'), field('client', 'text'), field('status', 'integer')]);
    tickets.clientScope = { field: 'client', value: client };
    const formula = kpi === 'count' ? count('tickets', bin('>=', ref('tickets', 'status'), num(500))) : aggregate('sum', 'tickets', bin('*', ref('tickets', 'status'), num(1)));
    return agreement({
        id: `${kpi}-${client}`,
        timezone: 'UTC',
        datasets: { tickets: on === 'file' ? tickets : { ...tickets, path: `${CONNECTION}:${TABLE}`, table: { connection: CONNECTION, name: TABLE } } },
        kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison: '<=', target: kpi === 'count' ? 1 : 10_000, unitKind: 'count', window: MONTH }]
    });
}

/** The figures a table and the file must share. */
function figures(report: Report) {
    const { rows, outsidePeriod, withoutEventTime } = report.datasets[0]!;
    return { rows, outsidePeriod, withoutEventTime, objectives: report.objectives, notes: report.notes.filter((note) => note.includes('the event time')) };
}

beforeAll(async () => {
    csvPath = ticketLog();
    duckdb = await openDuckDb();
    await loadDuckDbTable(duckdb, TABLE, await readDatasetTable(model('northwind', 'count', 'file').datasets.tickets!));
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('rows without an event time in a table', () => {
    it.each([
        ['pushed down', 'count', true, 'pushed down'],
        ['pulled for the evaluation period (a computed value)', 'computed', true, 'pulled'],
        ['pulled whole (pushDown: false)', 'count', false, 'pulled']
    ] as const)('%s', async (_name, kpi, pushDown, mode) => {
        const report = await evaluateWithEngines(model('northwind', kpi, 'table'), { now: NOW, connections: { [CONNECTION]: duckdb! }, pushDown });
        expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual([mode]);
        // northwind's 6 rows: 3 in March, 1 after the validity, 2 without `resolved`.
        expect(report.datasets[0]).toMatchObject({ rows: 6, outsidePeriod: 1, withoutEventTime: 2 });
        expect(figures(report)).toEqual(figures(await evaluateAgreement(model('northwind', kpi, 'file'), { now: NOW })));
    });

    it('are counted per client by a portfolio sharing one push-down', async () => {
        const clients = ['northwind', 'globex'];
        const reports = await evaluatePortfolioWithEngines(clients.map((client) => model(client, 'count', 'table')), { now: NOW, connections: { [CONNECTION]: duckdb! } });
        for (const [index, client] of clients.entries()) {
            expect(reports[index]!.engines?.datasets.map((entry) => [entry.mode, entry.sharedBy]), client).toEqual([['pushed down', 2]]);
            expect(figures(reports[index]!), client).toEqual(figures(await evaluateAgreement(model(client, 'count', 'file'), { now: NOW })));
        }
        // globex: 2 rows, 1 in April, 1 without `resolved`.
        expect(reports[1]!.datasets[0]).toMatchObject({ rows: 2, outsidePeriod: 0, withoutEventTime: 1 });
    });
});
