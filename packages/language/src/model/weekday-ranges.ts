/**
 * The weekdays of a working-hours line (`monday to friday 08:00 to 18:00`). A range runs
 * forward through the week and wraps past Sunday: `sunday to thursday` is Sunday, Monday …
 * Thursday, and `friday to monday` is Friday, Saturday, Sunday, Monday. Validation, the
 * evaluation model and its readers all expand a range here.
 */
import type { WorkingHours } from '../generated/ast.js';

/** The weekdays as written, Monday first: index + 1 is the ISO weekday the engine counts (1 = Monday … 7 = Sunday). */
export const WEEKDAYS: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The days of a line as indexes into WEEKDAYS, in the order the range runs; none while a day is unfinished. */
export function weekdayIndexesOf(rule: WorkingHours): number[] {
    const first = WEEKDAYS.indexOf(rule.firstDay);
    const last = rule.lastDay ? WEEKDAYS.indexOf(rule.lastDay) : first;
    if (first < 0 || last < 0) return [];
    const days: number[] = [];
    for (let day = first; ; day = (day + 1) % 7) {
        days.push(day);
        if (day === last) return days;
    }
}
