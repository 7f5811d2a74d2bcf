/**
 * Service Level Defaults (docs/language-reference.md § 9.4): outsourcing contracts give a service
 * level an Expected level (the objective's target) and a Minimum level (`, minimum 99.5%`); a
 * window is a Service Level Default when its value misses the minimum, or — with `, default when
 * breached in 3 of any 12 consecutive windows` — when it misses the target and makes that many
 * missed windows among the last 12 (the window and the 11 before it; `in 2 consecutive windows`:
 * the window and the one before it). Credits may be payable upon a default only (`default : …`).
 *
 * Both the objective's report and its credit judge the windows with these functions, so the
 * window marked a default is the window the `default` tier pays for.
 */
import type { DefaultRule, ObjectiveModel } from '../model.js';
import { defaultText } from '../report/format-values.js';
import type { ObjectiveReport, WindowReport } from '../report/report-types.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { InstantFormatter } from './instant-format.js';
import type { PlannedWindow } from './window-plan.js';
import type { Exact } from './exact-value.js';
import { judge } from './outcome.js';

/** One window of the objective, as far as a default is concerned; "undecided": an extreme of the open rows says otherwise. */
export interface DefaultFacts {
    breached: boolean;
    breachedUndecided: boolean;
    belowMinimum: boolean;
    minimumUndecided: boolean;
}

export interface DefaultJudgement {
    /** The window is a default, and why (the minimum first: it needs no other window). */
    default?: 'below minimum' | 'repeated';
    /** Open rows (of this window, or of a window the rule counts) could still make or unmake the default. */
    undecided: boolean;
}

type Judged = Pick<ObjectiveModel, 'comparison' | 'unitKind' | 'minimum'>;

/**
 * The facts of one window: its value (null: no data, or fewer rows than the minimum sample — no
 * data shows no failure) against the window's target and the minimum, and the same for each
 * extreme of its open rows.
 */
export function defaultFacts(objective: Judged, target: number, value: Exact | null, alternatives: readonly (Exact | null)[]): DefaultFacts {
    const breachedBy = (candidate: Exact | null): boolean => candidate !== null && judge(candidate, objective.comparison, target, objective.unitKind).status === 'breached';
    const belowMinimumBy = (candidate: Exact | null): boolean =>
        objective.minimum !== undefined && candidate !== null && judge(candidate, objective.comparison, objective.minimum, objective.unitKind).status === 'breached';
    const breached = breachedBy(value);
    const belowMinimum = belowMinimumBy(value);
    return {
        breached,
        // No data now (none yet, or below a minimum sample its pending rows reach) may still be breached at an extreme.
        breachedUndecided: alternatives.some((alternative) => breachedBy(alternative) !== breached),
        belowMinimum,
        minimumUndecided: alternatives.some((alternative) => belowMinimumBy(alternative) !== belowMinimum)
    };
}

/** The windows (consecutive, in order, of one scope value) judged for defaults. */
export function judgeDefaults(windows: readonly DefaultFacts[], rule: DefaultRule | undefined): DefaultJudgement[] {
    return windows.map((facts, index) => {
        const minimumCertain = facts.belowMinimum && !facts.minimumUndecided;
        const minimumPossible = facts.belowMinimum || facts.minimumUndecided;
        let repeatedNow = false;
        let repeatedCertain = false;
        let repeatedPossible = false;
        if (rule !== undefined) {
            const counted = windows.slice(Math.max(0, index - (rule.span ?? rule.breached) + 1), index + 1);
            const count = (holds: (window: DefaultFacts) => boolean): number => counted.filter(holds).length;
            repeatedNow = facts.breached && count((window) => window.breached) >= rule.breached;
            repeatedCertain = facts.breached && !facts.breachedUndecided && count((window) => window.breached && !window.breachedUndecided) >= rule.breached;
            repeatedPossible = (facts.breached || facts.breachedUndecided) && count((window) => window.breached || window.breachedUndecided) >= rule.breached;
        }
        const judgement: DefaultJudgement = { undecided: (minimumPossible || repeatedPossible) && !(minimumCertain || repeatedCertain) };
        if (facts.belowMinimum) judgement.default = 'below minimum';
        else if (repeatedNow) judgement.default = 'repeated';
        return judgement;
    });
}

/**
 * One more missed window is a default: the next window not known yet — the last one when it is
 * in progress, else the one after it while the validity goes on — would complete the rule if it
 * missed the target (N ≥ 2: with N = 1 every missed window is one, which the rule already says).
 * `windows` are the facts of one scope value's judged windows; `lastInProgress` and `moreAfter`
 * say which window is next. Undefined when none is at risk, else the next window's index and how
 * many of the windows before it the rule counts are missed.
 */
