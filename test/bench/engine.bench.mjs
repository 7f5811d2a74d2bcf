// Engine benchmark (issue: `npm run bench:engine`).
//
// Generates a requests CSV (time, service of 20, latency_ms, status, region; 10M rows,
// about 580 MB by default; cached in os.tmpdir() by row count), writes an agreement with
// per-service calendar-month KPIs in Europe/Berlin (count, error rate, mean, p95, p99
// latency), runs `sla evaluate … --format json` on it as a child process and the same
// query in DuckDB (2 threads, read_csv with explicit types) in this process, checks that
// every (service, month) value agrees, and prints both times, the ratio, throughput and
// the CLI's peak RSS against the targets (ours ≤ 0.75 × DuckDB, peak RSS ≤ 250 MB).
//
//   node test/bench/engine.bench.mjs [--rows N] [--services] [--keep] [--runs N]
//
// --rows N     rows of the generated CSV (default 10,000,000)
// --services   20 `service` blocks × 5 KPIs filtered by `service = "svcNN"` instead of
//              5 KPIs with objectives `for each service`
// --keep       keep the JSON report (and print its path)
// --runs N     run the pair (sla, DuckDB) N times and report the best of each (default 2)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const CLI = join(ROOT, 'packages/cli/bin/sla.js');
const TIME = '/usr/bin/time';
const TARGET_RATIO = 0.75;
const TARGET_RSS_MB = 250;
const GENERATOR_VERSION = 2; // bump when the generated data change

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
function option(name, fallback) {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const value = Number(String(argv[index + 1]).replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
    return value;
}
const rows = option('--rows', 10_000_000);
const runs = option('--runs', 2);
const perService = argv.includes('--services');
const keep = argv.includes('--keep');
for (const arg of argv) {
    if (arg.startsWith('--') && !['--rows', '--runs', '--services', '--keep'].includes(arg)) throw new Error(`unknown option ${arg}`);
}

const SERVICES = Array.from({ length: 20 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
const REGIONS = ['eu-central-1', 'us-east-1', 'ap-southeast-1', 'sa-east-1'];
const ZONE = 'Europe/Berlin';

// ---------------------------------------------------------------- data
/** mulberry32: small seeded PRNG, so every run and machine sees the same data. */
function prng(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Offset of Europe/Berlin (ms) for each UTC hour of [start, end), from the platform's IANA data. */
function berlinOffsets(start, hours) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });
    const offsets = new Int32Array(hours);
    for (let h = 0; h < hours; h++) {
        const name = format.formatToParts(start + h * 3_600_000).find((p) => p.type === 'timeZoneName').value; // GMT+01:00
        const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
        offsets[h] = match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
    }
    return offsets;
}

/**
 * Rows in ascending time over the calendar year 2026 in Berlin ([2026-01-01 00:00+01:00,
 * 2027-01-01 00:00+01:00)), written as Berlin local time with its offset
 * (`2026-03-29T03:00:00.123+02:00`). Latency: one decimal, mostly 5–300 ms with a heavy
 * tail; status mostly 200, some 4xx and 5xx, error share differing per service.
 */
async function generate(path) {
    const random = prng(20260101);
    const start = Date.parse('2025-12-31T23:00:00Z');
    const end = Date.parse('2026-12-31T23:00:00Z');
    const span = end - start;
    const offsets = berlinOffsets(start, Math.ceil(span / 3_600_000) + 1);
    const suffix = (offset) => (offset === 3_600_000 ? '+01:00' : offset === 7_200_000 ? '+02:00' : null);
    const errorShare = SERVICES.map((_, i) => 0.002 + 0.0015 * i); // 0.2 % … 3.05 %
    const partial = `${path}.partial`;
    const out = createWriteStream(partial, { highWaterMark: 1 << 22 });
    let chunk = 'time,service,latency_ms,status,region\n';
    for (let i = 0; i < rows; i++) {
        const t = start + Math.floor(((i + random()) * span) / rows);
        const offset = offsets[Math.floor((t - start) / 3_600_000)];
        const service = Math.floor(random() * 20);
        const r = random();
        const raw = r < 0.9 ? 5 + random() * 295 : r < 0.99 ? 300 + random() * 1700 : 2000 + random() * 28000;
        const latency = Math.round((raw + service) * 10) / 10; // whole tenths: at most one decimal written; services differ a little
        const s = random();
        const status = s < errorShare[service] ? (s < errorShare[service] / 2 ? 503 : s < errorShare[service] * 0.8 ? 500 : 502) : s > 0.985 ? 404 : 200;
        chunk += `${new Date(t + offset).toISOString().slice(0, 23)}${suffix(offset)},${SERVICES[service]},${latency},${status},${REGIONS[Math.floor(random() * 4)]}\n`;
        if (chunk.length >= 1 << 20) {
            if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
            chunk = '';
        }
    }
    out.write(chunk);
    await new Promise((resolveEnd, reject) => {
        out.on('error', reject);
        out.end(resolveEnd);
    });
    renameSync(partial, path);
}

const base = join(tmpdir(), `sla-engine-bench-${rows}`);
const csvPath = `${base}.csv`;
const metaPath = `${base}.meta.json`;
function cached() {
    if (!existsSync(csvPath) || !existsSync(metaPath)) return false;
    try {
        const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
        return meta.version === GENERATOR_VERSION && meta.rows === rows && meta.bytes === statSync(csvPath).size;
    } catch {
        return false;
    }
}
if (!cached()) {
    console.log(`generating ${rows.toLocaleString('en-US')} rows → ${csvPath}`);
    const t0 = performance.now();
    await generate(csvPath);
    writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, rows, bytes: statSync(csvPath).size }));
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const fileBytes = statSync(csvPath).size;
const fileMB = fileBytes / 1e6;

