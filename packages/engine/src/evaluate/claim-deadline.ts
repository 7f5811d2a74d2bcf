import { civilFromDays, formatCivilDate } from '../time/civil.js';
import { localDayNumber } from '../time/zone.js';

/**
 * `claim within N days` (after the end of the credit window): the last day a claim is in
 * time, as a date of the agreement's zone. A window ending at midnight (every calendar window)
 * ends with its last day: January's claims `within 15 days` run to 15 February. Whole days
 * in the zone, so a DST change in between moves nothing.
 */
export function claimDeadline(zone: string, windowEnd: number, days: number): string {
    const lastDay = localDayNumber(zone, windowEnd - 1);
    const deadline = civilFromDays(lastDay + days);
    return formatCivilDate(deadline.year, deadline.month, deadline.day);
}
