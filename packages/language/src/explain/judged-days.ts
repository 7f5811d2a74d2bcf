/**
 * The days a target of a promise over the term judges (docs/language-reference.md § 9.3): the
 * objective's own target from the day it is in force to its first step, each step up to the
 * next. An error budget lists only the windows of those days, as the evaluation judges them.
 */
import { localToInstant } from '@sla/engine';
import { isObjective, type InternalTarget, type Objective } from '../generated/ast.js';
import type { CalendarPeriod } from './error-budget.js';
import { parseDate } from './wording.js';

/** `from` inclusive, `until` exclusive (ISO dates, midnight in the agreement's zone); unbounded when absent. */
export interface JudgedDays {
    from?: string;
    until?: string;
}

/**
 * The days the objective's own target judges: from its in-force day until its first step. A step
 * or the minimum is read as an objective of its own (stepObjective, minimumObjective), so this
 * gives theirs too.
 */
export function judgedDays(objective: Objective | InternalTarget): JudgedDays {
    if (!isObjective(objective)) return {};
    return { from: objective.inForceFrom, until: objective.steps[0]?.from };
}

/**
 * The windows whose target that is: a window belongs to the day its covered part starts (its
 * first day, or the validity's when the validity cuts it), as the evaluation's target schedule
 * reads it. A date that is no real date bounds nothing (the validator reports it).
 */
export function judgedPeriods(periods: CalendarPeriod[], zone: string, judged: JudgedDays | undefined): CalendarPeriod[] {
    const from = dayStart(zone, judged?.from) ?? -Infinity;
    const until = dayStart(zone, judged?.until) ?? Infinity;
    if (from === -Infinity && until === Infinity) return periods;
    return periods.filter(period => {
        const coveredStart = period.cut?.start ?? period.start;
        return coveredStart >= from && coveredStart < until;
    });
}

function dayStart(zone: string, date: string | undefined): number | undefined {
    const day = parseDate(date);
    return day && localToInstant(zone, ...day);
}
