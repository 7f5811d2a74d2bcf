// Client-scope lookalikes (evaluate/client-lookalikes.ts) read from SQL: where the client's filter is written in SQL
// the other clients' rows never reach the row sink, so the database groups the candidate values and the project
// judges them (sql/client-lookalikes-sql.ts). Every way of reading a shared table gives the counts worked out by hand
// below, which are also the local engine's from the same rows in a CSV file: pushed down (the statistics query),
// pulled for the evaluation period only (the same query), pulled whole (the row sink), pushed down once for a
// portfolio (the totals query) — on DuckDB (a table, a Parquet file, a CSV file), PostgreSQL 15 and ClickHouse.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { evaluatePortfolioWithEngines } from '../../src/sql/portfolio-with-engines.js';
import { lookalikesOfClients } from '../../src/sql/client-lookalikes-sql.js';
import { loadDuckDbTable, readDatasetTable, type TableData } from '../sql-servers/table-loader.js';
import { startTableServer, type TableServer } from '../sql-servers/table-server.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const NOW = at('2027-03-01T00:00:00Z');
const CONNECTION = 'warehouse';
const TABLE = 'requests_all_clients';
const FULLWIDTH = 'Ｎｏｒｔｈｗｉｎｄ'; // NFKC: "Northwind"

let csvPath = '';
let parquetPath = '';
let data: TableData | undefined;
let duckdb: SqlConnection | undefined;

/**
 * 15 rows, validity 2026-01-01 … 2026-06-30 (Europe/Berlin):
 *   northwind 2 · Northwind 3 (one in November 2025, before the validity) · " northwind" 1 · NORTHWIND 3 ·
 *   Ｎｏｒｔｈｗｉｎｄ 1 · "northwind" + tab 1 · "north wind" 1 · "northwinds" 1 · contoso 1 · no client 1.
 */
function requestLog(): string {
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], [
        ['2026-01-05T09:00:00+01:00', 'northwind', 200],
        ['2026-01-06T09:00:00+01:00', 'northwind', 500],
        ['2026-01-07T09:00:00+01:00', 'Northwind', 200],
        ['2026-01-08T09:00:00+01:00', 'Northwind', 503],
        ['2026-02-03T09:00:00+01:00', '" northwind"', 200],
        ['2026-02-04T09:00:00+01:00', 'NORTHWIND', 200],
        ['2026-02-05T09:00:00+01:00', 'NORTHWIND', 500],
        ['2026-02-06T09:00:00+01:00', 'NORTHWIND', 200],
        ['2026-02-07T09:00:00+01:00', FULLWIDTH, 200],
        ['2026-02-08T09:00:00+01:00', '"northwind\t"', 200],
        ['2026-03-01T09:00:00+01:00', 'contoso', 200],
        ['2025-11-20T09:00:00+01:00', 'Northwind', 200],
        ['2026-03-02T09:00:00+01:00', '', 200],
        ['2026-04-01T09:00:00+02:00', 'north wind', 200],
        ['2026-04-02T09:00:00+02:00', 'northwinds', 200]
    ]);
}

/**
 * By hand, for `client = "northwind"`: its lookalikes are the values that differ from it only in case, spacing or
 * Unicode form — Northwind (3 rows, the November one included: every row of the table counts, as otherClientRows
 * counts them), NORTHWIND (3), " northwind" (1), "northwind\t" (1), Ｎｏｒｔｈｗｉｎｄ (1). Not "north wind" (a space
 * inside: another text), "northwinds", contoso or the row without a client. Most rows first, then by value
 * ("NORTHWIND" < "Northwind": 'O' U+004F before 'o' U+006F; " northwind" < "northwind\t" < "Ｎ…": U+0020, U+006E, U+FF2E).
 * Other clients' rows: 15 − 2 = 13.
 */
const NORTHWIND_LOOKALIKES = [
    { value: 'NORTHWIND', rows: 3 },
    { value: 'Northwind', rows: 3 },
    { value: ' northwind', rows: 1 },
    { value: 'northwind\t', rows: 1 },
    { value: FULLWIDTH, rows: 1 }
];
const NORTHWIND_SCOPE = { field: 'client', value: 'northwind', otherClientRows: 13, lookalikes: NORTHWIND_LOOKALIKES };
/** contoso (1 row): nothing looks like it; 14 other clients' rows, and no `lookalikes` key. */
const CONTOSO_SCOPE = { field: 'client', value: 'contoso', otherClientRows: 14 };

