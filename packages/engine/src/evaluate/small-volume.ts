/**
 * The small-volume rule of outsourcing contracts (docs/language-reference.md § 9, minimum sample):
 * `with at least 20 incidents, else at most 1 failing` — "where fewer than 20 Incidents occur in a
 * Measurement Period, the Service Level is met if no more than one Incident fails to meet it".
 * A window with fewer rows than the minimum, but some, is met when at most that many of its items
 * fail, else breached; its value is still the share. A window without rows stays no data, and one
 * with the minimum or more is judged by the target.
 *
 * The KPI is a share (validation/minimum-sample.ts): its rows are the whole's, and its value times
 * them is the part's row count, exactly. The items failing are those outside the part for `>=`
 * and `>` (10 incidents, 9 resolved in time: 1 failing), those inside it for `<=` and `<` (an error share).
 */
import type { ComparisonOp, ObjectiveModel } from '../model.js';
import type { SmallVolume } from '../report/report-types.js';
import { exactInteger, multiply, type Exact } from './exact-value.js';
import type { WindowValue } from './kpi-evaluator.js';
import { judge } from './outcome.js';
import type { DefaultFacts } from './service-level-default.js';

/** The window's judgement by the rule: its status, and whether open rows could still change it. */
export interface SmallVolumeJudgement {
    status: 'met' | 'breached';
    /** Pending (open) rows could still fail, or bring the window to the minimum sample, where the target decides. */
    provisional: boolean;
    /** For the report (`smallVolume` of a window). */
    facts: SmallVolume;
}

/** What the rule reads of an objective or credit: the minimum sample and the failing items it allows below it. */
export interface SmallVolumeRule {
    minimumRows?: number;
    smallVolumeAllowed?: number;
}

/** The rule's judgement of a window; undefined where it does not decide (no rule, no rows, or the minimum reached). */
export function judgeSmallVolume(rule: SmallVolumeRule, comparison: ComparisonOp, result: Pick<WindowValue, 'rows' | 'exact' | 'pending'>): SmallVolumeJudgement | undefined {
    const { minimumRows: minimum, smallVolumeAllowed: allowed } = rule;
    if (minimum === undefined || allowed === undefined || result.rows === 0 || result.rows >= minimum || result.exact === null) return undefined;
    const part = partRows(result.exact, result.rows);
    if (part === undefined) return undefined;
    const failing = comparison === '>=' || comparison === '>' ? result.rows - part : part;
    const status = failing <= allowed ? 'met' : 'breached';
    // Each pending row may yet fail (a met window could exceed the allowance) or count (the window could reach the minimum).
    const provisional = pendingReachMinimum(minimum, result) || (result.pending > 0 && status === 'met' && failing + result.pending > allowed);
    return { status, provisional, facts: { rows: result.rows, minimum, failing, allowed } };
}

/** Fewer rows behind a value than the minimum sample (`with at least N …`): judged like no data. */
export function isInsufficient(rows: number, minimumRows: number | undefined): boolean {
    return minimumRows !== undefined && rows < minimumRows;
}

/**
 * A window below the minimum sample whose pending (open) rows, once decided, bring it to the minimum:
 * there the target judges it, so its status (and credit) is not settled yet (language reference § 14.7).
 */
export function pendingReachMinimum(minimumRows: number | undefined, result: Pick<WindowValue, 'rows' | 'pending'>): boolean {
    return minimumRows !== undefined && result.pending > 0 && result.rows < minimumRows && result.rows + result.pending >= minimumRows;
}

/**
 * The extremes of the open rows (all ended now, none ever) as far as the minimum sample lets them
 * count: all of them at or above it; none below it, unless its pending rows bring the window to it,
 * where each extreme is judged by the target (both count the pending rows, decided).
 */
export function sampledAlternatives(minimumRows: number | undefined, result: Pick<WindowValue, 'rows' | 'pending' | 'alternatives'>): readonly (Exact | null)[] {
    if (minimumRows === undefined || result.rows >= minimumRows) return result.alternatives;
    return pendingReachMinimum(minimumRows, result) ? result.alternatives : [];
}

/** The part's rows of a share over `rows` (value × rows); undefined if that is no whole number (not a share of these rows). */
function partRows(share: Exact, rows: number): number | undefined {
    const part = multiply(share, exactInteger(rows));
    return part.den === 1n ? Number(part.num) : undefined;
}

/**
 * A window the rule judged, as far as a Service Level Default is concerned: breached as the rule
 * says; below the minimum service level only when breached and its value is below it (a met window
 * is met at both levels).
 */
export function smallVolumeDefaultFacts(objective: Pick<ObjectiveModel, 'comparison' | 'unitKind' | 'minimum'>, judgement: SmallVolumeJudgement, value: Exact): DefaultFacts {
    const breached = judgement.status === 'breached';
    const belowMinimum = breached && objective.minimum !== undefined && judge(value, objective.comparison, objective.minimum, objective.unitKind).status === 'breached';
    return {
        breached,
        breachedUndecided: judgement.provisional,
        belowMinimum,
        minimumUndecided: judgement.provisional && objective.minimum !== undefined
    };
}
