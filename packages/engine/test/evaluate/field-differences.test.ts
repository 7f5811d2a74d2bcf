/**
 * Differences of two fields on the direct row path: `elapsed(a, b)` of wall-clock time (b − a, as
 * a value or compared with a duration) and two numeric fields compared (`responded <= due`, read as
 * `responded − due <= 0`: the sign of a difference of doubles is that of the comparison). Each is
 * one more number per row (DirectRowPath's differences), in typed batches one more column. Before,
 * either sent the whole scan down the general reader. Values worked out by hand; the random
 * comparison with the general path is direct-path-differential.test.ts.
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
    it('is the path for elapsed(…) of wall-clock time and two numeric fields compared; not for working time or other forms', () => {
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
        // Not: working time of a calendar, business days, arithmetic, a text compared with a number field.
        expect(direct(aggregate('avg', 'tickets', { ...responseTime, calendar: 'office' } as Expr))).toBeUndefined();
        expect(direct(aggregate('avg', 'tickets', { ...responseTime, unit: 'businessDays', calendar: 'office' } as Expr))).toBeUndefined();
        expect(direct(count('tickets', bin('<=', bin('-', responded, opened), num(1))))).toBeUndefined();
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
});
