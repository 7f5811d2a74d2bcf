import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { calendarWindowContaining, civilFromDays, formatCivilDate, MS_PER_DAY } from '@sla/engine';
import { isAgreement, isValidity, type Credit, type Objective, type SlaAstType, type TargetStep, type Window } from '../generated/ast.js';
import { calendarUnitOf, fiscalUnitOf, fiscalYearOf, fiscalYearStartMonth } from '../model/windows.js';
import { fix, insertBeforeNode, replaceNode, type QuickFix } from './quick-fix.js';
import { keywordNode, propertyNode, report } from './report.js';
import { dayNumber } from './agreement.js';

/**
 * A promise over the term (docs/language-reference.md § 9.3): `from 2026-04-01` (in force from
 * that day) and `, >= 99.7% from 2027-01-01` (the target from that day on). The dates are real,
 * each later than the one before, and — for calendar windows — the first day of a window, so that
 * no window is judged half under one promise and half under another; within the validity, or
 * they change nothing. A step compares as the objective does. A target per plan and a promise on
 * every item take no steps. The steps' units and ranges are checked with the objective's target
 * (objectives.ts).
 */
export function objectiveScheduleChecks(): ValidationChecks<SlaAstType> {
    return {
        Objective: (objective, accept) => {
            if (objective.inForceFrom === undefined && objective.steps.length === 0) return;
            checkSteps(objective, accept);
            checkDates(objective, accept);
        },
        // `credit for … from 2026-04-01`: the day credits are payable, a real date on a window start within the validity.
        Credit: (credit, accept) => {
            if (credit.payableFrom === undefined) return;
            const date = scheduleDate(credit, 'payableFrom', credit.payableFrom);
            if (date.day === undefined) {
                report(accept, 'objective-schedule', `'${date.text}' is not a date in the calendar. Write an existing date as YYYY-MM-DD.`, { node: credit, property: 'payableFrom' });
                return;
            }
            checkWindowStart(credit.window, date, accept);
            checkValidity(credit, [date], accept);
        }
    };
}

function checkSteps(objective: Objective, accept: ValidationAcceptor): void {
    const first = objective.steps[0];
    if (!first) return;
    if (objective.planTargets) {
        report(accept, 'objective-schedule',
            `A target per plan cannot also step over the term: which plan's target would ${first.from ?? 'its date'} change? Give the plans their targets in 'by plan { … }', or write one objective per plan.`,
            { node: first });
        return;
    }
    if (objective.items) {
        report(accept, 'objective-schedule',
            `A promise on every item ('objective each') takes one target: write one 'objective each … where …' per period instead of steps.`,
            { node: first });
        return;
    }
    const comparison = objective.comparison;
    if (!comparison) return;
    for (const step of objective.steps) {
        const target = propertyNode(step, 'target');
        if (!step.comparison) {
            if (!target) continue;
            report(accept, 'comparison-missing',
                `The step from ${step.from ?? '…'} has no comparison: write the objective's, '${comparison} ${target.text}'.`,
                { node: step, property: 'target' }, { fixes: [fix(`Write '${comparison}'`, [insertBeforeNode(target, `${comparison} `)], true)] });
        } else if (step.comparison !== comparison) {
            const written = propertyNode(step, 'comparison');
            report(accept, 'objective-schedule',
                `The step from ${step.from ?? '…'} compares with '${step.comparison}', the objective with '${comparison}': a promise keeps its direction over the term. Write '${comparison}'.`,
                { node: step, property: 'comparison' }, { fixes: written ? [fix(`Write '${comparison}'`, [replaceNode(written, comparison)], true)] : [] });
        }
    }
}

/** A date of the schedule: the in-force day, or a step's. */
interface ScheduleDate {
    node: Objective | TargetStep | Credit;
    property: 'inForceFrom' | 'from' | 'payableFrom';
    text: string;
    /** Day number (days since 1970-01-01), or undefined when the text is no calendar date. */
    day: number | undefined;
}

function checkDates(objective: Objective, accept: ValidationAcceptor): void {
    const dates: ScheduleDate[] = [
        ...(objective.inForceFrom === undefined ? [] : [scheduleDate(objective, 'inForceFrom', objective.inForceFrom)]),
        ...objective.steps.filter(step => step.from !== undefined).map(step => scheduleDate(step, 'from', step.from))
    ];
    let previous: ScheduleDate | undefined;
    for (const date of dates) {
        if (date.day === undefined) {
            report(accept, 'objective-schedule', `'${date.text}' is not a date in the calendar. Write an existing date as YYYY-MM-DD.`, { node: date.node, property: date.property });
            continue;
        }
        if (previous?.day !== undefined && date.day <= previous.day) {
            report(accept, 'objective-schedule',
                `${date.text} is not after ${previous.text}: the dates of a promise over the term follow each other (in force from the first, each step later than the one before).`,
                { node: date.node, property: date.property });
        } else {
            checkWindowStart(objective.window, date, accept);
        }
        previous = date;
    }
    checkValidity(objective, dates, accept);
}

