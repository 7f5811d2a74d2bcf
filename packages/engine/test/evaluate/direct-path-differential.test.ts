/**
 * The direct row path against the general path, on filters drawn at random from everything the
 * direct path takes (numeric comparisons either way round, two numeric fields compared, `elapsed(…)`
 * of wall-clock and working time compared with a duration, business days compared with a number, arithmetic of two fields or of one and
 * a number (nested too) compared with a number, text and enumeration equalities, `in` lists, boolean fields alone
 * or compared with true/false, joined by `and`, `or` and `not`), means and percentiles of elapsed
 * times (working time of a calendar with a holiday and a half day) and sums of arithmetic values,
 * over data with missing values (open rows among them), quoted cells, every boolean spelling and responses before
 * their request (invalid rows, skipped: the same on every read path). Money is counted on these
 * paths: each of their rules has its own test by hand (text-filters, boolean-filters,
 * direct-row-path); this one looks for the combination nobody wrote down.
 *
 * The same KPIs are evaluated twice over the same file: alone (the direct path, typed where the
 * records are common) and with one more KPI whose filter compares arithmetic with a field (`status * 1 >= status`), which no
 * direct path reads, so that every group of the scan goes the general way (compiled closures over row arrays).
 * Each KPI's values must be the same in both, per service and month, on one thread and on two.
 */
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr, type Report } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { DirectRowPath } from '../../src/evaluate/direct-row-path.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { aggregate, at, bin, count, field, num, percentile, ref, seededRandom, str, tempDir, writeCsv } from './fixtures.js';
import { kpiAgreement, valuesByScope } from './kpi-fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const PRIORITIES = ['P1', 'P2', 'P3'];
const FIELDS = [
    field('time', 'timestamp'),
    field('service', 'text'),
    field('status', 'integer'),
    field('latency', 'duration', true),
    field('region', 'text', true),
    field('priority', 'enum', false, PRIORITIES),
    field('cached', 'boolean', true),
    field('budget', 'duration', true),
    field('responded', 'timestamp', true)
];
const HEADER = FIELDS.map((f) => f.name);

const status = ref('requests', 'status');
const latency = ref('requests', 'latency');
const region = ref('requests', 'region');
const priority = ref('requests', 'priority');
const cached = ref('requests', 'cached');
const budget = ref('requests', 'budget');
const time = ref('requests', 'time');
const responded = ref('requests', 'responded');
/** Wall-clock time from the request to its response (a missing response: an open row, judged apart on both paths). */
const waited: Expr = { type: 'elapsed', start: time, end: responded };
/** The same in the desk's working time. */
const worked: Expr = { type: 'elapsed', start: time, end: responded, calendar: 'desk' } as Expr;
/** The same in the desk's business days (only compared with a number: `<= 2 business days`). */
const businessDays: Expr = { ...worked, unit: 'businessDays' } as Expr;
/** Berlin office hours, Saturday mornings, Easter Monday off, a half day on 31 March. */
const DESK = {
    zone: 'Europe/Berlin',
    rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }, { weekdays: [6], startMinute: 540, endMinute: 720 }],
    holidays: ['2026-04-06'],
    earlyClosings: [{ date: '2026-03-31', fromMinute: 780 }]
};
const OPS = ['<', '<=', '>', '>=', '=', '!='] as const;

