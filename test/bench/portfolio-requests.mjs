// The shared request log of a client portfolio for `npm run bench:sql` (sql.bench.mjs): a CSV of
// `time,client,service,latency_ms,status` rows over the UTC year 2026 (time in UTC with `Z`,
// latency in whole tenths) for N clients in four zones, as test/bench/portfolio.bench.mjs
// generates its request log, and the plain client agreement each client gets (`client scope
// client = "cNNN"`, its own zone, monthly KPIs over the request log only). Cached in os.tmpdir().
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from './bench-kit.mjs';

const GENERATOR_VERSION = 1;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const SERVICES = ['hosting', 'mail', 'desk'];

/** The clients: `c000` … with four zones in turn. */
export function portfolioClients(count) {
    return Array.from({ length: count }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, zone: ZONES[i % ZONES.length] }));
}

/** `{ base, csvPath }` of the request log with `rows` rows for `clients` clients (generated once). */
export async function portfolioRequestsCsv(rows, clients) {
    const base = join(tmpdir(), `sla-sql-portfolio-bench-${rows}-${clients}`);
    const csvPath = `${base}.csv`;
    const metaPath = `${base}.meta.json`;
    try {
        const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
        if (meta.version === GENERATOR_VERSION && existsSync(csvPath) && meta.bytes === statSync(csvPath).size) return { base, csvPath };
    } catch {
        // generate
    }
    console.log(`generating ${rows.toLocaleString('en-US')} requests of ${clients} clients → ${csvPath}`);
    const ids = portfolioClients(clients).map((client) => client.id);
    const random = prng(20261215);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const span = Date.parse('2027-01-01T00:00:00Z') - start;
    const partial = `${csvPath}.partial`;
    const out = createWriteStream(partial, { highWaterMark: 1 << 22 });
    let chunk = 'time,client,service,latency_ms,status\n';
    for (let i = 0; i < rows; i++) {
        const t = start + Math.floor(((i + random()) * span) / rows);
        const c = Math.floor(random() * clients);
        const r = random();
        const latency = Math.round((r < 0.9 ? 5 + random() * 295 : r < 0.99 ? 300 + random() * 1700 : 2000 + random() * 8000) * 10) / 10;
        const s = random();
        const status = s < 0.002 + (c % 10) * 0.001 ? 503 : s > 0.985 ? 404 : 200;
        chunk += `${new Date(t).toISOString()},${ids[c]},${SERVICES[Math.floor(random() * 3)]},${latency},${status}\n`;
        if (chunk.length >= 1 << 20) {
            if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
            chunk = '';
        }
    }
    out.write(chunk);
    await new Promise((resolve, reject) => {
        out.on('error', reject);
        out.end(resolve);
    });
    renameSync(partial, csvPath);
    writeFileSync(metaPath, JSON.stringify({ version: GENERATOR_VERSION, rows, clients, bytes: statSync(csvPath).size }));
    return { base, csvPath };
}

/** A client's agreement over the request log `source` (`from "file.csv"` or `from table "requests" of connection db`). */
export function portfolioAgreement(client, source) {
    const name = client.id.toUpperCase();
    return `agreement ${name} "Managed hosting for client ${client.id}" {
    provider Bench "Benchmark Provider"
    customer ${name} "Client ${client.id}"
    valid from 2026-01-01 to 2026-12-31
    timezone "${client.zone}"
    client scope client = "${client.id}"

    dataset requests "Request log, all clients" ${source} {
        time    timestamp
        client  text
        service text
        latency duration ms column "latency_ms"
        status  integer
    }

    service Hosting "Managed hosting" {
        kpi Requests "Requests" = count(requests)
        kpi Success "Requests answered below 500" = share(requests where status < 500 of requests)
        kpi P95Latency "95th percentile latency" = percentile(95, requests.latency)

        objective Requests >= 1 per calendar month
        objective Success >= 99% per calendar month
        objective P95Latency <= 1500 ms per calendar month
    }
}
`;
}
