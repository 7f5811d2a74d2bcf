// Outage and business-time benchmark (`npm run bench:sql:outages`, issue 15): N outages and N
// tickets (seeded, over 2026) in a throw-away PostgreSQL 15, a DuckDB database file and a
// two-shard ClickHouse cluster; an agreement of monthly uptimes per service (outside a weekly
// maintenance slot; inside office hours with holidays) and business time to resolve tickets
// (median, share under 4 business hours, per priority) evaluated on each engine
//   - pushed down (interval unions and business-time overlaps computed in SQL), and
//   - pulled (every row into the local engine),
// with time, queries, rows and bytes received, whether the report equals the local engine's on
// the CSV files, and the machine's load around each run.
//
//   node test/bench/sql-outages.bench.mjs [--rows N] [--engines postgres,duckdb,clickhouse] [--only uptime|business] [--skip-pull] [--verbose]
//
// --rows N        outages, and tickets (default 100,000 of each)
// --only uptime   only the two uptimes (the outage dataset); --only business: only the two business-time KPIs (tickets)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { evaluateAgreement, evaluateWithEngines, openDuckDb, openServerConnection } from '@sla/engine';
import { agreementModelOf } from '@sla/language';
import { loadSlaFiles } from '@sla/language/node';
import { PASSWORD, startClickHouse, startPostgres } from './sql-servers.mjs';
import { comparable, counting as countingWith } from './sql-bench-kit.mjs';
import { prng } from './bench-kit.mjs';

