import type { CreditBound, CreditTier } from '../model.js';

/** True when the value lies inside the tier's range. */
export function tierContains(tier: CreditTier, value: number): boolean {
    if (tier.lower !== undefined && !aboveBound(value, tier.lower)) return false;
    if (tier.upper !== undefined && !belowBound(value, tier.upper)) return false;
    return true;
}

function aboveBound(value: number, bound: CreditBound): boolean {
    return bound.inclusive ? value >= bound.value : value > bound.value;
}

function belowBound(value: number, bound: CreditBound): boolean {
    return bound.inclusive ? value <= bound.value : value < bound.value;
}

/**
 * The most severe tier containing the value, as a 0-based index, or -1.
 * When low values are bad (availability): the tier with the lowest upper threshold
 * the value is below ("below 99%" beats "below 99.9%"). When high values are bad
 * (latency, error rate): the tier with the highest lower threshold. Ties: the tier
 * written first.
 */
export function mostSevereTier(tiers: readonly CreditTier[], value: number, lowIsBad: boolean): number {
    let best = -1;
    for (let index = 0; index < tiers.length; index++) {
        const tier = tiers[index]!;
        if (!tierContains(tier, value)) continue;
        if (best < 0 || moreSevere(tier, tiers[best]!, lowIsBad)) best = index;
    }
    return best;
}

function moreSevere(candidate: CreditTier, current: CreditTier, lowIsBad: boolean): boolean {
    if (lowIsBad) return (candidate.upper?.value ?? Infinity) < (current.upper?.value ?? Infinity);
    return (candidate.lower?.value ?? -Infinity) > (current.lower?.value ?? -Infinity);
}
