import { describe, expect, it } from 'vitest';
import { excludedMaintenanceIntervals, localToInstant, totalLength, type MaintenanceSchedule } from '../../src/index.js';

const HOUR = 3_600_000;
const BERLIN = 'Europe/Berlin';
const sundays: MaintenanceSchedule = { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] };
const all = (from: number, to: number): [number, number][] => [[from, to]];

describe('maintenance exclusion with a cap', () => {
    it('without a cap: all maintenance time inside the base time', () => {
        // March 2026 in Berlin: Sundays 1, 8, 15, 22, 29. On 29 March 02:00 does not exist:
        // the slot runs from 03:00 (02:00 moved forward) to 04:00, one real hour. 4 × 2 h + 1 h = 9 h.
        const from = localToInstant(BERLIN, 2026, 3, 1);
        const to = localToInstant(BERLIN, 2026, 4, 1);
        expect(totalLength(excludedMaintenanceIntervals({ schedule: sundays }, BERLIN, all, from, to))).toBe(9 * HOUR);
    });

    it('the cap is used in chronological order from the start of the cap window, before the period starts', () => {
        // 5 hours per calendar year: 4 January (2 h), 11 January (2 h), 18 January (1 h of 2). Nothing after.
        const january = excludedMaintenanceIntervals({ schedule: sundays, cap: { ms: 5 * HOUR, per: 'year' } }, BERLIN, all,
            localToInstant(BERLIN, 2026, 1, 1), localToInstant(BERLIN, 2026, 2, 1));
        expect(january).toEqual([
            [localToInstant(BERLIN, 2026, 1, 4, 2), localToInstant(BERLIN, 2026, 1, 4, 4)],
            [localToInstant(BERLIN, 2026, 1, 11, 2), localToInstant(BERLIN, 2026, 1, 11, 4)],
            [localToInstant(BERLIN, 2026, 1, 18, 2), localToInstant(BERLIN, 2026, 1, 18, 3)]
        ]);
        // Asked from 15 January only: the 4 h of 4 and 11 January still used the cap.
        const fromMid = excludedMaintenanceIntervals({ schedule: sundays, cap: { ms: 5 * HOUR, per: 'year' } }, BERLIN, all,
            localToInstant(BERLIN, 2026, 1, 15), localToInstant(BERLIN, 2026, 2, 1));
        expect(totalLength(fromMid)).toBe(HOUR);
    });

    it('a cap per fiscal year (from February) restarts on 1 February, not 1 January', () => {
        // 4 hours per fiscal year from February: the fiscal year of January 2026 began on 1 February 2025, whose
        // Sundays used the 4 hours long before; on 1 February 2026 a new fiscal year starts: 1 and 8 February (2 h each).
        // Per calendar year it is the other way round: 4 and 11 January, and nothing in February.
        const cap = { ms: 4 * HOUR, per: 'year' as const };
        const january = [localToInstant(BERLIN, 2026, 1, 1), localToInstant(BERLIN, 2026, 2, 1)] as const;
        const february = [localToInstant(BERLIN, 2026, 2, 1), localToInstant(BERLIN, 2026, 3, 1)] as const;
        const fiscal = { schedule: sundays, cap: { ...cap, yearStartMonth: 2 } };
        expect(excludedMaintenanceIntervals(fiscal, BERLIN, all, ...january)).toEqual([]);
        expect(excludedMaintenanceIntervals(fiscal, BERLIN, all, ...february)).toEqual([
            [localToInstant(BERLIN, 2026, 2, 1, 2), localToInstant(BERLIN, 2026, 2, 1, 4)],
            [localToInstant(BERLIN, 2026, 2, 8, 2), localToInstant(BERLIN, 2026, 2, 8, 4)]
        ]);
        expect(totalLength(excludedMaintenanceIntervals({ schedule: sundays, cap }, BERLIN, all, ...january))).toBe(4 * HOUR);
        expect(excludedMaintenanceIntervals({ schedule: sundays, cap }, BERLIN, all, ...february)).toEqual([]);
    });

    it('the cap restarts with each cap window', () => {
        // 1 hour per calendar month: January's first Sunday hour and February's first Sunday hour.
        const excluded = excludedMaintenanceIntervals({ schedule: sundays, cap: { ms: HOUR, per: 'month' } }, BERLIN, all,
            localToInstant(BERLIN, 2026, 1, 1), localToInstant(BERLIN, 2026, 3, 1));
        expect(excluded).toEqual([
            [localToInstant(BERLIN, 2026, 1, 4, 2), localToInstant(BERLIN, 2026, 1, 4, 3)],
            [localToInstant(BERLIN, 2026, 2, 1, 2), localToInstant(BERLIN, 2026, 2, 1, 3)]
        ]);
    });

    it('counts only maintenance inside the base time (a during calendar): time outside it uses no cap', () => {
        // Base: Sundays 03:00–24:00 only. 4 January: 03:00–04:00 counts (1 h); 11 January: 03:00–04:00 (1 h) → cap 2 h used.
        const base = (from: number, to: number): [number, number][] => {
            const out: [number, number][] = [];
            for (const day of [4, 11, 18, 25]) out.push([localToInstant(BERLIN, 2026, 1, day, 3), localToInstant(BERLIN, 2026, 1, day + 1)]);
            return out.filter(([s, e]) => e > from && s < to);
        };
        const excluded = excludedMaintenanceIntervals({ schedule: sundays, cap: { ms: 2 * HOUR, per: 'year' } }, BERLIN, base,
            localToInstant(BERLIN, 2026, 1, 1), localToInstant(BERLIN, 2026, 2, 1));
        expect(excluded).toEqual([
            [localToInstant(BERLIN, 2026, 1, 4, 3), localToInstant(BERLIN, 2026, 1, 4, 4)],
            [localToInstant(BERLIN, 2026, 1, 11, 3), localToInstant(BERLIN, 2026, 1, 11, 4)]
        ]);
    });
});
