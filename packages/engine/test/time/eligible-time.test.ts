import { describe, expect, test } from 'vitest';
import { eligibility, eligibleMs, localToInstant, totalLength, type MaintenanceSchedule, type WorkingCalendar } from '../../src/index.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const sundayPatching: MaintenanceSchedule = { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] };
const march = [localToInstant(BERLIN, 2026, 3, 1), localToInstant(BERLIN, 2026, 4, 1)] as const;

describe('eligible time of a window', () => {
    test('without rules: the real length of the window', () => {
        // 31 × 1,440 − 60 (29 March, 02:00–03:00 does not exist) = 44,580 min
        expect(eligibleMs({ excluding: [] }, BERLIN, ...march) / MINUTE).toBe(44_580);
    });

    test('minus Sunday 02:00–04:00 patching: March 2026 by hand', () => {
        // Sundays 1, 8, 15, 22 (120 min each) and 29 (one real hour): 540 min → 44,580 − 540 = 44,040 min
        expect(eligibleMs({ excluding: [sundayPatching] }, BERLIN, ...march) / MINUTE).toBe(44_040);
    });

    test('during working hours minus patching that falls outside them', () => {
        // March 2026: 22 weekdays (31 days − 9 weekend days: Sundays 1–29, Saturdays 7–28) × 600 min = 13,200 min
        const office: WorkingCalendar = { zone: BERLIN, rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] };
        expect(eligibleMs({ during: office, excluding: [sundayPatching] }, BERLIN, ...march) / MINUTE).toBe(13_200);
    });

    test('an empty or reversed window has no eligible time', () => {
        expect(eligibleMs({ excluding: [sundayPatching] }, BERLIN, march[1], march[0])).toBe(0);
    });

    test('maintenance counted as available stays eligible; outages count only outside it', () => {
        // March 2026: eligible 44,580 min as without rules; outages count in 44,580 − 540 = 44,040 min of it.
        const { eligible, counting } = eligibility({ excluding: [], available: [sundayPatching] }, BERLIN, ...march);
        expect(totalLength(eligible) / MINUTE).toBe(44_580);
        expect(totalLength(counting) / MINUTE).toBe(44_040);
        // Excluded instead: both are 44,040.
        const excluded = eligibility({ excluding: [sundayPatching] }, BERLIN, ...march);
        expect([totalLength(excluded.eligible) / MINUTE, totalLength(excluded.counting) / MINUTE]).toEqual([44_040, 44_040]);
    });

    test('a capped exclusion counted as available: only its first 3 hours a month, and they stay eligible', () => {
        // The first 180 min of March's patching: Sunday 1 March 02:00–04:00 and Sunday 8 March 02:00–03:00.
        const cap = { ms: 180 * MINUTE, per: 'month' as const };
        const available = eligibility({ excluding: [], cappedExcluding: [{ schedule: sundayPatching, cap, countedAsAvailable: true }] }, BERLIN, ...march);
        expect(totalLength(available.eligible) / MINUTE).toBe(44_580);
        expect(totalLength(available.counting) / MINUTE).toBe(44_400);
        expect(available.counting.some(([start]) => start === localToInstant(BERLIN, 2026, 3, 8, 3, 0))).toBe(true);
        const removed = eligibility({ excluding: [], cappedExcluding: [{ schedule: sundayPatching, cap }] }, BERLIN, ...march);
        expect([totalLength(removed.eligible) / MINUTE, totalLength(removed.counting) / MINUTE]).toEqual([44_400, 44_400]);
    });

    test('a cap counts only time not already counted as available', () => {
        // Sunday patching counted as available, and the same slots excluded up to 3 hours a month: the cap finds
        // no time left to take (all of it is already available), so nothing leaves eligible time.
        const cap = { ms: 180 * MINUTE, per: 'month' as const };
        const { eligible, counting } = eligibility({ excluding: [], available: [sundayPatching], cappedExcluding: [{ schedule: sundayPatching, cap }] }, BERLIN, ...march);
        expect(totalLength(eligible) / MINUTE).toBe(44_580);
        expect(totalLength(counting) / MINUTE).toBe(44_040);
    });
});
