/**
 * Evaluation through DuckDB gives the same report as the local engine: every example with
 * `--engine duckdb` (CSV read by DuckDB, decoded by the project), and a generated corpus as CSV
 * and as typed Parquet (pushed down: counts, exact sums, min/max, k-th values). Reports are
 * compared whole, after removing the `engines` addition and the dataset paths (a Parquet file
 * is another file), each valid under the strict JSON Schema of the report. Errors of tables and Parquet files name the dataset and its .sla line.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestRankK } from '@sla/engine';
import { expectValidReport } from './json-schema-check.js';
import { exampleFiles, root, runSla, temporaryFolder } from './run-cli.js';
import { random as seededRandom } from '../../language/test/random.js';

const NOW = '2026-12-31T00:00:00Z';

function report(args: string[]): Record<string, unknown> {
    const result = runSla(['evaluate', ...args, '--format', 'json', '--now', NOW]);
    expect(result.code, result.stderr).toBeLessThanOrEqual(1);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    // Read through DuckDB, a table or a Parquet file, the report keeps its contract (the `engines` part too).
    expectValidReport(json);
    return json;
}

function comparable(value: Record<string, unknown>): string {
    const copy = structuredClone(value);
    delete copy.engines;
    delete copy.sourceFile; // the same agreement, written with another source
    for (const dataset of [...(copy.datasets as Record<string, unknown>[]), ...((copy.pauses ?? []) as Record<string, unknown>[]), ...((copy.listedMaintenance ?? []) as Record<string, unknown>[])]) delete dataset.path;
    // A late maintenance period's place: a line of the CSV file, a row of the table or Parquet file.
    copy.notes = (copy.notes as string[]).map((note) => note.replace(/\([^()]*:\d+, /g, '('));
    return JSON.stringify(copy, null, 1);
}

describe('examples: local and --engine duckdb give identical reports', () => {
    for (const file of exampleFiles()) {
        it(file, () => {
            if (!/^\s*agreement\s/m.test(fs.readFileSync(path.resolve(root, file), 'utf8'))) return; // shared definitions only
            const local = report([file]);
            const duck = report([file, '--engine', 'duckdb']);
            expect(comparable(duck)).toBe(comparable(local));
            if (duck.engines !== undefined) expect((duck.engines as { datasets: unknown[] }).datasets.length).toBeGreaterThan(0);
        }, 60_000);
    }
});

const CORPUS_SLA = `agreement Corpus "Generated corpus" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month

    dataset requests "Requests" from "requests.csv" {
        time      timestamp
        region    one of "eu", "us", "apac"
        latency   duration ms column "latency_ms"
        status    integer
        amount    number
    }

    service Shop "Shop" {
        kpi P999 "p99.9" = percentile(99.9, requests.latency)
        kpi P50 "median of errors" = percentile(50, requests.latency where status >= 500)
        kpi ErrorRate "errors" = count(requests where status >= 500) / count(requests)
        kpi Revenue "revenue" = sum(requests.amount where region != "apac")
        kpi AvgAmount "mean amount" = avg(requests.amount)
        kpi Slowest "max latency" = max(requests.latency where region in ("eu", "us"))
        kpi Fastest "min latency" = min(requests.latency)

        objective P999 <= 900 ms per calendar month
        objective P50 <= 600 ms per rolling 7 days for each region
        objective P50 <= 500 ms per calendar month for each region
        objective ErrorRate < 5% per calendar month
        objective Revenue >= 100 per calendar month for each region
        objective AvgAmount >= 0.5 per calendar day
        objective Slowest <= 990 ms per calendar month
        objective Fastest >= 1 ms per calendar quarter

        credit for ErrorRate per calendar month, capped at 50% of fee {
            at least 1% : 10% of fee
        }
    }
}
`;

/**
 * Rows in March (the DST change of 29 March in Berlin), October (25 October) and a
 * quiet February with no rows at all for apac: exactly 1,000 rows in March for p = 99.9 %
 * (rank 999, computed in integers), latencies with many ties (multiples of 10), and amounts of
 * 0.1 and 0.2 whose float sum is not their decimal sum.
 */
