/**
 * The first record of a data file, read from the start of it only: the editor checks a
 * dataset against its file (e.g. whether its timestamps carry a UTC offset) while the
 * user types, and a 600 MB export must not be read whole for that. The caller reads at
 * most FIRST_RECORD_PREFIX_BYTES and says whether that was the whole file; the
 * scanners' own record readers (csv.ts, json.ts) delimit the record, so the editor
 * sees the cells evaluation would read.
 */
import { csvRecordsOf, firstCsvHeader, firstCsvRecord } from './csv.js';
import { firstJsonArrayRecord, firstNdjsonRecord } from './json.js';
import type { DataFormat } from './spec.js';

/** Enough for a header and a first record of any sensible export. */
export const FIRST_RECORD_PREFIX_BYTES = 64 * 1024;

/**
 * Column (CSV header name, JSON key) → raw value of the first data record: cell text for
 * CSV (columns separated by `separator`), the parsed JSON value otherwise. Undefined when `prefix` holds no complete record.
 */
export function firstRecordOfPrefix(prefix: Uint8Array, format: DataFormat, wholeFile: boolean, separator = ','): Record<string, unknown> | undefined {
    const bytes = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
    switch (format) {
        case 'csv':
            return firstCsvRecord(bytes, wholeFile, separator);
        case 'ndjson':
            return firstNdjsonRecord(bytes, wholeFile);
        case 'json':
            return firstJsonArrayRecord(bytes);
        case 'parquet':
            return undefined; // binary: its columns are read through DuckDB
    }
}

/**
 * The columns a data file offers, read from its start: the CSV header's names, or the keys
 * of the first JSON/NDJSON record (an optional key may be absent there and still occur
 * later). Undefined when `prefix` holds no complete header or record.
 */
export function columnsOfPrefix(prefix: Uint8Array, format: DataFormat, wholeFile: boolean, separator = ','): string[] | undefined {
    if (format === 'csv') return firstCsvHeader(Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength), wholeFile, separator);
    const record = firstRecordOfPrefix(prefix, format, wholeFile);
    return record === undefined ? undefined : Object.keys(record);
}

/**
 * Up to `max` data records of a CSV file's start, with the line each starts on (for checks that
 * look past the first record, such as telling day from month); for JSON and NDJSON the first
 * record alone (line 0: not located).
 */
export function recordsOfPrefix(prefix: Uint8Array, format: DataFormat, wholeFile: boolean, separator: string, max: number): { line: number; record: Record<string, unknown> }[] {
    if (format === 'csv') return csvRecordsOf(Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength), wholeFile, separator, max);
    const first = firstRecordOfPrefix(prefix, format, wholeFile, separator);
    return first === undefined ? [] : [{ line: 0, record: first }];
}
