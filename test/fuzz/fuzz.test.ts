/**
 * A fixed-seed slice of `npm run fuzz` (test/fuzz/fuzz.mjs): the same documents every run,
 * mutated from the examples and the corpus, through parse, validation and every editor
 * feature; none may throw, log an error, crash a check or take over 2 s.
 */
import { expect, test } from 'vitest';
// @ts-expect-error: a plain ES module script, without type declarations
import { runFuzz } from './fuzz.mjs';

test('120 fuzzed documents (seed 20261202): no exception, hang or crashed check', async () => {
    const result = await runFuzz({ seed: 20261202, documents: 120, save: false, log: () => undefined });
    expect(result.documents).toBe(120);
    expect(result.failures.map((f: { kind: string; detail: string; mutations: string[] }) => `${f.kind} (${f.mutations.join(', ')}): ${f.detail.split('\n')[0]}`)).toEqual([]);
}, 120_000);
