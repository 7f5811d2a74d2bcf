/**
 * What a new version of a maintenance declaration changes (`sla diff`; a client's own against
 * its catalogue's, model/client-resolution.ts), judged from the
 * customer's side where the maintenance excludes time from a promise: time in maintenance is
 * taken out of the uptime (or counted as available), so more of it, or a shorter notice, gives
 * the customer less — a review gate must not let "every sunday 02:00 to 04:00" become "01:00 to
 * 05:00" through as a mere replacement.
 *
 * Weekly slots (`every sunday 02:00 to 04:00`, `every day …`) are compared minute by minute over
 * the week; the others (one-off dates, `first sunday of each month`, `every other …`, periods
 * listed in a dataset, `as needed`, a zone of its own, `requested by customer`) as written: one
 * added is more time, one removed less, one rewritten another schedule.
 */
import type { AstNode } from 'langium';
import type { Maintenance } from '../generated/ast.js';
import { isArgumentValue, isMaintenance, isParameter, isRecurringSlot } from '../generated/ast.js';
import { refersTo } from './ast-walk.js';
import { textWithoutLayout } from './written-text.js';
import { quantityValue } from '../types/type-computer.js';

const WEEK_MINUTES = 7 * 1440;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export interface MaintenanceChange {
    /** More time in maintenance or a shorter notice (and nothing the other way): loosened; the reverse: tightened; else replaced. */
    kind: 'tightened' | 'loosened' | 'replaced';
    /** `4 hours a week instead of 2 hours a week; notice 48 hours instead of 72 hours` */
    parts: string[];
}

/** The change from `before` to `after`; undefined when neither the time in maintenance nor the notice differs (another title, layout). */
export function maintenanceChange(before: Maintenance, after: Maintenance): MaintenanceChange | undefined {
    const [was, is] = [factsOf(before), factsOf(after)];
    const parts: string[] = [];
    let more = false;
    let less = false;
    // Weekly slots, minute by minute.
    let weeklyMore = false;
    let weeklyLess = false;
    for (let minute = 0; minute < WEEK_MINUTES; minute++) {
        if (is.week[minute] && !was.week[minute]) weeklyMore = true;
        if (was.week[minute] && !is.week[minute]) weeklyLess = true;
    }
    if (weeklyMore || weeklyLess) {
        more ||= weeklyMore;
        less ||= weeklyLess;
        const [oldHours, newHours] = [hoursText(was.week), hoursText(is.week)];
        parts.push(oldHours === newHours ? `weekly slots ${is.weeklyText} instead of ${was.weeklyText}` : `${newHours} instead of ${oldHours} (${is.weeklyText || 'no weekly slot'} instead of ${was.weeklyText || 'no weekly slot'})`);
    }
    // The rest as written: added, removed.
    const added = is.other.filter(line => !was.other.includes(line));
    const removed = was.other.filter(line => !is.other.includes(line));
    if (added.length > 0) {
        more = true;
        parts.push(`added: ${added.join(', ')}`);
    }
    if (removed.length > 0) {
        less = true;
        parts.push(`removed: ${removed.join(', ')}`);
    }
    let replaced = was.schedule !== is.schedule;
    if (replaced) parts.push(`${is.schedule || 'no zone or requester of its own'} instead of ${was.schedule || 'no zone or requester of its own'}`);
    // A shorter notice (none: none asked) gives the customer less warning.
    // `72 hours` for `3 days` is the same notice.
    if (was.noticeText !== is.noticeText && !(was.noticeMs !== undefined && was.noticeMs === is.noticeMs)) {
        parts.push(`${is.noticeText ?? 'no notice'} instead of ${was.noticeText ?? 'no notice'}`);
        const [oldMs, newMs] = [was.noticeMs ?? 0, is.noticeMs ?? 0];
        if (newMs < oldMs) more = true;
        else if (newMs > oldMs) less = true;
        else if (was.noticeMs === undefined || is.noticeMs === undefined) replaced = true; // a notice that is not a duration
    }
    if (parts.length === 0) return undefined;
    const kind = replaced || (more && less) ? 'replaced' : more ? 'loosened' : less ? 'tightened' : 'replaced';
    return { kind, parts };
}

/**
 * Whether something under `root` takes time out of a promise with the maintenance called `name`:
 * an uptime `excluding` it or `counting` it `as available`, an exclusion `during` it (a template's
 * argument or parameter default that names it only passes it on).
 */
export function maintenanceExcludedIn(root: AstNode, name: string): boolean {
    return refersTo(root, target => isMaintenance(target) && target.name === name, node => isArgumentValue(node) || isParameter(node));
}

interface MaintenanceFacts {
    /** per minute of the week from Monday 00:00 (the maintenance's own zone), 1 when a weekly slot covers it */
    week: Uint8Array;
    weeklyText: string;
    /** the slots and lines compared as written */
    other: string[];
    /** its zone and `requested by customer`, as written */
    schedule: string;
    noticeText?: string;
    noticeMs?: number;
}

function factsOf(maintenance: Maintenance): MaintenanceFacts {
    const week = new Uint8Array(WEEK_MINUTES);
    const weekly: string[] = [];
    const other: string[] = [];
    for (const slot of maintenance.slots) {
        // (A slot half written in the editor, without its day or times, is compared as written.)
        if (isRecurringSlot(slot) && !slot.other && !slot.second && typeof slot.range?.start === 'string' && typeof slot.range.end === 'string') {
            weekly.push(textWithoutLayout(slot));
            const days = slot.day === 'day' ? [0, 1, 2, 3, 4, 5, 6] : [WEEKDAYS.indexOf(slot.day)];
            const [start, end] = [minutesOf(slot.range.start), minutesOf(slot.range.end)];
            // `22:00 to 02:00` runs into the next day.
            const length = end > start ? end - start : end + 1440 - start;
            for (const day of days) {
                if (day < 0) continue;
                for (let minute = 0; minute < length; minute++) week[(day * 1440 + start + minute) % WEEK_MINUTES] = 1;
            }
        } else {
            other.push(textWithoutLayout(slot));
        }
    }
    other.push(...maintenance.periods.map(periods => textWithoutLayout(periods)), ...maintenance.asNeeded.map(() => 'as needed'));
    const notice = maintenance.notices[0]?.period;
    const noticeValue = notice ? quantityValue(notice) : undefined;
    return {
        week,
        weeklyText: weekly.join(', '),
        other,
        schedule: [...maintenance.timezones, ...maintenance.requestedBy].map(node => textWithoutLayout(node)).join(', '),
        ...(maintenance.notices[0] ? { noticeText: textWithoutLayout(maintenance.notices[0]) } : {}),
        ...(noticeValue?.type.kind === 'duration' ? { noticeMs: noticeValue.value } : {})
    };
}

function minutesOf(time: string): number {
    const [hours, minutes] = time.split(':').map(Number);
    return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** `2 hours a week`, `1.5 hours a week`, `1 hour a week` */
function hoursText(week: Uint8Array): string {
    const hours = Number((week.reduce((sum, covered) => sum + covered, 0) / 60).toFixed(2));
    return `${hours} hour${hours === 1 ? '' : 's'} a week`;
}
