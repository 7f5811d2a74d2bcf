/**
 * JSON inputs, streamed with the same chunked reader as CSV:
 * - NDJSON: one object per line; blank lines are skipped; locations are line numbers.
 * - JSON: an array of objects. The file is not loaded whole: a small scanner finds
 *   where each top-level element ends (tracking strings and nesting) and only that
 *   element's text goes through `JSON.parse`, so memory is bounded by the largest
 *   element. Locations are the line and column (in bytes) where the element starts;
 *   messages add its 0-based index ("element 5", as `data[5]`).
 * Keys map to the fields' `column`; an object with the same key twice is invalid when a
 * field reads that key (which one counts would be a guess: JSON.parse keeps the last).
 * Text must be valid UTF-8. The raw text of a line that is not valid JSON is never quoted in messages: the file
 * may not be data at all (a path pointing at a credentials file). A missing key or
 * `null` is an empty value, and so is "" (as an empty CSV cell): null for optional
 * fields, an error for required ones.
 */
import { ChunkedFile, hasBom } from './chunked-file.js';
import { foreignEncodingAt, foreignEncodingProblem } from './text-encoding.js';
import { jsonShapeProblem } from './json-shape.js';
import type { ScanContext, ValueLocation } from './scan-context.js';
import { invalidUtf8Offset } from './utf8.js';

const LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

function isBlank(c: number | undefined): boolean {
    return c === SPACE || c === LF || c === CR || c === TAB;
}

/** Converts one parsed JSON value (an object, we hope) into the row; rejects it if invalid. */
function processObject(context: ScanContext, value: unknown, locationOf: (key: string | null) => ValueLocation, rowNumber: number, raw: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const location = locationOf(null);
        context.reject(context.error(`${location.prefix}expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, location, '', null));
        return;
    }
    const duplicate = duplicateKey(raw, context.columns);
    if (duplicate !== undefined) {
        const location = locationOf(duplicate);
        context.reject(context.error(`${location.prefix}the object has the key ${JSON.stringify(duplicate)} twice: remove one of them`, location, '', null));
        return;
    }
    const record = value as Record<string, unknown>;
    const { decoders, row } = context;
    for (let k = 0; k < decoders.length; k++) {
        const decoder = decoders[k]!;
        const key = decoder.field.column;
        const cell = record[key];
        if (cell === undefined || cell === null || cell === '') {
            if (decoder.field.optional) {
                row[k] = null;
                continue;
            }
            context.rejectMissing(decoder.field, locationOf(key), cell === undefined ? `missing key "${key}"` : cell === null ? 'null value' : 'empty value');
            return;
        }
        try {
            row[k] = decoder.fromJson(cell);
        } catch (problem) {
            context.rejectValue(problem, decoder.field, locationOf(key), typeof cell === 'string' ? cell : shorten(JSON.stringify(cell)));
            return;
        }
    }
    context.emit(rowNumber, locationOf);
}

function shorten(text: string): string {
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * The first key of `columns` that occurs twice at the top level of a JSON object's
 * text, or undefined. JSON.parse silently keeps the last of duplicate keys; keys no
 * field reads do not matter.
 */
export function duplicateKey(text: string, columns: ReadonlySet<string>): string | undefined {
    let depth = 0;
    let expectKey = false;
    let keys: Set<string> | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            const start = i;
            let escaped = false;
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (d === BACKSLASH) {
                    escaped = true;
                    i++;
                } else if (d === QUOTE) {
                    break;
                }
            }
            if (depth === 1 && expectKey) {
                const key = escaped ? JSON.parse(text.slice(start, i + 1)) as string : text.slice(start + 1, i);
                if (columns.has(key)) {
                    keys ??= new Set();
                    if (keys.has(key)) return key;
                    keys.add(key);
                }
                expectKey = false;
            }
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            depth++;
            expectKey = depth === 1 && c === OPEN_BRACE;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            depth--;
        } else if (c === COMMA && depth === 1) {
            expectKey = true;
        }
    }
    return undefined;
}

/** A JSON.parse error in words, without the excerpt of the text V8 adds (the file may not be data). */
function jsonProblem(error: unknown): string {
    const position = /position (\d+)/.exec((error as Error).message);
    return `invalid JSON${position ? ` (at byte ${Number(position[1]) + 1} of the record)` : ''}`;
}

/** The text of bytes [start, end), or a problem naming the line and column of the first byte that is not UTF-8. */
function utf8Text(bytes: Buffer, start: number, end: number, line: number, lineStart: number): string | { problem: string } {
    const text = bytes.toString('utf8', start, end);
    if (!text.includes('\uFFFD')) return text;
    const bad = invalidUtf8Offset(bytes, start, end);
    if (bad < 0) return text;
    let badLine = line;
    let badLineStart = lineStart;
    for (let k = start; k < bad; k++) {
        if (bytes[k] === LF) {
            badLine++;
            badLineStart = k + 1;
        }
    }
    return { problem: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${badLine}, column ${bad - badLineStart + 1} is not valid UTF-8: save the file as UTF-8` };
}

/**
 * The first record of NDJSON bytes that may be only the start of a file (`wholeFile`
 * false), by the scan's rules: one value per line, blank lines skipped. Undefined when
 * the bytes hold no complete first line, or it is not a JSON object.
 */
export function firstNdjsonRecord(bytes: Buffer, wholeFile: boolean): Record<string, unknown> | undefined {
    const limit = bytes.length;
    let pos = hasBom(bytes, limit) ? 3 : 0;
    while (pos < limit) {
        let end = bytes.indexOf(LF, pos);
        if (end < 0) {
            if (!wholeFile) return undefined;
            end = limit; // last line without a newline
        }
        let start = pos;
        let stop = end;
        while (start < stop && isBlank(bytes[start])) start++;
        while (stop > start && isBlank(bytes[stop - 1])) stop--;
        pos = end + 1;
        if (start < stop) return parsedObject(bytes.toString('utf8', start, stop));
    }
    return undefined;
}

/**
 * The first element of a JSON array in bytes that may be only the start of a file,
 * delimited by the scan's own element scanner. Undefined when the bytes do not start
 * an array, hold no complete first element, or it is not a JSON object.
 */
export function firstJsonArrayRecord(bytes: Buffer): Record<string, unknown> | undefined {
    const limit = bytes.length;
    let pos = hasBom(bytes, limit) ? 3 : 0;
    while (pos < limit && isBlank(bytes[pos])) pos++;
    if (bytes[pos] !== OPEN_BRACKET) return undefined;
    pos++;
    while (pos < limit && isBlank(bytes[pos])) pos++;
    const end = pos < limit ? elementEnd(bytes, pos, limit) : -1;
    return end < 0 ? undefined : parsedObject(bytes.toString('utf8', pos, end));
}

function parsedObject(text: string): Record<string, unknown> | undefined {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
    } catch {
        return undefined;
    }
}

