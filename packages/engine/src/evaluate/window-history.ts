/**
 * The windows before an evaluation period that starts after the validity's first day
 * (`--from 2027-03-01`), for the terms that count them:
 * - Continuous Improvement: the target of each contract year comes from the windows of the year before;
 * - a default rule (`default when breached in 3 of any 6 consecutive windows`): March is a default
 *   when January and February were missed too, whether the evaluation starts in January or March;
 * - a termination right (`when Availability is breached in 3 consecutive windows`, on an
 *   `objective each` too): it fires, or fired, at the window the whole term's evaluation says;
 * - a credit raised for repeated breaches (`raised by 50% per consecutive breach`): February's
 *   breach is the second in a row when January's was one;
 * - a yearly cap of a credit, or a cap on all credits together, whose year (or period) began before
 *   the period: what the earlier windows were paid uses it up (creditsCountingEarlier).
 * Those windows lie before the period, where its pass drops every row. As previous-fees.ts does for
 * fees, they are measured on their own: those terms alone, from the validity's first day to
 * the day before the period (their datasets are read a second time), with the evaluation's data
 * coverage, so that each window has the value a whole evaluation gives it.
 */
import type { AgreementModel, CreditModel } from '../model.js';
import { calendarWindowContaining, type CalendarUnit } from '../time/windows.js';
import { addCivilDays, formatCivilDate } from '../time/civil.js';
import { instantToLocal, localDayNumber } from '../time/zone.js';
import { contractYearOf, contractYearStarts } from './continuous-improvement.js';
import { UPCOMING_HORIZON_DAYS } from './target-schedule.js';
import type { DataCoverage } from './data-coverage.js';
import { judgedFrom, type EvaluationPeriod } from './evaluation-period.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';

/** The windows of the objectives that count earlier windows, before the evaluation period, measured. */
export interface WindowHistory {
    /** From the validity's first instant to the evaluation period's first. */
    period: EvaluationPeriod;
    /** The plan and evaluator of the history: `plan.windowPlan(objective.window)` holds its windows; `evaluator` measures them. */
    plan: EvaluationPlan;
    evaluator: KpiEvaluator;
    /** What was measured (historyRequest): its `credits` are those whose earlier windows count (creditsCountingEarlier). */
    model: AgreementModel;
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
 * The request when the period starts after the validity's first day and a term counts the
 * windows before it: an objective improved yearly whose target asks for them (needsEarlierYears),
 * one with a default rule over more than one window, one a termination right judges (an `objective
 * each` too), or a credit whose amount depends on them (creditsCountingEarlier). Undefined
 * otherwise. The history measures every improved objective and every such default rule (an improved objective's schedule reads the
 * history's windows whenever there is one), and those credits with the objectives on their KPIs
 * (a credit's tiers follow its objective's target).
 */
export function historyRequest(model: AgreementModel, period: EvaluationPeriod): HistoryRequest | undefined {
    // The windows judged are those ending after it (a `--from` day inside a window: that day, evaluation-period.ts).
    const first = judgedFrom(period);
    if (first <= period.validityStart) return undefined;
    const improved = model.objectives.some((objective) => objective.improvement !== undefined) && needsEarlierYears(model.timezone, period);
    // By index of the report: the objectives, then the `objective each` promises (termination-rights.ts).
    const judgedByRights = new Set((model.terminations ?? []).flatMap((termination) => termination.objectives));
    const credits = creditsCountingEarlier(model, period);
    if (!improved && !model.objectives.some(countsEarlierWindows) && judgedByRights.size === 0 && credits.length === 0) return undefined;
    const creditKpis = new Set(credits.map((credit) => credit.kpi));
    const objectives = model.objectives.filter((objective, index) => objective.improvement !== undefined || countsEarlierWindows(objective) || judgedByRights.has(index) || creditKpis.has(objective.kpi));
    const itemObjectives = model.itemObjectives?.filter((_, index) => judgedByRights.has(model.objectives.length + index));
    const history: AgreementModel = { ...model, objectives, internalTargets: [], credits, itemObjectives: itemObjectives?.length ? itemObjectives : undefined, terminations: undefined, creditCaps: undefined };
    return { model: history, to: dayBefore(model.timezone, first) };
}

/**
 * The credits whose amounts in the period depend on the windows before it: raised for repeated
 * breaches (a run of breaches may have begun before), capped per year when the year the period
 * starts in began before it, or limited by a cap on all credits together (the agreement's, or
 * their service's) whose period began before it. In a whole evaluation those earlier windows use
 * the caps up first; measured on their own, they do so in an evaluation from a later day too.
 */
export function creditsCountingEarlier(model: Pick<AgreementModel, 'timezone' | 'credits' | 'creditCaps'>, period: EvaluationPeriod): CreditModel[] {
    const first = judgedFrom(period);
    if (first <= period.validityStart) return [];
    // The cap's period holding the period's first window (it may start before `--from`: whole windows) began before the windows judged.
    const startsEarlier = (unit: CalendarUnit, yearStartMonth?: number): boolean => calendarWindowContaining(model.timezone, unit, period.start, yearStartMonth).start < first;
    const caps = (model.creditCaps ?? []).filter((cap) => startsEarlier(cap.window.unit, cap.window.yearStartMonth));
    return model.credits.filter((credit) => credit.claimTerms?.repeatEscalation !== undefined
        || (credit.capPerYear !== undefined && startsEarlier('year', credit.capYearStartMonth))
        || caps.some((cap) => cap.service === undefined || cap.service === credit.service));
}

/** The history of one agreement (historyRequest), measured by `measure`; undefined when none is asked for. */
export async function measureWindowHistory(model: AgreementModel, period: EvaluationPeriod, coverage: ReadonlyMap<string, DataCoverage>, measure: MeasureWindows): Promise<WindowHistory | undefined> {
    const request = historyRequest(model, period);
    if (request === undefined) return undefined;
    const measured = await measure(request, coverage);
    return { period: measured.period, plan: measured.plan, evaluator: measured.evaluator, model: request.model };
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