const argv = process.argv.slice(2);
const valueOf = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--') && !['--rows', '--engines', '--only', '--skip-pull', '--verbose'].includes(arg)) throw new Error(`unknown option ${arg}`);
    if (['--rows', '--engines', '--only'].includes(arg) && argv[i + 1] === undefined) throw new Error(`${arg} needs a value`);
}
const rows = Number(String(valueOf('--rows') ?? '100000').replaceAll('_', '').replaceAll(',', ''));
if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows needs a positive whole number');
const engines = new Set(String(valueOf('--engines') ?? 'postgres,duckdb,clickhouse').split(','));
for (const engine of engines) if (!['postgres', 'clickhouse', 'duckdb'].includes(engine)) throw new Error(`--engines takes postgres, duckdb and/or clickhouse, not ${engine}`);
const skipPull = argv.includes('--skip-pull');
const only = valueOf('--only');
if (only !== undefined && !['uptime', 'business'].includes(only)) throw new Error(`--only takes uptime or business, not ${only}`);
/** The KPI and objective lines kept (all without --only). */
const kept = (line) => only === undefined || (only === 'uptime' ? /Up\b/.test(line) : !/Up\b/.test(line));
const verbose = argv.includes('--verbose');
const counting = (connection) => countingWith(connection, verbose);

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 3 : 1)} MB`;

// ---------------------------------------------------------------- data
const SERVICES = Array.from({ length: 20 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = Date.parse('2027-01-01T00:00:00Z') - YEAR_START;
const HOUR = 3_600_000;

/**
 * Outages `started,service,resolved` (UTC): starts uniform over the year; durations from one
 * minute up to 40 % of the mean gap between a service's outages (cubed, so mostly short), so
 * that outages overlap and touch often but a service is not down all year. Tickets
 * `opened,priority,resolved`: resolved up to 72 hours after being opened (mostly sooner).
 */
function writeData(dir) {
    const random = prng(20261215 + rows);
    const gap = YEAR_MS / (rows / SERVICES.length);
    const iso = (ms) => new Date(ms).toISOString();
    const write = (file, header, line) => {
        const chunks = [header];
        for (let i = 0; i < rows; i++) chunks.push(line());
        writeFileSync(file, `${chunks.join('\n')}\n`);
    };
    const outage = () => {
        const start = YEAR_START + Math.floor(random() * YEAR_MS);
        const service = SERVICES[Math.floor(random() * SERVICES.length)];
        return { start, service, end: start + 60_000 + Math.floor(random() ** 3 * gap * 0.4) };
    };
    const ticket = () => {
        const start = YEAR_START + Math.floor(random() * YEAR_MS);
        const priority = PRIORITIES[Math.floor(random() * PRIORITIES.length)];
        return { start, priority, end: start + Math.floor(random() ** 2 * 72 * HOUR) };
    };
    const outages = [];
    const tickets = [];
    write(join(dir, 'incidents.csv'), 'started,service,resolved', () => {
        const o = outage();
        outages.push(o);
        return `${iso(o.start)},${o.service},${iso(o.end)}`;
    });
    write(join(dir, 'tickets.csv'), 'opened,priority,resolved', () => {
        const t = ticket();
        tickets.push(t);
        return `${iso(t.start)},${t.priority},${iso(t.end)}`;
    });
    // ClickHouse: the timestamp columns hold Int64 epoch ms (18.16 has no DateTime64), as the tests' tables.
    writeFileSync(join(dir, 'incidents.tsv'), `${outages.map((o) => `${o.start}\t${o.service}\t${o.end}`).join('\n')}\n`);
    writeFileSync(join(dir, 'tickets.tsv'), `${tickets.map((t) => `${t.start}\t${t.priority}\t${t.end}`).join('\n')}\n`);
}

// ---------------------------------------------------------------- the agreement
const KPIS = [
    '        kpi Up "Up outside patching" = uptime(incidents, from started to resolved) excluding Patching',
    '        kpi OfficeUp "Up in office hours" = uptime(incidents, from started to resolved) during Office',
    '        kpi Median "Median business time to resolve" = percentile(50, elapsed(tickets.opened, tickets.resolved) during Office)',
    '        kpi Fast "Resolved within 4 business hours" = count(tickets where elapsed(opened, resolved) during Office < 4 hours) / count(tickets)',
    '        objective Up >= 99% per calendar month for each service',
    '        objective OfficeUp >= 99.9% per calendar month for each service',
    '        objective Median <= 8 hours per calendar month for each priority',
    '        objective Fast >= 50% per calendar month for each priority'
];
function agreementText(incidents, tickets) {
    return `agreement Outages "Outage and business-time benchmark" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    calendar Office "Office hours" {
        monday to friday 09:00 to 17:00
        except 2026-01-01, 2026-04-03, 2026-04-06, 2026-05-01, 2026-05-14, 2026-05-25, 2026-10-03, 2026-12-24, 2026-12-25, 2026-12-26, 2026-12-31
    }

    maintenance Patching "Patching" {
        every saturday 02:00 to 04:00
        notice 72 hours
    }

    dataset incidents "Incidents" ${incidents} {
        started   timestamp
        service   text
        resolved  timestamp
    }

    dataset tickets "Tickets" ${tickets} {
        opened    timestamp
        priority  text
        resolved  timestamp
    }

    service S "Service" {
${KPIS.filter(kept).join('\n')}
    }
}
`;
}

const dir = join(tmpdir(), `sla-bench-outages-${rows}-v1`);
if (!existsSync(join(dir, 'tickets.tsv'))) {
    rmSync(`${dir}.partial`, { recursive: true, force: true });
    mkdirSync(`${dir}.partial`, { recursive: true });
    writeData(`${dir}.partial`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(`${dir}.partial`, dir);
}
async function modelOf(name, text) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const { documents, services } = await loadSlaFiles([file]);
    return agreementModelOf(documents[0], services);
}
const fileModel = await modelOf('files.sla', agreementText('from "incidents.csv"', 'from "tickets.csv"'));
const tableModel = await modelOf('tables.sla', agreementText('from table "incidents" of connection db', 'from table "tickets" of connection db'));
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
    const modes = outcome.report.engines ? outcome.report.engines.datasets.map((d) => `${d.name} ${d.mode}`).join(', ') : 'local';
    const reasons = outcome.report.engines ? outcome.report.engines.datasets.filter((d) => d.reason !== undefined && outcome.pushDown).map((d) => `${d.name}: ${d.reason}`) : [];
    results.push({ label, ms, ...outcome.stats, modes, same, load: `${before} → ${load()}` });
    console.log(`${label}: ${seconds(ms)} (${modes}; ${outcome.stats ? `${outcome.stats.queries} queries, ${outcome.stats.rows.toLocaleString('en-US')} rows, ${mb(outcome.stats.bytes)}` : 'files'}; same report: ${same}; load ${before} → ${load()})`);
    for (const reason of reasons) console.log(`  pulled because ${reason}`);
    return outcome.report;
}

reference = comparable(await run('local engine, CSV files', async () => ({ report: await evaluateAgreement(fileModel, period) })));

async function onEngine(label, open, pushDown) {
    const opened = counting(await open());
    try {
        return await run(label, async () => ({ report: await evaluateWithEngines(tableModel, { ...period, connections: { db: opened.connection }, pushDown }), stats: opened.stats, pushDown }));
    } finally {
        await opened.connection.close();
    }
}
async function both(name, open) {
    await onEngine(`${name}, pushed down`, open, true);
    if (!skipPull) await onEngine(`${name}, pulled (all rows into the local engine)`, open, false);
}

// ---------------------------------------------------------------- PostgreSQL
if (engines.has('postgres')) {
    const pg = await startPostgres({ shared_buffers: '512MB', work_mem: '128MB' });
    try {
        const admin = await openServerConnection({ name: 'db', url: pg.url }, { env: { SLA_DB_PASSWORD: PASSWORD } });
        await admin.query({ text: 'CREATE TABLE incidents (started timestamptz NOT NULL, service text NOT NULL, resolved timestamptz)', params: [] });
        await admin.query({ text: 'CREATE TABLE tickets (opened timestamptz NOT NULL, priority text NOT NULL, resolved timestamptz)', params: [] });
        for (const table of ['incidents', 'tickets']) await admin.query({ text: `COPY ${table} FROM '${join(dir, `${table}.csv`).replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`, params: [] });
        await admin.query({ text: 'VACUUM ANALYZE', params: [] });
        await admin.close();
        await both('PostgreSQL 15', () => openServerConnection({ name: 'db', url: pg.url }, { env: { SLA_DB_PASSWORD: PASSWORD } }));
    } finally {
        await pg.stop();
    }
}

