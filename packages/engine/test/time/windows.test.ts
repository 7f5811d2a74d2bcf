import { describe, expect, it } from 'vitest';
import { calendarWindowContaining, calendarWindows, localToInstant, rollingWindowEnds, windowIndexer } from '../../src/time/index.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);
const minutes = (w: { start: number; end: number }) => (w.end - w.start) / MINUTE;

describe('calendar month lengths in real elapsed time', () => {
    it('March 2026 in Berlin loses the spring-forward hour: 44,580 minutes', () => {
        // 31 days × 1440 = 44,640, minus 60 on 29 March = 44,580
        expect(minutes(calendarWindowContaining(BERLIN, 'month', utc(2026, 3, 15)))).toBe(44_580);
    });
    it('October 2026 in Berlin gains the autumn hour: 44,700 minutes', () => {
        // 44,640 + 60 on 25 October = 44,700
        expect(minutes(calendarWindowContaining(BERLIN, 'month', utc(2026, 10, 15)))).toBe(44_700);
    });
    it('February 2026 in Berlin: 40,320 minutes', () => {
        // 28 × 1440 = 40,320 (no transition)
        expect(minutes(calendarWindowContaining(BERLIN, 'month', utc(2026, 2, 15)))).toBe(40_320);
    });
    it('a 31-day month in UTC: 44,640 minutes', () => {
        // 31 × 1440 = 44,640
        expect(minutes(calendarWindowContaining('UTC', 'month', utc(2026, 1, 15)))).toBe(44_640);
    });
    it('aligns the month to local midnight', () => {
        // 1 March 00:00 CET = 28 Feb 23:00Z; 1 April 00:00 CEST = 31 March 22:00Z
        expect(calendarWindowContaining(BERLIN, 'month', utc(2026, 3, 15))).toEqual({ start: utc(2026, 2, 28, 23), end: utc(2026, 3, 31, 22) });
        // an instant in the first local hour of March (28 Feb 23:30Z) belongs to March
        expect(calendarWindowContaining(BERLIN, 'month', utc(2026, 2, 28, 23, 30)).start).toBe(utc(2026, 2, 28, 23));
    });
});

describe('days and weeks', () => {
    it('DST days last 23 and 25 hours', () => {
        const spring = calendarWindowContaining(BERLIN, 'day', utc(2026, 3, 29, 12));
        expect(spring).toEqual({ start: utc(2026, 3, 28, 23), end: utc(2026, 3, 29, 22) }); // 23 h
        expect(spring.end - spring.start).toBe(23 * HOUR);
        const autumn = calendarWindowContaining(BERLIN, 'day', utc(2026, 10, 25, 12));
        expect(autumn.end - autumn.start).toBe(25 * HOUR);
    });

    it('ISO weeks start on Monday, also across a year boundary', () => {
        // 2026-01-01 is a Thursday: its ISO week runs Mon 2025-12-29 to Mon 2026-01-05
        expect(calendarWindowContaining('UTC', 'week', utc(2026, 1, 1, 12))).toEqual({ start: utc(2025, 12, 29), end: utc(2026, 1, 5) });
        // in Berlin the same week starts at 2025-12-29 00:00 CET = 2025-12-28 23:00Z
        expect(calendarWindowContaining(BERLIN, 'week', utc(2026, 1, 1, 12))).toEqual({ start: utc(2025, 12, 28, 23), end: utc(2026, 1, 4, 23) });
        // a Sunday belongs to the week that started the Monday before: Sun 2026-01-04 → Mon 2025-12-29
        expect(calendarWindowContaining('UTC', 'week', utc(2026, 1, 4, 23, 59)).start).toBe(utc(2025, 12, 29));
        // a Monday starts its own week
        expect(calendarWindowContaining('UTC', 'week', utc(2026, 1, 5)).start).toBe(utc(2026, 1, 5));
    });

    it('the week with the spring-forward Sunday lasts 167 hours', () => {
        // Mon 2026-03-23 00:00 CET = 22 March 23:00Z → Mon 2026-03-30 00:00 CEST = 29 March 22:00Z
        const w = calendarWindowContaining(BERLIN, 'week', utc(2026, 3, 29, 12));
        expect(w).toEqual({ start: utc(2026, 3, 22, 23), end: utc(2026, 3, 29, 22) });
        expect(w.end - w.start).toBe(7 * DAY - HOUR);
    });
});

