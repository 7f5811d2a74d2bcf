import { describe, expect, it } from 'vitest';
import { contractYearOf, contractYearStarts, improvedTargets, type ImprovementInputs } from '../../src/evaluate/continuous-improvement.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { exactOf } from '../../src/evaluate/exact-value.js';
import { targetSchedule } from '../../src/evaluate/target-schedule.js';
import type { PlannedWindow } from '../../src/evaluate/window-plan.js';
import type { ComparisonOp, ContinuousImprovement } from '../../src/index.js';

/**
 * Continuous Improvement, the rule itself (docs/language-reference.md § 9.5), on made-up monthly
 * values: each contract year's target is the mean of the best N values of the year before, taken to
 * the written precision towards the lenient side, moved by at most the limit, never loosened.
 */
const ZONE = 'UTC';
const period = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2028-12-31' }, { now: Date.UTC(2030, 0, 1) });
const months = (year: number): PlannedWindow[] => Array.from({ length: 12 }, (_, month) => {
    const start = Date.UTC(year, month, 1);
    const end = Date.UTC(year, month + 1, 1);
    return { start, end, from: start, to: end, partial: false, firstSegment: 0, endSegment: 0 };
});
const windows = [...months(2026), ...months(2027), ...months(2028)];

/** Inputs whose values per month (`2026-01` → value) are given; a month not given has no value. */
function inputs(values: Record<string, number>, seen: number[] = []): ImprovementInputs {
    return {
        windows,
        measure: (window, _scope, target) => {
            seen.push(target);
            const value = values[new Date(window.start).toISOString().slice(0, 7)];
            return value === undefined ? null : { exact: exactOf(value), value };
        },
        format: (instant) => new Date(instant).toISOString()
    };
}

/** One value for each month of `year`, in order. */
const year = (y: number, values: number[]): Record<string, number> =>
    Object.fromEntries(values.map((value, month) => [`${y}-${String(month + 1).padStart(2, '0')}`, value]));

const starts = contractYearStarts(ZONE, period);
const targets = (comparison: ComparisonOp, target: number, improvement: ContinuousImprovement, values: Record<string, number>) =>
    improvedTargets({ comparison, improvement, kpiName: 'Availability' }, target, starts, period, inputs(values), undefined, 2);

// 2026: best six 99.95, 99.9, 99.9, 99.85, 99.8, 99.8 → mean 599.2 / 6 = 99.8666… %.
const YEAR_2026 = year(2026, [0.999, 0.998, 0.997, 0.9995, 0.996, 0.9985, 0.9975, 0.999, 0.9965, 0.998, 0.997, 0.9955]);
// 2027: 99.85 % every month but February (99.7 %): the best six average 99.85 %.
const YEAR_2027 = year(2027, [0.9985, 0.997, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985, 0.9985]);

describe('contract years', () => {
    it('run from the validity\'s first day to each anniversary', () => {
        expect(starts.map((start) => new Date(start).toISOString().slice(0, 10))).toEqual(['2026-01-01', '2027-01-01', '2028-01-01']);
        expect(contractYearOf(starts, Date.UTC(2026, 11, 31, 23))).toBe(0);
        expect(contractYearOf(starts, Date.UTC(2027, 0, 1))).toBe(1);
        expect(contractYearOf(starts, Date.UTC(2028, 5, 1))).toBe(2);
    });

    it('start at local midnight of the anniversary in the agreement\'s zone', () => {
        const tokyo = evaluationPeriod('Asia/Tokyo', { from: '2026-04-01', to: '2028-03-31' }, { now: Date.UTC(2030, 0, 1) });
        expect(contractYearStarts('Asia/Tokyo', tokyo).map((start) => new Date(start).toISOString())).toEqual(['2026-03-31T15:00:00.000Z', '2027-03-31T15:00:00.000Z']);
    });
});

