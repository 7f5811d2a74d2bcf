export * from './spec.js';
export * from './data-error.js';
export * from './scan-context.js';
export * from './scan-dataset.js';
export { parseDecimalBytes } from './parse-number.js';
export { parseTimestampBytes, type ParsedTimestamp } from './parse-timestamp.js';
