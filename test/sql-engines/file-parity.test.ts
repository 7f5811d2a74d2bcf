/**
 * A database evaluation gives what the file evaluation gives, in cases where the databases used
 * to differ (found by hand, /tmp/hunt-db): integers beyond ±(2^53 − 1) (refused by a file
 * reader, silently rounded by SQL), a PostgreSQL `timestamp` without zone in a dataset with a
 * `timezone` (read as UTC), a `for each` value seen only outside the evaluation period (left
 * out), numbers and durations held in text columns (a raw type error), and DuckDB's errors (raw,
 * without what to check). DuckDB in memory, PostgreSQL 15 and one ClickHouse 18.16 server, each
 * table loaded with the same rows as the CSV file; pushed down (and pulled where it matters).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../packages/engine/src/report/report-types.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { openDuckDb } from '../../packages/engine/src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../packages/engine/src/sql/evaluate-with-engines.js';
import { evaluateAgreement } from '../../packages/engine/src/evaluate/evaluate-agreement.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { comparable, type ExampleAgreement } from './differential.js';
import { writtenAgreement } from './sql-engine-fixture.js';

type Engine = 'duckdb' | 'postgres' | 'clickhouse';
const ENGINES: Engine[] = ['duckdb', 'postgres', 'clickhouse'];

let postgres: PostgresServer;
let clickhouse: ClickHouseCluster;
const connections = {} as Record<Engine, SqlConnection>;

beforeAll(async () => {
    [postgres, clickhouse] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 1 })]);
    connections.postgres = await postgres.connect();
    connections.clickhouse = await clickhouse.connect();
    connections.duckdb = await openDuckDb();
}, 180_000);

afterAll(async () => {
    for (const connection of Object.values(connections)) await connection?.close();
    await postgres?.stop();
    await clickhouse?.stop();
});

/** Column types per engine (`null` where the engine is not loaded), and the rows as SQL literals (epoch ms for ClickHouse timestamps). */
interface Table {
    columns: { name: string; duckdb: string; postgres: string; clickhouse: string | null }[];
    rows: string[][];
}

async function load(engine: Engine, name: string, table: Table): Promise<void> {
    const connection = connections[engine];
    const quote = (text: string) => (engine === 'clickhouse' ? `\`${text}\`` : `"${text}"`);
    const literal = (value: string, type: string) => {
        if (value === '') return 'NULL';
        if (engine === 'clickhouse' && type.includes('Int64') && /^\d{4}-/.test(value)) return String(Date.parse(value));
        return /^-?\d+(\.\d+)?$/.test(value) && !/String|VARCHAR|text/.test(type) ? value : `'${value}'`;
    };
    const types = table.columns.map((column) => column[engine]!);
    // ClickHouse statements go to the server as the loading user (the connection only reads).
    const run = (text: string) => (engine === 'clickhouse' ? clickhouse.shards[0]!.exec(text) : connection.query({ text, params: [] }));
    await run(`CREATE TABLE ${quote(name)} (${table.columns.map((column, index) => `${quote(column.name)} ${types[index]}`).join(', ')})${engine === 'clickhouse' ? ' ENGINE = MergeTree ORDER BY tuple()' : ''}`);
    await run(`INSERT INTO ${quote(name)} VALUES ${table.rows.map((row) => `(${row.map((value, index) => literal(value, types[index]!)).join(', ')})`).join(', ')}`);
}

let tables = 0;
/** The agreement over the CSV file and over a new table of the engine holding the same rows (`@@` in the text: the dataset's source). */
async function agreementsOver(engine: Engine, sla: string, csv: string, table: Table, period: ExampleAgreement['period']): Promise<{ file: ExampleAgreement; database: ExampleAgreement }> {
    const name = `parity_${++tables}`;
    await load(engine, name, table);
    const file = await writtenAgreement(sla.replace('@@', 'from "data.csv"'), { 'data.csv': csv }, period);
    const database = await writtenAgreement(sla.replace('@@', `from table "${name}" of connection warehouse`), {}, period);
    return { file, database };
}

const onEngine = (engine: Engine, agreement: ExampleAgreement, pushDown = true, skipInvalid = false): Promise<Report> =>
    evaluateWithEngines(agreement.model, { ...agreement.period, connections: { warehouse: connections[engine] }, pushDown, skipInvalid });
const locally = (agreement: ExampleAgreement, skipInvalid = false): Promise<Report> => evaluateAgreement(agreement.model, { ...agreement.period, skipInvalid });
/** The report without what names its source, nor the .sla file's path (the two agreements are two files), nor where a rejected value was (a file's line and column, a table's row). */
const same = (report: Report): unknown =>
    JSON.parse(JSON.stringify(comparable(report), (key, value: unknown) => (key === 'sourceFile' ? undefined : key === 'rejectedSamples' ? (value as { value: string; field: string }[]).map(({ value: cell, field }) => ({ cell, field })) : value)));
