/**
 * The windows before an evaluation period that starts after the validity's first day
 * (`--from 2027-03-01`), for the terms that count them:
 * - Continuous Improvement: the target of each contract year comes from the windows of the year before;
 * - a default rule (`default when breached in 3 of any 6 consecutive windows`): March is a default
 *   when January and February were missed too, whether the evaluation starts in January or March;
 * - a termination right on objectives (`when Availability is breached in 3 consecutive windows`):
 *   it fires, or fired, at the window the whole term's evaluation says.
 * Those windows lie before the period, where its pass drops every row. As previous-fees.ts does for
 * fees, they are measured on their own: those objectives alone, from the validity's first day to
 * the day before the period (their datasets are read a second time), with the evaluation's data
 * coverage, so that each window has the value a whole evaluation gives it.
 */
import type { AgreementModel } from '../model.js';
import { addCivilDays, formatCivilDate } from '../time/civil.js';
import { instantToLocal, localDayNumber } from '../time/zone.js';
import { contractYearOf, contractYearStarts } from './continuous-improvement.js';
import { UPCOMING_HORIZON_DAYS } from './target-schedule.js';
import type { DataCoverage } from './data-coverage.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';

/** The windows of the objectives that count earlier windows, before the evaluation period, measured. */
export interface WindowHistory {
    /** From the validity's first instant to the evaluation period's first. */
    period: EvaluationPeriod;
    /** The plan and evaluator of the history: `plan.windowPlan(objective.window)` holds its windows; `evaluator` measures them. */
    plan: EvaluationPlan;
    evaluator: KpiEvaluator;
}

/** What to measure: those objectives alone, over the validity to `to`, the day before the period. */
export interface HistoryRequest {
    model: AgreementModel;
    /** The last day (inclusive), YYYY-MM-DD. */
    to: string;
}

/** Plans and reads `model` over its period (`to`: the last day, inclusive), measured with the evaluation's `coverage`. */
export type MeasureWindows = (request: HistoryRequest, coverage: ReadonlyMap<string, DataCoverage>) => Promise<{ plan: EvaluationPlan; evaluator: KpiEvaluator; period: EvaluationPeriod }>;

/**
 * The request when the period starts after the validity's first day and an objective counts the
 * windows before it: one improved yearly whose target asks for them (needsEarlierYears), or one
 * with a default rule over more than one window. Undefined otherwise. The history measures every
 * improved objective and every such default rule (an improved objective's schedule reads the
 * history's windows whenever there is one).
 */
export function historyRequest(model: AgreementModel, period: EvaluationPeriod): HistoryRequest | undefined {
    if (period.start <= period.validityStart) return undefined;
    const improved = model.objectives.some((objective) => objective.improvement !== undefined) && needsEarlierYears(model.timezone, period);
    const judgedByRights = new Set((model.terminations ?? []).filter((termination) => rightMeasuredByHistory(model, termination)).flatMap((termination) => termination.objectives));
    if (!improved && !model.objectives.some(countsEarlierWindows) && judgedByRights.size === 0) return undefined;
    const objectives = model.objectives.filter((objective, index) => objective.improvement !== undefined || countsEarlierWindows(objective) || judgedByRights.has(index));
    const history: AgreementModel = { ...model, objectives, internalTargets: [], credits: [], itemObjectives: undefined, terminations: undefined, creditCaps: undefined };
    return { model: history, to: dayBefore(model.timezone, period.start) };
}

/** The history of one agreement (historyRequest), measured by `measure`; undefined when none is asked for. */
export async function measureWindowHistory(model: AgreementModel, period: EvaluationPeriod, coverage: ReadonlyMap<string, DataCoverage>, measure: MeasureWindows): Promise<WindowHistory | undefined> {
    const request = historyRequest(model, period);
    if (request === undefined) return undefined;
    const measured = await measure(request, coverage);
    return { period: measured.period, plan: measured.plan, evaluator: measured.evaluator };
}

/** A termination right whose windows the history measures: it judges the agreement's objectives (not an `objective each`). */
export function rightMeasuredByHistory(model: Pick<AgreementModel, 'objectives'>, termination: NonNullable<AgreementModel['terminations']>[number]): boolean {
    return termination.objectives.length > 0 && termination.objectives.every((index) => index < model.objectives.length);
}

/** `default when breached in N of any M consecutive windows` with M > 1: the rule counts windows before the window judged. */
export function countsEarlierWindows(objective: Pick<AgreementModel['objectives'][number], 'defaultRule'>): boolean {
    const rule = objective.defaultRule;
    return rule !== undefined && (rule.span ?? rule.breached) > 1;
}

/**
 * Whether a target computed from windows before the period is asked for: the period reaches a
 * second contract year, or the next one begins within the horizon after it (its target so far).
 * Otherwise every window has the written target, and nothing is read twice.
 */
function needsEarlierYears(zone: string, period: EvaluationPeriod): boolean {
    const starts = contractYearStarts(zone, period);
    const last = contractYearOf(starts, Math.max(period.start, period.end - 1));
    const next = starts[last + 1];
    return last > 0 || (next !== undefined && localDayNumber(zone, next) - localDayNumber(zone, period.end - 1) <= UPCOMING_HORIZON_DAYS);
}

/** The day before `instant`'s day (agreement zone), YYYY-MM-DD. */
function dayBefore(zone: string, instant: number): string {
    const day = addCivilDays(instantToLocal(zone, instant), -1);
    return formatCivilDate(day.year, day.month, day.day);
}
