/**
 * A CSV dataset pass on two threads: the main thread reads the first half of the file,
 * a worker (scan-worker.ts) the second half from the first line start after the middle,
 * each into its own accumulators; the worker's are then merged into the main thread's.
 *
 * The result is the single pass's: the main thread reads on to its true record
 * boundary, and the worker's part is used only if that boundary is where the worker
 * started (a quoted field with a line break across the middle makes them differ; then
 * the main thread reads on to the end itself). Rows rejected in the worker's part are
 * re-read by the main thread to report them with the file's line numbers; lists kept
 * in file order stay in file order. Anything unexpected from the worker (it could not
 * start, it failed, its plan differs) also falls back to reading on serially — before
 * anything of the worker was merged.
 */
import { Worker } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { CsvFileScan } from '../data/csv.js';
import { rejectionOfRecord } from '../data/read-record.js';
import { MAX_REJECTED_SAMPLES, ScanContext, type ScanResult } from '../data/scan-context.js';
import type { AgreementModel } from '../model.js';
import type { DatasetScan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { mergePassState, stateMatches, type PassState } from './pass-state.js';
import type { RowSink } from './row-sink.js';

/** What a worker needs to rebuild the plan and read its part. */
export interface ScanWorkerInput {
    model: AgreementModel;
    period: EvaluationPeriod;
    dataOverrides: Record<string, string> | undefined;
    dataset: string;
    /** file offset of the first record the worker reads */
    start: number;
    skipInvalid: boolean;
    readChunkBytes?: number;
}

export type ScanWorkerMessage =
    | { type: 'progress'; bytesRead: number }
    | {
          type: 'done';
          state: PassState;
          rows: number;
          rejected: number;
          /** line (counted from the worker's first record) and file offset of the first rejected rows */
          rejectedLines: number[];
          rejectedOffsets: number[];
          /** the rejected row that stopped the scan (an error without --skip-invalid, or a fatal one) */
          stopped: { offset: number; line: number } | null;
      };

type WorkerDone = Extract<ScanWorkerMessage, { type: 'done' }>;

export interface ParallelPassInputs {
    model: AgreementModel;
    period: EvaluationPeriod;
    dataOverrides: Record<string, string> | undefined;
}

export interface ParallelPassOptions {
    skipInvalid: boolean;
    signal?: AbortSignal;
    onBytes?: (bytesRead: number, totalBytes: number) => void;
    readChunkBytes?: number;
}

/** Reads a CSV dataset into the scan's accumulators; `threads` tells whether the worker's part was used. */
export async function parallelCsvPass(scan: DatasetScan, sink: RowSink, inputs: ParallelPassInputs, options: ParallelPassOptions): Promise<ScanResult & { threads: number }> {
    let mainBytes = 0;
    let workerBytes = 0;
    let totalBytes = 0;
    const progress = (): void => options.onBytes?.(Math.min(totalBytes, mainBytes + workerBytes), totalBytes);
    const context = new ScanContext(scan.spec, (row, line) => sink.accept(row, line), {
        skipInvalid: options.skipInvalid,
        readFields: scan.readFields,
        onProgress: (bytesRead) => {
            options.signal?.throwIfAborted(); // on the main thread's reads: the worker is terminated in `finally`
            mainBytes = bytesRead;
            progress();
        },
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
    const csv = await CsvFileScan.open(context);
    try {
        totalBytes = csv.totalBytes;
        const start = await lineStartAfter(scan.spec.path, Math.floor(totalBytes / 2));
        if (start > 0) {
            const worker = startWorker({ ...inputs, dataset: scan.name, start, skipInvalid: options.skipInvalid, ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes }) }, (bytesRead) => {
                workerBytes = bytesRead;
                progress();
            });
            try {
                await csv.readUntil(start);
                if (csv.offset === start) {
                    const done = await worker.done;
                    if (done !== undefined && stateMatches(scan, done.state) && (await adoptWorkerPart(scan, sink, context, done, csv.line - 1, options.skipInvalid))) {
                        return { ...context.result(totalBytes), threads: 2 };
                    }
                }
            } finally {
                void worker.terminate();
            }
        }
        await csv.readUntil(Infinity);
        csv.requireHeader();
        return { ...context.result(csv.bytesRead), threads: 1 };
    } finally {
        await csv.close();
    }
}

/**
 * Takes the worker's part into the main thread's accumulators. Returns false (nothing
 * taken) if a row the worker rejected does not read as rejected here (never expected).
 */
async function adoptWorkerPart(scan: DatasetScan, sink: RowSink, context: ScanContext, done: WorkerDone, lineOffset: number, skipInvalid: boolean): Promise<boolean> {
    if (done.stopped !== null) {
        // Throws the row's error, exactly as a single pass would at this row.
        if (done.stopped.offset < 0) return false;
        await rejectionOfRecord(scan.spec, done.stopped.offset, done.stopped.line + lineOffset, skipInvalid);
        return false;
    }
    const samples = [];
    for (let i = 0; i < done.rejectedOffsets.length && context.rejectedSamples.length + samples.length < MAX_REJECTED_SAMPLES; i++) {
        const error = await rejectionOfRecord(scan.spec, done.rejectedOffsets[i]!, done.rejectedLines[i]! + lineOffset, skipInvalid);
        if (error === undefined) return false;
        samples.push(error);
    }
    context.rows += done.rows;
    context.rejected += done.rejected;
    context.rejectedSamples.push(...samples);
    mergePassState(scan, sink, done.state, lineOffset);
    return true;
}

/** The offset just after the first line feed at or after `from`, or -1 if there is none before the end. */
async function lineStartAfter(path: string, from: number): Promise<number> {
    const handle = await open(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(64 * 1024);
        for (let position = from; ; ) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
            if (bytesRead === 0) return -1;
            const lf = buffer.subarray(0, bytesRead).indexOf(0x0a);
            if (lf >= 0) return position + lf + 1;
            position += bytesRead;
        }
    } finally {
        await handle.close();
    }
}

