/**
 * A CSV dataset pass on two threads. The file is cut at line starts into ranges of
 * about `rangeBytes`; the main thread and a worker (scan-worker.ts) take them one by
 * one as they get free, each range into accumulators of its own (range-scan.ts), so
 * that a thread slowed down by other work on the machine simply reads fewer ranges.
 * The ranges are then merged, in file order, into the scan's accumulators.
 *
 * The result is the single pass's. Each range reads on to its true record boundary, and
 * a range is used only if it starts where the one before ended (a quoted field with a
 * line break across a cut makes them differ; then the main thread reads that range
 * again itself, from its true start). Rows rejected in other ranges are re-read by the
 * main thread to report them with the file's line numbers; lists kept in file order
 * stay in file order. Anything unexpected from the worker (it could not start, it
 * failed, its plan differs) also falls back to reading its ranges on the main thread.
 */
import type { Worker } from 'node:worker_threads';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import type { FileIdentity } from '../data/chunked-file.js';
import { CsvFileScan } from '../data/csv.js';
import { rejectionOfRecord } from '../data/read-record.js';
import { MAX_REJECTED_SAMPLES, ScanContext, type ScanResult } from '../data/scan-context.js';
import type { AgreementModel } from '../model.js';
import type { DatasetScan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { mergePassState, stateMatches, type PassState } from './pass-state.js';
import { singleTarget, type PassTarget } from './pass-target.js';
import { claimRange, HEADER_READ_BYTES, scanRange, type RangeClaims, type RangeResult, type RangeTask } from './range-scan.js';
import type { RowSink } from './row-sink.js';
import { takeScanWorker } from './scan-workers.js';
import { EarlyPercentiles } from './early-percentiles.js';

export type ScanWorkerMessage = { type: 'progress'; bytesRead: number } | { type: 'done'; result: RangeResult } | { type: 'claimed-all' };

export interface ParallelPassInputs {
    model: AgreementModel;
    period: EvaluationPeriod;
    dataOverrides: Record<string, string> | undefined;
    /** A file shared by several agreements (RangeTask.members): each member's model, period and dataset. */
    members?: RangeTask['members'];
}

export interface ParallelPassOptions {
    skipInvalid: boolean;
    signal?: AbortSignal;
    onBytes?: (bytesRead: number, totalBytes: number) => void;
    readChunkBytes?: number;
    /** size of the ranges the threads take in turn (default 64 MB; tests use small ones) */
    rangeBytes?: number;
}

export const DEFAULT_RANGE_BYTES = 64 * 1024 * 1024;

/** Passes started by this thread (names each pass's ranges, see RangeTask.pass). */
let passes = 0;

/** Reads a CSV dataset into the scan's accumulators; `threads` tells whether the worker's ranges were used. */
export async function parallelCsvPass(scan: DatasetScan, sink: RowSink, inputs: ParallelPassInputs, options: ParallelPassOptions): Promise<ScanResult & { threads: number }> {
    return await parallelTargetPass(singleTarget(scan, sink), scan.name, inputs, options);
}

/** The same for a pass target: one agreement's scan, or the scans of all agreements sharing the file (pass-target.ts). */
export async function parallelTargetPass(target: PassTarget, dataset: string, inputs: ParallelPassInputs, options: ParallelPassOptions): Promise<ScanResult & { threads: number }> {
    let totalBytes = 0;
    let mainBytes = 0;
    let mainRangeBytes = 0;
    let workerBytes = 0;
    const progress = (): void => options.onBytes?.(Math.min(totalBytes, mainBytes + mainRangeBytes + workerBytes), totalBytes);
    const context = new ScanContext(target.spec, (row, line) => target.accept(row, line), {
        skipInvalid: options.skipInvalid,
        readFields: target.readFields,
        onProgress: (bytesRead) => {
            options.signal?.throwIfAborted(); // on the main thread's reads: the worker is terminated in `finally`
            mainBytes = bytesRead;
            progress();
        },
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
    // The header in a small read: the ranges are read by scanRange (this scan reads on only where a range could not be used).
    const csv = await CsvFileScan.open(context, HEADER_READ_BYTES);
    try {
        totalBytes = csv.totalBytes;
        await csv.readHeader(); // header problems are thrown here, as by a single pass
        const first = csv.offset;
        const cuts = rangeStarts(target.spec.path, totalBytes, options.rangeBytes ?? DEFAULT_RANGE_BYTES).filter((cut) => cut > first);
        if (cuts.length === 0) {
            await csv.readUntil(Infinity);
            csv.checkUnchanged();
            target.flush();
            return { ...context.result(csv.bytesRead), threads: 1 };
        }
        // Range i holds the records from starts[i] to (not including) the first at or after starts[i + 1].
        const starts = [first, ...cuts];
        const pass = `${process.pid}:${++passes}`;
        const task = (index: number): RangeTask => ({
            pass,
            ...inputs,
            dataset,
            file: csv.identity,
            skipInvalid: options.skipInvalid,
            ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes }),
            index,
            start: starts[index]!,
            end: starts[index + 1] ?? Infinity
        });
        const results: (RangeResult | undefined)[] = [];
        const byWorker = new Set<number>();
        const next = new Int32Array(new SharedArrayBuffer(4));
        let threads = 1;
        // Ranges are merged in file order as soon as they can be (so that memory holds
        // at most the few ranges finished ahead of their turn). A range that does not
        // start where the one before ended (or that failed, or that a failed worker had
        // taken) is read again here, from its true start. At the end (`final`) no range
        // is awaited any more.
        let merged = 0;
        // One agreement's scan (not a portfolio's shared file): the percentiles of windows
        // already read are selected between the main thread's ranges (early-percentiles.ts).
        const early = target.members.length === 1 && EarlyPercentiles.useful(target.members[0]!.scan) ? new EarlyPercentiles(target.members[0]!.scan) : undefined;
        const mergeReady = async (final: boolean): Promise<void> => {
            let mergedFrom = Infinity;
            for (; merged < starts.length; merged++) {
                const result = results[merged];
                if (result === undefined && !final) break;
                results[merged] = undefined;
                if (result !== undefined && csv.offset === starts[merged] && statesMatch(target, result.states) && (await adoptRange(target, context, result, csv.line - 1, options.skipInvalid, csv.identity))) {
                    csv.seek(result.next, csv.line + result.lines);
                    if (byWorker.has(merged)) threads = 2;
                    mergedFrom = result.states[0]!.firstTime;
                } else {
                    await csv.readUntil(starts[merged + 1] ?? Infinity);
                    mergedFrom = Infinity;
                }
            }
            // After the pass the evaluator selects what is left, as before.
            if (!final) early?.windowsEndedBy(mergedFrom);
        };
        const worker = startWorker(
            (bytesRead) => {
                workerBytes = bytesRead;
                progress();
            },
            (result) => {
                results[result.index] = result;
                byWorker.add(result.index);
            }
        );
        try {
            // The main thread reads range 0, the worker range 1; then each thread takes the
            // next range from the shared counter when it is free.
            // Even its own ranges the main thread reads into a range plan, not into `scan`:
            // the hot loop then meets one set of compiled filters and values, not two.
            next[0] = 2;
            const workerDone = worker.scanRanges({ claims: task(0), starts, first: 1, next });
            let finishedBytes = 0;
            for (let index = 0; index < starts.length; index = claimRange(next)) {
                options.signal?.throwIfAborted();
                const { result } = await scanRange(task(index), (bytesRead) => {
                    options.signal?.throwIfAborted();
                    mainRangeBytes = finishedBytes + bytesRead;
                    progress();
                });
                finishedBytes = mainRangeBytes;
                results[index] = result;
                await mergeReady(false);
            }
            await workerDone;
        } finally {
            void worker.terminate();
        }
        await mergeReady(true);
        // Every range read the file this scan opened (RangeTask.file); it must not have changed meanwhile.
        csv.checkUnchanged();
        target.flush();
        return { ...context.result(totalBytes), threads };
    } catch (error) {
        throw csv.explain(error);
    } finally {
        await csv.close();
    }
}

/**
 * Takes a range's accumulators into the main thread's. Returns false (nothing taken)
 * if a row the range rejected does not read as rejected here (never expected, unless the file
 * at the path is no longer `file`, the one the pass opened), or the range could not open `file`.
 */
async function adoptRange(target: PassTarget, context: ScanContext, range: RangeResult, lineOffset: number, skipInvalid: boolean, file: FileIdentity): Promise<boolean> {
    if (range.stopped !== null) {
        // Throws the row's error, exactly as a single pass would at this row.
        if (range.stopped.offset < 0) return false;
        await rejectionOfRecord(target.spec, range.stopped.offset, range.stopped.line + lineOffset, skipInvalid, file);
        return false;
    }
    const samples = [];
    for (let i = 0; i < range.rejectedOffsets.length && context.rejectedSamples.length + samples.length < MAX_REJECTED_SAMPLES; i++) {
        const error = await rejectionOfRecord(target.spec, range.rejectedOffsets[i]!, range.rejectedLines[i]! + lineOffset, skipInvalid, file);
        if (error === undefined) return false;
        samples.push(error);
    }
    context.rows += range.rows;
    context.rejected += range.rejected;
    context.rejectedSamples.push(...samples);
    // Rows read here before this range (a range read again) reach their sinks first: lists stay in file order.
    target.flush();
    target.members.forEach(({ scan, sink }, index) => mergePassState(scan, sink, range.states[index]!, lineOffset));
    return true;
}

/** The range's states line up with the target's members (same count, same accumulators). */
function statesMatch(target: PassTarget, states: readonly PassState[]): boolean {
    return states.length === target.members.length && target.members.every(({ scan }, index) => stateMatches(scan, states[index]!));
}

/**
 * Line starts (ascending, distinct, past offset 0) that cut the file into ranges of about
 * `rangeBytes`. In a file of four ranges or more, the last three are cut in quarters, and
 * the very last quarter in quarters again: the thread that finishes first then waits for
 * the other's last range, and a small one keeps that wait short (a quarter of a 64 MB
 * range took ≈ 0.1 s to read: the main thread waited ≈ 50 ms for the worker's on average,
 * alone afterwards; a sixteenth, ≈ 25 ms at most).
 */
function rangeStarts(path: string, totalBytes: number, rangeBytes: number): number[] {
    const count = Math.max(2, Math.round(totalBytes / rangeBytes));
    const targets: number[] = [];
    for (let k = 1; k < count; k++) {
        if (count >= 4 && k >= count - 2) for (let q = 1; q < 4; q++) targets.push(Math.floor((totalBytes * (4 * (k - 1) + q)) / (4 * count)));
        targets.push(Math.floor((totalBytes * k) / count));
    }
    if (count >= 4) {
        for (let q = 1; q < 4; q++) targets.push(Math.floor((totalBytes * (4 * (count - 1) + q)) / (4 * count)));
        for (let q = 1; q < 4; q++) targets.push(Math.floor((totalBytes * (16 * count - 4 + q)) / (16 * count)));
    }
    const starts: number[] = [];
    // Synchronous reads: some twenty small reads of a file just read (its header) cost less than
    // as many turns of the event loop, and the worker waits for these starts to get its task.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // as CsvFileScan opens it: never blocks on a pipe
    try {
        const buffer = Buffer.allocUnsafe(64 * 1024);
        for (const target of targets) {
            const start = lineStartAfter(fd, buffer, target);
            if (start > 0 && start < totalBytes && start > (starts.at(-1) ?? 0)) starts.push(start);
        }
    } finally {
        closeSync(fd);
    }
    return starts;
}

/** The offset just after the first line feed at or after `from`, or -1 if there is none before the end. */
function lineStartAfter(fd: number, buffer: Buffer, from: number): number {
    for (let position = from; ; ) {
        const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
        if (bytesRead === 0) return -1;
        const lf = buffer.subarray(0, bytesRead).indexOf(0x0a);
        if (lf >= 0) return position + lf + 1;
        position += bytesRead;
    }
}

interface RunningWorker {
    /** reads ranges from the shared counter until none is left; resolves then, or when the worker failed */
    scanRanges(claims: RangeClaims): Promise<void>;
    terminate(): Promise<number>;
}

function startWorker(onBytes: (bytesRead: number) => void, onRange: (result: RangeResult) => void): RunningWorker {
    let worker: Worker;
    try {
        worker = takeScanWorker();
    } catch {
        return { scanRanges: () => Promise.resolve(), terminate: () => Promise.resolve(0) };
    }
    let pending: (() => void) | undefined;
    let failed = false;
    const fail = (): void => {
        failed = true;
        pending?.();
        pending = undefined;
    };
    worker.on('message', (message: ScanWorkerMessage) => {
        if (message.type === 'progress') {
            onBytes(message.bytesRead);
        } else if (message.type === 'done') {
            if (!failed) onRange(message.result);
        } else {
            pending?.();
            pending = undefined;
        }
    });
    worker.on('error', fail);
    worker.on('exit', fail);
    return {
        scanRanges(claims) {
            if (failed) return Promise.resolve();
            return new Promise((resolve) => {
                pending = resolve;
                worker.postMessage(claims);
            });
        },
        terminate: () => worker.terminate()
    };
}
