/**
 * Inputs `npm run fuzz` found failing (minimised), each put through the fuzzer's whole check
 * again: parse, validation, explain and every editor feature, in under 2 s of CPU, without an
 * exception, a logged error or "An error occurred during validation".
 */
import { expect, test } from 'vitest';
import * as path from 'node:path';
// @ts-expect-error: a plain ES module script, without type declarations
import { createHarness } from './fuzz.mjs';
import { random } from '../../packages/language/test/random.js';

const corpus = path.resolve(__dirname, '../../packages/language/test/validation/corpus');
const harness = createHarness();

const FOUND: Array<[string, string]> = [
    // seed 2, document 1722: `with at least 20` without a dataset crashed the minimum-sample check
    ['a minimum sample without its dataset (objective)', 'agreement s kpi OnTime "e" = u   objective OnTime > with at 20/'],
    // seed 2, document 2625: the same in an internal target
    ['a minimum sample without its dataset (internal target)', 'agreement S  provider GC kpi OnTime "Psk"le\n  internal target OnTime% per ys with at least 2'],
    // seed 1, document 232: a formula chain pasted into an unclosed zone name (181,015 characters):
    // "did you mean" compared it with every zone name letter by letter, 12 s of CPU
    // seed 9, document 737: a pause exclusion in `elapsed(` without its start crashed linking the row key
    ['a pause exclusion in an elapsed without its start', 'kpi x(elapsed(,r excluding pauses(y t d'],
    // seeds 101, 102, 109, 110: `uptime(…, at` without a length crashed the uptime options' check
    ['an uptime option `at least` without its length', 'kpi""uptime(,s z"",at'],
    // seed 105, document 19: `weighted` without its field crashed the explanation
    ['an uptime option `weighted by` without its field', 'kpi""uptime(,s (""),weighted'],
    // seeds 106, 109: a plan without a name crashed the check of a plan choice ("did you mean")
    ['a plan without a name', 'agreement u plans""\nplan from plan\ndataset s from""plan one""'],
    // seed 102, document 118: a credit formula ending in an operator crashed its check
    ['a credit formula ending in an operator', 'agreement e"\ndataset r credit f below:5*A/'],
    ['a zone name of 180,000 characters', `agreement Months "Service desk" {\n    timezone "Europe/Berlin${'count(requests) and '.repeat(9_000)}"\n}\n`]
];

test.each(FOUND)('%s', async (_name, text) => {
    expect(await harness.check(text, path.join(corpus, '~regression.sla'), random(1))).toBeUndefined();
}, 60_000);
