import { describe, expect, it } from 'vitest';
import {
    formatDate,
    formatInstant,
    instantToLocal,
    localToInstant,
    offsetMinutes
} from '../../src/time/index.js';

const BERLIN = 'Europe/Berlin';
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, mi, s, ms);

describe('localToInstant', () => {
    it('reads winter and summer times with CET (+1) and CEST (+2)', () => {
        // 2026-01-15 12:00 CET = 11:00Z; 2026-07-15 12:00 CEST = 10:00Z
        expect(localToInstant(BERLIN, 2026, 1, 15, 12)).toBe(utc(2026, 1, 15, 11));
        expect(localToInstant(BERLIN, 2026, 7, 15, 12)).toBe(utc(2026, 7, 15, 10));
    });

    it('moves a time in the spring-forward gap forward by the gap (02:30 → 03:30 CEST)', () => {
        // 2026-03-29 (last Sunday of March): clocks jump 02:00 CET → 03:00 CEST at 01:00Z.
        // 02:30 does not exist; compatible → 03:30 CEST = 01:30Z.
        expect(localToInstant(BERLIN, 2026, 3, 29, 2, 30)).toBe(utc(2026, 3, 29, 1, 30));
        expect(localToInstant(BERLIN, 2026, 3, 29, 3, 30)).toBe(utc(2026, 3, 29, 1, 30));
        // 01:59 still CET: 00:59Z; 02:00 (gap start) → 03:00 CEST = 01:00Z
        expect(localToInstant(BERLIN, 2026, 3, 29, 1, 59)).toBe(utc(2026, 3, 29, 0, 59));
        expect(localToInstant(BERLIN, 2026, 3, 29, 2, 0)).toBe(utc(2026, 3, 29, 1, 0));
    });

    it('takes the earlier occurrence of a repeated autumn time (02:30 CEST)', () => {
        // 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z; 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
        expect(localToInstant(BERLIN, 2026, 10, 25, 2, 30)).toBe(utc(2026, 10, 25, 0, 30));
        // 03:00 exists once, in CET: 02:00Z
        expect(localToInstant(BERLIN, 2026, 10, 25, 3, 0)).toBe(utc(2026, 10, 25, 2, 0));
    });

    it('handles a zone west of Greenwich (America/New_York)', () => {
        // DST starts 2026-03-08 (2nd Sunday): 02:30 does not exist → 03:30 EDT (-4) = 07:30Z
        expect(localToInstant('America/New_York', 2026, 3, 8, 2, 30)).toBe(utc(2026, 3, 8, 7, 30));
        // DST ends 2026-11-01 (1st Sunday): 01:30 repeats → earlier, EDT: 05:30Z
        expect(localToInstant('America/New_York', 2026, 11, 1, 1, 30)).toBe(utc(2026, 11, 1, 5, 30));
    });

    it('normalises overflowing fields so callers can add days, months and minutes', () => {
        // day 32 of January = 1 February 00:00 CET = 31 Jan 23:00Z
        expect(localToInstant(BERLIN, 2026, 1, 32)).toBe(utc(2026, 1, 31, 23));
        // month 13 of 2026 = January 2027: 2026-12-31 23:00Z
        expect(localToInstant(BERLIN, 2026, 13, 1)).toBe(utc(2026, 12, 31, 23));
        // minute 1440 of 28 March = 29 March 00:00 CET = 28 March 23:00Z
        expect(localToInstant(BERLIN, 2026, 3, 28, 0, 1440)).toBe(utc(2026, 3, 28, 23));
        // day 0 = last day of the previous month: 2026-02-28 00:00 CET
        expect(localToInstant(BERLIN, 2026, 3, 0)).toBe(utc(2026, 2, 27, 23));
    });

    it('moves a time on a skipped calendar day forward by the whole gap (Samoa, 30 December 2011)', () => {
        // Apia jumped from -10:00 to +14:00 at 2011-12-30 10:00Z: local 30 December never happened.
        // 12:00 on that day, read with the offset before the gap (-10), is 22:00Z = 31 December 12:00 +14:00.
        expect(localToInstant('Pacific/Apia', 2011, 12, 30, 12)).toBe(utc(2011, 12, 30, 22));
        expect(formatInstant('Pacific/Apia', utc(2011, 12, 30, 22))).toBe('2011-12-31T12:00:00+14:00');
    });

    it('finds transitions that are not on a UTC hour (Lord Howe, 30-minute DST)', () => {
        // Lord Howe: +10:30 standard, +11:00 from the first Sunday of October (2026-10-04) 02:00 local
        // = 2026-10-03 15:30Z.
        expect(offsetMinutes('Australia/Lord_Howe', utc(2026, 10, 3, 15, 29, 59))).toBe(630);
        expect(offsetMinutes('Australia/Lord_Howe', utc(2026, 10, 3, 15, 30))).toBe(660);
    });
});