/** 6,000 requests over March and April 2026 (Berlin), services a–c; one cell in about twelve missing or quoted. */
function requests(random: () => number): (string | number)[][] {
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 6_000; i++) {
        const ms = at('2026-03-01T00:00:00+01:00') + Math.floor((i / 6_000) * 60 * 86_400_000);
        const time = new Date(ms).toISOString();
        const maybe = (cell: string | number): string | number => (random() < 0.06 ? '' : random() < 0.03 ? `"${cell}"` : cell);
        rows.push([
            time,
            pick(['a', 'b', 'c']),
            pick([200, 200, 200, 201, 404, 500, 503]),
            maybe(pick([100, 250.5, 999, 1000, 1000.25, 4000])),
            maybe(pick(['eu', 'us', 'ap', 'eu-west'])),
            random() < 0.02 ? `"${pick(PRIORITIES)}"` : pick(PRIORITIES),
            maybe(pick(['true', 'false', 'TRUE', 'No', 'yes', '1', '0'])),
            maybe(pick([100, 250.5, 1000, 4000])),
            // Responses up to three days later, some in another month than their request; some before their request:
            // invalid rows (an elapsed time is never negative), skipped by the typed readers and the general one alike.
            maybe(new Date(ms + pick([0, 1, 59_999, 60_000, 1_800_000, 7_200_000, 93_600_000, 259_200_000, -3_600_000]) + Math.floor(random() * 1000)).toISOString())
        ]);
    }
    return rows;
}

/**
 * `x op y` of two numeric fields or of one and a number (÷ 0 among them: missing on both paths), and now
 * and then of arithmetic again or of an elapsed time (`(latency + budget) * 1.5`, `worked / 1000`).
 */
function arithmetic(random: () => number, depth = 2): Expr {
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const op = pick(['+', '-', '*', '/'] as const);
    const other = pick([budget, status, num(0), num(0.1), num(1.5), num(1000)]);
    const value = depth > 0 && random() < 0.3 ? pick([arithmetic(random, depth - 1), worked, waited]) : latency;
    return random() < 0.7 ? bin(op, value, other) : bin(op, other, value);
}

/** One condition the direct path reads. */
function condition(random: () => number): Expr {
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    switch (Math.floor(random() * 15)) {
        case 14: {
            const limit = num(pick([0, 0.1, 0.5, 1, 1.5, 2]));
            const op = pick(['<', '<=', '>', '>='] as const);
            return random() < 0.7 ? bin(op, businessDays, limit) : bin(op, limit, businessDays);
        }
        case 13: return bin(pick(OPS), arithmetic(random), num(pick([0, 1, 500, 1000.5])));
        case 12: return random() < 0.5 ? bin(pick(OPS), worked, num(pick([0, 60_000, 1_800_000, 36_000_000]))) : bin(pick(OPS), num(1_800_000), worked);
        case 9: return bin(pick(OPS), latency, budget);
        case 10: return bin(pick(OPS), pick([responded, time]), pick([time, responded]));
        case 11: return random() < 0.5 ? bin(pick(OPS), waited, num(pick([0, 60_000, 1_800_000]))) : bin(pick(OPS), num(60_000), waited);
        case 0: return bin(pick(OPS), status, num(pick([200, 404, 500])));
        case 1: return bin(pick(OPS), num(pick([250.5, 1000])), latency);
        case 2: return bin(pick(OPS), latency, num(pick([100, 999, 1000.25])));
        case 3: return random() < 0.5 ? bin(pick(['=', '!='] as const), region, str(pick(['eu', 'us', 'nowhere']))) : bin(pick(['=', '!='] as const), str(pick(['ap', 'eu-west'])), region);
        case 4: return bin(pick(['=', '!='] as const), priority, str(pick(PRIORITIES)));
        case 5: return { type: 'in', value: pick([region, priority]), list: pick([[str('eu'), str('P1')], [str('us'), str('ap'), str('P3')], [str('P2')]]) };
        case 6: return { type: 'in', value: status, list: [num(500), num(503)] };
        case 7: return cached;
        default: return random() < 0.5 ? bin(pick(['=', '!='] as const), cached, { type: 'boolean', value: random() < 0.5 }) : bin('!=', { type: 'boolean', value: true }, cached);
    }
}

/** A filter of up to `depth` levels of and, or and not over conditions. */
function filter(random: () => number, depth: number): Expr {
    const draw = random();
    if (depth === 0 || draw < 0.3) return condition(random);
    if (draw < 0.45) return { type: 'not', operand: filter(random, depth - 1) };
    return bin(draw < 0.72 ? 'and' : 'or', filter(random, depth - 1), filter(random, depth - 1));
}

function model(path: string, kpis: Record<string, Expr>): AgreementModel {
    return kpiAgreement('requests', path, FIELDS, kpis, { scopeField: 'service', calendars: { desk: DESK } });
}

