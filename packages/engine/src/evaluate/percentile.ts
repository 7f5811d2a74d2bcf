import type { ValueBuffer } from './value-buffer.js';

/**
 * Nearest-rank percentile on exact sorted values: the smallest v such that at least
 * p% of the values are ≤ v, i.e. sorted[ceil(p/100 · n) − 1]. Null for no values.
 */
export function nearestRank(sorted: Float64Array, p: number): number | null {
    const n = sorted.length;
    if (n === 0) return null;
    // p·n/100 can miss an exact integer by one ulp (99.9·1000); snap those before ceil.
    const exact = (p * n) / 100;
    const nearest = Math.round(exact);
    const rank = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : Math.ceil(exact);
    return sorted[Math.min(n, Math.max(1, rank)) - 1]!;
}

/** The percentile over several per-segment buffers (a rolling window spans several segments). */
export function percentileOfBuffers(buffers: readonly (ValueBuffer | undefined)[], p: number): number | null {
    const present = buffers.filter((buffer): buffer is ValueBuffer => buffer !== undefined && buffer.length > 0);
    if (present.length === 0) return null;
    if (present.length === 1) return nearestRank(present[0]!.sortedValues(), p);
    let total = 0;
    for (const buffer of present) total += buffer.length;
    const merged = new Float64Array(total);
    let offset = 0;
    for (const buffer of present) {
        const values = buffer.sortedValues();
        merged.set(values, offset);
        offset += values.length;
    }
    merged.sort();
    return nearestRank(merged, p);
}
