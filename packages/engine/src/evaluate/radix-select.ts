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

/** Values sampled to bracket the ranks (see bracketSelect); windows smaller than SAMPLE_MIN go the radix way. */
const SAMPLE_SIZE = 1024;
const SAMPLE_MIN = 8 * SAMPLE_SIZE;
/** Bracketing is tried only when the ranks' bracket holds at most this share of the sample (p95 with p99: ≈ 6 %). */
const MAX_BRACKET_SHARE = 0.125;

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

    private readonly sample = new Float64Array(SAMPLE_SIZE);
    private bracketed = new Float64Array(4096);

    /** How the last selection was made (tests check which way a window goes). */
    lastWay: 'bracket' | 'radix' = 'radix';

    /** The values of the given 0-based ranks (ascending) among all the chunks' values. */
    select(chunks: readonly Int32Array[], ranks: readonly number[]): number[] {
        const bracketed = this.bracketSelect(chunks, ranks);
        this.lastWay = bracketed === undefined ? 'radix' : 'bracket';
        return bracketed ?? this.radixSelect(chunks, ranks);
    }

    /**
     * The ranks' values in one pass over the values, when a sample brackets them: two order
     * statistics of an evenly spaced sample of 1,024 values give a value range [low, high]
     * that holds the ranks' values with a wide margin (4 standard deviations of a sample
     * quantile on each side); one pass counts the values below `low` and gathers those in the
     * range (for p95 and p99, ≈ 6–8 % of them), where a quickselect finishes. The answer is exact either way:
     * when a rank is not among the gathered values (the sample missed, or the data are
     * ordered against the sample's spacing), undefined, and the radix selection runs.
     */
    private bracketSelect(chunks: readonly Int32Array[], ranks: readonly number[]): number[] | undefined {
        let total = 0;
        for (const chunk of chunks) total += chunk.length;
        if (total < SAMPLE_MIN || ranks.length === 0) return undefined;
        const sample = this.sample;
        const stride = total / SAMPLE_SIZE;
        let taken = 0;
        let start = 0;
        for (const chunk of chunks) {
            const end = start + chunk.length;
            // Sample j is the value at floor(j × stride) of the values in chunk order.
            for (let at = Math.floor(taken * stride); taken < SAMPLE_SIZE && at < end; at = Math.floor(taken * stride)) {
                sample[taken++] = chunk[at - start]!;
            }
            start = end;
        }
        const position = (rank: number, side: number): number => {
            const q = (rank + 0.5) / total;
            const margin = 4 * Math.sqrt(SAMPLE_SIZE * q * (1 - q)) + 2;
            return Math.min(SAMPLE_SIZE - 1, Math.max(0, Math.floor(q * SAMPLE_SIZE + side * margin)));
        };
        const lowAt = position(ranks[0]!, -1);
        const highAt = position(ranks[ranks.length - 1]!, 1);
        if ((highAt - lowAt) / SAMPLE_SIZE > MAX_BRACKET_SHARE) return undefined;
        // Two order statistics of the sample (a quickselect each, not a sort). At the sample's
        // ends the bracket is open: no value lies below the smallest possible one.
        const low = lowAt === 0 ? -Infinity : selectRank(sample, lowAt);
        const high = highAt === SAMPLE_SIZE - 1 ? Infinity : selectRank(sample, highAt, lowAt);
        const counts = this.range; // [values below low, values gathered]
        counts[0] = 0;
        counts[1] = 0;
        for (const chunk of chunks) {
            if (this.bracketed.length - counts[1]! < chunk.length) {
                const larger = new Float64Array(Math.max(2 * this.bracketed.length, counts[1]! + chunk.length));
                larger.set(this.bracketed.subarray(0, counts[1]!));
                this.bracketed = larger;
            }
            bracketChunk(chunk, low, high, this.bracketed, counts);
        }
        const below = counts[0]!;
        const inside = counts[1]!;
        if (ranks[0]! < below || ranks[ranks.length - 1]! >= below + inside) return undefined;
        const values = this.bracketed.subarray(0, inside);
        const selected: number[] = [];
        let from = 0;
        for (const rank of ranks) {
            const k = rank - below;
            selected.push(k < from ? values[k]! : selectRank(values, k, from, inside - 1));
            from = k + 1;
        }
        return selected;
    }

    private radixSelect(chunks: readonly Int32Array[], ranks: readonly number[]): number[] {
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

/** Counts the chunk's values below `low` (counts[0]) and gathers those in [low, high] into `gathered` from counts[1] on. */
function bracketChunk(chunk: Int32Array, low: number, high: number, gathered: Float64Array, counts: Float64Array): void {
    let below = counts[0]!;
    let fill = counts[1]!;
    for (let i = 0; i < chunk.length; i++) {
        const v = chunk[i]!;
        if (v < low) below++;
        else if (v <= high) gathered[fill++] = v;
    }
    counts[0] = below;
    counts[1] = fill;
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
