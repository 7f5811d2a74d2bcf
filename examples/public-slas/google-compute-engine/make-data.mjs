#!/usr/bin/env node
// Writes the data of the Google Compute Engine example, deterministically (no randomness).
//   node make-data.mjs           writes data/zone-outages.csv, data/deployments.csv, data/datastore-requests.csv, data/billing.csv,
//                                data/memory-optimized-outages.csv, data/other-families-outages.csv, data/lb-outages.csv
//   node make-data.mjs --out D   writes into D/data instead
//   node make-data.mjs --check   also recomputes the designed outcomes from the rows, without the engine
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_INDEX = process.argv.indexOf('--out');
// --out D: write into folder D (the example's test compares D with the committed files).
const HERE = OUT_INDEX > 0 && process.argv[OUT_INDEX + 1] ? process.argv[OUT_INDEX + 1] : dirname(fileURLToPath(import.meta.url));
mkdirSync(join(HERE, 'data'), { recursive: true });
const write = (name, header, rows) => writeFileSync(join(HERE, 'data', name), [header, ...rows.map((r) => r.join(','))].join('\n') + '\n');

// Where the customer's instances run: europe-west1 and us-central1 across zones; asia-east1 in one zone only.
const deployments = [
    ['europe-west1', 'europe-west1-b'], ['europe-west1', 'europe-west1-c'], ['europe-west1', 'europe-west1-d'],
    ['us-central1', 'us-central1-a'], ['us-central1', 'us-central1-f'],
    ['asia-east1', 'asia-east1-a']
];
// Loss of external connectivity or persistent disk access of the running instances of one zone.
const outages = [
    // March: all three europe-west1 zones down 02:00–02:03 → 3 minutes.
    ['europe-west1', 'europe-west1-b', '2026-03-15T02:00:00Z', '2026-03-15T02:03:00Z'],
    ['europe-west1', 'europe-west1-c', '2026-03-15T01:58:00Z', '2026-03-15T02:05:00Z'],
    ['europe-west1', 'europe-west1-d', '2026-03-15T02:00:00Z', '2026-03-15T02:03:00Z'],
    // April: b 10:00–10:30, c 10:10:30–10:20:45, d 10:05–10:25 → all down 10:10:30–10:20:45 = 10 min 15 s → 10 whole minutes.
    ['europe-west1', 'europe-west1-b', '2026-04-08T10:00:00Z', '2026-04-08T10:30:00Z'],
    ['europe-west1', 'europe-west1-c', '2026-04-08T10:10:30Z', '2026-04-08T10:20:45Z'],
    ['europe-west1', 'europe-west1-d', '2026-04-08T10:05:00Z', '2026-04-08T10:25:00Z'],
    // April: only zone b down for an hour: the other zones serve, no Downtime.
    ['europe-west1', 'europe-west1-b', '2026-04-09T11:00:00Z', '2026-04-09T12:00:00Z'],
    // April: all three down for 50 seconds: less than a minute, not counted.
    ['europe-west1', 'europe-west1-b', '2026-04-10T13:00:00Z', '2026-04-10T13:00:50Z'],
    ['europe-west1', 'europe-west1-c', '2026-04-10T13:00:00Z', '2026-04-10T13:00:50Z'],
    ['europe-west1', 'europe-west1-d', '2026-04-10T13:00:00Z', '2026-04-10T13:00:50Z'],
    // April: us-central1-a down an hour, us-central1-f never: no Downtime.
    ['us-central1', 'us-central1-a', '2026-04-12T08:00:00Z', '2026-04-12T09:00:00Z'],
    // April: asia-east1-a down 2 hours: a single-zone deployment, not "Instances in Multiple Zones".
    ['asia-east1', 'asia-east1-a', '2026-04-14T06:00:00Z', '2026-04-14T08:00:00Z']
];
// A Single Instance of Memory Optimized family (target 99.95 %): loss of external connectivity or persistent
// disk access of one instance, from the customer's monitoring.
const memoryOptimizedOutages = [
    // March: 20 minutes → 44,620 / 44,640 = 99.955197 % ≥ 99.95 %: met.
    ['db-1', 'm3-ultramem-32', 'europe-west1-b', 'external connectivity', '2026-03-10T10:00:00Z', '2026-03-10T10:20:00Z'],
    // April: 30 min 45 s → 30 whole minutes → 43,170 / 43,200 = 99.930556 % < 99.95 % (it would meet 99.9 %).
    ['db-1', 'm3-ultramem-32', 'europe-west1-b', 'persistent disk access', '2026-04-07T09:00:00Z', '2026-04-07T09:30:45Z']
];
// A Single Instance of all other families (target 99.9 %); provisioning is the instance's provisioning model.
const otherFamiliesOutages = [
    // March: 40 minutes → 44,600 / 44,640 = 99.910394 % ≥ 99.9 %: met.
    ['web-1', 'e2-standard-4', 'us-central1-a', 'standard', 'external connectivity', '2026-03-20T15:00:00Z', '2026-03-20T15:40:00Z'],
    // April: connectivity 14:00–14:30 and disk access 14:20–14:45:20 overlap: one period of 45 min 20 s → 45 whole
    // minutes → 43,155 / 43,200 = 99.895833 % < 99.9 %: breached.
    ['web-1', 'e2-standard-4', 'us-central1-a', 'standard', 'external connectivity', '2026-04-15T14:00:00Z', '2026-04-15T14:30:00Z'],
    ['web-1', 'e2-standard-4', 'us-central1-a', 'standard', 'persistent disk access', '2026-04-15T14:20:00Z', '2026-04-15T14:45:20Z'],
    // April: 50 seconds: less than a minute, not counted.
    ['web-1', 'e2-standard-4', 'us-central1-a', 'standard', 'external connectivity', '2026-04-22T03:00:00Z', '2026-04-22T03:00:50Z'],
    // April: a Spot VM down 3 hours: Spot VMs are excluded from the Compute Engine SLA (the exclusion takes the row out).
    ['batch-1', 'e2-standard-2', 'us-central1-f', 'spot', 'external connectivity', '2026-04-18T00:00:00Z', '2026-04-18T03:00:00Z']
];
// Load balancing: loss of external connectivity via the external IP addresses of a region's forwarding rule.
const lbOutages = [
    // March: us-central1 4 min 30 s → 4 whole minutes → 44,636 / 44,640 = 99.991039 % ≥ 99.99 %: met.
    ['us-central1', 'fr-api', '2026-03-05T06:00:00Z', '2026-03-05T06:04:30Z'],
    // April: europe-west1 5 minutes → 43,195 / 43,200 = 99.988426 % < 99.99 %: breached.
    ['europe-west1', 'fr-web', '2026-04-09T12:00:00Z', '2026-04-09T12:05:00Z']
];
// Cloud Datastore (the older wording): per minute, valid requests and those answered with HTTP 500 "Internal Error".
const datastore = [];
const minutes = (start, count, requests, errors) => {
    for (let m = 0; m < count; m++) datastore.push([new Date(Date.parse(start) + m * 60_000).toISOString().replace('.000Z', 'Z'), requests, errors]);
};
minutes('2026-03-05T12:00:00Z', 3, 200, 2); // ordinary March traffic: 1 %
minutes('2026-03-31T23:57:00Z', 6, 100, 25); // 23:57–00:03 at 25 %: one Downtime Period of 6 minutes over the month's end, 3 in March and 3 in April
minutes('2026-04-01T12:00:00Z', 3, 200, 2); // ordinary April traffic: 1 %
minutes('2026-04-03T12:00:00Z', 7, 100, 20); // 7 consecutive minutes at 20 %: a Downtime Period of 7 minutes
minutes('2026-04-03T12:10:00Z', 4, 100, 50); // 4 minutes at 50 %: shorter than five, not counted
minutes('2026-04-03T12:20:00Z', 1, 100, 10); // exactly 10 %: not "more than ten percent"
minutes('2026-04-20T08:00:00Z', 5, 100, 11); // 5 minutes at 11 %: a Downtime Period of 5 minutes
minutes('2026-04-25T00:00:00Z', 40, 30, 30); // 40 minutes at 100 %: a Downtime Period of 40 minutes

