/**
 * Termination rights on chronic failure: "if the provider misses the availability target in
 * three consecutive months (or in four months of any twelve), the customer may terminate".
 * Judged on the windows of one objective, per value of its `for each` field, in order (or, `when any
 * objective is breached`, on every promise of the agreement or service with the same calendar
 * window, a window breached when any of them is, for any scope value):
 *
 * - a window counts as breached when it is breached for good: complete (not in progress) and not
 *   provisional (open rows cannot change its status);
 * - a window in progress, provisional, or after the data end is not known yet;
 * - a met window, or one without data, is not breached (no data shows no failure).
 *
 * The right fires at the first window that makes `breached` of the last `span` windows breached;
 * it is at risk when a window not known yet — in the evaluation, or the next one of the validity —
 * would fire it if breached.
 */
import { windowSpecKey, type AgreementModel, type ObjectiveModel, type TerminationModel } from '../model.js';
import type { ObjectiveReport, TerminationReport, TerminationScopeReport } from '../report/report-types.js';
import { claimDeadline } from './claim-deadline.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { InstantFormatter } from './instant-format.js';
import type { PlannedWindow } from './window-plan.js';

type Judgement = 'breached' | 'not breached' | 'unknown';

/**
 * The windows before the evaluation period (`--from`), measured on their own (window-history.ts):
 * their plan, and the reports of the objectives over them, by the objective's index (undefined
 * where not measured).
 */
export interface EarlierWindows {
    plan: EvaluationPlan;
    objectives: readonly (ObjectiveReport | undefined)[];
}

export function evaluateTerminations(model: AgreementModel, objectives: readonly ObjectiveReport[], plan: EvaluationPlan, period: EvaluationPeriod, times: InstantFormatter, earlier?: EarlierWindows): TerminationReport[] {
    return (model.terminations ?? []).map((termination) => evaluateTermination(termination, model, objectives, plan, period, times, earlier));
}

function evaluateTermination(termination: TerminationModel, model: AgreementModel, objectives: readonly ObjectiveReport[], plan: EvaluationPlan, period: EvaluationPeriod, times: InstantFormatter, earlier: EarlierWindows | undefined): TerminationReport {
    const judged = termination.objectives.map((index) => ({ objective: judgedObjective(model, index), report: objectives[index], earlier: earlier?.objectives[index] }));
    if (judged.length === 0 || judged.some(({ objective, report }) => objective === undefined || report === undefined)) throw new Error(`termination '${termination.name}' names no objective`);
    const window = judged[0]!.objective!.window;
    if (judged.some(({ objective }) => windowSpecKey(objective!.window) !== windowSpecKey(window))) throw new Error(`termination '${termination.name}' judges objectives with different windows`);
    const inPeriod = plan.windowPlan(window).windows;
    // Evaluated from a later day than the validity's first: the windows before it count too, as in the whole term's
    // evaluation (a window `--from` falls inside is the period's, judged whole). The right may have fired before the period.
    const before = earlier !== undefined && judged.every((objective) => objective.earlier !== undefined)
        ? earlier.plan.windowPlan(window).windows.filter((candidate) => candidate.end <= (inPeriod[0]?.start ?? Infinity)) : [];
    const planned = [...before, ...inPeriod];
    const starts = new Set(before.map((candidate) => times.format(candidate.start)));
    const withEarlier = (report: ObjectiveReport, earlierReport: ObjectiveReport | undefined): ObjectiveReport =>
        before.length === 0 || earlierReport === undefined ? report : { ...report, windows: [...earlierReport.windows.filter((candidate) => starts.has(candidate.start)), ...report.windows] };
    const span = termination.span ?? termination.breached;
    const perObjective = judged.map(({ report, earlier: earlierReport }) => judgementsByScope(withEarlier(report!, earlierReport), planned, period, times, termination.defaults === true));
    // `any objective`: one list, a window breached when any objective (any scope value of it) is, not known when none is but one is not known.
    const byScope = termination.anyObjective === true ? new Map([[undefined, anyOf(perObjective.flatMap((scopes) => [...scopes.values()]), planned.length)]]) : perObjective[0]!;
    const report = judged[0]!.report!;
    // A window after the plan's last one exists while the validity goes on.
    const moreAfterPlan = planned.length > 0 && planned[planned.length - 1]!.end < period.validityEnd;
    const scopes = [...byScope].map(([scopeValue, judgements]): TerminationScopeReport => {
        const scope: TerminationScopeReport = { triggered: false, breached: judgements.filter((j) => j === 'breached').length };
        if (scopeValue !== undefined) scope.scopeValue = scopeValue;
        const breachedIn = (from: number, to: number): number => judgements.slice(Math.max(0, from), to + 1).filter((j) => j === 'breached').length;
        for (let index = 0; index < judgements.length; index++) {
            if (judgements[index] !== 'breached' || breachedIn(index - span + 1, index) < termination.breached) continue;
            const fired = planned[index]!;
            scope.triggered = true;
            scope.firedAt = times.format(fired.end);
            scope.breachedWindows = planned.slice(Math.max(0, index - span + 1), index + 1)
                .filter((_, offset) => judgements[Math.max(0, index - span + 1) + offset] === 'breached')
                .map((window) => times.format(window.start));
            if (termination.noticeDays !== undefined) scope.noticeBy = claimDeadline(model.timezone, Math.min(fired.end, period.validityEnd), termination.noticeDays);
            return scope;
        }
        // At risk: some window not known yet (in the evaluation, or the one after it in the validity)
        // would fire the right if it were breached, with the breaches known around it.
        const candidates = judgements.flatMap((judgement, index) => (judgement === 'unknown' ? [index] : []));
        if (moreAfterPlan) candidates.push(judgements.length);
        const firesIfBreached = (candidate: number): boolean => {
            for (let start = candidate - span + 1; start <= candidate; start++) {
                if (breachedIn(start, start + span - 1) + 1 >= termination.breached) return true;
            }
            return false;
        };
        if (candidates.some(firesIfBreached)) scope.atRisk = true;
        return scope;
    });
    const result: TerminationReport = {
        name: termination.name,
        text: termination.text,
        kpi: termination.anyOf !== undefined ? `any of ${termination.anyOf.join(', ')}` : termination.anyObjective === true ? ANY_OBJECTIVE : report.kpi,
        kpiKey: termination.anyObjective === true ? '' : report.kpiKey,
        window: report.window,
        rule: terminationRule(termination.breached, termination.span),
        triggered: scopes.some((scope) => scope.triggered),
        scopes
    };
    if (termination.service !== undefined) result.service = termination.service;
    if (termination.noticeDays !== undefined) result.notice = `${termination.noticeDays} days`;
    if (termination.anyObjective === true) result.objectives = [...new Set(judged.map(({ report: judgedReport }) => judgedReport!.kpiKey))];
    if (termination.defaults === true) result.defaults = true;
    return result;
}

