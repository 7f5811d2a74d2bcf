import { selectRank } from './select-rank.js';
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
    return selectRank(values, nearestRankIndex(p, values.length) - 1);
}

/** One scratch array for all selections of an evaluation: grows to the largest window. */
export class SelectionScratch {
    private array = new Float64Array(1024);

    take(length: number): Float64Array {
        if (this.array.length < length) this.array = new Float64Array(Math.max(length, this.array.length * 2));
        return this.array.subarray(0, length);
    }
}

/** The percentile over one window's per-segment buffers (a rolling window spans several). */
export function percentileOfBuffers(buffers: readonly (ValueBuffer | undefined)[], p: number, scratch: SelectionScratch): number | null {
    let total = 0;
    for (const buffer of buffers) total += buffer?.length ?? 0;
    if (total === 0) return null;
    const values = scratch.take(total);
    let offset = 0;
    for (const buffer of buffers) if (buffer !== undefined) offset = buffer.copyInto(values, offset);
    return nearestRank(values, p);
}
