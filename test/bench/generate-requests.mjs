// The benchmarks' request log (engine.bench.mjs, and lsp.bench.mjs's evaluation case): a CSV of
// `time,service,latency_ms,status,region` rows over the calendar year 2026, from a seeded
// generator, so that every run and machine reads the same data. Two kinds (KINDS):
// `berlin` (the default) writes Berlin local time with its offset and latencies in whole
// tenths; `utc` writes UTC (`…Z`) and latencies with three decimals, as many logs do.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng, writeLines } from './bench-kit.mjs';

const GENERATOR_VERSION = 2; // bump when the generated data change
export const SERVICES = Array.from({ length: 20 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
export const REGIONS = ['eu-central-1', 'us-east-1', 'ap-southeast-1', 'sa-east-1'];
export const ZONE = 'Europe/Berlin';
/** The data kinds: the agreement's time zone and how the rows are written. */
export const KINDS = {
    berlin: { zone: ZONE, description: 'Europe/Berlin local time with offset (+01:00/+02:00), latency in whole tenths' },
    utc: { zone: 'UTC', description: 'UTC (…Z), latency with three decimals' }
};

// ---------------------------------------------------------------- data
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
 * (`2026-03-29T03:00:00.123+02:00`); latency with one decimal. Kind `utc`: over the UTC
 * year, written `2026-03-29T01:00:00.123Z`, latency with three decimals (`123.457`).
 * Latency mostly 5–300 ms with a heavy tail; status mostly 200, some 4xx and 5xx, error
 * share differing per service.
 */
async function generate(path, rows, kind) {
    const utc = kind === 'utc';
    const random = prng(utc ? 20260102 : 20260101);
    const start = Date.parse(utc ? '2026-01-01T00:00:00Z' : '2025-12-31T23:00:00Z');
    const end = Date.parse(utc ? '2027-01-01T00:00:00Z' : '2026-12-31T23:00:00Z');
    const span = end - start;
    const offsets = berlinOffsets(start, Math.ceil(span / 3_600_000) + 1);
    const suffix = (offset) => (offset === 3_600_000 ? '+01:00' : offset === 7_200_000 ? '+02:00' : null);
    const errorShare = SERVICES.map((_, i) => 0.002 + 0.0015 * i); // 0.2 % … 3.05 %
    await writeLines(path, 'time,service,latency_ms,status,region', rows, (i) => {
        const t = start + Math.floor(((i + random()) * span) / rows);
        const offset = offsets[Math.floor((t - start) / 3_600_000)];
        const service = Math.floor(random() * 20);
        const r = random();
        const raw = r < 0.9 ? 5 + random() * 295 : r < 0.99 ? 300 + random() * 1700 : 2000 + random() * 28000;
        // Berlin: whole tenths (at most one decimal written); UTC: thousandths, always three decimals. Services differ a little.
        const latency = utc ? ((Math.round((raw + service) * 1000)) / 1000).toFixed(3) : Math.round((raw + service) * 10) / 10;
        const s = random();
        const status = s < errorShare[service] ? (s < errorShare[service] / 2 ? 503 : s < errorShare[service] * 0.8 ? 500 : 502) : s > 0.985 ? 404 : 200;
        const time = utc ? new Date(t).toISOString() : `${new Date(t + offset).toISOString().slice(0, 23)}${suffix(offset)}`;
        return `${time},${SERVICES[service]},${latency},${status},${REGIONS[Math.floor(random() * 4)]}\n`;
    });
}

/**
 * The requests CSV with `rows` rows of `kind` (see KINDS), generated once and cached in
 * os.tmpdir() by kind and row count (`sla-engine-bench-<rows>.csv` for Berlin,
 * `sla-engine-bench-utc-<rows>.csv`, checked against its `.meta.json`); `base` is that
 * path without `.csv`, for files that go with it.
 */
export async function requestsCsv(rows, kind = 'berlin') {
    if (!(kind in KINDS)) throw new Error(`unknown data kind ${kind}`);
    const base = join(tmpdir(), `sla-engine-bench-${kind === 'berlin' ? '' : `${kind}-`}${rows}`);
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
        await generate(csvPath, rows, kind);
        writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, rows, bytes: statSync(csvPath).size }));
        console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return { base, csvPath };
}
