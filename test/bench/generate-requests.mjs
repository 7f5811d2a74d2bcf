// The benchmarks' request log (engine.bench.mjs, and lsp.bench.mjs's evaluation case): a CSV of
// `time,service,latency_ms,status,region` rows over the calendar year 2026 in Europe/Berlin,
// from a seeded generator, so that every run and machine reads the same data.
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GENERATOR_VERSION = 2; // bump when the generated data change
export const SERVICES = Array.from({ length: 20 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
const REGIONS = ['eu-central-1', 'us-east-1', 'ap-southeast-1', 'sa-east-1'];
export const ZONE = 'Europe/Berlin';

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
async function generate(path, rows) {
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

/**
 * The requests CSV with `rows` rows, generated once and cached in os.tmpdir() by row count
 * (`sla-engine-bench-<rows>.csv`, checked against its `.meta.json`); `base` is that path
 * without `.csv`, for files that go with it.
 */
export async function requestsCsv(rows) {
    const base = join(tmpdir(), `sla-engine-bench-${rows}`);
    const csvPath = `${base}.csv`;
    const metaPath = `${base}.meta.json`;
    const cached = () => {
        if (!existsSync(csvPath) || !existsSync(metaPath)) return false;
        try {
            const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
            return meta.version === GENERATOR_VERSION && meta.rows === rows && meta.bytes === statSync(csvPath).size;
        } catch {
            return false;
        }
    };
    if (!cached()) {
        console.log(`generating ${rows.toLocaleString('en-US')} rows → ${csvPath}`);
        const t0 = performance.now();
        await generate(csvPath, rows);
        writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, rows, bytes: statSync(csvPath).size }));
        console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return { base, csvPath };
}
