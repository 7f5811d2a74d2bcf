import type { ComparisonOp, CreditBound, CreditTier } from '../model.js';
import { compare, exactOf, type Exact } from './exact-value.js';

/** True when the value lies inside the tier's range (compared exactly: 0.999 is not "below 99.9%"). */
export function tierContains(tier: CreditTier, value: Exact | number): boolean {
    const exact = typeof value === 'number' ? exactOf(value) : value;
    if (tier.lower !== undefined && !aboveBound(exact, tier.lower)) return false;
    if (tier.upper !== undefined && !belowBound(exact, tier.upper)) return false;
    return true;
}

function aboveBound(value: Exact, bound: CreditBound): boolean {
    const order = compare(value, exactOf(bound.value));
    return bound.inclusive ? order >= 0 : order > 0;
}

function belowBound(value: Exact, bound: CreditBound): boolean {
    const order = compare(value, exactOf(bound.value));
    return bound.inclusive ? order <= 0 : order < 0;
}

/**
 * The most severe tier containing the value, as a 0-based index, or -1.
 * When low values are bad (availability): the tier with the lowest upper threshold
 * the value is below ("below 99%" beats "below 99.9%"). When high values are bad
 * (latency, error rate): the tier with the highest lower threshold. Ties: the tier
 * written first. A `default` tier is never chosen here.
 */
export function mostSevereTier(tiers: readonly CreditTier[], value: Exact | number, lowIsBad: boolean): number {
    let best = -1;
    for (let index = 0; index < tiers.length; index++) {
        const tier = tiers[index]!;
        // A `default` tier holds no values: it applies upon a Service Level Default (credit-evaluation.ts).
        if (tier.default === true || !tierContains(tier, value)) continue;
        if (best < 0 || moreSevere(tier, tiers[best]!, lowIsBad)) best = index;
    }
    return best;
}

function moreSevere(candidate: CreditTier, current: CreditTier, lowIsBad: boolean): boolean {
    if (lowIsBad) return (candidate.upper?.value ?? Infinity) < (current.upper?.value ?? Infinity);
    return (candidate.lower?.value ?? -Infinity) > (current.lower?.value ?? -Infinity);
}

/**
 * The tiers as they apply in a window whose objective has this comparison and target: a `missed`
 * tier holds the values that miss the target (below it for `>=`, at or below it for `>`; above it
 * for `<=`, at or above it for `<`), so it is the least severe tier and follows a target that steps.
 */
export function tiersAgainstTarget(tiers: readonly CreditTier[], comparison: ComparisonOp, target: number): readonly CreditTier[] {
    if (!tiers.some((tier) => tier.missed === true)) return tiers;
    return tiers.map((tier) => {
        if (tier.missed !== true) return tier;
        if (comparison === '>=' || comparison === '>') return { ...tier, upper: { value: target, inclusive: comparison === '>' } };
        return { ...tier, lower: { value: target, inclusive: comparison === '<' } };
    });
}
