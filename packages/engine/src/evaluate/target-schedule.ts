import type { ObjectiveModel } from '../model.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { InstantFormatter } from './instant-format.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { isInfinite } from './exact-value.js';
import { localDayNumber } from '../time/zone.js';
import { daysFromCivil, requireCivilDate } from '../time/civil.js';
import { dayStart, type EvaluationPeriod } from './evaluation-period.js';
import type { PlannedWindow } from './window-plan.js';
import type { ImprovedTargetReport } from '../report/report-types.js';
import { contractYearOf, contractYearStarts, improvedTargets, type ImprovementInputs } from './continuous-improvement.js';
import type { WindowHistory } from './window-history.js';

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
    /**
     * The target of the window: the last step on or before its covered start, else the objective's;
     * improved yearly, the target of the contract year it starts in (for this scope value).
     */
    targetOf(window: PlannedWindow, scopeValue?: unknown): number;
    /** The promise has steps or improves yearly: each window's report states its target. */
    stepped: boolean;
    /** Improved yearly: the targets of contract years 2, 3, … reached so far, per scope value (continuous-improvement.ts). */
    improvedTargets(scopeValue?: unknown): ImprovedTargetReport[];
}

type Scheduled = Pick<ObjectiveModel, 'target' | 'inForceFrom' | 'targetSteps' | 'improvement'> & Partial<Pick<ObjectiveModel, 'comparison' | 'kpiName'>>;

/** `improvement`: how the windows an improved target is computed from are measured (required when the objective improves yearly). */
export function targetSchedule(objective: Scheduled, zone: string, period: EvaluationPeriod, improvement?: ImprovementInputs): TargetSchedule {
    const instant = (date: string): number => dayStart(zone, date);
    const inForce = objective.inForceFrom === undefined ? -Infinity : instant(objective.inForceFrom);
    const steps = (objective.targetSteps ?? []).map((step) => ({ from: instant(step.from), target: step.target }));
    const coveredStart = (window: PlannedWindow): number => Math.max(window.start, period.validityStart);
    const steppedTarget = (start: number): number => {
        let target = objective.target;
        for (const step of steps) if (step.from <= start) target = step.target;
        return target;
    };
    if (objective.improvement === undefined) {
        return { judges: (window) => coveredStart(window) >= inForce, targetOf: (window) => steppedTarget(coveredStart(window)), stepped: steps.length > 0, improvedTargets: () => [] };
    }
    if (improvement === undefined || objective.comparison === undefined) throw new Error(`${objective.kpiName ?? 'The objective'} improves yearly: its comparison and its windows are needed to compute its targets`);
    const improved = { comparison: objective.comparison, improvement: objective.improvement, kpiName: objective.kpiName ?? 'The objective' };
    const inputs = improvement;
    const starts = contractYearStarts(zone, period);
    const lastWindow = inputs.windows[inputs.windows.length - 1];
    const lastYear = lastWindow === undefined ? 0 : contractYearOf(starts, coveredStart(lastWindow));
    // The next contract year begins within the horizon after the last day evaluated: its target so far.
    const next = starts[lastYear + 1];
    const preview = next !== undefined && next >= period.end && localDayNumber(zone, next) - localDayNumber(zone, period.end - 1) <= UPCOMING_HORIZON_DAYS;
    // Per scope value, computed at first use (the objective's report and its credit ask for the same years).
    const computed = new Map<unknown, ImprovedTargetReport[]>();
    const yearsOf = (scopeValue: unknown): ImprovedTargetReport[] => {
        let years = computed.get(scopeValue);
        if (years === undefined) computed.set(scopeValue, (years = improvedTargets(improved, objective.target, starts, period, inputs, scopeValue, lastYear, preview)));
        return years;
    };
    return {
        judges: (window) => coveredStart(window) >= inForce,
        targetOf: (window, scopeValue) => {
            const year = contractYearOf(starts, coveredStart(window));
            return year === 0 ? objective.target : yearsOf(scopeValue)[year - 1]!.target; // never a preview: no window of that year is planned
        },
        stepped: true,
        improvedTargets: (scopeValue) => yearsOf(scopeValue)
    };
}

/**
 * The schedule of an objective being evaluated. Improved yearly, the targets of its later contract
 * years come from its own judged windows (each measured against the target of its year); those
 * before the evaluation period from `history` (window-history.ts).
 */
export function objectiveSchedule(objective: ObjectiveModel, plan: EvaluationPlan, evaluator: KpiEvaluator, times: InstantFormatter, history?: WindowHistory): TargetSchedule {
    if (objective.improvement === undefined) return targetSchedule(objective, times.zone, plan.period);
    // Which windows are judged does not depend on the improvement.
    const plain = targetSchedule({ ...objective, improvement: undefined }, times.zone, plan.period);
    const measured = windowsWithHistory(objective, history, plan.windowPlan(objective.window).windows);
    // Measured from the validity's first day when the history reaches back to it.
    const period = history === undefined ? plan.period : { ...plan.period, start: history.period.start };
    return targetSchedule(objective, times.zone, period, {
        windows: measured.windows.filter(plain.judges),
        measure: (window, scopeValue, target) => {
            const by = measured.isHistory(window) ? history!.evaluator : evaluator;
            const result = by.evaluate(objective.kpi, objective.window, window, objective.scopeField, scopeValue, { comparison: objective.comparison, target });
            // No data, too few rows (`with at least N …`) or a value without end: not a measurement.
            if (result.exact === null || result.value === null || isInfinite(result.exact)) return null;
            if (objective.minimumRows !== undefined && result.rows < objective.minimumRows) return null;
            return { exact: result.exact, value: result.value };
        },
        format: (instant) => times.format(instant)
    });
}

/** The windows an improved objective's targets are computed from: the history's, then the evaluation's. */
export function windowsWithHistory(objective: ObjectiveModel, history: WindowHistory | undefined, windows: readonly PlannedWindow[]): { windows: PlannedWindow[]; isHistory(window: PlannedWindow): boolean } {
    if (history === undefined) return { windows: [...windows], isHistory: () => false };
    // Those that end before the period's first (the history's last window may be cut where the windows judged begin).
    const earlier = history.plan.windowPlan(objective.window).windows.filter((window) => window.end <= (windows[0]?.start ?? history.period.end));
    const set = new Set(earlier);
    return { windows: [...earlier, ...windows], isHistory: (window) => set.has(window) };
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
