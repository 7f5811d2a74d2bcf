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

/** A cell holding the empty text '' (an empty cell of `rows` is NULL). */
const EMPTY_TEXT = "''";

/** Column types per engine (`null` where the engine is not loaded), and the rows as SQL literals (epoch ms for ClickHouse timestamps). */
interface Table {
    columns: { name: string; duckdb: string; postgres: string; clickhouse: string | null }[];
    rows: string[][];
}

async function load(engine: Engine, name: string, table: Table): Promise<void> {
    const connection = connections[engine];
    const quote = (text: string) => (engine === 'clickhouse' ? `\`${text}\`` : `"${text}"`);
    const literal = (value: string, type: string) => {
        if (value === EMPTY_TEXT) return "''";
        if (value === '') return 'NULL';
        if (engine === 'clickhouse' && type.includes('Int64') && /^\d{4}-/.test(value)) return String(Date.parse(value));
        return /^-?\d+(\.\d+)?$/.test(value) && !/String|VARCHAR|text/.test(type) ? value : `'${value}'`;
    };
    const types = table.columns.map((column) => column[engine]!);
    // ClickHouse statements go to the server as the loading user (the connection only reads).
    const run = (text: string) => (engine === 'clickhouse' ? clickhouse.shards[0]!.exec(text) : connection.query({ text, params: [] }));
    await run(`CREATE TABLE ${quote(name)} (${table.columns.map((column, index) => `${quote(column.name)} ${types[index]}`).join(', ')})${engine === 'clickhouse' ? ' ENGINE = MergeTree ORDER BY tuple()' : ''}`);
    const values = table.rows.map((row) => `(${row.map((value, index) => literal(value, types[index]!)).join(', ')})`).join(', ');
    // ClickHouse: the rows in the request's body (thousands of them make too long a URL).
    if (engine === 'clickhouse') await clickhouse.shards[0]!.exec(`INSERT INTO ${quote(name)} VALUES`, values);
    else await run(`INSERT INTO ${quote(name)} VALUES ${values}`);
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

describe('filters over missing values: three-valued logic, on ClickHouse too', () => {
    const sla = `agreement Logic "Three-valued filters" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time    timestamp
        region  text optional
        status  integer optional
        home    text optional
    }
    service S "S" {
        kpi OutsideEu "Not in eu" = count(r where not (region in ("eu")))
        kpi OtherStatus "Not 200 or 500" = count(r where not (status in (200, 500)))
        kpi NotEuNowhere "Not (eu and home nowhere)" = count(r where not (region = "eu" and home = "nowhere"))
        kpi Neither "Neither us nor under 300" = count(r where not (region = "us" or status < 300))
        kpi AwayFromHome "Neither us nor home" = count(r where not (region in ("us", home)))
        objective OutsideEu <= 5 per calendar month
        objective OtherStatus <= 5 per calendar month
        objective NotEuNowhere <= 5 per calendar month
        objective Neither <= 5 per calendar month
        objective AwayFromHome <= 5 per calendar month
    }
}
`;
    // Row 3 has neither region nor status (NULL in the tables).
    const rows = [['2026-03-02T10:00:00Z', 'eu', '200', 'eu'], ['2026-03-02T11:00:00Z', 'us', '500', ''], ['2026-03-02T12:00:00Z', '', '', 'x'], ['2026-03-02T13:00:00Z', 'eu', '503', '']];
    const csv = `time,region,status,home\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = {
        columns: [
            { name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' },
            { name: 'region', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'Nullable(String)' },
            { name: 'status', duckdb: 'BIGINT', postgres: 'bigint', clickhouse: 'Nullable(Int64)' },
            { name: 'home', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'Nullable(String)' }
        ],
        rows
    };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: a missing value makes a comparison missing, `not` keeps it missing, false wins in `and`, true in `or`', async (engine) => {
        const { file, database } = await agreementsOver(engine, sla, csv, table, period);
        const report = await onEngine(engine, database);
        // Rows 1–4 (true counts, missing does not):
        //   not (region in ("eu")):                eu F, us T, missing, eu F                          → 1 (ClickHouse counted row 3: NULL IN (…) is 0)
        //   not (status in (200, 500)):            200 F, 500 F, missing, 503 T                       → 1 (ClickHouse: 2)
        //   not (region = "eu" and home = "nowhere"): not(T∧F) T, not(F∧?) = not F T, not(?∧F) = not F T, not(T∧?) ?  → 3
        //                                          (ClickHouse: 0 AND NULL and NULL AND 0 are NULL: 1)
        //   not (region = "us" or status < 300):   not(F∨T) F, not(T∨F) F, not(?∨?) ?, not(F∨F) T    → 1 (ClickHouse: NULL OR NULL is 0: 2)
        //   not (region in ("us", home)):          eu∈{us,eu} F, us∈{us,?} F, missing, eu∈{us,?} = F (a missing item matches nothing) T → 1
        //                                          (PostgreSQL, DuckDB: 'eu' IN ('us', NULL) is NULL: 0)
        expect(report.objectives.map((objective) => objective.windows[0]!.value)).toEqual([1, 1, 3, 1, 1]);
        expect(same(report)).toEqual(same(await locally(file)));
        expect(report.engines?.datasets[0]?.mode).toBe('pushed down');
    }, 60_000);
});

describe('an empty text is a missing value, as an empty cell of a file', () => {
    const sla = (region: string, notEu: string) => `agreement Blank "Empty texts" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time    timestamp
        region  ${region}
        lat     duration ms
        pct     percent
    }
    service S "S" {
        kpi Blank "Blank region" = count(r where region = "")
        kpi NotEu "Region not eu" = count(r where ${notEu})
        kpi Slowest "Slowest" = max(r.lat)
        objective Blank <= 5 per calendar month
        objective NotEu <= 5 per calendar month
        objective Slowest <= 300 ms per calendar month for each region
    }
}
`;
    // ClickHouse's usual layout: a String column (not Nullable) holding '' for no value. PostgreSQL and DuckDB: '' in row 1, NULL in row 3.
    const rowsOf = (engine: Engine, third: string) => [['2026-03-02T10:00:00Z', EMPTY_TEXT, '5', '99'], ['2026-03-02T11:00:00Z', 'eu', '7', '99'], ['2026-03-02T12:00:00Z', third === '' && engine === 'clickhouse' ? EMPTY_TEXT : third, '9', '99']];
    const tableOf = (engine: Engine, third: string): Table => ({
        columns: [
            { name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' },
            { name: 'region', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'String' },
            { name: 'lat', duckdb: 'BIGINT', postgres: 'bigint', clickhouse: 'Int64' },
            { name: 'pct', duckdb: 'DECIMAL(5, 1)', postgres: 'numeric', clickhouse: 'Decimal(9, 1)' }
        ],
        rows: rowsOf(engine, third)
    });
    const csvOf = (third: string) => `time,region,lat,pct\n2026-03-02T10:00:00Z,,5,99\n2026-03-02T11:00:00Z,eu,7,99\n2026-03-02T12:00:00Z,${third},9,99\n`;
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: an optional text field: never a value in a filter, never a `for each` value (pushed down, pulled with the period\'s rows)', async (engine) => {
        // A filter on a percent field is decoded locally: that variant is pulled with only the period's rows and a statistics query.
        for (const [notEu, mode] of [['region != "eu"', 'pushed down'], ['region != "eu" and pct >= 50%', 'pulled']] as const) {
            const { file, database } = await agreementsOver(engine, sla('text optional', notEu), csvOf(''), tableOf(engine, ''), period);
            const report = await onEngine(engine, database);
            // Rows 1 and 3 have no region: region = "" and region != "eu" are missing there, false in row 2 (eu): 0 and 0.
            // Slowest per region: "eu" alone (row 2, 7 ms); no scope "" (pushed down it was one, pulled a scope without data).
            expect(report.objectives.slice(0, 2).map((objective) => objective.windows[0]!.value)).toEqual([0, 0]);
            expect(report.objectives[2]!.windows.map((window) => [window.scopeValue, window.value])).toEqual([['eu', 7]]);
            expect(same(report)).toEqual(same(await locally(file)));
            expect(report.engines?.datasets[0]?.mode).toBe(mode);
        }
    }, 60_000);

    it.each(ENGINES)('%s: a required text field: the row is refused as a file\'s empty cell is; with skipInvalid, the file\'s report', async (engine) => {
        const { file, database } = await agreementsOver(engine, sla('text', 'region != "eu"'), csvOf('us'), tableOf(engine, 'us'), period);
        await expect(locally(file)).rejects.toThrow(/empty value for required field region \(text/);
        await expect(onEngine(engine, database)).rejects.toThrow(/empty value for required field region \(text/);
        // Rows 2 (eu) and 3 (us) are read: region != "eu" counts row 3 (1); Slowest: eu 7 ms, us 9 ms.
        const report = await onEngine(engine, database, true, true);
        expect(report.objectives[1]!.windows[0]!.value).toBe(1);
        expect(report.objectives[2]!.windows.map((window) => [window.scopeValue, window.value])).toEqual([['eu', 7], ['us', 9]]);
        expect(same(report)).toEqual(same(await locally(file, true)));
    }, 60_000);
});

describe('an integer field over a decimal or float column holding a fraction', () => {
    const sla = `agreement Fraction "Fractions" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time    timestamp
        errors  integer
    }
    service S "S" {
        kpi Errors "Errors" = sum(r.errors)
        objective Errors <= 5 per calendar month
    }
}
`;
    const rows = [['2026-03-02T10:00:00Z', '2.5'], ['2026-03-02T11:00:00Z', '3']];
    const csv = `time,errors\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const tableOf = (errors: Table['columns'][number]): Table => ({ columns: [{ name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' }, errors], rows });
    const decimal = tableOf({ name: 'errors', duckdb: 'DECIMAL(5, 1)', postgres: 'numeric', clickhouse: 'Decimal(9, 1)' });
    const float = tableOf({ name: 'errors', duckdb: 'DOUBLE', postgres: 'double precision', clickhouse: 'Float64' });
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: refused as a file reader refuses 2.5 ("expected an integer"), never summed (5.5); with skipInvalid, the file\'s report', async (engine) => {
        for (const table of [decimal, float]) {
            const { file, database } = await agreementsOver(engine, sla, csv, table, period);
            await expect(locally(file)).rejects.toThrow(/invalid value "2\.5" for field errors \(integer\) in column 2 \(errors\): expected an integer/);
            await expect(onEngine(engine, database)).rejects.toThrow(/invalid value "2\.5" for field errors \(integer\) in column "errors": expected an integer/);
            // Without the refused row: 3, met (<= 5); pushed down 2.5 + 3 = 5.5 was breached.
            const report = await onEngine(engine, database, true, true);
            expect(report.objectives[0]!.windows[0]!.value).toBe(3);
            expect(same(report)).toEqual(same(await locally(file, true)));
        }
    }, 60_000);
});

describe('float columns: their SQL sums are not exact, so they are pulled', () => {
    const sla = `agreement Floats "Floats" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time  timestamp
        f     number
    }
    service S "S" {
        kpi Total "Total" = sum(r.f)
        objective Total <= 10 per calendar month
    }
}
`;
    const table = (values: string[]): Table => ({
        columns: [{ name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' }, { name: 'f', duckdb: 'DOUBLE', postgres: 'double precision', clickhouse: 'Float64' }],
        rows: values.map((value, index) => [`2026-03-02T1${index}:00:00Z`, value])
    });
    const csv = (values: string[]) => `time,f\n${values.map((value, index) => `2026-03-02T1${index}:00:00Z,${value}`).join('\n')}\n`;
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: the file\'s exact decimal sum', async (engine) => {
        // 0.1 + 0.2 = 0.3 in decimals (a float sum, as ClickHouse's SUM(Float64), gives 0.30000000000000004).
        // 3 × 1.0000000000000002 = 3.0000000000000006 in decimals, reported as the nearest double, 3.0000000000000004 (doubles next
        // to 3 are 2^-51 ≈ 4.44e-16 apart: 6e-16 is nearer 4.44e-16 than 8.88e-16); PostgreSQL's float8 → numeric kept 15 digits: 3.
        for (const [values, total] of [[['0.1', '0.2'], 0.3], [['1.0000000000000002', '1.0000000000000002', '1.0000000000000002'], 3.0000000000000004]] as const) {
            const { file, database } = await agreementsOver(engine, sla, csv([...values]), table([...values]), period);
            const report = await onEngine(engine, database);
            expect(report.objectives[0]!.windows[0]!.value).toBe(total);
            expect(same(report)).toEqual(same(await locally(file)));
            expect(report.engines?.datasets[0]?.reason).toMatch(/^column "f" is (DOUBLE|double precision|Float64): its sum would not be exact in SQL/);
        }
    }, 60_000);
});

describe('Nullable columns on ClickHouse: percentiles by counting rounds', () => {
    const sla = `agreement Nullable "Nullable columns" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time     timestamp optional
        region   text optional
        latency  duration ms column "latency_ms" optional
    }
    service S "S" {
        kpi P95 "95th percentile" = percentile(95, r.latency)
        objective P95 <= 300 ms per calendar month
        objective P95 <= 300 ms per calendar month for each region
    }
}
`;
    // Row i (0…2999) every 10 minutes from 1 March: latency i/100 ms, region eu (even i) or us (odd i); row 7 has no latency,
    // row 11 no region; one more row has no time. Values 0…29.99 ms span 30 ms: round 1 counts buckets of 1/32 ms, which
    // hold several values each, so a second round counts again (the round that failed on Nullable columns).
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([new Date(Date.UTC(2026, 2, 1) + i * 600_000).toISOString(), i === 11 ? '' : i % 2 === 0 ? 'eu' : 'us', i === 7 ? '' : (i / 100).toFixed(2)]);
    rows.push(['', 'eu', '5.00']);
    const csv = `time,region,latency_ms\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = {
        columns: [
            { name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Nullable(Int64)' },
            { name: 'region', duckdb: 'VARCHAR', postgres: 'text', clickhouse: 'Nullable(String)' },
            { name: 'latency_ms', duckdb: 'DECIMAL(18, 2)', postgres: 'numeric', clickhouse: 'Nullable(Decimal(18, 2))' }
        ],
        rows
    };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: a Nullable value, scope and time column give the file\'s percentiles', async (engine) => {
        const { file, database } = await agreementsOver(engine, sla, csv, table, period);
        const report = await onEngine(engine, database);
        // All: n = 2,999 (not row 7), k = ceil(0.95 · 2999) = ceil(2849.05) = 2850; ranks 1–7 are rows 0–6, rank r ≥ 8 is row r: 28.50 ms.
        // eu: the even rows, n = 1,500, k = ceil(0.95 · 1500) = 1425: row 2 · 1424 = 2848, 28.48 ms.
        // us: the odd rows but 7 and 11, n = 1,498, k = ceil(1423.1) = 1424; ranks 1–4 are rows 1, 3, 5, 9, rank r ≥ 5 is row 2r + 3: 2851, 28.51 ms.
        expect(report.objectives[0]!.windows[0]!.value).toBe(28.5);
        expect(report.objectives[1]!.windows.map((window) => [window.scopeValue, window.value])).toEqual([['eu', 28.48], ['us', 28.51]]);
        expect(same(report)).toEqual(same(await locally(file)));
        expect(report.engines?.datasets[0]?.mode).toBe('pushed down');
    }, 90_000);
});

describe('columns that cannot hold their fields', () => {
    // The dataset is declared on line 6, its fields ok on line 8 and status on line 9 (counted by hand).
    const sla = `agreement Types "Column types" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset r "Requests" @@ {
        time    timestamp
        ok      boolean
        status  integer
        region  text
    }
    service S "S" {
        kpi Errors "Errors" = count(r where status >= 500)
        kpi Ok "Ok" = count(r where ok)
        kpi Eu "Eu" = count(r where region = "eu")
        objective Errors <= 5 per calendar month
        objective Ok >= 0 per calendar month
        objective Eu >= 0 per calendar month
    }
}
`;
    const time = { name: 'time', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: a boolean and an integer field over timestamp columns: both named at once, at the dataset\'s line, pushed down and pulled', async (engine) => {
        const stamp = { duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'DateTime' };
        const table: Table = {
            columns: [time, { name: 'ok', ...stamp }, { name: 'status', ...stamp }, { name: 'region', duckdb: 'INTEGER', postgres: 'integer', clickhouse: 'Int64' }],
            rows: [['2026-03-02T10:00:00Z', '2026-03-02 10:00:00', '2026-03-02 10:00:00', '3']]
        };
        const { database } = await agreementsOver(engine, sla, 'time,ok,status,region\n', table, period);
        const type = engine === 'duckdb' ? 'TIMESTAMP WITH TIME ZONE' : engine === 'postgres' ? 'timestamp with time zone' : 'DateTime';
        for (const pushDown of [true, false]) {
            const error = await failure(onEngine(engine, database, pushDown)) as Error & { line?: number };
            expect(error.message).toMatch(new RegExp(`^dataset r .*: 2 columns of the table "parity_\\d+" of connection warehouse cannot hold their fields — column "ok" is ${type}, which cannot hold field ok \\(boolean, declared at .*agreement\\.sla:8\\); a boolean field reads a boolean column, integers 0 and 1, or text holding true/false: declare the field with the column's type, or convert the column.* — column "status" is ${type}, which cannot hold field status \\(integer, declared at .*agreement\\.sla:9\\); an integer field reads a number column \\(integer, decimal, float\\) or text holding numbers`));
            expect(error.message).not.toMatch(/operator does not exist|column "region"/);
            expect(error.line).toBe(6);
        }
    }, 60_000);

    it.each(ENGINES)('%s: a boolean field over integers 0/1 and a text field over integers: read as a file\'s cells, pushed down and pulled', async (engine) => {
        const table: Table = {
            columns: [time, { name: 'ok', duckdb: 'INTEGER', postgres: 'integer', clickhouse: 'UInt8' }, { name: 'status', duckdb: 'BIGINT', postgres: 'bigint', clickhouse: 'Int64' }, { name: 'region', duckdb: 'INTEGER', postgres: 'integer', clickhouse: 'Int64' }],
            rows: [['2026-03-02T10:00:00Z', '1', '503', '3'], ['2026-03-02T11:00:00Z', '0', '200', '4']]
        };
        const csv = 'time,ok,status,region\n2026-03-02T10:00:00Z,1,503,3\n2026-03-02T11:00:00Z,0,200,4\n';
        const { file, database } = await agreementsOver(engine, sla, csv, table, period);
        const expected = await locally(file);
        // status >= 500: row 1 (503); ok: row 1 (1); region = "eu": neither ("3", "4").
        expect(expected.objectives.map((objective) => objective.windows[0]!.value)).toEqual([1, 1, 0]);
        for (const pushDown of [true, false]) expect(same(await onEngine(engine, database, pushDown))).toEqual(same(expected));
    }, 60_000);
});

