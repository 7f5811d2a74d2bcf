import { civilFromDays, daysInMonth, formatCivilDate } from '../time/civil.js';
import { localDayNumber } from '../time/zone.js';

/**
 * `claim within N days` (after the end of the credit window): the last day a claim is in
 * time, as a date of the agreement's zone. A window ending at midnight (every calendar window)
 * ends with its last day: January's claims `within 15 days` run to 15 February. Whole days
 * in the zone, so a DST change in between moves nothing. `windowEnd` is the end of the part the
 * agreement covers: valid to 15 June, June's claims `within 15 days` run to 30 June.
 */
export function claimDeadline(zone: string, windowEnd: number, days: number): string {
    const lastDay = localDayNumber(zone, windowEnd - 1);
    const deadline = civilFromDays(lastDay + days);
    return formatCivilDate(deadline.year, deadline.month, deadline.day);
}

/**
 * `claim within N months` (Microsoft: "within two months of the end of the month in which the
 * Incident occurred"; AWS: "by the end of the second billing cycle after"): the same day N
 * months after the window's last day, and the last day of that month when the window ended on
 * a month's last day (January's claims `within 2 months` run to 31 March, February's to
 * 30 April); a day the later month lacks becomes its last (31 March + 1 month: 30 April).
 */
export function claimDeadlineInMonths(zone: string, windowEnd: number, months: number): string {
    const last = civilFromDays(localDayNumber(zone, windowEnd - 1));
    const index = last.year * 12 + (last.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const endOfMonth = last.day === daysInMonth(last.year, last.month);
    const day = endOfMonth ? daysInMonth(year, month) : Math.min(last.day, daysInMonth(year, month));
    return formatCivilDate(year, month, day);
}