describe('quarters and years', () => {
    it('quarters start in January, April, July and October', () => {
        // Q2 2026 in Berlin: 1 April 00:00 CEST (31 March 22:00Z) to 1 July 00:00 CEST (30 June 22:00Z)
        expect(calendarWindowContaining(BERLIN, 'quarter', utc(2026, 5, 15))).toEqual({ start: utc(2026, 3, 31, 22), end: utc(2026, 6, 30, 22) });
        // Q1 2026 in Berlin: 31+28+31 = 90 days, minus the spring hour = 2,159 hours
        const q1 = calendarWindowContaining(BERLIN, 'quarter', utc(2026, 2, 1));
        expect(q1.start).toBe(utc(2025, 12, 31, 23));
        expect((q1.end - q1.start) / HOUR).toBe(90 * 24 - 1);
        // Q4 starts 1 October
        expect(calendarWindowContaining('UTC', 'quarter', utc(2026, 12, 31, 23)).start).toBe(utc(2026, 10, 1));
    });

    it('years run from local 1 January to local 1 January', () => {
        // 2026 has 365 days; the DST hours cancel out
        const y = calendarWindowContaining(BERLIN, 'year', utc(2026, 6, 1));
        expect(y).toEqual({ start: utc(2025, 12, 31, 23), end: utc(2026, 12, 31, 23) });
        expect(y.end - y.start).toBe(365 * DAY);
    });
});

describe('fiscal quarters and years (a fiscal year from 1 February, as Salesforce and Slack count)', () => {
    it('quarters run February–April, May–July, August–October, November–January', () => {
        // 15 January 2026 lies in the quarter of 1 November 2025 (00:00 CET = 31 Oct 23:00Z) to 1 February 2026 (31 Jan 23:00Z).
        expect(calendarWindowContaining(BERLIN, 'quarter', utc(2026, 1, 15), 2)).toEqual({ start: utc(2025, 10, 31, 23), end: utc(2026, 1, 31, 23) });
        // February–April 2026: 28 + 31 + 30 = 89 days, minus the spring hour (29 March) = 2,135 hours.
        const first = calendarWindowContaining(BERLIN, 'quarter', utc(2026, 1, 31, 23), 2);
        expect(first).toEqual({ start: utc(2026, 1, 31, 23), end: utc(2026, 4, 30, 22) });
        expect((first.end - first.start) / HOUR).toBe(89 * 24 - 1);
        // The instant before 1 February still belongs to November–January.
        expect(calendarWindowContaining(BERLIN, 'quarter', utc(2026, 1, 31, 23) - 1, 2).start).toBe(utc(2025, 10, 31, 23));
        expect(calendarWindows('UTC', 'quarter', utc(2026, 1, 1), utc(2027, 1, 1), Infinity, 2).map((w) => new Date(w.start).toISOString().slice(0, 10)))
            .toEqual(['2025-11-01', '2026-02-01', '2026-05-01', '2026-08-01', '2026-11-01']);
    });

    it('a fiscal year runs from 1 February to 1 February; January belongs to the year begun the year before', () => {
        expect(calendarWindowContaining('UTC', 'year', utc(2026, 1, 31), 2)).toEqual({ start: utc(2025, 2, 1), end: utc(2026, 2, 1) });
        expect(calendarWindowContaining('UTC', 'year', utc(2026, 2, 1), 2)).toEqual({ start: utc(2026, 2, 1), end: utc(2027, 2, 1) });
        // A fiscal year from July (Australia, Microsoft): 1 July 2026 to 1 July 2027.
        expect(calendarWindowContaining('UTC', 'year', utc(2026, 12, 31), 7)).toEqual({ start: utc(2026, 7, 1), end: utc(2027, 7, 1) });
    });

    it('days, weeks and months do not depend on the fiscal year; January as its start is the calendar', () => {
        expect(calendarWindowContaining(BERLIN, 'month', utc(2026, 1, 15), 2)).toEqual(calendarWindowContaining(BERLIN, 'month', utc(2026, 1, 15)));
        expect(calendarWindowContaining(BERLIN, 'week', utc(2026, 1, 15), 2)).toEqual(calendarWindowContaining(BERLIN, 'week', utc(2026, 1, 15)));
        expect(calendarWindowContaining(BERLIN, 'quarter', utc(2026, 5, 15), 1)).toEqual(calendarWindowContaining(BERLIN, 'quarter', utc(2026, 5, 15)));
    });
});

