// Portfolio benchmark (issue 14: `npm run bench:portfolio`).
//
// Generates shared data for a catalogue of client agreements — one request log (time in UTC
// with `Z`, client, service, latency, status; 10M rows by default), one incident register and
// one ticket export, each with a client column — and the .sla files (portfolio-catalogue.mjs):
// a catalogue with one template, ManagedHosting (typed parameters for the targets and the
// first credit tier), and one client agreement per client (400 by default) instantiating it
// with its own parties, validity, time zone (four), fee (EUR, USD, JPY, GBP), client scope and
// arguments — some tightening a target, replacing the credit tiers or adding a service.
// `--plain` writes the former plain agreements instead (each a full copy with
// `client scope client = "cNNN"`), for comparison. The .sla files are written afresh on each
// run into a folder of this process beside the data (the data are generated once and cached).
// It checks once that `sla validate` finds no error and no warning, then, in one run, times:
//   - `sla evaluate clients/` (all agreements: the portfolio report, one pass per data file),
//   - `sla evaluate clients/c000.sla` (one agreement over the same files; it loads the
//     catalogue it imports),
//   - DuckDB (2 threads) computing the same per-client, per-month (client's zone) figures —
//     requests, success share, p95 latency, mean P1 response, from the client's first month —
//     with its fastest correct query (two are tried, each cross-checked),
// and cross-checks every figure against the portfolio report (and each window's outcome
// against the client's target in effect), and prints peak RSS and the machine load.
// For reference it also times one agreement computing the offering's KPIs `for each client`
// over the same files in one zone (Europe/Berlin; portfolio-catalogue.mjs, groupedAgreementText):
// what a single plan for the whole portfolio would accumulate, without loading 400 agreements —
// the floor of a one-plan portfolio scan on this machine. Its figures for the clients of that
// zone must be the portfolio's.
// Targets: all ≤ 1.5 × one, all ≤ 0.75 × DuckDB, peak RSS ≤ 400 MB.
//
//   node test/bench/portfolio.bench.mjs [--rows N] [--clients N] [--runs N] [--plain] [--keep]
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CLI, commandLine, prng, ROOT, runChild, writeLines } from './bench-kit.mjs';
import { benchClients, catalogueText, clientAgreementText, groupedAgreementText, negotiated, PLAIN_TARGETS, plainAgreementText, ZONES } from './portfolio-catalogue.mjs';

const TARGET_VS_ONE = 1.5;
const TARGET_VS_DUCKDB = 0.75;
const TARGET_RSS_MB = 400;
const GENERATOR_VERSION = 1;

// ---------------------------------------------------------------- options
const args = commandLine({ numbers: ['--rows', '--clients', '--runs'], flags: ['--plain', '--keep'] });
const rows = args.number('--rows', 10_000_000);
const clientCount = args.number('--clients', 400);
const runs = args.number('--runs', 1);
const keep = args.flag('--keep');
const plain = args.flag('--plain');

const clients = benchClients(clientCount);
/** Per client: the first month of its validity (the catalogue's clients differ) and the targets in effect. */
const firstMonth = (client) => (plain ? '2026-01' : client.firstMonth);
const targetsOf = (client) => (plain ? PLAIN_TARGETS : negotiated(client.index).targets);
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const YEAR_END = Date.parse('2027-01-01T00:00:00Z');

// ---------------------------------------------------------------- data
const iso = (t) => new Date(t).toISOString(); // `2026-03-01T12:00:00.123Z`