// ---------------------------------------------------------------- agreement
const KPIS = [
    { name: 'RequestCount', title: 'Number of requests', formula: (w) => `count(requests${w ? ` where ${w}` : ''})`, objective: '>= 1', sql: 'n' },
    { name: 'ErrorRate', title: 'Share of requests answered with a 5xx status', formula: (w) => `count(requests where ${w ? `${w} and ` : ''}status >= 500) / count(requests${w ? ` where ${w}` : ''})`, objective: '<= 5%', sql: 'error_rate' },
    { name: 'MeanLatency', title: 'Arithmetic mean of the request latency', formula: (w) => `avg(requests.latency${w ? ` where ${w}` : ''})`, objective: '<= 1000 ms', sql: 'mean' },
    { name: 'P95Latency', title: 'Nearest-rank 95th percentile of the request latency', formula: (w) => `percentile(95, requests.latency${w ? ` where ${w}` : ''})`, objective: '<= 5000 ms', sql: 'p95' },
    { name: 'P99Latency', title: 'Nearest-rank 99th percentile of the request latency', formula: (w) => `percentile(99, requests.latency${w ? ` where ${w}` : ''})`, objective: '<= 30000 ms', sql: 'p99' }
];
const serviceBlock = (svc) => `Svc${svc.slice(3)}`; // svc07 → Svc07

function agreementText() {
    const lines = [
        `// Generated by test/bench/engine.bench.mjs (${rows} rows, ${perService ? '20 services × 5 KPIs' : '5 KPIs for each service'}).`,
        'agreement EngineBench "Engine benchmark: per-service request KPIs per calendar month" {',
        '    provider Bench "Benchmark Provider"',
        '    customer Client "Benchmark Customer"',
        '    valid from 2026-01-01 to 2026-12-31',
        `    timezone "${ZONE}"`,
        '',
        `    dataset requests "Generated request log" from "${basename(csvPath)}" {`,
        '        time     timestamp',
        '        service  text',
        '        latency  duration ms column "latency_ms"',
        '        status   integer',
        '        region   text',
        '    }',
        ''
    ];
    if (perService) {
        for (const svc of SERVICES) {
            lines.push(`    service ${serviceBlock(svc)} "Service ${svc}" {`);
            for (const kpi of KPIS) lines.push(`        kpi ${kpi.name} "${kpi.title} of ${svc}" = ${kpi.formula(`service = "${svc}"`)}`);
            for (const kpi of KPIS) lines.push(`        objective ${kpi.name} ${kpi.objective} per calendar month`);
            lines.push('    }');
        }
    } else {
        for (const kpi of KPIS) lines.push(`    kpi ${kpi.name} "${kpi.title}" = ${kpi.formula(undefined)}`);
        lines.push('');
        for (const kpi of KPIS) lines.push(`    objective ${kpi.name} ${kpi.objective} per calendar month for each service`);
    }
    lines.push('}', '');
    return lines.join('\n');
}
const slaPath = `${base}${perService ? '-services' : ''}.sla`;
writeFileSync(slaPath, agreementText());
const reportPath = join(tmpdir(), `sla-engine-bench-${rows}${perService ? '-services' : ''}-report.json`);

