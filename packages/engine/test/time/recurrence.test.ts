import { describe, expect, it } from 'vitest';
import { type MaintenanceSchedule, type RecurrenceRule, civilFromDays, daysFromCivil, formatCivilDate, localToInstant, maintenanceIntervals, occurrenceDays, totalLength } from '../../src/time/index.js';
import { occursOn } from '../../src/time/recurrence.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);
const local = (y: number, m: number, d: number, h = 0, mi = 0) => localToInstant(BERLIN, y, m, d, h, mi);
const dates = (rule: RecurrenceRule, from: string, to: string) => {
    const [a, b] = [from, to].map(text => { const [y, m, d] = text.split('-').map(Number); return daysFromCivil(y, m, d); });
    return occurrenceDays(rule, a, b).map(n => { const c = civilFromDays(n); return formatCivilDate(c.year, c.month, c.day); });
};
const nth = (ordinal: number, weekday: number, period: 'month' | 'quarter' | 'year', startMinute = 120, endMinute = 360): RecurrenceRule =>
    ({ kind: 'nth-weekday', ordinal, weekday, period, startMinute, endMinute });

describe('occurrenceDays', () => {
    it('steps from occurrence to occurrence: the days occursOn accepts, day by day, for every kind of rule and any range', () => {
        // occursOn is the rule's definition, tried on each day; occurrenceDays jumps (one per period, every 2 or 14 days).
        let seed = 7;
        const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const rules: RecurrenceRule[] = [];
        for (const period of ['month', 'quarter', 'year'] as const) for (const ordinal of [1, 2, 3, 4, -1]) for (let weekday = 1; weekday <= 7; weekday++) rules.push(nth(ordinal, weekday, period));
        for (const weekday of [0, 1, 4, 7]) for (const anchor of ['2026-01-08', '2025-12-31', '2026-03-29']) rules.push({ kind: 'every-other', weekday, anchor, startMinute: 60, endMinute: 120 });
        const start = daysFromCivil(2025, 1, 1);
        for (const rule of rules) {
            for (let k = 0; k < 4; k++) {
                const first = start + next(900);
                const last = first + next(k === 0 ? 3 : 800) - 1; // an empty range now and then
                const dayByDay: number[] = [];
                for (let n = first; n <= last; n++) if (occursOn(rule, n)) dayByDay.push(n);
                expect(occurrenceDays(rule, first, last), JSON.stringify({ rule, first, last })).toEqual(dayByDay);
            }
        }
    });

    it('a validity of 6,001 years: the occurrences of an every-other-day rule without trying each day', () => {
        // 2026-01-01 to 8026-12-31: 6,001 years; leap years among them: 1,500 divisible by 4 (2,006 − 506), less 60
        // by 100 (80 − 20), plus 15 by 400 (20 − 5): 1,455; 6,001 × 365 + 1,455 = 2,191,820 days. From an anchor on the
        // first day, every other day: half of them, 1,095,910, the last on the day before the last (an odd offset).
        const [first, last] = [daysFromCivil(2026, 1, 1), daysFromCivil(8026, 12, 31)];
        expect(last - first + 1).toBe(2_191_820);
        const days = occurrenceDays({ kind: 'every-other', weekday: 0, anchor: '2026-01-01', startMinute: 0, endMinute: 60 }, first, last);
        expect(days.length).toBe(1_095_910);
        expect([days[0], days[days.length - 1]]).toEqual([first, last - 1]);
    });

    it('first sunday of each month in 2026', () => {
        // 1 January 2026 is a Thursday → 4 January; each next month starts 31/28/30… days later:
        // Feb 1 (Sun), Mar 1 (Sun), Apr 1 Wed → 5, May 1 Fri → 3, Jun 1 Mon → 7, Jul 1 Wed → 5,
        // Aug 1 Sat → 2, Sep 1 Tue → 6, Oct 1 Thu → 4, Nov 1 Sun → 1, Dec 1 Tue → 6.
        expect(dates(nth(1, 7, 'month'), '2026-01-01', '2026-12-31')).toEqual([
            '2026-01-04', '2026-02-01', '2026-03-01', '2026-04-05', '2026-05-03', '2026-06-07',
            '2026-07-05', '2026-08-02', '2026-09-06', '2026-10-04', '2026-11-01', '2026-12-06'
        ]);
    });

    it('last saturday of each quarter in 2026', () => {
        // 31 March is a Tuesday → 28 March; 30 June Tue → 27 June; 30 September Wed → 26 September;
        // 31 December Thu → 26 December.
        expect(dates(nth(-1, 6, 'quarter'), '2026-01-01', '2026-12-31')).toEqual(['2026-03-28', '2026-06-27', '2026-09-26', '2026-12-26']);
    });

    it('second tuesday of each month and first monday of each quarter and of the year', () => {
        // January 2026: Tuesdays 6, 13; February: 3, 10; March: 3, 10.
        expect(dates(nth(2, 2, 'month'), '2026-01-01', '2026-03-31')).toEqual(['2026-01-13', '2026-02-10', '2026-03-10']);
        // Q1 starts Thu 1 Jan → Mon 5 Jan; Q2 starts Wed 1 Apr → Mon 6 Apr.
        expect(dates(nth(1, 1, 'quarter'), '2026-01-01', '2026-06-30')).toEqual(['2026-01-05', '2026-04-06']);
        expect(dates(nth(1, 1, 'year'), '2026-01-01', '2027-12-31')).toEqual(['2026-01-05', '2027-01-04']);
        // fourth sunday of February 2026 (1, 8, 15, 22) is the 22nd, the last one too.
        expect(dates(nth(4, 7, 'month'), '2026-02-01', '2026-02-28')).toEqual(['2026-02-22']);
        expect(dates(nth(-1, 7, 'month'), '2026-02-01', '2026-02-28')).toEqual(['2026-02-22']);
    });

    it('every other tuesday starting 2026-01-13, none before it', () => {
        const rule: RecurrenceRule = { kind: 'every-other', weekday: 2, anchor: '2026-01-13', startMinute: 1320, endMinute: 120 };
        expect(dates(rule, '2026-01-01', '2026-03-31')).toEqual(['2026-01-13', '2026-01-27', '2026-02-10', '2026-02-24', '2026-03-10', '2026-03-24']);
        const everyOtherDay: RecurrenceRule = { kind: 'every-other', weekday: 0, anchor: '2026-01-30', startMinute: 0, endMinute: 60 };
        expect(dates(everyOtherDay, '2026-01-29', '2026-02-04')).toEqual(['2026-01-30', '2026-02-01', '2026-02-03']);
    });
});

