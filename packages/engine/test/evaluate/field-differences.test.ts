/**
 * Derived numbers on the direct row path: `elapsed(a, b)` of wall-clock time (b − a, as a value or
 * compared with a duration) or in a calendar's working time (`during C`), compared in business days
 * (the exact sign of business days − N), two numeric fields compared (`responded <= due`, read as
 * `responded − due <= 0`: the sign of a difference of doubles is that of the comparison), and
 * arithmetic, nested too. Each is one more number per row (DirectRowPath's differences), in typed
 * batches one more column. Before, each sent the whole scan down the general reader. Values worked
 * out by hand; the random comparison with the general path is direct-path-differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { DirectRowPath } from '../../src/evaluate/direct-row-path.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { aggregate, at, bin, count, field, MINUTE, num, percentile, ref, str, tempDir, writeCsv } from './fixtures.js';
import { kpiAgreement, valuesByScope } from './kpi-fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const FIELDS = [field('opened', 'timestamp'), field('team', 'text'), field('responded', 'timestamp'), field('due', 'timestamp', true), field('effort', 'duration', true), field('estimate', 'duration', true)];
const HEADER = ['opened', 'team', 'responded', 'due', 'effort', 'estimate'];

// March 2026 (UTC). Responses 10, 30, 45, 5, 90 and 30 minutes after opening; the due time 30 minutes after, except where missing.
const ROWS: (string | number)[][] = [
    ['2026-03-02T09:00:00.000Z', 'a', '2026-03-02T09:10:00.000Z', '2026-03-02T09:30:00.000Z', 60, 50],
    ['2026-03-02T10:00:00.000Z', 'a', '2026-03-02T10:30:00.000Z', '2026-03-02T10:30:00.000Z', 30, 30],
    ['2026-03-02T11:00:00.000Z', 'b', '2026-03-02T11:45:00.000Z', '2026-03-02T11:30:00.000Z', 20, 40.5],
    ['2026-03-02T12:00:00.000Z', 'b', '2026-03-02T12:05:00.000Z', '', 10, ''],
    ['2026-03-02T13:00:00.000Z', 'a', '2026-03-02T14:30:00.000Z', '2026-03-02T13:30:00.000Z', 100.25, 100.5],
    ['2026-03-02T14:00:00.000Z', 'b', '"2026-03-02T14:30:00.000Z"', '2026-03-02T14:30:00.000Z', '', 5]
];

const opened = ref('tickets', 'opened');
const responded = ref('tickets', 'responded');
const due = ref('tickets', 'due');
const effort = ref('tickets', 'effort');
const estimate = ref('tickets', 'estimate');
const responseTime: Expr = { type: 'elapsed', start: opened, end: responded };

function model(path: string, kpis: Record<string, Expr>, scopeField?: string): AgreementModel {
    return kpiAgreement('tickets', path, FIELDS, kpis, { scopeField, timezone: 'UTC', calendars: { office: { zone: 'UTC', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] } } });
}

async function values(kpis: Record<string, Expr>, scopeField?: string): Promise<Record<string, Record<string, number | null>>> {
    const path = writeCsv(tempDir(), 'tickets.csv', HEADER, ROWS);
    return valuesByScope(await evaluateAgreement(model(path, kpis, scopeField), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }));
}

describe('differences of two fields on the direct row path', () => {
    it('is the path for elapsed(…) of wall-clock and working time, business days compared, and two numeric fields compared; not for other forms', () => {
        const period = evaluationPeriod('UTC', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        const direct = (formula: Expr): DirectRowPath | undefined => {
            const scan = planAgreement(model('/nowhere.csv', { K: formula }), period, undefined).scans.get('tickets')!;
            return DirectRowPath.compile(scan);
        };
        expect(direct(aggregate('avg', 'tickets', responseTime))).toBeDefined();
        expect(direct(count('tickets', bin('<=', responseTime, num(30 * MINUTE, 'duration'))))).toBeDefined();
        expect(direct(count('tickets', bin('>', num(30 * MINUTE, 'duration'), responseTime)))).toBeDefined();
        expect(direct(count('tickets', bin('<=', responded, due)))).toBeDefined();
        expect(direct(count('tickets', bin('and', bin('>', effort, estimate), bin('=', ref('tickets', 'team'), str('a')))))).toBeDefined();
        expect(direct(aggregate('avg', 'tickets', { ...responseTime, calendar: 'office' } as Expr))).toBeDefined();
        expect(direct(count('tickets', bin('<=', { ...responseTime, calendar: 'office' } as Expr, num(30 * MINUTE, 'duration'))))).toBeDefined();
        // Arithmetic of two fields, or of a field and a number, as a value or in a filter.
        expect(direct(count('tickets', bin('<=', bin('-', responded, opened), num(1))))).toBeDefined();
        expect(direct(aggregate('sum', 'tickets', bin('/', effort, num(60_000))))).toBeDefined();
        expect(direct(aggregate('avg', 'tickets', bin('*', num(2), effort), bin('>', bin('+', effort, estimate), num(0))))).toBeDefined();
        // Nested: arithmetic of arithmetic, of elapsed(…) and of fields.
        expect(direct(aggregate('sum', 'tickets', bin('*', bin('+', effort, estimate), num(2))))).toBeDefined();
        expect(direct(count('tickets', bin('>', bin('/', { ...responseTime, calendar: 'office' } as Expr, num(60_000)), bin('-', estimate, effort))))).toBeUndefined();
        expect(direct(count('tickets', bin('>', bin('/', bin('-', estimate, effort), responseTime), num(1))))).toBeDefined();
        // Business days compared with a number, either way round.
        const businessDays = { ...responseTime, unit: 'businessDays', calendar: 'office' } as Expr;
        expect(direct(count('tickets', bin('<=', businessDays, num(2))))).toBeDefined();
        expect(direct(count('tickets', bin('>', num(0.5), businessDays)))).toBeDefined();
        // Not: business days as a value (the language allows them only compared: sla/unit-mismatch), or with pauses
        // excluded; a number with a number, a text compared with a number field, arithmetic compared with a field.
        expect(direct(aggregate('avg', 'tickets', businessDays))).toBeUndefined();
        // (The pause join must name a dataset of the model: the plan registers its pause index. Any will do here.)
        expect(direct(count('tickets', bin('<=', { ...businessDays, pauses: { dataset: 'tickets', key: 'team', rowKey: 'team', from: 'opened', to: 'due' } } as Expr, num(2))))).toBeUndefined();
        expect(direct(count('tickets', bin('>=', bin('*', effort, num(1)), estimate)))).toBeUndefined();
        expect(direct(count('tickets', bin('<=', bin('+', num(1), num(2)), effort)))).toBeUndefined();
        expect(direct(count('tickets', bin('=', ref('tickets', 'team'), effort)))).toBeUndefined();
    });

    it('measures and compares as the general path: b − a, a missing value in no comparison', async () => {
        // Response times 10, 30, 45, 5, 90, 30 minutes (the last row's response quoted: the general reader's, same value).
        expect(await values({
            Mean: aggregate('avg', 'tickets', responseTime),
            Max: aggregate('max', 'tickets', responseTime),
            Median: percentile(50, 'tickets', responseTime),
            // Within 30 minutes: 10, 30, 5, 30 → 4.
            OnTime: count('tickets', bin('<=', responseTime, num(30 * MINUTE, 'duration'))),
            // 30 minutes is more than: 10, 5 → 2 (written the other way round).
            Quick: count('tickets', bin('>', num(30 * MINUTE, 'duration'), responseTime)),
            // Responded by the due time: rows 1, 2 (equal), 6 (equal) → 3; row 4 has no due time, in neither.
            ByDue: count('tickets', bin('<=', responded, due)),
            Late: count('tickets', bin('>', responded, due)),
            // Effort over the estimate: 60 > 50, 100.25 < 100.5 (not), 20 < 40.5, 30 = 30 → 1; rows 4 and 6 miss one.
            Over: count('tickets', bin('>', effort, estimate)),
            AtMost: count('tickets', bin('<=', effort, estimate))
        })).toEqual({
            // (10 + 30 + 45 + 5 + 90 + 30) / 6 = 35 minutes.
            Mean: { '*': 35 * MINUTE },
            Max: { '*': 90 * MINUTE },
            // Sorted 5, 10, 30, 30, 45, 90: nearest rank 3 → 30 minutes.
            Median: { '*': 30 * MINUTE },
            OnTime: { '*': 4 },
            Quick: { '*': 2 },
            ByDue: { '*': 3 },
            Late: { '*': 2 },
            Over: { '*': 1 },
            AtMost: { '*': 3 }
        });
    });

    it('measures per scope, with filters, typed and by the batch', async () => {
        const before = recordsReadByKernel();
        // a: 10, 30, 90 minutes; b: 45, 5, 30.
        expect(await values({
            Mean: aggregate('avg', 'tickets', responseTime),
            // Late responses' mean (responded after due): a 90; b 45.
            LateMean: aggregate('avg', 'tickets', responseTime, bin('>', responded, due)),
            OnTimeOverEstimate: count('tickets', bin('and', bin('<=', responseTime, num(30 * MINUTE, 'duration')), bin('>', effort, estimate)))
        }, 'team')).toEqual({
            Mean: { a: (130 / 3) * MINUTE, b: (80 / 3) * MINUTE },
            LateMean: { a: 90 * MINUTE, b: 45 * MINUTE },
            // a: row 1 (10 min, 60 > 50) → 1; b: none.
            OnTimeOverEstimate: { a: 1, b: 0 }
        });
        // The common records (rows 1–3 and 5: no empty or quoted cell) were read typed.
        expect(recordsReadByKernel() - before).toBeGreaterThanOrEqual(4);
    });

    it('measures working time as the general path: the calendar hours between the two instants, a missing value in nothing', async () => {
        // Office hours Monday to Friday 08:00–18:00 UTC (model()); March 2026: the 2nd is a Monday.
        const rows: (string | number)[][] = [
            // Friday 17:00 → Monday 09:00: 60 + 60 = 120 working minutes (64 hours wall-clock).
            ['2026-03-06T17:00:00.000Z', 'a', '2026-03-09T09:00:00.000Z', '', 0, 0],
            // Monday 07:00 → 08:30, before the office opens: 30 minutes (90 wall-clock); due at 10:00, 120 working minutes after opening.
            ['2026-03-02T07:00:00.000Z', 'a', '2026-03-02T08:30:00.000Z', '2026-03-02T10:00:00.000Z', 0, 0],
            // Monday 11:00 → 12:00: 60 minutes (60 wall-clock). (Answered before it was opened, the row would be invalid: elapsed-order.test.ts.)
            ['2026-03-02T11:00:00.000Z', 'b', '2026-03-02T12:00:00.000Z', '', 0, 0],
            // Saturday 10:00 → 12:00: no working time (120 wall-clock); due on Monday at 08:30, 30 working minutes after opening.
            ['2026-03-07T10:00:00.000Z', 'b', '2026-03-07T12:00:00.000Z', '2026-03-09T08:30:00.000Z', 0, 0],
            // Tuesday 17:30 → Wednesday 08:15: 30 + 15 = 45 minutes (14 h 45 wall-clock).
            ['2026-03-03T17:30:00.000Z', 'a', '2026-03-04T08:15:00.000Z', '', 0, 0]
        ];
        const worked: Expr = { ...responseTime, calendar: 'office' } as Expr;
        const kpis = {
            Mean: aggregate('avg', 'tickets', worked),
            Max: aggregate('max', 'tickets', worked),
            Min: aggregate('min', 'tickets', worked),
            Median: percentile(50, 'tickets', worked),
            Within30: count('tickets', bin('<=', worked, num(30 * MINUTE, 'duration'))),
            // Both measures in one scan: two differences of the same fields.
            WallMean: aggregate('avg', 'tickets', responseTime),
            // To the due time (three open rows: judged apart, as on the general path).
            DueMean: aggregate('avg', 'tickets', { type: 'elapsed', start: opened, end: due, calendar: 'office' } as Expr),
            DueWithin60: count('tickets', bin('<=', { type: 'elapsed', start: opened, end: due, calendar: 'office' } as Expr, num(60 * MINUTE, 'duration')))
        };
        const path = writeCsv(tempDir(), 'tickets.csv', HEADER, rows);
        const options = { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity };
        const period = evaluationPeriod('UTC', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        expect(DirectRowPath.compile(planAgreement(model(path, kpis), period, undefined).scans.get('tickets')!)).toBeDefined();
        expect(valuesByScope(await evaluateAgreement(model(path, kpis), options))).toEqual({
            // (120 + 30 + 60 + 0 + 45) / 5 = 51 minutes.
            Mean: { '*': 51 * MINUTE },
            Max: { '*': 120 * MINUTE },
            Min: { '*': 0 },
            // Sorted 0, 30, 45, 60, 120: nearest rank 3 → 45 minutes.
            Median: { '*': 45 * MINUTE },
            // 0, 30 → 2.
            Within30: { '*': 2 },
            // (3840 + 90 + 60 + 120 + 885) / 5 = 999 minutes.
            WallMean: { '*': 999 * MINUTE },
            // (120 + 30) / 2 = 75 minutes; within an hour: the 30.
            DueMean: { '*': 75 * MINUTE },
            DueWithin60: { '*': 1 }
        });
        // From the due time, missing in three rows: those count in nothing (not open rows: the start is missing, not the
        // end; alone, as the elapsed times to the due time above would keep those rows apart as open). The two others were
        // responded to before their due time (08:30 before 10:00, Saturday 12:00 before Monday 08:30): from the due time
        // to the response would be negative, and such rows are invalid (skipped here): nothing is left to measure.
        const fromDue = { FromDueMean: aggregate('avg', 'tickets', { type: 'elapsed', start: due, end: responded, calendar: 'office' } as Expr) };
        expect(DirectRowPath.compile(planAgreement(model(path, fromDue), period, undefined).scans.get('tickets')!)).toBeDefined();
        const skipped = await evaluateAgreement(model(path, fromDue), { ...options, skipInvalid: true });
        expect(skipped.datasets[0]).toMatchObject({ rows: 3, rejected: 2 });
        expect(valuesByScope(skipped)).toEqual({ FromDueMean: { '*': null } });
        // Per team: a 120, 30, 45; b 60, 0.
        expect(valuesByScope(await evaluateAgreement(model(path, { Mean: kpis.Mean }, 'team'), options))).toEqual({ Mean: { a: (195 / 3) * MINUTE, b: 30 * MINUTE } });
    });

    it('compares business days as the general path: exactly, working days crossed plus the worked share of the first and last day', async () => {
        // Office hours Monday to Friday 08:00–18:00 UTC (model()): 10-hour days; 2 March 2026 is a Monday.
        const rows: (string | number)[][] = [
            // Monday 15:00 → Wednesday 15:00: exactly 2 business days.
            ['2026-03-02T15:00:00.000Z', 'a', '2026-03-04T15:00:00.000Z', '', 0, 0],
            // Friday 15:00 → Tuesday 15:00: exactly 2 (the weekend does not count).
            ['2026-03-06T15:00:00.000Z', 'a', '2026-03-10T15:00:00.000Z', '', 0, 0],
            // Friday 15:00 → Tuesday 15:01: 2 + 1/600, more than 2.
            ['2026-03-06T15:00:00.000Z', 'b', '2026-03-10T15:01:00.000Z', '', 0, 0],
            // Tuesday 10:00 → 15:00: exactly 0.5 (7/10 − 2/10, which floating point makes 0.49999999999999994).
            ['2026-03-03T10:00:00.000Z', 'b', '2026-03-03T15:00:00.000Z', '', 0, 0],
            // Saturday 10:00 → Tuesday 08:00: the clock starts on Monday 08:00: exactly 1.
            ['2026-03-07T10:00:00.000Z', 'a', '2026-03-10T08:00:00.000Z', '', 0, 0],
            // Wednesday 11:00 → 12:00: 0.1.
            ['2026-03-04T11:00:00.000Z', 'b', '2026-03-04T12:00:00.000Z', '', 0, 0]
        ];
        const businessDays = { ...responseTime, unit: 'businessDays', calendar: 'office' } as Expr;
        const kpis = {
            // 2, 2, 0.5, 1, 0.1 → 5 (not 2 + 1/600).
            Within2: count('tickets', bin('<=', businessDays, num(2))),
            Under2: count('tickets', bin('<', businessDays, num(2))),
            Over2: count('tickets', bin('>', businessDays, num(2))),
            // 2, 2, 2 + 1/600, 0.5 (exactly), 1 → 5.
            AtLeastHalf: count('tickets', bin('>=', businessDays, num(0.5))),
            // Written the other way round: 0.5 > business days → 0.1 alone.
            UnderHalf: count('tickets', bin('>', num(0.5), businessDays)),
            // A share, as contracts write it: within 1.5 business days of the team's tickets.
            Share: { type: 'share', dataset: 'tickets', part: bin('<=', businessDays, num(1.5)) } as Expr
        };
        const path = writeCsv(tempDir(), 'tickets.csv', HEADER, rows);
        const period = evaluationPeriod('UTC', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        expect(DirectRowPath.compile(planAgreement(model(path, kpis), period, undefined).scans.get('tickets')!)).toBeDefined();
        const options = { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity };
        expect(valuesByScope(await evaluateAgreement(model(path, kpis), options))).toEqual({
            Within2: { '*': 5 },
            Under2: { '*': 3 },
            Over2: { '*': 1 },
            AtLeastHalf: { '*': 5 },
            UnderHalf: { '*': 1 },
            // 0.5, 1 and 0.1 of six.
            Share: { '*': 0.5 }
        });
        // Per team: a 2, 2, 1 → all within 2; b 2 + 1/600, 0.5, 0.1 → two of three.
        expect(valuesByScope(await evaluateAgreement(model(path, { Within2: kpis.Within2 }, 'team'), options))).toEqual({ Within2: { a: 3, b: 2 } });
    });

    it('computes arithmetic values as the general path: exact decimal +, − and ×, ÷ by zero missing, a missing operand missing', async () => {
        // Effort and estimate (ms) of ROWS: 60/50, 30/30, 20/40.5, 10/–, 100.25/100.5, –/5.
        const kpis = {
            // 110 + 60 + 60.5 + 200.75 = 431.25 over the four rows with both (a missing operand: missing).
            Sum: aggregate('sum', 'tickets', bin('+', effort, estimate)),
            // 0.1 × each effort: 6 + 3 + 2 + 1 + 10.025 = 22.025 exactly (in doubles 0.1 × 100.25 is 10.025000000000002).
            Tenth: aggregate('sum', 'tickets', bin('*', num(0.1), effort)),
            // effort − estimate: 10, 0, −20.5, −0.25 → max 10, min −20.5.
            Most: aggregate('max', 'tickets', bin('-', effort, estimate)),
            Least: aggregate('min', 'tickets', bin('-', effort, estimate)),
            // ÷ 2: 30, 15, 10, 5, 50.125.
            Half: aggregate('max', 'tickets', bin('/', effort, num(2))),
            // A field and a number in a filter: effort × 1.1 > 60 → 66 (60) and 110.275 (100.25) → 2.
            Over: count('tickets', bin('>', bin('*', effort, num(1.1)), num(60)))
        };
        const path = writeCsv(tempDir(), 'tickets.csv', HEADER, ROWS);
        const period = evaluationPeriod('UTC', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        expect(DirectRowPath.compile(planAgreement(model(path, kpis), period, undefined).scans.get('tickets')!)).toBeDefined();
        expect(valuesByScope(await evaluateAgreement(model(path, kpis), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }))).toEqual({
            Sum: { '*': 431.25 },
            Tenth: { '*': 22.025 },
            Most: { '*': 10 },
            Least: { '*': -20.5 },
            Half: { '*': 50.125 },
            Over: { '*': 2 }
        });
        // Nested, computed inner first as the general path does: (effort + estimate) × 2 = 862.5 over the four rows with both;
        // response times (10, 30, 45, 5, 90, 30 minutes) in minutes; (effort − estimate) ÷ (effort + estimate): 10/110, 0/60,
        // −20.5/60.5, −0.25/200.75 → largest 10/110; ÷ (effort − estimate) is ÷ 0 in row 2: missing there, so the row counts in nothing.
        const nested = {
            Doubled: aggregate('sum', 'tickets', bin('*', bin('+', effort, estimate), num(2))),
            Minutes: aggregate('avg', 'tickets', bin('/', responseTime, num(60_000))),
            Ratio: aggregate('max', 'tickets', bin('/', bin('-', effort, estimate), bin('+', effort, estimate))),
            // 110/10 = 11, 60/0 missing, 60.5/−20.5 < 0, 200.75/−0.25 < 0: 11 alone is above 1.
            Inverse: count('tickets', bin('>', bin('/', bin('+', effort, estimate), bin('-', effort, estimate)), num(1))),
            // The same inner value twice in one scan: (effort + estimate) − 10 >= 100 → 100 (of 110) and 190.75 → 2.
            Shifted: count('tickets', bin('>=', bin('-', bin('+', effort, estimate), num(10)), num(100)))
        };
        expect(DirectRowPath.compile(planAgreement(model(path, nested), period, undefined).scans.get('tickets')!)).toBeDefined();
        expect(valuesByScope(await evaluateAgreement(model(path, nested), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }))).toEqual({
            Doubled: { '*': 862.5 },
            Minutes: { '*': 35 },
            Ratio: { '*': 10 / 110 },
            Inverse: { '*': 1 },
            Shifted: { '*': 2 }
        });
        // ÷ by zero (a field ÷ the number 0): no value in any row (the general path's null), so no mean.
        const byZero = { Mean: aggregate('avg', 'tickets', bin('/', effort, num(0))) };
        expect(DirectRowPath.compile(planAgreement(model(path, byZero), period, undefined).scans.get('tickets')!)).toBeDefined();
        expect(valuesByScope(await evaluateAgreement(model(path, byZero), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }))).toEqual({ Mean: { '*': null } });
    });
});