/** The three shared files for `rows` requests and `clientCount` clients, cached in os.tmpdir(). */
async function sharedData() {
    const folder = join(tmpdir(), `sla-portfolio-bench-${rows}-${clientCount}`);
    const meta = join(folder, 'meta.json');
    const paths = { folder, requests: join(folder, 'requests.csv'), incidents: join(folder, 'incidents.csv'), tickets: join(folder, 'tickets.csv') };
    try {
        const known = JSON.parse(readFileSync(meta, 'utf8'));
        if (known.version === GENERATOR_VERSION && known.bytes === statSync(paths.requests).size) return paths;
    } catch {
        // generate
    }
    mkdirSync(folder, { recursive: true });
    console.log(`generating ${rows.toLocaleString('en-US')} requests for ${clientCount} clients → ${folder}`);
    const t0 = performance.now();
    const random = prng(20261202);
    const span = YEAR_END - YEAR_START;
    const services = ['hosting', 'mail', 'desk'];
    await writeLines(paths.requests, 'time,client,service,latency_ms,status', rows, (i) => {
        const t = YEAR_START + Math.floor(((i + random()) * span) / rows);
        const c = Math.floor(random() * clientCount);
        const r = random();
        const latency = Math.round((r < 0.9 ? 5 + random() * 295 : r < 0.99 ? 300 + random() * 1700 : 2000 + random() * 8000) * 10) / 10;
        const s = random();
        const status = s < 0.002 + (c % 10) * 0.001 ? 503 : s > 0.985 ? 404 : 200;
        return `${iso(t)},${clients[c].id},${services[Math.floor(random() * 3)]},${latency},${status}\n`;
    });
    // Incidents: about 12 per client over the year, 5 minutes to 5 hours.
    const incidents = clientCount * 12;
    await writeLines(paths.incidents, 'client,service,started,resolved', incidents, (i) => {
        const start = YEAR_START + Math.floor(((i + random()) * span) / incidents);
        const minutes = 5 + Math.floor(random() * 295);
        return `${clients[Math.floor(random() * clientCount)].id},${random() < 0.7 ? 'hosting' : 'mail'},${iso(start)},${iso(start + minutes * 60_000)}\n`;
    });
    // Tickets: about 500 per client, all answered (no open rows: DuckDB computes the same mean).
    const tickets = clientCount * 500;
    await writeLines(paths.tickets, 'client,opened,responded,priority', tickets, (i) => {
        const opened = YEAR_START + Math.floor(((i + random()) * (span - 86_400_000)) / tickets);
        const seconds = 60 + Math.floor(random() * 7200);
        const p = random();
        return `${clients[Math.floor(random() * clientCount)].id},${iso(opened)},${iso(opened + seconds * 1000)},${p < 0.1 ? 'P1' : p < 0.4 ? 'P2' : 'P3'}\n`;
    });
    writeFileSync(meta, JSON.stringify({ version: GENERATOR_VERSION, rows, clients: clientCount, bytes: statSync(paths.requests).size }));
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return paths;
}

// ---------------------------------------------------------------- child process
async function slaEvaluate(target, out) {
    rmSync(out, { force: true });
    // Run in the data's folder: the shared files are inside the working directory (allowed data folders).
    const result = await runChild([CLI, 'evaluate', target, '--format', 'json', '--out', out, '--now', '2027-01-01T00:00:00Z'], paths.folder);
    if (result.exit !== 0 && result.exit !== 1) {
        console.error(result.stdout, result.stderr);
        throw new Error(`sla evaluate ${target} exited ${result.exit}`);
    }
    return result;
}

// ---------------------------------------------------------------- DuckDB
/** UTC epoch ms of the start of each local month of 2026 (and January 2027) in the zone. */
function monthStarts(zone) {
    const offsetAt = (t) => {
        const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(t).find((p) => p.type === 'timeZoneName').value;
        const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
        return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    };
    const starts = [];
    for (let month = 0; month <= 12; month++) {
        const wall = Date.UTC(2026, month, 1);
        // The instant whose local time is midnight: wall − offset (the offset at that instant; no zone here changes at midnight).
        let t = wall - offsetAt(wall);
        t = wall - offsetAt(t);
        starts.push(t);
    }
    return starts;
}

/** A SQL expression giving the client's local month ('2026-01' …) of epoch-ms column `ms`, from precomputed month starts per zone. */
function monthCase(ms) {
    const zoneCases = ZONES.map((zone, z) => {
        const starts = monthStarts(zone);
        const arms = starts.slice(0, 12).map((_, m) => `WHEN ${ms} < ${starts[m + 1]} THEN '2026-${String(m + 1).padStart(2, '0')}'`).join(' ');
        return `WHEN zone_id = ${z} THEN CASE WHEN ${ms} < ${starts[0]} THEN NULL ${arms} ELSE NULL END`;
    });
    return `CASE ${zoneCases.join(' ')} END`;
}

