/**
 * A fixed-seed slice of `npm run fuzz` (test/fuzz/fuzz.mjs): the same documents every run,
 * mutated from the examples and the corpus, through parse, validation and every editor
 * feature; none may throw, log an error, crash a check or take over 2 s.
 */
import { expect, test } from 'vitest';
import * as path from 'node:path';
// @ts-expect-error: a plain ES module script, without type declarations
import { runFuzz } from './fuzz.mjs';

type Failure = { kind: string; detail: string; mutations: string[] };
const described = (failures: Failure[]) => failures.map(f => `${f.kind} (${f.mutations.join(', ')}): ${f.detail.split('\n')[0]}`);

test('120 fuzzed documents (seed 20261202): no exception, hang or crashed check', async () => {
    const result = await runFuzz({ seed: 20261202, documents: 120, save: false, log: () => undefined });
    expect(result.documents).toBe(120);
    expect(described(result.failures)).toEqual([]);
}, 120_000);

test('60 fuzzed documents with the later mutation kinds (seed 20261203): no exception, hang or crashed check', async () => {
    const result = await runFuzz({ seed: 20261203, documents: 60, save: false, log: () => undefined, moreMutations: true });
    expect(result.documents).toBe(60);
    // Each later kind is one draw in sixteen per mutation, 1 to 4 mutations a document: in 60
    // documents each of the four is drawn (the chance that one is not is below 1 in 1,000).
    expect(Object.keys(result.byMutation)).toEqual(expect.arrayContaining(['word swap', 'line swap', 'line copy', 'template']));
    expect(described(result.failures)).toEqual([]);
}, 120_000);

test('a run resumed from its counts after 10 documents goes on with the same documents as one run of 20', async () => {
    const quiet = { save: false, log: () => undefined, moreMutations: true };
    const whole = await runFuzz({ seed: 7, documents: 20, ...quiet });
    const first = await runFuzz({ seed: 7, documents: 10, ...quiet });
    const resumed = await runFuzz({ seed: 7, documents: 20, ...quiet, resume: first });
    expect(resumed.documents).toBe(20);
    // The mutations drawn for documents 10 to 19 are the same: the counts per kind add up alike.
    expect(resumed.byMutation).toEqual(whole.byMutation);
    expect(described(resumed.failures)).toEqual(described(whole.failures));
}, 120_000);

test('a checked document leaves nothing behind for the next: not among the documents, not in the index', async () => {
    // @ts-expect-error: a plain ES module script, without type declarations
    const { createHarness } = await import('./fuzz.mjs');
    const harness = createHarness();
    await harness.ready;
    const { LangiumDocuments, IndexManager } = harness.shared.workspace;
    const before = LangiumDocuments.all.count();
    // The examples are loaded (the workspace a document next to one of them sees).
    expect(before).toBeGreaterThan(10);
    const text = 'agreement LeakProbe "p" {\n    service Probed "s" {\n        kpi ProbeKpi "k" = 1\n    }\n}\n';
    const { random } = await import('../../packages/language/test/random.js');
    expect(await harness.check(text, path.resolve(__dirname, '~leak-probe.sla'), random(1))).toBeUndefined();
    expect(LangiumDocuments.all.count()).toBe(before);
    // Its exports would be in every later document's global scope, its references in every search for references.
    expect(IndexManager.allElements().filter((e: { name: string }) => /LeakProbe|Probed|ProbeKpi/.test(e.name)).count()).toBe(0);
}, 60_000);