function writeCorpus(folder: string): void {
    const random = seededRandom(42);
    const lines = ['time,region,latency_ms,status,amount'];
    const month = (start: number, days: number, count: number, regions: string[]) => {
        for (let i = 0; i < count; i++) {
            const at = new Date(start + Math.floor(random() * days * 86_400_000));
            const region = regions[Math.floor(random() * regions.length)]!;
            const status = random() < 0.04 ? 503 : 200;
            const amount = random() < 0.5 ? '0.1' : '0.2';
            lines.push(`${at.toISOString()},${region},${10 * (1 + Math.floor(random() * 99))},${status},${amount}`);
        }
    };
    month(Date.UTC(2026, 1, 1), 28, 40, ['eu', 'us']);
    month(Date.UTC(2026, 2, 1), 31, 1000, ['eu', 'us', 'apac']);
    month(Date.UTC(2026, 9, 1), 31, 300, ['eu', 'us', 'apac']);
    lines.push('2026-03-29T01:30:00Z,eu,7,200,0.1', '2026-10-25T00:30:00Z,us,7,500,0.2', '2026-10-25T01:30:00Z,apac,7,200,0.3');
    fs.writeFileSync(path.join(folder, 'requests.csv'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(folder, 'corpus.sla'), CORPUS_SLA);
}

async function writeParquet(folder: string): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const csv = path.join(folder, 'requests.csv').replace(/'/g, "''");
    const parquet = path.join(folder, 'requests.parquet').replace(/'/g, "''");
    await connection.run(`COPY (SELECT CAST("time" AS TIMESTAMPTZ) AS "time", region, CAST(latency_ms AS BIGINT) AS latency_ms, CAST(status AS INTEGER) AS status, CAST(amount AS DECIMAL(18, 2)) AS amount FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
}

describe('generated corpus: local CSV, DuckDB CSV and DuckDB Parquet agree', () => {
    it('gives identical reports, the Parquet one pushed down', async () => {
        const folder = temporaryFolder('sql-corpus');
        writeCorpus(folder);
        await writeParquet(folder);
        const sla = path.join(folder, 'corpus.sla');
        const local = report([sla]);
        const duckCsv = report([sla, '--engine', 'duckdb']);
        const parquet = report([sla, '--data', `requests=${path.join(folder, 'requests.parquet')}`]);
        expect(comparable(duckCsv)).toBe(comparable(local));
        expect(comparable(parquet)).toBe(comparable(local));
        const engines = parquet.engines as { datasets: { mode: string }[]; pushedDown: string[]; pulled: string[] };
        expect(engines.datasets[0]!.mode).toBe('pushed down');
        expect(engines.pulled).toEqual([]);
        expect(engines.pushedDown).toContain('Shop.P999');
        // P50 per rolling 7 days and region: 365 windows × 3 regions is more than 500 k-th value queries, so values are counted per day instead.
        expect((engines.datasets[0] as unknown as { queries: number }).queries).toBeLessThan(100);
        // The March P99.9 over exactly 1,001 rows (1,000 generated + the DST row) is a real value, and Revenue is an exact decimal sum (no 0.30000000000000004 tails).
        expect(JSON.stringify(parquet)).not.toMatch(/0000000000000\d/);
    }, 120_000);
});

describe('nearest rank in integers', () => {
    it('computes k = ceil(p·n/100) without float error', () => {
        // By hand: 99.9 % of 1,000 is 999 exactly; 7 % of 100 is 7 (PostgreSQL's percentile_disc takes 8); 95 % of 20 is 19; 50 % of 1 is 1.
        expect(nearestRankK(99.9, 1000)).toBe(999);
        expect(nearestRankK(7, 100)).toBe(7);
        expect(nearestRankK(95, 20)).toBe(19);
        expect(nearestRankK(50, 1)).toBe(1);
        expect(nearestRankK(99.9, 1001)).toBe(1000); // 999.999 → 1000
    });
});

describe('errors of tables and Parquet files', () => {
    it('names the dataset and its .sla line for a missing column (exit 2)', async () => {
        const folder = temporaryFolder('sql-missing');
        writeCorpus(folder);
        await writeParquet(folder);
        fs.writeFileSync(path.join(folder, 'corpus.sla'), CORPUS_SLA.replace('amount    number', 'amount    number column "price"').replace('from "requests.csv"', 'from "requests.parquet"'));
        const result = runSla(['evaluate', path.join(folder, 'corpus.sla'), '--now', NOW]);
        expect(result.code).toBe(2);
        // The dataset is declared on line 8 of corpus.sla.
        expect(result.stderr).toMatch(/corpus\.sla:8:5: error: dataset requests .*no column "price"/);
    }, 60_000);

    it('a CSV file DuckDB would read in UTF-16, with semicolons, after a title line, or that is no data file is said to be so, as by the local reader (exit 2)', () => {
        const folder = temporaryFolder('sql-csv-shapes');
        writeCorpus(folder);
        const sla = path.join(folder, 'corpus.sla');
        fs.writeFileSync(sla, CORPUS_SLA);
        const text = fs.readFileSync(path.join(folder, 'requests.csv'), 'utf8');
        const evaluate = (name: string, content: string | Buffer) => {
            fs.writeFileSync(path.join(folder, name), content);
            return runSla(['evaluate', sla, '--engine', 'duckdb', '--data', `requests=${path.join(folder, name)}`, '--now', NOW]);
        };
        // UTF-16 with its byte order mark: DuckDB said "Error when sniffing file … not possible to automatically detect the CSV parsing dialect".
        const utf16 = evaluate('utf16.csv', Buffer.from(`\uFEFF${text}`, 'utf16le'));
        expect(utf16.code).toBe(2);
        expect(utf16.stderr).toMatch(/corpus\.sla:8:5: error: dataset requests .*cannot read the CSV file .*utf16\.csv: the file is UTF-16 \(little-endian\) text, and data files are read as UTF-8: declare encoding "utf-16" in the dataset, or save it as UTF-8/);
        expect(utf16.stderr).not.toMatch(/sniffing/);
        const semicolons = evaluate('semicolons.csv', text.replaceAll(',', ';'));
        expect(semicolons.code).toBe(2);
        expect(semicolons.stderr).toMatch(/corpus\.sla:8:5: error: dataset requests .*has none of the declared columns in its first line: the file seems to separate its columns with semicolons/);
        // A title before the header: DuckDB's sniffer skipped it and read on, where the local reader stops; both stop now.
        const titled = evaluate('titled.csv', `Requests - exported 2026-12-31\n${text}`);
        expect(titled.code).toBe(2);
        expect(titled.stderr).toContain('has none of the declared columns in its first line: the declared columns are named on line 2: line 1 is not the header');
        const local = runSla(['evaluate', sla, '--data', `requests=${path.join(folder, 'titled.csv')}`, '--now', NOW]);
        expect(local.code).toBe(2);
        expect(local.stderr).toContain('the declared columns are named on line 2: line 1 is not the header');
        // A file that is no data file (a path pointing at a token) is not quoted; a file of this dataset is.
        const token = evaluate('token.csv', 'S3cret-token-value\n');
        expect(token.code).toBe(2);
        expect(token.stderr).toMatch(/has no column "time" for field time \(1 column, not quoted/);
        expect(token.stderr).not.toContain('S3cret');
        const renamed = evaluate('renamed.csv', text.replace('amount', 'price'));
        expect(renamed.stderr).toMatch(/has no column "amount" for field amount \(its columns: "time", "region", "latency_ms", "status", "price"\)/);
    }, 60_000);

    it('a CSV file with semicolons and decimal commas, declared so, gives the report of the same data with commas, locally and through DuckDB', () => {
        const folder = temporaryFolder('sql-csv-dialect');
        writeCorpus(folder);
        const plain = report([path.join(folder, 'corpus.sla')]);
        // Excel's dialect: semicolons between columns, a decimal comma in the amounts (0,1; 0,2; 0,3).
        const lines = fs.readFileSync(path.join(folder, 'requests.csv'), 'utf8').trimEnd().split('\n');
        const excel = lines.map((line, i) => {
            const cells = line.split(',');
            if (i > 0) cells[4] = cells[4]!.replace('.', ',');
            return cells.join(';');
        });
        expect(excel[1]).toMatch(/^2026-[^;]+;(eu|us);\d+;(200|503);0,[12]$/);
        fs.writeFileSync(path.join(folder, 'excel.csv'), `${excel.join('\r\n')}\r\n`);
        const sla = path.join(folder, 'excel.sla');
        // On the dataset's line, so that every other line (the report's source lines) stays where it was.
        fs.writeFileSync(sla, CORPUS_SLA.replace('from "requests.csv" {', 'from "excel.csv" { separator ";" decimal ","'));
        expect(comparable(report([sla]))).toBe(comparable(plain));
        expect(comparable(report([sla, '--engine', 'duckdb']))).toBe(comparable(plain));
        // Declared without the decimal mark: the check of the file's first record stops it before evaluation, at the field.
        fs.writeFileSync(sla, CORPUS_SLA.replace('from "requests.csv" {', 'from "excel.csv" { separator ";"'));
        const refused = runSla(['evaluate', sla, '--now', NOW]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/excel\.sla:13:\d+: error: The first record's amount is "0,[12]", written with a decimal comma, and the dataset reads decimal points: evaluation will stop\. Declare decimal "," in the dataset\. \[sla\/csv-dialect\]/);
        // The same file given with --data is not the declared one the check read: evaluation reads it, and its amounts are invalid values, named with their line.
        const undeclared = runSla(['evaluate', sla, '--data', `requests=${path.join(folder, 'excel.csv')}`, '--now', NOW]);
        expect(undeclared.code).toBe(2);
        expect(undeclared.stderr).toMatch(/excel\.csv:2:5: error: invalid value "0,[12]" for field amount \(number\) in column 5 \(amount\): expected a number; the number is written with a decimal comma: declare decimal "," in the dataset/);
    }, 60_000);

    it('refuses a table of a connection nobody configured (exit 2), and a password in a URL without repeating it', () => {
        const folder = temporaryFolder('sql-connection');
        writeCorpus(folder);
        fs.writeFileSync(path.join(folder, 'corpus.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "public"."requests" of connection warehouse'));
        const sla = path.join(folder, 'corpus.sla');
        const unknown = runSla(['evaluate', sla, '--now', NOW]);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/corpus\.sla:8:5: error: dataset requests .*no connection named 'warehouse'/);
        const withPassword = runSla(['evaluate', sla, '--connection', 'warehouse=postgres://sla:S3cret-pw@localhost:5432/ops']);
        expect(withPassword.code).toBe(2);
        expect(withPassword.stderr).toMatch(/holds a password/);
        expect(withPassword.stderr).not.toContain('S3cret-pw');
    });

    it('a table dataset parses and validates', () => {
        const folder = temporaryFolder('sql-validate');
        writeCorpus(folder);
        fs.writeFileSync(path.join(folder, 'corpus.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "requests" of connection lake'));
        const result = runSla(['validate', path.join(folder, 'corpus.sla')]);
        expect(result.stderr).not.toMatch(/error/);
    });
});

describe('tables of a DuckDB database named in .slarc.json', () => {
    /** A DuckDB database file with the corpus as a typed table, named by `.slarc.json`. */
    async function databaseProject(table: string, columns: { time: string; region: string; latency: string; status: string; amount: string }, regionValue = (region: string) => region): Promise<string> {
        const folder = temporaryFolder('sql-table');
        writeCorpus(folder);
        const instance = await DuckDBInstance.create(path.join(folder, 'ops.duckdb'));
        const connection = await instance.connect();
        const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
        const csv = path.join(folder, 'requests.csv').replace(/'/g, "''");
        await connection.run(`CREATE SCHEMA ${q('sla')}`);
        await connection.run(`CREATE TABLE ${q('sla')}.${q(table)} AS SELECT CAST("time" AS TIMESTAMPTZ) AS ${q(columns.time)}, region AS ${q(columns.region)}, CAST(latency_ms AS BIGINT) AS ${q(columns.latency)}, CAST(status AS INTEGER) AS ${q(columns.status)}, CAST(amount AS DECIMAL(18, 2)) AS ${q(columns.amount)} FROM read_csv('${csv}', all_varchar = true)`);
        // Hostile enum values are data: rename the regions inside the table.
        for (const region of ['eu', 'us', 'apac']) await connection.run(`UPDATE ${q('sla')}.${q(table)} SET ${q(columns.region)} = $1 WHERE ${q(columns.region)} = $2`, [regionValue(region), region]);
        connection.closeSync();
        instance.closeSync();
        fs.writeFileSync(path.join(folder, '.slarc.json'), JSON.stringify({ connections: { lake: { url: `duckdb://${path.join(folder, 'ops.duckdb')}` } } }));
        return folder;
    }

    it('evaluates a table on DuckDB, pushed down, with the report of the local CSV', async () => {
        const folder = await databaseProject('requests', { time: 'time', region: 'region', latency: 'latency_ms', status: 'status', amount: 'amount' });
        const local = report([path.join(folder, 'corpus.sla')]);
        fs.writeFileSync(path.join(folder, 'table.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "sla"."requests" of connection lake'));
        const result = runSla(['evaluate', 'table.sla', '--format', 'json', '--now', NOW], { cwd: folder });
        expect(result.code, result.stderr).toBeLessThanOrEqual(1);
        const table = JSON.parse(result.stdout) as Record<string, unknown>;
        expectValidReport(table);
        expect(comparable(table)).toBe(comparable(local));
        expect((table.engines as { datasets: { mode: string; connection: string }[] }).datasets[0]).toMatchObject({ mode: 'pushed down', connection: 'lake' });
    }, 120_000);

    it('reads hostile table, column and enum names as data (quotes, semicolons, backslashes, comment markers)', async () => {
        const hostile = (name: string) => `${name}"; DROP TABLE x; -- \\ /* '`;
        const columns = { time: hostile('time'), region: hostile('region'), latency: hostile('lat'), status: hostile('status'), amount: hostile('amount') };
        const enumValue = (region: string) => `${region}' OR '1'='1"; --`;
        const folder = await databaseProject(hostile('requests'), columns, enumValue);
        const local = report([path.join(folder, 'corpus.sla')]);
        const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        const sla = CORPUS_SLA
            .replace('from "requests.csv"', `from table "sla"."${escape(hostile('requests'))}" of connection lake`)
            .replace('time      timestamp', `time      timestamp column "${escape(columns.time)}"`)
            .replace('region    one of "eu", "us", "apac"', `region    one of "${escape(enumValue('eu'))}", "${escape(enumValue('us'))}", "${escape(enumValue('apac'))}" column "${escape(columns.region)}"`)
            .replace('duration ms column "latency_ms"', `duration ms column "${escape(columns.latency)}"`)
            .replace('status    integer', `status    integer column "${escape(columns.status)}"`)
            .replace('amount    number', `amount    number column "${escape(columns.amount)}"`)
            .replace('region != "apac"', `region != "${escape(enumValue('apac'))}"`)
            .replace('region in ("eu", "us")', `region in ("${escape(enumValue('eu'))}", "${escape(enumValue('us'))}")`);
        fs.writeFileSync(path.join(folder, 'hostile.sla'), sla);
        const result = runSla(['evaluate', 'hostile.sla', '--format', 'json', '--now', NOW], { cwd: folder });
        expect(result.code, result.stderr).toBeLessThanOrEqual(1);
        const table = JSON.parse(result.stdout) as Record<string, unknown>;
        expectValidReport(table);
        // Same numbers as the local CSV: the region values differ only in their names (scope values in the report).
        const renamed = comparable(local).replace(/"(eu|us|apac)"/g, (_, region: string) => JSON.stringify(enumValue(region)));
        expect(comparable(table)).toBe(renamed);
        expect((table.engines as { datasets: { mode: string }[] }).datasets[0]!.mode).toBe('pushed down');
    }, 120_000);

    it('a column of the wrong type names the dataset and its line (exit 2)', async () => {
        const folder = await databaseProject('requests', { time: 'time', region: 'region', latency: 'latency_ms', status: 'status', amount: 'amount' });
        fs.writeFileSync(path.join(folder, 'wrong.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "sla"."requests" of connection lake').replace('amount    number', 'amount    number column "time"'));
        const result = runSla(['evaluate', 'wrong.sla', '--now', NOW], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/wrong\.sla:8:5: error: dataset requests .*column "time" of the table "sla"\."requests" of connection lake is TIMESTAMP WITH TIME ZONE, which cannot hold field amount \(number\)/);
    }, 60_000);
});

describe('Parquet globs', () => {
    it('reads several Parquet files as one dataset', async () => {
        const folder = temporaryFolder('sql-glob');
        writeCorpus(folder);
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        const csv = path.join(folder, 'requests.csv').replace(/'/g, "''");
        for (const [name, condition] of [['a', '<'], ['b', '>=']] as const) {
            const target = path.join(folder, `requests-${name}.parquet`).replace(/'/g, "''");
            await connection.run(`COPY (SELECT CAST("time" AS TIMESTAMPTZ) AS "time", region, CAST(latency_ms AS BIGINT) AS latency_ms, CAST(status AS INTEGER) AS status, CAST(amount AS DECIMAL(18, 2)) AS amount FROM read_csv('${csv}', all_varchar = true) WHERE "time" ${condition} '2026-03-15') TO '${target}' (FORMAT parquet)`);
        }
        connection.closeSync();
        instance.closeSync();
        const local = report([path.join(folder, 'corpus.sla')]);
        fs.writeFileSync(path.join(folder, 'glob.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from "requests-*.parquet"'));
        expect(comparable(report([path.join(folder, 'glob.sla')]))).toBe(comparable(local));
    }, 120_000);
});

/**
 * Every example's CSV datasets written as typed Parquet by DuckDB (timestamps with an offset as
 * TIMESTAMP WITH TIME ZONE, numbers as DECIMAL, integers as BIGINT, the rest as text — a column
 * keeps its text where DuckDB cannot read every value as that type), then evaluated through
 * DuckDB (pushed down where the plan allows) against the local report. Rows of Parquet files are
 * located by their row number, not a CSV line: `line` keys are left out of the comparison.
 */
describe('examples as Parquet: identical reports', () => {
    async function parquetOverrides(file: string, folder: string): Promise<string[]> {
        const { createSlaServices, agreementModelOf } = await import('@sla/language');
        const { loadSlaFiles, SlaNodeFileSystem } = await import('@sla/language/node');
        const services = createSlaServices(SlaNodeFileSystem).Sla;
        const { documents } = await loadSlaFiles([path.resolve(root, file)], { services, validate: true });
        let model: ReturnType<typeof agreementModelOf>;
        try {
            model = agreementModelOf(documents[0]!, services);
        } catch {
            return []; // shared definitions only (no agreement)
        }
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        const flags: string[] = [];
        const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
        for (const dataset of Object.values(model.datasets)) {
            if (dataset.format !== 'csv') continue;
            // The file's own separator; its decimal commas written as points (a Parquet file's numbers are typed).
            const csv = `read_csv('${dataset.path.replace(/'/g, "''")}', header = true, all_varchar = true, delim = '${dataset.separator ?? ','}')`;
            const columns: string[] = [];
            for (const field of new Map(dataset.fields.map((f) => [f.column, f])).values()) {
                const numeric = field.kind === 'number' || field.kind === 'percent' || field.kind === 'duration' || field.kind === 'integer';
                const cell = numeric && dataset.decimalComma === true ? `REPLACE(${q(field.column)}, ',', '.')` : q(field.column);
                const type = field.kind === 'timestamp' && dataset.timezone === undefined && field.timestampFormat === undefined ? 'TIMESTAMPTZ'
                    : field.kind === 'number' || field.kind === 'percent' || field.kind === 'duration' ? 'DECIMAL(38, 10)'
                    : field.kind === 'integer' ? 'BIGINT' : undefined;
                if (type !== undefined) {
                    const reader = await connection.runAndReadAll(`SELECT COUNT(${q(field.column)}) - COUNT(TRY_CAST(${cell} AS ${type})) FROM ${csv}`);
                    if (Number(reader.getRowsJson()[0]![0]) === 0) {
                        columns.push(`CAST(${cell} AS ${type}) AS ${q(field.column)}`);
                        continue;
                    }
                }
                columns.push(q(field.column));
            }
            const target = path.join(folder, `${dataset.name}.parquet`);
            await connection.run(`COPY (SELECT ${columns.join(', ')} FROM ${csv}) TO '${target.replace(/'/g, "''")}' (FORMAT parquet)`);
            flags.push('--data', `${dataset.name}=${target}`);
        }
        connection.closeSync();
        instance.closeSync();
        return flags;
    }

    const withoutLines = (text: string) => text.replace(/\n\s*"line": \d+,?/g, '').replace(/,(\n\s*[}\]])/g, '$1');

    for (const file of exampleFiles()) {
        it(file, async () => {
            const folder = temporaryFolder('sql-example-parquet');
            const flags = await parquetOverrides(file, folder);
            if (flags.length === 0) return; // JSON data only
            const local = report([file]);
            const parquet = report([file, ...flags]);
            expect(withoutLines(comparable(parquet))).toBe(withoutLines(comparable(local)));
        }, 120_000);
    }
});

const OPS_SLA = `agreement Ops "Operations corpus" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "America/New_York"
    fee 1000 USD per calendar month

    calendar Desk "Desk hours" {
        monday to friday 09:00 to 17:00
        except 2026-07-03, 2026-11-26
    }

    maintenance Window "Maintenance" {
        every sunday 02:00 to 04:00
        notice 72 hours
    }

    dataset incidents "Incidents" from "incidents.csv" {
        service   text
        started   timestamp
        resolved  timestamp optional
    }

    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        responded timestamp optional
        priority  one of "P1", "P2"
        team      text
    }

    service Api "API" {
        kpi Availability "Up time" = uptime(incidents where service = "api", from started to resolved) excluding Window
        kpi Response "Response" = percentile(90, elapsed(tickets.opened, tickets.responded) during Desk where priority = "P1")
        kpi Load "P2 tickets" = count(tickets where priority = "P2")

        objective Availability >= 99.9% per calendar month
        objective Response <= 2 hours per calendar month
        objective Load <= 20 per calendar month for each team

        credit for Availability per calendar month {
            below 99.9% : 10% of fee
        }
    }
}
`;

/**
 * Outages across the DST changes of New York (8 March, 1 November) and across a Sunday
 * maintenance, one still open; tickets across the 3 July and Thanksgiving holidays, some
 * without response (open rows); two teams (a scope). These KPIs are computed locally: their
 * rows are pulled, the tickets only for the evaluation period.
 */
describe('generated operations corpus: uptime, business hours, open rows — pulled, identical', () => {
    it('gives identical reports for CSV, DuckDB CSV and Parquet', async () => {
        const folder = temporaryFolder('sql-ops');
        const random = seededRandom(7);
        const incidents = ['service,started,resolved',
            '2026-03-08T06:30:00Z,2026-03-08T08:15:00Z', '2026-11-01T05:00:00Z,2026-11-01T07:30:00Z', '2026-03-15T06:00:00Z,2026-03-15T09:00:00Z',
            '2026-12-30T10:00:00Z,'].map((line, index) => (index === 0 ? line : `${index % 2 === 0 ? 'api' : 'api'},${line}`));
        incidents.push('web,2026-05-01T10:00:00Z,2026-05-01T12:00:00Z');
        const tickets = ['opened,responded,priority,team'];
        const days = ['2026-07-02T20:30:00Z', '2026-07-03T14:00:00Z', '2026-11-25T21:00:00Z', '2026-11-26T15:00:00Z', '2026-03-06T21:45:00Z', '2026-10-30T20:50:00Z'];
        for (const day of days) {
            for (let i = 0; i < 6; i++) {
                const opened = Date.parse(day) + Math.floor(random() * 3_600_000);
                const responded = random() < 0.15 ? '' : new Date(opened + Math.floor(random() * 20 * 3_600_000)).toISOString();
                tickets.push(`${new Date(opened).toISOString()},${responded},${random() < 0.6 ? 'P1' : 'P2'},${random() < 0.5 ? 'blue' : 'green'}`);
            }
        }
        fs.writeFileSync(path.join(folder, 'incidents.csv'), `${incidents.join('\n')}\n`);
        fs.writeFileSync(path.join(folder, 'tickets.csv'), `${tickets.join('\n')}\n`);
        fs.writeFileSync(path.join(folder, 'ops.sla'), OPS_SLA);
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        const read = (name: string) => `read_csv('${path.join(folder, `${name}.csv`).replace(/'/g, "''")}', all_varchar = true)`;
        const to = (name: string) => `'${path.join(folder, `${name}.parquet`).replace(/'/g, "''")}'`;
        await connection.run(`COPY (SELECT service, CAST(started AS TIMESTAMPTZ) AS started, CAST(resolved AS TIMESTAMPTZ) AS resolved FROM ${read('incidents')}) TO ${to('incidents')} (FORMAT parquet)`);
        await connection.run(`COPY (SELECT CAST(opened AS TIMESTAMPTZ) AS opened, CAST(responded AS TIMESTAMPTZ) AS responded, priority, team FROM ${read('tickets')}) TO ${to('tickets')} (FORMAT parquet)`);
        connection.closeSync();
        instance.closeSync();
        const sla = path.join(folder, 'ops.sla');
        const local = report([sla]);
        const duck = report([sla, '--engine', 'duckdb']);
        const parquet = report([sla, '--data', `incidents=${path.join(folder, 'incidents.parquet')}`, '--data', `tickets=${path.join(folder, 'tickets.parquet')}`]);
        const withoutLines = (text: string) => text.replace(/\n\s*"line": \d+,?/g, '').replace(/,(\n\s*[}\]])/g, '$1');
        expect(comparable(duck)).toBe(comparable(local));
        expect(withoutLines(comparable(parquet))).toBe(withoutLines(comparable(local)));
        const engines = parquet.engines as { datasets: { name: string; mode: string; reason: string }[]; pulled: string[] };
        expect(engines.pulled.sort()).toEqual(['Api.Availability', 'Api.Load', 'Api.Response']);
        expect(engines.datasets.find((dataset) => dataset.name === 'tickets')?.reason).toContain('only the rows of the evaluation period');
        // The open incident is listed by both.
        expect((local.openItems as unknown[]).length).toBeGreaterThan(0);
    }, 120_000);
});

