/**
 * JSON text read without JSON.parse: where a value ends (the scanners delimit array elements
 * and records so), and, for a record JSON.parse refused, where it stops being JSON and what was
 * expected there. JSON.parse's own message names a position only sometimes, in UTF-16 units of
 * the record, and quotes the file's text (which is never echoed: the file may not be data).
 */

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, POINT = 0x2e, ZERO = 0x30, NINE = 0x39;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;

export function isJsonBlank(c: number | undefined): boolean {
    return c === SPACE || c === LF || c === CR || c === TAB;
}

/**
 * The end (exclusive) of the JSON value starting at `pos` in `bytes`, or -1 if it may continue
 * past `limit`. Strings and nesting are tracked; scalars end at ',' ']' or a blank.
 */
export function valueEnd(bytes: Uint8Array, pos: number, limit: number): number {
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
        } else if (depth === 0 && (c === COMMA || isJsonBlank(c))) {
            return i;
        }
        i++;
    }
    return -1;
}

/** Where a text stops being JSON (a UTF-16 index into it; its length when it ends too early) and what was expected there. */
export interface JsonSyntaxProblem {
    offset: number;
    problem: string;
}

const A_VALUE = 'a value (a string in double quotes, a number, an object, an array, true, false or null)';

/** What to expect next: a value, a key, the colon after a key, or what follows a value. */
type Expected = 'value' | 'first value' | 'key' | 'first key' | 'colon' | 'after value';

/** The first place where `text` (one JSON value, blanks around it allowed) is not JSON, or undefined when it is. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
    /** the open objects ('{') and arrays ('['), innermost last */
    const open: number[] = [];
    let expected: Expected = 'value';
    let i = 0;
    const n = text.length;
    for (;;) {
        while (i < n && isJsonBlank(text.charCodeAt(i))) i++;
        if (i >= n) {
            if (expected === 'after value' && open.length === 0) return undefined;
            return { offset: n, problem: `expected ${describe(expected, open)}, found the end of the record` };
        }
        const c = text.charCodeAt(i);
        switch (expected) {
            case 'value':
            case 'first value': {
                if (expected === 'first value' && c === CLOSE_BRACKET) {
                    open.pop();
                    expected = 'after value';
                    i++;
                    break;
                }
                if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                    open.push(c);
                    expected = c === OPEN_BRACE ? 'first key' : 'first value';
                    i++;
                    break;
                }
                const end = c === QUOTE ? stringEnd(text, i) : c === MINUS || (c >= ZERO && c <= NINE) ? numberEnd(text, i) : literalEnd(text, i);
                if (typeof end !== 'number') return end ?? { offset: i, problem: afterComma(text, i, c, `expected ${describe(expected, open)}`) };
                i = end;
                expected = 'after value';
                break;
            }
            case 'key':
            case 'first key': {
                if (expected === 'first key' && c === CLOSE_BRACE) {
                    open.pop();
                    expected = 'after value';
                    i++;
                    break;
                }
                if (c !== QUOTE) return { offset: i, problem: afterComma(text, i, c, `expected ${describe(expected, open)}`) };
                const end = stringEnd(text, i);
                if (typeof end !== 'number') return end;
                i = end;
                expected = 'colon';
                break;
            }
            case 'colon':
                if (c !== COLON) return { offset: i, problem: 'expected ":" after the key' };
                expected = 'value';
                i++;
                break;
            case 'after value': {
                const inner = open[open.length - 1];
                if (inner === undefined) return { offset: i, problem: 'expected the end of the record after its value' };
                const close = inner === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
                if (c === COMMA) {
                    expected = inner === OPEN_BRACE ? 'key' : 'value';
                } else if (c === close) {
                    open.pop();
                } else {
                    return { offset: i, problem: `expected ${describe(expected, open)}` };
                }
                i++;
                break;
            }
        }
    }
}

/** What `expected` is in words, inside the innermost of `open`. */
function describe(expected: Expected, open: readonly number[]): string {
    const inner = open[open.length - 1];
    switch (expected) {
        case 'value':
            return A_VALUE;
        case 'first value':
            return `${A_VALUE} or "]"`;
        case 'key':
            return 'a key in double quotes';
        case 'first key':
            return 'a key in double quotes or "}"';
        case 'colon':
            return '":" after the key';
        case 'after value':
            return inner === undefined ? 'nothing more' : inner === OPEN_BRACE ? '"," or "}" after a value in an object' : '"," or "]" after a value in an array';
    }
}

/** A closing bracket right after a comma: the comma is the mistake (trailing commas are not JSON). */
function afterComma(text: string, i: number, c: number, problem: string): string {
    if (c !== CLOSE_BRACE && c !== CLOSE_BRACKET) return problem;
    let k = i - 1;
    while (k >= 0 && isJsonBlank(text.charCodeAt(k))) k--;
    return text.charCodeAt(k) === COMMA ? `${problem} after ",", found "${String.fromCharCode(c)}": remove that ","` : problem;
}

/** The end of the string whose quote is at `start`, or the problem in it. */
function stringEnd(text: string, start: number): number | JsonSyntaxProblem {
    for (let i = start + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) return i + 1;
        if (c < 0x20) return { offset: i, problem: 'a control character (a line break, a tab) inside a string: write it escaped (\\n, \\t)' };
        if (c === BACKSLASH) {
            const next = text.charCodeAt(i + 1);
            if (next === 0x75 /* u */) {
                if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, problem: 'invalid escape in a string: \\u is followed by four hexadecimal digits' };
                i += 5;
            } else if ('"\\/bfnrt'.includes(String.fromCharCode(next)) && i + 1 < text.length) {
                i++;
            } else {
                return { offset: i, problem: 'invalid escape in a string: a backslash is written \\\\' };
            }
        }
    }
    return { offset: text.length, problem: 'a string is not closed (its closing " is missing), found the end of the record' };
}

/** The end of the number starting at `start` (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), or the problem in it. */
function numberEnd(text: string, start: number): number | JsonSyntaxProblem {
    const isDigit = (k: number): boolean => {
        const c = text.charCodeAt(k);
        return c >= ZERO && c <= NINE;
    };
    const digits = (k: number): number | JsonSyntaxProblem => {
        if (!isDigit(k)) return { offset: k, problem: 'expected a digit in the number' };
        while (isDigit(k)) k++;
        return k;
    };
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    if (text.charCodeAt(i) === ZERO) {
        i++;
        if (isDigit(i)) return { offset: start, problem: 'a number does not start with 0 followed by digits (as 007): write it in double quotes if it is an identifier' };
    } else {
        const end = digits(i);
        if (typeof end !== 'number') return end;
        i = end;
    }
    if (text.charCodeAt(i) === POINT) {
        const end = digits(i + 1);
        if (typeof end !== 'number') return end;
        i = end;
    }
    if ((text.charCodeAt(i) | 0x20) === 0x65 /* e, E */) {
        i++;
        if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === MINUS) i++;
        const end = digits(i);
        if (typeof end !== 'number') return end;
        i = end;
    }
    return i;
}

/** The end of true, false or null at `start`, or undefined when none is there. */
function literalEnd(text: string, start: number): number | undefined {
    for (const literal of ['true', 'false', 'null']) {
        if (text.startsWith(literal, start)) return start + literal.length;
    }
    return undefined;
}
