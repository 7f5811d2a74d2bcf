/**
 * Paused clocks: the time of `[from, to)` that lies outside a ticket's pauses (time waiting
 * for the customer does not count). One home for the rule, used by the compiled per-row
 * elapsed(…) and by the judgement of open rows, so both count the same minutes.
 */

/**
 * Pauses of one item as a flat, sorted, merged list `[start0, end0, start1, end1, …]` (epoch ms;
 * an open pause ends at +Infinity). Merged: no two overlap or touch, so subtracting each one
 * clipped to `[from, to)` never subtracts a minute twice.
 */
export type PauseList = readonly number[];

/**
 * `measure(from, to)` minus `measure` of every pause clipped to `[from, to)`. `measure` is
 * wall-clock time (`to − from`) or working time of a calendar: both are additive over
 * disjoint intervals, which is what makes the subtraction exact.
 * A pause outside `[from, to)` does not count; an open pause counts until `to` (the ticket's
 * end, or the instant of knowledge for a ticket still open).
 */
export function timeOutsidePauses(from: number, to: number, pauses: PauseList | undefined, measure: (from: number, to: number) => number): number {
    const total = measure(from, to);
    if (pauses === undefined || pauses.length === 0 || !(to > from)) return total;
    let paused = 0;
    forEachPauseWithin(from, to, pauses, (start, end) => {
        paused += measure(start, end);
    });
    return total - paused;
}

/**
 * Calls `visit` with every pause of the (merged, sorted) list clipped to `[from, to)`, in order,
 * when anything of it is left: the parts timeOutsidePauses subtracts, for a measure that is not
 * a number of milliseconds (business days, time/calendar.ts, compared exactly).
 */
export function forEachPauseWithin(from: number, to: number, pauses: PauseList | undefined, visit: (start: number, end: number) => void): void {
    if (pauses === undefined || !(to > from)) return;
    for (let i = 0; i < pauses.length; i += 2) {
        const start = pauses[i]!;
        if (start >= to) break; // sorted: the rest start later still
        const end = pauses[i + 1]!;
        const clippedStart = start > from ? start : from;
        const clippedEnd = end < to ? end : to;
        if (clippedEnd > clippedStart) visit(clippedStart, clippedEnd);
    }
}

/**
 * Sorts the pairs of a flat `[start, end, …]` list and merges overlapping or touching ones,
 * in place where it can; returns the merged list. Pauses of one ticket are few.
 */
export function mergePauses(flat: number[]): number[] {
    const count = flat.length / 2;
    if (count <= 1) return flat;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => flat[2 * a]! - flat[2 * b]! || flat[2 * a + 1]! - flat[2 * b + 1]!);
    const merged: number[] = [];
    for (const i of order) {
        const start = flat[2 * i]!;
        const end = flat[2 * i + 1]!;
        const last = merged.length - 1;
        if (last > 0 && start <= merged[last]!) {
            if (end > merged[last]!) merged[last] = end;
        } else {
            merged.push(start, end);
        }
    }
    return merged;
}
