#!/usr/bin/env node
// Writes data/requests.csv for the Atlassian Cloud example, deterministically (no randomness).
//   node make-data.mjs           writes the file
//   node make-data.mjs --out D   writes into D/data instead
//   node make-data.mjs --check   also recomputes the designed outcomes from the rows, without the engine:
//                                per product and month, the minutes whose error rate exceeds 5 %.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_INDEX = process.argv.indexOf('--out');
// --out D: write into folder D (the example's test compares D with the committed files).
const HERE = OUT_INDEX > 0 && process.argv[OUT_INDEX + 1] ? process.argv[OUT_INDEX + 1] : dirname(fileURLToPath(import.meta.url));
const rows = [];
const minute = (iso, offset) => new Date(Date.parse(iso) + offset * 60_000).toISOString().replace('.000Z', 'Z');
/** `count` consecutive minutes from `start` (UTC), each with `requests` requests of which `errors` failed. */
function minutes(product, start, count, requests, errors) {
    for (let m = 0; m < count; m++) rows.push([minute(start, m), product, requests, errors]);
}

// Ordinary traffic (a few sampled minutes a day would be thousands of rows; a handful stands for it).
for (const day of ['2026-03-02', '2026-03-16', '2026-04-02', '2026-04-16']) {
    minutes('jira', `${day}T09:00:00Z`, 3, 120, 0);
    minutes('confluence', `${day}T09:00:00Z`, 3, 80, 1); // 1.25 %: not a Downtime Minute
}
// Jira, March 2026: 44 minutes at 10 % errors (10 of 100) → 44 Downtime Minutes.
minutes('jira', '2026-03-10T09:00:00Z', 44, 100, 10);
// Jira, April 2026: 59 minutes at 20 %, one at 6 % (3 of 50), one at exactly 5 % (1 of 20: not "greater than 5%").
minutes('jira', '2026-04-07T14:00:00Z', 59, 50, 10);
minutes('jira', '2026-04-07T16:30:00Z', 1, 50, 3);
minutes('jira', '2026-04-07T16:31:00Z', 1, 20, 1);
// A minute the monitor exported with no requests at all: no error rate, not a Downtime Minute.
minutes('jira', '2026-04-07T16:32:00Z', 1, 0, 0);
// Confluence, April 2026: 20 minutes completely inoperable (all requests failed: 100 %).
minutes('confluence', '2026-04-21T03:00:00Z', 20, 40, 40);

rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
mkdirSync(join(HERE, 'data'), { recursive: true });
writeFileSync(join(HERE, 'data', 'requests.csv'), ['time,product,requests,errors', ...rows.map((r) => r.join(','))].join('\n') + '\n');

if (process.argv.includes('--check')) {
    const monthMinutes = { '2026-03': 31 * 1440, '2026-04': 30 * 1440 };
    const downtime = new Map();
    // Error rate per minute = errors / requests of the minute's rows (one row per product and minute here).
    const perMinute = new Map();
    for (const [time, product, requests, errors] of rows) {
        const key = `${product}|${time.slice(0, 16)}`;
        const sum = perMinute.get(key) ?? { requests: 0, errors: 0 };
        sum.requests += requests;
        sum.errors += errors;
        perMinute.set(key, sum);
    }
    for (const [key, { requests, errors }] of perMinute) {
        if (requests === 0 || errors * 100 <= 5 * requests) continue; // no error rate, or not above 5 %
        const [product, time] = key.split('|');
        const month = `${product}|${time.slice(0, 7)}`;
        downtime.set(month, (downtime.get(month) ?? 0) + 1);
    }
    for (const product of ['jira', 'confluence']) {
        for (const [month, total] of Object.entries(monthMinutes)) {
            const down = downtime.get(`${product}|${month}`) ?? 0;
            console.log(`${product} ${month}: ${down} Downtime Minutes of ${total} → ${(100 * (total - down) / total).toFixed(6)} %`);
        }
    }
}