describe('maintenance by rule', () => {
    const lastSunday: MaintenanceSchedule = { recurring: [], oneOff: [], byRule: [nth(-1, 7, 'month')] };

    it('last sunday of each month 02:00 to 06:00 lasts 3 real hours on the spring-forward Sunday and 5 on the autumn one', () => {
        // 2026-03-29: 02:00 does not exist → 03:00 CEST = 01:00Z; 06:00 CEST = 04:00Z
        expect(maintenanceIntervals(lastSunday, BERLIN, local(2026, 3, 1), local(2026, 4, 1))).toEqual([[utc(2026, 3, 29, 1), utc(2026, 3, 29, 4)]]);
        // 2026-10-25: 02:00 is read as its first occurrence, CEST = 00:00Z; 06:00 CET = 05:00Z
        expect(maintenanceIntervals(lastSunday, BERLIN, local(2026, 10, 1), local(2026, 11, 1))).toEqual([[utc(2026, 10, 25, 0), utc(2026, 10, 25, 5)]]);
    });

    it('a slot 02:00 to 03:00 on the spring-forward day lasts no time at all', () => {
        // 02:00 and 03:00 both fall on 03:00 CEST = 01:00Z.
        const short: MaintenanceSchedule = { recurring: [], oneOff: [], byRule: [nth(-1, 7, 'month', 120, 180)] };
        expect(totalLength(maintenanceIntervals(short, BERLIN, local(2026, 3, 1), local(2026, 4, 1)))).toBe(0);
        // a month later, 26 April 02:00–03:00 CEST: one hour
        expect(totalLength(maintenanceIntervals(short, BERLIN, local(2026, 4, 1), local(2026, 5, 1))) / MINUTE).toBe(60);
    });

    it('a rule slot crossing midnight ends the next day and is found from the day before the window', () => {
        // last saturday of each quarter 22:00 to 02:00: Sat 28 March 22:00 CET (21:00Z) → Sun 29 March 02:00 CET (01:00Z);
        // the window starts on Sunday 29 March 00:00 CET = 23:00Z on the 28th.
        const saturdayNight: MaintenanceSchedule = { recurring: [], oneOff: [], byRule: [nth(-1, 6, 'quarter', 1320, 120)] };
        expect(maintenanceIntervals(saturdayNight, BERLIN, local(2026, 3, 29), local(2026, 3, 30))).toEqual([[utc(2026, 3, 28, 23), utc(2026, 3, 29, 1)]]);
    });

    it('sums the first sundays 02:00 to 06:00 of 2026 in Paris: 12 × 4 hours', () => {
        // No first Sunday is a DST day in Europe (those are the last Sundays of March and October).
        const firstSunday: MaintenanceSchedule = { recurring: [], oneOff: [], byRule: [nth(1, 7, 'month')] };
        const paris = (y: number, m: number, d: number) => localToInstant('Europe/Paris', y, m, d);
        expect(totalLength(maintenanceIntervals(firstSunday, 'Europe/Paris', paris(2026, 1, 1), paris(2027, 1, 1))) / MINUTE).toBe(12 * 240);
    });
});
