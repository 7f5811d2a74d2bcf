// Throughput check (not a test): generates a CSV of N rows × 5 columns in a temp dir
// and scans it with scanDataset. Run after `npx tsc -b packages/engine`:
//   node packages/engine/test/data/scan-speed.mjs [rows=1000000] [--naive] [--duckdb]
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanDataset } from '../../out/data/index.js';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const naive = process.argv.includes('--naive');
const duck = process.argv.includes('--duckdb');
const dir = mkdtempSync(join(tmpdir(), 'scan-speed-'));
const path = join(dir, 'requests.csv');

async function generate() {
    const out = createWriteStream(path, { highWaterMark: 1 << 20 });
    out.write('time,service,latency_ms,status,region\n');
    const services = ['webshop', 'api', 'search', 'checkout'];
    const regions = ['eu', 'us', 'apac'];
    const start = Date.UTC(2026, 0, 1);
    let chunk = '';
    for (let i = 0; i < rows; i++) {
        const t = new Date(start + i * 3000).toISOString();
        const time = naive ? t.slice(0, 19).replace('T', ' ') : t;
        chunk += `${time},${services[i % 4]},${(i * 7919) % 2000 + 0.5},${i % 50 === 0 ? 500 : 200},${regions[i % 3]}\n`;
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
            chunk = '';
        }
    }
    out.write(chunk);
    await new Promise((r) => out.end(r));
}

await generate();
const spec = {
    name: 'requests',
    path,
    format: 'csv',
    timezone: naive ? 'Europe/Berlin' : undefined,
    fields: [
        { name: 'time', column: 'time', kind: 'timestamp', optional: false },
        { name: 'service', column: 'service', kind: 'enum', enumValues: ['webshop', 'api', 'search', 'checkout'], optional: false },
        { name: 'latency', column: 'latency_ms', kind: 'duration', durationUnitMs: 1, optional: false },
        { name: 'status', column: 'status', kind: 'integer', optional: false },
        { name: 'region', column: 'region', kind: 'text', optional: false }
    ]
};
const size = statSync(path).size;
for (let run = 0; run < 3; run++) {
    let sum = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await scanDataset(spec, (row) => { sum += row[2]; }, { skipInvalid: false });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
        `run ${run + 1}: ${result.rows} rows, ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(3)} s wall (${cpuSeconds.toFixed(3)} s CPU) = ` +
            `${Math.round(result.rows / seconds).toLocaleString('en')} rows/s wall, ${Math.round(result.rows / cpuSeconds).toLocaleString('en')} rows/s CPU, ${(size / 1e6 / seconds).toFixed(0)} MB/s (checksum ${sum})`
    );
}
if (duck) {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (let run = 0; run < 2; run++) {
        const t0 = performance.now();
        const reader = await conn.runAndReadAll(`select count(*), sum(latency_ms) from read_csv('${path}')`);
        const seconds = (performance.now() - t0) / 1000;
        console.log(`duckdb run ${run + 1}: ${JSON.stringify(reader.getRows(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))} in ${seconds.toFixed(3)} s`);
    }
}
rmSync(dir, { recursive: true, force: true });
