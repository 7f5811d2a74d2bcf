/**
 * A pass over a large file on two threads without a second plan: the scan worker parses
 * the file (the whole of it, in order) and this thread feeds the parsed rows to the pass
 * target, batch by batch (row-batches.ts), while the worker parses the next ones. Used
 * for a file shared by the agreements of a portfolio: routing rows to hundreds of sinks
 * costs about as much as parsing them, so the two halves overlap, and — unlike a pass in
 * byte ranges (parallel-csv-pass.ts) — no thread plans the agreements a second time and
 * no accumulators are kept per range: memory stays that of one thread's pass.
 *
 * Rows reach the target in file order with their line numbers, exactly as a scan on this
 * thread would hand them over; rejected rows, samples and errors are the scanner's own.
 * If the worker cannot start or fails before its first batch, the file is read here.
 */
import { noteFileOpen } from '../data/file-opens.js';
import { scanDataset } from '../data/scan-dataset.js';
import type { ScanResult } from '../data/scan-context.js';
import type { PassTarget } from './pass-target.js';
import { reviveDataError, type ParseMessage, type ParseTask } from './pipelined-parse.js';
import { BatchReader, carriedBooleans, createBatchRing } from './row-batches.js';
import { takeScanWorker } from './scan-workers.js';

export interface PipelinedPassOptions {
    skipInvalid: boolean;
    signal?: AbortSignal;
    onBytes?: (bytesRead: number, totalBytes: number) => void;
    readChunkBytes?: number;
    /** rows per batch handed over (tests use small ones) */
    batchRows?: number;
}

export async function pipelinedPass(target: PassTarget, options: PipelinedPassOptions): Promise<ScanResult & { threads: number }> {
    const onThisThread = async (): Promise<ScanResult & { threads: number }> => ({ ...(await scanHere(target, options)), threads: 1 });
    let worker;
    try {
        worker = takeScanWorker();
    } catch {
        return await onThisThread();
    }
    const spec = target.spec;
    const fields = spec.fields.flatMap((field, index) => (target.readFields.has(field.name) ? [index] : []));
    const ring = createBatchRing(fields, options.batchRows, target.routing?.(), carriedBooleans(spec, fields));
    const reader = new BatchReader(ring, spec.fields.length);
    const accept = (row: readonly unknown[], line: number): void => target.accept(row as never, line);
    let batches = 0;
    try {
        const outcome = await new Promise<ScanResult | 'fallback'>((resolve, reject) => {
            let settled = false;
            const settle = (result: ScanResult | 'fallback' | Error): void => {
                if (settled) return;
                settled = true;
                if (result instanceof Error) reject(result);
                else resolve(result);
            };
            // Before any row reached the target, the file can still be read here instead.
            const failed = (message: string): void => settle(batches === 0 ? 'fallback' : new Error(`the scan worker failed while reading ${spec.path}: ${message}`));
            worker.on('message', (message: ParseMessage) => {
                if (settled) return;
                try {
                    switch (message.type) {
                        case 'batch':
                            options.signal?.throwIfAborted();
                            // The worker opened the file for this thread's pass: its observers hear of it (file-opens.ts).
                            if (batches++ === 0) noteFileOpen(spec.path);
                            if (target.acceptBatch === undefined) reader.read(message, accept);
                            else {
                                const count = reader.begin(message);
                                try {
                                    target.acceptBatch(reader, count);
                                } finally {
                                    reader.release();
                                }
                            }
                            break;
                        case 'parse-progress':
                            options.signal?.throwIfAborted();
                            options.onBytes?.(message.bytesRead, message.totalBytes);
                            break;
                        case 'parsed':
                            if (batches === 0) noteFileOpen(spec.path);
                            settle({ rows: message.rows, rejected: message.rejected, rejectedSamples: message.rejectedSamples.map(reviveDataError), bytes: message.bytes, ...(message.superseded === undefined ? {} : { superseded: message.superseded }) });
                            break;
                        case 'parse-failed':
                            if (message.dataError !== null) settle(reviveDataError(message.dataError));
                            else failed(message.message);
                            break;
                    }
                } catch (error) {
                    settle(error instanceof Error ? error : new Error(String(error)));
                }
            });
            worker.on('error', (error) => failed(error.message));
            worker.on('exit', (code) => failed(`it exited (code ${code})`));
            const task: ParseTask = {
                kind: 'parse',
                spec,
                readFields: [...target.readFields],
                skipInvalid: options.skipInvalid,
                ring,
                ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
            };
            worker.postMessage(task);
        });
        if (outcome === 'fallback') return await onThisThread();
        target.flush();
        return { ...outcome, threads: 2 };
    } finally {
        reader.stop();
        worker.removeAllListeners('message');
        void worker.terminate();
    }
}

function scanHere(target: PassTarget, options: PipelinedPassOptions): Promise<ScanResult> {
    return scanDataset(target.spec, (row, line) => target.accept(row, line), {
        skipInvalid: options.skipInvalid,
        readFields: target.readFields,
        onProgress: (bytesRead: number, totalBytes: number) => {
            options.signal?.throwIfAborted();
            options.onBytes?.(bytesRead, totalBytes);
        },
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
}