// ---------------------------------------------------------------- DuckDB
if (engines.has('duckdb')) {
    const database = join(dir, 'outages.duckdb');
    if (!existsSync(database)) {
        rmSync(`${database}.partial`, { force: true });
        const admin = await openDuckDb('duckdb::memory:');
        await admin.query({ text: `ATTACH '${`${database}.partial`.replace(/'/g, "''")}' AS bench`, params: [] });
        for (const [table, start, key] of [['incidents', 'started', 'service'], ['tickets', 'opened', 'priority']]) {
            const csv = join(dir, `${table}.csv`).replace(/'/g, "''");
            await admin.query({ text: `CREATE TABLE bench.${table} AS SELECT * FROM read_csv('${csv}', header = true, columns = {'${start}': 'TIMESTAMPTZ', '${key}': 'VARCHAR', 'resolved': 'TIMESTAMPTZ'})`, params: [] });
        }
        await admin.query({ text: 'DETACH bench', params: [] });
        await admin.close();
        renameSync(`${database}.partial`, database);
    }
    await both('DuckDB table', () => openDuckDb(`duckdb:${database}`));
}

// ---------------------------------------------------------------- ClickHouse
if (engines.has('clickhouse')) {
    const ch = await startClickHouse(2);
    try {
        const tables = { incidents: '`started` Int64, service String, resolved Int64', tickets: '`opened` Int64, priority String, resolved Int64' };
        for (const [table, columns] of Object.entries(tables)) {
            // Every other row to the second shard.
            const lines = readFileSync(join(dir, `${table}.tsv`), 'utf8').trimEnd().split('\n');
            for (const i of [0, 1]) {
                await ch.exec(i, `CREATE TABLE ${table}_local (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
                await ch.exec(i, `CREATE TABLE ${table} AS ${table}_local ENGINE = Distributed(sla, default, '${table}_local')`);
                const body = `${lines.filter((_, n) => n % 2 === i).join('\n')}\n`;
                await ch.exec(i, `INSERT INTO ${table}_local FORMAT TabSeparated`, Readable.toWeb(Readable.from([body])));
            }
        }
        await both('ClickHouse, 2 shards', () => openServerConnection({ name: 'db', url: ch.url(0) }, { env: { SLA_DB_PASSWORD: PASSWORD } }));
    } finally {
        await ch.stop();
    }
}
for (const file of ['files.sla', 'tables.sla']) rmSync(join(dir, file), { force: true });

// ---------------------------------------------------------------- summary
console.log(`\n${rows.toLocaleString('en-US')} outages and ${rows.toLocaleString('en-US')} tickets${only === undefined ? '' : ` (--only ${only})`}; machine: ${cpus().length} cores`);
console.log('| run | time | queries | rows received | bytes received | same report as local | load (1/5/15 min) before → after |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of results) {
    console.log(`| ${r.label} | ${seconds(r.ms)} | ${r.queries ?? '–'} | ${r.rows?.toLocaleString('en-US') ?? '–'} | ${r.bytes === undefined || (r.bytes === 0 && r.label.startsWith('DuckDB')) ? '– (in process)' : mb(r.bytes)} | ${r.same ? 'yes' : '**no**'} | ${r.load} |`);
}
const failed = results.filter((r) => !r.same);
if (failed.length > 0) {
    console.error(`\n${failed.length} run(s) gave another report than the local engine: ${failed.map((r) => r.label).join('; ')}`);
    process.exitCode = 1;
}
