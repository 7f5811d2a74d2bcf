import type { ComparisonOp, ObjectiveModel } from '../model.js';
import type { ImprovedTargetReport, ObjectiveReport } from '../report/report-types.js';
import { formatMargin, formatTarget, formatValue } from '../report/format-values.js';
import { daysInMonth } from '../time/civil.js';
import { instantToLocal, localToInstant } from '../time/zone.js';
import { add, compare, divide, exactInteger, exactOf, subtract, toNumber, type Exact } from './exact-value.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { PlannedWindow } from './window-plan.js';

/**
 * Continuous Improvement (docs/language-reference.md § 9.5): `, improved yearly to the mean of the
 * best 6 windows by at most 0.2%`. Contract years run from the validity's first day to each
 * anniversary (agreement zone). The target of contract year k ≥ 2 is the mean of the best N values
 * of year k − 1's judged windows (highest for ≥ and >, lowest for ≤ and <), taken to the written
 * target's precision towards the target of year k − 1 (the provider's side), moved by at most the
 * limit, and kept when it is not stricter: a target is never loosened. With fewer than N windows
 * with a value in year k − 1 the target stays. Everything is exact (exact-value.ts).
 */

/** What an improved target is computed from: the objective's own windows and its value in each. */
export interface ImprovementInputs {
    /** The objective's judged windows over the evaluation period (and before it, window-history.ts), in order. */
    windows: readonly PlannedWindow[];
    /** The KPI's value in a window judged against `target`, or null when the window has none (no data, too few rows). */
    measure(window: PlannedWindow, scopeValue: unknown, target: number): { exact: Exact; value: number } | null;
    /** A window's start as the report writes it. */
    format(instant: number): string;
}

/** Contract years: their first instants, from the validity's first day to its end. */
export function contractYearStarts(zone: string, period: Pick<EvaluationPeriod, 'validityStart' | 'validityEnd'>): number[] {
    const first = instantToLocal(zone, period.validityStart);
    const starts: number[] = [];
    for (let k = 0; ; k++) {
        const year = first.year + k;
        const start = localToInstant(zone, year, first.month, Math.min(first.day, daysInMonth(year, first.month)));
        if (start >= period.validityEnd) return starts;
        starts.push(start);
    }
}

/** The contract year (0 for the first) that an instant falls in. */
export function contractYearOf(starts: readonly number[], instant: number): number {
    let year = 0;
    while (year + 1 < starts.length && starts[year + 1]! <= instant) year++;
    return year;
}

const stricterFirst = (comparison: ComparisonOp) => comparison === '>=' || comparison === '>'
    ? (a: Exact, b: Exact) => compare(b, a)
    : (a: Exact, b: Exact) => compare(a, b);

/** `value` taken to a multiple of `step`, towards the lenient side of the comparison (down for ≥ and >, up for ≤ and <). */
function toPrecision(value: Exact, step: Exact, comparison: ComparisonOp): Exact {
    const quotient = divide(value, step)!;
    const floor = floorDiv(quotient.num, quotient.den);
    const whole = comparison === '>=' || comparison === '>' || floor * quotient.den === quotient.num ? floor : floor + 1n;
    return { num: whole * step.num, den: step.den };
}

function floorDiv(num: bigint, den: bigint): bigint {
    const quotient = num / den;
    return quotient * den !== num && (num < 0n) !== (den < 0n) ? quotient - 1n : quotient;
}

/**
 * The targets of contract years 2, 3, … of one objective for one scope value (for each value of
 * `for each`), each with the windows it was computed from. `base` is the target of the first year.
 */
