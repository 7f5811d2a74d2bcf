/**
 * When a one-off maintenance slot ends. Written with an end time alone, a slot whose end is
 * not after its start runs past midnight into the next day, as a weekly slot does
 * (`on 2026-06-13 22:00 to 02:00` ends on 14 June at 02:00). Written with an end date, it ends
 * there; one that does not end after it starts covers no time, and validation says so
 * (validation/one-off-slots.ts). The evaluation model and explanations read the end here.
 */
import { civilFromDays, daysFromCivil, formatCivilDate, parseCivilDate } from '@sla/engine';
import type { OneOffSlot } from '../generated/ast.js';

/** The local date a slot ends on: its end date as written, else its start date, or the day after when the end time is not after the start time. */
export function oneOffEndDate(slot: OneOffSlot): string {
    return slot.endDate ?? endDateByTimes(slot.startDate, slot.startTime, slot.endTime);
}

/** The end date of a slot from `date start` to `end` written without one: `date`, or the day after when `end` is not after `start`. */
export function endDateByTimes(date: string, start: string, end: string): string {
    // While typing, a time may be missing (the parser reports it): the date as written.
    if (date === undefined || start === undefined || end === undefined || timeKey(end) > timeKey(start)) return date;
    const civil = parseCivilDate(date);
    // Not a real date: left as written, for the engine to refuse by name.
    if (civil === undefined) return date;
    const next = civilFromDays(daysFromCivil(civil.year, civil.month, civil.day) + 1);
    return formatCivilDate(next.year, next.month, next.day);
}

/** Whether a slot written with its end date ends at or before its start (`on 2026-06-20 22:00 to 2026-06-19 02:00`). */
export function oneOffEndsBeforeStart(slot: OneOffSlot): boolean {
    // While typing, a part may be missing (the parser reports it).
    if (slot.endDate === undefined || slot.startDate === undefined || slot.startTime === undefined || slot.endTime === undefined) return false;
    return `${slot.endDate} ${timeKey(slot.endTime)}` <= `${slot.startDate} ${timeKey(slot.startTime)}`;
}

/** `8:00` as `08:00`, so that times (and dates followed by times) compare as text. */
function timeKey(time: string): string {
    return time.padStart(5, '0');
}
