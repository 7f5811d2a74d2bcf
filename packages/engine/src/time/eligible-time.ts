/**
 * Eligible time of an `uptime(…)`: the window, inside the `during` calendar's working
 * hours if there is one, minus excluded maintenance. One home for the rule, so that the
 * evaluation and the budget shown in hovers and `sla explain` count the same minutes.
 */
import { workingIntervals, type WorkingCalendar } from './calendar.js';
import { subtractIntervals, totalLength, type Interval } from './intervals.js';
import { maintenanceIntervals, type MaintenanceSchedule } from './maintenance.js';

export interface EligibilityRules {
    /** Only the working hours of this calendar count (`during C`). */
    during?: WorkingCalendar;
    /** Maintenance removed from eligible time (`excluding M, …`); each in its own zone if it names one. */
    excluding: readonly MaintenanceSchedule[];
}

/** Eligible time inside `[from, to)`, sorted and merged; maintenance slots are written in `zone` unless they name their own. */
export function eligibleIntervals(rules: EligibilityRules, zone: string, from: number, to: number): Interval[] {
    if (!(to > from)) return [];
    const base: Interval[] = rules.during ? workingIntervals(rules.during, from, to) : [[from, to]];
    const excluded: Interval[] = [];
    for (const schedule of rules.excluding) excluded.push(...maintenanceIntervals(schedule, schedule.zone ?? zone, from, to));
    return subtractIntervals(base, excluded);
}

/** Eligible milliseconds of the window `[from, to)`: 44,040 min for March 2026 in Berlin without Sunday 02:00–04:00. */
export function eligibleMs(rules: EligibilityRules, zone: string, from: number, to: number): number {
    return totalLength(eligibleIntervals(rules, zone, from, to));
}