describe('an elapsed(a, b) whose end is before its start: an invalid row, as in a file', () => {
    const sla = (filter: string) => `agreement Order "Ordered times" {
    provider P "P"
    customer C "C"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    dataset t "Tickets" @@ {
        opened    timestamp
        resolved  timestamp optional
        pct       percent
    }
    service S "S" {
        kpi Longest "Longest" = max(elapsed(t.opened, t.resolved))
        kpi Quick "Within an hour" = count(t where elapsed(opened, resolved) <= 1 hours${filter})
        objective Longest <= 3 hours per calendar month
        objective Quick >= 1 per calendar month
    }
}
`;
    // Row 2 was resolved an hour before it was opened; row 3 is still open (no end: not out of order).
    const rows = [['2026-03-02T09:00:00Z', '2026-03-02T09:30:00Z', '99'], ['2026-03-02T11:00:00Z', '2026-03-02T10:00:00Z', '99'], ['2026-03-02T12:00:00Z', '', '99'], ['2026-03-03T09:00:00Z', '2026-03-03T11:00:00Z', '99']];
    const csv = `opened,resolved,pct\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const table: Table = {
        columns: [
            { name: 'opened', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Int64' },
            { name: 'resolved', duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz', clickhouse: 'Nullable(Int64)' },
            { name: 'pct', duckdb: 'DECIMAL(5, 1)', postgres: 'numeric', clickhouse: 'Decimal(9, 1)' }
        ],
        rows
    };
    const period = { now: Date.parse('2026-12-15T00:00:00Z') };

    it.each(ENGINES)('%s: the file\'s error at the end\'s value; with skipInvalid, 1 rejected and the file\'s report (pushed down, pulled with the period\'s rows)', async (engine) => {
        // A filter on a percent field is decoded locally: that variant is pulled with only the period's rows and a statistics query.
        for (const filter of ['', ' and pct >= 50%']) {
            const { file, database } = await agreementsOver(engine, sla(filter), csv, table, period);
            await expect(locally(file)).rejects.toThrow(/data\.csv:3:2: invalid row: resolved 2026-03-02T10:00:00\+00:00 in column 2 \(resolved\) is before opened 2026-03-02T11:00:00\+00:00 in column 1 \(opened\): elapsed\(opened, resolved\) cannot be negative/);
            // The table ordered by opening: row 2 too.
            await expect(onEngine(engine, database)).rejects.toThrow(/row 2: invalid row: resolved 2026-03-02T10:00:00\+00:00 in column "resolved" is before opened 2026-03-02T11:00:00\+00:00 in column "opened": elapsed\(opened, resolved\) cannot be negative/);
            // Rows 1 and 4 measured (30 min, 2 h); row 3 open, judged as of its data's end (§ 14.7: the last event, 3 Mar 09:00):
            // 2 Mar 12:00 → 3 Mar 09:00 = 21 h. Longest 21 h; Quick counts row 1 only (30 min ≤ 1 h): 1. Measured, the reversed row
            // would have been a quick −1 h (Quick 2).
            const report = await onEngine(engine, database, true, true);
            expect(report.datasets[0]).toMatchObject({ rows: 3, rejected: 1, rejectedSamples: [{ field: 'resolved', value: '2026-03-02T10:00:00+00:00' }] });
            expect(report.objectives.map((objective) => objective.windows[0]!.value)).toEqual([21 * 3_600_000, 1]);
            expect(same(report)).toEqual(same(await locally(file, true)));
            expect(report.engines?.datasets[0]?.mode).toBe('pulled');
        }
    }, 60_000);
});