export function improvedTargets(objective: Pick<ObjectiveModel, 'comparison' | 'improvement' | 'kpiName'>, base: number, starts: readonly number[], period: EvaluationPeriod,
    inputs: ImprovementInputs, scopeValue: unknown, lastYear: number, preview = false): ImprovedTargetReport[] {
    const improvement = objective.improvement!;
    const comparison = objective.comparison;
    const atLeast = comparison === '>=' || comparison === '>';
    const step = exactOf(improvement.step);
    const limit = improvement.limit === undefined ? undefined : exactOf(improvement.limit);
    const order = stricterFirst(comparison);
    const years: ImprovedTargetReport[] = [];
    let previous = base;
    // `preview`: also the year after the last one evaluated, from the windows of its year before that are over.
    const last = preview ? lastYear + 1 : lastYear;
    for (let year = 1; year <= last && year < starts.length; year++) {
        // A year to come whose year before is not over yet: computed from the windows that are.
        const provisional = year > lastYear && period.end < starts[year]!;
        const yearStart = starts[year - 1]!;
        if (period.start > yearStart) {
            // A year to come is previewed only from a whole year before it.
            if (year > lastYear) break;
            // The evaluation period leaves out (part of) the year the target is computed from.
            throw new Error(`${objective.kpiName}'s target from ${inputs.format(starts[year]!).slice(0, 10)} is computed from the windows of the contract year before, from ${inputs.format(yearStart).slice(0, 10)}, which the evaluation period does not cover: evaluate from the validity's first day, or measure the windows before the period (window-history.ts).`);
        }
        const inYear = inputs.windows.filter((window) => {
            const covered = Math.max(window.start, period.validityStart);
            return covered >= yearStart && covered < starts[year]! && !(provisional && window.partial);
        });
        // A window cut by the evaluation's first day would count as two (history and period): a guard, as `--from` judges such a window whole (evaluation-period.ts).
        const cut = inYear.find((window) => window.from > Math.max(window.start, period.validityStart) || window.to < Math.min(window.end, period.validityEnd));
        if (cut !== undefined) {
            if (year > lastYear) break;
            throw new Error(`${objective.kpiName}'s target from ${inputs.format(starts[year]!).slice(0, 10)} is computed from every window of the contract year before, and the evaluation period cuts the one from ${inputs.format(cut.start).slice(0, 10)}: evaluate from that window's first day.`);
        }
        const measured: Array<{ start: string; exact: Exact; value: number }> = [];
        for (const window of inYear) {
            const result = inputs.measure(window, scopeValue, previous);
            if (result !== null) measured.push({ start: inputs.format(window.start), ...result });
        }
        const entry: ImprovedTargetReport = { from: inputs.format(starts[year]!).slice(0, 10), target: previous, previous, measured: measured.length, best: [], mean: null, outcome: 'too few windows' };
        if (scopeValue !== undefined) entry.scopeValue = String(scopeValue);
        if (provisional) entry.provisional = true;
        if (measured.length >= improvement.best) {
            const best = [...measured].sort((a, b) => order(a.exact, b.exact)).slice(0, improvement.best);
            let sum = exactInteger(0);
            for (const window of best) sum = add(sum, window.exact);
            const mean = divide(sum, exactInteger(best.length))!;
            let candidate = toPrecision(mean, step, comparison);
            entry.best = best.map(({ start, value }) => ({ start, value }));
            entry.mean = toNumber(mean);
            const current = exactOf(previous);
            if ((atLeast ? compare(candidate, current) : compare(current, candidate)) <= 0) {
                entry.outcome = 'not stricter';
            } else {
                entry.outcome = 'raised';
                if (limit !== undefined) {
                    const furthest = atLeast ? add(current, limit) : subtract(current, limit);
                    if ((atLeast ? compare(candidate, furthest) : compare(furthest, candidate)) > 0) {
                        candidate = furthest;
                        entry.outcome = 'capped';
                    }
                }
                entry.target = toNumber(candidate);
            }
        }
        years.push(entry);
        previous = entry.target;
    }
    return years;
}

/**
 * The note a reader of the report must see: each contract year's target and how it was reached,
 * with the windows it was computed from (per scope value).
 */