/** How the report names the promise of a right on `any objective`. */
const ANY_OBJECTIVE = 'any objective';

/** An objective of the report by its index: the agreement's objectives, then its `objective each` promises. */
function judgedObjective(model: AgreementModel, index: number): ObjectiveModel | undefined {
    return index < model.objectives.length ? model.objectives[index] : model.itemObjectives?.[index - model.objectives.length];
}

/**
 * One objective's windows judged, per scope value, one judgement per planned window. A planned
 * window the report does not list — before the promise is in force (`from 2026-04-01`) — is not
 * breached: no promise was made in it. With `defaults` (`when … defaults in …`) a window counts
 * when it is a Service Level Default, and is not known yet while open rows could make or unmake one.
 */
function judgementsByScope(report: ObjectiveReport, planned: readonly PlannedWindow[], period: EvaluationPeriod, times: InstantFormatter, defaults: boolean): Map<string | undefined, Judgement[]> {
    const indexOf = new Map(planned.map((window, index) => [times.format(window.start), index]));
    const byScope = new Map<string | undefined, Judgement[]>();
    for (const window of report.windows) {
        const index = indexOf.get(window.start);
        if (index === undefined) throw new Error(`the window from ${window.start} of ${report.kpi} is not one of the planned windows`);
        const plannedWindow = planned[index]!;
        const inProgress = plannedWindow.to < Math.min(plannedWindow.end, period.validityEnd);
        const judgement: Judgement = defaults
            ? (inProgress || window.defaultProvisional === true || window.afterDataEnd === true ? 'unknown' : window.default !== undefined ? 'breached' : 'not breached')
            : (inProgress || window.provisional === true || window.afterDataEnd === true ? 'unknown' : window.status === 'breached' ? 'breached' : 'not breached');
        let judgements = byScope.get(window.scopeValue);
        if (judgements === undefined) byScope.set(window.scopeValue, (judgements = planned.map((): Judgement => 'not breached')));
        judgements[index] = judgement;
    }
    return byScope;
}

/** Window by window: breached when any list says so; else not known when any list does not know; else not breached. */
function anyOf(lists: readonly Judgement[][], windows: number): Judgement[] {
    return Array.from({ length: windows }, (_, index) => {
        const judgements = lists.map((list) => list[index] ?? 'not breached');
        return judgements.includes('breached') ? 'breached' : judgements.includes('unknown') ? 'unknown' : 'not breached';
    });
}

/** The rule as the report words it: "3 consecutive windows", "4 of any 12 consecutive windows". */
export function terminationRule(breached: number, span: number | undefined): string {
    return span === undefined ? `${breached} consecutive windows` : `${breached} of any ${span} consecutive windows`;
}

/** The notes a reader of the report must see: rights that fired, and rights one breach away. */
export function terminationNotes(terminations: readonly TerminationReport[]): string[] {
    const notes: string[] = [];
    for (const termination of terminations) {
        const label = `Termination right ${termination.name} ("${termination.text}")`;
        for (const scope of termination.scopes) {
            const whose = scope.scopeValue === undefined ? '' : ` for ${scope.scopeValue}`;
            const counted = termination.defaults === true ? 'in Service Level Default' : 'breached';
            if (scope.triggered) {
                notes.push(`${label} fired${whose}: ${termination.kpi} was ${counted} in ${termination.rule} (windows from ${scope.breachedWindows!.join(', ')}; the last ended ${scope.firedAt})${scope.noticeBy === undefined ? '' : `; the customer's notice is due by ${scope.noticeBy}`}.`);
            } else if (scope.atRisk === true) {
                notes.push(`${label} is at risk${whose}: one more ${termination.defaults === true ? 'Service Level Default' : 'breached window'} of ${termination.kpi} fires it (${termination.rule}).`);
            }
        }
    }
    return notes;
}
