/**
 * `slices(every L: count | duration | share where ErrorRate > t%, at least N consecutive, empty as …)`
 * against a brute-force count written here, on random request logs (docs/language-reference.md
 * § 8.5.1, "runs"). Each seed draws a zone (UTC, Europe/Berlin, America/New_York: DST months
 * included), a slice length (1, 5 or 7 minutes: 7 does not divide an hour, so each month's last
 * slice is shorter), a minimum run (2–6, or none), an empty rule (good, bad, no data), an
 * aggregation (count, duration, share, or 100 % − share), an error-rate threshold, an evaluation
 * period of two to four calendar months (sometimes asked from mid-month: the first month is then
 * judged whole, from its first day, unless the validity starts there too; sometimes cut mid-month
 * at its end), sometimes a data end inside it
 * (`complete to`: a month's last day, or mid-month), sometimes an export that goes on past the
 * period's end, sometimes a validity that is the period itself, and a few hundred request rows
 * concentrated around the month edges, the period's edges and the data end, laid out as random walks
 * of bad, good and quiet slices so that runs cross edges often.
 *
 * The reference does not use the engine's slicing or aggregation: it computes the months in the
 * zone with Intl, cuts every month of the period into slices aligned to the month's start (the last
 * one cut at the month's end, the first and last cut by the period), values each slice from the rows
 * it holds, walks all slices of the period in time order to find the runs (across month edges; a
 * `no data` slice, an unknown one, a period's edge that cuts a month, and the validity's edges end
 * a run; at a period's edge that is a month's edge inside the validity the walk goes on through the
 * month before or after, whose slices count nowhere: a month's value does not depend on the period
 * asked for) and counts per month the bad slices of runs of N or more, their time, and their time
 * over the judged time. The slices after the period's end are known as far as rows go (the
 * millisecond after the last one), unless `complete to` ends the data earlier. It derives
 * `provisional` by counting again with the unknown slices as bad (a run reaching the data end goes on
 * into them: RefWindow.ifUnknownBad) and `slices.runAtDataEnd` from the run at each window's last known slice;
 * objectives with targets between the two values make those windows' status turn on it.
 *
 * `SLA_SLICE_RUN_SEEDS=1-500` runs more seeds.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type EmptySliceRule, type Expr, type ObjectiveModel } from '../../src/index.js';
import { compare, exactInteger, exactOf, exactRatio, toNumber, type Exact } from '../../src/evaluate/exact-value.js';
import { seededRandom, type SeededRandom } from '../seeded-random.js';
import { agreement, bin, dataset, field, HOUR, MINUTE, MONTH, num, ref, tempDir, writeCsv } from './fixtures.js';

const YEAR = 2026;
const NOW = Date.parse('2027-01-01T00:00:00Z');

function seeds(): number[] {
    const range = /^(\d+)-(\d+)$/.exec(process.env.SLA_SLICE_RUN_SEEDS ?? '');
    if (range === null) return Array.from({ length: 20 }, (_, i) => i + 1);
    return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
}

// ---------------------------------------------------------------------------------------------
// Time in a zone, from Intl (not the engine's zone code).

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant (ms). */
function offsetMs(zone: string, instant: number): number {
    let format = formatters.get(zone);
    if (format === undefined) {
        format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
        formatters.set(zone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(instant / 1000) * 1000;
}

/** Midnight at the start of a civil day in the zone (month 13 is January of the next year; no midnight is skipped in these zones). */
function midnight(zone: string, month: number, day: number): number {
    const wall = Date.UTC(YEAR, month - 1, day);
    const guess = wall - offsetMs(zone, wall);
    return wall - offsetMs(zone, guess);
}

const lastDay = (month: number): number => new Date(Date.UTC(YEAR, month, 0)).getUTCDate();
const dayText = (month: number, day: number): string => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------
// A random case.

type EmptyKind = 'good' | 'bad' | 'noData';
type Aggregation = 'count' | 'duration' | 'share';

interface Case {
    seed: number;
    zone: string;
    sliceMs: number;
    /** `at least N consecutive`; undefined: no such clause (every bad slice counts). */
    minimumRun: number | undefined;
    empty: EmptyKind;
    aggregation: Aggregation;
    /** `100% - slices(…: share where …)`, judged by `>=` (the others by `<=`). */
    complement: boolean;
    /** A slice is bad when errors / requests > thresholdPercent %. */
    thresholdPercent: number;
    from: string;
    to: string;
    completeTo: string | undefined;
    /** The months of the period (1–12), in order. */
    months: number[];
    periodStart: number;
    periodEnd: number;
    /** The data end: the day after `completeTo`, in the zone; else the period's end (`--to` given). */
    dataEnd: number;
    /** Without `complete to`: the export goes on past the period's end (to the end of the month after). */
    rowsBeyond: boolean;
    /** The agreement is valid for the period only (else all of 2026): runs stop at its edges. */
    validityIsPeriod: boolean;
}

interface Row {
    time: number;
    error: boolean;
}

/** A slice: [from, to) inside the period, aligned to its month's start ([start, end) uncut). */
interface Slice {
    start: number;
    end: number;
    from: number;
    to: number;
}

interface Window extends Slice {
    slices: Slice[];
}

/** A month [start, end) in the zone, cut to [from, to) by the period. */
function monthWindow(c: Pick<Case, 'zone' | 'periodStart' | 'periodEnd'>, month: number): Omit<Window, 'slices'> {
    const start = midnight(c.zone, month, 1);
    const end = midnight(c.zone, month + 1, 1);
    return { start, end, from: Math.max(start, c.periodStart), to: Math.min(end, c.periodEnd) };
}

/**
 * The slices of a month as the language reference defines them: slice k is [start + k·L, start + (k+1)·L),
 * the last one ending at the month's end; only the parts inside [from, to), aligned to the month's start.
 */
function slicesOfMonth(window: Omit<Window, 'slices'>, sliceMs: number): Slice[] {
    const slices: Slice[] = [];
    for (let start = window.start; start < window.end; start += sliceMs) {
        const end = Math.min(start + sliceMs, window.end);
        const from = Math.max(start, window.from);
        const to = Math.min(end, window.to);
        if (from < to) slices.push({ start, end, from, to });
    }
    return slices;
}

function drawCase(seed: number, random: SeededRandom): Case {
    const zone = random.pick(['UTC', 'Europe/Berlin', 'America/New_York']);
    const sliceMs = random.pick([1, 5, 5, 7, 7]) * MINUTE;
    const minimumRun = random.chance(0.2) ? undefined : 2 + random.int(5);
    const empty = random.pick<EmptyKind>(['good', 'bad', 'noData']);
    const aggregation = random.pick<Aggregation>(['count', 'duration', 'share']);
    const complement = aggregation === 'share' && random.chance(0.5);
    const thresholdPercent = random.pick([5, 10, 25, 50]);
    // Two to four months, starting in February to October, ending by November: March and October (DST) often in.
    const firstMonth = random.pick([2, 2, 3, 3, 4, 8, 9, 9, 10]);
    const lastMonth = Math.min(11, firstMonth + 1 + random.int(3));
    const months = Array.from({ length: lastMonth - firstMonth + 1 }, (_, i) => firstMonth + i);
    // The period: whole months, or sometimes cut mid-month at either end.
    const from = random.chance(0.2) ? dayText(firstMonth, 2 + random.int(26)) : dayText(firstMonth, 1);
    const to = random.chance(0.2) ? dayText(lastMonth, 2 + random.int(26)) : dayText(lastMonth, lastDay(lastMonth));
    const askedStart = midnight(zone, Number(from.slice(5, 7)), Number(from.slice(8)));
    const periodEnd = midnight(zone, lastMonth, Number(to.slice(8)) + 1);
    // Sometimes a data end inside the period: a month's last day (the next month starts unknown), or mid-month.
    let completeTo: string | undefined;
    if (random.chance(0.55)) {
        if (random.chance(0.5)) {
            const month = months[random.int(months.length - 1)]!;
            completeTo = dayText(month, lastDay(month));
        } else {
            const month = random.pick(months);
            completeTo = dayText(month, 3 + random.int(24));
        }
        const end = midnight(zone, Number(completeTo.slice(5, 7)), Number(completeTo.slice(8)) + 1);
        if (end <= askedStart || end >= periodEnd) completeTo = undefined;
    }
    const dataEnd = completeTo === undefined ? periodEnd : midnight(zone, Number(completeTo.slice(5, 7)), Number(completeTo.slice(8)) + 1);
    const rowsBeyond = completeTo === undefined && random.chance(0.6);
    const validityIsPeriod = random.chance(0.2);
    // `--from` inside the first month judges that month whole (evaluation-period.ts), unless the validity starts there too.
    const periodStart = validityIsPeriod ? askedStart : midnight(zone, firstMonth, 1);
    return { seed, zone, sliceMs, minimumRun, empty, aggregation, complement, thresholdPercent, from, to, completeTo, months, periodStart, periodEnd, dataEnd, rowsBeyond, validityIsPeriod };
}

/**
 * Rows: around each edge (month starts from the period's first to the one after its last, the period's
 * ends when mid-month, the data end) a random walk over the uncut slices of the month grid — bad
 * (most requests failing), good (none failing, or exactly at the threshold), quiet (no rows) — and a few
 * scattered rows in the hour either side of each month edge. Rows at or after the data end are dropped
 * (an export complete to a day has none after it).
 */
function drawRows(c: Case, random: SeededRandom): Row[] {
    const gridMonths = [c.months[0]! - 1, ...c.months, c.months[c.months.length - 1]! + 1];
    const grid = gridMonths.flatMap((month) => {
        const start = midnight(c.zone, month, 1);
        const end = midnight(c.zone, month + 1, 1);
        return slicesOfMonth({ start, end, from: start, to: end }, c.sliceMs);
    });
    const rows: Row[] = [];
    /** n rows at random whole seconds of [from, to), the first `errors` failing. */
    const addRows = ({ from, to }: { from: number; to: number }, n: number, errors: number): void => {
        const seconds = Math.ceil((to - from) / 1000);
        for (let i = 0; i < n; i++) rows.push({ time: from + random.int(seconds) * 1000, error: i < errors });
    };
    const monthEdges = c.months.map((month) => midnight(c.zone, month, 1)).concat(midnight(c.zone, c.months[c.months.length - 1]! + 1, 1));
    const hot = [...monthEdges, c.periodStart, c.periodEnd, ...(c.completeTo === undefined ? [] : [c.dataEnd])];
    const run = c.minimumRun ?? 3;
    for (const instant of new Set(hot)) {
        const at = grid.findIndex((slice) => slice.start <= instant && instant < slice.end);
        if (at < 0) continue;
        const span = run + 2 + random.int(5);
        let state = random.pick(['bad', 'good', 'quiet'] as const);
        for (let j = Math.max(0, at - span); j < Math.min(grid.length, at + span); j++) {
            const roll = random.next();
            state = state === 'bad' ? (roll < 0.75 ? 'bad' : roll < 0.88 ? 'good' : 'quiet') : roll < 0.4 ? 'bad' : roll < 0.7 ? 'good' : 'quiet';
            const slice = { from: grid[j]!.start, to: grid[j]!.end };
            if (state === 'quiet') continue;
            const n = 1 + random.int(4);
            if (state === 'bad') addRows(slice, n, Math.max(1, n - random.int(2)));
            else if (random.chance(0.7)) addRows(slice, n, 0);
            // 20 requests with exactly the threshold's errors (not more than it: good), or one more (bad).
            else addRows(slice, 20, (c.thresholdPercent * 20) / 100 + (random.chance(0.3) ? 1 : 0));
        }
    }
    // Often a run of fewer than N bad slices just before the data end (its last slice the one the data end cuts, if any):
    // whether it counts waits on the next data.
    if (c.completeTo !== undefined && random.chance(0.6)) {
        let j = grid.findIndex((slice) => slice.end >= c.dataEnd);
        for (let k = 1 + random.int(Math.max(1, run - 1)); k > 0 && j >= 0; k--, j--) {
            const n = 1 + random.int(3);
            addRows({ from: grid[j]!.start, to: Math.min(grid[j]!.end, c.dataEnd) }, n, n);
        }
    }
    for (const edge of monthEdges) {
        for (let i = 0; i < 8; i++) rows.push({ time: edge - HOUR + random.int(2 * 3600) * 1000, error: random.chance(0.4) });
    }
    for (let i = 0; i < 5; i++) rows.push({ time: c.periodStart + random.int(Math.floor((c.periodEnd - c.periodStart) / 1000)) * 1000, error: random.chance(0.5) });
    const rowsEnd = c.rowsBeyond ? Infinity : c.dataEnd;
    return rows.filter((row) => row.time < rowsEnd && row.time >= Date.UTC(YEAR, 0, 1)).sort((a, b) => a.time - b.time);
}

// ---------------------------------------------------------------------------------------------
// The reference: every slice of the period in time order.

type SliceState = 'bad' | 'good' | 'none' | 'unknown';

interface RefSlice extends Slice {
    /** The month's index in the period; -1: the month before it, -2: the month after it (counted nowhere). */
    window: number;
    state: SliceState;
    hasData: boolean;
}

interface RefWindow {
    start: number;
    afterDataEnd: boolean;
    /** As known: the unknown slices (from the data end on) end a run, as a good slice would. */
    exact: Exact | null;
    /**
     * If the unknown slices were bad: a run reaching the data end goes on through them (to the
     * period's end at most), so it counts when its known slices and the unknown ones after them are
     * N or more — i.e. the window's run at the data end counted as if the next N − (its length)
     * unknown slices were bad. The unknown slices themselves count nowhere (they are left out).
     * Derived for every window alike, whether the data end is at its end (the next month unknown)
     * or inside it (docs: "the window is provisional when the slices after the data end, if bad,
     * would change its status").
     */
    ifUnknownBad: Exact | null;
    slices?: { lengthMs: number; total: number; empty: number; bad: number; unknown: number; runAtDataEnd?: number };
}

interface Reference {
    windows: RefWindow[];
    /** Counted runs with slices in two months (for the generator check). */
    crossingRuns: number;
    /** Counted runs with slices outside the period, in the month before or after it (for the generator check). */
    runsBeyondPeriod: number;
    /** Runs as known shorter than N that end at the first unknown slice (for the generator check). */
    shortRunsAtDataEnd: number;
}

function reference(c: Case, rows: readonly Row[]): Reference {
    const windows: Window[] = c.months.map((month) => {
        const window = monthWindow(c, month);
        return { ...window, slices: slicesOfMonth(window, c.sliceMs) };
    });
    // The months just outside the period, where its edge is a month's edge inside the validity: runs go on through them.
    const lastMonth = c.months[c.months.length - 1]!;
    const wholeMonth = (month: number): Window => {
        const start = midnight(c.zone, month, 1);
        const end = midnight(c.zone, month + 1, 1);
        return { start, end, from: start, to: end, slices: slicesOfMonth({ start, end, from: start, to: end }, c.sliceMs) };
    };
    const before = !c.validityIsPeriod && c.periodStart === midnight(c.zone, c.months[0]!, 1) ? wholeMonth(c.months[0]! - 1) : undefined;
    const after = !c.validityIsPeriod && c.periodEnd === midnight(c.zone, lastMonth + 1, 1) ? wholeMonth(lastMonth + 1) : undefined;
    // After the period's end the slices are known as far as rows go, unless `complete to` ends the data earlier.
    const lastRow = rows.length === 0 ? -Infinity : rows[rows.length - 1]!.time;
    const knownAfter = c.completeTo !== undefined ? c.dataEnd : Math.max(c.periodEnd, lastRow + 1);
    // Value every slice: error share of its rows > threshold; empty without rows; unknown from the data end on.
    const all: RefSlice[] = [];
    let next = 0;
    const walked: [Window, number][] = [...(before === undefined ? [] : [[before, -1] as [Window, number]]), ...windows.map((window, index): [Window, number] => [window, index]), ...(after === undefined ? [] : [[after, -2] as [Window, number]])];
    walked.forEach(([window, index]) => {
        for (const slice of window.slices) {
            while (next < rows.length && rows[next]!.time < slice.from) next++;
            let total = 0;
            let errors = 0;
            for (let i = next; i < rows.length && rows[i]!.time < slice.to; i++) {
                total++;
                if (rows[i]!.error) errors++;
            }
            let state: SliceState;
            if (slice.from >= (index === -2 ? knownAfter : c.dataEnd)) state = 'unknown';
            else if (total === 0) state = c.empty === 'noData' ? 'none' : c.empty;
            else state = errors * 100 > c.thresholdPercent * total ? 'bad' : 'good';
            all.push({ ...slice, window: index, state, hasData: state !== 'unknown' && total > 0 });
        }
    });
    const minimumRun = c.minimumRun ?? 1;
    let crossingRuns = 0;
    let runsBeyondPeriod = 0;
    let shortRunsAtDataEnd = 0;
    /**
     * Which known bad slices count: the maximal runs of consecutive bad slices over the whole period
     * and the months walked beyond it (crossing month edges; a good, `no data` or unknown slice ends
     * one, and so does the end of the list), counted when N or more long. With
     * `unknownBad`, an unknown slice (at or after the data end) lengthens a run as a bad one would,
     * but is itself never counted.
     */
    const counted = (unknownBad: boolean): boolean[] => {
        const result = all.map(() => false);
        let runStart = 0;
        const close = (end: number): void => {
            if (end - runStart >= minimumRun) for (let i = runStart; i < end; i++) if (all[i]!.state === 'bad') result[i] = true;
            if (unknownBad || end === runStart) return;
            if (end - runStart >= minimumRun && all[runStart]!.window !== all[end - 1]!.window) crossingRuns++;
            if (end - runStart >= minimumRun && (all[runStart]!.window < 0 || all[end - 1]!.window < 0) && all.slice(runStart, end).some((slice) => slice.window >= 0)) runsBeyondPeriod++;
            if (end - runStart < minimumRun && all[end]?.state === 'unknown') shortRunsAtDataEnd++;
        };
        for (let i = 0; i < all.length; i++) {
            const state = all[i]!.state;
            if (state === 'bad' || (unknownBad && state === 'unknown')) continue;
            close(i);
            runStart = i + 1;
        }
        close(all.length);
        return result;
    };
    const known = counted(false);
    const ifUnknownBad = counted(true);

    const result = windows.map((window, index): RefWindow => {
        if (window.from >= c.dataEnd) return { start: window.start, afterDataEnd: true, exact: null, ifUnknownBad: null };
        const mine = all.flatMap((slice, i) => (slice.window === index ? [i] : []));
        const first = mine[0]!;
        const last = mine[mine.length - 1]!;
        const value = (countedSlices: boolean[]): Exact | null => {
            let withData = 0;
            let bad = 0;
            let badMs = 0;
            let judgedMs = 0;
            for (const i of mine) {
                const slice = all[i]!;
                if (slice.hasData) withData++;
                if (slice.state === 'bad' || slice.state === 'good') judgedMs += slice.to - slice.from;
                if (countedSlices[i]) {
                    bad++;
                    badMs += slice.to - slice.from;
                }
            }
            if (withData === 0) return null;
            if (c.aggregation === 'count') return exactInteger(bad);
            if (c.aggregation === 'duration') return exactInteger(badMs);
            if (judgedMs === 0) return null;
            return c.complement ? exactRatio(judgedMs - badMs, judgedMs) : exactRatio(badMs, judgedMs);
        };
        /**
         * runAtDataEnd: the window's last known slice (its last slice, or the one just before the
         * data end when the data end cuts it inside) is bad, the run it belongs to (as known) goes
         * on without a break to an unknown slice (the data end inside this window, at its end or
         * inside the next month), and is shorter than N — so it does not count now, and would if
         * the next N − (its length) unknown slices turned out bad. The number reported: the run's
         * slices inside this window (SliceSummary: "bad slices just before the data end").
         */
        let runAtDataEnd: number | undefined;
        let lastKnown = last;
        while (lastKnown >= first && all[lastKnown]!.state === 'unknown') lastKnown--;
        if (lastKnown >= first && all[lastKnown]!.state === 'bad') {
            let runStart = lastKnown;
            while (runStart > 0 && all[runStart - 1]!.state === 'bad') runStart--;
            let after = lastKnown + 1;
            while (after < all.length && all[after]!.state === 'bad') after++;
            if (after < all.length && all[after]!.state === 'unknown' && after - runStart < minimumRun) runAtDataEnd = lastKnown - Math.max(runStart, first) + 1;
        }
        const slices = {
            lengthMs: c.sliceMs,
            total: mine.length,
            empty: mine.filter((i) => all[i]!.state !== 'unknown' && !all[i]!.hasData).length,
            bad: mine.filter((i) => known[i]).length,
            unknown: mine.filter((i) => all[i]!.state === 'unknown').length,
            ...(runAtDataEnd === undefined ? {} : { runAtDataEnd })
        };
        return { start: window.start, afterDataEnd: false, exact: value(known), ifUnknownBad: value(ifUnknownBad), slices };
    });
    return { windows: result, crossingRuns, runsBeyondPeriod, shortRunsAtDataEnd };
}

// ---------------------------------------------------------------------------------------------
// Judging (exactly, as the engine judges): met / breached / no data.

type Status = 'met' | 'breached' | 'no data';

function judge(value: Exact | null, comparison: '<=' | '>=', target: number): Status {
    if (value === null) return 'no data';
    const order = compare(value, exactOf(target));
    return (comparison === '<=' ? order <= 0 : order >= 0) ? 'met' : 'breached';
}

/** A short decimal strictly between two non-negative exact values a < b (so that exactOf gives it back exactly). */
function decimalBetween(a: Exact, b: Exact): number {
    for (let k = 0; k <= 15; k++) {
        const scale = 10n ** BigInt(k);
        const n = (a.num * scale) / a.den + 1n;
        if (n * b.den < b.num * scale) return Number(`${n}e-${k}`);
    }
    throw new Error(`no short decimal between ${toNumber(a)} and ${toNumber(b)}`);
}

/**
 * Provisional, as documented: the window's status as known differs from its status if the unknown
 * slices were bad (RefWindow.ifUnknownBad). Nothing else is open here (no open rows), so that is the
 * only way a window can be provisional.
 */
const provisionalOf = (window: RefWindow, comparison: '<=' | '>=', target: number): boolean =>
    !window.afterDataEnd && judge(window.exact, comparison, target) !== judge(window.ifUnknownBad, comparison, target);

// ---------------------------------------------------------------------------------------------
// The agreement.

const errorRate: Expr = { type: 'share', dataset: 'requests', part: bin('>=', ref('requests', 'status'), num(500)), whole: undefined };

function formulaOf(c: Case): Expr {
    const empty: EmptySliceRule = { kind: c.empty };
    const slices: Expr = {
        type: 'timeslices', sliceMs: c.sliceMs, aggregation: c.aggregation,
        value: bin('>', errorRate, num(c.thresholdPercent / 100, 'ratio')), empty, minimumRun: c.minimumRun
    };
    return c.complement ? bin('-', num(1, 'ratio'), slices) : slices;
}

function modelOf(c: Case, rows: readonly Row[], targets: number[]): AgreementModel {
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'status'], rows.map((row) => [new Date(row.time).toISOString(), row.error ? 503 : 200]));
    const unitKind: ObjectiveModel['unitKind'] = c.aggregation === 'count' ? 'count' : c.aggregation === 'duration' ? 'duration' : 'ratio';
    return agreement({
        ...(c.validityIsPeriod ? { validity: { from: c.from, to: c.to } } : {}),
        timezone: c.zone,
        datasets: { requests: { ...dataset('requests', path, [field('time', 'timestamp'), field('status', 'integer')]), completeTo: c.completeTo } },
        kpis: [{ key: 'K', name: 'K', unitKind, formula: formulaOf(c) }],
        objectives: targets.map((target) => ({ kpi: 'K', kpiName: 'K', comparison: comparisonOf(c), target, unitKind, window: MONTH }))
    });
}

