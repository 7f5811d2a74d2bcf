import { describe, expect, it } from 'vitest';
import { defaultAtRisk, defaultFacts, judgeDefaults, type DefaultFacts } from '../../src/evaluate/service-level-default.js';
import { exactOf } from '../../src/evaluate/exact-value.js';

/** A window's facts: `B` breached, `M` below the minimum (and breached), `-` neither; `?` after a letter: open rows could change it. */
function windows(pattern: string): DefaultFacts[] {
    return pattern.split(' ').map((word) => ({
        breached: word.startsWith('B') || word.startsWith('M'),
        breachedUndecided: word === 'B?' || word === '-?',
        belowMinimum: word.startsWith('M'),
        minimumUndecided: word === 'M?'
    }));
}

const defaults = (pattern: string, rule?: { breached: number; span?: number }): string =>
    judgeDefaults(windows(pattern), rule).map((judgement) => (judgement.default === 'below minimum' ? 'M' : judgement.default === 'repeated' ? 'R' : '-') + (judgement.undecided ? '?' : '')).join(' ');

describe('Service Level Defaults: which windows are defaults', () => {
    it('a window below the minimum is a default by itself, with no rule', () => {
        expect(defaults('B M - B')).toBe('- M - -');
    });

    it('3 of any 6: the window that makes the third missed window among the last six, and each missed one after while three remain', () => {
        // Jan B, Feb M, Mar -, Apr B (Jan, Feb, Apr), May -, Jun -, Jul B (Feb, Apr, Jul), Aug B (Apr, Jul, Aug).
        expect(defaults('B M - B - - B B', { breached: 3, span: 6 })).toBe('- M - R - - R R');
        // Any 5: July's five (Mar–Jul) hold April and July only.
        expect(defaults('B M - B - - B B', { breached: 3, span: 5 })).toBe('- M - R - - - R');
    });

    it('N consecutive windows: the window that ends a run of N', () => {
        expect(defaults('B B - B B B', { breached: 2 })).toBe('- R - - R R');
        // A met window is never a default, whatever the windows before it.
        expect(defaults('B B -', { breached: 1 })).toBe('R R -');
    });

    it('open rows that could change a counted window leave the default undecided, either way', () => {
        // April's default counts January, which open rows could turn met; January itself could be no
        // default (one window so far), nor March (met for sure).
        expect(defaults('B? M - B', { breached: 3, span: 6 })).toBe('- M - R?');
        // A window met now that open rows could breach: it could become the third.
        expect(defaults('B B -?', { breached: 3, span: 3 })).toBe('- - -?');
        // Below the minimum for sure: decided, whatever the rule's windows.
        expect(defaults('B? B? M', { breached: 3, span: 3 })).toBe('- - M');
        // Below the minimum now, not at an extreme of the open rows, and no rule: undecided.
        expect(defaults('M?')).toBe('M?');
    });
});

describe('Service Level Defaults: one more missed window is a default', () => {
    const risk = (pattern: string, rule: { breached: number; span?: number } | undefined, lastInProgress: boolean, moreAfter: boolean) =>
        defaultAtRisk(windows(pattern), judgeDefaults(windows(pattern), rule), rule, lastInProgress, moreAfter);

    it('the next window of the validity, when the windows the rule would count with it hold N − 1 missed ones', () => {
        // 3 of any 6, after Apr–Sep (Jul and Sep missed): October would be the third of May–Oct.
        expect(risk('- - - B - B', { breached: 3, span: 6 }, false, true)).toEqual({ index: 6, missed: 2 });
        // After Apr–Sep with only September missed: no.
        expect(risk('- - - - - B', { breached: 3, span: 6 }, false, true)).toBeUndefined();
        // Two missed, but the older one falls out of the next window's six: Mar–Aug with March missed, then August.
        expect(risk('B - - - - B', { breached: 3, span: 6 }, false, true)).toBeUndefined();
    });

    it('the window in progress counts the windows before it; already a default so far, it is reported as one, not at risk', () => {
        expect(risk('B -', { breached: 2 }, true, true)).toEqual({ index: 1, missed: 1 });
        expect(risk('B B', { breached: 2 }, true, true)).toBeUndefined();
    });

    it('no next window (the validity ends), no rule, or a rule of one window: nothing at risk', () => {
        expect(risk('B B', { breached: 3, span: 3 }, false, false)).toBeUndefined();
        expect(risk('M B', undefined, false, true)).toBeUndefined();
        expect(risk('B B', { breached: 1, span: 3 }, false, true)).toBeUndefined();
    });
});

describe('Service Level Defaults: the facts of a window, judged exactly', () => {
    const objective = { comparison: '>=' as const, unitKind: 'ratio' as const, minimum: 0.995 };

    it('exactly at the minimum is not below it; just under is', () => {
        expect(defaultFacts(objective, 0.999, exactOf(0.995), [])).toMatchObject({ breached: true, belowMinimum: false });
        expect(defaultFacts(objective, 0.999, exactOf(0.9949), [])).toMatchObject({ breached: true, belowMinimum: true });
    });

    it('no data shows no failure', () => {
        expect(defaultFacts(objective, 0.999, null, [])).toEqual({ breached: false, breachedUndecided: false, belowMinimum: false, minimumUndecided: false });
    });

    it('no data yet, with open rows whose extremes would miss: undecided, not a firm "no failure"', () => {
        // No decided row; the open ones ended now give 99.4 % (below the 99.5 % minimum), never 99.6 %.
        expect(defaultFacts(objective, 0.999, null, [exactOf(0.994), exactOf(0.996)])).toEqual({ breached: false, breachedUndecided: true, belowMinimum: false, minimumUndecided: true });
    });

    it('an extreme of the open rows across the minimum leaves it undecided, not the target it misses either way', () => {
        expect(defaultFacts(objective, 0.999, exactOf(0.996), [exactOf(0.994), exactOf(0.997)])).toEqual({ breached: true, breachedUndecided: false, belowMinimum: false, minimumUndecided: true });
    });

    it('for <= the minimum is the higher bound: 6 hours against at most 4 hours, minimum 8 hours', () => {
        const resolution = { comparison: '<=' as const, unitKind: 'duration' as const, minimum: 8 * 3_600_000 };
        expect(defaultFacts(resolution, 4 * 3_600_000, exactOf(6 * 3_600_000), [])).toMatchObject({ breached: true, belowMinimum: false });
        expect(defaultFacts(resolution, 4 * 3_600_000, exactOf(8 * 3_600_000 + 1), [])).toMatchObject({ breached: true, belowMinimum: true });
    });
});
