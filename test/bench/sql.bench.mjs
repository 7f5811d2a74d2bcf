// SQL engines benchmark (`npm run bench:sql`): the benchmark request log (generate-requests.mjs,
// 10M rows by default) in a throw-away PostgreSQL 15 and in a two-shard ClickHouse cluster, an
// agreement of per-service monthly KPIs evaluated on each engine
//   - pushed down (only statistics per window and scope come back), and
//   - pulled (every row of the table into the local engine),
// ClickHouse also on one server holding all rows; and the local engine on the CSV file for
// reference. Prints time, queries, rows and bytes received per run, checks that every run gives
// the local report, and prints the machine's load around each run.
//
//   node test/bench/sql.bench.mjs [--rows N] [--pull-rows N] [--skip-pull] [--engines postgres,clickhouse]
//
// --rows N        rows of the request log (default 10,000,000)
// --pull-rows N   largest table the pulled runs read (default 10,000,000; the pulled path holds
//                 all rows in memory: about 0.5 GB per million rows)
// --skip-pull     no pulled runs
// --engines LIST  which engines to run (default postgres,clickhouse,duckdb: a DuckDB database file and a Parquet file)
// --verbose       print each query's time and rows
// --portfolio-rows N  rows of the portfolio's request log (default: --rows); --clients N its clients (default 400)
// --skip-portfolio    no portfolio runs
//
// The portfolio (after the engines above): N client agreements (portfolio-requests.mjs: four zones,
// `client scope client = "cNNN"`) over one request table, evaluated as a portfolio on PostgreSQL, on
// two ClickHouse shards, on a DuckDB database file and on a Parquet file (DuckDB) — one shared
// push-down for all clients — against the local engine's
// portfolio pass over the same rows as CSV (every report must be the same); beside it, the push-down
// of the first 10 agreements one by one (what the portfolio cost before, per agreement) and the
// rows and bytes of pulling the table once.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { evaluateAgreement, evaluatePortfolio, evaluatePortfolioWithEngines, evaluateWithEngines, openDuckDb, openServerConnection } from '@sla/engine';
import { agreementModelOf } from '@sla/language';
import { loadSlaFiles } from '@sla/language/node';
import { requestsCsv, ZONE } from './generate-requests.mjs';
import { PASSWORD, startClickHouse, startPostgres } from './sql-servers.mjs';
import { comparable, counting as countingWith } from './sql-bench-kit.mjs';
import { portfolioAgreement, portfolioClients, portfolioRequestsCsv } from './portfolio-requests.mjs';

