import { describe, expect, it } from 'vitest';
import type { CreditTier } from '../../src/index.js';
import { mostSevereTier, tiersAgainstTarget } from '../../src/evaluate/credit-tier.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { targetSchedule } from '../../src/evaluate/target-schedule.js';
import type { PlannedWindow } from '../../src/evaluate/window-plan.js';

const window = (start: string, end: string): PlannedWindow => ({ start: Date.parse(start), end: Date.parse(end), from: Date.parse(start), to: Date.parse(end), partial: false, firstSegment: 0, endSegment: 0 });

describe('a promise over the term: which windows are judged, against which target', () => {
    // Berlin: 1 April 2026 starts at 2026-03-31T22:00Z (summer time), 1 January 2027 at 2026-12-31T23:00Z.
    const period = evaluationPeriod('Europe/Berlin', { from: '2026-01-15', to: '2027-12-31' }, { now: Date.UTC(2030, 0, 1) });
    const schedule = targetSchedule({ target: 0.995, inForceFrom: '2026-04-01', targetSteps: [{ from: '2027-01-01', target: 0.997 }, { from: '2027-07-01', target: 0.999 }] }, 'Europe/Berlin', period);

    it('judges a window from the local midnight of the in-force day on', () => {
        expect(schedule.judges(window('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'))).toBe(false);
        expect(schedule.judges(window('2026-03-31T22:00:00Z', '2026-04-30T22:00:00Z'))).toBe(true);
        // A rolling window that began the day before is not judged: it reads the transition period.
        expect(schedule.judges(window('2026-03-30T22:00:00Z', '2026-04-06T22:00:00Z'))).toBe(false);
    });

    it('gives each window the target of the last step on or before its start', () => {
        expect(schedule.targetOf(window('2026-11-30T23:00:00Z', '2026-12-31T23:00:00Z'))).toBe(0.995);
        expect(schedule.targetOf(window('2026-12-31T23:00:00Z', '2027-01-31T23:00:00Z'))).toBe(0.997);
        expect(schedule.targetOf(window('2027-06-30T22:00:00Z', '2027-07-31T22:00:00Z'))).toBe(0.999);
        expect(schedule.stepped).toBe(true);
    });

    it('places a window the validity cuts by the day the validity starts', () => {
        // January 2026 begins before the validity (15 January): judged as of 15 January, before April: not in force.
        expect(schedule.judges(window('2025-12-31T23:00:00Z', '2026-01-31T23:00:00Z'))).toBe(false);
        const always = targetSchedule({ target: 0.995, inForceFrom: '2026-01-15' }, 'Europe/Berlin', period);
        expect(always.judges(window('2025-12-31T23:00:00Z', '2026-01-31T23:00:00Z'))).toBe(true);
        expect(always.stepped).toBe(false);
    });
});

describe('a `missed` tier is bounded by the window\'s target', () => {
    const tiers: CreditTier[] = [
        { missed: true, amount: { kind: 'percentOfFee', percent: 5 }, label: 'missed' },
        { upper: { value: 0.99, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.0%' }
    ];

    it('>= target: a value equal to the target is met, one below it misses; the stricter tier still wins', () => {
        const against = tiersAgainstTarget(tiers, '>=', 0.997);
        expect(mostSevereTier(against, 0.997, true)).toBe(-1);
        expect(mostSevereTier(against, 0.9969, true)).toBe(0);
        expect(mostSevereTier(against, 0.985, true)).toBe(1);
        // The same value against a lower target of another window: met.
        expect(mostSevereTier(tiersAgainstTarget(tiers, '>=', 0.995), 0.9969, true)).toBe(-1);
    });

    it('> target: a value equal to the target misses', () => {
        expect(mostSevereTier(tiersAgainstTarget(tiers, '>', 0.997), 0.997, true)).toBe(0);
    });

    it('<= and < targets (high is bad): above misses; equal misses only under <', () => {
        const latency: CreditTier[] = [
            { missed: true, amount: { kind: 'money', amount: 100, currency: 'EUR' }, label: 'missed' },
            { lower: { value: 500, inclusive: false }, amount: { kind: 'money', amount: 250, currency: 'EUR' }, label: 'above 500 ms' }
        ];
        expect(mostSevereTier(tiersAgainstTarget(latency, '<=', 300), 300, false)).toBe(-1);
        expect(mostSevereTier(tiersAgainstTarget(latency, '<=', 300), 301, false)).toBe(0);
        expect(mostSevereTier(tiersAgainstTarget(latency, '<', 300), 300, false)).toBe(0);
        expect(mostSevereTier(tiersAgainstTarget(latency, '<=', 300), 650, false)).toBe(1);
    });

    it('leaves a table without `missed` as it is', () => {
        expect(tiersAgainstTarget(tiers.slice(1), '>=', 0.997)).toEqual(tiers.slice(1));
    });
});
