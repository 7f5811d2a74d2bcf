import { describe, expect, it } from 'vitest';
import { type WorkingCalendar, type MaintenanceSchedule, businessDaysBetween, eligibleMs, localToInstant, workingDuration, workingIntervals } from '../../src/time/index.js';

const PARIS = 'Europe/Paris';
const MINUTE = 60_000;
const local = (y: number, m: number, d: number, h = 0, mi = 0) => localToInstant(PARIS, y, m, d, h, mi);
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

/** Monday to Friday 09:00–18:00, French public holidays, 24 December from 12:00. */
const parisHours: WorkingCalendar = {
    zone: PARIS,
    rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 18 * 60 }],
    holidays: [],
    holidaySets: [{ region: 'FR' }],
    earlyClosings: [{ date: '12-24', fromMinute: 12 * 60 }]
};

describe('holiday sets in working calendars', () => {
    it('May 2026: 21 weekdays, four of them French holidays (1, 8, 14 and 25 May): 17 × 9 h', () => {
        // 1 May 2026 is a Friday: weekdays 1, 4–8, 11–15, 18–22, 25–29 = 21.
        expect(workingDuration(parisHours, local(2026, 5, 1), local(2026, 6, 1)) / MINUTE).toBe(17 * 9 * 60);
    });

    it('a holiday on a weekday is no working time: Thursday 14 May 2026 (Ascension)', () => {
        expect(workingIntervals(parisHours, local(2026, 5, 14), local(2026, 5, 15))).toEqual([]);
        // Wednesday 13 May 17:00 → Friday 15 May 10:00: 1 h + 0 + 1 h
        expect(workingDuration(parisHours, local(2026, 5, 13, 17), local(2026, 5, 15, 10)) / MINUTE).toBe(120);
        // and one business day from Wednesday 17:00 to Friday 17:00, not two
        expect(businessDaysBetween(parisHours, local(2026, 5, 13, 17), local(2026, 5, 15, 17))).toBe(1);
    });

    it('a removal makes the day a working day again', () => {
        const without8May: WorkingCalendar = { ...parisHours, holidaySets: [{ region: 'FR', removed: [{ monthDay: '05-08' }] }] };
        expect(workingDuration(without8May, local(2026, 5, 1), local(2026, 6, 1)) / MINUTE).toBe(18 * 9 * 60);
    });

    it('the sets are computed for every year: Ascension 2027 is Thursday 6 May', () => {
        expect(workingDuration(parisHours, local(2027, 5, 6), local(2027, 5, 7))).toBe(0);
        expect(workingDuration(parisHours, local(2027, 5, 13), local(2027, 5, 14)) / MINUTE).toBe(540);
    });
});

describe('half days', () => {
    it('24 December from 12:00 ends the working day at noon, every year', () => {
        // Thursday 24 December 2026: 09:00–12:00 CET = 08:00Z–11:00Z
        expect(workingIntervals(parisHours, local(2026, 12, 24), local(2026, 12, 25))).toEqual([[utc(2026, 12, 24, 8), utc(2026, 12, 24, 11)]]);
        // Friday 24 December 2027 too
        expect(workingDuration(parisHours, local(2027, 12, 24), local(2027, 12, 25)) / MINUTE).toBe(180);
    });

    it('December 2026: 23 weekdays, Christmas (Friday 25) off and the 24th a half day: 21 × 9 h + 3 h', () => {
        // 1 December 2026 is a Tuesday: weekdays 1–4, 7–11, 14–18, 21–25, 28–31 = 23.
        expect(workingDuration(parisHours, local(2026, 12, 1), local(2027, 1, 1)) / MINUTE).toBe((21 * 9 + 3) * 60);
    });

    it('a half day still counts as one business day', () => {
        // Wednesday 23 December 2026 12:00 → Monday 28 December 12:00: the clock passes Wednesday and
        // Thursday (a half day, still one business day; Friday 25 is off) = 2, plus 3/9 of Monday
        // minus the 3/9 of Wednesday already worked at 12:00 = 2 business days.
        expect(businessDaysBetween(parisHours, local(2026, 12, 23, 12), local(2026, 12, 28, 12))).toBeCloseTo(2, 12);
    });

    it('a day off wins over a half day on the same date; the earlier of two closing times counts', () => {
        const both: WorkingCalendar = { ...parisHours, holidays: ['2026-12-24'], earlyClosings: [{ date: '12-24', fromMinute: 720 }, { date: '2026-12-31', fromMinute: 900 }, { date: '12-31', fromMinute: 660 }] };
        expect(workingDuration(both, local(2026, 12, 24), local(2026, 12, 25))).toBe(0);
        expect(workingDuration(both, local(2026, 12, 31), local(2027, 1, 1)) / MINUTE).toBe(120);
    });
});

describe('eligible time with maintenance by rule in a DST month', () => {
    it('March 2026 in Paris minus the first Sunday 02:00–06:00: 44,580 − 240 minutes', () => {
        // 31 days × 1,440 minutes − 60 (spring forward on the 29th) = 44,580; 1 March is the first Sunday.
        const firstSunday: MaintenanceSchedule = { recurring: [], oneOff: [], byRule: [{ kind: 'nth-weekday', ordinal: 1, weekday: 7, period: 'month', startMinute: 120, endMinute: 360 }] };
        expect(eligibleMs({ excluding: [firstSunday] }, PARIS, local(2026, 3, 1), local(2026, 4, 1)) / MINUTE).toBe(44_340);
    });
});
