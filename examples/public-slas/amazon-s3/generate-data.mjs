#!/usr/bin/env node
// Deterministic generator of the Amazon S3 example's data (data/requests.csv, data/billing.csv).
//
//   node examples/public-slas/amazon-s3/generate-data.mjs           writes both files (byte for byte the committed ones)
//   node examples/public-slas/amazon-s3/generate-data.mjs --check   also prints the outcomes, computed here without the engine
//   node examples/public-slas/amazon-s3/generate-data.mjs --out D   writes into folder D instead
//
// No randomness: every row is designed (README.md gives the arithmetic). One row per region,
// storage class and 5-minute interval with requests, as an export of S3 request metrics
// aggregated per 5 minutes would give; intervals without requests have no row.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const CHECK = process.argv.includes('--check');
const OUT_INDEX = process.argv.indexOf('--out');
const OUT = OUT_INDEX > 0 && process.argv[OUT_INDEX + 1] ? process.argv[OUT_INDEX + 1] : join(ROOT, 'data');
const FIVE_MINUTES = 5 * 60_000;

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (text) => Date.parse(text);

/** [interval start (ms), region, storage class, requests, errors] */
const rows = [];
/** `count` consecutive 5-minute intervals from `start`, each with `requests` requests of which `errors` failed. */
function intervals(start, count, region, storageClass, requests, errors) {
    for (let i = 0; i < count; i++) rows.push([at(start) + i * FIVE_MINUTES, region, storageClass, requests, errors]);
}

// Background: every day of March and April, one interval at 12:00 with 100,000 requests and no error.
for (const [month, days] of [['03', 31], ['04', 30]]) {
    for (let day = 1; day <= days; day++) {
        for (const region of ['eu-west-1', 'us-east-1']) {
            for (const storageClass of ['STANDARD', 'STANDARD_IA']) {
                intervals(`2026-${month}-${String(day).padStart(2, '0')}T12:00:00Z`, 1, region, storageClass, 100_000, 0);
            }
        }
    }
}
// S3 Standard, eu-west-1, 10 March: 10:00–11:00 every request fails (12 intervals of 1,000, all InternalError),
// 11:00–11:30 half of them (6 intervals, 500 of 1,000). us-east-1 serves 3,000 requests without error in the same intervals.
intervals('2026-03-10T10:00:00Z', 12, 'eu-west-1', 'STANDARD', 1_000, 1_000);
intervals('2026-03-10T11:00:00Z', 6, 'eu-west-1', 'STANDARD', 1_000, 500);
intervals('2026-03-10T10:00:00Z', 18, 'us-east-1', 'STANDARD', 3_000, 0);
// S3 Standard, us-east-1, 14 April 08:00–15:30: 90 intervals of 1,000 requests, all ServiceUnavailable.
intervals('2026-04-14T08:00:00Z', 90, 'us-east-1', 'STANDARD', 1_000, 1_000);
// S3 Standard-IA, eu-west-1, 20 March 02:00–05:45: 45 intervals of 500 requests, all failed.
intervals('2026-03-20T02:00:00Z', 45, 'eu-west-1', 'STANDARD_IA', 500, 500);
// S3 Standard-IA, us-east-1, 22 April 00:00–08:20: 100 intervals of 400 requests, all failed.
intervals('2026-04-22T00:00:00Z', 100, 'us-east-1', 'STANDARD_IA', 400, 400);
rows.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));

/** Billing line items (USD): two for Standard in eu-west-1 in March and in us-east-1 in April. */
const billing = [
    ['2026-03-01T00:00:00Z', 'eu-west-1', 'STANDARD', '830.25'],
    ['2026-03-01T00:00:00Z', 'eu-west-1', 'STANDARD', '19.75'],
    ['2026-03-01T00:00:00Z', 'us-east-1', 'STANDARD', '1200.00'],
    ['2026-03-01T00:00:00Z', 'eu-west-1', 'STANDARD_IA', '410.40'],
    ['2026-03-01T00:00:00Z', 'us-east-1', 'STANDARD_IA', '300.00'],
    ['2026-04-01T00:00:00Z', 'eu-west-1', 'STANDARD', '870.00'],
    ['2026-04-01T00:00:00Z', 'us-east-1', 'STANDARD', '1250.00'],
    ['2026-04-01T00:00:00Z', 'us-east-1', 'STANDARD', '250.00'],
    ['2026-04-01T00:00:00Z', 'eu-west-1', 'STANDARD_IA', '395.10'],
    ['2026-04-01T00:00:00Z', 'us-east-1', 'STANDARD_IA', '320.00']
];

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'requests.csv'), ['interval,region,storage_class,requests,errors', ...rows.map(([t, ...rest]) => [iso(t), ...rest].join(','))].join('\n') + '\n');
writeFileSync(join(OUT, 'billing.csv'), ['usage_start,region,storage_class,amount', ...billing.map((row) => row.join(','))].join('\n') + '\n');

if (CHECK) {
    // The published definition: 100 % minus the average of the error rates of every 5-minute interval of the
    // month, an interval without requests counting as 0 %. Computed with integers: Σ rates × 1,000 (rates here are 0, ½, 1).
    const TIERS = {
        STANDARD: [[0.999, 0.99, 10], [0.99, 0.95, 25], [0.95, -1, 100]],
        STANDARD_IA: [[0.99, 0.98, 10], [0.98, 0.95, 25], [0.95, -1, 100]]
    };
    for (const [month, days] of [['03', 31], ['04', 30]]) {
        const slices = days * 288;
        for (const storageClass of ['STANDARD', 'STANDARD_IA']) {
            for (const region of ['eu-west-1', 'us-east-1']) {
                const mine = rows.filter(([t, r, c]) => iso(t).startsWith(`2026-${month}`) && r === region && c === storageClass);
                const rateSum = mine.reduce((sum, [, , , requests, errors]) => sum + errors / requests, 0);
                const uptime = 1 - rateSum / slices;
                const errors = mine.reduce((sum, row) => sum + row[4], 0);
                const requests = mine.reduce((sum, row) => sum + row[3], 0);
                const perRequest = 1 - errors / requests;
                const tier = TIERS[storageClass].find(([upper, lower]) => uptime < upper && uptime >= lower);
                const fee = billing.filter(([day, r, c]) => day.startsWith(`2026-${month}`) && r === region && c === storageClass).reduce((sum, row) => sum + Math.round(Number(row[3]) * 100), 0);
                const credit = tier === undefined ? 0 : (fee * tier[2]) / 100;
                console.log(`2026-${month} ${storageClass.padEnd(11)} ${region}: Σ rates ${rateSum} of ${slices} intervals → ${(uptime * 100).toFixed(5)} %`
                    + ` (per request ${(perRequest * 100).toFixed(5)} %), charges ${(fee / 100).toFixed(2)} USD → ${tier ? `${tier[2]} %` : 'no credit'} = ${(credit / 100).toFixed(2)} USD`);
            }
        }
    }
}
