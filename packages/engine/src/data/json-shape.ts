/**
 * The two JSON formats are easily mixed up, and REST exports wrap their records: a `.json`
 * file of one object per line (NDJSON), a pretty-printed array in a `.ndjson` file, ServiceNow's
 * `{"result": [ … ]}`, records pretty-printed over several lines in a `.ndjson` file (`jq '.[]'`'s
 * output; `jq -c` writes one per line). Each used to meet the user as a row problem ("invalid JSON", "expected a
 * JSON object, found an array", with the advice to skip invalid rows) or as "expected a JSON
 * array of objects"; the file's first bytes say which mix-up it is, and what to do.
 */

import { valueEnd } from './json-syntax.js';

const BLANKS = new Set([0x20, 0x09, 0x0d, 0x0a]);
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const LF = 0x0a;
/** As much of the file's start as is looked at (a wrapping key comes first). */
const LOOKED_AT = 64 * 1024;

/** A file's shape that `format` cannot read: what to tell the user, and the format that reads it, when one does. */
export interface JsonShapeProblem {
    problem: string;
    readsAs?: 'json' | 'ndjson';
}

/**
 * What is wrong with a file's shape for `format`, read from its start (bytes [start, end), a UTF-8
 * byte order mark skipped), or undefined when its start is what the format reads (or says nothing).
 */
export function jsonShapeProblem(bytes: Uint8Array, start: number, end: number, format: 'json' | 'ndjson'): JsonShapeProblem | undefined {
    let pos = bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf ? start + 3 : start;
    while (pos < end && BLANKS.has(bytes[pos]!)) pos++;
    if (pos >= end) return undefined;
    const first = bytes[pos]!;
    if (format === 'ndjson') {
        // An array of objects (or an empty one): `[default]` (a credentials file) is no JSON array.
        let next = pos + 1;
        while (next < end && BLANKS.has(bytes[next]!)) next++;
        if (first === OPEN_BRACKET && (bytes[next] === OPEN_BRACE || bytes[next] === CLOSE_BRACKET)) {
            return { problem: 'the file is one JSON array (it starts with "["), not one JSON object per line: declare `format json` in the dataset, or name the file .json', readsAs: 'json' };
        }
        return first === OPEN_BRACE && isPrettyPrinted(bytes, pos, end)
            ? { problem: "the records of the file are written over several lines (pretty-printed JSON, as jq '.[]' writes), and NDJSON holds each record on one line: write one record per line (e.g. jq -c '.[]' export.json > records.ndjson)" }
            : undefined;
    }
    if (first !== OPEN_BRACE) return undefined;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + pos, Math.min(end - pos, LOOKED_AT)).toString('utf8');
    // A first key holding an array of objects. Its name is quoted only when it is a plain word: the
    // file may be no data file at all (a path pointing at a configuration), whose text is not echoed.
    const wrapped = /^\{\s*"((?:[^"\\\n]|\\.){1,100})"\s*:\s*\[\s*[{\]]/.exec(text);
    if (wrapped !== null) {
        const key = wrapped[1]!;
        const named = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key);
        const which = named ? `whose key "${key}"` : 'whose first key';
        const example = named ? ` (e.g. jq '.${key}' export.json > records.json)` : '';
        return { problem: `the file is one JSON object ${which} holds an array (as REST exports write), and a JSON dataset is an array of records: save that array alone${example}` };
    }
    const lineEnd = text.indexOf(String.fromCharCode(LF));
    if (isObject(lineEnd < 0 ? text : text.slice(0, lineEnd))) {
        return { problem: 'the file holds one JSON object per line (NDJSON), not an array of objects: declare `format ndjson` in the dataset, or name the file .ndjson', readsAs: 'ndjson' };
    }
    return undefined;
}

/**
 * Whether the record at `pos` (a "{") is written over several lines: its first line is "{" alone,
 * or is no JSON by itself while the lines after it complete an object.
 */
function isPrettyPrinted(bytes: Uint8Array, pos: number, end: number): boolean {
    const limit = Math.min(end, pos + LOOKED_AT);
    let lineEnd = bytes.indexOf(LF, pos);
    if (lineEnd < 0 || lineEnd >= limit) return false;
    while (lineEnd > pos && BLANKS.has(bytes[lineEnd - 1]!)) lineEnd--;
    if (lineEnd === pos + 1) return true; // "{" alone
    const text = (from: number, to: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
    if (isObject(text(pos, lineEnd))) return false;
    const recordEnd = valueEnd(bytes, pos, limit);
    return recordEnd > lineEnd && isObject(text(pos, recordEnd));
}

function isObject(text: string): boolean {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
        return false;
    }
}
