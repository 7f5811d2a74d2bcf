import { civilFromDays, daysFromCivil, formatCivilDate, parseCivilDate, weekdayFromDays } from '@sla/engine';
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { NthWeekdaySlot, RecurringSlot, SlaAstType } from '../generated/ast.js';
import { listedPeriod } from '../model/calendar-days.js';
import { nearestWord } from '../types/units.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const PERIODS = ['month', 'quarter', 'year'];

/**
 * Maintenance by rule: `every second tuesday` is ambiguous (every other Tuesday, or the
 * second Tuesday of the month?); `every other …` needs the date it starts from, on its
 * weekday; `… of each month|quarter|year` names one of those periods.
 */
export function maintenanceRuleChecks(): ValidationChecks<SlaAstType> {
    return {
        RecurringSlot: checkRecurringSlot,
        NthWeekdaySlot: checkPeriod
    };
}

/** The first day on or after the agreement's start (else 2026-01-01 is no better than any) that falls on `weekday` (0: any day). */
function firstDayFrom(slot: RecurringSlot, weekday: number): string | undefined {
    const period = listedPeriod(slot);
    if (!period.fromValidity) return undefined;
    let day = period.first;
    while (weekday !== 0 && weekdayFromDays(day) !== weekday) day++;
    const { year, month, day: d } = civilFromDays(day);
    return formatCivilDate(year, month, d);
}

function checkRecurringSlot(slot: RecurringSlot, accept: ValidationAcceptor): void {
    const range = slot.range ? `${slot.range.start} to ${slot.range.end}` : undefined;
    const whole = slot.$cstNode;
    const weekday = slot.day === 'day' ? 0 : WEEKDAYS.indexOf(slot.day) + 1;
    if (slot.second) {
        const anchor = firstDayFrom(slot, weekday);
        if (slot.day === 'day') {
            report(accept, 'maintenance-rule', `'every second day' is every other day: from which day? Write 'every other day starting YYYY-MM-DD'.`,
                { node: slot, keyword: 'second' },
                { fixes: anchor && whole && range ? [fix(`Write 'every other day starting ${anchor}'`, [replaceNode(whole, `every other day starting ${anchor} ${range}`)], true)] : [] });
            return;
        }
        const fixes = [];
        if (whole && range) {
            fixes.push(fix(`The second ${slot.day} of each month`, [replaceNode(whole, `second ${slot.day} of each month ${range}`)]));
            if (anchor) fixes.push(fix(`Every other ${slot.day}, starting ${anchor}`, [replaceNode(whole, `every other ${slot.day} starting ${anchor} ${range}`)]));
        }
        report(accept, 'maintenance-ambiguous',
            `'every second ${slot.day}' can mean every other ${slot.day} (26 a year) or the second ${slot.day} of each month (12 a year). Write 'every other ${slot.day} starting YYYY-MM-DD' or 'second ${slot.day} of each month'.`,
            { node: slot, keyword: 'second' }, { fixes });
        return;
    }
    if (slot.other && slot.anchor === undefined) {
        const anchor = firstDayFrom(slot, weekday);
        const dayNode = propertyNode(slot, 'day');
        report(accept, 'maintenance-rule',
            `'every other ${slot.day}' needs its first date, or nobody knows which ${slot.day === 'day' ? 'days' : 'weeks'} it is: add 'starting YYYY-MM-DD'${anchor ? ` (e.g. ${anchor})` : ''}.`,
            { node: slot, keyword: 'other' },
            { fixes: anchor && dayNode ? [fix(`Add 'starting ${anchor}'`, [{ range: { start: dayNode.range.end, end: dayNode.range.end }, newText: ` starting ${anchor}` }], true)] : [] });
        return;
    }
    if (slot.anchor !== undefined) {
        if (!slot.other) {
            report(accept, 'maintenance-rule',
                `'starting' gives the first date of an 'every other …' slot; a weekly slot runs for the whole validity. Write 'every other ${slot.day} starting ${slot.anchor}', or remove 'starting ${slot.anchor}'.`,
                { node: slot, property: 'anchor' });
            return;
        }
        const date = parseCivilDate(slot.anchor);
        if (date === undefined) {
            report(accept, 'maintenance-rule', `'${slot.anchor}' is not a real date.`, { node: slot, property: 'anchor' });
            return;
        }
        const actual = weekdayFromDays(daysFromCivil(date.year, date.month, date.day));
        if (weekday !== 0 && actual !== weekday) {
            let next = daysFromCivil(date.year, date.month, date.day);
            while (weekdayFromDays(next) !== weekday) next++;
            const c = civilFromDays(next);
            const suggestion = formatCivilDate(c.year, c.month, c.day);
            const anchorNode = propertyNode(slot, 'anchor');
            report(accept, 'maintenance-rule',
                `${slot.anchor} is a ${WEEKDAYS[actual - 1]}, not a ${slot.day}: the first ${slot.day} on or after it is ${suggestion}.`,
                { node: slot, property: 'anchor' },
                { fixes: anchorNode ? [fix(`Start on ${suggestion}`, [replaceNode(anchorNode, suggestion)], true)] : [] });
        }
    }
}

function checkPeriod(slot: NthWeekdaySlot, accept: ValidationAcceptor): void {
    if (slot.period === undefined || PERIODS.includes(slot.period)) return;
    const nearest = nearestWord(slot.period.replace(/s$/, ''), PERIODS, 2);
    const node = propertyNode(slot, 'period');
    report(accept, 'maintenance-rule',
        `'of each ${slot.period}': a rule slot falls in each month, quarter or year. Write 'of each month', 'of each quarter' or 'of each year'${slot.period.startsWith('week') ? `, or 'every ${slot.day}' for every week` : ''}.`,
        { node: slot, property: 'period' },
        { fixes: nearest && node ? [fix(`Write 'of each ${nearest}'`, [replaceNode(node, nearest)], true)] : [] });
}
