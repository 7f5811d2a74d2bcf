import { describe, expect, it } from 'vitest';
import { type WorkingCalendar, businessDayComparisonIn, businessDaysBetween, compareBusinessDays, localToInstant, workingDuration } from '../../src/time/index.js';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const local = (y: number, m: number, d: number, h = 0, mi = 0) => localToInstant(BERLIN, y, m, d, h, mi);

// 2 March 2026 is a Monday.
const officeHours: WorkingCalendar = { zone: BERLIN, rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 18 * 60 }], holidays: [] };
// Monday–Thursday 08:00–18:00 (10 h), Friday 08:00–14:00 (6 h).
const shortFriday: WorkingCalendar = {
    zone: BERLIN,
    rules: [{ weekdays: [1, 2, 3, 4], startMinute: 8 * 60, endMinute: 18 * 60 }, { weekdays: [5], startMinute: 8 * 60, endMinute: 14 * 60 }],
    holidays: []
};

describe('business days: working days crossed plus the worked share of the first and last day', () => {
    it('Monday 15:00 to Wednesday 15:00 is 2 business days; Friday 15:00 to Tuesday 15:00 too', () => {
        // Mon at 7/10 of its hours, Wed at 7/10 two working days later: 2 + 0.7 − 0.7 = 2.
        expect(businessDaysBetween(officeHours, local(2026, 3, 2, 15), local(2026, 3, 4, 15))).toBe(2);
        expect(compareBusinessDays(officeHours, local(2026, 3, 2, 15), local(2026, 3, 4, 15), 2)).toBe(0);
        // Fri 0.7 → (Fri, Mon crossed) → Tue 0.7: the weekend does not count.
        expect(compareBusinessDays(officeHours, local(2026, 3, 6, 15), local(2026, 3, 10, 15), 2)).toBe(0);
        // One minute later is more than 2 business days.
        expect(compareBusinessDays(officeHours, local(2026, 3, 6, 15), local(2026, 3, 10, 15, 1), 2)).toBe(1);
    });

    it('a ticket opened on Saturday starts on Monday 08:00: 1 business day ends on Tuesday 08:00', () => {
        // Sat: Friday is crossed, nothing of Saturday works (position: 1 day after Friday's start);
        // Tue 08:00: Fri and Mon crossed, 0 of Tuesday → 1 business day.
        expect(businessDaysBetween(officeHours, local(2026, 3, 7, 10), local(2026, 3, 10, 8))).toBe(1);
        // Monday 18:00 is the same place on the clock as Tuesday 08:00.
        expect(businessDaysBetween(officeHours, local(2026, 3, 7, 10), local(2026, 3, 9, 18))).toBe(1);
    });

    it('holidays are not working days', () => {
        // Good Friday 3 April and Easter Monday 6 April 2026: Thu 15:00 → Tue 15:00 crosses only Thursday.
        const easter: WorkingCalendar = { ...officeHours, holidays: ['2026-04-03', '2026-04-06'] };
        expect(businessDaysBetween(easter, local(2026, 4, 2, 15), local(2026, 4, 7, 15))).toBe(1);
        expect(businessDaysBetween(officeHours, local(2026, 4, 2, 15), local(2026, 4, 7, 15))).toBe(3);
    });

    it('every working day counts 1, whatever its length', () => {
        // Thu 13:00 is 5 of 10 h, Fri 11:00 is 3 of 6 h: 1 + 0.5 − 0.5 = 1 business day,
        // though only 5 + 3 = 8 working hours lie between them.
        expect(businessDaysBetween(shortFriday, local(2026, 3, 5, 13), local(2026, 3, 6, 11))).toBe(1);
        expect(workingDuration(shortFriday, local(2026, 3, 5, 13), local(2026, 3, 6, 11))).toBe(8 * HOUR);
        // Fri 11:00 (0.5) → Mon 13:00 (0.5): 1 business day.
        expect(compareBusinessDays(shortFriday, local(2026, 3, 6, 11), local(2026, 3, 9, 13), 1)).toBe(0);
    });

    it('compares exactly where floating point would not: 10:00 to 15:00 is exactly half a day of 08:00–18:00', () => {
        // 0.7 − 0.2 in floating point is 0.49999999999999994, below 0.5.
        expect(businessDaysBetween(officeHours, local(2026, 3, 2, 10), local(2026, 3, 2, 15))).toBeLessThan(0.5);
        expect(compareBusinessDays(officeHours, local(2026, 3, 2, 10), local(2026, 3, 2, 15), 0.5)).toBe(0);
        expect(compareBusinessDays(officeHours, local(2026, 3, 2, 10), local(2026, 3, 2, 15), 1.5)).toBe(-1);
    });

    it('an end before the start gives a negative count', () => {
        expect(businessDaysBetween(officeHours, local(2026, 3, 4, 15), local(2026, 3, 2, 15))).toBe(-2);
        expect(compareBusinessDays(officeHours, local(2026, 3, 4, 15), local(2026, 3, 2, 15), 0)).toBe(-1);
    });
});

