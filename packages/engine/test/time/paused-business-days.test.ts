import { describe, expect, it } from 'vitest';
import { type WorkingCalendar, localToInstant, mergePauses, pausedBusinessDayComparisonIn, pausedBusinessDaysIn } from '../../src/time/index.js';

/**
 * Business days with pauses excluded (docs/language-reference.md § 8.6, "Business days" and "Paused
 * clocks"): pos(b) − pos(a) − Σ (pos(pause end) − pos(pause start)) over the merged pauses clipped
 * to [a, b), pos(t) = working days before t's day + the share of t's day worked at t.
 * Europe/Berlin, March 2026 (CET throughout the instants used; 2 March is a Monday). Every
 * expected number is counted by hand in the comments.
 */
const BERLIN = 'Europe/Berlin';
const local = (m: number, d: number, h = 0, mi = 0) => localToInstant(BERLIN, 2026, m, d, h, mi);
const mar = (d: number, h = 0, mi = 0) => local(3, d, h, mi);
const pauses = (...bounds: number[]) => mergePauses(bounds);

// Monday–Friday 08:00–18:00: every working day 10 h.
const officeHours: WorkingCalendar = { zone: BERLIN, rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 18 * 60 }], holidays: [] };
// Monday–Thursday 08:00–18:00 (10 h), Friday 08:00–14:00 (6 h).
const shortFriday: WorkingCalendar = {
    zone: BERLIN,
    rules: [{ weekdays: [1, 2, 3, 4], startMinute: 8 * 60, endMinute: 18 * 60 }, { weekdays: [5], startMinute: 8 * 60, endMinute: 14 * 60 }],
    holidays: ['2026-03-13']
};

const businessDays = pausedBusinessDaysIn(officeHours);
/** The sign of (business days, pauses excluded) − limit: `<=` holds for −1 and 0, `<` for −1 only. */
const against = (limit: number, calendar = officeHours) => pausedBusinessDayComparisonIn(calendar, limit);