type Source = 'file' | 'table' | 'parquet';

/** `count(requests where status >= 500) <= 1` per month (pushed down), or `sum(requests.status * 1) <= 10000` (a computed value: the period's rows pulled), scoped to `client`. */
function model(client: string, kpi: 'count' | 'computed', on: Source): AgreementModel {
    const requests = dataset('requests', csvPath, [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')]);
    requests.clientScope = { field: 'client', value: client };
    const formula = kpi === 'count' ? count('requests', bin('>=', ref('requests', 'status'), num(500))) : aggregate('sum', 'requests', bin('*', ref('requests', 'status'), num(1)));
    const source = on === 'file' ? requests : on === 'parquet' ? { ...requests, path: parquetPath, format: 'parquet' as const } : { ...requests, path: `${CONNECTION}:${TABLE}`, table: { connection: CONNECTION, name: TABLE } };
    return agreement({
        id: `${kpi}-${client}`,
        validity: { from: '2026-01-01', to: '2026-06-30' },
        datasets: { requests: source },
        kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison: '<=', target: kpi === 'count' ? 1 : 10_000, unitKind: 'count', window: MONTH }]
    });
}

/** The local engine's report of the same rows in the CSV file. */
function local(client: string, kpi: 'count' | 'computed' = 'count'): Promise<Report> {
    return evaluateAgreement(model(client, kpi, 'file'), { now: NOW });
}

function lookalikeNote(report: Report): string | undefined {
    return report.notes.find((note) => note.startsWith('Warning: client scope'));
}