const argv = process.argv.slice(2);
function option(name, fallback) {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const value = Number(String(argv[index + 1]).replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
    return value;
}
const rows = option('--rows', 10_000_000);
const verbose = argv.includes('--verbose');
const counting = (connection) => countingWith(connection, verbose);
const pullRows = argv.includes('--skip-pull') ? 0 : option('--pull-rows', 10_000_000);
const engines = new Set((argv.includes('--engines') ? String(argv[argv.indexOf('--engines') + 1]) : 'postgres,clickhouse,duckdb').split(','));
for (const engine of engines) if (!['postgres', 'clickhouse', 'duckdb'].includes(engine)) throw new Error(`--engines takes postgres, clickhouse and/or duckdb, not ${engine}`);
const portfolioRows = argv.includes('--skip-portfolio') ? 0 : option('--portfolio-rows', rows);
const clientCount = option('--clients', 400);
for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--') && !['--rows', '--pull-rows', '--skip-pull', '--engines', '--verbose', '--portfolio-rows', '--clients', '--skip-portfolio'].includes(arg)) throw new Error(`unknown option ${arg}`);
    if (arg.startsWith('--') && ['--rows', '--pull-rows', '--engines', '--portfolio-rows', '--clients'].includes(arg) && argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 3 : 1)} MB`;
const { base, csvPath } = await requestsCsv(rows);
console.log(`machine: ${cpus().length} cores; load before: ${load()}`);

// ---------------------------------------------------------------- the agreement
// Beside the CSV (the language reads data only inside the .sla file's folder).
const dir = tmpdir();
const written = [];
process.once('exit', () => written.forEach((file) => rmSync(file, { force: true })));
function agreementText(source) {
    return `agreement Bench "SQL engines benchmark" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "${ZONE}"

    dataset requests "Requests" ${source} {
        time     timestamp
        service  text
        latency  duration ms column "latency_ms"
        status   integer
        region   text
    }

    service S "Service" {
        kpi RequestCount "Requests" = count(requests)
        kpi ErrorRate "Failed share" = count(requests where status >= 500) / count(requests)
        kpi MeanLatency "Mean latency" = avg(requests.latency)
        kpi P95Latency "P95 latency" = percentile(95, requests.latency)
        kpi P99Latency "P99 latency" = percentile(99, requests.latency)
        objective RequestCount >= 1 per calendar month for each service
        objective ErrorRate <= 5% per calendar month for each service
        objective MeanLatency <= 1000 ms per calendar month for each service
        objective P95Latency <= 5000 ms per calendar month for each service
        objective P99Latency <= 20000 ms per calendar month for each service
    }
}
`;
}
async function modelOf(source) {
    const file = join(dir, `sla-bench-sql-${process.pid}-${written.length}.sla`);
    writeFileSync(file, agreementText(source));
    written.push(file);
    const { documents, services } = await loadSlaFiles([file]);
    return agreementModelOf(documents[0], services);
}
const fileModel = await modelOf(`from "${basename(csvPath)}"`);
const tableModel = await modelOf('from table "requests" of connection db');
const withTable = (name) => ({ ...tableModel, datasets: { requests: { ...tableModel.datasets.requests, table: { connection: 'db', name } } } });
const period = { from: '2026-01-01', to: '2026-12-31', now: Date.parse('2027-01-15T00:00:00Z') };

const results = [];
let reference;
async function run(label, evaluate) {
    global.gc?.();
    const before = load();
    const t0 = performance.now();
    const outcome = await evaluate();
    const ms = performance.now() - t0;
    const same = reference === undefined ? true : comparable(outcome.report) === reference;
    const modes = outcome.report.engines ? [...new Set(outcome.report.engines.datasets.map((d) => d.mode))].join(', ') : 'local';
    results.push({ label, ms, ...outcome.stats, modes, same, load: `${before} → ${load()}` });
    console.log(`${label}: ${seconds(ms)} (${modes}; ${outcome.stats ? `${outcome.stats.queries} queries, ${outcome.stats.rows.toLocaleString('en-US')} rows, ${mb(outcome.stats.bytes)}` : 'file'}; same report: ${same}; load ${before} → ${load()})`);
    return outcome.report;
}

// ---------------------------------------------------------------- local reference
reference = comparable(await run(`local engine, CSV file (${mb(statSync(csvPath).size)})`, async () => ({ report: await evaluateAgreement(fileModel, period) })));

async function onEngine(label, url, table, pushDown, model = withTable(table)) {
    const opened = counting(url.startsWith('duckdb:') ? await openDuckDb(url) : await openServerConnection({ name: 'db', url }, { env: { SLA_DB_PASSWORD: PASSWORD } }));
    try {
        return await run(label, async () => {
            const report = await evaluateWithEngines(model, { ...period, connections: { db: opened.connection }, pushDown });
            // Parquet files are read by a DuckDB the evaluation opens itself: its figures come from the report's engines section.
            if (opened.stats.queries === 0) {
                for (const dataset of report.engines?.datasets ?? []) {
                    opened.stats.queries += dataset.queries;
                    opened.stats.rows += dataset.rowsTransferred;
                    opened.stats.bytes += dataset.bytesTransferred ?? 0;
                }
            }
            return { report, stats: opened.stats };
        });
    } finally {
        await opened.connection.close();
    }
}

// ---------------------------------------------------------------- PostgreSQL
if (engines.has('postgres')) {
    const t0 = performance.now();
    const pg = await startPostgres({ shared_buffers: '1GB', work_mem: '256MB', max_parallel_workers_per_gather: '2' });
    try {
        const admin = await openServerConnection({ name: 'db', url: pg.url }, { env: { SLA_DB_PASSWORD: PASSWORD } });
        await admin.query({ text: 'CREATE TABLE requests ("time" timestamptz NOT NULL, service text NOT NULL, latency_ms numeric NOT NULL, status integer NOT NULL, region text NOT NULL)', params: [] });
        // The server reads the CSV itself (COPY … FROM a file: the user is the cluster's superuser).
        await admin.query({ text: `COPY requests FROM '${csvPath.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`, params: [] });
        await admin.query({ text: 'VACUUM ANALYZE requests', params: [] });
        await admin.close();
        console.log(`PostgreSQL 15: started and loaded ${rows.toLocaleString('en-US')} rows in ${seconds(performance.now() - t0)}`);
        await onEngine('PostgreSQL 15, pushed down', pg.url, 'requests', true);
        if (rows <= pullRows) await onEngine('PostgreSQL 15, pulled (all rows into the local engine)', pg.url, 'requests', false);
    } finally {
        await pg.stop();
    }
}