// The Compute Engine charges of the project per region, from the billing export (several line items a month).
const billing = [
    ['2026-03-01T00:00:00Z', 'europe-west1', '700.00'], ['2026-03-16T00:00:00Z', 'europe-west1', '500.00'],
    ['2026-04-01T00:00:00Z', 'europe-west1', '900.00'], ['2026-04-16T00:00:00Z', 'europe-west1', '600.00'],
    ['2026-03-01T00:00:00Z', 'us-central1', '800.00'], ['2026-04-01T00:00:00Z', 'us-central1', '800.00'],
    ['2026-03-01T00:00:00Z', 'asia-east1', '300.00'], ['2026-04-01T00:00:00Z', 'asia-east1', '300.00']
];

write('deployments.csv', 'region,zone', deployments);
write('billing.csv', 'usage_start,region,amount', billing);
write('zone-outages.csv', 'region,zone,started,ended', outages);
write('datastore-requests.csv', 'time,requests,errors', datastore);
write('memory-optimized-outages.csv', 'instance,machine_type,zone,loss,started,ended', memoryOptimizedOutages);
write('other-families-outages.csv', 'instance,machine_type,zone,provisioning,loss,started,ended', otherFamiliesOutages);
write('lb-outages.csv', 'region,forwarding_rule,started,ended', lbOutages);

