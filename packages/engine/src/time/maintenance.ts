/**
 * Maintenance schedules: recurring weekly slots, slots by rule (recurrence.ts: "the first
 * Sunday of each month") and one-off periods, in local time of the agreement's zone, turned
 * into real elapsed-time intervals, plus the periods a dataset lists (already instants). A
 * slot from 02:00 to 04:00 on the spring-forward Sunday in Berlin lasts one real hour
 * (02:00 does not exist and moves to 03:00); on the autumn Sunday it lasts three.
 */
import { civilFromDays, parseCivilDate, weekdayFromDays } from './civil.js';
import { type Interval, clipIntervals } from './intervals.js';
import { occursOn, type RecurrenceRule } from './recurrence.js';
import { localDayNumber, localToInstant } from './zone.js';

export interface MaintenanceSchedule {
    recurring: {
        weekdays: number[] /* 1 = Monday … 7 = Sunday; all 7 for 'every day' */;
        startMinute: number;
        endMinute: number /* if end <= start the slot ends the next day */;
    }[];
    /** slots by rule: n-th weekday of a month, quarter or year; every other week from a date */
    byRule?: RecurrenceRule[];
    oneOff: { start: { date: string; minute: number }; end: { date: string; minute: number } }[];
    /** IANA zone the slots are written in, when it differs from the agreement's. */
    zone?: string;
    /**
     * The dataset that lists further periods of this maintenance (`periods(changes …)`): its
     * periods must be read into `listed` before the schedule's time is asked for.
     */
    listedIn?: string;
    /** The periods read from `listedIn` that count as maintenance, real instants (evaluate/listed-maintenance.ts). */
    listed?: readonly Interval[];
}

/** Maintenance time inside `[from, to)`, merged. */
export function maintenanceIntervals(schedule: MaintenanceSchedule, zone: string, from: number, to: number): Interval[] {
    if (!(to > from)) return [];
    const intervals: Interval[] = [];
    const byRule = schedule.byRule ?? [];
    if (schedule.recurring.length > 0 || byRule.length > 0) {
        // Start a day early: a slot crossing midnight may begin the day before `from`.
        const first = localDayNumber(zone, from) - 1;
        const last = localDayNumber(zone, to);
        for (let n = first; n <= last; n++) {
            const weekday = weekdayFromDays(n);
            const { year, month, day } = civilFromDays(n);
            for (const slot of schedule.recurring) {
                if (!slot.weekdays.includes(weekday)) continue;
                const endDay = slot.endMinute <= slot.startMinute ? day + 1 : day;
                intervals.push([
                    localToInstant(zone, year, month, day, 0, slot.startMinute),
                    localToInstant(zone, year, month, endDay, 0, slot.endMinute)
                ]);
            }
            for (const rule of byRule) {
                if (!occursOn(rule, n)) continue;
                const endDay = rule.endMinute <= rule.startMinute ? day + 1 : day;
                intervals.push([
                    localToInstant(zone, year, month, day, 0, rule.startMinute),
                    localToInstant(zone, year, month, endDay, 0, rule.endMinute)
                ]);
            }
        }
    }
    for (const period of schedule.oneOff) {
        intervals.push([localMinuteToInstant(zone, period.start), localMinuteToInstant(zone, period.end)]);
    }
    if (schedule.listedIn !== undefined) {
        // Never a silent gap: a schedule whose listed periods were not read has no known time.
        if (schedule.listed === undefined) throw new Error(`the maintenance periods listed in dataset '${schedule.listedIn}' were not read before evaluation`);
        intervals.push(...schedule.listed);
    }
    return clipIntervals(intervals, from, to);
}

function localMinuteToInstant(zone: string, point: { date: string; minute: number }): number {
    const date = parseCivilDate(point.date);
    if (date === undefined) throw new RangeError(`invalid maintenance date "${point.date}" (expected YYYY-MM-DD)`);
    return localToInstant(zone, date.year, date.month, date.day, 0, point.minute);
}
