import { scanDataset, type DataError } from '../data/index.js';
import type { DatasetScan } from './evaluation-plan.js';
import { RowSink } from './row-sink.js';
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

/**
 * Reads one dataset once and feeds every accumulator that reads it (see RowSink).
 */
export async function runDatasetPass(scan: DatasetScan, period: EvaluationPeriod, options: DatasetPassOptions): Promise<DatasetPassResult> {
    const signal = options.signal;
    const sink = new RowSink(scan, period, signal);
    const onRow = (row: readonly unknown[], line: number): void => sink.accept(row, line);
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
        outsidePeriod: sink.outsidePeriod,
        firstTime: Number.isFinite(sink.firstTime) ? sink.firstTime : null,
        lastTime: Number.isFinite(sink.lastTime) ? sink.lastTime : null
    };
}