describe('business days less the business days of the pauses', () => {
    it('Monday 15:00 → Wednesday 20:00, paused Tuesday 10:00–15:00: 2.3 − 0.5 = 1.8 business days', () => {
        // pos(Mon 15:00) = 0 + 7/10 = 0.7 (Monday as day 0).
        // pos(Wed 20:00) = 2 + 10/10 = 3: after 18:00 the whole of Wednesday is worked (the same place as Thursday 08:00).
        // The ticket: 3 − 0.7 = 2.3 business days.
        // The pause: pos(Tue 15:00) − pos(Tue 10:00) = (1 + 7/10) − (1 + 2/10) = 0.5.
        // 2.3 − 0.5 = 1.8: within 2 business days, exactly 1.8, not within 1.7.
        const opened = mar(2, 15);
        const resolved = mar(4, 20);
        const paused = pauses(mar(3, 10), mar(3, 15));
        expect(businessDays(opened, resolved, undefined)).toBeCloseTo(2.3, 12);
        expect(businessDays(opened, resolved, paused)).toBeCloseTo(1.8, 12);
        expect(against(2)(opened, resolved, paused)).toBe(-1);
        expect(against(1.8)(opened, resolved, paused)).toBe(0);
        expect(against(1.7)(opened, resolved, paused)).toBe(1);
        // Without the pause it is over 2 business days: the pause is what makes it pass.
        expect(against(2)(opened, resolved, undefined)).toBe(1);
    });

    it('exactly the limit: Monday 13:00 → Wednesday 20:00, paused Tuesday 10:00–15:00, is 2.5 − 0.5 = 2: meets <=, fails <', () => {
        // pos(Mon 13:00) = 5/10 = 0.5; pos(Wed 20:00) = 3 → 2.5; the pause 0.5 → exactly 2.
        const compare = against(2)(mar(2, 13), mar(4, 20), pauses(mar(3, 10), mar(3, 15)));
        expect(compare).toBe(0); // `<= 2 business days` holds (sign <= 0), `< 2 business days` does not (sign < 0 fails)
        // A minute more of the ticket, or a minute less of the pause, and it is over.
        expect(against(2)(mar(2, 13), mar(4, 20), pauses(mar(3, 10), mar(3, 14, 59)))).toBe(1);
        expect(against(2)(mar(2, 12, 59), mar(4, 20), pauses(mar(3, 10), mar(3, 15)))).toBe(1);
    });

    it('a pause over the weekend has no working time: it changes nothing; one reaching into Friday and Monday removes those hours', () => {
        // Friday 6 March 15:00 → Tuesday 10 March 15:00: pos 0.7 → (Fri, Mon crossed) 2 + 0.7: 2 business days.
        const opened = mar(6, 15);
        const resolved = mar(10, 15);
        // Saturday 09:00 → Sunday 20:00: pos(Sat 09:00) = pos(Sun 20:00) = 1 (Friday crossed, nothing of the weekend worked).
        expect(against(2)(opened, resolved, pauses(mar(7, 9), mar(8, 20)))).toBe(0);
        // Friday 18:00 → Monday 08:00: the same place on the clock (end of Friday = start of Monday): 0.
        expect(against(2)(opened, resolved, pauses(mar(6, 18), mar(9, 8)))).toBe(0);
        // Friday 17:00 → Monday 09:00: pos 0.9 → 1.1, 0.2 business days: 1.8 left.
        expect(businessDays(opened, resolved, pauses(mar(6, 17), mar(9, 9)))).toBeCloseTo(1.8, 12);
        expect(against(1.8)(opened, resolved, pauses(mar(6, 17), mar(9, 9)))).toBe(0);
    });

    it('overlapping pauses are merged first: Tuesday 10:00–13:00 and 12:00–15:00 are one pause of 0.5, not 0.3 + 0.3', () => {
        // Monday 13:00 → Wednesday 20:00 is 2.5 (above); merged pause Tue 10:00–15:00 = 0.5 → exactly 2.
        const merged = pauses(mar(3, 10), mar(3, 13), mar(3, 12), mar(3, 15));
        expect(merged).toEqual([mar(3, 10), mar(3, 15)]);
        expect(against(2)(mar(2, 13), mar(4, 20), merged)).toBe(0);
        // Counted twice the overlap would make it 2.5 − 0.6 = 1.9.
        expect(against(1.9)(mar(2, 13), mar(4, 20), merged)).toBe(1);
    });

    it('a pause starting before the ticket and ending after it stops the whole ticket: 0 business days', () => {
        // Ticket Tuesday 10:00–15:00 (0.5); pause Monday 17:00 → Wednesday 09:00, clipped to the ticket: 0.5 − 0.5 = 0.
        const paused = pauses(mar(2, 17), mar(4, 9));
        expect(businessDays(mar(3, 10), mar(3, 15), paused)).toBe(0);
        expect(against(0)(mar(3, 10), mar(3, 15), paused)).toBe(0);
        // A pause entirely before or after the ticket stops nothing.
        expect(against(0.5)(mar(3, 10), mar(3, 15), pauses(mar(2, 9), mar(2, 12), mar(3, 16), mar(3, 17)))).toBe(0);
    });

    it('an open pause (no end) lasts until the end measured: for a ticket still open, the instant of knowledge', () => {
        // Ticket opened Monday 15:00, waiting for the customer since Tuesday 10:00 without end; known until Wednesday 20:00:
        // 2.3 so far less pos(Wed 20:00) − pos(Tue 10:00) = 3 − 1.2 = 1.8 → 0.5 (Monday 15:00–18:00 and Tuesday 08:00–10:00).
        const open = pauses(mar(3, 10), Infinity);
        expect(businessDays(mar(2, 15), mar(4, 20), open)).toBeCloseTo(0.5, 12);
        expect(against(0.5)(mar(2, 15), mar(4, 20), open)).toBe(0);
    });

    it('an end before the start: negative business days, no pause counted (as for hours)', () => {
        expect(businessDays(mar(4, 15), mar(2, 15), pauses(mar(3, 10), mar(3, 15)))).toBe(-2);
        expect(against(-2)(mar(4, 15), mar(2, 15), pauses(mar(3, 10), mar(3, 15)))).toBe(0);
    });
});