const failure = (promise: Promise<unknown>): Promise<Error> => promise.then(() => { throw new Error('expected an error'); }, (error: unknown) => error as Error);

describe('integers beyond ±(2^53 − 1) in an integer field', () => {
    const sla = `agreement Big "Big integers" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset transfers "Transfers" @@ {
        time   timestamp
        bytes  integer
    }
    service S "S" {
        kpi Total "Bytes" = sum(transfers.bytes)
        kpi Largest "Largest" = percentile(100, transfers.bytes)
        objective Total <= 18014398509481990 per calendar month
        objective Largest <= 9007199254740993 per calendar month
    }
}
`;
    const rows = [['2026-03-10T10:00:00Z', '9007199254740993'], ['2026-03-10T11:00:00Z', '9007199254740995'], ['2026-03-10T12:00:00Z', '5']];
    const csv = `time,bytes\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = { columns: [{ name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' }, { name: 'bytes', duckdb: 'BIGINT', postgres: 'bigint', clickhouse: 'Int64' }], rows };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: refused as a file reader refuses them (never summed rounded); with skipInvalid, the file\'s report', async (engine) => {
        const { file, database } = await agreementsOver(engine, sla, csv, table, period);
        await expect(locally(file)).rejects.toThrow(/beyond the exact range of ±9007199254740991/);
        const error = await failure(onEngine(engine, database));
        expect(error.message).toMatch(/invalid value "9007199254740993" for field bytes \(integer\) in column "bytes": the integer is beyond the exact range of ±9007199254740991 \(2\^53 − 1\): it would be read rounded/);
        expect(same(await onEngine(engine, database, true, true))).toEqual(same(await locally(file, true)));
    }, 60_000);
});

describe('a PostgreSQL timestamp without time zone', () => {
    const sla = (zone: string) => `agreement Naive "Naive times" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-04-30
    timezone "Europe/Berlin"
    dataset requests "Requests" @@ {
        ${zone}
        time  timestamp
        code  integer
    }
    service S "S" {
        kpi Count "Requests" = count(requests)
        objective Count >= 2 per calendar month
    }
}
`;
    // Around both month boundaries: 00:30 on 1 March is still 28 February in UTC, 23:30 on 30 April already 1 May in UTC+2.
    const rows = [['2026-03-01T00:30:00', '1'], ['2026-03-31T23:30:00', '2'], ['2026-04-01T00:30:00', '3'], ['2026-04-30T23:30:00', '4']];
    const csv = `time,code\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = { columns: [{ name: 'time', duckdb: 'TIMESTAMP', postgres: 'timestamp', clickhouse: null }, { name: 'code', duckdb: 'BIGINT', postgres: 'bigint', clickhouse: null }], rows };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(['duckdb', 'postgres'] as const)('%s: its wall-clock times are read in the dataset\'s declared zone, as a file\'s, pushed down and pulled', async (engine) => {
        const { file, database } = await agreementsOver(engine, sla('timezone "Europe/Berlin"'), csv, table, period);
        const expected = same(await locally(file));
        for (const pushDown of [true, false]) expect(same(await onEngine(engine, database, pushDown))).toEqual(expected);
    }, 60_000);

    it('PostgreSQL, no zone declared: refused as a file\'s naive timestamps are, never read as UTC', async () => {
        const { file, database } = await agreementsOver('postgres', sla(''), csv, table, period);
        await expect(locally(file)).rejects.toThrow(/timestamp has no UTC offset and dataset requests declares no time zone/);
        await expect(onEngine('postgres', database)).rejects.toThrow(/timestamp has no UTC offset and dataset requests declares no time zone/);
    }, 60_000);

    it('PostgreSQL, a UTC dataset: the column holds UTC instants and is still pushed down', async () => {
        const { file, database } = await agreementsOver('postgres', sla('timezone "UTC"'), csv, table, period);
        const report = await onEngine('postgres', database);
        expect(same(report)).toEqual(same(await locally(file)));
        expect(report.engines?.datasets[0]?.mode).toBe('pushed down');
    }, 60_000);
});