function duckQueries(paths) {
    const requests = `read_csv('${paths.requests}', header = true, columns = {'time': 'TIMESTAMPTZ', 'client': 'VARCHAR', 'service': 'VARCHAR', 'latency_ms': 'DOUBLE', 'status': 'INTEGER'})`;
    const tickets = `read_csv('${paths.tickets}', header = true, columns = {'client': 'VARCHAR', 'opened': 'TIMESTAMPTZ', 'responded': 'TIMESTAMPTZ', 'priority': 'VARCHAR'})`;
    const byZoneFunction = (time) => `strftime(timezone(c.zone, ${time}), '%Y-%m')`;
    const byBoundaries = (time) => monthCase(`epoch_ms(${time})`);
    // The months of each client's validity: from its first month (a later one for some of the
    // catalogue's clients) to December, kept after grouping (a few thousand groups).
    const valid = (grouped) => `
            SELECT g.* FROM (${grouped}) g JOIN clients v ON v.client = g.client
            WHERE g.local_month BETWEEN v.first_month AND '2026-12'`;
    const build = (month) => ({
        requests: valid(`
            SELECT r.client AS client, ${month('r.time')} AS local_month, count(*) AS n,
                   count(*) FILTER (WHERE r.status < 500)::DOUBLE / count(*) AS success,
                   quantile_disc(r.latency_ms, 0.95) AS p95
            FROM ${requests} r JOIN clients c ON c.client = r.client
            GROUP BY 1, 2`),
        tickets: valid(`
            SELECT t.client AS client, ${month('t.opened')} AS local_month,
                   avg(epoch_ms(t.responded) - epoch_ms(t.opened)) AS p1_response
            FROM ${tickets} t JOIN clients c ON c.client = t.client
            WHERE t.priority = 'P1'
            GROUP BY 1, 2`)
    });
    return [
        { name: 'timezone(zone, time) per row', ...build(byZoneFunction) },
        { name: 'month boundaries per zone (CASE on epoch ms)', ...build(byBoundaries) }
    ];
}

async function runDuck(connection, query) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const requests = (await connection.runAndReadAll(query.requests)).getRowObjectsJS();
    const tickets = (await connection.runAndReadAll(query.tickets)).getRowObjectsJS();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, requests, tickets };
}

// ---------------------------------------------------------------- cross-check
const COMPARED = ['Requests', 'Success', 'P95Latency', 'P1Response'];
/** The zone of the one-plan reference (groupedAgreementText). */
const GROUPED_ZONE = 'Europe/Berlin';
const clientById = new Map(clients.map((client) => [client.id, client]));

/**
 * `${client}|${month}|${kpi}` → the window's value and status, from the portfolio report (month:
 * the window's local month), for the compared KPIs; and every objective target that is not the
 * client's target in effect (an argument or override lost or misapplied).
 */
function engineFigures(portfolio) {
    const figures = new Map();
    const wrongTargets = [];
    for (const entry of portfolio.entries) {
        const client = entry.agreement.toLowerCase();
        const targets = targetsOf(clientById.get(client));
        for (const objective of entry.report.objectives) {
            if (!COMPARED.includes(objective.kpi)) continue;
            if (objective.target !== targets[objective.kpi]) wrongTargets.push(`${client}|${objective.kpi}: target ${objective.target}, expected ${targets[objective.kpi]}`);
            for (const window of objective.windows) figures.set(`${client}|${window.start.slice(0, 7)}|${objective.kpi}`, { value: window.value, status: window.status });
        }
    }
    return { figures, wrongTargets };
}

function crossCheck(portfolio, duck) {
    const { figures, wrongTargets } = engineFigures(portfolio);
    const mismatches = [...wrongTargets];
    const seen = new Set();
    let compared = 0;
    const check = (client, month, kpi, expected, exact) => {
        const key = `${client}|${month}|${kpi}`;
        const actual = figures.get(key)?.value;
        seen.add(key);
        compared++;
        const ok = exact ? actual === expected : typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
        if (!ok) mismatches.push(`${key}: sla ${actual}, DuckDB ${expected}`);
        // The outcome: DuckDB's figure against the client's target in effect.
        const target = targetsOf(clientById.get(client))[kpi];
        const met = kpi === 'Requests' || kpi === 'Success' ? expected >= target : expected <= target;
        const status = figures.get(key)?.status;
        if (ok && status !== (met ? 'met' : 'breached')) mismatches.push(`${key}: sla ${status}, DuckDB ${expected} against ${target}`);
    };
    for (const row of duck.requests) {
        check(row.client, row.local_month, 'Requests', Number(row.n), true);
        check(row.client, row.local_month, 'Success', row.success, false);
        check(row.client, row.local_month, 'P95Latency', row.p95, true);
    }
    for (const row of duck.tickets) check(row.client, row.local_month, 'P1Response', row.p1_response, false);
    // And no figure that DuckDB has not (a window outside a client's validity; a month without requests counts 0).
    for (const [key, { value }] of figures) {
        if (!seen.has(key) && value !== null && !(key.endsWith('|Requests') && value === 0)) mismatches.push(`${key}: sla ${value}, DuckDB no row`);
    }
    return { compared, mismatches };
}

