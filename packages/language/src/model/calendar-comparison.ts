/**
 * Whether a new version of a working-hours calendar gives the customer more or less (`sla diff`;
 * a client's own against its catalogue's, model/client-resolution.ts),
 * where that can be told: when the agreement measures only business time with it
 * (`elapsed(opened, responded) during SupportHours`), more working hours let the clock run in more
 * of the week, so a limit such as `<= 4 hours` expires sooner in wall-clock time — stricter for
 * the provider; fewer hours (support 24×7 cut to weekdays 8 to 6) or days off added give the
 * provider more time. An uptime measured `during` the calendar counts more downtime and more
 * eligible time at once (either way), and business *days* (`<= 2 business days`) are a share of
 * each day's hours, not monotone in them: both are not judged.
 */
import type { AstNode } from 'langium';
import { isArgumentValue, isCalendar, isParameter, type Agreement, type Calendar } from '../generated/ast.js';
import { workingCalendarOf } from '../evaluation/agreement-model.js';
import { astNodes, forEachReference, walkAst } from './ast-walk.js';

const DAY_MINUTES = 1440;

/** `tightened` (more working time), `loosened` (less), or undefined when it cannot be told (see above). */
export function businessTimeVerdict(before: Calendar, after: Calendar, agreement: Agreement): 'tightened' | 'loosened' | undefined {
    if (!measuresOnlyBusinessTime(after.name, agreement)) return undefined;
    const [was, is] = [workingTime(before), workingTime(after)];
    if (was.zone !== is.zone || was.rest !== is.rest) return undefined;
    const more = covers(is, was);
    const fewer = covers(was, is);
    if (more && !fewer) return 'tightened';
    if (fewer && !more) return 'loosened';
    return undefined;
}

/** Every use of the calendar called `name` is an `elapsed(…) during` it, and no quantity of the agreement is in business days. */
function measuresOnlyBusinessTime(name: string, agreement: Agreement): boolean {
    let elapsed = 0;
    let other = 0;
    walkAst(agreement, node => {
        // A template's argument or parameter default only passes a calendar on.
        if (isArgumentValue(node) || isParameter(node)) return false;
        forEachReference(node, ({ reference }) => {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (!isCalendar(target) || target.name !== name) return;
            if (node.$type === 'Elapsed') elapsed++;
            else other++;
        });
        return true;
    });
    const businessDays = astNodes(agreement).some((node: AstNode) => node.$type === 'Quantity' && /^business /.test((node as { unit?: string }).unit ?? ''));
    return elapsed > 0 && other === 0 && !businessDays;
}

interface WorkingTime {
    zone: string;
    /** per minute of the week from Monday 00:00, 1 when working */
    week: Uint8Array;
    /** days off, in the order written */
    holidays: Set<string>;
    holidaySets: NonNullable<ReturnType<typeof workingCalendarOf>['holidaySets']>;
    /** what else shapes the time (holiday sets, half days), compared as a whole */
    rest: string;
}

function workingTime(calendar: Calendar): WorkingTime {
    const working = workingCalendarOf(calendar, 'UTC');
    const week = new Uint8Array(7 * DAY_MINUTES);
    for (const rule of working.rules) {
        for (const weekday of rule.weekdays) week.fill(1, (weekday - 1) * DAY_MINUTES + rule.startMinute, (weekday - 1) * DAY_MINUTES + rule.endMinute);
    }
    return {
        zone: working.zone,
        week,
        holidays: new Set(working.holidays),
        holidaySets: working.holidaySets ?? [],
        rest: JSON.stringify([working.holidaySets ?? [], working.earlyClosings ?? []])
    };
}

/** `wider` works at least whenever `narrower` does: every working minute of the week, and no day off `narrower` does not have. */
function covers(wider: WorkingTime, narrower: WorkingTime): boolean {
    for (let minute = 0; minute < wider.week.length; minute++) if (narrower.week[minute] && !wider.week[minute]) return false;
    for (const day of wider.holidays) if (!narrower.holidays.has(day)) return false;
    return true;
}

/**
 * A calendar's working hours a week and days off, new against old (`40 working hours a week
 * instead of 50; days off added: 2026-12-31; removed: 12-24`); undefined when neither differs
 * (another title, or zone).
 */
export function calendarText(before: Calendar, after: Calendar): string | undefined {
    const facts = (calendar: Calendar) => {
        const { week, holidays, holidaySets } = workingTime(calendar);
        // The minutes of the week covered by at least one range.
        const minutes = week.reduce((sum, minute) => sum + minute, 0);
        const daysOff = [...holidays, ...holidaySets.map(set => `the public holidays of ${set.region}`)];
        return { hours: `${Number((minutes / 60).toFixed(2))} working hours a week`, daysOff };
    };
    const [was, is] = [facts(before), facts(after)];
    const added = is.daysOff.filter(day => !was.daysOff.includes(day));
    const removed = was.daysOff.filter(day => !is.daysOff.includes(day));
    const parts = [
        ...(was.hours === is.hours ? [] : [`${is.hours} instead of ${was.hours}`]),
        ...(added.length > 0 ? [`days off added: ${added.join(', ')}`] : []),
        ...(removed.length > 0 ? [`days off removed: ${removed.join(', ')}`] : [])
    ];
    return parts.length === 0 ? undefined : parts.join('; ');
}