if (process.argv.includes('--check')) {
    const MIN = 60_000;
    const total = { '2026-03': 31 * 1440, '2026-04': 30 * 1440 };
    // Multi-zone: per region and month, the minutes in which every zone of the deployment is down, by
    // walking each second of each outage day (independent of the engine's interval arithmetic).
    for (const [region] of new Set(deployments.map((d) => d[0])).entries()) {
        const zones = deployments.filter((d) => d[0] === region).map((d) => d[1]);
        for (const month of Object.keys(total)) {
            if (zones.length < 2) {
                console.log(`${region} ${month}: one zone, not Instances in Multiple Zones → no data`);
                continue;
            }
            const rows = outages.filter((o) => o[0] === region && o[2].startsWith(month));
            const down = new Set();
            for (const [, zone, start] of rows) {
                for (let t = Date.parse(start); ; t += 1000) {
                    const allDown = zones.every((z) => rows.some((o) => o[1] === z && Date.parse(o[2]) <= t && t < Date.parse(o[3])));
                    if (!allDown && t > Date.parse(start) + 3 * 3600_000) break;
                    if (allDown) down.add(t);
                }
            }
            // Whole minutes of each Downtime Period (a run of seconds).
            const seconds = [...down].sort((a, b) => a - b);
            let minutesDown = 0;
            for (let i = 0; i < seconds.length;) {
                let j = i;
                while (j + 1 < seconds.length && seconds[j + 1] === seconds[j] + 1000) j++;
                minutesDown += Math.floor((j - i + 1) * 1000 / MIN);
                i = j + 1;
            }
            console.log(`${region} ${month}: ${minutesDown} Downtime minutes of ${total[month]} → ${(100 * (total[month] - minutesDown) / total[month]).toFixed(6)} %`);
        }
    }
    // Whole minutes of Downtime in one month from outage intervals [start, end): the union of the
    // intervals, second by second, cut into runs (Downtime Periods) that each count their whole minutes.
    const wholeMinutes = (intervals, month) => {
        const down = new Set();
        for (const [start, end] of intervals) {
            for (let t = Date.parse(start); t < Date.parse(end); t += 1000) if (new Date(t).toISOString().startsWith(month)) down.add(t);
        }
        const seconds = [...down].sort((a, b) => a - b);
        let result = 0;
        for (let i = 0; i < seconds.length;) {
            let j = i;
            while (j + 1 < seconds.length && seconds[j + 1] === seconds[j] + 1000) j++;
            result += Math.floor((j - i + 1) * 1000 / MIN);
            i = j + 1;
        }
        return result;
    };
    const percent = (month, minutesDown) => (100 * (total[month] - minutesDown) / total[month]).toFixed(6);
    // Met when (minutes − Downtime) / minutes ≥ target, in whole numbers (target in hundredths of a percent).
    const meets = (month, minutesDown, target) => (total[month] - minutesDown) * 10_000 >= Math.round(target * 100) * total[month];
    // A Single Instance, per instance: Spot VMs are excluded (their rows do not count), every instance seen is judged.
    // Columns: instance first, then (other families only) the provisioning model at 3, the interval at `startAt`.
    for (const [name, rows, target, provisioningAt, startAt] of [
        ['memory-optimized', memoryOptimizedOutages, 99.95, undefined, 4],
        ['other-families', otherFamiliesOutages, 99.9, 3, 5]
    ]) {
        for (const instance of [...new Set(rows.map((r) => r[0]))].sort()) {
            for (const month of Object.keys(total)) {
                const own = rows.filter((r) => r[0] === instance);
                const excludedRow = (r) => provisioningAt !== undefined && ['spot', 'preemptible'].includes(r[provisioningAt]);
                const minutesDown = wholeMinutes(own.filter((r) => !excludedRow(r)).map((r) => [r[startAt], r[startAt + 1]]), month);
                const excludedRows = own.filter((r) => excludedRow(r) && r[startAt].startsWith(month)).length;
                const excluded = excludedRows === 0 ? '' : ` (${excludedRows} row(s) excluded: Spot or preemptible)`;
                const value = percent(month, minutesDown);
                console.log(`${name} ${instance} ${month}: ${minutesDown} Downtime minutes of ${total[month]} → ${value} % ${meets(month, minutesDown, target) ? 'met' : 'breached'} (target ${target} %)${excluded}`);
            }
        }
    }
    // Load balancing, per region.
    for (const region of [...new Set(lbOutages.map((r) => r[0]))].sort()) {
        for (const month of Object.keys(total)) {
            const minutesDown = wholeMinutes(lbOutages.filter((r) => r[0] === region).map((r) => [r[2], r[3]]), month);
            const value = percent(month, minutesDown);
            console.log(`load balancing ${region} ${month}: ${minutesDown} Downtime minutes of ${total[month]} → ${value} % ${meets(month, minutesDown, 99.99) ? 'met' : 'breached'} (target 99.99 %)`);
        }
    }
    // Datastore: runs of at least 5 consecutive minutes with more than 10 % errors, found over all
    // the minutes (a Downtime Period does not stop at a month's end), each minute counted in its month.
    const bad = datastore.filter(([, requests, errors]) => errors * 10 > requests).map(([time]) => Date.parse(time)).sort((a, b) => a - b);
    const counted = Object.fromEntries(Object.keys(total).map((month) => [month, 0]));
    for (let i = 0; i < bad.length;) {
        let j = i;
        while (j + 1 < bad.length && bad[j + 1] === bad[j] + MIN) j++;
        if (j - i + 1 >= 5) {
            for (let k = i; k <= j; k++) {
                const month = new Date(bad[k]).toISOString().slice(0, 7);
                if (month in counted) counted[month]++;
            }
        }
        i = j + 1;
    }
    for (const month of Object.keys(total)) {
        console.log(`datastore ${month}: ${counted[month]} minutes in Downtime Periods of ${total[month]} → ${(100 * (total[month] - counted[month]) / total[month]).toFixed(6)} %`);
    }
}