describe('a for-each value seen only outside the evaluation period', () => {
    // A filter on a percent field is decoded locally: that variant is pulled with only the period's rows and a statistics query.
    const sla = (kpi: string) => `agreement Scopes "Scope values" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset tickets "Tickets" @@ {
        opened    timestamp
        priority  one of "P1", "P2", "P3"
        rating    percent
    }
    service S "S" {
        kpi K "K" = ${kpi}
        objective K <= 5 per calendar month for each priority
    }
}
`;
    const rows = [['2026-02-10T10:00:00Z', 'P2', '50'], ['2026-03-10T10:00:00Z', 'P1', '60'], ['2026-03-11T10:00:00Z', 'P1', '70'], ['2026-03-12T10:00:00Z', 'P3', '80']];
    const csv = `opened,priority,rating\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = { columns: [{ name: 'opened', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' }, { name: 'priority', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'String' }, { name: 'rating', duckdb: 'DECIMAL(5, 1)', postgres: 'numeric', clickhouse: 'Decimal(9, 1)' }], rows };
    const period = { from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: listed as a window without data, as by the file engine (pushed down, pulled, pulled with the period\'s rows only)', async (engine) => {
        for (const [kpi, pushDown, mode] of [['count(tickets where priority != "P3")', true, 'pushed down'], ['count(tickets)', false, 'pulled'], ['count(tickets where rating >= 55%)', true, 'pulled']] as const) {
            const { file, database } = await agreementsOver(engine, sla(kpi), csv, table, period);
            const expected = await locally(file);
            expect(expected.objectives[0]!.windows.map((window) => window.scopeValue)).toEqual(['P1', 'P2', 'P3']);
            expect(expected.objectives[0]!.windows[1]!.status).toBe('no data');
            const report = await onEngine(engine, database, pushDown);
            expect(same(report)).toEqual(same(expected));
            expect(report.engines?.datasets[0]?.mode).toBe(mode);
        }
    }, 90_000);
});

describe('numbers and durations held in a text column', () => {
    const sla = (declared: string, target: string) => `agreement Texts "Numbers in text" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time     timestamp
        latency  ${declared} column "latency_ms"
    }
    service S "S" {
        kpi L "Median latency" = percentile(50, r.latency)
        kpi T "Total latency" = sum(r.latency)
        objective L <= ${target} per calendar month
        objective T <= ${target} per calendar month
    }
}
`;
    const rows = [['2026-03-01T10:00:00Z', '50'], ['2026-03-02T10:00:00Z', '1e-2'], ['2026-03-03T10:00:00Z', '150']];
    const csv = `time,latency_ms\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = { columns: [{ name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' }, { name: 'latency_ms', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'String' }], rows };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: read by the project\'s decoders (pulled), the file\'s report, for number and duration fields', async (engine) => {
        for (const [declared, target] of [['number', '100'], ['duration ms', '100 ms']] as const) {
            const { file, database } = await agreementsOver(engine, sla(declared, target), csv, table, period);
            const report = await onEngine(engine, database);
            expect(same(report)).toEqual(same(await locally(file)));
            expect(report.engines?.datasets[0]?.reason).toMatch(/column "latency_ms" of field latency \((number|duration)\) is .*: its values are read by the project's decoders/);
        }
    }, 60_000);
});

describe('DuckDB errors say what to check, as the servers\' do', () => {
    const sla = `agreement Missing "Missing" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" from table "nowhere" of connection warehouse {
        time  timestamp
    }
    service S "S" {
        kpi N "Requests" = count(r)
        objective N >= 1 per calendar month
    }
}
`;
    it('a missing table: at the dataset\'s line, what to check, no SQL excerpt', async () => {
        const agreement = await writtenAgreement(sla, {}, { now: Date.parse('2026-12-15T00:00:00Z') });
        const error = await failure(onEngine('duckdb', agreement)) as Error & { line?: number };
        expect(error.message).toMatch(/^dataset r .*the table "nowhere" of connection warehouse: DuckDB \(in memory\): a table does not exist: Table with name nowhere does not exist!( Did you mean "parity_\d+"\?)? \(check the dataset's table name and the connection's database\)$/);
        expect(error.message).not.toMatch(/Catalog Error|LINE 1/);
        expect(error.line).toBe(6);
    }, 60_000);

    it('a missing database file: at the dataset\'s line, what to check; the file is not created', async () => {
        const agreement = await writtenAgreement(sla, {}, { now: Date.parse('2026-12-15T00:00:00Z') });
        const missing = path.join(path.dirname(agreement.model.datasets.r!.declaration!.file), 'missing.duckdb');
        const error = await failure(evaluateWithEngines(agreement.model, { ...agreement.period, connectionConfigs: { warehouse: { name: 'warehouse', url: `duckdb://${missing}` } } })) as Error & { line?: number };
        expect(error.message).toMatch(/^dataset r .*cannot connect to connection 'warehouse': DuckDB database .*missing\.duckdb: the database file does not exist \(check the path in the connection URL/);
        expect(error.message).not.toMatch(/IO Error/);
        expect(error.line).toBe(6);
        expect(fs.existsSync(missing)).toBe(false);
    }, 60_000);
});