describe('sla sql', () => {
    it('a file that does not exist: exit 2, said as the other commands say it', () => {
        const result = runSla(['sql', 'nofile.sla'], { cwd: temporaryFolder('sql-missing') });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('sla sql: no such file: nofile.sla\n');
    });

    it('prints the pushed-down queries per dialect with their bound values, connecting to nothing', () => {
        const folder = temporaryFolder('sql-print');
        writeCorpus(folder);
        fs.writeFileSync(path.join(folder, 'table.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "sla"."requests" of connection nowhere'));
        const postgres = runSla(['sql', path.join(folder, 'table.sla'), '--dialect', 'postgres', '--now', NOW]);
        expect(postgres.code, postgres.stderr).toBe(0);
        expect(postgres.stdout).toContain('FROM "sla"."requests"');
        // The timestamptz column compared with instants bound as timestamptz (no epoch arithmetic per row); epoch ms only of MIN/MAX.
        expect(postgres.stdout).toContain('"time" >= $1::timestamptz');
        expect(postgres.stdout).toContain('floor(extract(epoch from MIN("time")) * 1000)::bigint');
        expect(postgres.stdout).toContain('SUM("amount"::numeric)');
        expect(postgres.stdout).toMatch(/-- parameters: \$1 = /);
        const clickhouse = runSla(['sql', path.join(folder, 'table.sla'), '--dialect', 'clickhouse', '--now', NOW]);
        expect(clickhouse.stdout).toContain('FROM `sla`.`requests`');
        expect(clickhouse.stdout).not.toMatch(/quantile|percentile_disc/i);
        // A CSV file with the default dialect: DuckDB reads it as text and the rows are pulled.
        const csv = runSla(['sql', path.join(folder, 'corpus.sla'), '--now', NOW]);
        expect(csv.stdout).toContain('-- requests: pull');
        expect(csv.stdout).toContain('all_varchar = true');
    }, 60_000);

    it('--dialect postgres or clickhouse on a file dataset: says it is a file no server reads, and prints no query on a table that does not exist', () => {
        const folder = temporaryFolder('sql-files');
        writeCorpus(folder);
        for (const [dialect, server] of [['postgres', 'PostgreSQL'], ['clickhouse', 'ClickHouse']]) {
            const result = runSla(['sql', 'corpus.sla', '--dialect', dialect!, '--now', NOW], { cwd: folder });
            expect(result.code, result.stderr).toBe(0);
            expect(result.stdout).toBe(`-- Dataset requests (requests.csv): a file, not a table; no evaluation reads it through ${server} (sla reads CSV and JSON files itself, DuckDB reads Parquet, and CSV with --engine duckdb: sla sql --dialect duckdb prints those queries).\n`
                + `-- No dataset of this agreement is a table read through ${server}.\n`);
        }
        // A table beside the file: its queries only.
        fs.writeFileSync(path.join(folder, 'both.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "sla"."requests" of connection nowhere'));
        const table = runSla(['sql', 'both.sla', '--dialect', 'postgres', '--now', NOW], { cwd: folder });
        expect(table.stdout).toContain('FROM "sla"."requests"');
        expect(table.stdout).not.toContain('a file, not a table');
    }, 60_000);
});

describe('DuckDB connections', () => {
    it('a missing database file is an error at the dataset, and is not created', () => {
        const folder = temporaryFolder('sql-missing-db');
        writeCorpus(folder);
        fs.writeFileSync(path.join(folder, 'table.sla'), CORPUS_SLA.replace('from "requests.csv"', 'from table "requests" of connection lake'));
        const missing = path.join(folder, 'none.duckdb');
        const result = runSla(['evaluate', 'table.sla', '--connection', `lake=duckdb://${missing}`, '--now', NOW], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/table\.sla:8:5: error: dataset requests .*cannot connect to connection 'lake'/);
        expect(fs.existsSync(missing)).toBe(false);
    }, 60_000);
});