// ---------------------------------------------------------------- child process
/** Runs the CLI; wall time from spawn to exit; peak RSS from /usr/bin/time -v, else /proc polling. */
function runChild(args) {
    const useTime = existsSync(TIME);
    const [command, commandArgs] = useTime ? [TIME, ['-v', NODE, ...args]] : [NODE, args];
    return new Promise((resolveRun, reject) => {
        const started = performance.now();
        const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        let polledKb = 0;
        const poll = useTime
            ? undefined
            : setInterval(() => {
                  try {
                      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
                      for (const key of ['VmHWM', 'VmRSS']) {
                          const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(status);
                          if (m) polledKb = Math.max(polledKb, Number(m[1]));
                      }
                  } catch {
                      /* exited */
                  }
              }, 20);
        child.on('error', reject);
        child.on('close', (code) => {
            const ms = performance.now() - started;
            if (poll) clearInterval(poll);
            let peakKb = polledKb;
            let exit = code;
            let cpuMs = NaN;
            if (useTime) {
                const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
                peakKb = m ? Number(m[1]) : NaN;
                const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
                const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
                cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : NaN;
                const e = /Exit status: (\d+)/.exec(stderr);
                if (e) exit = Number(e[1]);
                stderr = stderr.replace(/\n?\s*Command (being timed|exited)[\s\S]*$/, '');
            }
            resolveRun({ ms, cpuMs, peakMB: (peakKb * 1024) / 1e6, exit, stdout, stderr, rssMethod: useTime ? '/usr/bin/time -v' : '/proc polling' });
        });
    });
}

// Validate once (not timed): the benchmark document must have no errors.
{
    const result = await runChild([CLI, 'validate', slaPath]);
    if (result.exit !== 0) {
        console.error(result.stdout, result.stderr);
        throw new Error(`sla validate ${slaPath} exited ${result.exit}`);
    }
    const summary = `${result.stdout}\n${result.stderr}`.trim().split('\n').filter((l) => /\d+ (errors?|warnings?|infos?|hints?)\b/.test(l)).pop();
    console.log(`sla validate ${basename(slaPath)}: exit 0${summary ? ` (${summary.trim()})` : ''}`);
}

async function runSla() {
    rmSync(reportPath, { force: true });
    const result = await runChild([CLI, 'evaluate', slaPath, '--format', 'json', '--out', reportPath, '--now', '2027-01-01T00:00:00Z']);
    // 0: every objective met, 1: some objective breached; both are successful evaluations.
    if (result.exit !== 0 && result.exit !== 1) {
        console.error(result.stdout, result.stderr);
        throw new Error(`sla evaluate exited ${result.exit}`);
    }
    return result;
}

// ---------------------------------------------------------------- DuckDB
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads = 2');

const query = (path) => `
    SELECT service, strftime(timezone('${ZONE}', time), '%Y-%m') AS month, count(*) AS n,
           count(*) FILTER (WHERE status >= 500)::DOUBLE / count(*) AS error_rate,
           avg(latency_ms) AS mean,
           quantile_disc(latency_ms, 0.95) AS p95, quantile_disc(latency_ms, 0.99) AS p99
    FROM read_csv('${path}', header = true,
                  columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'latency_ms': 'DOUBLE', 'status': 'INTEGER', 'region': 'VARCHAR'})
    WHERE time >= TIMESTAMPTZ '2026-01-01 00:00:00+01' AND time < TIMESTAMPTZ '2027-01-01 00:00:00+01'
    GROUP BY ALL ORDER BY service, month`;

