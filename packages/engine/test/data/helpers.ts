import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type DataError, type DatasetSpec, type FieldSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import type { TypedRowTarget } from '../../src/data/csv-typed-record.js';

/** A temp dir for the test file's data files, removed after its tests. */
export function tempDir(): (name: string, content: string | Buffer) => string {
    const dir = mkdtempSync(join(tmpdir(), 'sla-data-test-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    return (name, content) => {
        const path = join(dir, name);
        writeFileSync(path, content);
        return path;
    };
}

export function field(name: string, kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec {
    return { name, column: name, kind, optional: false, ...extra };
}

export interface Scanned {
    rows: { values: RowValue[]; line: number }[];
    rejected: number;
    samples: DataError[];
    invalid: DataError[];
    bytes: number;
}

export async function scan(path: string, fields: FieldSpec[], options: { skipInvalid?: boolean; timezone?: string; format?: DatasetSpec['format']; separator?: string; decimalComma?: boolean; encoding?: DatasetSpec['encoding']; readChunkBytes?: number } = {}): Promise<Scanned> {
    const rows: Scanned['rows'] = [];
    const invalid: DataError[] = [];
    const spec: DatasetSpec = {
        name: 'requests',
        path,
        format: options.format ?? (path.endsWith('.csv') ? 'csv' : path.endsWith('.json') ? 'json' : 'ndjson'),
        fields,
        timezone: options.timezone,
        ...(options.separator === undefined ? {} : { separator: options.separator }),
        ...(options.decimalComma === undefined ? {} : { decimalComma: options.decimalComma }),
        ...(options.encoding === undefined ? {} : { encoding: options.encoding })
    };
    const result = await scanDataset(spec, (row, line) => rows.push({ values: [...row], line }), {
        skipInvalid: options.skipInvalid ?? false,
        onInvalid: (err) => invalid.push(err),
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
    return { rows, rejected: result.rejected, samples: result.rejectedSamples, invalid, bytes: result.bytes };
}

/** The error a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<DataError> {
    try {
        await promise;
    } catch (error) {
        return error as DataError;
    }
    throw new Error('expected the scan to fail');
}

/** The rejected rows of a scan that skips them: their lines and messages, in file order. */
export interface Rejections {
    rejectedLines: number[];
    messages: string[];
}

/**
 * Reads a CSV file skipping invalid rows, each row array to `onRow`, typed records to `typedRows`
 * when given (the typed path), and returns the rejections.
 */
export async function scanCollectingRejections(
    spec: DatasetSpec,
    onRow: (row: RowValue[]) => void,
    options: { typedRows?: TypedRowTarget; readFields?: Set<string>; chunk?: number } = {}
): Promise<Rejections> {
    const rejections: Rejections = { rejectedLines: [], messages: [] };
    await scanDataset(spec, (row) => onRow(row), {
        skipInvalid: true,
        onInvalid: (error: DataError) => {
            rejections.rejectedLines.push(error.line);
            rejections.messages.push(error.message);
        },
        ...(options.readFields === undefined ? {} : { readFields: options.readFields }),
        ...(options.typedRows === undefined ? {} : { typedRows: options.typedRows }),
        ...(options.chunk === undefined ? {} : { readChunkBytes: options.chunk })
    });
    return rejections;
}