/** A file in UTF-16 or UTF-32 is refused at its start, saying so (text-encoding.ts), rather than record by record as "not valid UTF-8". */
function requireUtf8(context: ScanContext, file: ChunkedFile): void {
    const encoding = foreignEncodingAt(file.buffer, 0, file.filled);
    if (encoding !== undefined) {
        throw context.error(`${context.shownPath}:1:1: ${foreignEncodingProblem(encoding, false)}`, { prefix: '', where: '', line: 1, column: 1, locator: 'line' }, '', null);
    }
}

export async function scanNdjson(context: ScanContext): Promise<number> {
    const file = await ChunkedFile.open(context.spec.path, { onProgress: context.options.onProgress, chunkBytes: context.options.readChunkBytes });
    let line = 1;
    try {
        let pos = 0;
        while (file.filled < 4 && !file.eof) await file.refill(0, 1);
        requireUtf8(context, file);
        if (hasBom(file.buffer, file.filled)) pos = 3;
        // A JSON array is not read line by line as objects (each line "invalid JSON", to be skipped): said once, for the file.
        const shape = jsonShapeProblem(file.buffer, pos, file.filled, 'ndjson');
        if (shape !== undefined) throw context.error(`${context.shownPath}:1: ${shape.problem}`, { prefix: '', where: '', line: 1, column: null, locator: 'line' }, '', null);
        for (;;) {
            if (pos >= file.filled && file.eof) break;
            let end = pos < file.filled ? file.buffer.indexOf(LF, pos) : -1;
            if (end < 0 || end >= file.filled) {
                if (!file.eof || pos >= file.filled) {
                    pos -= await file.refill(pos, line);
                    continue;
                }
                end = file.filled; // last line without a newline
            }
            const bytes = file.buffer;
            const lineBegin = pos;
            let start = pos;
            let stop = end;
            while (start < stop && isBlank(bytes[start])) start++;
            while (stop > start && isBlank(bytes[stop - 1])) stop--;
            const lineNumber = line;
            line++;
            pos = end + 1;
            if (start === stop) continue;
            const column = start - lineBegin + 1;
            const at = (key: string | null): ValueLocation => ({
                prefix: `${context.shownPath}:${lineNumber}:${column}: `,
                where: key === null ? '' : ` at key ${JSON.stringify(key)}`,
                line: lineNumber,
                column,
                locator: 'line'
            });
            const text = utf8Text(bytes, start, stop, lineNumber, lineBegin);
            processJsonText(context, text, at, lineNumber);
        }
        file.checkUnchanged(true, line);
        return file.bytesRead;
    } catch (error) {
        throw file.explain(error, true, line);
    } finally {
        await file.close();
    }
}