// Check (small case) that the query groups by Berlin calendar months: rows just either side
// of the Berlin month boundaries around both DST changes, written with offset and in UTC.
{
    const path = join(tmpdir(), `sla-engine-bench-boundaries-${process.pid}.csv`);
    const cases = [
        ['2026-02-28T23:59:59.999+01:00', '2026-02'],
        ['2026-02-28T23:00:00.000Z', '2026-03'],
        ['2026-03-29T01:59:59.999+01:00', '2026-03'],
        ['2026-03-29T03:00:00.000+02:00', '2026-03'],
        ['2026-03-31T21:59:59.999Z', '2026-03'],
        ['2026-04-01T00:00:00.000+02:00', '2026-04'],
        ['2026-10-25T02:30:00.000+02:00', '2026-10'],
        ['2026-10-31T23:59:59.999+01:00', '2026-10'],
        ['2026-10-31T23:00:00.000Z', '2026-11'],
        ['2025-12-31T22:59:59.999Z', null], // 2025-12-31 23:59:59.999 Berlin: outside the year
        ['2026-12-31T23:00:00.000Z', null] // 2027-01-01 00:00 Berlin
    ];
    writeFileSync(path, ['time,service,latency_ms,status,region', ...cases.map(([t], i) => `${t},svc${String(i).padStart(2, '0')},1.5,200,eu`)].join('\n') + '\n');
    const got = new Map((await connection.runAndReadAll(query(path))).getRowObjectsJS().map((r) => [r.service, r.month]));
    rmSync(path);
    cases.forEach(([t, month], i) => {
        const actual = got.get(`svc${String(i).padStart(2, '0')}`) ?? null;
        if (actual !== month) throw new Error(`DuckDB query puts ${t} in ${actual}, expected ${month}: the month grouping is not in ${ZONE}`);
    });
    console.log(`DuckDB month grouping checked on ${cases.length} rows around Berlin month boundaries and DST changes`);
}

async function runDuck() {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await connection.runAndReadAll(query(csvPath));
    const out = result.getRowObjectsJS();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, rows: out };
}

// ---------------------------------------------------------------- cross-check
function compare(report, duckRows) {
    const engine = new Map(); // `${svc}|${month}|${kpi}` → value
    for (const objective of report.objectives) {
        for (const w of objective.windows) {
            const svc = perService ? SERVICES.find((s) => serviceBlock(s) === objective.service) : w.scopeValue;
            engine.set(`${svc}|${w.start.slice(0, 7)}|${objective.kpi}`, w.value);
        }
    }
    const mismatches = [];
    let compared = 0;
    const seen = new Set();
    for (const row of duckRows) {
        for (const kpi of KPIS) {
            const key = `${row.service}|${row.month}|${kpi.name}`;
            seen.add(key);
            const expected = kpi.sql === 'n' ? Number(row.n) : row[kpi.sql];
            const actual = engine.has(key) ? engine.get(key) : undefined;
            const exact = kpi.sql !== 'mean';
            const ok = exact ? actual === expected : typeof actual === 'number' && Math.abs(actual - expected) <= 1e-12 * Math.abs(expected);
            compared++;
            if (!ok) mismatches.push(`${row.service} ${row.month} ${kpi.name}: sla ${actual}, DuckDB ${expected}`);
        }
    }
    for (const [key, value] of engine) {
        if (!seen.has(key) && value !== null) mismatches.push(`${key.replaceAll('|', ' ')}: sla ${value}, DuckDB has no such group`);
    }
    return { compared, groups: duckRows.length, mismatches };
}

