import { describe, expect, it } from 'vitest';
import { mergePauses, timeOutsidePauses, workingDuration, type WorkingCalendar } from '../../src/index.js';

/**
 * Paused clocks (docs/language-reference.md § 8.6): the time of [from, to) outside the merged
 * pauses, wall-clock or working time. Every expected number is counted by hand below.
 */
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const wallClock = (from: number, to: number): number => to - from;
// Paris service desk: Monday to Friday 09:00–18:00, 1 May (a Friday in 2026) a holiday.
const support: WorkingCalendar = { zone: 'Europe/Paris', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }], holidays: ['2026-05-01'] };
const working = (from: number, to: number): number => workingDuration(support, from, to);

describe('mergePauses', () => {
    it('sorts and merges overlapping and touching pauses; an open pause (Infinity) swallows later ones', () => {
        expect(mergePauses([13, 15, 11, 14])).toEqual([11, 15]);
        expect(mergePauses([1, 2, 2, 3, 5, 6])).toEqual([1, 3, 5, 6]);
        expect(mergePauses([10, Infinity, 12, 14, 1, 2])).toEqual([1, 2, 10, Infinity]);
        expect(mergePauses([4, 5])).toEqual([4, 5]);
    });
});

describe('timeOutsidePauses', () => {
    it('wall-clock: overlapping pauses count once (11:00–14:00 and 13:00–15:00 are 4 h of an 8 h ticket)', () => {
        const pauses = mergePauses([at('2026-03-02T11:00:00+01:00'), at('2026-03-02T14:00:00+01:00'), at('2026-03-02T13:00:00+01:00'), at('2026-03-02T15:00:00+01:00')]);
        // 09:00–17:00 = 8 h, minus 11:00–15:00 = 4 h → 4 h.
        expect(timeOutsidePauses(at('2026-03-02T09:00:00+01:00'), at('2026-03-02T17:00:00+01:00'), pauses, wallClock)).toBe(4 * HOUR);
    });

    it('clips pauses to the ticket: a pause before it opens or after it is resolved stops nothing', () => {
        // Ticket 09:00–12:00; pauses 07:00–10:00 (counts 09:00–10:00) and 12:30–13:00 (after): 3 h − 1 h = 2 h.
        const pauses = [at('2026-03-02T07:00:00+01:00'), at('2026-03-02T10:00:00+01:00'), at('2026-03-02T12:30:00+01:00'), at('2026-03-02T13:00:00+01:00')];
        expect(timeOutsidePauses(at('2026-03-02T09:00:00+01:00'), at('2026-03-02T12:00:00+01:00'), pauses, wallClock)).toBe(2 * HOUR);
    });

    it('across the DST change (29 March 2026): working time and real wall-clock time', () => {
        // Ticket Friday 27 March 16:00 (+01:00) to Monday 30 March 12:00 (+02:00).
        const from = at('2026-03-27T16:00:00+01:00');
        const to = at('2026-03-30T12:00:00+02:00');
        // Paused Friday 17:00 to Monday 10:00.
        const pauses = [at('2026-03-27T17:00:00+01:00'), at('2026-03-30T10:00:00+02:00')];
        // Working: Friday 16–18 (2 h) + Monday 09–12 (3 h) = 5 h; paused working time Friday 17–18 + Monday 09–10 = 2 h → 3 h.
        expect(timeOutsidePauses(from, to, pauses, working)).toBe(3 * HOUR);
        // Wall-clock: 15:00Z Friday to 10:00Z Monday = 67 h; the pause 16:00Z to 08:00Z = 64 h → 3 h
        // (a clock that ignored the change would count 68 h for the ticket and 65 h for the pause).
        expect(timeOutsidePauses(from, to, undefined, wallClock)).toBe(67 * HOUR);
        expect(timeOutsidePauses(from, to, pauses, wallClock)).toBe(3 * HOUR);
    });

    it('a holiday on a weekday: the pause removes only working time (1 May 2026 is a Friday)', () => {
        // Ticket Thursday 30 April 17:00 to Monday 4 May 11:00: Thursday 17–18 (1 h) + Monday 09–11 (2 h) = 3 h.
        const from = at('2026-04-30T17:00:00+02:00');
        const to = at('2026-05-04T11:00:00+02:00');
        expect(working(from, to)).toBe(3 * HOUR);
        // Paused Thursday 17:30 to Monday 09:30: 0.5 h on Thursday + 0.5 h on Monday of working time → 2 h.
        expect(timeOutsidePauses(from, to, [at('2026-04-30T17:30:00+02:00'), at('2026-05-04T09:30:00+02:00')], working)).toBe(2 * HOUR);
    });

    it('an open pause (no end) lasts until the end measured', () => {
        // Ticket 09:00–17:00, paused from 15:00 without end: 09:00–15:00 = 6 h.
        const pauses = [at('2026-03-02T15:00:00+01:00'), Infinity];
        expect(timeOutsidePauses(at('2026-03-02T09:00:00+01:00'), at('2026-03-02T17:00:00+01:00'), pauses, wallClock)).toBe(6 * HOUR);
    });

    it('no pauses, or an end before the start: the plain measure', () => {
        expect(timeOutsidePauses(0, 10, undefined, wallClock)).toBe(10);
        expect(timeOutsidePauses(0, 10, [], wallClock)).toBe(10);
        expect(timeOutsidePauses(10, 0, [2, 4], wallClock)).toBe(-10);
    });
});
