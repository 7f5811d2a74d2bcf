/**
 * In-place selection (Hoare quickselect, median-of-three pivot): afterwards
 * values[k] holds the k-th smallest of values[lo..hi], everything left of it in that
 * range is ≤ and everything right of it is ≥. O(n) on average; several ranks of one
 * array reuse each other's partitions (see RankSelector). Faster here than sorting:
 * a typed-array sort is n·log n and, in V8, slower per element than this loop.
 */
export function selectRank(values: Float64Array, k: number, lo = 0, hi = values.length - 1): number {
    while (hi > lo) {
        if (hi - lo < 16) {
            insertionSort(values, lo, hi);
            return values[k]!;
        }
        const middle = (lo + hi) >>> 1;
        const a = values[lo]!;
        const b = values[middle]!;
        const c = values[hi]!;
        const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (values[i]! < pivot) i++;
            while (values[j]! > pivot) j--;
            if (i <= j) {
                const swap = values[i]!;
                values[i] = values[j]!;
                values[j] = swap;
                i++;
                j--;
            }
        }
        // Now values[lo..j] ≤ pivot ≤ values[i..hi], and values[j+1..i-1] = pivot.
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return values[k]!;
    }
    return values[k]!;
}

function insertionSort(values: Float64Array, lo: number, hi: number): void {
    for (let i = lo + 1; i <= hi; i++) {
        const value = values[i]!;
        let j = i - 1;
        while (j >= lo && values[j]! > value) {
            values[j + 1] = values[j]!;
            j--;
        }
        values[j + 1] = value;
    }
}

/**
 * Several order statistics of one array: each selection leaves its rank in final
 * position, so later ranks only partition the gap between known positions.
 */
export class RankSelector {
    /** Positions already holding their final (sorted-order) value, ascending. */
    private readonly settled: number[] = [];

    constructor(private readonly values: Float64Array) {}

    get length(): number {
        return this.values.length;
    }

    /** The k-th smallest value (0-based). */
    at(k: number): number {
        const settled = this.settled;
        let index = 0;
        while (index < settled.length && settled[index]! < k) index++;
        if (settled[index] === k) return this.values[k]!;
        const lo = index === 0 ? 0 : settled[index - 1]! + 1;
        const hi = index === settled.length ? this.values.length - 1 : settled[index]! - 1;
        selectRank(this.values, k, lo, hi);
        settled.splice(index, 0, k);
        return this.values[k]!;
    }
}
