import { describe, expect, it } from 'vitest';
import { exactRatio } from '../../src/evaluate/exact-value.js';
import { judgeSmallVolume, smallVolumeDefaultFacts } from '../../src/evaluate/small-volume.js';

/** `with at least 20 incidents, else at most 1 failing` on a share judged by `>=` (resolved in time) or `<=` (late). */
const rule = { minimumRows: 20, smallVolumeAllowed: 1 };

describe('the small-volume rule (judgeSmallVolume)', () => {
    it('10 incidents, 9 in time (9/10): 10 − 9 = 1 failing, at most 1 allowed: met', () => {
        expect(judgeSmallVolume(rule, '>=', { rows: 10, exact: exactRatio(9, 10), pending: 0 }))
            .toEqual({ status: 'met', provisional: false, facts: { rows: 10, minimum: 20, failing: 1, allowed: 1 } });
    });

    it('an error share counts its part: 2 late of 10 (1/5, reduced) is 1/5 × 10 = 2 failing: breached', () => {
        expect(judgeSmallVolume(rule, '<=', { rows: 10, exact: exactRatio(1, 5), pending: 0 })).toMatchObject({ status: 'breached', facts: { failing: 2 } });
    });

    it('one open incident still pending could fail too (1 + 1 > 1): the met window is provisional', () => {
        expect(judgeSmallVolume(rule, '>=', { rows: 10, exact: exactRatio(9, 10), pending: 1 })).toMatchObject({ status: 'met', provisional: true });
    });

    it('pending rows that could bring the window to 20 rows (19 + 1) leave it to the target: provisional even when breached', () => {
        expect(judgeSmallVolume(rule, '>=', { rows: 19, exact: exactRatio(17, 19), pending: 1 })).toMatchObject({ status: 'breached', provisional: true });
    });

    it('does not decide without rows, at the minimum, or without the rule', () => {
        expect(judgeSmallVolume(rule, '>=', { rows: 0, exact: null, pending: 0 })).toBeUndefined();
        expect(judgeSmallVolume(rule, '>=', { rows: 20, exact: exactRatio(19, 20), pending: 0 })).toBeUndefined();
        expect(judgeSmallVolume({ minimumRows: 20 }, '>=', { rows: 10, exact: exactRatio(9, 10), pending: 0 })).toBeUndefined();
    });

    it('for Service Level Defaults a met window is met at the minimum level too; a breached one is below it when its value is', () => {
        const objective = { comparison: '>=' as const, unitKind: 'ratio' as const, minimum: 0.85 };
        const met = judgeSmallVolume(rule, '>=', { rows: 10, exact: exactRatio(9, 10), pending: 0 })!;
        expect(smallVolumeDefaultFacts(objective, met, exactRatio(9, 10))).toEqual({ breached: false, breachedUndecided: false, belowMinimum: false, minimumUndecided: false });
        // 8/10 = 80 % < 85 %: below the minimum.
        const breached = judgeSmallVolume(rule, '>=', { rows: 10, exact: exactRatio(8, 10), pending: 0 })!;
        expect(smallVolumeDefaultFacts(objective, breached, exactRatio(8, 10))).toEqual({ breached: true, breachedUndecided: false, belowMinimum: true, minimumUndecided: false });
    });
});
