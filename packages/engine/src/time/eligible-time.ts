/**
 * Eligible time of an `uptime(…)`: the window, inside the `during` calendar's working
 * hours if there is one, minus excluded maintenance. One home for the rule, so that the
 * evaluation and the budget shown in hovers and `sla explain` count the same minutes.
 *
 * Maintenance is taken out one of two ways, as contracts write it: *excluded* (`excluding M`:
 * "maintenance is excluded from the measurement period") leaves both sides — neither downtime
 * nor eligible time; *counted as available* (`counting M as available`: "scheduled maintenance
 * is not downtime", uptime over all minutes of the month) stays eligible time, and an outage
 * inside it is no downtime.
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
    /** Maintenance counted as available (`counting M, … as available`): eligible, but no outage inside it is downtime. */
    available?: readonly MaintenanceSchedule[];
    /** Maintenance exclusions with a cap per calendar window (maintenance-exclusion.ts), after the others. */
    cappedExcluding?: readonly MaintenanceExclusionRule[];
}

/** The two sets of time an uptime reads in `[from, to)`, each sorted and merged. */
export interface Eligibility {
    /** The uptime's denominator. */
    eligible: Interval[];
    /** The part of `eligible` in which an outage is downtime: eligible time less maintenance counted as available. */
    counting: Interval[];
}

/** Eligible time inside `[from, to)` and the part of it where outages count; maintenance slots are written in `zone` unless they name their own. */
export function eligibility(rules: EligibilityRules, zone: string, from: number, to: number): Eligibility {
    if (!(to > from)) return { eligible: [], counting: [] };
    const slots = (schedules: readonly MaintenanceSchedule[], a: number, b: number): Interval[] =>
        schedules.flatMap(schedule => maintenanceIntervals(schedule, schedule.zone ?? zone, a, b));
    const available = rules.available ?? [];
    const measured = (a: number, b: number): Interval[] => (rules.during ? workingIntervals(rules.during, a, b) : [[a, b]]);
    // The time in which an outage would count before any cap: a cap counts only the time its exclusion takes from it.
    const counted = (a: number, b: number): Interval[] => subtractIntervals(measured(a, b), slots([...rules.excluding, ...available], a, b));
    let eligible = subtractIntervals(measured(from, to), slots(rules.excluding, from, to));
    let counting = available.length === 0 ? eligible : subtractIntervals(eligible, slots(available, from, to));
    for (const rule of rules.cappedExcluding ?? []) {
        const taken = excludedMaintenanceIntervals(rule, zone, counted, from, to);
        if (rule.countedAsAvailable !== true) eligible = subtractIntervals(eligible, taken);
        counting = subtractIntervals(counting, taken);
    }
    return { eligible, counting };
}

/** Eligible time inside `[from, to)`, sorted and merged (the uptime's denominator). */
export function eligibleIntervals(rules: EligibilityRules, zone: string, from: number, to: number): Interval[] {
    return eligibility(rules, zone, from, to).eligible;
}

/** Eligible milliseconds of the window `[from, to)`: 44,040 min for March 2026 in Berlin without Sunday 02:00–04:00. */
export function eligibleMs(rules: EligibilityRules, zone: string, from: number, to: number): number {
    return totalLength(eligibleIntervals(rules, zone, from, to));
}