describe('the target of each contract year', () => {
    it('is the mean of the best six, taken down to the written precision (0.1 %): 99.8666… % → 99.8 %', () => {
        const [second, third] = targets('>=', 0.995, { best: 6, step: 0.001 }, { ...YEAR_2026, ...YEAR_2027 });
        expect(second).toMatchObject({ from: '2027-01-01', previous: 0.995, target: 0.998, measured: 12, outcome: 'raised' });
        expect(second!.best.map((window) => window.value)).toEqual([0.9995, 0.999, 0.999, 0.9985, 0.998, 0.998]);
        expect(second!.best.map((window) => window.start.slice(0, 7))).toEqual(['2026-04', '2026-01', '2026-08', '2026-06', '2026-02', '2026-10']);
        expect(second!.mean).toBeCloseTo(0.998666666, 8);
        // 2027's best six average 99.85 %, taken down to 99.8 %: not stricter than 99.8 %, kept.
        expect(third).toMatchObject({ from: '2028-01-01', previous: 0.998, target: 0.998, outcome: 'not stricter' });
    });

    it('at a finer written precision (99.50 %) keeps the second decimal: 99.86 %', () => {
        const [second] = targets('>=', 0.995, { best: 6, step: 0.0001 }, YEAR_2026);
        expect(second!.target).toBe(0.9986);
    });

    it('moves by at most the limit: 99.5 % + 0.2 % = 99.7 % (capped), then 99.8 % (raised, within 0.2 %)', () => {
        const [second, third] = targets('>=', 0.995, { best: 6, step: 0.001, limit: 0.002 }, { ...YEAR_2026, ...YEAR_2027 });
        expect(second).toMatchObject({ target: 0.997, outcome: 'capped' });
        expect(third).toMatchObject({ previous: 0.997, target: 0.998, outcome: 'raised' });
    });

    it('is never loosened: a worse year keeps the target', () => {
        const [second] = targets('>=', 0.995, { best: 6, step: 0.001 }, year(2026, Array(12).fill(0.99)));
        expect(second).toMatchObject({ target: 0.995, outcome: 'not stricter' });
        expect(second!.mean).toBe(0.99);
    });

    it('stays when fewer windows than the mean needs had a value (no data is no measurement)', () => {
        const [second] = targets('>=', 0.995, { best: 6, step: 0.001 }, year(2026, [0.999, 0.999, 0.999, 0.999, 0.999]));
        expect(second).toMatchObject({ target: 0.995, measured: 5, outcome: 'too few windows', best: [], mean: null });
    });

    it('improves downwards for <= (the lowest values are the best), taken up to the precision', () => {
        // Outages per month: the six lowest 0, 0, 1, 1, 1, 1 average 0.666…, taken up to a whole outage: <= 1.
        const counts = year(2026, [2, 1, 3, 0, 2, 1, 1, 2, 0, 3, 1, 2]);
        const [second] = targets('<=', 3, { best: 6, step: 1 }, counts);
        expect(second).toMatchObject({ previous: 3, target: 1, outcome: 'raised' });
        const [capped] = targets('<=', 3, { best: 6, step: 1, limit: 1 }, counts);
        expect(capped).toMatchObject({ target: 2, outcome: 'capped' });
    });

    it('measures the windows of a year against that year\'s target', () => {
        const seen: number[] = [];
        improvedTargets({ comparison: '>=', improvement: { best: 6, step: 0.001 }, kpiName: 'Availability' }, 0.995, starts, period, inputs({ ...YEAR_2026, ...YEAR_2027 }, seen), undefined, 2);
        expect(seen).toEqual([...Array(12).fill(0.995), ...Array(12).fill(0.998)]);
    });

    it('for a year to come whose year before is not over: from the windows that are (December in progress left out), provisional', () => {
        const midDecember = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2028-12-31' }, { now: Date.UTC(2026, 11, 15) });
        const so = months(2026).map((window, index) => (index === 11 ? { ...window, to: midDecember.end, partial: true } : window));
        const values = { ...YEAR_2026, '2026-12': 1 }; // December so far at 100 %: not counted
        const [next] = improvedTargets({ comparison: '>=', improvement: { best: 6, step: 0.001 }, kpiName: 'Availability' }, 0.995, starts, midDecember, { ...inputs(values), windows: so }, undefined, 0, true);
        expect(next).toMatchObject({ from: '2027-01-01', target: 0.998, measured: 11, outcome: 'raised', provisional: true });
        // Without the preview, nothing: no window of 2027 is evaluated.
        expect(improvedTargets({ comparison: '>=', improvement: { best: 6, step: 0.001 }, kpiName: 'Availability' }, 0.995, starts, midDecember, { ...inputs(values), windows: so }, undefined, 0)).toEqual([]);
    });

    it('is refused when the evaluation period leaves out the year before', () => {
        const late = evaluationPeriod(ZONE, { from: '2026-03-01', to: '2027-12-31' }, { now: Date.UTC(2030, 0, 1) });
        expect(() => improvedTargets({ comparison: '>=', improvement: { best: 6, step: 0.001 }, kpiName: 'Availability' }, 0.995, starts, late, inputs(YEAR_2026), undefined, 1))
            .toThrow(/Availability's target from 2027-01-01 is computed from the windows of the contract year before, from 2026-01-01/);
    });

    it('is refused when a window of the year before is cut in two (the period starting on the 15th), and gives no preview from it', () => {
        // The windows before the period measured on their own (improvement-history.ts): March cut at the 15th in both.
        const cutAt = Date.UTC(2026, 2, 15);
        const cut = months(2026).flatMap((window, index) => (index === 2 ? [{ ...window, to: cutAt, partial: true }, { ...window, from: cutAt, partial: true }] : [window]));
        const rule = { comparison: '>=' as const, improvement: { best: 6, step: 0.001 }, kpiName: 'Availability' };
        expect(() => improvedTargets(rule, 0.995, starts, period, { ...inputs(YEAR_2026), windows: [...cut, ...months(2027)] }, undefined, 1))
            .toThrow("Availability's target from 2027-01-01 is computed from every window of the contract year before, and the evaluation period cuts the one from 2026-03-01: evaluate from that window's first day.");
        // Ending with 2026, the year to come is not previewed from a cut year.
        const to2026 = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2028-12-31' }, { now: Date.UTC(2027, 0, 1) });
        expect(improvedTargets(rule, 0.995, starts, to2026, { ...inputs(YEAR_2026), windows: cut }, undefined, 0, true)).toEqual([]);
        expect(improvedTargets(rule, 0.995, starts, to2026, inputs(YEAR_2026), undefined, 0, true).map((year) => [year.target, year.provisional])).toEqual([[0.998, undefined]]);
    });
});

describe('the schedule of an improved objective', () => {
    it('gives the first year the written target and later windows their year\'s', () => {
        const schedule = targetSchedule({ target: 0.995, comparison: '>=', kpiName: 'Availability', improvement: { best: 6, step: 0.001 } }, ZONE, period, inputs({ ...YEAR_2026, ...YEAR_2027 }));
        expect(schedule.stepped).toBe(true);
        expect(schedule.targetOf(windows[11]!)).toBe(0.995);
        expect(schedule.targetOf(windows[12]!)).toBe(0.998);
        expect(schedule.targetOf(windows[35]!)).toBe(0.998);
        expect(schedule.improvedTargets().map((entry) => entry.outcome)).toEqual(['raised', 'not stricter']);
    });

    it('needs the windows to compute from', () => {
        expect(() => targetSchedule({ target: 0.995, comparison: '>=', kpiName: 'Availability', improvement: { best: 6, step: 0.001 } }, ZONE, period)).toThrow(/its comparison and its windows are needed/);
    });
});
