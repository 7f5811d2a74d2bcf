/**
 * The worker's half of a pipelined pass (pipelined-pass.ts): reads the whole file with the
 * usual scanner and writes its rows into the shared batch ring, posting one message per
 * batch, the result at the end, or the error that stopped the scan. Data errors cross the
 * thread as plain fields and are rebuilt on the other side (`reviveDataError`).
 */
import { DataError } from '../data/data-error.js';
import { scanDataset } from '../data/scan-dataset.js';
import type { DatasetSpec } from '../data/spec.js';
import { BatchWriter, type BatchRing } from './row-batches.js';

export interface ParseTask {
    kind: 'parse';
    spec: DatasetSpec;
    readFields: string[];
    skipInvalid: boolean;
    readChunkBytes?: number;
    ring: BatchRing;
}

/** A DataError as plain data (structured clone drops the class and its own fields' meaning). */
export interface DataErrorFields {
    message: string;
    file: string;
    line: number;
    column: number | null;
    value: string;
    field: string | null;
    locator: 'line' | 'element';
    skippable: boolean;
}

export type ParseMessage =
    | { type: 'batch'; slot: number; count: number; texts: string[] }
    | { type: 'parse-progress'; bytesRead: number; totalBytes: number }
    | { type: 'parsed'; rows: number; rejected: number; rejectedSamples: DataErrorFields[]; bytes: number; superseded?: number }
    | { type: 'parse-failed'; dataError: DataErrorFields | null; message: string };

export async function parseIntoBatches(task: ParseTask, post: (message: ParseMessage) => void): Promise<void> {
    const writer = new BatchWriter(task.ring, (batch) => post({ type: 'batch', ...batch }));
    // The common CSV records as typed values, when every sink takes them (see BatchWriter.typedTarget).
    const typedRows = writer.typedTarget(task.spec);
    try {
        const result = await scanDataset(task.spec, (row, line) => writer.add(row, line), {
            skipInvalid: task.skipInvalid,
            readFields: new Set(task.readFields),
            ...(typedRows === undefined ? {} : { typedRows }),
            onProgress: (bytesRead, totalBytes) => post({ type: 'parse-progress', bytesRead, totalBytes }),
            ...(task.readChunkBytes === undefined ? {} : { readChunkBytes: task.readChunkBytes })
        });
        writer.flush();
        post({ type: 'parsed', rows: result.rows, rejected: result.rejected, rejectedSamples: result.rejectedSamples.map(dataErrorFields), bytes: result.bytes, ...(result.superseded === undefined ? {} : { superseded: result.superseded }) });
    } catch (error) {
        // Rows before the error reach the router first, as in a single pass (its state is discarded anyway).
        post({ type: 'parse-failed', dataError: error instanceof DataError ? dataErrorFields(error) : null, message: error instanceof Error ? error.message : String(error) });
    }
}

export function dataErrorFields(error: DataError): DataErrorFields {
    return { message: error.message, file: error.file, line: error.line, column: error.column, value: error.value, field: error.field, locator: error.locator, skippable: error.skippable };
}

export function reviveDataError(fields: DataErrorFields): DataError {
    const error = new DataError(fields.message, fields);
    error.skippable = fields.skippable;
    return error;
}
