/**
 * Eligible time of an `uptime(…)`: the window, inside the `during` calendar's working
 * hours if there is one, minus excluded maintenance. One home for the rule, so that the
 * evaluation and the budget shown in hovers and `sla explain` count the same minutes.
 */
import { workingIntervals, type WorkingCalendar } from './calendar.js';
import { subtractIntervals, totalLength, type Interval } from './intervals.js';
import { maintenanceIntervals, type MaintenanceSchedule } from './maintenance.js';
import { excludedMaintenanceIntervals, type MaintenanceExclusionRule } from './maintenance-exclusion.js';

export interface EligibilityRules {
    /** Only the working hours of this calendar count (`during C`). */
    during?: WorkingCalendar;
    /** Maintenance removed from eligible time (`excluding M, …`); each in its own zone if it names one. */
    excluding: readonly MaintenanceSchedule[];
    /** Maintenance exclusions with a cap per calendar window (maintenance-exclusion.ts), after the others. */
    cappedExcluding?: readonly MaintenanceExclusionRule[];
}

/** Eligible time inside `[from, to)`, sorted and merged; maintenance slots are written in `zone` unless they name their own. */
export function eligibleIntervals(rules: EligibilityRules, zone: string, from: number, to: number): Interval[] {
    if (!(to > from)) return [];
    const uncapped = (a: number, b: number): Interval[] => {
        const base: Interval[] = rules.during ? workingIntervals(rules.during, a, b) : [[a, b]];
        const excluded: Interval[] = [];
        for (const schedule of rules.excluding) excluded.push(...maintenanceIntervals(schedule, schedule.zone ?? zone, a, b));
        return subtractIntervals(base, excluded);
    };
    const eligible = uncapped(from, to);
    if (!rules.cappedExcluding || rules.cappedExcluding.length === 0) return eligible;
    // A cap counts only the time its exclusion takes from eligible time (not time already excluded).
    const capped = rules.cappedExcluding.flatMap(rule => excludedMaintenanceIntervals(rule, zone, uncapped, from, to));
    return subtractIntervals(eligible, capped);
}

/** Eligible milliseconds of the window `[from, to)`: 44,040 min for March 2026 in Berlin without Sunday 02:00–04:00. */
export function eligibleMs(rules: EligibilityRules, zone: string, from: number, to: number): number {
    return totalLength(eligibleIntervals(rules, zone, from, to));
}