// ---------------------------------------------------------------- ClickHouse
/** Per-shard TabSeparated files with the time as Int64 epoch ms (computed here, by the project's rule: no zone arithmetic in SQL), cached beside the CSV. */
async function shardFiles(shards, source = { base, csvPath }) {
    const files = Array.from({ length: shards }, (_, i) => `${source.base}.clickhouse-${i + 1}-of-${shards}.tsv`);
    if (files.every((f) => existsSync(f))) return files;
    const outs = files.map((f) => createWriteStream(`${f}.partial`, { highWaterMark: 1 << 22 }));
    const chunks = files.map(() => []);
    let n = 0;
    const lines = createInterface({ input: createReadStream(source.csvPath, { highWaterMark: 1 << 22 }), crlfDelay: Infinity });
    let header = true;
    for await (const line of lines) {
        if (header) {
            header = false;
            continue;
        }
        if (line === '') continue;
        const comma = line.indexOf(',');
        const shard = n++ % shards;
        chunks[shard].push(`${Date.parse(line.slice(0, comma))}\t${line.slice(comma + 1).replaceAll(',', '\t')}`);
        if (chunks[shard].length >= 50_000) {
            if (!outs[shard].write(`${chunks[shard].join('\n')}\n`)) await new Promise((r) => outs[shard].once('drain', r));
            chunks[shard] = [];
        }
    }
    await Promise.all(
        outs.map(
            (out, i) =>
                new Promise((resolve, reject) => {
                    if (chunks[i].length > 0) out.write(`${chunks[i].join('\n')}\n`);
                    out.on('error', reject);
                    out.end(resolve);
                })
        )
    );
    for (const f of files) spawnSync('mv', [`${f}.partial`, f]);
    return files;
}

