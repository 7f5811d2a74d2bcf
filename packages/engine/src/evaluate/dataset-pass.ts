import { scanDataset, type DataError } from '../data/index.js';
import type { DatasetScan } from './evaluation-plan.js';
import { FilterDispatch } from './filter-dispatch.js';
import { segmentLocator } from './window-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';

export interface DatasetPassResult {
    rows: number;
    rejected: number;
    rejectedSamples: DataError[];
    bytes: number;
    /** Rows whose event time lies outside the evaluation period (or is missing). */
    outsidePeriod: number;
    firstTime: number | null;
    lastTime: number | null;
}

export interface DatasetPassOptions {
    skipInvalid: boolean;
    signal?: AbortSignal;
    onBytes?: (bytesRead: number, totalBytes: number) => void;
}

const ABORT_CHECK_INTERVAL = 0xffff;

/**
 * Reads one dataset once and feeds every accumulator that reads it: each row is
 * located in a segment of every window plan (one binary search each), its scope
 * values are interned, then each filter group runs its filter once.
 * The per-row path allocates nothing.
 */
export async function runDatasetPass(scan: DatasetScan, period: EvaluationPeriod, options: DatasetPassOptions): Promise<DatasetPassResult> {
    const locators = scan.plans.map(segmentLocator);
    const segments = new Int32Array(locators.length);
    const interners = scan.interners;
    const scopeIds = new Int32Array(interners.length);
    const dispatch = new FilterDispatch(scan.groups, scan.context);
    const outages = scan.outages;
    const eventIndex = scan.eventIndex;
    const periodStart = period.start;
    const periodEnd = period.end;
    const signal = options.signal;

    let rowCount = 0;
    let outsidePeriod = 0;
    let firstTime = Infinity;
    let lastTime = -Infinity;

    const onRow = (row: readonly unknown[], line: number): void => {
        rowCount++;
        if ((rowCount & ABORT_CHECK_INTERVAL) === 0) signal?.throwIfAborted();
        for (let s = 0; s < interners.length; s++) {
            const interner = interners[s]!;
            scopeIds[s] = interner.intern(row[interner.fieldIndex]);
        }
        // Outages are placed by their own [from, to), not by the event time.
        for (let o = 0; o < outages.length; o++) {
            const collector = outages[o]!;
            if (collector.where !== undefined && collector.where(row) !== true) continue;
            const scopeId = collector.scopeSlot < 0 ? 0 : scopeIds[collector.scopeSlot]!;
            if (scopeId < 0) continue;
            collector.accept(row, scopeId, line);
        }
        if (eventIndex < 0) return;
        const time = row[eventIndex];
        if (typeof time !== 'number') {
            outsidePeriod++;
            return;
        }
        if (time < firstTime) firstTime = time;
        if (time > lastTime) lastTime = time;
        if (time < periodStart || time >= periodEnd) {
            outsidePeriod++;
            return;
        }
        for (let p = 0; p < locators.length; p++) segments[p] = locators[p]!(time);
        const routed = dispatch.groupsFor(row);
        for (let g = 0; g < routed.length; g++) {
            const { group, residual } = routed[g]!;
            const segment = segments[group.planIndex]!;
            if (segment < 0) continue;
            const scopeId = group.scopeSlot < 0 ? 0 : scopeIds[group.scopeSlot]!;
            if (scopeId < 0) continue;
            if (residual !== undefined) {
                const verdict = residual(row);
                if (verdict !== true) {
                    if (verdict === null && group.open !== undefined) group.undecided(row, segment, scopeId, line);
                    continue;
                }
            }
            group.accept(row, segment, scopeId, line);
        }
    };

    signal?.throwIfAborted();
    const result = await scanDataset(scan.spec, onRow, {
        skipInvalid: options.skipInvalid,
        onProgress: (bytesRead: number, totalBytes: number) => {
            signal?.throwIfAborted();
            options.onBytes?.(bytesRead, totalBytes);
        }
    });
    signal?.throwIfAborted();
    return {
        rows: result.rows,
        rejected: result.rejected,
        rejectedSamples: result.rejectedSamples,
        bytes: result.bytes,
        outsidePeriod,
        firstTime: rowCount > 0 && Number.isFinite(firstTime) ? firstTime : null,
        lastTime: rowCount > 0 && Number.isFinite(lastTime) ? lastTime : null
    };
}