/** One value's text (or why its bytes are not text): parsed and handed on as a row, or rejected at its place. */
function processJsonText(context: ScanContext, text: string | { problem: string }, at: (key: string | null) => ValueLocation, line: number): void {
    const here = at(null);
    if (typeof text !== 'string') {
        context.reject(context.error(`${here.prefix}${text.problem}`, here, '', null));
        return;
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        context.reject(context.error(`${here.prefix}${jsonProblem(error)}`, here, '', null));
        return;
    }
    processObject(context, value, at, line, text);
}

export async function scanJsonArray(context: ScanContext): Promise<number> {
    const file = await ChunkedFile.open(context.spec.path, { onProgress: context.options.onProgress, chunkBytes: context.options.readChunkBytes });
    const fail = (line: number, message: string): never => {
        throw context.error(`${context.shownPath}:${line}: ${message}`, { prefix: '', where: '', line, column: null, locator: 'line' }, '', null);
    };
    let line = 1;
    try {
        while (file.filled < 4 && !file.eof) await file.refill(0, 1);
        requireUtf8(context, file);
        let pos = hasBom(file.buffer, file.filled) ? 3 : 0;
        /** file offset where `line` starts (columns are counted from it, in bytes) */
        let lineStart = 0;
        let element = 0;
        /** 'open': before '['; 'value': expecting an element or ']'; 'separator': expecting ',' or ']'; 'done' */
        let state: 'open' | 'value' | 'separator' | 'done' = 'open';
        let afterComma = false;
        for (;;) {
            // Skip blanks, counting lines.
            const bytes = file.buffer;
            while (pos < file.filled && isBlank(bytes[pos])) {
                if (bytes[pos] === LF) {
                    line++;
                    lineStart = file.base + pos + 1;
                }
                pos++;
            }
            if (pos >= file.filled) {
                if (file.eof) break;
                pos -= await file.refill(pos, line);
                continue;
            }
            const c = bytes[pos]!;
            if (state === 'done') fail(line, 'unexpected content after the end of the JSON array');
            if (state === 'open') {
                if (c !== OPEN_BRACKET) fail(line, jsonShapeProblem(bytes, pos, file.filled, 'json')?.problem ?? 'expected a JSON array of objects ("[ {...}, {...} ]")');
                state = 'value';
                pos++;
                continue;
            }
            if (state === 'separator') {
                if (c === COMMA) {
                    state = 'value';
                    afterComma = true;
                } else if (c === CLOSE_BRACKET) {
                    state = 'done';
                } else {
                    fail(line, `expected "," or "]" after element ${element - 1}`);
                }
                pos++;
                continue;
            }
            // state 'value'
            if (c === CLOSE_BRACKET) {
                if (afterComma) fail(line, `a "," before "]" leaves element ${element} empty`);
                state = 'done';
                pos++;
                continue;
            }
            const end = elementEnd(bytes, pos, file.filled);
            if (end < 0) {
                if (file.eof) fail(line, `element ${element} is not complete: the file ends inside it`);
                pos -= await file.refill(pos, line);
                continue;
            }
            const elementLine = line;
            const elementLineStart = lineStart;
            const elementColumn = file.base + pos - lineStart + 1;
            for (let k = pos; k < end; k++) {
                if (bytes[k] === LF) {
                    line++;
                    lineStart = file.base + k + 1;
                }
            }
            const text = utf8Text(bytes, pos, end, elementLine, elementLineStart - file.base);
            pos = end;
            const index = element++;
            const at = (key: string | null): ValueLocation => ({
                prefix: `${context.shownPath}:${elementLine}:${elementColumn}: element ${index}: `,
                where: key === null ? '' : ` at key ${JSON.stringify(key)}`,
                line: elementLine,
                column: elementColumn,
                locator: 'line'
            });
            state = 'separator';
            afterComma = false;
            processJsonText(context, text, at, elementLine);
        }
        if (state === 'open') fail(line, 'the file is empty: expected a JSON array of objects');
        if (state !== 'done') fail(line, 'the JSON array is not closed ("]" missing)');
        file.checkUnchanged(false, line);
        return file.bytesRead;
    } catch (error) {
        throw file.explain(error, false, line);
    } finally {
        await file.close();
    }
}

/**
 * The end (exclusive) of the JSON value starting at `pos`, or -1 if it may continue
 * past `limit`. Strings and nesting are tracked; scalars end at ',' ']' or a blank.
 */
function elementEnd(bytes: Buffer, pos: number, limit: number): number {
    let depth = 0;
    let i = pos;
    while (i < limit) {
        const c = bytes[i]!;
        if (c === QUOTE) {
            i++;
            while (i < limit && bytes[i] !== QUOTE) i += bytes[i] === BACKSLASH ? 2 : 1;
            if (i >= limit) return -1;
            i++;
            if (depth === 0) return i;
            continue;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            depth++;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (depth === 0) return i;
            depth--;
            if (depth === 0) return i + 1;
        } else if (depth === 0 && (c === COMMA || isBlank(c))) {
            return i;
        }
        i++;
    }
    return -1;
}
