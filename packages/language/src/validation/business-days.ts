import type { ValidationAcceptor, ValidationChecks } from 'langium';
import {
    isAggregate, isBinaryExpression, isElapsed, isKpi, isNameReference, isNumberLiteral, type BinaryExpression, type Calendar,
    type Expression, type InternalTarget, type Kpi, type NumberLiteral, type Objective, type Quantity, type SlaAstType
} from '../generated/ast.js';
import { walkFormula } from './formula-walk.js';
import { fix, replaceNode, type QuickFix } from './quick-fix.js';
import { weekdayIndexesOf } from '../model/weekday-ranges.js';
import { quote, report } from './report.js';

const CALENDAR_DAY_UNITS: Readonly<Record<string, number>> = { day: 1, days: 1, week: 7, weeks: 7 };

/**
 * `elapsed(…) during BusinessHours <= 2 days` is 48 hours of business time (about five
 * working days), where a contract manager means two business days: warn, and offer both
 * readings written out (`2 business days`, or the explicit hours).
 */
export function businessDayChecks(): ValidationChecks<SlaAstType> {
    const checkTarget = (node: Objective | InternalTarget, accept: ValidationAcceptor): void => {
        const kpi = node.kpi?.ref;
        const calendar = kpi ? businessCalendarOfKpi(kpi, []) : undefined;
        if (calendar && node.target) warnCalendarDays(node.target, calendar, false, accept);
    };
    return {
        Kpi: (kpi, accept) => walkFormula(kpi.formula, node => {
            if (!isBinaryExpression(node) || !['<', '<=', '>', '>='].includes(node.operator)) return;
            const pair = elapsedAgainstLiteral(node);
            if (pair) warnCalendarDays(pair.literal, pair.calendar, true, accept);
        }),
        Objective: checkTarget,
        InternalTarget: checkTarget
    };
}

/** `elapsed(…) during C <op> 2 days` (either order): the literal and C. */
function elapsedAgainstLiteral(node: BinaryExpression): { literal: NumberLiteral; calendar: Calendar } | undefined {
    for (const [elapsed, literal] of [[node.left, node.right], [node.right, node.left]] as const) {
        if (isElapsed(elapsed) && isNumberLiteral(literal)) {
            const calendar = elapsed.calendar?.ref;
            if (calendar) return { literal, calendar };
        }
    }
    return undefined;
}

/** The calendar whose business time a KPI's value is (an aggregate of one `elapsed … during C`), if any. */
function businessCalendarOfKpi(kpi: Kpi, visiting: Kpi[]): Calendar | undefined {
    if (visiting.includes(kpi)) return undefined;
    const formula: Expression | undefined = kpi.formula;
    if (isNameReference(formula) && isKpi(formula.target?.ref)) return businessCalendarOfKpi(formula.target.ref, [...visiting, kpi]);
    if (!isAggregate(formula) || formula.function === 'count') return undefined;
    const value = formula.selection?.value;
    return isElapsed(value) ? value.calendar?.ref : undefined;
}

function warnCalendarDays(quantity: Quantity | NumberLiteral, calendar: Calendar, perRow: boolean, accept: ValidationAcceptor): void {
    const daysPerUnit = quantity.unit ? CALENDAR_DAY_UNITS[quantity.unit] : undefined;
    if (daysPerUnit === undefined || quantity.value === undefined) return;
    const cst = quantity.$cstNode;
    const week = daysPerUnit === 7;
    const hours = uniformWorkingHours(calendar);
    const workingDaysPerWeek = workingWeekdays(calendar);
    // What the reader most likely meant: N working days (a week: the calendar's working days of one week).
    const businessDays = week ? quantity.value * workingDaysPerWeek : quantity.value;
    const fixes: QuickFix[] = [];
    if (cst && perRow) fixes.push(fix(`Write '${formatNumber(businessDays)} business days'`, [replaceNode(cst, `${formatNumber(businessDays)} business days`)], true));
    if (cst && hours !== undefined) {
        const explicit = businessDays * hours;
        fixes.push(fix(`Write '${formatNumber(explicit)} hours' (${formatNumber(businessDays)} × ${formatNumber(hours)} working hours)`,
            [replaceNode(cst, `${formatNumber(explicit)} hours`)], !perRow));
    }
    const literalHours = quantity.value * daysPerUnit * 24;
    const meaning = hours !== undefined
        ? `${formatNumber(literalHours)} hours of '${calendar.name}' time, about ${formatNumber(Math.round(literalHours / hours * 10) / 10)} working days of ${formatNumber(hours)} h`
        : `${formatNumber(literalHours)} hours of '${calendar.name}' time`;
    const alternatives = [
        perRow ? `'${formatNumber(businessDays)} business days'` : undefined,
        hours !== undefined ? `'${formatNumber(businessDays * hours)} hours'` : undefined
    ].filter(Boolean).join(' or ');
    report(accept, 'business-days-unclear',
        `${quote(quantity)} is compared with business time: it means ${meaning}, not ${formatNumber(businessDays)} business ${businessDays === 1 ? 'day' : 'days'}. ` +
        (alternatives ? `Write ${alternatives}.` : `Write the limit in hours of '${calendar.name}' time.`),
        { node: quantity, property: 'unit' },
        { fixes });
}

/** Working hours of every working day when all have the same length (ranges as written), else undefined. */
function uniformWorkingHours(calendar: Calendar): number | undefined {
    const minutesByDay = new Map<number, number>();
    for (const rule of calendar.rules) {
        const days = weekdayIndexesOf(rule);
        if (days.length === 0) return undefined;
        const minutes = rule.ranges.reduce((sum, range) => sum + Math.max(0, minuteOf(range.end) - minuteOf(range.start)), 0);
        for (const day of days) minutesByDay.set(day, (minutesByDay.get(day) ?? 0) + minutes);
    }
    const lengths = new Set(minutesByDay.values());
    if (lengths.size !== 1) return undefined;
    const [minutes] = lengths;
    return minutes > 0 ? minutes / 60 : undefined;
}

function workingWeekdays(calendar: Calendar): number {
    const days = new Set<number>();
    for (const rule of calendar.rules) for (const day of weekdayIndexesOf(rule)) days.add(day);
    return days.size || 5;
}

/** A number as source text (no grouping: `1000`, not `1,000`), without binary noise (2 × 7.7 = 15.4). */
function formatNumber(value: number): string {
    return String(Number(value.toPrecision(12)));
}

function minuteOf(time: string | undefined): number {
    const [hours, minutes] = (time ?? '0:00').split(':').map(Number);
    return hours * 60 + minutes;
}
