import { describe, expect, it } from 'vitest';
import { addCivilDays, parseCivilDate, requireCivilDate } from '../../src/time/civil.js';

describe('civil dates', () => {
    it('parses strict YYYY-MM-DD dates that exist, and only those', () => {
        expect(parseCivilDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
        expect(parseCivilDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 }); // 2028 is a leap year
        expect(parseCivilDate('2026-02-29')).toBeUndefined();
        expect(parseCivilDate('2026-2-28')).toBeUndefined();
    });

    it('requireCivilDate says whether the form or the date is wrong', () => {
        expect(requireCivilDate('2026-03-31')).toEqual({ year: 2026, month: 3, day: 31 });
        expect(() => requireCivilDate('2026-02-29')).toThrow("'2026-02-29' is not a valid calendar date");
        expect(() => requireCivilDate('31.03.2026')).toThrow("'31.03.2026' is not a date of the form YYYY-MM-DD");
    });

    it('adds days across month, year and leap-day boundaries', () => {
        expect(addCivilDays({ year: 2026, month: 3, day: 31 }, 1)).toEqual({ year: 2026, month: 4, day: 1 });
        expect(addCivilDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
        expect(addCivilDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
        // 2026-01-01 + 365 days = 2027-01-01 (2026 has 365 days)
        expect(addCivilDays({ year: 2026, month: 1, day: 1 }, 365)).toEqual({ year: 2027, month: 1, day: 1 });
    });
});