if (engines.has('clickhouse')) {
    const t0 = performance.now();
    const files = await shardFiles(2);
    const ch = await startClickHouse(2);
    try {
        const columns = '`time` Int64, service String, latency_ms Decimal(18, 1), status Int32, region String';
        for (const i of [0, 1]) {
            await ch.exec(i, `CREATE TABLE requests_local (${columns}) ENGINE = MergeTree ORDER BY \`time\``);
            await ch.exec(i, "CREATE TABLE requests AS requests_local ENGINE = Distributed(sla, default, 'requests_local')");
            await ch.exec(i, 'INSERT INTO requests_local FORMAT TabSeparated', Readable.toWeb(createReadStream(files[i], { highWaterMark: 1 << 22 })));
        }
        // One server holding every row, for two shards against one.
        await ch.exec(0, `CREATE TABLE requests_one (${columns}) ENGINE = MergeTree ORDER BY \`time\``);
        await ch.exec(0, 'INSERT INTO requests_one SELECT * FROM requests');
        await ch.exec(0, 'OPTIMIZE TABLE requests_one FINAL');
        for (const i of [0, 1]) await ch.exec(i, 'OPTIMIZE TABLE requests_local FINAL');
        const version = (await ch.exec(0, 'SELECT version()')).trim();
        console.log(`ClickHouse ${version}: 2 servers started and loaded in ${seconds(performance.now() - t0)} (${(await ch.exec(0, 'SELECT count() FROM requests')).trim()} rows across both shards)`);
        await onEngine('ClickHouse, 2 shards (Distributed), pushed down', ch.url(0), 'requests', true);
        await onEngine('ClickHouse, 1 server (all rows), pushed down', ch.url(0), 'requests_one', true);
        if (rows <= pullRows) await onEngine('ClickHouse, 2 shards, pulled (all rows into the local engine)', ch.url(0), 'requests', false);
    } finally {
        await ch.stop();
    }
}
// ---------------------------------------------------------------- DuckDB
// A DuckDB database file with the table, and a Parquet file (time as TIMESTAMPTZ, latency DECIMAL(18, 1)), both cached beside the CSV.
if (engines.has('duckdb')) {
    const t0 = performance.now();
    const database = `${base}.duckdb`;
    const parquet = `${base}.parquet`;
    if (!existsSync(database) || !existsSync(parquet)) {
        for (const file of [`${database}.partial`, `${parquet}.partial`]) rmSync(file, { force: true });
        const admin = await openDuckDb('duckdb::memory:');
        const csv = csvPath.replace(/'/g, "''");
        const select = `SELECT * FROM read_csv('${csv}', header = true, columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'latency_ms': 'DECIMAL(18, 1)', 'status': 'INTEGER', 'region': 'VARCHAR'})`;
        await admin.query({ text: `COPY (${select}) TO '${`${parquet}.partial`.replace(/'/g, "''")}' (FORMAT parquet)`, params: [] });
        await admin.query({ text: `ATTACH '${`${database}.partial`.replace(/'/g, "''")}' AS bench`, params: [] });
        await admin.query({ text: `CREATE TABLE bench.requests AS ${select}`, params: [] });
        await admin.query({ text: 'DETACH bench', params: [] });
        await admin.close();
        spawnSync('mv', [`${parquet}.partial`, parquet]);
        spawnSync('mv', [`${database}.partial`, database]);
    }
    console.log(`DuckDB: database file and Parquet file of ${rows.toLocaleString('en-US')} rows ready in ${seconds(performance.now() - t0)} (${mb(statSync(database).size)}, ${mb(statSync(parquet).size)})`);
    await onEngine('DuckDB table, pushed down', `duckdb:${database}`, 'requests', true);
    if (rows <= pullRows) await onEngine('DuckDB table, pulled (all rows into the local engine)', `duckdb:${database}`, 'requests', false);
    // The language reads data files beside the .sla file: a link to the cached Parquet file.
    const parquetLink = join(dir, `sla-bench-sql-${process.pid}.parquet`);
    rmSync(parquetLink, { force: true });
    spawnSync('ln', ['-s', parquet, parquetLink]);
    written.push(parquetLink);
    const parquetModel = await modelOf(`from "${basename(parquetLink)}"`);
    await onEngine('DuckDB on the Parquet file, pushed down', 'duckdb::memory:', 'requests', true, parquetModel);
    if (rows <= pullRows) await onEngine('DuckDB on the Parquet file, pulled (all rows into the local engine)', 'duckdb::memory:', 'requests', false, parquetModel);
}

// ---------------------------------------------------------------- portfolio
const portfolioResults = [];
if (portfolioRows > 0 && (engines.has('postgres') || engines.has('clickhouse') || engines.has('duckdb'))) {
    const source = await portfolioRequestsCsv(portfolioRows, clientCount);
    const clients = portfolioClients(clientCount);
    // The .sla files beside the cached CSV (the language reads data only inside the .sla file's folder).
    async function portfolioModels(from) {
        const files = clients.map((client) => {
            const file = join(dir, `sla-bench-sql-${process.pid}-${client.id}-${from.startsWith('table') ? 'table' : from.includes('.parquet') ? 'parquet' : 'file'}.sla`);
            writeFileSync(file, portfolioAgreement(client, from));
            written.push(file);
            return file;
        });
        const { documents, services } = await loadSlaFiles(files);
        return documents.map((document) => agreementModelOf(document, services));
    }
    const fileModels = await portfolioModels(`from "${basename(source.csvPath)}"`);
    const tableModels = await portfolioModels('from table "requests" of connection db');
    const comparableAll = (reports) => reports.map(comparable);
    async function portfolioRun(label, evaluate) {
        global.gc?.();
        const before = load();
        const t0 = performance.now();
        const { reports, stats } = await evaluate();
        const ms = performance.now() - t0;
        const same = portfolioReference === undefined || JSON.stringify(comparableAll(reports)) === JSON.stringify(portfolioReference);
        portfolioResults.push({ label, ms, ...stats, same, load: `${before} → ${load()}` });
        console.log(`${label}: ${seconds(ms)} (${stats ? `${stats.queries} queries, ${stats.rows.toLocaleString('en-US')} rows, ${mb(stats.bytes)}` : 'file'}; same reports: ${same}; load ${before} → ${load()})`);
        return reports;
    }
    let portfolioReference;
    portfolioReference = comparableAll(await portfolioRun(`portfolio: local engine, one shared pass over the CSV file (${mb(statSync(source.csvPath).size)})`, async () => {
        const byAgreement = new Map((await evaluatePortfolio(fileModels, period)).entries.map((entry) => [entry.report.agreement, entry.report]));
        return { reports: fileModels.map((model) => byAgreement.get(model.id)) };
    }));
    const ALONE = Math.min(10, clientCount);
    // A Parquet file is read by a DuckDB the evaluation opens itself: the figures come from the reports' engines sections
    // (every agreement's entry counts the shared queries; rows are each agreement's share).
    const fromReports = (reports, stats) => {
        if (stats.queries > 0) return stats;
        const entries = reports.map((report) => report.engines?.datasets[0]).filter((entry) => entry !== undefined);
        const shared = entries[0]?.sharedBy !== undefined;
        return {
            queries: shared ? entries[0].queries : entries.reduce((sum, entry) => sum + entry.queries, 0),
            rows: entries.reduce((sum, entry) => sum + entry.rowsTransferred, 0),
            bytes: entries.reduce((sum, entry) => sum + (entry.bytesTransferred ?? 0), 0)
        };
    };
    async function onPortfolioEngine(label, url, pullOnce, models = tableModels) {
        const opened = counting(url.startsWith('duckdb:') ? await openDuckDb(url) : await openServerConnection({ name: 'db', url }, { env: { SLA_DB_PASSWORD: PASSWORD } }));
        try {
            await portfolioRun(`${label}: ${clientCount} agreements, one shared push-down`, async () => {
                const reports = await evaluatePortfolioWithEngines(models, { ...period, connections: { db: opened.connection } });
                return { reports, stats: fromReports(reports, { ...opened.stats }) };
            });
            // Before the shared push-down, each agreement pushed its own queries down: the first ten, one by one.
            const alone = counting(opened.connection);
            const t0 = performance.now();
            const aloneReports = [];
            for (const model of models.slice(0, ALONE)) aloneReports.push(await evaluateWithEngines(model, { ...period, connections: { db: alone.connection } }));
            Object.assign(alone.stats, fromReports(aloneReports, alone.stats));
            const ms = performance.now() - t0;
            portfolioResults.push({ label: `${label}: the first ${ALONE} agreements, each its own push-down (× ${clientCount / ALONE} ≈ ${seconds((ms * clientCount) / ALONE)} for all)`, ms, ...alone.stats, same: true, load: load() });
            console.log(`${label}: ${ALONE} agreements one by one: ${seconds(ms)} (${alone.stats.queries} queries, ${alone.stats.rows} rows)`);
            if (pullOnce) {
                const pulled = counting(opened.connection);
                const t1 = performance.now();
                await pulled.connection.query({ text: `SELECT ${['time', 'client', 'service', 'latency_ms', 'status'].map((c) => quote(url, c)).join(', ')} FROM requests`, params: [] });
                const pullMs = performance.now() - t1;
                portfolioResults.push({ label: `${label}: pulling the table once (the query alone, no evaluation)`, ms: pullMs, ...pulled.stats, same: true, load: load() });
                console.log(`${label}: pulling every row once: ${seconds(pullMs)} (${pulled.stats.rows.toLocaleString('en-US')} rows, ${mb(pulled.stats.bytes)})`);
            }
        } finally {
            await opened.connection.close();
        }
    }
    const quote = (url, column) => (url.startsWith('clickhouse') ? `\`${column}\`` : `"${column}"`);
    const pullOnce = portfolioRows <= pullRows;
    if (engines.has('postgres')) {
        const pg = await startPostgres({ shared_buffers: '1GB', work_mem: '256MB', max_parallel_workers_per_gather: '2' });
        try {
            const admin = await openServerConnection({ name: 'db', url: pg.url }, { env: { SLA_DB_PASSWORD: PASSWORD } });
            await admin.query({ text: 'CREATE TABLE requests ("time" timestamptz NOT NULL, client text NOT NULL, service text NOT NULL, latency_ms numeric NOT NULL, status integer NOT NULL)', params: [] });
            await admin.query({ text: `COPY requests FROM '${source.csvPath.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`, params: [] });
            await admin.query({ text: 'VACUUM ANALYZE requests', params: [] });
            await admin.close();
            await onPortfolioEngine('PostgreSQL 15', pg.url, pullOnce);
        } finally {
            await pg.stop();
        }
    }
    if (engines.has('clickhouse')) {
        const files = await shardFiles(2, source);
        const ch = await startClickHouse(2);
        try {
            const columns = '`time` Int64, client String, service String, latency_ms Decimal(18, 1), status Int32';
            for (const i of [0, 1]) {
                await ch.exec(i, `CREATE TABLE requests_local (${columns}) ENGINE = MergeTree ORDER BY \`time\``);
                await ch.exec(i, "CREATE TABLE requests AS requests_local ENGINE = Distributed(sla, default, 'requests_local')");
                await ch.exec(i, 'INSERT INTO requests_local FORMAT TabSeparated', Readable.toWeb(createReadStream(files[i], { highWaterMark: 1 << 22 })));
                await ch.exec(i, 'OPTIMIZE TABLE requests_local FINAL');
            }
            await onPortfolioEngine('ClickHouse, 2 shards', ch.url(0), pullOnce);
        } finally {
            await ch.stop();
        }
    }
    if (engines.has('duckdb')) {
        // A DuckDB database file with the table, and a Parquet file (time as TIMESTAMPTZ, latency DECIMAL(18, 1)), cached beside the CSV.
        const database = `${source.base}.duckdb`;
        const parquet = `${source.base}.parquet`;
        if (!existsSync(database) || !existsSync(parquet)) {
            for (const file of [`${database}.partial`, `${parquet}.partial`]) rmSync(file, { force: true });
            const admin = await openDuckDb('duckdb::memory:');
            const select = `SELECT * FROM read_csv('${source.csvPath.replace(/'/g, "''")}', header = true, columns = {'time': 'TIMESTAMPTZ', 'client': 'VARCHAR', 'service': 'VARCHAR', 'latency_ms': 'DECIMAL(18, 1)', 'status': 'INTEGER'})`;
            await admin.query({ text: `COPY (${select}) TO '${`${parquet}.partial`.replace(/'/g, "''")}' (FORMAT parquet)`, params: [] });
            await admin.query({ text: `ATTACH '${`${database}.partial`.replace(/'/g, "''")}' AS bench`, params: [] });
            await admin.query({ text: `CREATE TABLE bench.requests AS ${select}`, params: [] });
            await admin.query({ text: 'DETACH bench', params: [] });
            await admin.close();
            spawnSync('mv', [`${parquet}.partial`, parquet]);
            spawnSync('mv', [`${database}.partial`, database]);
        }
        await onPortfolioEngine('DuckDB table', `duckdb:${database}`, pullOnce);
        // The language reads data files beside the .sla file: a link to the cached Parquet file.
        const parquetLink = join(dir, `sla-bench-sql-${process.pid}-portfolio.parquet`);
        rmSync(parquetLink, { force: true });
        spawnSync('ln', ['-s', parquet, parquetLink]);
        written.push(parquetLink);
        await onPortfolioEngine('DuckDB on the Parquet file', 'duckdb::memory:', false, await portfolioModels(`from "${basename(parquetLink)}"`));
    }
}
for (const file of written) rmSync(file, { force: true });

// ---------------------------------------------------------------- summary
console.log(`\n${rows.toLocaleString('en-US')} request rows; 20 services × 12 months × 5 KPIs`);
console.log('| run | time | queries | rows received | bytes received | same report as local | load (1/5/15 min) before → after |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of results) {
    console.log(`| ${r.label} | ${seconds(r.ms)} | ${r.queries ?? '–'} | ${r.rows?.toLocaleString('en-US') ?? '–'} | ${r.bytes === undefined || (r.bytes === 0 && r.label.startsWith('DuckDB')) ? '– (in process)' : mb(r.bytes)} | ${r.same ? 'yes' : '**no**'} | ${r.load} |`);
}
if (portfolioResults.length > 0) {
    console.log(`\n${clientCount}-client portfolio over ${portfolioRows.toLocaleString('en-US')} request rows (one table; each client its zone and monthly KPIs: requests, success share, P95)`);
    console.log('| run | time | queries | rows received | bytes received | same reports as local | load (1/5/15 min) |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
    for (const r of portfolioResults) console.log(`| ${r.label} | ${seconds(r.ms)} | ${r.queries ?? '–'} | ${r.rows?.toLocaleString('en-US') ?? '–'} | ${r.bytes === undefined ? '–' : mb(r.bytes)} | ${r.same ? 'yes' : '**no**'} | ${r.load} |`);
}
const failed = [...results, ...portfolioResults].filter((r) => !r.same);
if (failed.length > 0) {
    console.error(`\n${failed.length} run(s) gave another report than the local engine: ${failed.map((r) => r.label).join('; ')}`);
    process.exitCode = 1;
}
