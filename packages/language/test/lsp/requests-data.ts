/**
 * Generated request logs for the evaluation tests, written into a temporary folder (never
 * committed): large enough for an evaluation that lasts, simple enough to compute by hand.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** An agreement over `requests.csv` (time, service, latency_ms, status) in UTC, with an error-rate objective per calendar month. */
export const REQUESTS_AGREEMENT = `agreement Load "Generated load" {
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset requests from "requests.csv" {
        time     timestamp
        service  text
        latency  duration ms column "latency_ms"
        status   integer
    }

    service WebShop {
        kpi Requests = count(requests)
        kpi ErrorRate = count(requests where status >= 500) / count(requests)
        kpi P99Latency = percentile(99, requests.latency)
        objective Requests >= 1 per calendar month
        objective ErrorRate <= 1% per calendar month
        objective P99Latency <= 1 s per calendar month
    }
}
`;

/**
 * Writes `rows` requests in January 2026 (UTC): row i at 2026-01-01T00:00:00Z + i × (31 days / rows),
 * so all in January; latency 100 + (i mod 300) ms; status 503 for every 1,000th row (i = 0, 1000, …), else 200.
 */
export function writeRequests(file: string, rows: number): void {
    const out = openSync(file, 'w');
    writeSync(out, 'time,service,latency_ms,status\n');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const step = (31 * 86_400_000) / rows;
    let lines: string[] = [];
    for (let i = 0; i < rows; i++) {
        lines.push(`${new Date(start + Math.floor(i * step)).toISOString()},webshop,${100 + (i % 300)},${i % 1000 === 0 ? 503 : 200}`);
        if (lines.length === 20_000) {
            writeSync(out, `${lines.join('\n')}\n`);
            lines = [];
        }
    }
    if (lines.length > 0) writeSync(out, `${lines.join('\n')}\n`);
    closeSync(out);
}