// ---------------------------------------------------------------- runs
const results = [];
for (let run = 1; run <= runs; run++) {
    const loadBefore = loadavg();
    const sla = await runSla();
    const duck = await runDuck();
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const check = compare(report, duck.rows);
    const loadAfter = loadavg();
    results.push({ sla, duck, check, loadBefore, loadAfter });
    const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
    console.log(
        `run ${run}/${runs}: sla ${(sla.ms / 1000).toFixed(2)} s (cpu ${(sla.cpuMs / 1000).toFixed(2)} s, exit ${sla.exit}, peak RSS ${sla.peakMB.toFixed(0)} MB), ` +
            `DuckDB ${(duck.ms / 1000).toFixed(2)} s (cpu ${(duck.cpuMs / 1000).toFixed(2)} s), ratio ${(sla.ms / duck.ms).toFixed(2)}; ` +
            `cross-check ${check.compared} values in ${check.groups} (service, month) groups: ${check.mismatches.length} mismatches; ` +
            `load avg ${la(loadBefore)} → ${la(loadAfter)}`
    );
    if (check.mismatches.length > 0) {
        for (const m of check.mismatches.slice(0, 10)) console.log(`  mismatch ${m}`);
        if (check.mismatches.length > 10) console.log(`  … and ${check.mismatches.length - 10} more`);
    }
}
connection.closeSync();
instance.closeSync();

// ---------------------------------------------------------------- summary
const bestSla = Math.min(...results.map((r) => r.sla.ms));
const bestDuck = Math.min(...results.map((r) => r.duck.ms));
const peakMB = Math.max(...results.map((r) => r.sla.peakMB));
const ratio = bestSla / bestDuck;
const mismatches = results.reduce((n, r) => n + r.check.mismatches.length, 0);
const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const perSec = (n, ms) => (n / (ms / 1000)).toLocaleString('en-US', { maximumFractionDigits: 0 });
const table = [
    ['variant', perService ? '20 services × 5 KPIs (where service = "svcNN")' : '5 KPIs, objectives for each service'],
    ['rows', rows.toLocaleString('en-US')],
    ['file', `${fileMB.toFixed(1)} MB (${csvPath})`],
    [`sla evaluate wall (best of ${runs})`, s(bestSla)],
    [`DuckDB wall, 2 threads (best of ${runs})`, s(bestDuck)],
    ['ratio sla / DuckDB', `${ratio.toFixed(3)}   (target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)})`],
    ['ratio per run', `${results.map((r) => (r.sla.ms / r.duck.ms).toFixed(2)).join(', ')} (median ${median(results.map((r) => r.sla.ms / r.duck.ms)).toFixed(2)})`],
    ['cpu time user+sys (best of each)', `sla ${s(Math.min(...results.map((r) => r.sla.cpuMs)))}, DuckDB ${s(Math.min(...results.map((r) => r.duck.cpuMs)))} (for judging noise; the target is on wall time)`],
    ['sla rows/s', perSec(rows, bestSla)],
    ['sla MB/s', (fileMB / (bestSla / 1000)).toFixed(1)],
    ['DuckDB rows/s', perSec(rows, bestDuck)],
    ['DuckDB MB/s', (fileMB / (bestDuck / 1000)).toFixed(1)],
    [`sla peak RSS (max of ${runs}, ${results[0].sla.rssMethod})`, `${peakMB.toFixed(0)} MB   (target ≤ ${TARGET_RSS_MB} MB: ${verdict(peakMB <= TARGET_RSS_MB)})`],
    ['  of which values percentiles need', `${((rows * 4) / 1e6).toFixed(0)} MB (one 32-bit integer per row: the latencies are whole tenths; ${((rows * 8) / 1e6).toFixed(0)} MB as float64)`],
    ['cross-check', `${results[0].check.compared} values × ${runs} runs, ${mismatches} mismatches`],
    ['load average (1/5/15 min)', results.map((r) => r.loadBefore.map((x) => x.toFixed(2)).join(' ')).join('  |  ') + '  (before each run; 2 cores)']
];
const width = Math.max(...table.map(([k]) => k.length));
console.log('');
for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
console.log(`times are wall clock; sla includes process start-up and parsing the .sla file; best of ${runs} runs each.`);
if (keep) console.log(`report kept: ${reportPath}`);
else rmSync(reportPath, { force: true });
if (mismatches > 0) {
    console.error(`FAILED: ${mismatches} values differ between sla and DuckDB`);
    process.exit(1);
}
