/**
 * One byte range of a CSV dataset read into accumulators of its own — a fresh plan
 * rebuilt from the model — for a parallel pass (parallel-csv-pass.ts) to merge in file
 * order. Runs in a worker thread or on the main thread alike. Line numbers count from
 * 1 at the range's first record (the merge shifts them). A rejected row that stops the
 * scan is reported by offset and line only: the merge re-reads it to make the error
 * with the file's line number.
 */
import type { FileIdentity } from '../data/chunked-file.js';
import { CsvFileScan } from '../data/csv.js';
import { DataError } from '../data/data-error.js';
import { ScanContext } from '../data/scan-context.js';
import type { AgreementModel } from '../model.js';
import { planAgreement } from './agreement-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { exportPassState, resetPassState, type PassState } from './pass-state.js';
import { RowSink } from './row-sink.js';
import { sharedTarget, singleTarget, type PassTarget } from './pass-target.js';
import { SharedRowFunctions } from './shared-row-functions.js';

export interface RangeTask {
    /** identifies the pass: the ranges of one pass reuse one plan (see resetPassState) */
    pass: string;
    model: AgreementModel;
    period: EvaluationPeriod;
    dataOverrides: Record<string, string> | undefined;
    dataset: string;
    /** the file as the pass opened it: the range reads that file, as it was then (a file replaced or rewritten since: the pass reads the range again itself) */
    file: FileIdentity;
    /**
     * A file shared by several agreements of a portfolio (shared-dataset-pass.ts): every
     * member's scan is planned and fed through one router; `model`/`period`/`dataset` are the
     * first member's. The result has one state per member, in this order.
     */
    members?: Array<{ model: AgreementModel; period: EvaluationPeriod; dataset: string }>;
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
    /** per member (one without `members`), its accumulators */
    states: PassState[];
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

/**
 * The ranges of a pass as the worker takes them itself: range i is `task(i)` with
 * `start: starts[i]`, `end: starts[i + 1] ?? Infinity`. Both threads take the next range
 * from the shared counter (Atomics.add), so the worker goes on to its next range without
 * waiting for the main thread (busy reading a range of its own) to answer a message.
 */
export interface RangeClaims {
    claims: Omit<RangeTask, 'index' | 'start' | 'end'>;
    starts: number[];
    /** the worker's first range, given (the main thread's is range 0); the ranges after these two are taken from `next` */
    first: number;
    /** one Int32: the index of the next range to take */
    next: Int32Array;
}

/** Takes the next range index from the shared counter. */
export function claimRange(next: Int32Array): number {
    return Atomics.add(next, 0, 1);
}

/** What a range's scan reads for the header before it seeks to its range (more if the header is longer). */
export const HEADER_READ_BYTES = 64 * 1024;

/** The read buffer, reused from one range to the next (of this thread). */
const readBuffer: { buffer: Buffer | undefined } = { buffer: undefined };

/** This thread's plan for the ranges of the current pass. */
let planned: { pass: string; target: PassTarget } | undefined;

/** Reads the range; `onBytes` gets the bytes read so far. */
export async function scanRange(task: RangeTask, onBytes: (bytesRead: number) => void): Promise<{ result: RangeResult; transfer: ArrayBuffer[] }> {
    if (planned?.pass !== task.pass) {
        let target: PassTarget;
        if (task.members === undefined) {
            const scan = planAgreement(task.model, task.period, task.dataOverrides).scans.get(task.dataset)!;
            target = singleTarget(scan, new RowSink(scan, task.period));
        } else {
            const shared = new SharedRowFunctions();
            target = sharedTarget(task.members.map((member) => ({ scan: planAgreement(member.model, member.period, task.dataOverrides, shared).scans.get(member.dataset)!, period: member.period })));
        }
        planned = { pass: task.pass, target };
    }
    const { target } = planned;
    const typedRows = target.members.length === 1 && task.members === undefined ? target.members[0]!.sink.typedTarget() : undefined;
    const context = new ScanContext(target.spec, (row, line) => target.accept(row, line), {
        skipInvalid: task.skipInvalid,
        readFields: target.readFields,
        readBuffer,
        sameFileAs: task.file,
        ...(typedRows === undefined ? {} : { typedRows }),
        onProgress: (bytesRead) => onBytes(bytesRead),
        ...(task.readChunkBytes === undefined ? {} : { readChunkBytes: task.readChunkBytes })
    });
    // The header, then a seek to the range. A file that is no longer the one the pass opened
    // (replaced, truncated, rewritten, deleted) fails to open: stopped at no record, so the pass
    // reads the range again itself, from the file it opened.
    let stopped: { offset: number; line: number } | null = null;
    const csv = await CsvFileScan.open(context, HEADER_READ_BYTES).catch(() => {
        stopped = { offset: -1, line: 1 };
        return undefined;
    });
    if (csv !== undefined) {
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
    }
    target.flush();
    const states: PassState[] = [];
    // A set: the members' values share slabs (value-buffer.ts), and a buffer may be listed once only.
    const transfer = new Set<ArrayBuffer>();
    for (const { scan, sink } of target.members) {
        const exported = exportPassState(scan, sink);
        states.push(exported.state);
        for (const buffer of exported.transfer) transfer.add(buffer);
        resetPassState(scan, sink);
    }
    const result: RangeResult = {
        index: task.index,
        states,
        rows: context.rows,
        rejected: context.rejected,
        rejectedLines: context.rejectedSamples.map((error) => error.line),
        rejectedOffsets: context.rejectedOffsets,
        stopped,
        next: csv?.offset ?? task.start,
        lines: csv === undefined ? 0 : csv.line - 1
    };
    return { result, transfer: [...transfer] };
}
