import { readingPass } from '../data/file-opens.js';
import { statSync } from 'node:fs';
import { requireUsableRows, scanDataset, type DataError, type ScanResult } from '../data/index.js';
import { checkedFormat } from '../data/scan-dataset.js';
import { parallelCsvPass, type ParallelPassInputs } from './parallel-csv-pass.js';
import { scanWorkersEnabled } from './scan-workers.js';
import type { DatasetScan } from './evaluation-plan.js';
import { RowSink } from './row-sink.js';
import type { TypedRowTarget } from '../data/csv-typed-record.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { ClientLookalike } from './client-lookalikes.js';

export interface DatasetPassResult {
    rows: number;
    rejected: number;
    rejectedSamples: DataError[];
    bytes: number;
    /** `one row per …, latest by …`: rows superseded by a later version of their key (not in `rows`) */
    superseded?: number;
    /** Rows whose event time lies outside the evaluation period. */
    outsidePeriod: number;
    /** Rows without an event time (an empty optional first timestamp field): in no window, and not in `outsidePeriod`. */
    withoutEventTime: number;
    /** Rows of other clients than the agreement's (its client scope on the dataset); included in `rows`. */
    otherClientRows: number;
    /**
     * Of `otherClientRows`, those whose scope value differs from the client's only in case, spacing
     * or Unicode form (client-lookalikes.ts), per value; absent or empty when there are none.
     */
    lookalikes?: ClientLookalike[];
    firstTime: number | null;
    lastTime: number | null;
    /** threads that read the dataset */
    threads: number;
}

/**
 * Reads a dataset another way than the file scanners (SQL engines, Parquet: sql/engine-pass.ts):
 * feeds the sink row by row, or fills the scan's accumulators itself (push-down). Undefined:
 * the file is read as usual.
 */
export type DatasetPassHook = (scan: DatasetScan, period: EvaluationPeriod, sink: RowSink, options: { skipInvalid: boolean; signal?: AbortSignal }) => Promise<DatasetPassResult | undefined>;

export interface DatasetPassOptions {
    skipInvalid: boolean;
    datasetPass?: DatasetPassHook;
    signal?: AbortSignal;
    onBytes?: (bytesRead: number, totalBytes: number) => void;
    /** Read a CSV file of at least this many bytes on two threads (see parallel-csv-pass.ts); needs `parallelInputs`. */
    parallelMinBytes?: number;
    parallelInputs?: ParallelPassInputs;
    /** read size in bytes (tests) */
    readChunkBytes?: number;
    /** size of the ranges a parallel pass hands out (tests use small ones) */
    parallelRangeBytes?: number;
}

/** Below this a second thread costs more (its start, a second plan) than it saves. */
export const DEFAULT_PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Reads one dataset once and feeds every accumulator that reads it (see RowSink).
 */
export async function runDatasetPass(scan: DatasetScan, period: EvaluationPeriod, options: DatasetPassOptions): Promise<DatasetPassResult> {
    const signal = options.signal;
    const sink = new RowSink(scan, period, signal);
    const onRow = (row: readonly unknown[], line: number): void => sink.accept(row, line);
    signal?.throwIfAborted();
    const elsewhere = await options.datasetPass?.(scan, period, sink, { skipInvalid: options.skipInvalid, ...(signal === undefined ? {} : { signal }) });
    if (elsewhere !== undefined) return elsewhere;
    const result: ScanResult & { threads?: number } = await readingPass(scan.spec.path, async () => options.parallelInputs !== undefined && worthParallel(scan, options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES)
        ? await parallelCsvPass(scan, sink, options.parallelInputs, { ...options, ...(options.parallelRangeBytes === undefined ? {} : { rangeBytes: options.parallelRangeBytes }) })
        : await scanDataset(scan.spec, onRow, {
              skipInvalid: options.skipInvalid,
              readFields: scan.readFields,
              ...typedRowsOf(sink),
              onProgress: (bytesRead: number, totalBytes: number) => {
                  signal?.throwIfAborted();
                  options.onBytes?.(bytesRead, totalBytes);
              },
              ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
          }));
    signal?.throwIfAborted();
    requireUsableRows(scan.spec, result.rows, result.rejected, result.rejectedSamples[0]);
    return {
        rows: result.rows,
        rejected: result.rejected,
        rejectedSamples: result.rejectedSamples,
        bytes: result.bytes,
        ...supersededOf(result),
        outsidePeriod: sink.outsidePeriod,
        withoutEventTime: sink.withoutEventTime,
        otherClientRows: sink.otherClientRows,
        ...lookalikesOf(sink),
        firstTime: Number.isFinite(sink.firstTime) ? sink.firstTime : null,
        lastTime: Number.isFinite(sink.lastTime) ? sink.lastTime : null,
        threads: result.threads ?? 1
    };
}

/** A scan's superseded rows, when there are any (data/row-keys.ts). */
export function supersededOf(result: ScanResult): { superseded?: number } {
    return result.superseded === undefined ? {} : { superseded: result.superseded };
}

/** The other clients' rows of the sink whose value only looks like its client's (none without a client scope). */
export function lookalikesOf(sink: RowSink): { lookalikes?: ClientLookalike[] } {
    const lookalikes = sink.lookalikes?.entries() ?? [];
    return lookalikes.length > 0 ? { lookalikes } : {};
}

/** The sink as a taker of typed rows, when it can be one (see RowSink.typedTarget). */
function typedRowsOf(sink: RowSink): { typedRows?: TypedRowTarget } {
    const typedRows = sink.typedTarget();
    return typedRows === undefined ? {} : { typedRows };
}

/**
 * A CSV file large enough for two threads, when the caller enabled scan workers (see
 * scan-workers.ts; JSON is read by one thread: a split point cannot be found without parsing).
 */
export function worthParallel(scan: DatasetScan, minBytes: number): boolean {
    // Item lists and pause joins are kept by the main thread's pass only (they are not merged across threads);
    // a file in a declared encoding is transcoded from its start (ranges start at the file's byte offsets).
    // A dataset with `one row per …` is checked for repeated keys in file order, by one reader (data/row-keys.ts).
    if (scan.singleThread || scan.spec.oneRowPer !== undefined || scan.spec.encoding !== undefined || checkedFormat(scan.spec) !== 'csv' || !scanWorkersEnabled()) return false;
    try {
        return statSync(scan.spec.path).size >= minBytes;
    } catch {
        return false; // the single pass reports the unreadable file
    }
}
