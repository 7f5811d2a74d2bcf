import type { ValidationAcceptor } from 'langium';
import type { CreditTier, TierBound, TierCondition } from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { fix, replaceNode } from './quick-fix.js';
import { quote, report } from './report.js';

/** The values one credit tier covers, in canonical units (ratios as fractions, durations in ms). */
export interface TierInterval {
    tier: CreditTier;
    low?: number;
    lowInclusive: boolean;
    high?: number;
    highInclusive: boolean;
    /** Written with two bounds (`at least 99% and below 99.9%`). */
    explicitRange: boolean;
    /** Both bounds on one side (`at least 99.0% and at least 98.0%`): no range (checkBoundSides). */
    oneSided?: boolean;
}

/**
 * The interval of a tier as the evaluation reads it, or undefined when its bounds are incomplete.
 * Of two bounds on one side the later one replaces the earlier (as in the evaluation model), so
 * `at least 99.0% and at least 98.0%` covers every value from 98 % up.
 */
export function tierInterval(tier: CreditTier): TierInterval | undefined {
    const condition = tier.condition;
    if (!condition || condition.between) return undefined;
    const interval: TierInterval = { tier, lowInclusive: false, highInclusive: false, explicitRange: condition.bounds.length === 2 };
    for (const bound of condition.bounds) {
        if (!bound.value || bound.value.value === undefined || !bound.operator) return undefined;
        const value = quantityValue(bound.value).value;
        if (isUpper(bound)) {
            if (interval.high !== undefined) interval.oneSided = true;
            interval.high = value;
            interval.highInclusive = bound.operator === 'most';
        } else {
            if (interval.low !== undefined) interval.oneSided = true;
            interval.low = value;
            interval.lowInclusive = bound.operator === 'least';
        }
    }
    return interval.low === undefined && interval.high === undefined ? undefined : interval;
}

function isUpper(bound: TierBound): boolean {
    return bound.operator === 'below' || bound.operator === 'most';
}

/** The bound on the other side at the same value: `at least 99%` ↔ `below 99%`, `above 99%` ↔ `at most 99%`. */
const OTHER_SIDE: Readonly<Record<string, string>> = { least: 'below', below: 'at least', above: 'at most', most: 'above' };

/**
 * `at least 99.0% and at least 98.0%` (a typo for `below`): a range needs one lower and one upper
 * bound. With two on one side the evaluation reads the later bound alone (`at least 98.0%`),
 * which under `>= 99.9%` pays in months where the promise was kept (sla/tier-when-met says so).
 * The fix makes a range of the two values, the smaller as its lower bound.
 */
export function checkBoundSides(condition: TierCondition, accept: ValidationAcceptor): void {
    const [first, second] = condition.bounds;
    if (first?.value?.value === undefined || second?.value?.value === undefined || isUpper(first) !== isUpper(second)) return;
    const side = isUpper(first) ? 'upper' : 'lower';
    const [low, high] = quantityValue(first.value).value <= quantityValue(second.value).value ? [first, second] : [second, first];
    const text = (bound: TierBound) => bound.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
    const valueText = (bound: TierBound) => bound.value?.$cstNode?.text ?? '';
    const range = quantityValue(low.value!).value === quantityValue(high.value!).value ? undefined
        : side === 'lower' ? `${text(low)} and ${OTHER_SIDE[high.operator]} ${valueText(high)}`
        : `${OTHER_SIDE[low.operator]} ${valueText(low)} and ${text(high)}`;
    const cst = condition.$cstNode;
    report(accept, 'range-invalid',
        `The tier ${quote(condition)} has two ${side} bounds: it is no range, and it is read as its later bound alone ('${text(second)}'). A range takes one lower bound ('at least', 'above') and one upper bound ('below', 'at most')${range ? `, e.g. '${range}'` : ''}; for a threshold write one bound.`,
        { node: condition, property: 'bounds', index: 1 },
        { fixes: range && cst ? [fix(`Write '${range}'`, [replaceNode(cst, range)])] : [] });
}

export type CoverageProblem =
    | { kind: 'gap'; after?: TierInterval; before?: TierInterval; from?: number; to?: number }
    | { kind: 'overlap'; first: TierInterval; second: TierInterval };

/**
 * Gaps and overlaps between tiers written as explicit ranges: every breached value must earn
 * exactly one tier. `breachEdge` is the objective's target: credits should reach it. In a
 * table mixing ranges with thresholds (`at least 99.0% and below 99.95%`, then `below 99.0%`,
 * `below 95.0%`), the thresholds stay thresholds among themselves: the most severe one whose
 * condition holds applies, as in a table of thresholds only, so they do not overlap each other.
 */
export function coverageProblems(intervals: TierInterval[], higherIsBetter: boolean | undefined, breachEdge: number | undefined): CoverageProblem[] {
    if (!intervals.some(i => i.explicitRange)) return [];
    const sorted = [...intervals].sort((a, b) => (a.low ?? -Infinity) - (b.low ?? -Infinity) || (a.high ?? Infinity) - (b.high ?? Infinity));
    const problems: CoverageProblem[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
        const a = sorted[i];
        const b = sorted[i + 1];
        const aHigh = a.high ?? Infinity;
        const bLow = b.low ?? -Infinity;
        const overlap = aHigh > bLow || (aHigh === bLow && a.highInclusive && b.lowInclusive);
        if (overlap && !nestedThresholds(a, b)) problems.push({ kind: 'overlap', first: a, second: b });
        else if (!overlap && (aHigh < bLow || (aHigh === bLow && !a.highInclusive && !b.lowInclusive))) problems.push({ kind: 'gap', after: a, before: b, from: aHigh, to: bLow });
    }
    if (higherIsBetter === true) {
        const lowest = sorted[0];
        if (lowest.low !== undefined && lowest.low > 0) problems.push({ kind: 'gap', before: lowest, to: lowest.low });
        const highest = sorted[sorted.length - 1];
        if (breachEdge !== undefined && highest.high !== undefined && highest.high < breachEdge) {
            problems.push({ kind: 'gap', after: highest, from: highest.high, to: breachEdge });
        }
    } else if (higherIsBetter === false) {
        const highest = sorted[sorted.length - 1];
        if (highest.high !== undefined) problems.push({ kind: 'gap', after: highest, from: highest.high });
        const lowest = sorted[0];
        if (breachEdge !== undefined && lowest.low !== undefined && lowest.low > breachEdge) {
            problems.push({ kind: 'gap', before: lowest, from: breachEdge, to: lowest.low });
        }
    }
    return problems;
}

/** Two thresholds open on the same side (`below 99.0%`, `below 95.0%`): one holds inside the other, and the more severe applies there. */
function nestedThresholds(a: TierInterval, b: TierInterval): boolean {
    if (a.explicitRange || b.explicitRange) return false;
    return (a.low === undefined && b.low === undefined) || (a.high === undefined && b.high === undefined);
}

/** Where a tier sits on the scale from mild to severe breach (larger = more severe). */
export function severityKey(interval: TierInterval, higherIsBetter: boolean): number | undefined {
    if (higherIsBetter) {
        const edge = interval.high ?? interval.low;
        return edge === undefined ? undefined : -edge;
    }
    return interval.low ?? interval.high;
}
