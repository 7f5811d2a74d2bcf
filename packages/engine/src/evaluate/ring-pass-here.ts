/**
 * A shared file read on this thread alone (below the size worth a second thread) through the
 * batch ring, as a pipelined pass's rows go (pipelined-pass.ts), each batch taken as soon as it is
 * written: when every sink takes typed rows, the common records are read by the typed reader and
 * handed to each client's sinks by the batch (BatchReader.routedTaker), not parsed into row arrays
 * and routed one by one (a CSV file: the typed reader's). Rows, rejections and errors are the
 * scanner's own, as in any pass.
 */
import { checkedFormat, scanDataset } from '../data/scan-dataset.js';
import type { ScanResult } from '../data/scan-context.js';
import type { PassTarget } from './pass-target.js';
import type { PipelinedPassOptions } from './pipelined-pass.js';
import { BatchReader, BatchWriter, carriedBooleans, createBatchRing } from './row-batches.js';

/** Rows per batch: 8192 rows of a few fields, well under 1 MB a slot (a pipelined pass's run ahead of the other thread, and are larger). */
const HERE_BATCH_ROWS = 8192;

/**
 * Reads the target's file here through the ring; undefined, having read nothing, when not every
 * sink takes typed rows (the caller then scans with the target's accept).
 */
export async function ringPassHere(target: PassTarget, options: PipelinedPassOptions): Promise<ScanResult | undefined> {
    const spec = target.spec;
    // Typed records come from the CSV reader alone (other formats would only cross the ring as arrays).
    if (!isCsv(spec)) return undefined;
    const routing = target.routing?.();
    const acceptBatch = target.acceptBatch;
    if (routing?.typed !== true || acceptBatch === undefined) return undefined;
    const fields = spec.fields.flatMap((field, index) => (target.readFields.has(field.name) ? [index] : []));
    const ring = createBatchRing(fields, options.batchRows ?? HERE_BATCH_ROWS, routing, carriedBooleans(spec, fields));
    const reader = new BatchReader(ring, spec.fields.length);
    // Each batch is taken as it is written: the writer never waits for a slot.
    const writer = new BatchWriter(ring, (batch) => {
        const count = reader.begin(batch);
        try {
            acceptBatch(reader, count);
        } finally {
            reader.release();
        }
    });
    const typedRows = writer.typedTarget(spec);
    if (typedRows === undefined) return undefined;
    const result = await scanDataset(spec, (row, line) => writer.add(row, line), {
        skipInvalid: options.skipInvalid,
        readFields: target.readFields,
        typedRows,
        onProgress: (bytesRead: number, totalBytes: number) => {
            options.signal?.throwIfAborted();
            options.onBytes?.(bytesRead, totalBytes);
        },
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
    writer.flush();
    return result;
}

function isCsv(spec: PassTarget['spec']): boolean {
    try {
        return checkedFormat(spec) === 'csv';
    } catch {
        return false; // the usual scan reports an unknown format
    }
}
