import { instantToLocal } from '../time/zone.js';
import type { InstantFormatter } from './instant-format.js';
import { windowSpecLabel, type AgreementModel, type KpiModel, type ObjectiveModel, type ValueKind } from '../model.js';
import type { ObjectiveReport, ReportUnit, RollingMonthSummary, WindowReport, WindowStatus } from '../report/report-types.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { judge } from './outcome.js';
import { objectiveSchedule, upcomingTerm } from './target-schedule.js';
import type { WindowHistory } from './window-history.js';
import type { Exact } from './exact-value.js';
import { windowExclusions } from './window-exclusions.js';
import { definesDefaults, markDefaults, type DefaultFacts } from './service-level-default.js';
import { earlierDefaultFacts, windowDefaultFacts } from './window-default-facts.js';
import { terminationRule } from './termination-rights.js';
import { dayStart } from './evaluation-period.js';
import { isInsufficient, judgeSmallVolume, pendingReachMinimum } from './small-volume.js';

/** Evaluates one objective (or internal target) in every window, per scope value when it has one. */
export function evaluateObjective(objective: ObjectiveModel, kpi: KpiModel | undefined, plan: EvaluationPlan, evaluator: KpiEvaluator, times: InstantFormatter, feeCurrency: string | undefined, model?: AgreementModel, history?: WindowHistory): ObjectiveReport {
    const windowPlan = plan.windowPlan(objective.window);
    // `plan from F`: the objective of one plan judges that plan's rows only, rows or not.
    const scopeValues: (unknown | undefined)[] = objective.scopeField === undefined ? [undefined]
        : objective.scopeValues ?? evaluator.scopeValues(objective.kpi, objective.window, objective.scopeField);
    // A promise over the term: the windows before it is in force are not judged; each window has its step's target.
    // Improved yearly: each contract year's target from the year before's windows (continuous-improvement.ts).
    const schedule = objectiveSchedule(objective, plan, evaluator, times, history);
    const judgedWindows = windowPlan.windows.filter(schedule.judges);
    const windows: WindowReport[] = [];
    // Per scope value, the latest window with a value: judged against a step to come.
    const latest = new Map<unknown, { report: WindowReport; exact: Exact }>();
    const withDefaults = definesDefaults(objective);
    let atRisk: ObjectiveReport['defaultAtRisk'];
    for (const scopeValue of scopeValues) {
        // `minimum` / `default when …`: the scope value's windows in order, judged together once all are.
        const defaults: Array<{ report: WindowReport; facts: DefaultFacts }> = [];
        for (const window of judgedWindows) {
            const target = schedule.targetOf(window, scopeValue);
            const result = evaluator.evaluate(objective.kpi, objective.window, window, objective.scopeField, scopeValue, { comparison: objective.comparison, target });
            // `else at most 1 failing`: fewer rows than the minimum sample (but some) are judged by their failing items.
            const smallVolume = judgeSmallVolume(objective, objective.comparison, result);
            const insufficient = smallVolume === undefined && isInsufficient(result.rows, objective.minimumRows);
            const outcome = judge(insufficient ? null : result.exact, objective.comparison, target, objective.unitKind);
            // Provisional: an extreme of the open rows (all ended now, none ever) gives another status (judged exactly, as the value is).
            // Below the minimum sample, only when the pending rows bring the window to it (else it stays no data either way).
            const provisional = smallVolume !== undefined ? smallVolume.provisional
                : (!insufficient || pendingReachMinimum(objective.minimumRows, result))
                    && result.alternatives.some((alternative) => judge(alternative, objective.comparison, target, objective.unitKind).status !== outcome.status);
            const report: WindowReport = {
                start: times.format(window.start),
                end: times.format(window.end),
                partial: window.partial,
                value: outcome.status === 'no data' ? null : result.value,
                // The margin and budget stay the value's against the target; the rule decides the status.
                status: smallVolume?.status ?? outcome.status,
                margin: outcome.margin,
                budgetConsumed: outcome.budgetConsumed,
                budgetRemaining: outcome.budgetRemaining,
                rows: result.rows,
                unresolved: result.unresolved
            };
            if (window.partial) {
                report.evaluatedFrom = times.format(window.from);
                report.evaluatedTo = times.format(window.to);
            }
            if (schedule.stepped) report.target = target;
            if (scopeValue !== undefined) report.scopeValue = String(scopeValue);
            if (result.pending > 0) report.pending = result.pending;
            if (result.failedOpen > 0) report.failedOpen = result.failedOpen;
            if (result.passedOpen > 0) report.passedOpen = result.passedOpen;
            if (result.atLeast && outcome.status !== 'no data') report.atLeast = true;
            if (provisional) report.provisional = true;
            if (result.openIncidents > 0) report.openIncidents = result.openIncidents;
            if (result.afterDataEnd) report.afterDataEnd = true;
            if (result.dataEnd !== null) report.dataEnd = times.format(result.dataEnd);
            if (insufficient) report.insufficientData = { rows: result.rows, minimum: objective.minimumRows! };
            if (smallVolume !== undefined) report.smallVolume = { ...smallVolume.facts };
            const excluded = model === undefined ? undefined : windowExclusions(objective, model, evaluator, window, scopeValue);
            if (excluded !== undefined) report.excluded = excluded;
            if (result.slices !== undefined) report.slices = { ...result.slices };
            if (result.sliceTerms !== undefined) report.sliceTerms = result.sliceTerms.map((terms) => ({ ...terms }));
            if (result.notReplicated !== undefined) report.notReplicated = { ...result.notReplicated };
            if (result.notDeployed !== undefined) report.notDeployed = { outageMs: result.notDeployed.ms, resources: [...result.notDeployed.resources] };
            if (!insufficient && result.exact !== null && outcome.status !== 'no data') latest.set(scopeValue, { report, exact: result.exact });
            if (withDefaults) defaults.push({ report, facts: windowDefaultFacts(objective, target, result) });
            windows.push(report);
        }
        // The windows before the period that the rule counts with its first ones (`--from`: window-history.ts).
        const risk = withDefaults ? markDefaults(objective, defaults, judgedWindows, plan.period, times, scopeValue, earlierDefaultFacts(objective, history, schedule, scopeValue, judgedWindows[0])) : undefined;
        if (risk !== undefined) (atRisk ??= []).push(risk);
    }
    const report: ObjectiveReport = {
        kpi: objective.kpiName,
        kpiKey: objective.kpi,
        comparison: objective.comparison,
        target: objective.target,
        unit: reportUnit(objective.unitKind, objective.currency ?? kpi?.currency ?? feeCurrency),
        window: windowSpecLabel(objective.window),
        windows,
        status: overallStatus(windows.map((window) => window.status))
    };
    if (objective.service !== undefined) report.service = objective.service;
    if (objective.scopeField !== undefined) report.scope = objective.scopeField;
    if (objective.planField !== undefined) report.planField = objective.planField;
    if (objective.plan !== undefined) report.plan = objective.plan;
    if (objective.owner !== undefined) report.owner = objective.owner;
    if (objective.source !== undefined) report.source = objective.source;
    if (objective.scale !== undefined) report.scale = objective.scale;
    if (objective.inForceFrom !== undefined) report.inForceFrom = objective.inForceFrom;
    if (objective.targetSteps !== undefined) report.targetSteps = objective.targetSteps.map((step) => ({ ...step }));
    if (objective.minimum !== undefined) report.minimum = objective.minimum;
    if (objective.defaultRule !== undefined) report.defaultRule = terminationRule(objective.defaultRule.breached, objective.defaultRule.span);
    if (atRisk !== undefined) report.defaultAtRisk = atRisk;
    if (objective.improvement !== undefined) {
        report.improvement = { ...objective.improvement };
        report.improvedTargets = scopeValues.flatMap((scopeValue) => schedule.improvedTargets(scopeValue).map((year) => {
            const entry = { ...year, best: year.best.map((window) => ({ ...window })) };
            // A year to come (no window of it evaluated): would the latest value meet its target?
            const last = latest.get(scopeValue);
            if (dayStart(times.zone, year.from) >= plan.period.end && last !== undefined && judge(last.exact, objective.comparison, year.target, objective.unitKind).status === 'breached') entry.wouldMiss = true;
            return entry;
        }));
    }
    // Coming into force, or stepping up, soon after the evaluation period: which latest windows would miss the new target.
    const upcoming = upcomingTerm(objective, times.zone, plan.period);
    if (upcoming !== undefined) {
        report.upcoming = { from: upcoming.from, target: upcoming.target, days: upcoming.days };
        if (upcoming.inForce) report.upcoming.inForce = true;
        else {
            report.upcoming.wouldMiss = [...latest.values()]
                .filter(({ exact }) => judge(exact, objective.comparison, upcoming.target, objective.unitKind).status === 'breached')
                .map(({ report: window }) => ({ start: window.start, value: window.value!, ...(window.scopeValue !== undefined ? { scopeValue: window.scopeValue } : {}) }));
        }
    }
    if (objective.window.kind === 'rolling') {
        report.summary = rollingSummary(judgedWindows.map((w) => w.end), windows, times.zone);
    }
    return report;
}

