/**
 * Percentiles of windows whose rows have all been read, worked out while a parallel pass is
 * still reading (parallel-csv-pass.ts): the main thread merges the ranges in file order, and
 * between its own ranges it selects the percentiles of the windows that end before the
 * earliest row of the range it just merged. In a file in time order (the usual export) no
 * later row falls in such a window; the selections are then done while the worker reads
 * on, not after the pass on the main thread alone (the windows of the last range or so are
 * left for then). The selection is the one the KPI evaluator would make (percentilesOfBuffers
 * over the same buffers), and the evaluator takes it only if the window still holds the same
 * number of values at the end (ValueChannel.earlyPercentiles): a file out of time order gives
 * the same report, at the cost of selecting such a window twice.
 */
import type { DatasetScan } from './evaluation-plan.js';
import { percentilesOfBuffers, SelectionScratch } from './percentile.js';

export class EarlyPercentiles {
    /** per window plan, its first window not yet worked out (windows come in time order) */
    private readonly next: Int32Array;
    private readonly scratch = new SelectionScratch();
    /** windows worked out (for tests) */
    windows = 0;

    constructor(private readonly scan: DatasetScan) {
        this.next = new Int32Array(scan.plans.length);
    }

    /** Whether the scan keeps values for a percentile at all. */
    static useful(scan: DatasetScan): boolean {
        return scan.groups.some((group) => group.channels.some((channel) => channel.percentiles.length > 0 && channel.keepValues && channel.pushedPercentiles === undefined));
    }

    /** A range whose earliest row is at `firstTime` was merged: works out the windows that end by then. */
    windowsEndedBy(firstTime: number): void {
        if (!Number.isFinite(firstTime)) return; // a range without rows in the period tells nothing
        const plans = this.scan.plans;
        for (let p = 0; p < plans.length; p++) {
            // A slice plan placing rows by a field of its own: the event times of the ranges say nothing of it.
            if (plans[p]!.timeField !== undefined) continue;
            const windows = plans[p]!.windows;
            let w = this.next[p]!;
            for (; w < windows.length && windows[w]!.to <= firstTime; w++) this.select(p, windows[w]!.firstSegment, windows[w]!.endSegment);
            this.next[p] = w;
        }
    }

    private select(planIndex: number, first: number, end: number): void {
        this.windows++;
        for (const group of this.scan.groups) {
            if (group.planIndex !== planIndex) continue;
            for (const channel of group.channels) {
                if (channel.percentiles.length === 0 || !channel.keepValues || channel.pushedPercentiles !== undefined) continue;
                channel.scopes.forEach((scope, scopeId) => {
                    const key = `${scopeId}:${first}:${end}`;
                    if (scope.values === undefined || channel.earlyPercentiles.has(key)) return;
                    const buffers = scope.values.slice(first, end);
                    let count = 0;
                    for (const buffer of buffers) count += buffer?.length ?? 0;
                    if (count === 0) return;
                    channel.earlyPercentiles.set(key, { count, results: percentilesOfBuffers(buffers, channel.percentiles, this.scratch) });
                });
            }
        }
    }
}
