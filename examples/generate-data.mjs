#!/usr/bin/env node
// Deterministic generator of the example data sets in examples/*/data/.
//
//   node examples/generate-data.mjs          writes every data file (byte for byte the committed ones)
//   node examples/generate-data.mjs --check  also prints the values each example was designed to produce
//   node examples/generate-data.mjs --out D  writes into folder D instead (the tests compare D with the committed files)
//
// No dependency but Node (>= 20). Randomness comes from a seeded PRNG, time zone offsets from
// the platform's IANA data (Intl), so the output is the same on every machine.
// The outcomes the data were designed for are written in each example's README.md; `--check`
// recomputes them here, independently of the engine (nearest-rank percentiles, merged
// outage intervals minus maintenance, business minutes inside a working calendar).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const CHECK = process.argv.includes('--check');
const OUT_INDEX = process.argv.indexOf('--out');
const OUT = OUT_INDEX > 0 && process.argv[OUT_INDEX + 1] ? process.argv[OUT_INDEX + 1] : ROOT;
const MIN = 60_000;

// ------------------------------------------------------------------ helpers

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const intBetween = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const offsetFormatters = new Map();
/** Offset of `zone` at instant `ms`, in minutes east of UTC. */
function offsetAt(zone, ms) {
    let f = offsetFormatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
        offsetFormatters.set(zone, f);
    }
    const name = f.formatToParts(new Date(ms)).find(p => p.type === 'timeZoneName').value; // GMT+01:00 or GMT
    const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
    if (!m[1]) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Wall-clock milliseconds (a local reading written as if it were UTC). */
function wall(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (!m) throw new Error(`bad local time ${text}`);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
}

/** The instant of a local reading (the examples never use a reading inside a DST gap or overlap). */
function instantOf(zone, wallMs) {
    const first = wallMs - offsetAt(zone, wallMs) * MIN;
    const second = wallMs - offsetAt(zone, first) * MIN;
    if (offsetAt(zone, second) * MIN !== wallMs - second) throw new Error(`local time in a DST gap: ${new Date(wallMs).toISOString()} ${zone}`);
    return second;
}

