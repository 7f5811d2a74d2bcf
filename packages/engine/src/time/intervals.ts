/**
 * Half-open time intervals `[start, end)` in epoch milliseconds.
 * Functions taking "sorted, merged" inputs say so; all outputs are sorted and merged
 * (no overlaps, no touching neighbours, no empty intervals).
 */
export type Interval = [number, number];

/** Sorts and merges overlapping or touching intervals; drops empty ones. Does not modify the input. */
export function mergeIntervals(intervals: readonly (readonly [number, number])[]): Interval[] {
    const sorted = intervals.filter(([s, e]) => e > s).map(([s, e]): Interval => [s, e]);
    sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: Interval[] = [];
    for (const interval of sorted) {
        const last = merged[merged.length - 1];
        if (last !== undefined && interval[0] <= last[1]) {
            if (interval[1] > last[1]) last[1] = interval[1];
        } else {
            merged.push(interval);
        }
    }
    return merged;
}

/** The parts of the intervals inside `[from, to)`, merged. */
export function clipIntervals(intervals: readonly (readonly [number, number])[], from: number, to: number): Interval[] {
    const clipped: Interval[] = [];
    for (const [s, e] of intervals) {
        const start = Math.max(s, from);
        const end = Math.min(e, to);
        if (end > start) clipped.push([start, end]);
    }
    return mergeIntervals(clipped);
}

/** Time covered by `a` and not by `b`. Inputs in any order; output merged. */
export function subtractIntervals(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): Interval[] {
    const left = mergeIntervals(a);
    const right = mergeIntervals(b);
    const result: Interval[] = [];
    let j = 0;
    for (const [start, end] of left) {
        let cursor = start;
        while (j < right.length && right[j]![1] <= cursor) j++;
        let k = j;
        while (k < right.length && right[k]![0] < end) {
            const [cutStart, cutEnd] = right[k]!;
            if (cutStart > cursor) result.push([cursor, cutStart]);
            cursor = Math.max(cursor, cutEnd);
            if (cursor >= end) break;
            k++;
        }
        if (cursor < end) result.push([cursor, end]);
    }
    return result;
}

/** Time covered by both `a` and `b`. Inputs in any order; output merged. */
export function intersectIntervals(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): Interval[] {
    const left = mergeIntervals(a);
    const right = mergeIntervals(b);
    const result: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
        const start = Math.max(left[i]![0], right[j]![0]);
        const end = Math.min(left[i]![1], right[j]![1]);
        if (end > start) result.push([start, end]);
        if (left[i]![1] < right[j]![1]) i++;
        else j++;
    }
    return result;
}

/** Total length of the intervals, counting overlapping time once. */
export function totalLength(intervals: readonly (readonly [number, number])[]): number {
    let total = 0;
    for (const [s, e] of mergeIntervals(intervals)) total += e - s;
    return total;
}
