// Benchmark (not a test): per-service calendar-month KPIs over a generated CSV
// (count, error rate, mean, p95, p99 latency; 20 services), engine vs DuckDB.
// Run after `npx tsc -b packages/engine`:
//   node packages/engine/test/differential/bench-10m.mjs [rows=10000000] [--scope] [--no-duckdb]
// --scope: one `for each service` objective per KPI instead of 20 filtered KPIs each.
// The CSV is cached in $TMPDIR/sla-bench-<rows>.csv.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateAgreement } from '../../out/index.js';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000_000);
const scoped = process.argv.includes('--scope');
const withDuck = !process.argv.includes('--no-duckdb');
const path = join(tmpdir(), `sla-bench-${rows}.csv`);
const SERVICES = Array.from({ length: 20 }, (_, i) => `svc${String(i).padStart(2, '0')}`);

async function generate() {
    const out = createWriteStream(path, { highWaterMark: 1 << 20 });
    out.write('time,service,latency_ms,status\n');
    const start = Date.UTC(2025, 11, 31, 23);
    const step = Math.floor((365 * 86_400_000) / rows);
    let chunk = '';
    let seed = 12345;
    for (let i = 0; i < rows; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const latency = (seed % 20000) / 10;
        const status = seed % 97 === 0 ? 503 : 200;
        chunk += `${new Date(start + i * step).toISOString()},${SERVICES[(seed >>> 8) % 20]},${latency},${status}\n`;
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
            chunk = '';
        }
    }
    out.write(chunk);
    await new Promise((r) => out.end(r));
}

if (!existsSync(path)) {
    console.log(`generating ${rows} rows → ${path}`);
    await generate();
}
console.log(`${path}: ${(statSync(path).size / 1e6).toFixed(0)} MB`);

const f = (dataset, field) => ({ type: 'field', dataset, field });
const MONTH = { kind: 'calendar', unit: 'month' };
function kpisFor(service) {
    const where = service === undefined ? undefined : { type: 'binary', op: '=', left: f('requests', 'service'), right: { type: 'string', value: service } };
    const and = (condition) => (where === undefined ? condition : { type: 'binary', op: 'and', left: where, right: condition });
    const failed = { type: 'binary', op: '>=', left: f('requests', 'status'), right: { type: 'number', value: 500, kind: 'number' } };
    const w = (node) => (where === undefined ? node : { ...node, where });
    const prefix = service ?? 'all';
    return [
        { key: `${prefix}.Count`, name: 'Count', unitKind: 'count', formula: w({ type: 'aggregate', fn: 'count', dataset: 'requests' }) },
        { key: `${prefix}.ErrorRate`, name: 'ErrorRate', unitKind: 'ratio', formula: { type: 'binary', op: '/', left: { type: 'aggregate', fn: 'count', dataset: 'requests', where: and(failed) }, right: w({ type: 'aggregate', fn: 'count', dataset: 'requests' }) } },
        { key: `${prefix}.Mean`, name: 'Mean', unitKind: 'duration', formula: w({ type: 'aggregate', fn: 'avg', dataset: 'requests', value: f('requests', 'latency') }) },
        { key: `${prefix}.P95`, name: 'P95', unitKind: 'duration', formula: w({ type: 'aggregate', fn: 'percentile', percentile: 95, dataset: 'requests', value: f('requests', 'latency') }) },
        { key: `${prefix}.P99`, name: 'P99', unitKind: 'duration', formula: w({ type: 'aggregate', fn: 'percentile', percentile: 99, dataset: 'requests', value: f('requests', 'latency') }) }
    ];
}
const kpis = scoped ? kpisFor(undefined) : SERVICES.flatMap(kpisFor);
const objectives = kpis.map((kpi) => ({ kpi: kpi.key, kpiName: kpi.name, comparison: '>=', target: 0, unitKind: kpi.unitKind, window: MONTH, ...(scoped ? { scopeField: 'service' } : {}) }));
const model = {
    id: 'Bench', timezone: 'Europe/Berlin', validity: { from: '2026-01-01', to: '2026-12-31' },
    calendars: {}, maintenance: {}, internalTargets: [], credits: [], kpis, objectives,
    datasets: { requests: { name: 'requests', path, format: 'csv', fields: [
        { name: 'time', column: 'time', kind: 'timestamp', optional: false },
        { name: 'service', column: 'service', kind: 'text', optional: false },
        { name: 'latency', column: 'latency_ms', kind: 'duration', durationUnitMs: 1, optional: false },
        { name: 'status', column: 'status', kind: 'integer', optional: false }
    ] } }
};

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const report = await evaluateAgreement(model, { now: Date.parse('2027-06-01T00:00:00Z') });
const engineMs = performance.now() - started;
const engineCpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
console.log(`engine: ${(engineMs / 1000).toFixed(2)} s (cpu user ${(engineCpu.user / 1e6).toFixed(2)} s), peak RSS ${(peak / 1e6).toFixed(0)} MB, ${report.objectives.length} objectives, ${report.datasets[0].rows} rows`);
const sample = report.objectives.find((o) => o.kpi === 'P99');
console.log(`sample p99 ${sample.kpiKey}: ${sample.windows.slice(0, 3).map((w) => `${w.scopeValue ?? ''} ${w.start.slice(0, 7)}=${w.value}`).join(', ')}`);

if (withDuck) {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const t0 = performance.now();
    const result = await connection.runAndReadAll(`
        SELECT service, strftime(timezone('Europe/Berlin', time), '%Y-%m') AS month, count(*) AS n,
               count(*) FILTER (WHERE status >= 500)::DOUBLE / count(*) AS error_rate, avg(latency_ms) AS mean,
               quantile_disc(latency_ms, 0.95) AS p95, quantile_disc(latency_ms, 0.99) AS p99
        FROM read_csv('${path}', header = true, columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'latency_ms': 'DOUBLE', 'status': 'INTEGER'})
        WHERE time >= TIMESTAMPTZ '2026-01-01 00:00:00+01' AND time < TIMESTAMPTZ '2027-01-01 00:00:00+01'
        GROUP BY ALL ORDER BY service, month`);
    const duckMs = performance.now() - t0;
    const rowsOut = result.getRowObjectsJS();
    console.log(`duckdb: ${(duckMs / 1000).toFixed(2)} s (${rowsOut.length} groups); engine/duckdb = ${(engineMs / duckMs).toFixed(2)}`);
    // Cross-check every (service, month): counts, ratios and percentiles exactly, means to 1e-12.
    const engineValue = (service, name, month) => {
        const objective = report.objectives.find((o) => o.kpiKey === (scoped ? `all.${name}` : `${service}.${name}`));
        return objective.windows.find((w) => w.start.startsWith(month) && (!scoped || w.scopeValue === service))?.value ?? null;
    };
    let mismatches = 0;
    for (const row of rowsOut) {
        const pairs = [['Count', Number(row.n), true], ['ErrorRate', row.error_rate, true], ['Mean', row.mean, false], ['P95', row.p95, true], ['P99', row.p99, true]];
        for (const [name, expected, exact] of pairs) {
            const actual = engineValue(row.service, name, row.month);
            const ok = exact ? actual === expected : actual !== null && Math.abs(actual - expected) <= 1e-12 * Math.abs(expected);
            if (!ok && mismatches++ < 5) console.log(`mismatch ${row.service} ${row.month} ${name}: engine ${actual}, duckdb ${expected}`);
        }
    }
    console.log(`cross-check: ${rowsOut.length * 5} values, ${mismatches} mismatches`);
}
