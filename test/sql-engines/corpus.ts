/**
 * A generated corpus of agreements and data for the differential tests: what the examples do not
 * stress. DST months in four zones (north, south, none, half-hour offset) with rows bunched
 * around the changes and around local midnights, naive local times placed by the project's own
 * time code, windows without rows, percentile ties and tiny n, p = 99.9 % at n = 1,000, the
 * PostgreSQL trap p = 7 % over 1…100, open incidents, maintenance, business hours across
 * holidays, `for each` scopes, and decimal sums that float addition gets wrong.
 * Seeded: every run writes the same files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agreementHeader } from './agreement-text.js';
import { random as seededRandom } from '../../packages/language/test/random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function csv(file: string, header: string[], rows: (string | number)[][]): void {
    const quote = (v: string | number) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
    fs.writeFileSync(file, [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The wall-clock text of an instant in a zone, without offset (`2026-03-29T02:30:00`), via Intl. */
function naiveLocal(ms: number, zone: string): string {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

interface Zone {
    slug: string;
    zone: string;
    /** UTC instants of the DST changes in 2026 (none for Kolkata). */
    changes: string[];
}

const ZONES: Zone[] = [
    { slug: 'berlin', zone: 'Europe/Berlin', changes: ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'] },
    { slug: 'new_york', zone: 'America/New_York', changes: ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'] },
    { slug: 'sydney', zone: 'Australia/Sydney', changes: ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'] },
    { slug: 'kolkata', zone: 'Asia/Kolkata', changes: [] }
];

export interface CorpusAgreement {
    file: string;
    period: { from: string; to: string; now: number };
}

const PERIOD = { from: '2026-01-01', to: '2026-12-31', now: Date.parse('2027-01-10T00:00:00Z') };

/** Writes the corpus into `dir` and lists its agreements. */
export function writeCorpus(dir: string): CorpusAgreement[] {
    fs.mkdirSync(dir, { recursive: true });
    const files = [...ZONES.map((zone, i) => writeDstAgreement(dir, zone, 1000 + i)), writePercentiles(dir), writeDecimalSums(dir), writeBusinessHours(dir), writeCountedPercentiles(dir), writeRollingDecimalPercentiles(dir)];
    return files.map((file) => ({ file, period: PERIOD }));
}

/** Instants bunched where windows and DST meet: ±3 h around each change, ±2 min around each local month start (Dec: none, a month without rows). */
function interestingInstants(zone: Zone, random: () => number): number[] {
    const instants: number[] = [];
    for (const change of zone.changes) {
        const at = Date.parse(change);
        for (let k = 0; k < 400; k++) instants.push(at - 3 * HOUR + Math.floor(random() * 6 * HOUR));
    }
    for (let month = 0; month < 11; month++) {
        // The local midnight of the 1st: found from its UTC guess ± 14 h, by the naive text.
        const text = `2026-${String(month + 1).padStart(2, '0')}-01T00:00:00`;
        let midnight = Date.UTC(2026, month, 1) - 14 * HOUR;
        while (naiveLocal(midnight, zone.zone) < text) midnight += 15 * MINUTE;
        for (let k = 0; k < 60; k++) instants.push(midnight - 2 * MINUTE + Math.floor(random() * 4 * MINUTE));
        // And background rows through the month.
        for (let k = 0; k < 150; k++) instants.push(midnight + Math.floor(random() * 27 * DAY));
    }
    return instants.sort((a, b) => a - b);
}

function writeDstAgreement(dir: string, zone: Zone, seed: number): string {
    const random = seededRandom(seed);
    const instants = interestingInstants(zone, random);
    const regions = ['eu', 'us', "o'brien; --"];
    const amounts = ['0.1', '0.2', '0.7', '1.005', '33.33', '0.01'];
    csv(
        path.join(dir, `${zone.slug}-requests.csv`),
        ['time', 'region', 'latency_ms', 'status', 'amount'],
        instants.map((t) => [iso(t), regions[Math.floor(random() * regions.length)]!, 5 + Math.floor(random() * 60) * 10, random() < 0.02 ? 503 : 200, amounts[Math.floor(random() * amounts.length)]!])
    );
    // Naive local times: the repeated hour of autumn and the skipped hour of spring are exactly where engines disagree; the project's code places them.
    csv(
        path.join(dir, `${zone.slug}-naive.csv`),
        ['time', 'latency'],
        instants.filter((_, i) => i % 3 === 0).map((t, i) => [naiveLocal(t, zone.zone), 10 + (i % 17) * 7])
    );
    const incidents: (string | number)[][] = [];
    for (const change of zone.changes) {
        const at = Date.parse(change);
        incidents.push([iso(at - 20 * MINUTE), iso(at + 40 * MINUTE)]);
        incidents.push([iso(at + 10 * MINUTE), iso(at + 70 * MINUTE)]); // overlaps the previous one
    }
    incidents.push([iso(Date.parse('2026-06-30T22:50:00Z')), iso(Date.parse('2026-07-01T01:10:00Z'))]); // across a month boundary
    incidents.push([iso(Date.parse('2026-11-20T08:00:00Z')), '']); // still open
    csv(path.join(dir, `${zone.slug}-incidents.csv`), ['started', 'resolved'], incidents);

    const name = zone.slug.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    const file = path.join(dir, `dst-${zone.slug}.sla`);
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: DST months in ${zone.zone}.
${agreementHeader({ name: `Dst${name}`, title: `DST months in ${zone.zone}`, zone: `${zone.zone}`, fee: `1000 EUR per calendar month` })}
    maintenance Weekly "Weekly patching" {
        every sunday 02:00 to 04:00
    }

    dataset requests "Requests" from "${zone.slug}-requests.csv" {
        time     timestamp
        region   text
        latency  duration ms column "latency_ms"
        status   integer
        amount   number
    }

    dataset naive "Requests stamped in local time" from "${zone.slug}-naive.csv" {
        timezone "${zone.zone}"
        time     timestamp
        latency  duration ms
    }

    dataset incidents "Incidents" from "${zone.slug}-incidents.csv" {
        started  timestamp
        resolved timestamp optional
    }

    service S "Service" {
        kpi Availability "Uptime" = uptime(incidents, from started to resolved) excluding Weekly
        kpi ErrorRate "Failed share" = count(requests where status >= 500) / count(requests)
        kpi Good "Good share" = share(requests where status < 500 of requests)
        kpi P95 "P95 latency" = percentile(95, requests.latency where status < 500)
        kpi P999 "P99.9 latency" = percentile(99.9, requests.latency)
        kpi Spend "Spend" = sum(requests.amount)
        kpi Mean "Mean latency" = avg(requests.latency)
        kpi Fastest "Fastest" = min(requests.latency)
        kpi Slowest "Slowest" = max(requests.latency)
        kpi Volume "Requests" = count(requests where region = "o'brien; --")
        kpi LocalP50 "Median of the locally stamped requests" = percentile(50, naive.latency)

        objective Availability >= 99.9% per calendar month
        objective ErrorRate < 2% per calendar day
        objective Good >= 98% per calendar week
        objective P95 <= 300 ms per calendar month for each region
        objective P999 <= 590 ms per rolling 7 days
        objective Spend <= 2000 per calendar month
        objective Mean <= 400 ms per calendar month
        objective Fastest <= 5 ms per calendar month
        objective Slowest <= 600 ms per calendar month
        objective Volume >= 10 per calendar month
        objective LocalP50 <= 100 ms per calendar day

        credit for Availability per calendar month, capped at 50% of fee {
            below 99.9% : 10% of fee
            below 99.0% : 25% of fee
        }
    }
}
`
    );
    return file;
}

/** Percentiles: p = 7 % over 1…100 (nearest rank 7; PostgreSQL's percentile_disc says 8), n = 1,000 at 99.9 %, ties, n = 1, 2, 3, an empty month. */
function writePercentiles(dir: string): string {
    const random = seededRandom(7);
    const rows: (string | number)[][] = [];
    const month = (m: number, day: number, k: number) => iso(Date.UTC(2026, m, day, 0, 0, 0) + k * 1000);
    // January: 1…100, shuffled.
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1).sort(() => random() - 0.5);
    hundred.forEach((v, k) => rows.push([month(0, 5, k), v]));
    // February: n = 1,000 with ties (each value ten times): nearest rank of 99.9 % is the 999th.
    for (let k = 0; k < 1000; k++) rows.push([month(1, 3, k), Math.floor(k / 10) * 3]);
    // March: n = 1; April: n = 2; May: n = 3 with a tie; June: none.
    rows.push([month(2, 10, 0), 42]);
    rows.push([month(3, 10, 0), 5], [month(3, 11, 0), 9]);
    rows.push([month(4, 10, 0), 7], [month(4, 11, 0), 7], [month(4, 12, 0), 1]);
    // July: decimals.
    for (let k = 0; k < 37; k++) rows.push([month(6, 2, k), ((k * 7) % 37) / 10]);
    csv(path.join(dir, 'percentiles.csv'), ['time', 'v'], rows);
    const file = path.join(dir, 'percentiles.sla');
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: nearest-rank percentiles at the edges.
${agreementHeader({ name: `Percentiles`, title: `Percentile edges`, zone: `UTC` })}
    dataset values "Values" from "percentiles.csv" {
        time timestamp
        v    number
    }

    service S "Service" {
        kpi P7 "7th percentile" = percentile(7, values.v)
        kpi P50 "Median" = percentile(50, values.v)
        kpi P999 "99.9th percentile" = percentile(99.9, values.v)
        kpi P100 "Maximum by percentile" = percentile(100, values.v)
        kpi P1 "1st percentile" = percentile(1, values.v)
        objective P7 <= 7 per calendar month
        objective P50 <= 50 per calendar month
        objective P999 <= 297 per calendar month
        objective P100 <= 100 per calendar month
        objective P1 >= 1 per calendar month
    }
}
`
    );
    return file;
}

/** Sums of decimals whose float sum is off: 0.1 + 0.2 + … in money, per month and per region. */
function writeDecimalSums(dir: string): string {
    const random = seededRandom(11);
    const rows: (string | number)[][] = [];
    const amounts = ['0.1', '0.2', '0.3', '0.7', '1.1', '2.675', '1.005', '1e-2', '1234567.89'];
    for (let k = 0; k < 3000; k++) {
        const t = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * DAY);
        rows.push([iso(t), random() < 0.5 ? 'north' : 'south', amounts[Math.floor(random() * amounts.length)]!]);
    }
    csv(path.join(dir, 'payments.csv'), ['time', 'region', 'amount'], rows);
    const file = path.join(dir, 'decimal-sums.sla');
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: exact decimal sums.
${agreementHeader({ name: `DecimalSums`, title: `Exact sums`, zone: `Europe/Berlin`, fee: `100 EUR per calendar month`, lines: ['fiscal year from november'] })}
    dataset payments "Payments" from "payments.csv" {
        time    timestamp
        region  text
        amount  number in EUR
    }

    service S "Service" {
        kpi Paid "Paid" = sum(payments.amount)
        kpi Mean "Mean payment" = avg(payments.amount)
        kpi Share "Share of small payments" = share(payments where amount < 1 EUR of payments)
        objective Paid <= 20000000 EUR per calendar month
        objective Paid <= 10000000 EUR per calendar quarter for each region
        // Quarters of a fiscal year from November (November–January across the year's start, a DST change in each of two).
        objective Paid <= 10000000 EUR per fiscal quarter for each region
        objective Mean <= 200000 EUR per calendar month
        objective Share >= 10% per calendar month
    }
}
`
    );
    return file;
}

/** Business hours across French holidays and both DST changes, with open tickets. */
function writeBusinessHours(dir: string): string {
    const random = seededRandom(13);
    const rows: (string | number)[][] = [];
    const around = ['2026-03-27T15:00:00Z', '2026-04-03T15:00:00Z', '2026-05-07T15:00:00Z', '2026-07-13T15:00:00Z', '2026-10-23T15:00:00Z', '2026-12-23T15:00:00Z', '2026-12-31T15:00:00Z'];
    let id = 1;
    for (const base of around) {
        for (let k = 0; k < 40; k++) {
            const opened = Date.parse(base) + Math.floor(random() * 5 * DAY);
            const open = random() < 0.08;
            const responded = open ? '' : iso(opened + Math.floor(random() * 3 * DAY));
            rows.push([`T-${id++}`, iso(opened), responded, random() < 0.5 ? 'P1' : 'P2']);
        }
    }
    // Sorted by opening time, as exports are: a table has no row order, the engine reads it by event time.
    rows.sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    csv(path.join(dir, 'tickets.csv'), ['id', 'opened', 'responded', 'priority'], rows);
    const file = path.join(dir, 'business-hours.sla');
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: business hours across holidays and DST.
${agreementHeader({ name: `BusinessHours`, title: `Business hours`, zone: `Europe/Paris` })}
    calendar Desk "Desk hours" {
        monday to friday 09:00 to 18:00
        holidays "FR"
        except 24 december from 12:00 "Christmas Eve"
    }

    dataset tickets "Tickets" from "tickets.csv" {
        id        text
        opened    timestamp
        responded timestamp optional
        priority  one of "P1", "P2"
    }

    service S "Service" {
        kpi Response "Business time to respond" = percentile(90, elapsed(tickets.opened, tickets.responded) during Desk where priority = "P1")
        kpi Worst "Longest response around the clock" = max(elapsed(tickets.opened, tickets.responded) wall-clock)
        kpi Count "P2 tickets" = count(tickets where priority = "P2")
        objective Response <= 8 hours per calendar month
        objective Worst <= 3 days per calendar quarter
        objective Count <= 30 per calendar month
    }
}
`
    );
    return file;
}

