/**
 * Worker thread of a parallel CSV pass (see parallel-csv-pass.ts): takes the pass's byte
 * ranges one at a time from the counter it shares with the main thread, reads each into
 * accumulators of its own (range-scan.ts), and posts them back, transferring the arrays;
 * then says it took the last. Tasks come as messages, so the worker can be started before
 * the first one is known.
 */
import { parentPort } from 'node:worker_threads';
import type { ScanWorkerMessage } from './parallel-csv-pass.js';
import { claimRange, scanRange, type RangeClaims, type RangeTask } from './range-scan.js';
import { parseIntoBatches, type ParseTask } from './pipelined-parse.js';

const post = (message: ScanWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(message, transfer);

/** bytes read by the ranges finished so far */
let finishedBytes = 0;

// A pipelined pass (pipelined-pass.ts) sends one parse task; a parallel pass, its ranges to take.
parentPort!.on('message', (task: RangeClaims | ParseTask) => void ('kind' in task ? parseIntoBatches(task, (message) => parentPort!.postMessage(message)) : runClaims(task)));

// ICU loads its time zone and calendar data once per process, at the first date format any
// thread makes (≈ 10–13 ms), and its collation and number data likewise (≈ 5 ms each). A
// worker started ahead of its task (the CLI's) makes one of each while it waits: the main
// thread then finds them loaded when its checks of the agreement's time zone and its window
// plans ask Intl (≈ 0.2 ms), and after the pass, when the report sorts scope values
// (localeCompare) and a table formats numbers.
try {
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(0);
    'a'.localeCompare('b', 'en');
    new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(1.5);
} catch {
    // a Node without ICU's time zones: nothing to load ahead
}

async function runClaims({ claims, starts, first, next }: RangeClaims): Promise<void> {
    for (let index = first; index < starts.length; index = claimRange(next)) {
        await run({ ...claims, index, start: starts[index]!, end: starts[index + 1] ?? Infinity });
    }
    post({ type: 'claimed-all' });
}

async function run(task: RangeTask): Promise<void> {
    let bytes = 0;
    const { result, transfer } = await scanRange(task, (bytesRead) => {
        bytes = bytesRead;
        post({ type: 'progress', bytesRead: finishedBytes + bytes });
    });
    finishedBytes += bytes;
    post({ type: 'done', result }, transfer);
}
