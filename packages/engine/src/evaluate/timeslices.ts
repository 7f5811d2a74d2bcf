import type { TimeslicesExpr } from '../model.js';
import { divide, EXACT_ZERO, exactInteger, exactOf, exactRatio, type Exact } from './exact-value.js';
import type { PlannedWindow } from './window-plan.js';

/** What the slices of one window were: the report's `slices` (docs/cli.md). */
export interface SliceSummary {
    /** The slice length in ms. */
    lengthMs: number;
    /** Slices in the evaluated part of the window (a period cut leaves a shorter slice at the cut). */
    total: number;
    /** Slices whose value had no data (no rows: no requests), counted by the declared rule. */
    empty: number;
    /** Slices counted as bad (count, duration, share): after the runs rule, empty ones included when the rule says bad. */
    bad?: number;
    /** Slices starting at or after the data end: unknown yet, left out (not empty). */
    unknown: number;
    /**
     * `at least N consecutive`: bad slices just before the data end (at the window's end, or inside
     * the window when the data end there), in a run shorter than N that goes on past the data end:
     * not counted, unless the next slices, once known, make it N long.
     */
    runAtDataEnd?: number;
}

/** One slice's value: a number (avg) or whether the condition holds (the others); null: no data in the slice. */
export type SliceValue = Exact | boolean | null;

/**
 * Aggregates a window's slices (docs/language-reference.md, "Timeslices"):
 * - `avg`: the exact average of the slice values; an empty slice is left out (`no data`)
 *   or has the declared value (`empty as 0%`);
 * - `count` / `duration` / `share`: a slice is bad when its condition holds, or when it is
 *   empty and the rule says `bad`; with `at least N consecutive`, only bad slices in a run
 *   of N or more consecutive bad slices count (an empty slice ruled `no data`, or an unknown
 *   one, ends a run). A run goes on across the edge with the window before or after it
 *   (`neighbours`: the bad slices in a row just outside the window; see runNeighbours in
 *   kpi-evaluator.ts): only its slices inside this window count here. A run reaching the data
 *   end is cut there (`summary.runAtDataEnd` when that leaves it short), or, in the extreme
 *   `unknownAsBad`, goes on through the unknown slices. `count` is their number,
 *   `duration` their time, `share` their time over the time of the slices judged good or bad:
 *   every slice of the window under `empty as good` or `bad`, those with data under `no data`.
 * A window in which no slice has data is no data (null), whatever the rule: the rule says
 * what a quiet slice is, not what a missing export is.
 * Slices from `knownUntil` on are unknown: the data end before them.
 */
export function aggregateSlices(
    expr: TimeslicesExpr,
    slices: readonly PlannedWindow[],
    knownUntil: number,
    valueOf: (slice: PlannedWindow) => SliceValue,
    neighbours: RunNeighbours = NO_NEIGHBOURS
): { exact: Exact | null; summary: SliceSummary } {
    const summary: SliceSummary = { lengthMs: expr.sliceMs, total: slices.length, empty: 0, unknown: 0 };
    let withData = 0;
    if (expr.aggregation === 'avg') {
        const values: Exact[] = [];
        const emptyValue = expr.empty.kind === 'value' ? exactOf(expr.empty.value) : undefined;
        if (expr.empty.kind === 'good' || expr.empty.kind === 'bad') throw new Error(`an average of slices needs a value for empty slices ('empty as 0%') or 'empty as no data', not 'empty as ${expr.empty.kind}'`);
        for (const slice of slices) {
            if (slice.from >= knownUntil) {
                summary.unknown++;
                continue;
            }
            const value = valueOf(slice);
            if (typeof value === 'boolean') throw new Error('an average of slices needs a value per slice, not a condition');
            if (value === null) {
                summary.empty++;
                if (emptyValue !== undefined) values.push(emptyValue);
            } else {
                withData++;
                values.push(value);
            }
        }
        const exact = withData === 0 || values.length === 0 ? null : divide(exactSum(values), exactInteger(values.length));
        return { exact, summary };
    }
    if (expr.empty.kind === 'value') throw new Error(`counting bad slices needs 'empty as good', 'empty as bad' or 'empty as no data', not a value`);
    const minimumRun = Math.max(1, expr.minimumRun ?? 1);
    let badSlices = 0;
    let badMs = 0;
    let knownMs = 0;
    let runSlices = 0;
    let runMs = 0;
    // The run's length: its bad slices and, read as bad (`unknownAsBad`), the unknown ones after them (never counted themselves).
    let runLength = 0;
    // Bad slices of the run just before the window: they lengthen its first run, if it starts at the first slice.
    let carried = neighbours.before;
    const endRun = (trailing = 0): void => {
        if (runSlices > 0 && carried + runLength + trailing >= minimumRun) {
            badSlices += runSlices;
            badMs += runMs;
        }
        runSlices = 0;
        runMs = 0;
        runLength = 0;
        carried = 0;
    };
    // A run reaching the data end (inside the window, or at its end with the next slices unknown): not counted as known.
    const waitsAtDataEnd = (ahead: number): void => {
        if (runSlices > 0 && carried + runLength + ahead < minimumRun && summary.runAtDataEnd === undefined) summary.runAtDataEnd = runSlices;
    };
    for (const slice of slices) {
        if (slice.from >= knownUntil) {
            summary.unknown++;
            if (neighbours.unknownAsBad === true) {
                if (runSlices > 0) runLength++;
                continue;
            }
            waitsAtDataEnd(0);
            endRun();
            continue;
        }
        const value = valueOf(slice);
        const bad = sliceIsBad(expr, value);
        if (value === null) summary.empty++;
        else withData++;
        if (bad === undefined) {
            endRun();
            continue;
        }
        const length = slice.to - slice.from;
        knownMs += length;
        if (bad) {
            runSlices++;
            runLength++;
            runMs += length;
        } else {
            endRun();
        }
    }
    // A run still going at the window's last slice goes on into the window after it.
    if (neighbours.unknownAfter === true && neighbours.unknownAsBad !== true) waitsAtDataEnd(neighbours.after);
    endRun(neighbours.after);
    summary.bad = badSlices;
    if (withData === 0) return { exact: null, summary };
    switch (expr.aggregation) {
        case 'count':
            return { exact: exactInteger(badSlices), summary };
        case 'duration':
            return { exact: exactInteger(badMs), summary };
        case 'share':
            return { exact: knownMs > 0 ? exactRatio(badMs, knownMs) : null, summary };
    }
}

