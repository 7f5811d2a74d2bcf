import type { ObjectiveModel } from '../model.js';
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