/** Each of `keys`' values per service and window. */
function valuesOf(report: Report, keys: readonly string[]): Record<string, Record<string, number | null>> {
    const all = valuesByScope(report, { window: true });
    return Object.fromEntries(keys.map((key) => [key, all[key]!]));
}

describe('the direct row path against the general path, on random filters', () => {
    for (const seed of [1, 2, 3]) {
        it(`gives the general path's values (seed ${seed}): counts, sums, means, percentiles and elapsed times under 10 random filters`, async () => {
            const random = seededRandom(seed * 7919);
            const path = writeCsv(tempDir(), 'requests.csv', HEADER, requests(random));
            const period = evaluationPeriod('Europe/Berlin', { from: '2026-03-01', to: '2026-04-30' }, { now: NOW });
            const kpis: Record<string, Expr> = {};
            while (Object.keys(kpis).length < 8 * 10) {
                const where = filter(random, 3);
                // Only filters the direct path takes (at most 16 alternatives once written as `or`s of `and`s).
                const plan = planAgreement(model(path, { Probe: count('requests', where) }), period, undefined);
                if (DirectRowPath.compile(plan.scans.get('requests')!) === undefined) continue;
                const k = Object.keys(kpis).length / 8;
                kpis[`Count${k}`] = count('requests', where);
                kpis[`Sum${k}`] = aggregate('sum', 'requests', latency, where);
                kpis[`Mean${k}`] = aggregate('avg', 'requests', latency, where);
                kpis[`P90${k}`] = percentile(90, 'requests', latency, where);
                kpis[`Waited${k}`] = aggregate('avg', 'requests', waited, where);
                kpis[`Worked${k}`] = aggregate('avg', 'requests', worked, where);
                kpis[`WorkedP90${k}`] = percentile(90, 'requests', worked, where);
                kpis[`Arithmetic${k}`] = aggregate('sum', 'requests', arithmetic(random), where);
            }
            const keys = Object.keys(kpis);
            const direct = model(path, kpis);
            // Arithmetic compared with a field in a filter: no direct path for the scan, every group the general way.
            const general = model(path, { ...kpis, Forced: count('requests', bin('>=', bin('*', status, num(1)), status)) });
            expect(DirectRowPath.compile(planAgreement(direct, period, undefined).scans.get('requests')!)).toBeDefined();
            expect(DirectRowPath.compile(planAgreement(general, period, undefined).scans.get('requests')!)).toBeUndefined();

            for (const twoThreads of [false, true]) {
                const options = { from: '2026-03-01', to: '2026-04-30', now: NOW, skipInvalid: true, ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 32 * 1024 } : { parallelMinBytes: Infinity }) };
                const before = recordsReadByKernel();
                const fastReport = await evaluateAgreement(direct, options);
                const fast = valuesOf(fastReport, keys);
                // Common records are read typed (until the misses, one in four records here, make the reader stop trying),
                // on this thread (with two threads, the part this one read).
                expect(recordsReadByKernel() - before).toBeGreaterThan(twoThreads ? 0 : 1_000);
                const slowReport = await evaluateAgreement(general, options);
                const slow = valuesOf(slowReport, keys);
                expect(fast).toEqual(slow);
                // The same rows rejected (responses before their request), read typed or as arrays.
                expect(fastReport.datasets[0]!.rejectedSamples).toEqual(slowReport.datasets[0]!.rejectedSamples);
                expect(fastReport.datasets[0]!.rejected).toBe(slowReport.datasets[0]!.rejected);
                expect(fastReport.datasets[0]!.rejected).toBeGreaterThan(100);
                // Not a comparison of empty tables: the filters took rows.
                const counted = Object.keys(fast).filter((key) => key.startsWith('Count')).reduce((sum, key) => sum + Object.values(fast[key]!).reduce<number>((s, v) => s + (v ?? 0), 0), 0);
                expect(counted).toBeGreaterThan(6_000);
            }
        }, 60_000);
    }
});
