import { selectRank } from './select-rank.js';

const MAX_BUCKET_BITS = 16;
const MIN_BUCKET_BITS = 8;
/**
 * Below this many values a quickselect on a copy is as fast. (A portfolio's windows are small
 * and many: 400 clients × 12 months of ~2,000 values each; measured there, radix 93–150 ms
 * against 214–325 ms for copy and quickselect per 2,000 windows, and 28–44 against 57–89 ms
 * at 600 values.)
 */
export const RADIX_SELECT_MIN = 512;

/**
 * Order statistics of integers held in chunks (ValueBuffer's scaled encoding), without
 * copying or reordering them: one pass finds the range, one counts the values per
 * bucket of the range cut in up to 65,536 (about a quarter as many buckets as values,
 * so that a window of 40,000 values does not clear and walk 65,536 counters), and one
 * gathers the values of the buckets the ranks fall in (all of them in the same pass),
 * where a quickselect finishes. Three linear passes cost a fraction of a quickselect
 * over all the values (which reads and swaps the whole array several times).
 */
export class RadixSelector {
    private readonly counts = new Uint32Array(1 << MAX_BUCKET_BITS);
    /** per bucket, the index of the gathered array its values go to, or -1 */
    private readonly target = new Int32Array(1 << MAX_BUCKET_BITS).fill(-1);
    private gathered: Float64Array[] = [];
    /** [min, max] of the values seen */
    private readonly range = new Float64Array(2);

    /** The values of the given 0-based ranks (ascending) among all the chunks' values. */
    select(chunks: readonly Int32Array[], ranks: readonly number[]): number[] {
        // The linear passes are functions of their own: called per chunk, they are optimized once
        // as functions, where loops inside this method were entered by on-stack replacement at each
        // call and deoptimized on leaving (dozens of deoptimizations per evaluation).
        const range = this.range;
        range[0] = Infinity;
        range[1] = -Infinity;
        let total = 0;
        for (const chunk of chunks) {
            total += chunk.length;
            widenRange(chunk, range);
        }
        const min = range[0]!;
        const max = range[1]!;
        if (min === max) return ranks.map(() => min);
        let bits = MIN_BUCKET_BITS;
        while (bits < MAX_BUCKET_BITS && 1 << (bits + 2) < total) bits++;
        const buckets = 1 << bits;
        // Bucket of v: (v − min) >>> shift, with the range fitting `bits` bits
        // (v − min < 2³², so the unsigned shift is exact).
        let shift = 0;
        while ((max - min) / 2 ** shift >= buckets) shift++;
        const counts = this.counts;
        counts.fill(0, 0, buckets);
        for (const chunk of chunks) countBuckets(chunk, min, shift, counts);
        // The bucket of each rank, and the rank inside it; each distinct bucket gets a gathered array.
        const rankBucket: number[] = [];
        const inside: number[] = [];
        const distinct: number[] = [];
        let bucket = 0;
        let before = 0;
        for (const rank of ranks) {
            while (before + counts[bucket]! <= rank) before += counts[bucket++]!;
            rankBucket.push(bucket);
            inside.push(rank - before);
            if (distinct.at(-1) !== bucket) distinct.push(bucket);
        }
        const target = this.target;
        const fill = new Int32Array(distinct.length);
        distinct.forEach((b, index) => {
            target[b] = index;
            if ((this.gathered[index]?.length ?? 0) < counts[b]!) this.gathered[index] = new Float64Array(Math.max(counts[b]!, 2 * (this.gathered[index]?.length ?? 512)));
        });
        const gathered = this.gathered;
        for (const chunk of chunks) gatherBuckets(chunk, min, shift, target, gathered, fill);
        for (const b of distinct) target[b] = -1;
        return ranks.map((_, r) => {
            const index = distinct.indexOf(rankBucket[r]!);
            return selectRank(gathered[index]!.subarray(0, fill[index]!), inside[r]!);
        });
    }
}

function widenRange(chunk: Int32Array, range: Float64Array): void {
    let min = range[0]!;
    let max = range[1]!;
    for (let i = 0; i < chunk.length; i++) {
        const v = chunk[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
    }
    range[0] = min;
    range[1] = max;
}

function countBuckets(chunk: Int32Array, min: number, shift: number, counts: Uint32Array): void {
    for (let i = 0; i < chunk.length; i++) counts[(chunk[i]! - min) >>> shift]!++;
}

function gatherBuckets(chunk: Int32Array, min: number, shift: number, target: Int32Array, gathered: Float64Array[], fill: Int32Array): void {
    for (let i = 0; i < chunk.length; i++) {
        const v = chunk[i]!;
        const index = target[(v - min) >>> shift]!;
        if (index >= 0) gathered[index]![fill[index]!++] = v;
    }
}