const pad = n => String(n).padStart(2, '0');
/** `2026-01-14T10:05:00+01:00` for an instant in a zone (UTC is written `Z`). */
function isoWithOffset(zone, ms) {
    const offset = offsetAt(zone, ms);
    const d = new Date(ms + offset * MIN);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const millis = d.getUTCMilliseconds() ? `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : '';
    if (zone === 'UTC') return `${date}T${time}${millis}Z`;
    const sign = offset < 0 ? '-' : '+';
    return `${date}T${time}${millis}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
/** `2026-01-14T10:05:00`: a naive local reading. */
function isoNaive(wallMs) {
    return new Date(wallMs).toISOString().slice(0, 19);
}
const fromLocal = (zone, text) => isoWithOffset(zone, instantOf(zone, wall(text)));

/** A working calendar in wall-clock minutes: weekdays 1 = Monday … 7 = Sunday. */
function calendar(days, start, end, holidays = []) {
    const [sh, sm] = start.split(':').map(Number);
    const [eh, em] = end.split(':').map(Number);
    return { days: new Set(days), start: sh * 60 + sm, end: eh * 60 + em, holidays: new Set(holidays) };
}
function isWorkingMinute(cal, wallMs) {
    const d = new Date(wallMs);
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (!cal.days.has(weekday)) return false;
    if (cal.holidays.has(d.toISOString().slice(0, 10))) return false;
    const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
    return minute >= cal.start && minute < cal.end;
}
/** The wall-clock reading `minutes` business minutes after `fromWall`. */
function addBusinessMinutes(cal, fromWall, minutes) {
    let t = fromWall;
    let left = minutes;
    // Move to the next working minute first (a ticket opened at night waits for the morning).
    while (left > 0) {
        if (isWorkingMinute(cal, t)) left--;
        t += MIN;
    }
    return t;
}
/** Business minutes between two wall-clock readings. */
function businessMinutes(cal, fromWall, toWall) {
    let n = 0;
    for (let t = fromWall; t < toWall; t += MIN) if (isWorkingMinute(cal, t)) n++;
    return n;
}

/** Nearest rank: sorted[ceil(p/100 · n) − 1]. */
function percentile(p, values) {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** Merge, clip and total intervals [a, b) in ms. */
function mergeIntervals(intervals) {
    const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    const out = [];
    for (const [a, b] of sorted) {
        const last = out[out.length - 1];
        if (last && a <= last[1]) last[1] = Math.max(last[1], b);
        else out.push([a, b]);
    }
    return out;
}
function subtract(intervals, cuts) {
    let result = mergeIntervals(intervals);
    for (const [c0, c1] of mergeIntervals(cuts)) {
        const next = [];
        for (const [a, b] of result) {
            if (c1 <= a || c0 >= b) next.push([a, b]);
            else {
                if (c0 > a) next.push([a, c0]);
                if (c1 < b) next.push([c1, b]);
            }
        }
        result = next;
    }
    return result;
}
const clip = (intervals, from, to) => intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a);
const total = intervals => mergeIntervals(intervals).reduce((s, [a, b]) => s + b - a, 0);

/** Weekly slots (weekday 7 = Sunday) between two instants, in a zone; a start in a DST gap moves forward. */
function weeklySlots(zone, weekday, start, end, fromDay, toDay) {
    const out = [];
    for (let day = wall(`${fromDay}T00:00`); day < wall(`${toDay}T00:00`); day += 1440 * MIN) {
        const d = new Date(day);
        if ((d.getUTCDay() === 0 ? 7 : d.getUTCDay()) !== weekday) continue;
        const date = d.toISOString().slice(0, 10);
        out.push([gapForward(zone, wall(`${date}T${start}`)), gapForward(zone, wall(`${date}T${end}`))]);
    }
    return out;
}
/** Instant of a local reading; a reading in a spring-forward gap is moved forward by the gap. */
function gapForward(zone, wallMs) {
    try {
        return instantOf(zone, wallMs);
    } catch {
        const dayBefore = wallMs - 86_400_000;
        const before = offsetAt(zone, dayBefore - offsetAt(zone, dayBefore) * MIN);
        return wallMs - before * MIN; // 02:30 read with the offset before the gap = 03:30 after it
    }
}

function uptime({ outages, maintenance, from, to }) {
    const eligible = subtract([[from, to]], maintenance);
    const eligibleMs = total(eligible);
    let down = [];
    for (const part of eligible) down.push(...clip(mergeIntervals(outages), part[0], part[1]));
    const downMs = total(down);
    return { eligibleMin: eligibleMs / MIN, downMin: downMs / MIN, value: (eligibleMs - downMs) / eligibleMs };
}

function csv(header, rows) {
    const cell = v => {
        const s = v === null || v === undefined ? '' : String(v);
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return [header.join(','), ...rows.map(r => header.map(h => cell(r[h])).join(','))].join('\n') + '\n';
}
function write(relative, text) {
    const file = join(OUT, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (CHECK) console.log(`wrote ${relative} (${text.length} bytes)`);
}
const pct = v => (v === null ? 'no data' : `${(v * 100).toFixed(4)}%`);
const say = (...args) => CHECK && console.log(...args);

// ------------------------------------------------------------------ managed hosting (Europe/Berlin)

function managedHosting() {
    const zone = 'Europe/Berlin';
    const rand = prng(20260101);
    const at = text => fromLocal(zone, text);

    // Requests: four webshop requests a day (09, 12, 16, 20 h) and one api request (11 h).
    const slow = {
        // the slowest webshop latencies of each month (ms); every other one is 40–240 ms
        '2026-01': { days: [3, 9, 14, 14, 21, 27, 30], values: [480, 420, 390, 350, 330, 310, 290] },
        '2026-02': { days: [5, 11, 11, 18, 23, 26], values: [900, 640, 520, 410, 360, 298] },
        '2026-03': { days: [2, 9, 17, 24, 29, 31, 31], values: [610, 505, 470, 340, 320, 301, 275] }
    };
    const requests = [];
    const perMonthLatency = {};
    for (let day = wall('2026-01-01T00:00'); day < wall('2026-04-01T00:00'); day += 1440 * MIN) {
        const date = new Date(day).toISOString().slice(0, 10);
        const month = date.slice(0, 7);
        const dom = Number(date.slice(8, 10));
        const slowToday = [];
        slow[month].days.forEach((d, i) => { if (d === dom) slowToday.push(slow[month].values[i]); });
        const slots = [['09', 'webshop'], ['11', 'api'], ['12', 'webshop'], ['16', 'webshop'], ['20', 'webshop']];
        for (const [hour, service] of slots) {
            const minute = intBetween(rand, 0, 59), second = intBetween(rand, 0, 59);
            let latency = intBetween(rand, 40, 240);
            let status = rand() < 0.04 ? 404 : 200;
            if (service === 'webshop' && slowToday.length > 0 && hour !== '09') latency = slowToday.shift();
            if (service === 'api' && (date === '2026-01-20' || date === '2026-03-05')) status = 502;
            requests.push({ time: at(`${date}T${hour}:${pad(minute)}:${pad(second)}`), service, latency_ms: latency, status });
            if (service === 'webshop' && status < 500) (perMonthLatency[month] ??= []).push(latency);
        }
        if (slowToday.length > 0) throw new Error(`slow values left on ${date}`);
        if (date === '2026-02-11') {
            // during the outage of 11 February the shop answered 503 to two requests
            for (const time of ['14:05:12', '15:20:47']) {
                requests.push({ time: at(`${date}T${time}`), service: 'webshop', latency_ms: 30000, status: 503 });
            }
        }
    }
    requests.sort((a, b) => (a.time < b.time ? -1 : 1));
    // keep chronological order by instant (all offsets equal within a day)
    write('managed-hosting/data/requests.csv', csv(['time', 'service', 'latency_ms', 'status'], requests));

    // Incidents.
    const incidents = [
        { service: 'webshop', severity: 'outage', started: at('2026-01-14T10:05'), resolved: at('2026-01-14T10:25') },
        { service: 'webshop', severity: 'degraded', started: at('2026-01-22T15:10'), resolved: at('2026-01-22T17:45') },
        { service: 'api', severity: 'outage', started: at('2026-01-27T03:00'), resolved: at('2026-01-27T04:30') },
        { service: 'webshop', severity: 'outage', started: at('2026-02-08T01:30'), resolved: at('2026-02-08T02:30') },
        { service: 'webshop', severity: 'outage', started: at('2026-02-11T14:00'), resolved: at('2026-02-11T16:10') },
        { service: 'webshop', severity: 'outage', started: at('2026-02-11T15:00'), resolved: at('2026-02-11T15:30') },
        { service: 'webshop', severity: 'minor', started: at('2026-02-19T09:00'), resolved: at('2026-02-19T09:40') },
        { service: 'webshop', severity: 'outage', started: at('2026-02-28T23:52'), resolved: at('2026-03-01T00:08') },
        { service: 'webshop', severity: 'degraded', started: at('2026-03-12T11:20'), resolved: at('2026-03-12T12:05') },
        { service: 'webshop', severity: 'outage', started: at('2026-03-31T23:40'), resolved: null }
    ];
    write('managed-hosting/data/incidents.csv', csv(['service', 'severity', 'started', 'resolved'], incidents));

    // Tickets: P1 tickets designed to the business minute; P2–P4 tickets as background.
    const support = calendar([1, 2, 3, 4, 5], '08:00', '18:00', ['2026-12-24', '2026-12-25', '2026-12-26']);
    const p1 = [
        ['2026-01-05T09:00', 12], ['2026-01-14T10:07', 15], ['2026-01-16T17:50', 25], ['2026-01-20T13:30', 18], ['2026-01-25T22:10', 9],
        ['2026-02-02T11:00', 14], ['2026-02-08T01:35', 20], ['2026-02-11T14:02', 41], ['2026-02-11T14:20', 38], ['2026-02-24T16:00', 19],
        ['2026-03-03T09:40', 11], ['2026-03-10T12:00', 27], ['2026-03-18T15:30', 14], ['2026-03-27T17:45', 21], ['2026-03-31T16:50', null]
    ];
    const tickets = [];
    for (const [opened, minutes] of p1) {
        const openedWall = wall(opened);
        tickets.push({
            opened: at(opened), priority: 'P1',
            responded: minutes === null ? null : isoWithOffset(zone, instantOf(zone, addBusinessMinutes(support, openedWall, minutes)))
        });
    }
    for (let i = 0; i < 45; i++) {
        const day = wall('2026-01-02T00:00') + intBetween(rand, 0, 87) * 1440 * MIN;
        const openedWall = day + intBetween(rand, 7 * 60, 19 * 60) * MIN;
        const priority = ['P2', 'P3', 'P3', 'P4'][intBetween(rand, 0, 3)];
        const respondedWall = addBusinessMinutes(support, openedWall, intBetween(rand, 10, 600));
        tickets.push({ opened: isoWithOffset(zone, instantOf(zone, openedWall)), priority, responded: isoWithOffset(zone, instantOf(zone, respondedWall)) });
    }
    tickets.sort((a, b) => Date.parse(a.opened) - Date.parse(b.opened));
    write('managed-hosting/data/tickets.csv', csv(['opened', 'responded', 'priority'], tickets));

    if (!CHECK) return;
    say('\n== managed-hosting (Europe/Berlin) ==');
    const outages = incidents.filter(i => i.service === 'webshop' && i.severity === 'outage')
        .map(i => [Date.parse(i.started), i.resolved ? Date.parse(i.resolved) : instantOf(zone, wall('2026-04-01T00:00'))]);
    for (const [month, next] of [['2026-01', '2026-02'], ['2026-02', '2026-03'], ['2026-03', '2026-04']]) {
        const from = instantOf(zone, wall(`${month}-01T00:00`)), to = instantOf(zone, wall(`${next}-01T00:00`));
        const patching = weeklySlots(zone, 7, '02:00', '04:00', `${month}-01`, `${next}-01`);
        const u = uptime({ outages, maintenance: patching, from, to });
        say(`${month} Availability: month ${(to - from) / MIN} min, eligible ${u.eligibleMin} min, downtime ${u.downMin} min → ${pct(u.value)}`);
        say(`${month} P95Latency: n=${perMonthLatency[month].length} → ${percentile(95, perMonthLatency[month])} ms`);
        const p1m = p1.filter(([o, m]) => o.startsWith(month) && m !== null).map(([o]) => {
            const t = tickets.find(x => x.opened === at(o));
            return businessMinutes(support, wall(o), wall(t.responded.slice(0, 16)) );
        });
        say(`${month} P1Response: business minutes ${JSON.stringify(p1m)} → p90 ${percentile(90, p1m)} min`);
    }
    // Rolling 7-day error rate, evaluated at the end of each day.
    const web = requests.filter(r => r.service === 'webshop');
    const breached = [];
    for (let end = wall('2026-01-02T00:00'); end <= wall('2026-04-01T00:00'); end += 1440 * MIN) {
        const to = instantOf(zone, end), from = instantOf(zone, end - 7 * 1440 * MIN);
        const inWindow = web.filter(r => Date.parse(r.time) >= from && Date.parse(r.time) < to);
        const errors = inWindow.filter(r => r.status >= 500).length;
        if (errors / inWindow.length >= 0.005) breached.push(`${new Date(end - 1440 * MIN).toISOString().slice(0, 10)} (${errors}/${inWindow.length})`);
    }
    say(`ErrorRate rolling 7 days: breached windows ending on ${breached.join(', ')}`);
}

// ------------------------------------------------------------------ object storage (UTC)

function objectStorage() {
    const rand = prng(4242);
    const regions = { 'eu-west-1': 70, 'us-east-1': 50, 'ap-southeast-1': 30 };
    // server errors per month and region: [day of month, hour, status]
    const errors = {
        '2026-02': { 'us-east-1': [[17, 9, 500]] },
        '2026-03': { 'ap-southeast-1': [[17, 6, 503], [17, 6, 503], [17, 7, 503], [17, 7, 503], [17, 8, 500]] }
    };
    const operations = ['GET', 'GET', 'GET', 'PUT', 'PUT', 'LIST', 'DELETE'];
    const rows = [];
    for (const [month, days] of [['2026-01', 31], ['2026-02', 28], ['2026-03', 31]]) {
        for (const [region, count] of Object.entries(regions)) {
            const failing = [...(errors[month]?.[region] ?? [])];
            for (let i = 0; i < count; i++) {
                let ms;
                let status = rand() < 0.06 ? 404 : rand() < 0.03 ? 403 : 200;
                const failure = failing.shift();
                if (failure) {
                    ms = Date.UTC(2026, Number(month.slice(5)) - 1, failure[0], failure[1], intBetween(rand, 0, 59), intBetween(rand, 0, 59));
                    status = failure[2];
                } else {
                    ms = Date.UTC(2026, Number(month.slice(5)) - 1, 1) + Math.floor(rand() * days * 86_400) * 1000;
                }
                rows.push({ time: ms, region, operation: operations[intBetween(rand, 0, operations.length - 1)], status });
            }
        }
    }
    // Two requests on the January/February boundary: half-open windows put them in different months.
    rows.find(r => r.region === 'eu-west-1' && new Date(r.time).getUTCMonth() === 0).time = Date.UTC(2026, 0, 31, 23, 59, 59, 500);
    rows.find(r => r.region === 'eu-west-1' && new Date(r.time).getUTCMonth() === 1).time = Date.UTC(2026, 1, 1, 0, 0, 0);
    rows.sort((a, b) => a.time - b.time);
    const text = rows.map(r => JSON.stringify({ time: isoWithOffset('UTC', r.time), region: r.region, operation: r.operation, status: r.status })).join('\n') + '\n';
    write('object-storage/data/requests.ndjson', text);

    if (!CHECK) return;
    say('\n== object-storage (UTC) ==');
    for (const month of ['2026-01', '2026-02', '2026-03']) {
        const m = rows.filter(r => new Date(r.time).toISOString().startsWith(month));
        const ok = m.filter(r => r.status < 500).length;
        say(`${month} MonthlyUptime ${ok}/${m.length} = ${pct(ok / m.length)}`);
        for (const region of Object.keys(regions)) {
            const rr = m.filter(r => r.region === region);
            const bad = rr.filter(r => r.status >= 500).length;
            say(`  ${region} ErrorRate ${bad}/${rr.length} = ${pct(bad / rr.length)}`);
        }
    }
}

// ------------------------------------------------------------------ service desk (America/New_York, naive timestamps)

function serviceDesk() {
    const zone = 'America/New_York';
    const rand = prng(777);
    const business = calendar([1, 2, 3, 4, 5], '08:00', '18:00', [
        '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-11-27', '2026-12-24', '2026-12-25'
    ]);
    const categories = ['access', 'hardware', 'software', 'network', 'email'];
    // [opened (local), response minutes, resolution minutes]; P1 response is wall-clock, every other duration business minutes
    const design = {
        P1: [
            ['2026-01-06T10:12', 6, 95], ['2026-01-13T03:40', 14, 210], ['2026-01-21T15:05', 9, 130], ['2026-01-29T22:30', 11, 180],
            ['2026-02-03T09:20', 5, 60], ['2026-02-10T14:45', 37, 300], ['2026-02-14T11:00', 8, 150], ['2026-02-19T16:30', 12, 200], ['2026-02-25T07:15', 22, 230],
            ['2026-03-04T13:10', 4, 45], ['2026-03-08T01:50', 12, 160], ['2026-03-12T09:05', 9, 120], ['2026-03-19T20:40', 18, 235], ['2026-03-26T11:30', 7, 190]
        ],
        P2: [
            ...['2026-01-05T08:30', '2026-01-07T11:15', '2026-01-09T14:00', '2026-01-12T09:45', '2026-01-16T17:30', '2026-01-20T10:20', '2026-01-22T13:05', '2026-01-26T15:40', '2026-01-28T08:10', '2026-01-30T16:55']
                .map((o, i) => [o, [12, 18, 20, 25, 20, 31, 35, 38, 42, 75][i], [150, 210, 260, 280, 300, 330, 350, 380, 400, 445][i]]),
            ...['2026-02-02T09:10', '2026-02-04T12:30', '2026-02-06T16:45', '2026-02-09T08:05', '2026-02-11T10:50', '2026-02-13T17:20', '2026-02-17T09:35', '2026-02-20T14:15', '2026-02-24T11:40', '2026-02-27T15:00']
                .map((o, i) => [o, [15, 22, 26, 30, 33, 40, 44, 50, 52, 58][i], [120, 200, 240, 300, 320, 360, 390, 420, 455, 470][i]]),
            ...['2026-03-02T10:00', '2026-03-04T15:25', '2026-03-06T08:45', '2026-03-09T13:30', '2026-03-11T09:15', '2026-03-13T16:40', '2026-03-17T11:05', '2026-03-20T14:50', '2026-03-24T10:35', '2026-03-30T17:10']
                .map((o, i) => [o, [10, 14, 19, 23, 27, 29, 36, 41, 64, 90][i], [90, 160, 220, 260, 310, 340, 380, 410, 470, 520][i]])
        ]
    };
    const tickets = [];
    let id = 4100;
    const add = (priority, opened, responded, resolved) => tickets.push({ priority, opened, responded, resolved });
    for (const [opened, response, resolution] of design.P1) {
        const openedWall = wall(opened);
        const openedInstant = instantOf(zone, openedWall);
        const respondedInstant = openedInstant + response * MIN; // wall-clock (real elapsed) time
        const respondedWall = respondedInstant + offsetAt(zone, respondedInstant) * MIN;
        add('P1', openedWall, respondedWall, addBusinessMinutes(business, openedWall, resolution));
    }
    for (const [opened, response, resolution] of design.P2) {
        const openedWall = wall(opened);
        add('P2', openedWall, addBusinessMinutes(business, openedWall, response), addBusinessMinutes(business, openedWall, resolution));
    }
    // P3: 12 a month, P4: 8 a month; response and resolution in business minutes.
    const background = {
        P3: { '2026-01': [[30, 900], [45, 1100], [60, 1200], [75, 600], [90, 1300], [100, 1400], [120, 1500], [150, 1550], [170, 1600], [200, 1650], [220, 1700], [235, 1750]],
              '2026-02': [[35, 700], [50, 800], [65, 950], [80, 1000], [95, 1200], [110, 1350], [140, 1450], [160, 1500], [180, 1600], [210, 1700], [230, 1850], [260, 2400]],
              '2026-03': [[20, 500], [40, 650], [55, 800], [70, 900], [85, 1000], [100, 1150], [125, 1300], [145, 1400], [165, 1500], [190, 1600], [205, 1780], [225, null]] },
        P4: { '2026-01': [[60, 1200], [120, 1600], [180, 2000], [240, 2200], [300, 2500], [360, 2700], [420, 2800], [480, 2950]],
              '2026-02': [[90, 1000], [150, 1500], [200, 1900], [260, 2100], [330, 2400], [390, 2600], [450, 2900], [470, 3000]],
              '2026-03': [[45, 900], [110, 1300], [170, 1700], [230, 2000], [290, 2300], [350, 2600], [410, 2850], [460, 3300]] }
    };
    for (const priority of ['P3', 'P4']) {
        for (const [month, list] of Object.entries(background[priority])) {
            for (const [response, resolution] of list) {
                // opened on a working day of the month (never a holiday), 08:00–17:59
                let openedWall;
                do {
                    openedWall = wall(`${month}-01T00:00`) + intBetween(rand, 0, 26) * 1440 * MIN + intBetween(rand, 8 * 60, 17 * 60 + 59) * MIN;
                } while (!isWorkingMinute(business, openedWall));
                add(priority, openedWall, addBusinessMinutes(business, openedWall, response),
                    resolution === null ? null : addBusinessMinutes(business, openedWall, resolution));
            }
        }
    }
    tickets.sort((a, b) => a.opened - b.opened);
    const rows = tickets.map(t => ({
        ticket_id: `INC-${id++}`,
        created_at: isoNaive(t.opened),
        priority: t.priority,
        category: categories[intBetween(rand, 0, categories.length - 1)],
        first_response_at: isoNaive(t.responded),
        resolved_at: t.resolved === null ? '' : isoNaive(t.resolved)
    }));
    write('service-desk/data/tickets.csv', csv(['ticket_id', 'created_at', 'priority', 'category', 'first_response_at', 'resolved_at'], rows));

    if (!CHECK) return;
    say('\n== service-desk (America/New_York, naive timestamps) ==');
    for (const month of ['2026-01', '2026-02', '2026-03']) {
        const m = tickets.filter(t => isoNaive(t.opened).startsWith(month));
        const of = p => m.filter(t => t.priority === p);
        const wallMinutes = t => (instantOf(zone, t.responded) - instantOf(zone, t.opened)) / MIN;
        const bm = (t, key) => businessMinutes(business, t.opened, t[key]);
        const line = (name, p, values) => say(`${month} ${name}: ${JSON.stringify([...values].sort((a, b) => a - b))} → p${p} ${percentile(p, values)}`);
        line('P1Response (wall-clock min)', 95, of('P1').map(wallMinutes));
        line('P1Resolution (business min)', 90, of('P1').map(t => bm(t, 'resolved')));
        line('P2Response (business min)', 90, of('P2').map(t => bm(t, 'responded')));
        line('P2Resolution (business min)', 90, of('P2').map(t => bm(t, 'resolved')));
        line('P3Response (business min)', 90, of('P3').map(t => bm(t, 'responded')));
        line('P3Resolution (business min)', 90, of('P3').filter(t => t.resolved !== null).map(t => bm(t, 'resolved')));
        line('P4Resolution (business min)', 90, of('P4').map(t => bm(t, 'resolved')));
    }
}

// ------------------------------------------------------------------ provider library (Europe/Berlin)

function providerLibrary() {
    const zone = 'Europe/Berlin';
    const rand = prng(31337);
    const at = text => fromLocal(zone, text);
    const incidents = [
        // Fabrikam ERP
        ['fabrikam', 'erp', 'outage', '2026-01-08T09:10', '2026-01-08T10:05'],
        ['fabrikam', 'erp', 'outage', '2026-01-21T16:20', '2026-01-21T17:00'],
        ['fabrikam', 'erp', 'degraded', '2026-01-28T08:00', '2026-01-28T12:00'],
        ['fabrikam', 'erp', 'outage', '2026-02-09T06:00', '2026-02-09T18:30'],
        ['fabrikam', 'erp', 'outage', '2026-02-17T13:15', '2026-02-17T14:45'],
        ['fabrikam', 'erp', 'outage', '2026-03-15T01:00', '2026-03-15T02:30'],
        ['fabrikam', 'erp', 'outage', '2026-03-19T10:00', '2026-03-19T10:40'],
        ['fabrikam', 'reporting', 'outage', '2026-03-23T08:00', '2026-03-23T11:00'],
        // Northwind mail
        ['northwind', 'mail', 'outage', '2026-01-12T07:30', '2026-01-12T12:30'],
        ['northwind', 'mail', 'minor', '2026-01-30T10:00', '2026-01-30T10:20'],
        ['northwind', 'mail', 'outage', '2026-02-03T11:00', '2026-02-03T15:00'],
        ['northwind', 'mail', 'outage', '2026-02-03T14:00', '2026-02-03T17:40'],
        ['northwind', 'mail', 'outage', '2026-03-14T23:00', '2026-03-15T03:00'],
        ['northwind', 'mail', 'outage', '2026-03-24T09:00', '2026-03-24T11:30']
    ].map(([client, service, severity, started, resolved]) => ({ client, service, severity, started: at(started), resolved: at(resolved) }));
    write('provider-library/data/incidents.csv', csv(['client', 'service', 'severity', 'started', 'resolved'], incidents));

    const desk = calendar([1, 2, 3, 4, 5], '07:00', '19:00', ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-24', '2026-12-25', '2026-12-31']);
    // [client, priority, opened, response business minutes, resolution business minutes]
    const designed = [
        ['fabrikam', 'P1', '2026-01-01T10:00', 20, 180], ['fabrikam', 'P1', '2026-01-15T11:30', 12, 150], ['fabrikam', 'P1', '2026-01-27T18:50', 25, 240],
        ['fabrikam', 'P1', '2026-02-04T08:15', 9, 120], ['fabrikam', 'P1', '2026-02-09T06:05', 33, 600], ['fabrikam', 'P1', '2026-02-17T13:20', 14, 95], ['fabrikam', 'P1', '2026-02-26T16:00', 27, 200],
        ['fabrikam', 'P1', '2026-03-05T09:45', 11, 100], ['fabrikam', 'P1', '2026-03-19T10:02', 16, 45], ['fabrikam', 'P1', '2026-03-27T18:40', 22, 260],
        ['northwind', 'P1', '2026-01-12T07:35', 8, 295], ['northwind', 'P2', '2026-01-19T13:00', 30, 240],
        ['northwind', 'P2', '2026-02-03T11:10', 25, 400], ['northwind', 'P2', '2026-02-10T09:00', 40, 900], ['northwind', 'P1', '2026-02-23T15:30', 10, 180],
        ['northwind', 'P2', '2026-03-10T10:30', 35, 300], ['northwind', 'P1', '2026-03-24T09:05', 6, 150]
    ];
    const tickets = designed.map(([client, priority, opened, response, resolution]) => {
        const w = wall(opened);
        return { client, priority, opened: w, responded: addBusinessMinutes(desk, w, response), resolved: addBusinessMinutes(desk, w, resolution) };
    });
    // background P2–P4 tickets of both clients, no KPI reads their exact values
    for (let i = 0; i < 60; i++) {
        const client = i % 3 === 0 ? 'northwind' : 'fabrikam';
        const priority = client === 'northwind' ? ['P3', 'P4'][intBetween(rand, 0, 1)] : ['P2', 'P3', 'P3', 'P4'][intBetween(rand, 0, 3)];
        const w = wall('2026-01-02T00:00') + intBetween(rand, 0, 86) * 1440 * MIN + intBetween(rand, 7 * 60, 19 * 60) * MIN;
        tickets.push({ client, priority, opened: w, responded: addBusinessMinutes(desk, w, intBetween(rand, 15, 480)), resolved: addBusinessMinutes(desk, w, intBetween(rand, 480, 3600)) });
    }
    tickets.sort((a, b) => a.opened - b.opened);
    const json = '[\n' + tickets.map(t => '  ' + JSON.stringify({
        client: t.client,
        opened: isoWithOffset(zone, instantOf(zone, t.opened)),
        priority: t.priority,
        responded: isoWithOffset(zone, instantOf(zone, t.responded)),
        resolved: isoWithOffset(zone, instantOf(zone, t.resolved))
    })).join(',\n') + '\n]\n';
    write('provider-library/data/tickets.json', json);

    if (!CHECK) return;
    say('\n== provider-library (Europe/Berlin) ==');
    const mk = (date, time) => instantOf(zone, wall(`${date}T${time}`));
    const move = [[mk('2026-03-14', '22:00'), mk('2026-03-15', '02:00')]];
    const outagesOf = (client, service) => incidents.filter(i => i.client === client && i.service === service && i.severity === 'outage')
        .map(i => [Date.parse(i.started), Date.parse(i.resolved)]);
    for (const [month, next] of [['2026-01', '2026-02'], ['2026-02', '2026-03'], ['2026-03', '2026-04']]) {
        const from = mk(`${month}-01`, '00:00'), to = mk(`${next}-01`, '00:00');
        const maintenance = [...weeklySlots(zone, 7, '02:00', '04:00', `${month}-01`, `${next}-01`), ...move];
        const u = uptime({ outages: outagesOf('fabrikam', 'erp'), maintenance, from, to });
        say(`${month} Fabrikam ERP.Availability: eligible ${u.eligibleMin} min, downtime ${u.downMin} min → ${pct(u.value)}`);
        const p1 = tickets.filter(t => t.client === 'fabrikam' && t.priority === 'P1' && isoNaive(t.opened).startsWith(month)).map(t => businessMinutes(desk, t.opened, t.responded));
        say(`${month} Fabrikam ERP.P1Response: ${JSON.stringify(p1.sort((a, b) => a - b))} → p90 ${percentile(90, p1)}`);
    }
    const from = mk('2026-01-01', '00:00'), to = mk('2026-04-01', '00:00');
    const maintenance = [...weeklySlots(zone, 7, '02:00', '04:00', '2026-01-01', '2026-04-01'), ...move];
    const u = uptime({ outages: outagesOf('northwind', 'mail'), maintenance, from, to });
    say(`Q1 Northwind Mail.Availability: quarter ${(to - from) / MIN} min, eligible ${u.eligibleMin} min, downtime ${u.downMin} min → ${pct(u.value)}`);
    const nw = tickets.filter(t => t.client === 'northwind' && (t.priority === 'P1' || t.priority === 'P2'));
    const breached = [];
    for (let end = wall('2026-01-02T00:00'); end <= wall('2026-04-01T00:00'); end += 1440 * MIN) {
        const inWindow = nw.filter(t => t.opened >= end - 28 * 1440 * MIN && t.opened < end).map(t => businessMinutes(desk, t.opened, t.resolved));
        const v = percentile(90, inWindow);
        if (v !== null && v > 480) breached.push(new Date(end - 1440 * MIN).toISOString().slice(0, 10));
    }
    say(`Northwind Mail.Resolution rolling 28 days: breached windows ending ${breached[0]} … ${breached[breached.length - 1]} (${breached.length} windows)`);
}

managedHosting();
objectStorage();
serviceDesk();
providerLibrary();
