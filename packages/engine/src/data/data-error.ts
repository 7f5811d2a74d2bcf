/** An invalid value, row or file, located precisely enough to open it in an editor. */
import { relative, isAbsolute } from 'node:path';

export class DataError extends Error {
    /** the data file (absolute, as given in the dataset spec) */
    readonly file: string;
    /**
     * Where the row starts. CSV and NDJSON: the 1-based physical line (embedded newlines
     * counted). JSON arrays: the 0-based index of the element (`locator` says which).
     */
    readonly line: number;
    /** CSV: 1-based field index; JSON: null */
    readonly column: number | null;
    /** the raw text of the offending value (truncated when long), or '' */
    readonly value: string;
    /** the dataset field, or null when the problem is not one field's (a malformed row) */
    readonly field: string | null;
    readonly locator: 'line' | 'element';
    /** An invalid row that stopped the scan only because invalid rows were not to be skipped (skipInvalid would have skipped it). */
    skippable = false;

    constructor(message: string, init: { file: string; line: number; column?: number | null; value?: string; field?: string | null; locator?: 'line' | 'element' }) {
        super(message);
        this.name = 'DataError';
        this.file = init.file;
        this.line = init.line;
        this.column = init.column ?? null;
        this.value = init.value ?? '';
        this.field = init.field ?? null;
        this.locator = init.locator ?? 'line';
    }
}

/** The file as shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
    const rel = relative(process.cwd(), file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Quotes a raw value for a message, shortened when long. */
export function quoteValue(value: string): string {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
}

/** `data/requests.csv:17` or `data/metrics.json element 5`: where a row comes from, for reports. */
export function formatRowLocation(file: string, line: number, locator: 'line' | 'element' = 'line'): string {
    return locator === 'element' ? `${displayPath(file)} element ${line}` : `${displayPath(file)}:${line}`;
}

/**
 * A data error's message without the place it starts with (`data/x.csv:17:3: `,
 * `data/x.json:12:1: `), and that place's line and column: for callers that print
 * `file:line:column:` themselves, so that the place is said once. Messages are self-contained for library callers; this undoes
 * only the prefixes the scanners write.
 */
export function splitDataErrorLocation(error: DataError): { line: number; column: number | null; message: string } {
    const shown = displayPath(error.file);
    const unchanged = { line: error.line, column: error.column, message: error.message };
    if (!error.message.startsWith(`${shown}:`)) return unchanged;
    const rest = error.message.slice(shown.length);
    const place = /^(?::\d+(?::\d+)?)?: /.exec(rest);
    if (!place) return unchanged;
    return { ...unchanged, message: rest.slice(place[0].length) };
}
