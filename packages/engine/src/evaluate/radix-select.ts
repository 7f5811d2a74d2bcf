import { selectRank } from './select-rank.js';

const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;
/** Below this many values a quickselect on a copy is as fast. */
export const RADIX_SELECT_MIN = 4096;

/**
 * Order statistics of integers held in chunks (ValueBuffer's scaled encoding), without
 * copying or reordering them: one pass finds the range, one counts the values per
 * bucket of the range cut in 65,536, and one gathers the values of the buckets the
 * ranks fall in, where a quickselect finishes. Three linear passes cost a fraction of a
 * quickselect over all the values (which reads and swaps the whole array several times).
 */
export class RadixSelector {
    private readonly counts = new Uint32Array(BUCKETS);
    private gathered = new Float64Array(1024);

    /** The values of the given 0-based ranks (ascending) among all the chunks' values. */
    select(chunks: readonly Int32Array[], ranks: readonly number[]): number[] {
        let min = Infinity;
        let max = -Infinity;
        for (const chunk of chunks) {
            for (let i = 0; i < chunk.length; i++) {
                const v = chunk[i]!;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        if (min === max) return ranks.map(() => min);
        // Bucket of v: (v − min) >>> shift, with the range fitting BUCKET_BITS bits
        // (v − min < 2³², so the unsigned shift is exact).
        let shift = 0;
        while ((max - min) / 2 ** shift >= BUCKETS) shift++;
        const counts = this.counts;
        counts.fill(0);
        for (const chunk of chunks) for (let i = 0; i < chunk.length; i++) counts[(chunk[i]! - min) >>> shift]!++;
        // The bucket of each rank, and the rank inside it.
        const buckets: number[] = [];
        const inside: number[] = [];
        let bucket = 0;
        let before = 0;
        for (const rank of ranks) {
            while (before + counts[bucket]! <= rank) before += counts[bucket++]!;
            buckets.push(bucket);
            inside.push(rank - before);
        }
        // Gather each distinct bucket once (ranks are ascending, so equal buckets are adjacent).
        const results: number[] = [];
        for (let r = 0; r < ranks.length; r++) {
            if (r > 0 && buckets[r] === buckets[r - 1]) {
                results.push(selectRank(this.gathered.subarray(0, counts[buckets[r]!]!), inside[r]!));
                continue;
            }
            const target = buckets[r]!;
            const size = counts[target]!;
            if (this.gathered.length < size) this.gathered = new Float64Array(Math.max(size, this.gathered.length * 2));
            const gathered = this.gathered;
            let n = 0;
            for (const chunk of chunks) {
                for (let i = 0; i < chunk.length; i++) {
                    const v = chunk[i]!;
                    if ((v - min) >>> shift === target) gathered[n++] = v;
                }
            }
            results.push(selectRank(gathered.subarray(0, n), inside[r]!));
        }
        return results;
    }
}
