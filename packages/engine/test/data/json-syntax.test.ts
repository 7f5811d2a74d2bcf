/**
 * JSON that is not JSON is located at the character where it goes wrong (line and column, in
 * bytes), with what was expected there: a minified array is one line, and "1:1" said nothing.
 */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from '../../src/data/json-syntax.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const fields = [field('time', 'timestamp'), field('status', 'integer')];
/** 44 bytes: `{"time":"2026-03-01T10:00:00Z","status":200}` */
const element = (k: number) => `{"time":"2026-03-${String((k % 28) + 1).padStart(2, '0')}T10:00:00Z","status":200}`;

describe('a JSON array that is not JSON', () => {
    it('a minified array missing a comma is located at the element after it', async () => {
        // 3000 elements of 44 bytes, the comma before element 2000 left out: "[" is byte 1, element k
        // starts at 2 + 45·k, less 1 from element 2000 on: element 2000 at 2 + 90000 − 1 = 90001.
        const parts = Array.from({ length: 3000 }, (_, k) => element(k));
        const text = `[${parts.slice(0, 2000).join(',')}${parts.slice(2000).join(',')}]`;
        expect(element(0)).toHaveLength(44);
        const error = await rejection(scan(file('calls.json', text), fields));
        expect(error.message.replace(/^.*calls\.json/, 'calls.json')).toBe('calls.json:1:90001: expected "," or "]" after element 1999');
        expect([error.line, error.column]).toEqual([1, 90001]);
    });

    it('a trailing comma is located at the "]" it leaves alone', async () => {
        // 3000 elements: 1 + 3000·45 − 1 = 135000 bytes, then "," (135001) and "]" (135002).
        const text = `[${Array.from({ length: 3000 }, (_, k) => element(k)).join(',')},]\n`;
        const error = await rejection(scan(file('trailing.json', text), fields));
        expect(error.message.replace(/^.*trailing\.json/, 'trailing.json')).toBe('trailing.json:1:135002: a "," before "]" leaves element 3000 empty: remove that ","');
    });

    it('a pretty-printed array is located at the line and column of the element after the missing comma', async () => {
        const text = `[\n  ${element(0)},\n  ${element(1)}\n  ${element(2)}\n]\n`;
        const error = await rejection(scan(file('pretty.json', text), fields));
        // element 2 is indented by two blanks on line 4: column 3
        expect(error.message.replace(/^.*pretty\.json/, 'pretty.json')).toBe('pretty.json:4:3: expected "," or "]" after element 1');
    });

    it('an element that is not JSON is located at its offending character, over its lines', async () => {
        // Element 1 starts on line 3 at column 3; its line 4 is `    "status" 503}`: the "5" where ":" belongs is column 14.
        const text = `[\n  ${element(0)},\n  {"time": "2026-03-02T10:00:00Z",\n    "status" 503}\n]\n`;
        const error = await rejection(scan(file('element.json', text), fields));
        expect(error.message.replace(/^.*element\.json/, 'element.json')).toBe('element.json:4:14: element 1: invalid JSON: expected ":" after the key');
        expect([error.line, error.column]).toEqual([4, 14]);
    });
});

describe('an NDJSON record that is not JSON', () => {
    it('is located at the column of its line where it goes wrong, saying what was expected', async () => {
        // Line 2: `{"time":"2026-03-02T10:00:00Z","status":200,}` — the "}" after the comma is byte 45.
        const text = `${element(0)}\n${element(1).slice(0, -1)},}\n`;
        const error = await rejection(scan(file('calls.ndjson', text), fields));
        expect(error.message.replace(/^.*calls\.ndjson/, 'calls.ndjson')).toBe('calls.ndjson:2:45: invalid JSON: expected a key in double quotes after ",", found "}": remove that ","');
        expect([error.line, error.column]).toEqual([2, 45]);
    });

    it('counts columns in bytes and from the line start, blanks before the record included', async () => {
        // `  {"note": "Grüße", x}`: 2 blanks, then `{"note": "Grüße", ` is 18 characters and 20 bytes (ü and ß are two
        // each): the x is byte 21 of the record, column 2 + 21 = 23 of the line.
        const error = await rejection(scan(file('umlaut.ndjson', '  {"note": "Grüße", x}\n'), [field('note', 'text')]));
        expect(error.message.replace(/^.*umlaut\.ndjson/, 'umlaut.ndjson')).toBe('umlaut.ndjson:1:23: invalid JSON: expected a key in double quotes');
    });
});

describe('jsonSyntaxProblem', () => {
    it('names the place and what was expected, never the text', () => {
        expect(jsonSyntaxProblem('{"a": 1}')).toBeUndefined();
        expect(jsonSyntaxProblem(' [1, {"b": [true, null, -0.5e+3]}] ')).toBeUndefined();
        expect(jsonSyntaxProblem("{'a': 1}")).toEqual({ offset: 1, problem: 'expected a key in double quotes or "}"' });
        expect(jsonSyntaxProblem('{"a" 1}')).toEqual({ offset: 5, problem: 'expected ":" after the key' });
        expect(jsonSyntaxProblem('{"a": secret}')).toEqual({ offset: 6, problem: 'expected a value (a string in double quotes, a number, an object, an array, true, false or null)' });
        expect(jsonSyntaxProblem('{"a": 1 "b": 2}')).toEqual({ offset: 8, problem: 'expected "," or "}" after a value in an object' });
        expect(jsonSyntaxProblem('[1, 2,]')).toEqual({ offset: 6, problem: 'expected a value (a string in double quotes, a number, an object, an array, true, false or null) after ",", found "]": remove that ","' });
        expect(jsonSyntaxProblem('{"a": 1}{"b": 2}')).toEqual({ offset: 8, problem: 'expected the end of the record after its value' });
        expect(jsonSyntaxProblem('{"a": "x')).toEqual({ offset: 8, problem: 'a string is not closed (its closing " is missing), found the end of the record' });
        expect(jsonSyntaxProblem('{"a": "x\ty"}')).toEqual({ offset: 8, problem: 'a control character (a line break, a tab) inside a string: write it escaped (\\n, \\t)' });
        expect(jsonSyntaxProblem('{"a": "\\x"}')).toEqual({ offset: 7, problem: 'invalid escape in a string: a backslash is written \\\\' });
        expect(jsonSyntaxProblem('{"a": 007}')).toEqual({ offset: 6, problem: 'a number does not start with 0 followed by digits (as 007): write it in double quotes if it is an identifier' });
        expect(jsonSyntaxProblem('{"a": 1.}')).toEqual({ offset: 8, problem: 'expected a digit in the number' });
        expect(jsonSyntaxProblem('{"a": [1, 2}')).toEqual({ offset: 11, problem: 'expected "," or "]" after a value in an array' });
        expect(jsonSyntaxProblem('{"a": 1,')).toEqual({ offset: 8, problem: 'expected a key in double quotes, found the end of the record' });
    });
});
