/**
 * Worker thread of a parallel CSV pass (see parallel-csv-pass.ts): rebuilds the
 * evaluation plan from the model, reads the dataset from a record boundary to the end
 * into that plan's accumulators, and posts them back (transferring the arrays).
 * Line numbers count from 1 at its first record; the main thread shifts them.
 * A rejected row that stops the scan is reported by offset and line only: the main
 * thread re-reads it to make the error with the file's line number.
 */
import { parentPort } from 'node:worker_threads';
import { CsvFileScan } from '../data/csv.js';
import { DataError } from '../data/data-error.js';
import { ScanContext } from '../data/scan-context.js';
import { planAgreement } from './agreement-plan.js';
import { exportPassState } from './pass-state.js';
import { RowSink } from './row-sink.js';
import type { ScanWorkerInput, ScanWorkerMessage } from './parallel-csv-pass.js';

const post = (message: ScanWorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(message, transfer);

// The input comes as a message, not as workerData: the worker may be started before it is known.
parentPort!.once('message', (input: ScanWorkerInput) => void scanPart(input));

async function scanPart(input: ScanWorkerInput): Promise<void> {
    const plan = planAgreement(input.model, input.period, input.dataOverrides);
    const scan = plan.scans.get(input.dataset)!;
    const sink = new RowSink(scan, input.period);
    const context = new ScanContext(scan.spec, (row, line) => sink.accept(row, line), {
        skipInvalid: input.skipInvalid,
        readFields: scan.readFields,
        onProgress: (bytesRead) => post({ type: 'progress', bytesRead }),
        ...(input.readChunkBytes === undefined ? {} : { readChunkBytes: input.readChunkBytes })
    });
    const csv = await CsvFileScan.open(context);
    let stopped: { offset: number; line: number } | null = null;
    try {
        await csv.readHeader();
        csv.seek(input.start, 1);
        await csv.readUntil(Infinity);
    } catch (error) {
        if (!(error instanceof DataError)) throw error;
        stopped = { offset: context.recordOffset, line: error.line };
    } finally {
        await csv.close();
    }
    const { state, transfer } = exportPassState(scan, sink);
    post({
        type: 'done',
        state,
        rows: context.rows,
        rejected: context.rejected,
        rejectedLines: context.rejectedSamples.map((error) => error.line),
        rejectedOffsets: context.rejectedOffsets,
        stopped
    }, transfer);
}
