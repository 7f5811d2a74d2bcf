/**
 * JSON inputs, streamed with the same chunked reader as CSV:
 * - NDJSON: one object per line; blank lines are skipped; locations are line numbers.
 * - JSON: an array of objects. The file is not loaded whole: a small scanner finds
 *   where each top-level element ends (tracking strings and nesting) and only that
 *   element's text goes through `JSON.parse`, so memory is bounded by the largest
 *   element. Locations are the line and column (in bytes) where the element starts;
 *   messages add its 0-based index ("element 5", as `data[5]`).
 * Keys map to the fields' `column`; an object with the same key twice is invalid when a
 * field reads that key (which one counts would be a guess: JSON.parse keeps the last). A
 * number is read from its text in the file, as a CSV cell is (json-members.ts).
 * Text must be valid UTF-8. The raw text of a line that is not valid JSON is never quoted in messages: the file
 * may not be data at all (a path pointing at a credentials file); such a record is located at
 * the character where it stops being JSON, with what was expected there (json-syntax.ts). An
 * NDJSON record written over several lines (pretty-printed, as `jq '.[]'` writes) is one invalid
 * record, not one per line. A missing key or
 * `null` is an empty value, and so is "" (as an empty CSV cell): null for optional
 * fields, an error for required ones.
 */
import { ChunkedFile, hasBom } from './chunked-file.js';
import { compressedFileProblem, compressionAt } from './compressed-file.js';
import { foreignEncodingAt, foreignEncodingProblem } from './text-encoding.js';
import { JsonMembers } from './json-members.js';
import { jsonShapeProblem } from './json-shape.js';
import { isJsonBlank as isBlank, jsonSyntaxProblem, valueEnd } from './json-syntax.js';
import type { ScanContext, ValueLocation } from './scan-context.js';
import { invalidUtf8Offset } from './utf8.js';

const LF = 0x0a, COMMA = 0x2c;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