describe('calendarWindows', () => {
    it('lists every window intersecting [from, to), the first one sticking out before from', () => {
        const from = localToInstant(BERLIN, 2026, 1, 15);
        const to = localToInstant(BERLIN, 2026, 4, 1); // April starts exactly at `to`: not included
        const ws = calendarWindows(BERLIN, 'month', from, to);
        expect(ws.map((w) => w.start)).toEqual([utc(2025, 12, 31, 23), utc(2026, 1, 31, 23), utc(2026, 2, 28, 23)]);
        expect(ws[2]!.end).toBe(to);
    });

    it('stops at the limit asked for', () => {
        // Days of 2026 to 9999: millions of windows; the first three are 1, 2 and 3 January (CET, UTC+1).
        const ws = calendarWindows(BERLIN, 'day', localToInstant(BERLIN, 2026, 1, 1), localToInstant(BERLIN, 9999, 12, 31), 3);
        expect(ws.map((w) => w.start)).toEqual([utc(2025, 12, 31, 23), utc(2026, 1, 1, 23), utc(2026, 1, 2, 23)]);
    });

    it('windows tile time without gaps', () => {
        const ws = calendarWindows(BERLIN, 'day', utc(2026, 1, 1), utc(2027, 1, 1));
        for (let i = 1; i < ws.length; i++) expect(ws[i]!.start).toBe(ws[i - 1]!.end);
        // 2026-01-01 00:00Z is already in local 1 January (01:00 CET); up to 2027-01-01 00:00Z
        // (= 01:00 CET on 1 January 2027) makes 365 days of 2026 + 1 January 2027 = 366 windows
        expect(ws.length).toBe(366);
    });

    it('is empty for an empty range', () => {
        expect(calendarWindows(BERLIN, 'month', utc(2026, 3, 1), utc(2026, 3, 1))).toEqual([]);
    });
});

describe('rollingWindowEnds', () => {
    it('gives every local midnight t with from < t <= to', () => {
        const from = localToInstant(BERLIN, 2026, 3, 27);
        const to = localToInstant(BERLIN, 2026, 3, 31);
        // local midnights of 28, 29 (CET), 30, 31 (CEST) March; `from` itself is excluded, `to` included
        expect(rollingWindowEnds(BERLIN, 7 * DAY, from, to)).toEqual([utc(2026, 3, 27, 23), utc(2026, 3, 28, 23), utc(2026, 3, 29, 22), utc(2026, 3, 30, 22)]);
    });

    it('starts after a from that is not a midnight', () => {
        // from 27 March 12:00 local: the first end is 28 March 00:00 CET = 27 March 23:00Z
        expect(rollingWindowEnds(BERLIN, DAY, localToInstant(BERLIN, 2026, 3, 27, 12), localToInstant(BERLIN, 2026, 3, 28, 1))).toEqual([utc(2026, 3, 27, 23)]);
    });
});

describe('windowIndexer', () => {
    it('finds the window index of an instant, -1 outside', () => {
        const from = localToInstant(BERLIN, 2026, 1, 1);
        const to = localToInstant(BERLIN, 2027, 1, 1);
        const indexOf = windowIndexer(BERLIN, 'month', from, to);
        expect(indexOf.windows.length).toBe(12);
        expect(indexOf(utc(2026, 3, 29, 12))).toBe(2); // March
        expect(indexOf(utc(2026, 2, 28, 23))).toBe(2); // the first instant of March
        expect(indexOf(utc(2026, 2, 28, 22, 59))).toBe(1); // the last minute of February
        expect(indexOf(from - 1)).toBe(-1);
        expect(indexOf(to)).toBe(-1);
        expect(indexOf(NaN)).toBe(-1);
    });

    it('agrees with a linear search for instants in any order', () => {
        const from = utc(2025, 12, 1);
        const to = utc(2026, 12, 1);
        const indexOf = windowIndexer(BERLIN, 'week', from, to);
        const ws = indexOf.windows;
        for (let k = 0; k < 2000; k++) {
            const t = from - 10 * DAY + ((k * 7_919_993_117) % (to - from + 20 * DAY));
            const expected = ws.findIndex((w) => t >= w.start && t < w.end);
            expect(indexOf(t)).toBe(expected);
        }
    });
});