/**
 * Percentiles per client and Berlin calendar month, found on the servers by counting rounds over
 * value buckets (sql/kth-by-counting.ts): decimals whose float products round (0.1 … 100.0),
 * ties, one negative value, magnitudes from 0.001 to 1,000,000, an integer scope column, and rows
 * one millisecond either side of a month boundary (compared as timestamptz on PostgreSQL).
 * The expected values are worked out in the tests (postgres-/clickhouse-differential.test.ts).
 */
function writeCountedPercentiles(dir: string): string {
    const random = seededRandom(23);
    const rows: (string | number)[][] = [];
    const at = (day: number, k: number, month = 0) => iso(Date.UTC(2026, month, day, 12, 0, 0) + k * 1000);
    // Client 1, January: 0.1, 0.2, …, 100.0 (i / 10 for i = 1…1000), shuffled.
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1).sort(() => random() - 0.5);
    thousand.forEach((i, k) => rows.push([at(10, k), 1, (i / 10).toFixed(1)]));
    // Client 2, January: 500 × 3 and 500 × 7.
    for (let k = 0; k < 1000; k++) rows.push([at(11, k), 2, k % 2 === 0 ? 3 : 7]);
    // Client 3, January: one negative value.
    rows.push([at(12, 0), 3, '-2.5']);
    // Client 1, February: 0.001, 0.002, 5, 5, 5, 17.25, 999999.999, 1000000.
    for (const [k, v] of ['1000000', '5', '0.002', '17.25', '5', '999999.999', '0.001', '5'].entries()) rows.push([at(10, k, 1), 1, v]);
    // Client 4: 31 Jan 23:00 UTC is 1 Feb 00:00 in Berlin, the month boundary: one row a millisecond before (January), one on it (February).
    rows.push([iso(Date.UTC(2026, 0, 31, 22, 59, 59, 999)), 4, 11], [iso(Date.UTC(2026, 0, 31, 23, 0, 0, 0)), 4, 22]);
    csv(path.join(dir, 'counted-percentiles.csv'), ['time', 'client', 'v'], rows);
    const file = path.join(dir, 'counted-percentiles.sla');
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: percentiles per client found by counting rounds on the servers.
${agreementHeader({ name: `CountedPercentiles`, title: `Percentiles by counting`, zone: `Europe/Berlin` })}
    dataset values "Values" from "counted-percentiles.csv" {
        time   timestamp
        client integer
        v      number
    }

    service S "Service" {
        kpi N "Rows" = count(values)
        kpi P1 "1st percentile" = percentile(1, values.v)
        kpi P50 "Median" = percentile(50, values.v)
        kpi P70 "70th percentile" = percentile(70, values.v)
        kpi P80 "80th percentile" = percentile(80, values.v)
        kpi P95 "95th percentile" = percentile(95, values.v)
        kpi P99 "99th percentile" = percentile(99, values.v)
        objective N >= 1 per calendar month for each client
        objective P1 >= 0 per calendar month for each client
        objective P50 <= 50 per calendar month for each client
        objective P70 <= 70 per calendar month for each client
        objective P80 <= 80 per calendar month for each client
        objective P95 <= 95 per calendar month for each client
        objective P99 <= 99 per calendar month for each client
    }
}
`
    );
    return file;
}

/**
 * Rolling-window percentiles per region of decimal values: on ClickHouse the values are counted
 * per segment, region and value; 18.16 stopped (a crash) when such a query grouped by a
 * Decimal(38, s) beside a String, so the values are grouped by their float64 there.
 */
function writeRollingDecimalPercentiles(dir: string): string {
    const random = seededRandom(31);
    const rows: (string | number)[][] = [];
    for (let k = 0; k < 600; k++) {
        const t = Date.UTC(2026, 0, 1) + Math.floor(random() * 60 * DAY);
        rows.push([iso(t), random() < 0.5 ? "o'brien" : 'south', (Math.floor(random() * 5000) / 100 + 0.005).toFixed(3)]);
    }
    csv(path.join(dir, 'rolling-decimals.csv'), ['time', 'region', 'v'], rows);
    const file = path.join(dir, 'rolling-decimals.sla');
    fs.writeFileSync(
        file,
        `// Generated by test/sql-engines/corpus.ts: rolling-window percentiles per region of decimals.
${agreementHeader({ name: `RollingDecimals`, title: `Rolling percentiles of decimals`, zone: `UTC` })}
    dataset values "Values" from "rolling-decimals.csv" {
        time   timestamp
        region text
        v      number
    }

    service S "Service" {
        kpi P90 "90th percentile" = percentile(90, values.v)
        objective P90 <= 45 per rolling 7 days for each region
    }
}
`
    );
    return file;
}
