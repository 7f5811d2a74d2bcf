import { RankSelector } from './select-rank.js';
import type { ValueBuffer } from './value-buffer.js';

/**
 * The 1-based nearest rank of percentile p among n values: ceil(p/100 · n), at least 1.
 * p·n/100 can miss an exact integer by one ulp (99.9 · 1000); such results are snapped.
 */
export function nearestRankIndex(p: number, n: number): number {
    const exact = (p * n) / 100;
    const nearest = Math.round(exact);
    const rank = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : Math.ceil(exact);
    return Math.min(n, Math.max(1, rank));
}

/**
 * Nearest-rank percentile on the exact values: the smallest v such that at least
 * p% of the values are ≤ v, i.e. sorted[ceil(p/100 · n) − 1]. Null for no values.
 * The array is partially reordered.
 */
export function nearestRank(values: Float64Array, p: number): number | null {
    if (values.length === 0) return null;
    return new RankSelector(values).at(nearestRankIndex(p, values.length) - 1);
}

/** The percentile over several per-segment buffers (a rolling window spans several segments). */
export function percentileOfBuffers(buffers: readonly (ValueBuffer | undefined)[], p: number): number | null {
    const present = buffers.filter((buffer): buffer is ValueBuffer => buffer !== undefined && buffer.length > 0);
    if (present.length === 0) return null;
    if (present.length === 1) {
        const ranks = present[0]!.ranks();
        return ranks.at(nearestRankIndex(p, ranks.length) - 1);
    }
    let total = 0;
    for (const buffer of present) total += buffer.length;
    const merged = new Float64Array(total);
    let offset = 0;
    for (const buffer of present) {
        const values = buffer.values();
        merged.set(values, offset);
        offset += values.length;
    }
    return nearestRank(merged, p);
}
