export { type DataFormat, type DatasetSpec, type FieldKind, type FieldSpec, type RowValue, datasetFormat, describeFieldKind, inferFormat, resolveDatasetPath } from './spec.js';
export { DataError, displayPath, formatRowLocation } from './data-error.js';
export { MAX_REJECTED_SAMPLES, type OnRow, type ScanOptions, type ScanResult } from './scan-context.js';
export { scanDataset } from './scan-dataset.js';
export { parseDecimalBytes } from './parse-number.js';
export { type ParsedTimestamp, isNaiveTimestamp, parseTimestampBytes } from './parse-timestamp.js';
export { FIRST_RECORD_PREFIX_BYTES, firstRecordOfPrefix } from './first-record.js';
export { HIGH_REJECTED_SHARE, rejectedShare, requireUsableRows } from './usable-rows.js';
export { dataFileProblem, describeFileError } from './data-file.js';