function scheduleDate(node: ScheduleDate['node'], property: ScheduleDate['property'], text: string): ScheduleDate {
    return { node, property, text, day: dayNumber(text) };
}

/**
 * A calendar window must start on the date: a month from 15 April would be judged half against
 * one target and half against another (or, for a credit, be half payable). The fixes move the date to the start of the window it
 * falls in, or of the next one.
 */
function checkWindowStart(window: Window | undefined, date: ScheduleDate, accept: ValidationAcceptor): void {
    if (!window || date.day === undefined) return;
    const unit = window.fiscal ? fiscalUnitOf(window) : window.calendar ? calendarUnitOf(window.unit) : undefined;
    if (!unit || window.length !== undefined) return;
    const yearStartMonth = window.fiscal ? fiscalYearStartMonth(fiscalYearOf(window)) ?? 1 : 1;
    // The engine's calendar windows, on day numbers (a UTC day is one civil day).
    const containing = calendarWindowContaining('UTC', unit, date.day * MS_PER_DAY, yearStartMonth);
    const start = containing.start / MS_PER_DAY;
    if (start === date.day) return;
    const next = containing.end / MS_PER_DAY;
    const written = propertyNode(date.node, date.property);
    const dayText = (day: number): string => {
        const civil = civilFromDays(day);
        return formatCivilDate(civil.year, civil.month, civil.day);
    };
    const windowText = `${window.fiscal ? 'fiscal' : 'calendar'} ${unit}`;
    report(accept, 'objective-schedule',
        `${date.text} is not the first day of a ${windowText}: the ${windowText} from ${dayText(start)} would be judged partly before it and partly after. Write ${dayText(next)} (the next ${windowText}) or ${dayText(start)}.`,
        { node: date.node, property: date.property },
        { fixes: written ? [fix(`Write ${dayText(next)}`, [replaceNode(written, dayText(next))], true), fix(`Write ${dayText(start)}`, [replaceNode(written, dayText(start))])] : [] });
}

/**
 * Dates outside the validity change nothing: in force from the validity's first day or before,
 * the promise holds from the start anyway; a step on or before it leaves the objective's own
 * target unused; a date after the validity's last day never comes.
 */
function checkValidity(node: Objective | Credit, dates: readonly ScheduleDate[], accept: ValidationAcceptor): void {
    const validity = AstUtils.getContainerOfType(node, isAgreement)?.members.find(isValidity);
    const first = dayNumber(validity?.from);
    const last = dayNumber(validity?.to);
    if (first === undefined || last === undefined) return;
    for (const date of dates) {
        if (date.day === undefined) continue;
        if (date.day > last) {
            const never = date.property === 'inForceFrom' ? 'the promise is never in force' : date.property === 'payableFrom' ? 'no credit is ever payable' : 'this target never applies';
            report(accept, 'objective-schedule',
                `${date.text} is after the agreement's validity (${validity!.from} to ${validity!.to}): ${never}. Write a date within the validity, or extend it.`,
                { node: date.node, property: date.property }, { severity: 'warning' });
        } else if (date.day <= first) {
            const message = date.property === 'inForceFrom'
                ? `The promise is in force from ${date.text}, the validity from ${validity!.from}: it holds from the validity's first day anyway. Remove 'from ${date.text}', or write the day it comes into force.`
                : date.property === 'payableFrom'
                    ? `Credits are payable from ${date.text}, the validity from ${validity!.from}: they are payable from the validity's first day anyway. Remove 'from ${date.text}', or write the day the stabilization period ends.`
                    : `The step from ${date.text} applies from the validity's first day (${validity!.from}): the objective's own target never applies. Write that target as the objective's, or a later date.`;
            report(accept, 'objective-schedule', message, { node: date.node, property: date.property }, { severity: 'warning', fixes: removeDateFixes(date) });
        }
    }
}

/** `from 2026-01-01` that changes nothing (an in-force or payable day at the validity's start): the fix removes it, with the space before it. */
function removeDateFixes(date: ScheduleDate): QuickFix[] {
    if (date.property === 'from') return [];
    const keyword = keywordNode(date.node, 'from');
    const value = propertyNode(date.node, date.property);
    if (!keyword || !value || keyword.range.start.line !== value.range.end.line) return [];
    const start = { line: keyword.range.start.line, character: Math.max(0, keyword.range.start.character - 1) };
    return [fix(`Remove 'from ${date.text}'`, [{ range: { start, end: value.range.end }, newText: '' }], true)];
}
