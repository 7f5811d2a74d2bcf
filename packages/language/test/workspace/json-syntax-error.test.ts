// `.slarc.json` that is not valid JSON: the message names the line and column, and what is wrong there.
import { describe, expect, test } from 'vitest';
import { jsonSyntaxError } from '../../src/workspace/json-syntax-error.js';
import { parseProjectConfig } from '../../src/workspace/project-config.js';

describe('jsonSyntaxError', () => {
    test('valid JSON has none', () => {
        for (const text of ['{}', '{ "vagueTerms": ["swiftly", "forthwith"] }\n', '[1, -2.5e3, true, false, null, "a\\u00e9\\n"]', ' 0 ']) expect(jsonSyntaxError(text), text).toBeUndefined();
    });

    test('a text cut short: after its last character (JSON.parse says "Unexpected end of JSON input", with no place)', () => {
        // `{ "vagueTerms": ["swiftly",` is 27 characters: column 28 is just after it (not the blank and the newline after it).
        expect(jsonSyntaxError('{ "vagueTerms": ["swiftly", \n')).toEqual({ line: 1, column: 28, problem: 'the text ends where a value is expected: a bracket, brace or quote is not closed' });
        expect(jsonSyntaxError('{\n  "vagueTerms": ["swiftly"]\n')).toEqual({ line: 2, column: 28, problem: 'the text ends inside an object: a "}" is missing' });
        expect(jsonSyntaxError('{ "vagueTerms": ["swif')).toMatchObject({ line: 1, column: 18, problem: 'the text ends inside a string: a closing quote is missing' });
    });

    test('the usual slips: a trailing comma, a comment, single quotes, a missing comma, a Windows path', () => {
        expect(jsonSyntaxError('{\n  "vagueTerms": ["swiftly"],\n}')).toEqual({ line: 3, column: 1, problem: 'a comma before "}": JSON allows no trailing comma' });
        expect(jsonSyntaxError('["a",]')).toMatchObject({ column: 6, problem: 'a comma before "]": JSON allows no trailing comma' });
        // A "]" where a value is expected, but after a colon: no trailing comma there.
        expect(jsonSyntaxError('{ "a": ] }')).toMatchObject({ column: 8, problem: 'a value is expected here, not "]"' });
        expect(jsonSyntaxError('{\n  // terms\n}')).toMatchObject({ line: 2, column: 3, problem: 'a comment: JSON has no comments' });
        expect(jsonSyntaxError('{ "a": // x\n 1 }')).toMatchObject({ line: 1, column: 8, problem: 'a comment: JSON has no comments' });
        expect(jsonSyntaxError('{ "a": 1 /* x */ }')).toMatchObject({ column: 10, problem: 'a comment: JSON has no comments' });
        expect(jsonSyntaxError("{ 'vagueTerms': [] }")).toMatchObject({ column: 3, problem: 'a string in single quotes: JSON strings take double quotes' });
        expect(jsonSyntaxError('{ "vagueTerms": [\'swiftly\'] }')).toMatchObject({ column: 18, problem: 'a string in single quotes: JSON strings take double quotes' });
        expect(jsonSyntaxError('{ vagueTerms: [] }')).toMatchObject({ column: 3, problem: '"vagueTerms" is not JSON: names and strings take double quotes, and the only words are true, false and null' });
        expect(jsonSyntaxError('{ "vagueTerms": ["a" "b"] }')).toMatchObject({ column: 22, problem: '"," or "]" is expected here, not a quote (a comma is probably missing)' });
        expect(jsonSyntaxError('{ "vagueTerms": []\n  "allowDataOutside": [] }')).toMatchObject({ line: 2, column: 3, problem: '"," or "}" is expected here, not a quote (a comma is probably missing)' });
        expect(jsonSyntaxError('{ "vagueTerms": ["a" }')).toMatchObject({ column: 22, problem: '"," or "]" is expected here, not "}"' });
        expect(jsonSyntaxError('{ "vagueTerms" [] }')).toMatchObject({ column: 16, problem: '":" is expected after the property name' });
        // The parser names the string that holds the escape (at its opening quote), not the backslash in it.
        expect(jsonSyntaxError('{ "allowDataOutside": ["C:\\exports"] }')).toMatchObject({ column: 24, problem: 'the string that starts here holds an invalid escape (write "\\\\" for a backslash, as in a Windows path)' });
        expect(jsonSyntaxError('{ "a": "x\ny" }')).toMatchObject({ line: 1, column: 8, problem: 'the string that starts here ends at a line break: its closing quote is probably missing' });
        expect(jsonSyntaxError('{ "a": 1. }')).toMatchObject({ column: 8, problem: 'a number is malformed here' });
    });

    test('a byte order mark, text after the value, an empty file', () => {
        expect(jsonSyntaxError('\uFEFF{}')).toEqual({ line: 1, column: 1, problem: 'a byte order mark (BOM) starts the file: save it as UTF-8 without BOM' });
        expect(jsonSyntaxError('{} x')).toEqual({ line: 1, column: 4, problem: 'text after the end of the JSON value' });
        expect(jsonSyntaxError('{ "vagueTerms": [] }\n{ "allowDataOutside": [] }')).toEqual({ line: 2, column: 1, problem: 'text after the end of the JSON value' });
        expect(jsonSyntaxError('')).toEqual({ line: 1, column: 1, problem: 'the file is empty' });
        expect(jsonSyntaxError(' \n\n')).toEqual({ line: 1, column: 1, problem: 'the file is empty' });
    });

    test('columns count characters: a non-ASCII name before the fault, Windows line ends', () => {
        // `{ "délai": [1,` is 14 characters (15 bytes in UTF-8): the "]" is at column 15.
        expect(jsonSyntaxError('{ "délai": [1,] }')).toEqual({ line: 1, column: 15, problem: 'a comma before "]": JSON allows no trailing comma' });
        expect(jsonSyntaxError('{\r\n  "vagueTerms": ["swiftly",]\r\n}')).toEqual({ line: 2, column: 28, problem: 'a comma before "]": JSON allows no trailing comma' });
    });

    test('parseProjectConfig names the file, the line and the column, and what to do', () => {
        expect(() => parseProjectConfig('{ "vagueTerms": ["swiftly", ', '/p/.slarc.json')).toThrow(
            '/p/.slarc.json is not valid JSON at line 1, column 28: the text ends where a value is expected: a bracket, brace or quote is not closed. '
            + 'Correct it there: the file holds one JSON object, e.g. { "vagueTerms": ["swiftly", "forthwith"] }.'
        );
    });
});
