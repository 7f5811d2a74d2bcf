/**
 * A credit's tiers from the most severe to the least. In a window the most severe tier whose
 * condition holds pays (docs/language-reference.md § 12; the engine's `mostSevereTier`), so the
 * order a table is written in means nothing: two versions of a table compare tier by tier in
 * this order (model/credit-comparison.ts).
 */
import type { CreditTier, Quantity } from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { unitKind } from './unit-kinds.js';

interface Range {
    lower?: number;
    upper?: number;
}

/**
 * The tiers, most severe first: where low values are bad (every bounded tier has an upper bound:
 * `below 99.9%`, `at most`) by the upper bound, lowest first; where high values are bad (every one
 * has a lower bound: `above 4 hours`, `at least`) by the lower bound, highest first. `missed` tiers
 * (the least severe) follow, `default` tiers (they hold no values) come last; ties keep their
 * written order. The written order when the bounds cannot be ranked: another unit among them, a
 * template's parameter, or a tier bounded only from below beside one bounded only from above.
 */
export function inSeverityOrder<T extends CreditTier>(tiers: readonly T[]): readonly T[] {
    const bounded = tiers.filter(tier => !tier.condition.missed && !tier.condition.default);
    const ranges = bounded.map(tier => rangeOf(tier));
    if (ranges.some(range => range === undefined) || new Set(bounded.flatMap(boundsOf).map(unitKind)).size > 1) return tiers;
    const lowIsBad = ranges.every(range => range!.upper !== undefined);
    if (!lowIsBad && !ranges.every(range => range!.lower !== undefined)) return tiers;
    const rank = new Map<T, number>(bounded.map((tier, index) => [tier, lowIsBad ? ranges[index]!.upper! : -ranges[index]!.lower!]));
    const group = (tier: T) => (tier.condition.default ? 2 : tier.condition.missed ? 1 : 0);
    // Array.prototype.sort is stable: ties keep their written order.
    return [...tiers].sort((a, b) => group(a) - group(b) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/** The values a tier holds (`at least 99.0% and below 99.9%`: 0.99 to 0.999); undefined when a bound is no number. */
function rangeOf(tier: CreditTier): Range | undefined {
    const condition = tier.condition;
    const bounds = condition.between
        ? [{ lower: true, value: condition.low }, { lower: false, value: condition.high }]
        : condition.bounds.map(bound => ({ lower: bound.operator === 'above' || bound.operator === 'least', value: bound.value }));
    const range: Range = {};
    for (const bound of bounds) {
        if (!bound.value || bound.value.parameter) return undefined;
        const value = quantityValue(bound.value).value;
        if (Number.isNaN(value)) return undefined;
        if (bound.lower) range.lower = value;
        else range.upper = value;
    }
    return range.lower === undefined && range.upper === undefined ? undefined : range;
}

function boundsOf(tier: CreditTier): Quantity[] {
    const condition = tier.condition;
    const values = condition.between ? [condition.low, condition.high] : condition.bounds.map(bound => bound.value);
    return values.filter((value): value is Quantity => value !== undefined);
}
