/**
 * Worker thread of a parallel CSV pass (see parallel-csv-pass.ts): reads the byte
 * ranges it is given, one at a time, each into accumulators of its own (range-scan.ts),
 * and posts them back, transferring the arrays. Tasks come as messages, so the worker
 * can be started before the first one is known.
 */
import { parentPort } from 'node:worker_threads';
import type { ScanWorkerMessage } from './parallel-csv-pass.js';
import { scanRange, type RangeTask } from './range-scan.js';
import { parseIntoBatches, type ParseTask } from './pipelined-parse.js';

const post = (message: ScanWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(message, transfer);

/** bytes read by the ranges finished so far */
let finishedBytes = 0;

// A pipelined pass (pipelined-pass.ts) sends one parse task; a parallel pass, ranges.
parentPort!.on('message', (task: RangeTask | ParseTask) => void ('kind' in task ? parseIntoBatches(task, (message) => parentPort!.postMessage(message)) : run(task)));

async function run(task: RangeTask): Promise<void> {
    let bytes = 0;
    const { result, transfer } = await scanRange(task, (bytesRead) => {
        bytes = bytesRead;
        post({ type: 'progress', bytesRead: finishedBytes + bytes });
    });
    finishedBytes += bytes;
    post({ type: 'done', result }, transfer);
}
