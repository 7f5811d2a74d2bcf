/**
 * One byte range of a CSV dataset read into accumulators of its own — a fresh plan
 * rebuilt from the model — for a parallel pass (parallel-csv-pass.ts) to merge in file
 * order. Runs in a worker thread or on the main thread alike. Line numbers count from
 * 1 at the range's first record (the merge shifts them). A rejected row that stops the
 * scan is reported by offset and line only: the merge re-reads it to make the error
 * with the file's line number.
 */
import { CsvFileScan } from '../data/csv.js';
import { DataError } from '../data/data-error.js';
import { ScanContext } from '../data/scan-context.js';
import type { AgreementModel } from '../model.js';
import { planAgreement } from './agreement-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { DatasetScan } from './evaluation-plan.js';
import { exportPassState, resetPassState, type PassState } from './pass-state.js';
import { RowSink } from './row-sink.js';

export interface RangeTask {
    /** identifies the pass: the ranges of one pass reuse one plan (see resetPassState) */
    pass: string;
    model: AgreementModel;
    period: EvaluationPeriod;
    dataOverrides: Record<string, string> | undefined;
    dataset: string;
    skipInvalid: boolean;
    readChunkBytes?: number;
    /** which range of the pass */
    index: number;
    /** file offset of the range's first record (a line start) */
    start: number;
    /** the range holds the records that start before this offset */
    end: number;
}

export interface RangeResult {
    index: number;
    state: PassState;
    rows: number;
    rejected: number;
    /** line (counted from the range's first record) and file offset of the first rejected rows */
    rejectedLines: number[];
    rejectedOffsets: number[];
    /** the rejected row that stopped the scan (an error without --skip-invalid, or a fatal one) */
    stopped: { offset: number; line: number } | null;
    /** where the record after the range starts (the file size at the end) */
    next: number;
    /** physical lines the range's records take */
    lines: number;
}

/** The read buffer, reused from one range to the next (of this thread). */
const readBuffer: { buffer: Buffer | undefined } = { buffer: undefined };

/** This thread's plan for the ranges of the current pass. */
let planned: { pass: string; scan: DatasetScan; sink: RowSink } | undefined;

/** Reads the range; `onBytes` gets the bytes read so far. */
export async function scanRange(task: RangeTask, onBytes: (bytesRead: number) => void): Promise<{ result: RangeResult; transfer: ArrayBuffer[] }> {
    if (planned?.pass !== task.pass) {
        const scan = planAgreement(task.model, task.period, task.dataOverrides).scans.get(task.dataset)!;
        planned = { pass: task.pass, scan, sink: new RowSink(scan, task.period) };
    }
    const { scan, sink } = planned;
    const context = new ScanContext(scan.spec, (row, line) => sink.accept(row, line), {
        skipInvalid: task.skipInvalid,
        readFields: scan.readFields,
        readBuffer,
        onProgress: (bytesRead) => onBytes(bytesRead),
        ...(task.readChunkBytes === undefined ? {} : { readChunkBytes: task.readChunkBytes })
    });
    const csv = await CsvFileScan.open(context);
    let stopped: { offset: number; line: number } | null = null;
    try {
        await csv.readHeader();
        csv.seek(task.start, 1);
        await csv.readUntil(task.end);
    } catch (error) {
        if (!(error instanceof DataError)) throw error;
        stopped = { offset: context.recordOffset, line: error.line };
    } finally {
        await csv.close();
    }
    const { state, transfer } = exportPassState(scan, sink);
    resetPassState(scan, sink);
    const result: RangeResult = {
        index: task.index,
        state,
        rows: context.rows,
        rejected: context.rejected,
        rejectedLines: context.rejectedSamples.map((error) => error.line),
        rejectedOffsets: context.rejectedOffsets,
        stopped,
        next: csv.offset,
        lines: csv.line - 1
    };
    return { result, transfer };
}