export function defaultAtRisk(windows: readonly DefaultFacts[], judgements: readonly DefaultJudgement[], rule: DefaultRule | undefined, lastInProgress: boolean, moreAfter: boolean): { index: number; missed: number } | undefined {
    if (rule === undefined || rule.breached < 2 || windows.length === 0) return undefined;
    const index = lastInProgress ? windows.length - 1 : moreAfter ? windows.length : -1;
    // A window in progress already a default (so far) is reported as one, not as at risk.
    if (index < 0 || judgements[index]?.default !== undefined) return undefined;
    const span = rule.span ?? rule.breached;
    const missed = windows.slice(Math.max(0, index - span + 1), index).filter((window) => window.breached).length;
    return missed >= rule.breached - 1 ? { index, missed } : undefined;
}

/**
 * The judged windows of one scope value (`planned`, and their reports with their facts, in order),
 * after the `earlier` windows the rule counts with them (before the evaluation period:
 * window-default-facts.ts): marks the reports that are defaults (`default`, `defaultProvisional`)
 * and gives the window one more missed window of which is a default — in progress, or the next of
 * the validity — if any.
 */
export function markDefaults(
    objective: Pick<ObjectiveModel, 'defaultRule'>, windows: ReadonlyArray<{ report: WindowReport; facts: DefaultFacts }>, planned: readonly PlannedWindow[],
    period: EvaluationPeriod, times: InstantFormatter, scopeValue: unknown, earlier: readonly DefaultFacts[] = []
): NonNullable<ObjectiveReport['defaultAtRisk']>[number] | undefined {
    const facts = [...earlier, ...windows.map((window) => window.facts)];
    const judgements = judgeDefaults(facts, objective.defaultRule);
    judgements.slice(earlier.length).forEach((judgement, index) => {
        const report = windows[index]!.report;
        if (judgement.default !== undefined) report.default = judgement.default;
        if (judgement.undecided) report.defaultProvisional = true;
    });
    const last = planned[planned.length - 1];
    if (last === undefined) return undefined;
    const lastInProgress = last.to < Math.min(last.end, period.validityEnd);
    const risk = defaultAtRisk(facts, judgements, objective.defaultRule, lastInProgress, last.end < period.validityEnd);
    if (risk === undefined) return undefined;
    const span = objective.defaultRule!.span ?? objective.defaultRule!.breached;
    const index = risk.index - earlier.length;
    const line: NonNullable<ObjectiveReport['defaultAtRisk']>[number] = {
        // The window in progress, or the one after the last (a calendar window begins where the one before ends).
        start: times.format(index < planned.length ? planned[index]!.start : last.end),
        missed: risk.missed,
        counted: Math.min(span - 1, risk.index)
    };
    if (scopeValue !== undefined) line.scopeValue = String(scopeValue);
    return line;
}

/** Whether the objective defines Service Level Defaults at all. */
export function definesDefaults(objective: Pick<ObjectiveModel, 'minimum' | 'defaultRule'>): boolean {
    return objective.minimum !== undefined || objective.defaultRule !== undefined;
}

/**
 * The note a reader of the report must see: the windows that are Service Level Defaults (per scope
 * value), why, and those open rows could still change.
 */
export function defaultsNote(objective: ObjectiveReport): string | undefined {
    if (objective.minimum === undefined && objective.defaultRule === undefined) return undefined;
    const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpi}`;
    const defaults = objective.windows.filter((window) => window.default !== undefined);
    const undecided = objective.windows.filter((window) => window.defaultProvisional === true);
    if (defaults.length === 0 && undecided.length === 0) return atRiskNote(objective, name);
    const where = (window: ObjectiveReport['windows'][number]): string => `${window.scopeValue !== undefined ? `${window.scopeValue} ` : ''}${window.start.slice(0, 10)}`;
    const listed = defaults.map((window) => `${where(window)} (${defaultText(window, objective)!})`).join(', ');
    const open = undecided.length === 0 ? '' : `; open rows could still make or unmake the default of the window(s) from ${undecided.map(where).join(', ')}`;
    const risk = atRiskNote(objective, name);
    return `${name}: ${defaults.length} Service Level Default(s)${defaults.length > 0 ? ` in the window(s) from ${listed}` : ''}${open}.${risk === undefined ? '' : ` ${risk}`}`;
}

/** `… one more missed window is a Service Level Default: the window from 2026-10-01 (2 of the 5 windows before it missed; 3 of any 6 consecutive windows).` */
function atRiskNote(objective: ObjectiveReport, name: string): string | undefined {
    const risks = objective.defaultAtRisk ?? [];
    if (risks.length === 0) return undefined;
    const listed = risks.map((risk) => `${risk.scopeValue !== undefined ? `${risk.scopeValue}: ` : ''}the window from ${risk.start.slice(0, 10)} (${risk.missed} of the ${risk.counted} window(s) before it missed)`).join('; ');
    return `${name}: one more missed window is a Service Level Default (${objective.defaultRule!}) — ${listed}.`;
}
