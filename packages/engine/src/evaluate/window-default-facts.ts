import type { ObjectiveModel } from '../model.js';
import type { WindowValue } from './kpi-evaluator.js';
import { defaultFacts, type DefaultFacts } from './service-level-default.js';
import { isInsufficient, judgeSmallVolume, sampledAlternatives, smallVolumeDefaultFacts } from './small-volume.js';
import type { TargetSchedule } from './target-schedule.js';
import { countsEarlierWindows, type WindowHistory } from './window-history.js';
import type { PlannedWindow } from './window-plan.js';

type Judged = Pick<ObjectiveModel, 'comparison' | 'unitKind' | 'minimum' | 'minimumRows' | 'smallVolumeAllowed'>;

/**
 * A measured window as a default rule sees it (service-level-default.ts): judged by its failing
 * items below a minimum sample with `else at most M failing`; with fewer rows than the minimum
 * sample otherwise, no data (no data shows no failure).
 */
export function windowDefaultFacts(objective: Judged, target: number, result: WindowValue): DefaultFacts {
    const smallVolume = judgeSmallVolume(objective, objective.comparison, result);
    if (smallVolume !== undefined) return smallVolumeDefaultFacts(objective, smallVolume, result.exact!);
    return defaultFacts(objective, target, isInsufficient(result.rows, objective.minimumRows) ? null : result.exact, sampledAlternatives(objective.minimumRows, result));
}

/**
 * The judged windows before the evaluation period that the default rule counts with the period's
 * first window (`first`): at most the last M − 1 of `3 of any M`, measured on the history
 * (window-history.ts), for one scope value. Empty without a history (the period starts on the
 * validity's first day) or a rule over one window. A window the period cuts is not counted twice:
 * only the history's windows that end where the period's first nominal window starts, or before.
 */
export function earlierDefaultFacts(objective: ObjectiveModel, history: WindowHistory | undefined, schedule: Pick<TargetSchedule, 'judges' | 'targetOf'>, scopeValue: unknown, first: PlannedWindow | undefined): DefaultFacts[] {
    if (history === undefined || first === undefined || !countsEarlierWindows(objective)) return [];
    const span = objective.defaultRule!.span ?? objective.defaultRule!.breached;
    const earlier = history.plan.windowPlan(objective.window).windows.filter((window) => window.end <= first.start && schedule.judges(window)).slice(-(span - 1));
    return earlier.map((window) => {
        const target = schedule.targetOf(window, scopeValue);
        const result = history.evaluator.evaluate(objective.kpi, objective.window, window, objective.scopeField, scopeValue, { comparison: objective.comparison, target });
        return windowDefaultFacts(objective, target, result);
    });
}
