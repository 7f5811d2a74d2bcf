import { RADIX_SELECT_MIN, RadixSelector } from './radix-select.js';
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

/**
 * The radix selector's counters (512 KB) are allocated once per thread: a selection runs to
 * its end without yielding, so evaluations never share it at the same time (a portfolio of
 * 400 agreements allocated and cleared them 400 times).
 */
let threadRadix: RadixSelector | undefined;

/** One scratch array for all selections of an evaluation: grows to the largest window. */
export class SelectionScratch {
    private array = new Float64Array(1024);

    get radix(): RadixSelector {
        return (threadRadix ??= new RadixSelector());
    }

    take(length: number): Float64Array {
        if (this.array.length < length) this.array = new Float64Array(Math.max(length, this.array.length * 2));
        return this.array.subarray(0, length);
    }
}

/**
 * Several percentiles over one window's per-segment buffers (a rolling window spans
 * several), in the order given; null when there are no values. Ranks are selected in
 * ascending order, each in the part right of the previous one (p99 after p95 only
 * looks at the top 5 %).
 */
export function percentilesOfBuffers(buffers: readonly (ValueBuffer | undefined)[], percentiles: readonly number[], scratch: SelectionScratch): (number | null)[] {
    let total = 0;
    for (const buffer of buffers) total += buffer?.length ?? 0;
    if (total === 0) return percentiles.map(() => null);
    if (total >= RADIX_SELECT_MIN) {
        // Values stored as integers of one scale (the usual case): select on them in place.
        const exported = buffers.flatMap((buffer) => (buffer === undefined || buffer.length === 0 ? [] : [buffer.exportChunks()]));
        const scale = exported[0]!.scale;
        if (scale !== null && exported.every((values) => values.scale === scale)) {
            const ranks = percentiles.map((p) => nearestRankIndex(p, total) - 1);
            const ascending = [...new Set(ranks)].sort((a, b) => a - b);
            const selected = scratch.radix.select(exported.flatMap((values) => values.chunks as Int32Array[]), ascending);
            return ranks.map((rank) => selected[ascending.indexOf(rank)]! / scale);
        }
    }
    const values = scratch.take(total);
    let offset = 0;
    for (const buffer of buffers) if (buffer !== undefined) offset = buffer.copyInto(values, offset);
    const order = percentiles.map((p, index) => ({ rank: nearestRankIndex(p, total) - 1, index })).sort((a, b) => a.rank - b.rank);
    const results = new Array<number | null>(percentiles.length).fill(null);
    let low = 0;
    for (const { rank, index } of order) {
        results[index] = rank < low ? values[rank]! : selectRank(values, rank, low, total - 1);
        low = rank + 1;
    }
    return results;
}
