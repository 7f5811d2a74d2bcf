/** A large report's JSON in pieces (src/json-chunks.ts): joined, JSON.stringify(value, null, 2) byte for byte. */
import { describe, expect, test } from 'vitest';
import { prettyJsonChunks } from '../src/json-chunks.js';

const joined = (value: Record<string, unknown>, streamed: string): string => [...prettyJsonChunks(value, streamed)].join('');

describe('prettyJsonChunks', () => {
    test('joined, it is JSON.stringify with two spaces, whatever the values and where the streamed array stands', () => {
        const entry = (n: number) => ({ agreement: `A${n}`, report: { objectives: [{ windows: [{ value: n / 3, start: '2026-01-01' }], empty: [], none: {} }], note: 'line\nbreak "quoted" \u00e9\u{1F600}', missing: undefined, nothing: null } });
        const cases: Array<Record<string, unknown>> = [
            { kind: 'portfolio', version: 1, entries: [entry(1), entry(2), 7, 'text', null, [1, [2]]], totals: { credits: [{ currency: 'EUR', total: 100 }] } },
            { entries: [entry(1)], kind: 'portfolio' },
            { kind: 'portfolio', entries: [] },
            { kind: 'portfolio', entries: [undefined, () => 1, entry(3)], skipped: undefined, fn: () => 2 },
            { kind: 'portfolio', totals: { deep: { deeper: [{ a: [] }, {}] } } },
            {}
        ];
        for (const value of cases) expect(joined(value, 'entries')).toBe(JSON.stringify(value, null, 2));
    });

    test('the streamed array comes element by element, each element\'s text in a piece of its own', () => {
        const value = { kind: 'portfolio', entries: [{ a: 1 }, { b: 2 }, { c: 3 }] };
        const pieces = [...prettyJsonChunks(value, 'entries')];
        expect(pieces.filter((piece) => /"[abc]": \d/.test(piece))).toHaveLength(3);
        expect(pieces.every((piece) => piece.length < 40)).toBe(true);
    });
});
