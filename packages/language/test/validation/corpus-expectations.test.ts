import { describe, expect, test } from 'vitest';
import { readCorpusText } from './corpus-expectations.js';

describe('corpus expectation notation', () => {
    test('markers are removed and their range is given to the line\'s expectation', () => {
        const { text, expectations } = readCorpusText('a\nobjective X <= «2 EUR» per month   // expect: sla/unit-mismatch:error "EUR"\n');
        expect(text).toBe('a\nobjective X <= 2 EUR per month   // expect: sla/unit-mismatch:error "EUR"\n');
        expect(expectations).toEqual([{
            line: 2, code: 'sla/unit-mismatch', severity: 'error', message: 'EUR',
            range: { start: { line: 1, character: 15 }, end: { line: 1, character: 20 } }
        }]);
    });

    test('several ranges on a line are named by @N; commas inside a message do not split items', () => {
        const { expectations } = readCorpusText('«x» and «y»   // expect: a/b @2 "one, two", a/c @1\n');
        expect(expectations.map(e => [e.code, e.message, e.range?.start.character])).toEqual([['a/b', 'one, two', 6], ['a/c', undefined, 0]]);
    });

    test('expect-next-line applies to the next line and its markers', () => {
        const { expectations } = readCorpusText('// expect-next-line: a/b\nfoo «bar»\n');
        expect(expectations[0]).toMatchObject({ line: 2, range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } } });
    });

    test('an ambiguous or malformed expectation is refused, not ignored', () => {
        expect(() => readCorpusText('«x» «y»  // expect: a/b\n')).toThrow(/@N/);
        expect(() => readCorpusText('x  // expect: a/b "unclosed\n')).toThrow(/cannot read/);
        expect(() => readCorpusText('«x  // expect: a/b\n')).toThrow(/never closed/);
    });
});