export function improvementNote(objective: ObjectiveReport): string | undefined {
    const improvement = objective.improvement;
    const years = objective.improvedTargets ?? [];
    if (improvement === undefined || years.length === 0) return undefined;
    const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpi}`;
    const target = (value: number) => targetWords(objective, value);
    const atLeast = objective.comparison === '>=' || objective.comparison === '>';
    const sentences = years.map((year) => {
        const who = `${name}${year.scopeValue !== undefined ? ` (${year.scopeValue})` : ''} from ${year.from}`;
        if (year.provisional === true) return previewSentence(objective, year, who);
        if (year.outcome === 'too few windows') {
            return `${who}: the target stays ${target(year.target)}: ${year.measured} window(s) of the contract year before had a value, fewer than the ${improvement.best} the mean is of.`;
        }
        const basis = `the mean of the best ${improvement.best} of the ${year.measured} windows of the contract year before (${bestText(objective, year)}) is ${formatValue(year.mean!, objective.unit, 3)}`;
        const precision = `taken ${atLeast ? 'down' : 'up'} to a multiple of ${formatTarget(improvement.step, objective.unit)}`;
        switch (year.outcome) {
            case 'raised': return `${who}: the target is ${target(year.target)} (was ${target(year.previous)}): ${basis}, ${precision}.`;
            case 'capped': return `${who}: the target is ${target(year.target)} (was ${target(year.previous)}): ${basis}; the target moves by at most ${formatMargin(improvement.limit!, objective.unit).slice(1)} a year.`;
            default: return `${who}: the target stays ${target(year.target)}: ${basis}, ${precision}, which is not stricter.`;
        }
    });
    return sentences.join(' ');
}

/** `>= 99.8 %`: a target with the objective's comparison. */
function targetWords(objective: ObjectiveReport, value: number): string {
    return `${objective.comparison} ${formatTarget(value, objective.unit)}`;
}

/** The windows a year's mean is of, best first: `2025-09-01: 99.896 %, …`. */
function bestText(objective: ObjectiveReport, year: ImprovedTargetReport): string {
    return year.best.map((window) => `${window.start.slice(0, 10)}: ${formatValue(window.value, objective.unit)}`).join(', ');
}

/** A year to come, from the windows so far: the target it will at least have (more windows can only make it stricter). */
function previewSentence(objective: ObjectiveReport, year: ImprovedTargetReport, who: string): string {
    const improvement = objective.improvement!;
    const target = (value: number) => targetWords(objective, value);
    if (year.outcome === 'too few windows') {
        return `${who}: ${year.measured} window(s) of this contract year are over, fewer than the ${improvement.best} the mean is of: the target stays ${target(year.target)} unless the rest of the year brings them.`;
    }
    const so = `so far the mean of the best ${improvement.best} of the ${year.measured} windows of this contract year that are over (${bestText(objective, year)}) is ${formatValue(year.mean!, objective.unit, 3)}`;
    return year.outcome === 'not stricter'
        ? `${who}: the target stays ${target(year.target)} so far: ${so}, which is not stricter; the rest of the year cannot make it looser.`
        : `${who}: the target will be at least as strict as ${target(year.target)} (now ${target(year.previous)}): ${so}${year.outcome === 'capped' ? `; the target moves by at most ${formatMargin(improvement.limit!, objective.unit).slice(1)} a year` : ''}; the rest of the year cannot make it looser.`;
}

/**
 * Internal targets must reinforce every promise made: an internal target on the KPI, window and
 * scope of an objective improved yearly that is looser than a later contract year's target (which
 * the validator cannot know) is named, per year, in a note.
 */
export function weakerInternalTargetNotes(objectives: readonly ObjectiveReport[], internalTargets: readonly ObjectiveReport[]): string[] {
    const notes: string[] = [];
    for (const objective of objectives) {
        const years = objective.improvedTargets ?? [];
        if (years.length === 0) continue;
        const atLeast = objective.comparison === '>=' || objective.comparison === '>';
        for (const internal of internalTargets) {
            if (internal.kpiKey !== objective.kpiKey || internal.window !== objective.window || internal.scope !== objective.scope) continue;
            if ((internal.comparison === '>=' || internal.comparison === '>') !== atLeast) continue;
            // Looser: below the year's target for >= and >, above it for <= and <.
            const looser = years.filter((year) => compare(exactOf(internal.target), exactOf(year.target)) * (atLeast ? 1 : -1) < 0);
            if (looser.length === 0) continue;
            const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpi}`;
            const listed = looser.map((year) => `${year.scopeValue !== undefined ? `${year.scopeValue} ` : ''}from ${year.from}: ${year.provisional === true ? 'at least ' : ''}${targetWords(objective, year.target)}`).join('; ');
            notes.push(`Warning: the internal target for ${name} (${internal.comparison} ${formatTarget(internal.target, internal.unit)}) is looser than the target the objective improved to (${listed}): staff can meet theirs while the promise is missed.`);
        }
    }
    return notes;
}