describe('instantToLocal and offsets', () => {
    it('gives local fields and the ISO weekday', () => {
        // 01:30Z on 2026-03-29 is 03:30 CEST, a Sunday (2026-03-01 is a Sunday; +28 days)
        expect(instantToLocal(BERLIN, utc(2026, 3, 29, 1, 30, 5, 7))).toEqual({
            year: 2026, month: 3, day: 29, hour: 3, minute: 30, second: 5, millisecond: 7, weekday: 7
        });
        // 2026-01-01 00:00Z = 01:00 CET, a Thursday
        expect(instantToLocal(BERLIN, utc(2026, 1, 1)).weekday).toBe(4);
        // 1969-12-31 23:59:59.999Z in UTC (negative epoch ms): a Wednesday
        expect(instantToLocal('UTC', -1)).toEqual({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999, weekday: 3 });
    });

    it('reports the offset in minutes either side of a transition', () => {
        expect(offsetMinutes(BERLIN, utc(2026, 3, 29, 0, 59, 59, 999))).toBe(60);
        expect(offsetMinutes(BERLIN, utc(2026, 3, 29, 1))).toBe(120);
        expect(offsetMinutes('America/New_York', utc(2026, 1, 15))).toBe(-300);
        expect(offsetMinutes('Asia/Kathmandu', utc(2026, 1, 15))).toBe(345);
    });

    it('gives each instant its own offset when asks alternate between hours, across a transition (the last two hours asked are kept)', () => {
        // Opening and answer times asked in turn, as a working-time measure asks them: a transition hour (01:00Z on
        // 29 March), the hours either side of it and a summer and a winter hour, in every order.
        const asks: Array<[number, number]> = [
            [utc(2026, 3, 29, 0, 30), 60],
            [utc(2026, 3, 29, 2, 30), 120],
            [utc(2026, 3, 29, 0, 45), 60],
            [utc(2026, 3, 29, 1, 0, 0, 0), 120],
            [utc(2026, 3, 29, 0, 59, 59, 999), 60],
            [utc(2026, 3, 29, 2, 0), 120],
            [utc(2026, 3, 29, 0, 0), 60],
            [utc(2026, 3, 29, 1, 30), 120],
            [utc(2026, 7, 1, 12), 120],
            [utc(2026, 3, 29, 0, 15), 60],
            [utc(2026, 7, 1, 12, 30), 120],
            [utc(2026, 12, 1, 12), 60],
            [utc(2026, 7, 1, 12, 45), 120]
        ];
        for (let round = 0; round < 2; round++) for (const [t, offset] of asks) expect(offsetMinutes(BERLIN, t), new Date(t).toISOString()).toBe(offset);
    });
});

describe('formatInstant and formatDate', () => {
    it('writes ISO-8601 with the zone offset, milliseconds only when non-zero', () => {
        // 2026-02-28 23:00Z = 2026-03-01 00:00 CET
        expect(formatInstant(BERLIN, utc(2026, 2, 28, 23))).toBe('2026-03-01T00:00:00+01:00');
        expect(formatInstant(BERLIN, utc(2026, 7, 1, 10, 0, 0, 250))).toBe('2026-07-01T12:00:00.250+02:00');
        expect(formatInstant('America/New_York', utc(2026, 1, 15, 17))).toBe('2026-01-15T12:00:00-05:00');
        expect(formatInstant('Asia/Kolkata', utc(2026, 1, 15))).toBe('2026-01-15T05:30:00+05:30');
    });

    it('shows the offset change either side of DST', () => {
        expect(formatInstant(BERLIN, utc(2026, 3, 29, 0, 59, 59))).toBe('2026-03-29T01:59:59+01:00');
        expect(formatInstant(BERLIN, utc(2026, 3, 29, 1))).toBe('2026-03-29T03:00:00+02:00');
        // the repeated 02:30 in October, both occurrences
        expect(formatInstant(BERLIN, utc(2026, 10, 25, 0, 30))).toBe('2026-10-25T02:30:00+02:00');
        expect(formatInstant(BERLIN, utc(2026, 10, 25, 1, 30))).toBe('2026-10-25T02:30:00+01:00');
    });

    it('gives the local date', () => {
        // 23:30Z on 31 December is already 1 January in Berlin
        expect(formatDate(BERLIN, utc(2026, 12, 31, 23, 30))).toBe('2027-01-01');
        expect(formatDate('UTC', utc(2026, 12, 31, 23, 30))).toBe('2026-12-31');
    });
});