const comparisonOf = (c: Case): '<=' | '>=' => (c.complement ? '>=' : '<=');

/** A plain target: a few bad slices, minutes, or a small share (100 % − it for the complement). */
function randomTarget(c: Case, random: SeededRandom): number {
    if (c.aggregation === 'count') return random.int(30);
    if (c.aggregation === 'duration') return random.int(30) * MINUTE;
    const share = random.pick([0, 0.0005, 0.001, 0.01, 0.05]);
    return c.complement ? Number((1 - share).toFixed(4)) : share;
}

const describeCase = (c: Case): string =>
    `seed ${c.seed}: ${c.zone}, every ${c.sliceMs / MINUTE} min, ${c.aggregation}${c.complement ? ' (100% −)' : ''} where errors > ${c.thresholdPercent}%`
    + `${c.minimumRun === undefined ? '' : `, at least ${c.minimumRun} consecutive`}, empty as ${c.empty}; ${c.from} to ${c.to}`
    + `${c.completeTo === undefined ? '' : `, complete to ${c.completeTo}`}${c.rowsBeyond ? ', rows past the period' : ''}${c.validityIsPeriod ? ', valid for the period only' : ''}`;

// ---------------------------------------------------------------------------------------------

describe('timeslice runs: the engine against a brute-force count over the whole period', () => {
    /** over the seeds: what was drawn, so that a generator that drifts is seen (last test) */
    const exercised = { cases: 0, windows: 0, rows: 0, badCounted: 0, crossingRuns: 0, runsBeyondPeriod: 0, validityIsPeriod: 0, runAtDataEnd: 0, shortRunsAtDataEnd: 0, provisional: 0, dataEndMidMonth: 0, dataEndAtMonthEnd: 0, sevenMinutes: 0, dstMonths: 0, cutPeriods: 0 };

    it('the reference months: 743 and 745 hours in Berlin March and October 2026, 743 and 721 in New York March and November', () => {
        const hours = (zone: string, month: number) => (midnight(zone, month + 1, 1) - midnight(zone, month, 1)) / HOUR;
        expect([hours('Europe/Berlin', 3), hours('Europe/Berlin', 10), hours('America/New_York', 3), hours('America/New_York', 11), hours('UTC', 3)]).toEqual([743, 745, 743, 721, 744]);
        // Seven-minute slices of a 31-day month: 6,377 whole ones and a last one of 1 minute.
        const march = monthWindow({ zone: 'UTC', periodStart: -Infinity, periodEnd: Infinity }, 3);
        const slices = slicesOfMonth(march, 7 * MINUTE);
        expect(slices.length).toBe(6_378);
        expect(slices[slices.length - 1]!.to - slices[slices.length - 1]!.from).toBe(MINUTE);
    });

    for (const seed of seeds()) {
        it(`counts each month's bad slices as the brute-force walk does (seed ${seed})`, async () => {
            const random = seededRandom(seed * 104_729 + 7);
            const c = drawCase(seed, random);
            const rows = drawRows(c, random);
            const { windows: expected, crossingRuns, runsBeyondPeriod, shortRunsAtDataEnd } = reference(c, rows);
            // Objectives: a plain target; and, for each window whose value counting the unknown slices as bad
            // would change, one strictly between the two values (that window then provisional).
            const targets = [randomTarget(c, random)];
            const changed = expected.filter((window) => window.exact !== null && window.ifUnknownBad !== null && compare(window.exact, window.ifUnknownBad) !== 0);
            for (const window of changed) {
                const [low, high] = compare(window.exact!, window.ifUnknownBad!) < 0 ? [window.exact!, window.ifUnknownBad!] : [window.ifUnknownBad!, window.exact!];
                targets.push(decimalBetween(low, high));
            }
            // What was drawn (before comparing: a seed that fails still counts here).
            exercised.cases++;
            exercised.windows += expected.length;
            exercised.rows += rows.length;
            exercised.badCounted += expected.reduce((sum, window) => sum + (window.slices?.bad ?? 0), 0);
            exercised.runAtDataEnd += expected.filter((window) => window.slices?.runAtDataEnd !== undefined).length;
            exercised.provisional += targets.reduce((sum, target) => sum + expected.filter((window) => provisionalOf(window, comparisonOf(c), target)).length, 0);
            exercised.crossingRuns += crossingRuns;
            exercised.runsBeyondPeriod += runsBeyondPeriod;
            if (c.validityIsPeriod) exercised.validityIsPeriod++;
            exercised.shortRunsAtDataEnd += shortRunsAtDataEnd;
            if (c.completeTo !== undefined) {
                if (c.months.some((month) => midnight(c.zone, month + 1, 1) === c.dataEnd)) exercised.dataEndAtMonthEnd++;
                else exercised.dataEndMidMonth++;
            }
            if (c.sliceMs === 7 * MINUTE) exercised.sevenMinutes++;
            if (c.zone !== 'UTC' && c.months.some((month) => month === 3 || month === 10 || (month === 11 && c.zone === 'America/New_York'))) exercised.dstMonths++;
            if (!c.from.endsWith('-01') || c.periodEnd !== midnight(c.zone, c.months[c.months.length - 1]! + 1, 1)) exercised.cutPeriods++;
            const report = await evaluateAgreement(modelOf(c, rows, targets), { from: c.from, to: c.to, now: NOW });
            const context = describeCase(c);
            targets.forEach((target, o) => {
                const windows = report.objectives[o]!.windows;
                expect(windows.map((window) => Date.parse(window.start)), context).toEqual(expected.map((window) => window.start));
                windows.forEach((window, w) => {
                    const want = expected[w]!;
                    const at = `${context}; target ${target}; window ${window.start}`;
                    const status = judge(want.exact, comparisonOf(c), target);
                    expect({
                        value: window.value,
                        status: window.status,
                        provisional: window.provisional === true,
                        afterDataEnd: window.afterDataEnd === true,
                        slices: window.slices
                    }, at).toEqual({
                        value: status === 'no data' ? null : toNumber(want.exact!),
                        status,
                        provisional: provisionalOf(want, comparisonOf(c), target),
                        afterDataEnd: want.afterDataEnd,
                        slices: want.slices
                    });
                });
            });
        });
    }

    it.runIf(process.env.SLA_SLICE_RUN_SEEDS === undefined)('drew the cases it means to (the default seeds)', () => {
        // Runs crossing a month edge that count, windows waiting on a run at the data end, provisional windows, data ends
        // at a month's end and mid-month, seven-minute slices, DST months, periods cut mid-month.
        expect(exercised.cases).toBe(20);
        for (const [key, count] of Object.entries(exercised)) expect(count, key).toBeGreaterThan(0);
    });
});

