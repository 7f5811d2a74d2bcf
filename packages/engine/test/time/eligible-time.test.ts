import { describe, expect, test } from 'vitest';
import { eligibleMs, localToInstant, type MaintenanceSchedule, type WorkingCalendar } from '../../src/index.js';

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
});
