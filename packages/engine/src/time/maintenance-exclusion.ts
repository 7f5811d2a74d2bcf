/**
 * Time taken out of the measured time by a maintenance exclusion, with its cap: "scheduled
 * maintenance is excluded, at most 10 hours per calendar year". The maintenance time that
 * would otherwise count (inside `base`) is taken in chronological order from the start of
 * each cap window until the cap is used; maintenance after that counts as ordinary time.
 * The schedule is known in advance, so a cap window that began before `from` is counted
 * from its own start: the evaluation period does not change what is excluded.
 */
import { clipIntervals, intersectIntervals, type Interval } from './intervals.js';
import { maintenanceIntervals, type MaintenanceSchedule } from './maintenance.js';
import { calendarWindowContaining, calendarWindows, type CalendarUnit } from './windows.js';

export interface MaintenanceExclusionRule {
    schedule: MaintenanceSchedule;
    /** At most this much excluded time per calendar window of unit `per` (a fiscal quarter or year: from `yearStartMonth`); none: all of it. */
    cap?: { ms: number; per: CalendarUnit; yearStartMonth?: number };
    /** The time taken counts as available (eligible, no downtime) instead of leaving eligible time (eligible-time.ts). */
    countedAsAvailable?: boolean;
}

/**
 * The excluded intervals inside `[from, to)`: maintenance time inside the time `base(a, b)`
 * gives (eligible time before this exclusion), capped per cap window. Sorted and merged.
 */
export function excludedMaintenanceIntervals(
    rule: MaintenanceExclusionRule,
    zone: string,
    base: (from: number, to: number) => Interval[],
    from: number,
    to: number
): Interval[] {
    if (!(to > from)) return [];
    const slotZone = rule.schedule.zone ?? zone;
    if (rule.cap === undefined) return intersectIntervals(maintenanceIntervals(rule.schedule, slotZone, from, to), base(from, to));
    const cap = rule.cap;
    const excluded: Interval[] = [];
    const first = calendarWindowContaining(zone, cap.per, from, cap.yearStartMonth);
    for (const window of calendarWindows(zone, cap.per, first.start, to, Infinity, cap.yearStartMonth)) {
        let left = cap.ms;
        const counted = intersectIntervals(maintenanceIntervals(rule.schedule, slotZone, window.start, window.end), base(window.start, window.end));
        for (const [start, end] of counted) {
            if (left <= 0) break;
            const taken = Math.min(end - start, left);
            excluded.push([start, start + taken]);
            left -= taken;
        }
    }
    return clipIntervals(excluded, from, to);
}
