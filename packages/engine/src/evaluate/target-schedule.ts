import type { ObjectiveModel } from '../model.js';
import { localDayNumber } from '../time/zone.js';
import { daysFromCivil, requireCivilDate } from '../time/civil.js';
import { dayStart, type EvaluationPeriod } from './evaluation-period.js';
import type { PlannedWindow } from './window-plan.js';

/**
 * A promise over the term (docs/language-reference.md § 9.3): in force from a date (`from
 * 2026-04-01`: the windows of a transition period before it promise nothing), and a target that
 * steps up on dates (`, >= 99.7% from 2027-01-01`). A window belongs to the date its covered part
 * starts on (the window's start, or the validity's when the validity cuts it); the validator
 * requires the dates to be window starts, so no window straddles one.
 */
export interface TargetSchedule {
    /** The window is judged: its covered part starts on or after the date the promise is in force. */
    judges(window: PlannedWindow): boolean;
    /** The target of the window: the last step on or before its covered start, else the objective's. */
    targetOf(window: PlannedWindow): number;
    /** The promise has steps: each window's report states its target. */
    stepped: boolean;
}

type Scheduled = Pick<ObjectiveModel, 'target' | 'inForceFrom' | 'targetSteps'>;

export function targetSchedule(objective: Scheduled, zone: string, period: EvaluationPeriod): TargetSchedule {
    const instant = (date: string): number => dayStart(zone, date);
    const inForce = objective.inForceFrom === undefined ? -Infinity : instant(objective.inForceFrom);
    const steps = (objective.targetSteps ?? []).map((step) => ({ from: instant(step.from), target: step.target }));
    const coveredStart = (window: PlannedWindow): number => Math.max(window.start, period.validityStart);
    return {
        judges: (window) => coveredStart(window) >= inForce,
        targetOf: (window) => {
            const start = coveredStart(window);
            let target = objective.target;
            for (const step of steps) if (step.from <= start) target = step.target;
            return target;
        },
        stepped: steps.length > 0
    };
}

/** A promise that comes into force or steps up within this many days after the last day evaluated is listed as upcoming. */
export const UPCOMING_HORIZON_DAYS = 90;

/**
 * The next change of a promise over the term after the evaluation period: the day it comes into
 * force, or its next step, when that day is after the last day evaluated and at most
 * UPCOMING_HORIZON_DAYS later (agreement zone). `target` is the target from that day on.
 */
export function upcomingTerm(objective: Scheduled, zone: string, period: EvaluationPeriod): { from: string; target: number; inForce: boolean; days: number } | undefined {
    const lastDay = localDayNumber(zone, period.end - 1);
    const changes = [
        ...(objective.inForceFrom === undefined ? [] : [{ from: objective.inForceFrom, target: objective.target, inForce: true }]),
        ...(objective.targetSteps ?? []).map((step) => ({ from: step.from, target: step.target, inForce: false }))
    ];
    const lastValidDay = localDayNumber(zone, period.validityEnd - 1);
    for (const change of changes) {
        const date = requireCivilDate(change.from);
        const day = daysFromCivil(date.year, date.month, date.day);
        if (day > lastDay) return day - lastDay <= UPCOMING_HORIZON_DAYS && day <= lastValidDay ? { ...change, days: day - lastDay } : undefined;
    }
    return undefined;
}