beforeAll(async () => {
    csvPath = requestLog();
    data = await readDatasetTable(model('northwind', 'count', 'file').datasets.requests!);
    duckdb = await openDuckDb();
    await loadDuckDbTable(duckdb, TABLE, data);
    parquetPath = path.join(tempDir(), 'requests.parquet');
    await duckdb.query({ text: `COPY ${TABLE} TO '${parquetPath}' (FORMAT parquet)`, params: [] });
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('the local engine agrees with the hand counts', () => {
    it('counts the lookalikes of northwind, none of contoso', async () => {
        expect((await local('northwind')).datasets[0]!.clientScope).toEqual(NORTHWIND_SCOPE);
        expect((await local('contoso')).datasets[0]!.clientScope).toEqual(CONTOSO_SCOPE);
    });
});

describe('lookalikes on DuckDB', () => {
    it.each([
        ['pushed down', 'count', true, 'pushed down'],
        ['pulled for the evaluation period (a computed value)', 'computed', true, 'pulled'],
        ['pulled whole (pushDown: false)', 'count', false, 'pulled']
    ] as const)('a table, %s', async (_name, kpi, pushDown, mode) => {
        for (const [client, scope] of [['northwind', NORTHWIND_SCOPE], ['contoso', CONTOSO_SCOPE]] as const) {
            const report = await evaluateWithEngines(model(client, kpi, 'table'), { now: NOW, connections: { [CONNECTION]: duckdb! }, pushDown });
            expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual([mode]);
            if (kpi === 'computed') expect(report.engines?.datasets[0]!.reason).toContain('only the rows of the evaluation period were pulled');
            expect(report.datasets[0]!.clientScope, client).toEqual(scope);
            const file = await local(client, kpi);
            expect(lookalikeNote(report), client).toBe(lookalikeNote(file)?.replace('requests.csv', `${CONNECTION}:${TABLE}`));
            expect(lookalikeNote(report) === undefined, client).toBe(client === 'contoso');
        }
    });

    it('a Parquet file, pushed down', async () => {
        const report = await evaluateWithEngines(model('northwind', 'count', 'parquet'), { now: NOW });
        expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual(['pushed down']);
        expect(report.datasets[0]!.clientScope).toEqual(NORTHWIND_SCOPE);
    });

    it('a CSV file read by DuckDB (its rows pulled through the row sink)', async () => {
        const report = await evaluateWithEngines(model('northwind', 'count', 'file'), { now: NOW, engine: 'duckdb' });
        expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual(['pulled']);
        expect(report.datasets[0]!.clientScope).toEqual(NORTHWIND_SCOPE);
    });

    it.each(['table', 'parquet'] as const)('a portfolio sharing one push-down over a %s: each value counted for every client it looks like', async (on) => {
        const reports = await evaluatePortfolioWithEngines(['northwind', 'NORTHWIND', 'contoso'].map((client) => model(client, 'count', on)), { now: NOW, connections: { [CONNECTION]: duckdb! } });
        expect(reports.map((report) => report.engines?.datasets.map((entry) => [entry.mode, entry.sharedBy]))).toEqual([[['pushed down', 3]], [['pushed down', 3]], [['pushed down', 3]]]);
        expect(reports.map((report) => report.datasets[0]!.clientScope)).toEqual(PORTFOLIO_SCOPES);
    });
});

/**
 * The portfolio northwind, NORTHWIND, contoso by hand: northwind's lookalikes are those above (NORTHWIND is
 * another member's value, its 3 rows counted from the client statistics). NORTHWIND's: Northwind 3, northwind 2
 * (the member's rows), " northwind" 1, "northwind\t" 1, Ｎｏｒｔｈｗｉｎｄ 1 — 15 − 3 = 12 other clients' rows. contoso's: none.
 */
const PORTFOLIO_SCOPES = [
    NORTHWIND_SCOPE,
    {
        field: 'client',
        value: 'NORTHWIND',
        otherClientRows: 12,
        lookalikes: [
            { value: 'Northwind', rows: 3 },
            { value: 'northwind', rows: 2 },
            { value: ' northwind', rows: 1 },
            { value: 'northwind\t', rows: 1 },
            { value: FULLWIDTH, rows: 1 }
        ]
    },
    CONTOSO_SCOPE
];

describe('the candidates a database sends are judged by the one definition', () => {
    it('keeps only lookalikes, per client, a member value counting for the other members it looks like', () => {
        const found = lookalikesOfClients(['northwind', 'NORTHWIND', 'contoso'], [
            { value: 'Northwind', rows: 3 },
            { value: 'north wind', rows: 1 }, // an ASCII candidate of the SQL narrowing, but another text
            { value: 'é', rows: 4 }, // every non-ASCII value is a candidate
            { value: '', rows: 2 }, // a missing value
            { value: null, rows: 5 },
            { value: 'northwind', rows: 2 },
            { value: 'NORTHWIND', rows: 3 }
        ]);
        expect(found).toEqual([
            [{ value: 'NORTHWIND', rows: 3 }, { value: 'Northwind', rows: 3 }],
            [{ value: 'Northwind', rows: 3 }, { value: 'northwind', rows: 2 }],
            []
        ]);
    });
});

describe.each(['postgres', 'clickhouse'] as const)('lookalikes on %s', (dialect) => {
    let server: TableServer | undefined;
    let connection: SqlConnection | undefined;
    beforeAll(async () => {
        server = await startTableServer(dialect, { [TABLE]: data! });
        connection = server.connection;
    }, 120_000);
    afterAll(async () => {
        await server?.stop();
    }, 60_000);

    it.each([
        ['pushed down', 'count', true, 'pushed down'],
        ['pulled for the evaluation period (a computed value)', 'computed', true, 'pulled'],
        ['pulled whole (pushDown: false)', 'count', false, 'pulled']
    ] as const)('a table, %s', async (_name, kpi, pushDown, mode) => {
        for (const [client, scope] of [['northwind', NORTHWIND_SCOPE], ['contoso', CONTOSO_SCOPE]] as const) {
            const report = await evaluateWithEngines(model(client, kpi, 'table'), { now: NOW, connections: { [CONNECTION]: connection! }, pushDown });
            expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual([mode]);
            expect(report.datasets[0]!.clientScope, client).toEqual(scope);
        }
    });

    it('a portfolio sharing one push-down', async () => {
        const reports = await evaluatePortfolioWithEngines(['northwind', 'NORTHWIND', 'contoso'].map((client) => model(client, 'count', 'table')), { now: NOW, connections: { [CONNECTION]: connection! } });
        expect(reports.map((report) => report.engines?.datasets[0]?.sharedBy)).toEqual([3, 3, 3]);
        expect(reports.map((report) => report.datasets[0]!.clientScope)).toEqual(PORTFOLIO_SCOPES);
    });
});