describe('days of unequal length: exact where floating point is not', () => {
    it('Thursday 08:00 → Monday 10:00, paused Thursday 10:00–17:00 and Friday 08:00–11:00 (a 6-hour Friday): exactly 1', () => {
        // pos(Thu 5 Mar 08:00) = 0; pos(Mon 9 Mar 10:00) = 2 (Thu, Fri) + 2/10 = 2.2.
        // Thursday's pause: pos(17:00) − pos(10:00) = 9/10 − 2/10 = 0.7 of a 10-hour day.
        // Friday's pause: (1 + 3/6) − (1 + 0/6) = 0.5 of a 6-hour day.
        // 2.2 − 0.7 − 0.5 = 1 business day (22/10 − 7/10 − 3/6 = 132/60 − 42/60 − 30/60 = 60/60).
        // In floating point 2.2 − 0.7 − 0.5 is 1.0000000000000002: `<= 1 business day` would fail a ticket of exactly 1.
        const opened = mar(5, 8);
        const resolved = mar(9, 10);
        const paused = pauses(mar(5, 10), mar(5, 17), mar(6, 8), mar(6, 11));
        const value = pausedBusinessDaysIn(shortFriday)(opened, resolved, paused);
        expect(value).toBeGreaterThan(1);
        expect(value).toBeCloseTo(1, 12);
        expect(against(1, shortFriday)(opened, resolved, paused)).toBe(0); // meets `<= 1`, fails `< 1`
        expect(against(0.999, shortFriday)(opened, resolved, paused)).toBe(1);
        expect(against(1.001, shortFriday)(opened, resolved, paused)).toBe(-1);
    });

    it('Thursday 13:00 → Monday 11:00 paused Friday 11:00–14:00: 0.5 + 1 + 0.3 − 0.5 = 1.3, every day counting 1 whatever its hours', () => {
        // pos(Thu 13:00) = 5/10 = 0.5; pos(Mon 11:00) = 2 + 3/10 = 2.3 → 1.8; Friday 11:00–14:00 = 3/6 = 0.5 → 1.3.
        // The 13 March holiday is a week later: not crossed.
        expect(against(1.3, shortFriday)(mar(5, 13), mar(9, 11), pauses(mar(6, 11), mar(6, 14)))).toBe(0);
    });

    // Random tickets and pauses on a 15-minute grid of 2–27 March (no clock change), checked against an independent count:
    // Σ over the days of (working minutes of the day inside the ticket and outside its pauses) / (working minutes of the day),
    // an exact fraction of denominator 1,800 (lcm of 600 and 360), compared with decimal limits of three places.
    it('agrees with a minute-by-minute count per day, exactly, on random tickets and pauses', () => {
        let seed = 7;
        const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const base = mar(1);
        const MINUTE = 60_000;
        const instant = (minute: number) => base + minute * MINUTE;
        // Working minutes of each local day of March (day index 0 = 1 March, a Sunday): [start, end) in minutes of the day.
        const hoursOf = (day: number): [number, number] | undefined => {
            const weekday = day % 7; // 0 Sunday … 6 Saturday
            if (day === 12) return undefined; // 13 March, the holiday
            if (weekday >= 1 && weekday <= 4) return [480, 1080];
            if (weekday === 5) return [480, 840];
            return undefined;
        };
        let exactHits = 0;
        for (let n = 0; n < 300; n++) {
            const a = (1 + Math.floor(random() * 18)) * 1440 + Math.floor(random() * 96) * 15;
            const b = a + Math.floor(random() * 6 * 96) * 15;
            const raw: number[] = [];
            const count = Math.floor(random() * 4);
            for (let k = 0; k < count; k++) {
                const s = a - 1440 + Math.floor(random() * ((b - a) / 15 + 192)) * 15;
                raw.push(s, s + Math.floor(random() * 2 * 96) * 15);
            }
            const merged = mergePauses(raw.slice());
            const pausedAt = (minute: number) => { for (let i = 0; i < raw.length; i += 2) if (minute >= raw[i]! && minute < raw[i + 1]!) return true; return false; };
            // Independent count: numerator over 1,800.
            let eighteenHundredths = 0;
            for (let day = Math.floor(a / 1440); day <= Math.floor(b / 1440); day++) {
                const hours = hoursOf(day);
                if (hours === undefined) continue;
                let minutes = 0;
                for (let m = day * 1440 + hours[0]; m < day * 1440 + hours[1]; m++) if (m >= a && m < b && !pausedAt(m)) minutes++;
                eighteenHundredths += (minutes * 1800) / (hours[1] - hours[0]);
            }
            const compare = (thousandths: number) => pausedBusinessDayComparisonIn(shortFriday, thousandths / 1000)(instant(a), instant(b), merged.map(instant));
            const expected = (thousandths: number) => Math.sign(eighteenHundredths * 1000 - thousandths * 1800);
            const near = Math.round((eighteenHundredths * 1000) / 1800);
            for (const thousandths of [near - 1, near, near + 1]) expect([n, thousandths, compare(thousandths)]).toEqual([n, thousandths, expected(thousandths)]);
            if (expected(near) === 0) exactHits++;
        }
        // Many of them are exactly a decimal of three places: the exact path decides those.
        expect(exactHits).toBeGreaterThan(30);
    });
});
