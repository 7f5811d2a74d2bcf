/** Streams a dataset file row by row as typed values, whatever its format. */
import { scanCsv } from './csv.js';
import { scanJsonArray, scanNdjson } from './json.js';
import { type OnRow, type ScanOptions, type ScanResult, ScanContext } from './scan-context.js';
import { isValidTimeZone } from '../time/zone-names.js';
import { DataError, displayPath } from './data-error.js';
import { requireDataFile } from './data-file.js';
import { type DataFormat, type DatasetSpec, inferFormat } from './spec.js';

/**
 * Calls `onRow` for every valid row, with the values in `spec.fields` order (the SAME
 * array is reused between calls: copy it to keep it) and the row's location: the
 * physical line where it starts (CSV, NDJSON) or the 0-based element index (JSON
 * arrays). With `skipInvalid: false` the first invalid row throws its DataError;
 * with `true` invalid rows are counted, the first 20 kept as samples, and reported to
 * `onInvalid`. Header and file-structure problems, and naive timestamps in a dataset
 * without a time zone, always throw. Memory does not grow with the file size.
 */
export async function scanDataset(spec: DatasetSpec, onRow: OnRow, options: ScanOptions): Promise<ScanResult> {
    const elsewhere = options.rowReader?.(spec, onRow, options);
    if (elsewhere !== undefined) return elsewhere;
    const format = checkedFormat(spec);
    await requireDataFile(spec);
    const context = new ScanContext(spec, onRow, options);
    let bytes: number;
    switch (format) {
        case 'csv':
            bytes = await scanCsv(context);
            break;
        case 'ndjson':
            bytes = await scanNdjson(context);
            break;
        case 'json':
            bytes = await scanJsonArray(context);
            break;
        case 'parquet':
            // Parquet is read through DuckDB (sql/evaluate-with-engines.ts), never by the file scanners.
            throw new DataError(`dataset ${spec.name} is a Parquet file: it is read through DuckDB (sla evaluate reads it so; the file scanners cannot)`, { file: spec.path, line: 1 });
    }
    return context.result(bytes);
}

/** The dataset's format; throws when it cannot be told or the declared time zone is unknown. */
export function checkedFormat(spec: DatasetSpec): DataFormat {
    const format = spec.format ?? inferFormat(spec.path);
    if (format === undefined) {
        throw new DataError(`${displayPath(spec.path)}: cannot tell the format of dataset ${spec.name} from the file name: declare it (csv, json or ndjson) or use .csv, .json, .ndjson or .jsonl`, { file: spec.path, line: 1 });
    }
    if (spec.timezone !== undefined && !isValidTimeZone(spec.timezone)) {
        throw new DataError(`dataset ${spec.name} declares an unknown time zone "${spec.timezone}" (expected an IANA name such as "Europe/Berlin")`, { file: spec.path, line: 1 });
    }
    return format;
}