describe('working time across a re-based index', () => {
    it('a span starting long before every earlier row is summed on one scale', () => {
        // A calendar of its own (the index is shared by equal calendars), first used in 2026.
        const calendar: WorkingCalendar = { ...officeHours, holidays: ['1999-01-01'] };
        expect(workingDuration(calendar, local(2026, 3, 2, 8), local(2026, 3, 2, 10))).toBe(2 * HOUR);
        // Mon 4 March 2024 08:00 → Mon 2 March 2026 10:00: 728 days = 104 weeks of 5 × 10 h, plus 2 h.
        expect(workingDuration(calendar, local(2024, 3, 4, 8), local(2026, 3, 2, 10))).toBe((104 * 50 + 2) * HOUR);
        // The same on the business-day clock: 104 × 5 working days plus 0.2 of Monday.
        const businessCalendar: WorkingCalendar = { ...officeHours, holidays: ['1999-01-02'] };
        expect(businessDaysBetween(businessCalendar, local(2026, 3, 2, 8), local(2026, 3, 2, 13))).toBe(0.5);
        expect(compareBusinessDays(businessCalendar, local(2024, 3, 4, 8), local(2026, 3, 2, 10), 520.2)).toBe(0);
    });
});

describe('a comparison bound to one calendar and one limit (businessDayComparisonIn)', () => {
    // Tickets whose business days are known exactly by construction: opened on a working day at 08:00 + m1 minutes,
    // answered k working days later at 08:00 + m2 (10-hour days, 0 <= m1, m2 < 600): k + (m2 − m1) / 600 business
    // days, a decimal of at most three places when m2 − m1 is a multiple of 3. Berlin: spans cross DST changes.
    const MINUTE = 60_000;
    const workingDayAfter = (year: number, month: number, day: number, k: number): [number, number, number] => {
        const date = new Date(Date.UTC(year, month - 1, day));
        for (let left = k; left > 0; ) {
            date.setUTCDate(date.getUTCDate() + 1);
            if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left--;
        }
        return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    };
    const cases: Array<{ opened: number; answered: number; thousandths: number; atOpening: boolean }> = [];
    // Starting days: Monday 2 March, Friday 20 March (before the spring change), Thursday 22 October 2026 (before the autumn one).
    for (const [year, month, day] of [[2026, 3, 2], [2026, 3, 20], [2026, 10, 22]] as const) {
        for (const k of [0, 1, 2, 5, 23, 130, 401]) {
            for (const [m1, m2] of [[0, 0], [120, 420], [597, 3], [300, 300], [3, 597], [420, 120]]) {
                if (k === 0 && m2 < m1) continue; // answered before it was opened: a negative count, below
                const opened = local(year, month, day, 8, m1);
                const [y, m, d] = workingDayAfter(year, month, day, k);
                cases.push({ opened, answered: local(y, m, d, 8, m2), thousandths: k * 1000 + ((m2 - m1) / 3) * 5, atOpening: m2 === 0 });
            }
        }
    }
    cases.push({ opened: local(2026, 3, 4, 15), answered: local(2026, 3, 4, 12), thousandths: -300, atOpening: false });

    it('is exactly the sign of business days − N: 0 at the limit, either side of it one millisecond or 0.001 day off', () => {
        for (const { opened, answered, thousandths, atOpening } of cases) {
            const limit = thousandths / 1000; // the double nearest the decimal, as written in a formula
            const compare = businessDayComparisonIn(officeHours, limit);
            expect([thousandths, compare(opened, answered)]).toEqual([thousandths, 0]);
            expect(compare(opened, answered + 1)).toBe(1);
            // A millisecond before 08:00 is the same place on the clock as 08:00 (no working time between).
            expect(compare(opened, answered - 1)).toBe(atOpening ? 0 : -1);
            expect(businessDayComparisonIn(officeHours, (thousandths + 1) / 1000)(opened, answered)).toBe(-1);
            expect(businessDayComparisonIn(officeHours, (thousandths - 1) / 1000)(opened, answered)).toBe(1);
            // The unbound comparison is the same function.
            expect(compareBusinessDays(officeHours, opened, answered + MINUTE, limit)).toBe(1);
        }
        expect(cases.length).toBeGreaterThan(100);
    });
});