interface RunningWorker {
    /** the worker's result; undefined if it failed or exited without one */
    done: Promise<WorkerDone | undefined>;
    terminate(): Promise<number>;
}

/** A worker started ahead of time (see warmUpScanWorker), waiting for its input. */
let spare: Worker | undefined;

/**
 * Starts a scan worker now, so that loading its modules overlaps whatever the caller
 * does before evaluating (the CLI loads the language services and parses the agreement
 * meanwhile). It does not keep the process alive; a pass that needs no worker leaves it.
 */
export function warmUpScanWorker(): void {
    if (spare !== undefined || availableParallelism() < 2) return;
    try {
        spare = new Worker(workerUrl());
        spare.unref();
        spare.on('error', () => undefined); // a failed spare is not used (it has exited)
    } catch {
        spare = undefined;
    }
}

function startWorker(input: ScanWorkerInput, onBytes: (bytesRead: number) => void): RunningWorker {
    let worker: Worker;
    try {
        // threadId is -1 once a worker has exited.
        worker = spare !== undefined && spare.threadId >= 0 ? spare : new Worker(workerUrl());
        spare = undefined;
        worker.ref();
    } catch {
        return { done: Promise.resolve(undefined), terminate: () => Promise.resolve(0) };
    }
    const done = new Promise<WorkerDone | undefined>((resolve) => {
        worker.on('message', (message: ScanWorkerMessage) => {
            if (message.type === 'progress') onBytes(message.bytesRead);
            else resolve(message);
        });
        worker.on('error', () => resolve(undefined));
        worker.on('exit', () => resolve(undefined));
    });
    worker.postMessage(input);
    return { done, terminate: () => worker.terminate() };
}

/**
 * The compiled worker next to this module. Under vitest this module is the TypeScript
 * source, which a worker thread cannot load: the compiled one in out/ is used (build first).
 */
function workerUrl(): URL {
    const url = new URL('./scan-worker.js', import.meta.url);
    return import.meta.url.endsWith('.ts') ? new URL(url.href.replace('/src/', '/out/')) : url;
}