/** Converts one parsed JSON value (an object, we hope) into the row; rejects it if invalid. */
function processObject(context: ScanContext, members: JsonMembers, value: unknown, locationOf: (key: string | null) => ValueLocation, rowNumber: number, raw: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const location = locationOf(null);
        context.reject(context.error(`${location.prefix}expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, location, '', null));
        return;
    }
    members.read(raw);
    const duplicate = members.duplicate;
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
        // A number as the file writes it, not as a double (json-members.ts); the member scan finds every top-level one.
        const numberText = typeof cell === 'number' ? members.numberText(key) ?? String(cell) : undefined;
        try {
            row[k] = numberText === undefined ? decoder.fromJson(cell) : decoder.fromJsonNumber(numberText);
        } catch (problem) {
            context.rejectValue(problem, decoder.field, locationOf(key), numberText ?? (typeof cell === 'string' ? cell : shorten(JSON.stringify(cell))));
            return;
        }
    }
    context.emit(rowNumber, locationOf);
}

function shorten(text: string): string {
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
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
    const end = pos < limit ? valueEnd(bytes, pos, limit) : -1;
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

/**
 * A compressed file (compressed-file.ts), or one in UTF-16 or UTF-32 (text-encoding.ts), is refused at
 * its start, saying so, rather than record by record as "not valid UTF-8".
 */
function requireUncompressedUtf8(context: ScanContext, file: ChunkedFile): void {
    const compression = compressionAt(file.buffer, 0, file.filled);
    const encoding = foreignEncodingAt(file.buffer, 0, file.filled);
    const problem = compression !== undefined ? compressedFileProblem(compression, context.spec.path) : encoding !== undefined ? foreignEncodingProblem(encoding, false) : undefined;
    if (problem !== undefined) {
        throw context.error(`${context.shownPath}:1:1: ${problem}`, { prefix: '', where: '', line: 1, column: 1, locator: 'line' }, '', null);
    }
}

/**
 * How far past a line's end a record that does not close on its line is followed, to tell a
 * record written over several lines (pretty-printed) from a broken line.
 */
const CONTINUATION_LOOKAHEAD = 64 * 1024;

/** Whether the line [start, stop) opens an object it does not close (a record over several lines, or a broken one). */
function opensWithoutClosing(bytes: Buffer, start: number, stop: number): boolean {
    return start < stop && bytes[start] === OPEN_BRACE && bytes[stop - 1] !== CLOSE_BRACE;
}

/** The end of the record starting at `start` when it continues past the line end `stop` and closes as an object there; -1 otherwise (also when it goes past `limit`). */
function continuedRecordEnd(bytes: Buffer, start: number, stop: number, limit: number): number {
    if (!opensWithoutClosing(bytes, start, stop)) return -1;
    const end = valueEnd(bytes, start, Math.min(limit, start + CONTINUATION_LOOKAHEAD));
    return end > stop && parsedObject(bytes.toString('utf8', start, end)) !== undefined ? end : -1;
}

export async function scanNdjson(context: ScanContext): Promise<number> {
    const file = await ChunkedFile.open(context.spec.path, { onProgress: context.options.onProgress, chunkBytes: context.options.readChunkBytes });
    const members = new JsonMembers(context.columns);
    let line = 1;
    try {
        let pos = 0;
        while (file.filled < 4 && !file.eof) await file.refill(0, 1);
        requireUncompressedUtf8(context, file);
        if (hasBom(file.buffer, file.filled)) pos = 3;
        // A JSON array (or pretty-printed records) is not read line by line as objects (each line "invalid JSON", to be skipped): said once, for the file.
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
            const column = start - lineBegin + 1;
            const continued = start === stop ? -1 : continuedRecordEnd(bytes, start, stop, file.filled);
            const lastLineEnd = continued < 0 ? -1 : bytes.indexOf(LF, continued);
            // A record that does not close on its line may go on past the bytes read, or end on a line not read whole: read more, then look again.
            const readMore = continued < 0 ? opensWithoutClosing(bytes, start, stop) && file.filled - start < CONTINUATION_LOOKAHEAD : lastLineEnd < 0 || lastLineEnd >= file.filled;
            if (readMore && !file.eof) {
                pos -= await file.refill(pos, line);
                continue;
            }
            if (continued >= 0) {
                // One record over several lines: one invalid record (not one per line), and the scan goes on after its last line.
                for (let k = pos; k < continued; k++) if (bytes[k] === LF) line++;
                const here: ValueLocation = { prefix: `${context.shownPath}:${lineNumber}:${column}: `, where: '', line: lineNumber, column, locator: 'line' };
                context.reject(context.error(`${here.prefix}${multiLineRecordProblem(lineNumber, line)}`, here, '', null));
                line++;
                pos = lastLineEnd < 0 || lastLineEnd >= file.filled ? file.filled : lastLineEnd + 1;
                continue;
            }
            line++;
            pos = end + 1;
            if (start === stop) continue;
            const place: RecordPlace = {
                line: lineNumber,
                at: (key) => ({
                    prefix: `${context.shownPath}:${lineNumber}:${column}: `,
                    where: key === null ? '' : ` at key ${JSON.stringify(key)}`,
                    line: lineNumber,
                    column,
                    locator: 'line'
                }),
                atOffset: (text, offset) => {
                    const where = positionIn(text, offset, lineNumber, column);
                    return { prefix: `${context.shownPath}:${where.line}:${where.column}: `, where: '', line: where.line, column: where.column, locator: 'line' };
                }
            };
            const text = utf8Text(bytes, start, stop, lineNumber, lineBegin);
            processJsonText(context, members, text, place);
        }
        file.checkUnchanged(true, line);
        return file.bytesRead;
    } catch (error) {
        throw file.explain(error, true, line);
    } finally {
        await file.close();
    }
}

/** A record of an NDJSON file written over lines `first` to `last`: what to do. */
function multiLineRecordProblem(first: number, last: number): string {
    return `the record continues over lines ${first}–${last} (pretty-printed JSON), and NDJSON holds each record on one line: write it on one line (e.g. jq -c)`;
}

/** Where a record is in the file, and how to locate one of its keys or a character of its text. */
interface RecordPlace {
    /** the line where the record starts (rows are numbered by it) */
    line: number;
    /** the record's place, with ` at key "…"` when a key is named */
    at: (key: string | null) => ValueLocation;
    /** the place of the character at `offset` (a UTF-16 index) of the record's `text` */
    atOffset: (text: string, offset: number) => ValueLocation;
}

/**
 * The line and column (in bytes, as the scanners count) of the character at `offset` of `text`,
 * a record that starts at `line`, `column` of the file.
 */
function positionIn(text: string, offset: number, line: number, column: number): { line: number; column: number } {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let lines = 0;
    for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) lines++;
    const bytes = Buffer.byteLength(text.slice(lineStart, offset), 'utf8');
    return lines === 0 ? { line, column: column + bytes } : { line: line + lines, column: bytes + 1 };
}

/** One value's text (or why its bytes are not text): parsed and handed on as a row, or rejected at its place. */
function processJsonText(context: ScanContext, members: JsonMembers, text: string | { problem: string }, place: RecordPlace): void {
    if (typeof text !== 'string') {
        const here = place.at(null);
        context.reject(context.error(`${here.prefix}${text.problem}`, here, '', null));
        return;
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        // Said in its own words, at the character where the text stops being JSON (JSON.parse's message quotes the text).
        const syntax = jsonSyntaxProblem(text) ?? { offset: 0, problem: 'not valid JSON' };
        const here = place.atOffset(text, syntax.offset);
        context.reject(context.error(`${here.prefix}invalid JSON: ${syntax.problem}`, here, '', null));
        return;
    }
    processObject(context, members, value, place.at, place.line, text);
}
export async function scanJsonArray(context: ScanContext): Promise<number> {
    const file = await ChunkedFile.open(context.spec.path, { onProgress: context.options.onProgress, chunkBytes: context.options.readChunkBytes });
    const members = new JsonMembers(context.columns);
    let line = 1;
    /** file offset where `line` starts (columns are counted from it, in bytes) */
    let lineStart = 0;
    /** A problem of the array itself, at the character at buffer offset `at` (the array's end: the file's). */
    const fail = (at: number, message: string): never => {
        const column = file.base + at - lineStart + 1;
        throw context.error(`${context.shownPath}:${line}:${column}: ${message}`, { prefix: '', where: '', line, column, locator: 'line' }, '', null);
    };
    try {
        while (file.filled < 4 && !file.eof) await file.refill(0, 1);
        requireUncompressedUtf8(context, file);
        let pos = hasBom(file.buffer, file.filled) ? 3 : 0;
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
            if (state === 'done') fail(pos, 'unexpected content after the end of the JSON array');
            if (state === 'open') {
                if (c !== OPEN_BRACKET) fail(pos, jsonShapeProblem(bytes, pos, file.filled, 'json')?.problem ?? 'expected a JSON array of objects ("[ {...}, {...} ]")');
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
                    fail(pos, `expected "," or "]" after element ${element - 1}`);
                }
                pos++;
                continue;
            }
            // state 'value'
            if (c === CLOSE_BRACKET) {
                if (afterComma) fail(pos, `a "," before "]" leaves element ${element} empty: remove that ","`);
                state = 'done';
                pos++;
                continue;
            }
            const end = valueEnd(bytes, pos, file.filled);
            if (end < 0) {
                if (file.eof) fail(pos, `element ${element} is not complete: the file ends inside it`);
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
            const place: RecordPlace = {
                line: elementLine,
                at: (key) => ({
                    prefix: `${context.shownPath}:${elementLine}:${elementColumn}: element ${index}: `,
                    where: key === null ? '' : ` at key ${JSON.stringify(key)}`,
                    line: elementLine,
                    column: elementColumn,
                    locator: 'line'
                }),
                atOffset: (elementText, offset) => {
                    const where = positionIn(elementText, offset, elementLine, elementColumn);
                    return { prefix: `${context.shownPath}:${where.line}:${where.column}: element ${index}: `, where: '', line: where.line, column: where.column, locator: 'line' };
                }
            };
            state = 'separator';
            afterComma = false;
            processJsonText(context, members, text, place);
        }
        if (state === 'open') fail(pos, 'the file is empty: expected a JSON array of objects');
        if (state !== 'done') fail(pos, 'the JSON array is not closed ("]" missing)');
        file.checkUnchanged(false, line);
        return file.bytesRead;
    } catch (error) {
        throw file.explain(error, false, line);
    } finally {
        await file.close();
    }
}