export function reportUnit(kind: ValueKind, currency: string | undefined): ReportUnit {
    switch (kind) {
        case 'duration':
            return 'ms';
        case 'money':
            return currency ?? 'money';
        default:
            return kind;
    }
}

/** Breached if any window breached; met if any met and none breached; else no data. */
export function overallStatus(statuses: WindowStatus[]): WindowStatus {
    if (statuses.includes('breached')) return 'breached';
    if (statuses.includes('met')) return 'met';
    return 'no data';
}

/**
 * Per calendar month of the window end (a window ending at 1 April 00:00 belongs to
 * March) and per scope value: how many windows met, and the worst one (lowest margin).
 */
function rollingSummary(windowEnds: number[], windows: WindowReport[], zone: string): RollingMonthSummary[] {
    const summaries = new Map<string, RollingMonthSummary>();
    windows.forEach((window, index) => {
        const end = windowEnds[index % windowEnds.length]!;
        const local = instantToLocal(zone, end - 1);
        const month = `${local.year}-${String(local.month).padStart(2, '0')}`;
        const key = `${window.scopeValue ?? ''}\u0000${month}`;
        let summary = summaries.get(key);
        if (summary === undefined) {
            summary = { month, windows: 0, met: 0, breached: 0, noData: 0, shareMet: null, worst: null };
            if (window.scopeValue !== undefined) summary.scopeValue = window.scopeValue;
            summaries.set(key, summary);
        }
        summary.windows++;
        if (window.status === 'met') summary.met++;
        else if (window.status === 'breached') summary.breached++;
        else summary.noData++;
        if (window.value !== null && window.margin !== null && (summary.worst === null || window.margin < summary.worst.margin)) {
            summary.worst = { end: window.end, value: window.value, margin: window.margin, status: window.status };
        }
    });
    for (const summary of summaries.values()) {
        const judged = summary.met + summary.breached;
        summary.shareMet = judged === 0 ? null : summary.met / judged;
    }
    return [...summaries.values()];
}
