import { describe, expect, it } from 'vitest';
import { type WorkingCalendar, localToInstant, totalLength, workingDuration, workingDurationIn, workingIntervals } from '../../src/time/index.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);
const local = (y: number, m: number, d: number, h = 0, mi = 0) => localToInstant(BERLIN, y, m, d, h, mi);

const officeHours: WorkingCalendar = {
    zone: BERLIN,
    rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 18 * 60 }],
    holidays: []
};

describe('workingDuration', () => {
    it('Friday 17:00 to Monday 09:00 with 08:00-18:00 Mon-Fri is 120 minutes', () => {
        // 2026-03-06 is a Friday (1 March 2026 is a Sunday). Friday 17-18 = 60, Monday 08-09 = 60.
        expect(workingDuration(officeHours, local(2026, 3, 6, 17), local(2026, 3, 9, 9)) / MINUTE).toBe(120);
    });

    it('skips holidays entirely', () => {
        // Good Friday 2026-04-03 and Easter Monday 2026-04-06 are holidays.
        // Thursday 2 April 17:00 → Tuesday 7 April 09:00: Thu 17-18 = 60, Tue 08-09 = 60 → 120 minutes.
        const easter: WorkingCalendar = { ...officeHours, holidays: ['2026-04-03', '2026-04-06'] };
        expect(workingDuration(easter, local(2026, 4, 2, 17), local(2026, 4, 7, 9)) / MINUTE).toBe(120);
        // Without the holidays: + Fri 600 + Mon 600 = 1,320
        expect(workingDuration(officeHours, local(2026, 4, 2, 17), local(2026, 4, 7, 9)) / MINUTE).toBe(1_320);
    });

    it('a full week is five ten-hour days', () => {
        // Mon 2026-03-02 00:00 → Mon 2026-03-09 00:00: 5 × 600 = 3,000 minutes
        expect(workingDuration(officeHours, local(2026, 3, 2), local(2026, 3, 9)) / MINUTE).toBe(3_000);
    });

    it('counts real elapsed time on a DST day', () => {
        // every day 01:00-05:00 local; on 2026-03-29 01:00 CET = 00:00Z, 05:00 CEST = 03:00Z → 180 minutes
        const night: WorkingCalendar = { zone: BERLIN, rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 60, endMinute: 300 }], holidays: [] };
        expect(workingDuration(night, local(2026, 3, 29), local(2026, 3, 30)) / MINUTE).toBe(180);
        // on 2026-10-25: 01:00 CEST = 23:00Z (24th), 05:00 CET = 04:00Z → 300 minutes
        expect(workingDuration(night, local(2026, 10, 25), local(2026, 10, 26)) / MINUTE).toBe(300);
        expect(workingIntervals(night, local(2026, 3, 29), local(2026, 3, 30))).toEqual([[utc(2026, 3, 29, 0), utc(2026, 3, 29, 3)]]);
    });

    it('is zero for an empty or reversed range and inside non-working time', () => {
        expect(workingDuration(officeHours, local(2026, 3, 9, 9), local(2026, 3, 9, 9))).toBe(0);
        expect(workingDuration(officeHours, local(2026, 3, 9, 10), local(2026, 3, 9, 9))).toBe(0);
        // Saturday
        expect(workingDuration(officeHours, local(2026, 3, 7, 9), local(2026, 3, 7, 17))).toBe(0);
    });

    it('matches the length of workingIntervals for many ranges, also far before the first call', () => {
        const split: WorkingCalendar = {
            zone: BERLIN,
            rules: [
                { weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 12 * 60 },
                { weekdays: [1, 2, 3, 4, 5], startMinute: 13 * 60, endMinute: 17 * 60 },
                { weekdays: [6], startMinute: 9 * 60, endMinute: 13 * 60 }
            ],
            holidays: ['2026-05-01', '2026-12-25']
        };
        const base = utc(2026, 1, 1);
        for (let k = 0; k < 300; k++) {
            // pseudo-random ranges of up to ~40 days, from 2024 to 2027 (exercises growing the day index both ways)
            const from = base + ((k * 48_271 * 99_991) % (2 * 365)) * 86_400_000 * (k % 2 === 0 ? 1 : -1) + (k * 7_777_777) % 86_400_000;
            const to = from + ((k * 1_234_567_891) % (40 * 86_400_000));
            expect(workingDuration(split, from, to)).toBe(totalLength(workingIntervals(split, from, to)));
        }
    });

    it('is the same bound to its calendar once (workingDurationIn, for a pass measuring every row)', () => {
        const measure = workingDurationIn(officeHours);
        expect(measure(local(2026, 3, 6, 17), local(2026, 3, 9, 9)) / MINUTE).toBe(120);
        for (let k = 0; k < 200; k++) {
            // Opening and answer times a few hours apart, in turn, over the year's two transitions.
            const from = utc(2026, 1, 1) + k * 1_750_000_123;
            const to = from + ((k * 7_919) % 50) * 1_234_567;
            expect(measure(from, to)).toBe(workingDuration(officeHours, from, to));
            expect(measure(from, to)).toBe(totalLength(workingIntervals(officeHours, from, to)));
        }
    });

    it('rejects rules whose end is not after the start', () => {
        const bad: WorkingCalendar = { zone: BERLIN, rules: [{ weekdays: [1], startMinute: 600, endMinute: 600 }], holidays: [] };
        expect(() => workingDuration(bad, 0, 1)).toThrow(/start < end/);
    });
});

describe('workingIntervals', () => {
    it('gives the working parts of a range, clipped and in UTC instants', () => {
        // Fri 2026-03-06 17:00-18:00 CET = 16:00-17:00Z; Mon 2026-03-09 08:00-09:00 CET = 07:00-08:00Z
        expect(workingIntervals(officeHours, local(2026, 3, 6, 17), local(2026, 3, 9, 9))).toEqual([
            [utc(2026, 3, 6, 16), utc(2026, 3, 6, 17)],
            [utc(2026, 3, 9, 7), utc(2026, 3, 9, 8)]
        ]);
    });

    it('merges overlapping rules and allows a rule to end at 24:00', () => {
        const cal: WorkingCalendar = {
            zone: 'UTC',
            rules: [
                { weekdays: [1], startMinute: 600, endMinute: 1440 },
                { weekdays: [1], startMinute: 480, endMinute: 720 }
            ],
            holidays: []
        };
        // Monday 2026-03-02: 08:00 to 24:00 in one interval
        expect(workingIntervals(cal, utc(2026, 3, 2), utc(2026, 3, 3))).toEqual([[utc(2026, 3, 2, 8), utc(2026, 3, 3)]]);
    });
});
