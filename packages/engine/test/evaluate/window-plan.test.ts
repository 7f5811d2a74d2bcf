import { describe, expect, it } from 'vitest';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { planWindows, segmentLocator } from '../../src/evaluate/window-plan.js';
import { at, DAY, MINUTE, seededRandom } from './fixtures.js';

const ZONE = 'Europe/Berlin';

describe('window plans', () => {
    it('cuts calendar months in the agreement zone, with real DST lengths', () => {
        const period = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2026-12-31' }, { now: at('2027-06-01T00:00:00Z') });
        const plan = planWindows(ZONE, { kind: 'calendar', unit: 'month' }, period);
        expect(plan.windows).toHaveLength(12);
        const minutes = plan.windows.map((w) => (w.end - w.start) / MINUTE);
        // March: 31 days − 1 h (spring forward) = 44,580 min; October: 31 days + 1 h = 44,700 min.
        expect(minutes[2]).toBe(44_580);
        expect(minutes[9]).toBe(44_700);
        expect(minutes[3]).toBe(30 * 1440);
        expect(plan.windows.every((w) => !w.partial)).toBe(true);
    });

    it('measures rolling windows in real elapsed time, ending at local midnights', () => {
        const period = evaluationPeriod(ZONE, { from: '2026-03-25', to: '2026-03-31' }, { now: at('2027-06-01T00:00:00Z') });
        const plan = planWindows(ZONE, { kind: 'rolling', lengthMs: 7 * DAY, label: '7 days' }, period);
        // Ends: midnights 26 March … 1 April (7 windows).
        expect(plan.windows).toHaveLength(7);
        const afterSwitch = plan.windows.find((w) => w.end === at('2026-03-30T00:00:00+02:00'))!;
        // 7 × 24 h before 30 March 00:00 (+02:00) is 22 March 23:00 (+01:00): the spring-forward hour is not a gap.
        expect(afterSwitch.start).toBe(at('2026-03-22T23:00:00+01:00'));
        expect(afterSwitch.partial).toBe(true); // starts before 25 March
        expect(afterSwitch.from).toBe(at('2026-03-25T00:00:00+01:00'));
        // Each window is a run of segments; a row is located in one segment.
        const locate = segmentLocator(plan);
        const segment = locate(at('2026-03-29T12:00:00+02:00'));
        expect(segment).toBeGreaterThanOrEqual(afterSwitch.firstSegment);
        expect(segment).toBeLessThan(afterSwitch.endSegment);
        expect(locate(at('2026-03-24T23:59:59+01:00'))).toBe(-1); // before the period
        expect(locate(at('2026-04-01T00:00:00+02:00'))).toBe(-1); // after the last window end
    });

    it('narrows the period to from/to and ends it at now', () => {
        const period = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2026-12-31' }, { from: '2026-03-01', to: '2026-03-31', now: at('2026-03-15T12:00:00+01:00') });
        expect(period.start).toBe(at('2026-03-01T00:00:00+01:00'));
        expect(period.end).toBe(at('2026-03-15T12:00:00+01:00'));
        expect(period.validityEnd).toBe(at('2027-01-01T00:00:00+01:00'));
    });
});

describe('segment locator', () => {
    const period = evaluationPeriod(ZONE, { from: '2026-01-01', to: '2026-12-31' }, { now: at('2027-06-01T00:00:00Z') });
    const plan = planWindows(ZONE, { kind: 'calendar', unit: 'month' }, period);
    const bounds = Array.from(plan.boundaries);

    /** The segment by definition: the last boundary ≤ t, -1 outside [first, last boundary). */
    const bySearch = (t: number): number => (Number.isNaN(t) || t < bounds[0]! || t >= bounds.at(-1)! ? -1 : bounds.findLastIndex((b) => b <= t));

    it('places a row exactly at a boundary in the segment it starts, a millisecond before in the one before, whatever was located last', () => {
        const locate = segmentLocator(plan);
        expect(locate(at('2026-03-15T12:00:00+01:00'))).toBe(2); // March: the cache holds [1 March, 1 April)
        expect(locate(bounds[3]!)).toBe(3); // 1 April 00:00: April, not the cached March
        expect(locate(bounds[3]! - 1)).toBe(2); // back in March
        expect(locate(bounds[2]!)).toBe(2); // March's own start, from the cache
        expect(locate(bounds[2]! - 1)).toBe(1);
        expect(locate(bounds[0]!)).toBe(0);
        expect(locate(bounds[0]! - 1)).toBe(-1); // before the period, with January cached
        expect(locate(bounds.at(-1)!)).toBe(-1); // the end of the last window
        expect(locate(bounds.at(-1)! - 1)).toBe(11);
        expect(locate(NaN)).toBe(-1);
        expect(locate(bounds.at(-1)! - 1)).toBe(11);
    });

    it('gives the segment a search gives for rows in and out of time order', () => {
        const locate = segmentLocator(plan);
        const random = seededRandom(11);
        const span = bounds.at(-1)! - bounds[0]!;
        const times: number[] = [];
        for (let i = 0; i < 2000; i++) times.push(bounds[0]! - 86_400_000 + Math.floor((i / 2000) * (span + 2 * 86_400_000))); // in order, past both ends
        for (let i = 0; i < 2000; i++) times.push(bounds[0]! - 86_400_000 + Math.floor(random() * (span + 2 * 86_400_000))); // in any order
        for (const b of bounds) times.push(b, b - 1, b + 1);
        for (const t of times) expect(locate(t)).toBe(bySearch(t));
    });

    it('locates nothing in a plan without windows', () => {
        const empty = planWindows(ZONE, { kind: 'calendar', unit: 'month' }, { ...period, end: period.start });
        const locate = segmentLocator(empty);
        expect(locate(period.start)).toBe(-1);
        expect(locate(NaN)).toBe(-1);
    });
});
