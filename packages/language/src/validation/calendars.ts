import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isWorkingHours, type Calendar, type SlaAstType, type TimeRange } from '../generated/ast.js';
import { WEEKDAYS, weekdayIndexesOf } from '../model/weekday-ranges.js';
import { report } from './report.js';

/** Working-hours calendars: they have hours, each range ends after it starts, and ranges of one day do not overlap. */
export function calendarChecks(): ValidationChecks<SlaAstType> {
    return {
        TimeRange: checkTimeRange,
        Calendar: [checkHasHours, checkOverlaps]
    };
}

/**
 * `calendar SupportHours { except 2026-12-25 }`: days off and holidays only take time away, so
 * without a weekday line nothing is working time: every `elapsed … during` it is 0 (a P1
 * answered two days later meets a 30-minute promise) and an `uptime … during` it measures nothing.
 */
function checkHasHours(calendar: Calendar, accept: ValidationAcceptor): void {
    if (calendar.rules.length > 0 || !calendar.name) return;
    report(accept, 'calendar-empty',
        `The calendar '${calendar.name}' has no working hours: elapsed time during it is always 0, and an uptime during it measures nothing. Add its hours, e.g. 'monday to friday 08:00 to 18:00'.`,
        { node: calendar, property: 'name' });
}

/** Minutes since midnight of `HH:MM`; 24:00 is the end of the day. Undefined when not a time of day. */
function minutesOf(time: string | undefined): number | undefined {
    const match = time ? /^(\d{1,2}):(\d{2})$/.exec(time) : null;
    if (!match) return undefined;
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
    return hours * 60 + minutes;
}

function checkTimeRange(range: TimeRange, accept: ValidationAcceptor): void {
    for (const property of ['start', 'end'] as const) {
        const time = range[property];
        if (time !== undefined && minutesOf(time) === undefined) {
            report(accept, 'calendar-range', `'${time}' is not a time of day: write hours 00–24 and minutes 00–59, e.g. '08:00'.`, { node: range, property });
        }
    }
    // Maintenance slots may cross midnight (`every sunday 22:00 to 02:00`); working hours may not.
    if (!isWorkingHours(range.$container)) return;
    const start = minutesOf(range.start);
    const end = minutesOf(range.end);
    if (start === undefined || end === undefined || end > start) return;
    report(accept, 'calendar-range',
        `Working hours '${range.start} to ${range.end}' end ${end === start ? 'when they start' : 'before they start'}. Write the later time second (use '24:00' for midnight); split a night shift into two ranges on consecutive days.`,
        { node: range, property: 'end' });
}

function checkOverlaps(calendar: Calendar, accept: ValidationAcceptor): void {
    const byDay = new Map<string, Array<{ range: TimeRange; start: number; end: number }>>();
    for (const rule of calendar.rules) {
        for (const range of rule.ranges) {
            const start = minutesOf(range.start);
            const end = minutesOf(range.end);
            if (start === undefined || end === undefined || end <= start) continue;
            for (const day of weekdayIndexesOf(rule).map(index => WEEKDAYS[index])) {
                const ranges = byDay.get(day) ?? [];
                const clash = ranges.find(other => other.range !== range && start < other.end && other.start < end);
                if (clash) {
                    report(accept, 'calendar-range',
                        `'${range.start} to ${range.end}' overlaps '${clash.range.start} to ${clash.range.end}' on ${day}s in the calendar '${calendar.name}': is that time counted once or twice? Merge the ranges or make them meet.`,
                        { node: range });
                    break;
                }
                ranges.push({ range, start, end });
                byDay.set(day, ranges);
            }
        }
    }
}
