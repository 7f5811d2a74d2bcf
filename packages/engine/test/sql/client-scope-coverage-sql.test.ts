// The coverage of a client-scoped dataset read from a SQL table (DuckDB, in memory): as from a file
// (test/portfolio/client-scope-coverage.test.ts), its first and last event time are those of all the
// table's rows, every client's and those without a client (NULL), however the rows are read —
// pushed down (datasetStatsQuery), pulled for the evaluation period only (the same statistics query),
// pulled whole (the row sink), or pushed down once for a portfolio (portfolio-pushdown.ts, `totals`).
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
const TABLE = 'requests_all_clients';

let duckdb: SqlConnection | undefined;
let csvPath = '';

/** northwind's requests are in January; globex's run to 5 May 08:00 CEST; the earliest row has no client (NULL in the table). */
function requestLog(): string {
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], [
        ['2025-12-20T10:00:00+01:00', '', 200],
        ['2026-01-14T09:00:00+01:00', 'northwind', 500],
        ['2026-01-15T09:00:00+01:00', 'northwind', 503],
        ['2026-01-16T09:00:00+01:00', 'northwind', 200],
        ['2026-02-05T08:00:00+01:00', 'globex', 503],
        ['2026-03-10T08:00:00+01:00', 'contoso', 200],
        ['2026-05-05T08:00:00+02:00', 'globex', 200],
        ['2026-04-02T08:00:00+02:00', 'contoso', 200]
    ]);
}

/**
 * `count(requests where status >= 500) <= 1` per month (pushed down), or `sum(requests.status * 1) <= 10000`
 * (a computed value: not pushed down, the period's rows pulled), scoped to `client`; over the CSV file or the table.
 */
function model(client: string, kpi: 'count' | 'computed', on: 'file' | 'table'): AgreementModel {
    const requests = dataset('requests', csvPath, [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')]);
    requests.clientScope = { field: 'client', value: client };
    const formula = kpi === 'count' ? count('requests', bin('>=', ref('requests', 'status'), num(500))) : aggregate('sum', 'requests', bin('*', ref('requests', 'status'), num(1)));
    return agreement({
        id: `${kpi}-${client}`,
        validity: { from: '2026-01-01', to: '2026-06-30' },
        datasets: { requests: on === 'file' ? requests : { ...requests, path: `${CONNECTION}:${TABLE}`, table: { connection: CONNECTION, name: TABLE } } },
        kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison: '<=', target: kpi === 'count' ? 1 : 10_000, unitKind: 'count', window: MONTH }]
    });
}

/** The figures a table and the file must share. */
function figures(report: Report) {
    const { coverage, firstTime, lastTime, rows, outsidePeriod, clientScope } = report.datasets[0]!;
    return { coverage, firstTime, lastTime, rows, outsidePeriod, clientScope, objectives: report.objectives, dataEndNote: report.dataEndNote };
}

function expectAllRowsCoverage(report: Report): void {
    const dataset = report.datasets[0]!;
    expect(dataset.firstTime).toBe('2025-12-20T10:00:00+01:00');
    expect(dataset.lastTime).toBe('2026-05-05T08:00:00+02:00');
    expect(dataset.coverage).toEqual({ declaredEnd: null, end: '2026-05-05T08:00:00+02:00', basis: 'last event', knownUntil: '2026-05-05T08:00:00+02:00' });
    // June alone starts after the data end (not February, after the client's last row).
    expect(report.objectives[0]!.windows.map((window) => window.afterDataEnd === true)).toEqual([false, false, false, false, false, true]);
}

beforeAll(async () => {
    csvPath = requestLog();
    duckdb = await openDuckDb();
    await loadDuckDbTable(duckdb, TABLE, await readDatasetTable(model('northwind', 'count', 'file').datasets.requests!));
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('the coverage of a client-scoped table is that of all its rows', () => {
    it.each([
        ['pushed down', 'count', true, 'pushed down'],
        ['pulled for the evaluation period (a computed value)', 'computed', true, 'pulled'],
        ['pulled whole (pushDown: false)', 'count', false, 'pulled']
    ] as const)('%s', async (_name, kpi, pushDown, mode) => {
        const report = await evaluateWithEngines(model('northwind', kpi, 'table'), { now: NOW, connections: { [CONNECTION]: duckdb! }, pushDown });
        expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual([mode]);
        if (kpi === 'computed') expect(report.engines?.datasets[0]!.reason).toContain('only the rows of the evaluation period were pulled');
        expectAllRowsCoverage(report);
        expect(report.datasets[0]!.rows).toBe(3);
        expect(report.datasets[0]!.clientScope).toEqual({ field: 'client', value: 'northwind', otherClientRows: 5 });
        expect(figures(report)).toEqual(figures(await evaluateAgreement(model('northwind', kpi, 'file'), { now: NOW })));
    });

    it('gives every agreement of a portfolio sharing one push-down the table\'s first and last', async () => {
        const clients = ['northwind', 'globex', 'fabrikam'];
        const reports = await evaluatePortfolioWithEngines(clients.map((client) => model(client, 'count', 'table')), { now: NOW, connections: { [CONNECTION]: duckdb! } });
        for (const [index, client] of clients.entries()) {
            const report = reports[index]!;
            expect(report.engines?.datasets.map((entry) => [entry.mode, entry.sharedBy]), client).toEqual([['pushed down', 3]]);
            const file = await evaluateAgreement(model(client, 'count', 'file'), { now: NOW });
            if (client === 'fabrikam') {
                // fabrikam has no row at all: its client scope matched nothing, so it has no data in the table
                // (missing-scope-note.ts), as from the file; the line saying so names the table instead of the file, and
                // goes without the values nearest it (a database would pull the whole client column for them).
                expect(report.datasets[0]!.rows).toBe(0);
                expect(report.datasets[0]!.coverage).toEqual({ declaredEnd: null, end: null, basis: 'no rows', knownUntil: '2026-05-05T08:00:00+02:00' });
                expect(file.dataEndNote).toContain('; the values nearest it: "contoso", "globex".');
                expect(report.dataEndNote).toBe(file.dataEndNote!.replace('requests.csv', `${CONNECTION}:${TABLE}`).replace('; the values nearest it: "contoso", "globex".', '.'));
                expect({ ...figures(report), dataEndNote: undefined }, client).toEqual({ ...figures(file), dataEndNote: undefined });
                continue;
            }
            expectAllRowsCoverage(report);
            expect(figures(report), client).toEqual(figures(file));
        }
    });
});
