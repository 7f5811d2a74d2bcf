import { describe, expect, it } from 'vitest';
import { type MaintenanceSchedule, localToInstant, maintenanceIntervals, totalLength } from '../../src/time/index.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);
const local = (y: number, m: number, d: number, h = 0, mi = 0) => localToInstant(BERLIN, y, m, d, h, mi);

const sundayPatching: MaintenanceSchedule = { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] };

describe('maintenanceIntervals', () => {
    it('every sunday 02:00 to 04:00 lasts one real hour on the spring-forward Sunday', () => {
        // 2026-03-29: 02:00 does not exist → 03:00 CEST = 01:00Z; 04:00 CEST = 02:00Z
        expect(maintenanceIntervals(sundayPatching, BERLIN, local(2026, 3, 29), local(2026, 3, 30))).toEqual([[utc(2026, 3, 29, 1), utc(2026, 3, 29, 2)]]);
    });

    it('and three real hours on the autumn Sunday', () => {
        // 2026-10-25: 02:00 → earlier occurrence, CEST = 00:00Z; 04:00 CET = 03:00Z
        expect(maintenanceIntervals(sundayPatching, BERLIN, local(2026, 10, 25), local(2026, 10, 26))).toEqual([[utc(2026, 10, 25, 0), utc(2026, 10, 25, 3)]]);
    });

    it('sums over March 2026', () => {
        // Sundays 1, 8, 15, 22 (120 minutes each) and 29 (60 minutes): 4 × 120 + 60 = 540
        expect(totalLength(maintenanceIntervals(sundayPatching, BERLIN, local(2026, 3, 1), local(2026, 4, 1))) / MINUTE).toBe(540);
    });

    it('a recurring slot whose end is before its start ends the next day, and counts from the day before `from`', () => {
        const saturdayNight: MaintenanceSchedule = { recurring: [{ weekdays: [6], startMinute: 23 * 60, endMinute: 60 }], oneOff: [] };
        // Sat 2026-03-07 23:00 CET → Sun 01:00 CET = 22:00Z → 00:00Z; clipped to from Sunday 00:00 CET (= 23:00Z)
        expect(maintenanceIntervals(saturdayNight, BERLIN, local(2026, 3, 8), local(2026, 3, 8, 12))).toEqual([[utc(2026, 3, 7, 23), utc(2026, 3, 8, 0)]]);
    });

    it('a one-off period may cross midnight', () => {
        const oneOff: MaintenanceSchedule = {
            recurring: [],
            oneOff: [{ start: { date: '2026-06-12', minute: 22 * 60 }, end: { date: '2026-06-13', minute: 3 * 60 } }]
        };
        // 22:00 CEST = 20:00Z on the 12th → 03:00 CEST = 01:00Z on the 13th: 5 hours
        const intervals = maintenanceIntervals(oneOff, BERLIN, local(2026, 6, 1), local(2026, 7, 1));
        expect(intervals).toEqual([[utc(2026, 6, 12, 20), utc(2026, 6, 13, 1)]]);
        expect(totalLength(intervals) / MINUTE).toBe(300);
    });

    it('merges overlapping recurring and one-off time', () => {
        const schedule: MaintenanceSchedule = {
            recurring: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 60, endMinute: 120 }],
            oneOff: [{ start: { date: '2026-06-13', minute: 30 }, end: { date: '2026-06-13', minute: 90 } }]
        };
        // 13 June: one-off 00:30-01:30 and daily 01:00-02:00 → 00:30-02:00 CEST = 22:30Z (12th) - 00:00Z
        expect(maintenanceIntervals(schedule, BERLIN, local(2026, 6, 13), local(2026, 6, 14))).toEqual([[utc(2026, 6, 12, 22, 30), utc(2026, 6, 13, 0)]]);
    });

    it('rejects a malformed one-off date', () => {
        const bad: MaintenanceSchedule = { recurring: [], oneOff: [{ start: { date: '2026-02-30', minute: 0 }, end: { date: '2026-03-01', minute: 0 } }] };
        expect(() => maintenanceIntervals(bad, BERLIN, 0, 1)).toThrow(/2026-02-30/);
    });
});