/**
 * Bad slices in a row just outside a window, next to its first slice (`before`) and to its last
 * (`after`); `unknownAfter`: the slices after it reach the data end (not known yet);
 * `unknownAsBad`: the extreme in which slices after the data end are bad (a run reaching the
 * data end goes on through them, which are not counted themselves).
 */
export interface RunNeighbours {
    before: number;
    after: number;
    unknownAfter?: boolean;
    unknownAsBad?: boolean;
}

const NO_NEIGHBOURS: RunNeighbours = { before: 0, after: 0 };

/**
 * Whether a slice counts as bad under `slices(…: count | duration | share where …)`: its
 * condition holds, or it is empty and the rule says `bad`; undefined for an empty slice ruled
 * `no data` (neither good nor bad: it ends a run).
 */
export function sliceIsBad(expr: TimeslicesExpr, value: SliceValue): boolean | undefined {
    if (value !== null && typeof value !== 'boolean') throw new Error('counting bad slices needs a condition per slice (e.g. share(…) > 5%), not a value');
    if (value !== null) return value;
    return expr.empty.kind === 'noData' ? undefined : expr.empty.kind === 'bad';
}

/**
 * The exact sum of many fractions: equal denominators are added first (slice error rates
 * share few request counts), then the rest pairwise in a balanced tree, which keeps the
 * operands of each addition of similar size instead of adding each to an ever larger total.
 */
export function exactSum(values: readonly Exact[]): Exact {
    const byDenominator = new Map<bigint, bigint>();
    for (const value of values) byDenominator.set(value.den, (byDenominator.get(value.den) ?? 0n) + value.num);
    let terms: Exact[] = [...byDenominator].map(([den, num]) => ({ num, den }));
    if (terms.length === 0) return EXACT_ZERO;
    while (terms.length > 1) {
        const next: Exact[] = [];
        for (let i = 0; i < terms.length; i += 2) next.push(i + 1 < terms.length ? addFractions(terms[i]!, terms[i + 1]!) : terms[i]!);
        terms = next;
    }
    return reduce(terms[0]!);
}

/** a/b + c/d over the least common denominator (8,928 slices of random request counts: about 0.1 s). */
function addFractions(a: Exact, b: Exact): Exact {
    if (a.den === b.den) return { num: a.num + b.num, den: a.den };
    const g = gcd(a.den, b.den);
    return { num: a.num * (b.den / g) + b.num * (a.den / g), den: (a.den / g) * b.den };
}

function reduce(a: Exact): Exact {
    const g = gcd(a.num, a.den);
    return g <= 1n ? a : { num: a.num / g, den: a.den / g };
}

function gcd(a: bigint, b: bigint): bigint {
    let x = a < 0n ? -a : a;
    let y = b < 0n ? -b : b;
    while (y !== 0n) [x, y] = [y, x % y];
    return x;
}