/**
 * The one-plan reference's figures against the portfolio's, for the clients in its zone: every
 * compared window of such a client (from its first month) must have the same value, exactly
 * (both are this engine's; the reference only groups where the portfolio routes).
 */
function groupedCheck(portfolio, grouped) {
    const { figures } = engineFigures(portfolio);
    const groupedValues = new Map();
    for (const objective of grouped.objectives) {
        if (!COMPARED.includes(objective.kpi)) continue;
        for (const window of objective.windows) groupedValues.set(`${window.scopeValue}|${window.start.slice(0, 7)}|${objective.kpi}`, window.value);
    }
    const mismatches = [];
    let compared = 0;
    for (const [key, { value }] of figures) {
        if (clientById.get(key.split('|')[0]).zone !== GROUPED_ZONE) continue;
        compared++;
        // A month without a client's rows has no group in the reference: its count is 0, its other values none.
        const expected = groupedValues.has(key) ? groupedValues.get(key) : key.endsWith('|Requests') ? 0 : null;
        if (!Object.is(expected, value)) mismatches.push(`${key}: portfolio ${value}, one plan ${expected}`);
    }
    return { compared, mismatches };
}

// ---------------------------------------------------------------- run
const paths = await sharedData();
// The .sla files, written afresh into a folder of this run beside the data (no other run's
// files are touched; removed at the end unless --keep or a failure): catalogue.sla and clients/ (or, with
// --plain, the plain agreements in clients/).
const workspace = join(paths.folder, `portfolio-${process.pid}`);
const clientsFolder = join(workspace, 'clients');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(clientsFolder, { recursive: true });
process.on('exit', (code) => {
    if (!keep && code === 0) rmSync(workspace, { recursive: true, force: true });
    else console.log(`.sla files kept: ${workspace}`);
});
if (!plain) writeFileSync(join(workspace, 'catalogue.sla'), catalogueText('../'));
for (const client of clients) writeFileSync(join(clientsFolder, `${client.id}.sla`), plain ? plainAgreementText(client, '../../') : clientAgreementText(client, '../catalogue.sla'));
const one = join(clientsFolder, `${clients[0].id}.sla`);
const groupedFile = join(workspace, 'one-plan.sla');
writeFileSync(groupedFile, groupedAgreementText(GROUPED_ZONE, '../'));
const groupedOut = join(tmpdir(), `sla-portfolio-bench-${process.pid}-one-plan.json`);
const allOut = join(tmpdir(), `sla-portfolio-bench-${process.pid}-all.json`);
const oneOut = join(tmpdir(), `sla-portfolio-bench-${process.pid}-one.json`);
const requestsMB = statSync(paths.requests).size / 1e6;
const kind = plain ? 'plain agreements with client scope; 4 zones, EUR and USD' : 'client agreements instantiating the catalogue template ManagedHosting; 4 zones, EUR, USD, JPY and GBP';

// Validate once (not timed as evaluation): the generated portfolio must have no error and no
// warning (the catalogue is loaded through the clients' import; infos, such as the mean P1
// response's, are allowed).
const validation = await runChild([CLI, 'validate', clientsFolder, '--format', 'json'], paths.folder);
let diagnostics;
try {
    diagnostics = JSON.parse(validation.stdout);
} catch {
    diagnostics = undefined;
}
const serious = diagnostics?.filter((d) => d.severity === 'error' || d.severity === 'warning') ?? [];
if (validation.exit !== 0 || diagnostics === undefined || serious.length > 0) {
    console.error(serious.slice(0, 20).map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`).join('\n') || validation.stdout.slice(0, 2000), validation.stderr.slice(0, 2000));
    throw new Error(`FAILED: sla validate of the generated portfolio: exit ${validation.exit}, ${serious.length} errors and warnings`);
}
const validatedFiles = clientCount + (plain ? 0 : 1);
console.log(`sla validate clients/ (${validatedFiles} files: ${kind}): exit 0, no error or warning (${diagnostics.length} infos), ${(validation.ms / 1000).toFixed(2)} s (language only, for context)`);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads = 2');
await connection.run('CREATE TABLE clients (client VARCHAR, zone VARCHAR, zone_id INTEGER, first_month VARCHAR)');
await connection.run(`INSERT INTO clients VALUES ${clients.map((c) => `('${c.id}', '${c.zone}', ${ZONES.indexOf(c.zone)}, '${firstMonth(c)}')`).join(', ')}`);

const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const results = [];
for (let run = 1; run <= runs; run++) {
    const loadBefore = loadavg();
    const all = await slaEvaluate(clientsFolder, allOut);
    const single = await slaEvaluate(one, oneOut);
    const grouped = await slaEvaluate(groupedFile, groupedOut);
    const portfolio = JSON.parse(readFileSync(allOut, 'utf8'));
    const groupedChecked = groupedCheck(portfolio, JSON.parse(readFileSync(groupedOut, 'utf8')));
    const ducks = [];
    // Every candidate query in the first run; then only the fastest correct one.
    const candidates = run === 1 ? duckQueries(paths) : [results[0].fastest.query];
    for (const query of candidates) {
        const duck = await runDuck(connection, query);
        const check = crossCheck(portfolio, duck);
        ducks.push({ query, duck, check });
    }
    const loadAfter = loadavg();
    const correct = ducks.filter((d) => d.check.mismatches.length === 0);
    const fastest = [...(correct.length > 0 ? correct : ducks)].sort((a, b) => a.duck.ms - b.duck.ms)[0];
    results.push({ all, single, grouped, groupedChecked, ducks, fastest, portfolio, loadBefore, loadAfter });
    console.log(
        `run ${run}/${runs}: all ${clientCount} ${s(all.ms)} (cpu ${s(all.cpuMs)}, peak RSS ${all.peakMB.toFixed(0)} MB, exit ${all.exit}); ` +
            `one ${s(single.ms)} (cpu ${s(single.cpuMs)}, peak RSS ${single.peakMB.toFixed(0)} MB); ` +
            `one plan for all ${s(grouped.ms)} (cpu ${s(grouped.cpuMs)}, peak RSS ${grouped.peakMB.toFixed(0)} MB; ${groupedChecked.compared} values of the ${GROUPED_ZONE} clients against the portfolio's, ${groupedChecked.mismatches.length} mismatches); ` +
            ducks.map((d) => `DuckDB [${d.query.name}] ${s(d.duck.ms)} (cpu ${s(d.duck.cpuMs)}), ${d.check.compared} values, ${d.check.mismatches.length} mismatches`).join('; ') +
            `; load avg ${la(loadBefore)} → ${la(loadAfter)}`
    );
    for (const d of ducks) for (const m of d.check.mismatches.slice(0, 5)) console.log(`  mismatch [${d.query.name}] ${m}`);
    for (const m of groupedChecked.mismatches.slice(0, 5)) console.log(`  mismatch [one plan] ${m}`);
}
connection.closeSync();
instance.closeSync();

// The evaluation alone, in one process (portfolio-phases.mjs): without start-up and without
// loading and validating the .sla files, which the CLI figures above include.
const PHASES = join(ROOT, 'test/bench/portfolio-phases.mjs');
async function phases(target) {
    const result = await runChild([PHASES, target, '--workers'], paths.folder);
    const m = /evaluate (\d+) ms \(cpu (\d+) ms\)/.exec(result.stdout);
    if (result.exit !== 0 || m === null) throw new Error(`portfolio-phases ${target}: ${result.stdout}${result.stderr}`);
    return { ms: Number(m[1]), cpuMs: Number(m[2]) };
}
const phasesAll = await phases(clientsFolder);
const phasesOne = await phases(one);

// ---------------------------------------------------------------- summary
const best = (pick) => Math.min(...results.map(pick));
const bestAll = best((r) => r.all.ms);
const bestOne = best((r) => r.single.ms);
const bestDuck = best((r) => r.fastest.duck.ms);
const bestGrouped = best((r) => r.grouped.ms);
const peakMB = Math.max(...results.map((r) => r.all.peakMB));
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const last = results.at(-1);
const reads = last.portfolio.dataFiles.map((file) => `${file.path.split('/').pop()} ${file.reads} read(s) for ${file.agreements} agreements (${file.threads ?? 1} thread(s))`).join(', ');
const mismatches = results.reduce((n, r) => n + r.fastest.check.mismatches.length + r.groupedChecked.mismatches.length, 0);
const table = [
    ['agreements', `${clientCount} (${kind})`],
    ['requests', `${rows.toLocaleString('en-US')} rows, ${requestsMB.toFixed(1)} MB; incidents ${clientCount * 12}, tickets ${clientCount * 500}`],
    ['data files read', reads],
    [`sla evaluate all ${clientCount} (best of ${runs})`, s(bestAll)],
    [`sla evaluate one agreement (best of ${runs})`, s(bestOne)],
    ['ratio all / one', `${(bestAll / bestOne).toFixed(2)}   (target ≤ ${TARGET_VS_ONE}: ${verdict(bestAll / bestOne <= TARGET_VS_ONE)})`],
    [`DuckDB, 2 threads, fastest correct query (best of ${runs})`, `${s(bestDuck)}  [${last.fastest.query.name}]`],
    ['ratio all / DuckDB', `${(bestAll / bestDuck).toFixed(2)}   (target ≤ ${TARGET_VS_DUCKDB}: ${verdict(bestAll / bestDuck <= TARGET_VS_DUCKDB)})`],
    [
        `reference: one plan for all (best of ${runs})`,
        `${s(bestGrouped)}: one agreement, the offering's KPIs for each client (${GROUPED_ZONE}), no agreements to load: ` +
            `${(bestGrouped / bestOne).toFixed(2)} × one agreement, ${(bestGrouped / bestDuck).toFixed(2)} × DuckDB; all ${clientCount} = ${(bestAll / bestGrouped).toFixed(2)} × this ` +
            `(${last.groupedChecked.compared} values checked against the portfolio's)`
    ],
    [`peak RSS, all ${clientCount} (max of ${runs})`, `${peakMB.toFixed(0)} MB   (target ≤ ${TARGET_RSS_MB} MB: ${verdict(peakMB <= TARGET_RSS_MB)})`],
    ['cross-check', `${last.fastest.check.compared} values (requests, success share, p95, mean P1 response per client and local month of its validity; each window's outcome against the client's target) × ${runs} run(s), ${mismatches} mismatches`],
    ['evaluation only, in process (one run)', `all ${s(phasesAll.ms)} (cpu ${s(phasesAll.cpuMs)}), one ${s(phasesOne.ms)} (cpu ${s(phasesOne.cpuMs)}): ratio ${(phasesAll.ms / phasesOne.ms).toFixed(2)}, cpu ratio ${(phasesAll.cpuMs / phasesOne.cpuMs).toFixed(2)}`],
    [`sla validate clients/ (${validatedFiles} files)`, `${s(validation.ms)} (included in "all": the CLI loads and validates every file before evaluating)`],
    ['load average (1/5/15 min)', results.map((r) => `${la(r.loadBefore)} → ${la(r.loadAfter)}`).join('  |  ') + '  (2 cores, shared)']
];
const width = Math.max(...table.map(([k]) => k.length));
console.log('');
for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
console.log('times are wall clock of the CLI process (start-up, loading and validating the .sla files, evaluation, writing the JSON report); DuckDB in this process.');
if (keep) console.log(`reports kept: ${allOut}, ${oneOut}, ${groupedOut}`);
else {
    rmSync(allOut, { force: true });
    rmSync(oneOut, { force: true });
    rmSync(groupedOut, { force: true });
}
if (mismatches > 0) {
    console.error(`FAILED: ${mismatches} values differ between sla and DuckDB, or between the portfolio and the one-plan reference`);
    process.exit(1);
}
