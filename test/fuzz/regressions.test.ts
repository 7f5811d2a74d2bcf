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

/** Name, text, and the seed of the positions the fuzzer's check used (1 when any finds it). */
const FOUND: Array<[string, string, number?]> = [
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
    // seed 104, document 696: completion asked the scope of `kpi` of a Service (no reference there) and threw
    ['completion at a reference the parser had not made yet', "an average of durations hides the tail.\nagreement Mean \"Hosting\" {\n    provider P \"Provider GmbH\"\n    customer C \"Customer AG\"\n    timezone \"Europe/Berlin\"\n\n    dataset requests \"Access log\" from \"data/requests.csv\" {\n        time timestamp\n        latency duration ms column \"latency_ms\"\n        status integer\n    }\n\n    service W/*eb \"Web shop\" {\n        kpi MeanLatency \"Average latency\" = avg(requests.latency)\n        kpi MeanStatus \"Average status code\" MeanStatus \"Average status code\" = avg(requests.status)\n        kpi Latency \"95th percentile latency\" = percentile(95, requests.latency)\n        obsla/maintenance-rule \"\'starting\' gives the first datesla/mean-latency:info \"hides the tail\"\n        objective anStatus <= 300 per calendar month\n        objective Latency <= 300 ms per calendar month\n    }\n}", 74858351],
    // seed 120, document 551: `across` without its field crashed the explanation
    ['an uptime option `across` without its field', 'kpi ""uptime(,d s,across'],
    // seeds 114, 115: more credit formulas ending in an operator
    ['a credit formula ending in `*`', 'agreement F dataset """\ncredit l//\nbelow %w/ *D'],
    ['a credit formula ending in `-`', 'agreement F dataset n credit f\nabove 0:1*s-//\n}'],
    // seeds 124, 129, 133: `weighted by` without its field crashed the check's "did you mean"
    ['an uptime option `weighted by` without its field, with a dataset', 'dataset outages kpi ""uptime(outages,o n,weighted by'],
    // seed 130, document 512: a dataset without a name among the candidates of `across … of`
    ['`across … of` among datasets without a name', 'agreement R customer C dataset""\nkpi N""=uptime(s,from t to e,across e of //\nB'],
    // seeds 201, 202 (documents 293, 351): in a template, `during` a calendar parameter crashed the
    // check that the agreement has a time zone (the reference names a Parameter, not a Calendar)
    ['a calendar parameter used by an elapsed', 'template g""parameter supportHours calendar kpi""percentile elapsed(c i during supportHours'],
    ['a calendar parameter used by an elapsed (after a line break)', 'template M""\nparameter supportHours calendar kpi e(elapsed(t t during supportHours'],
    // profiling seed 163: a client-scoped agreement read each KPI of a chain through all the
    // rest (n²): 1,000 KPIs 2.1 s of CPU, 2,000 KPIs 6.1 s (the fuzzer's chains stop at 500: 1 s)
    ['a chain of 2,000 KPIs in a client-scoped agreement', `agreement A "a" {\n  client scope client = "x"\n  dataset requests from "r.csv" {\n    time timestamp\n  }\n  service S "s" {\n${
        Array.from({ length: 2_000 }, (_, i) => `    kpi F${i} = ${i < 1_999 ? `F${i + 1} + 1` : 'count(requests)'}`).join('\n')}\n    objective F0 >= 1 per calendar month\n  }\n}\n`],
    // seed 210, document 1554: an argument naming no parameter of a template that has a parameter
    // without a name crashed the check's "did you mean"
    ['an unknown argument of a template with a parameter without a name', 'template Hosting\rparameter=v\ragreement""from Hosting{with g'],
    // seed 4021, document 759 (--more-mutations): 1,500 empty arguments after `with`, each a "no
    // viable alternative" error whose expected paths Chevrotain worked out afresh: 2.0–2.4 s of CPU
    ['1,500 empty arguments of a template', `template T "t" {\n    parameter resp duration default 30 minutes\n}\nagreement P "p" from T {\n    with resp${', '.repeat(1_500)}\n}\n`],
    // seed 5005, document 898: a validity to 8026 (a byte flip of 2026) with maintenance rules; the
    // explanation worked out the text of every occurrence of 6,001 years to list five: 17 s of CPU
    ['a validity of 6,001 years with maintenance rules', `agreement Rules "Hosting" {\n    provider P "P"\n    customer C "C"\n    valid from 2026-01-01 to 8026-12-31\n    timezone "Europe/Paris"\n    maintenance Clean "Rules" {\n        first sunday of each month 02:00 to 06:00\n        last saturday of each quarter 22:00 to 02:00\n        second tuesday of each month 20:00 to 22:00\n        every other thursday starting 2026-01-08 23:00 to 01:00\n        every sunday 03:00 to 04:00\n        notice 72 hours\n    }\n}\n`],
    // seed 12004, document 635: a dataset `table` without its name made the explanation throw
    ['a dataset from a table without its name', 'dataset s table'],
    // seed 15009, document 1905 (--more-mutations): an impossible start date of an `every other day`
    // rule, with its times run together, made the explanation's list of occurrences throw
    ['an every-other-day rule starting on day 00', 'maintenance-""every other day starting 2026-01-000:002:00'],
    // seed 41204, document 145624: a validity to 5026 in the Paris example: its holidays were computed for every
    // year, for the explanation's list (2.6 s) and for a `without` entry no year has (3 s of every validation)
    ['a validity of 3,001 years with a holiday set without a name it has not', `agreement Long "ERP" {\n    provider P "P"\n    customer C "C"\n    valid from 2026-01-01 to 5026-12-31\n    timezone "Europe/Paris"\n    calendar Desk "Desk" {\n        monday to friday 09:00 to 18:00\n        holidays "FR" without "Foo Day", 2100-05-08\n    }\n}\n`],
    // seed 9102, document 1500: the hover on `separator` of a dataset without a name threw
    ['a separator of a dataset without a name', 'dataset 5arehouse from table "t" of connection d {\n    separator ";"\n    decimal ","\n}\n'],
    ['a separator and a decimal mark without their text', 'dataset d from "d.csv" {\n    separator\n    decimal\n    t timestamp format\n}\n'],
    ['a zone name of 180,000 characters', `agreement Months "Service desk" {\n    timezone "Europe/Berlin${'count(requests) and '.repeat(9_000)}"\n}\n`],
    // seed 9201, document 20188 (--more-mutations): a formula chain inside an unclosed holiday region:
    // "did you mean" compared its 50,000 characters with every country code, letter by letter (2 s)
    ['a holiday region of 112,000 characters', `agreement Holidays "Desk" {\n    calendar Paris {\n        monday to friday 09:00 to 18:00\n        holidays "FRA${' + true'.repeat(16_000)}"\n    }\n}\n`],
    // seed 1208, document 5534: a template's maintenance parameter without a default, in `excluding`, links to the
    // parameter itself, and the explanation's error budget read it as a maintenance
    ['a maintenance parameter without a default, excluded in a template (fuzzed)', "template D parameter patching maintenance kpi Availability\"\nuptime(,o d excluding patching objective Availability>9%per calendar month"],
    ['a maintenance parameter without a default, excluded in a template', "dataset incidents \"I\" from \"i.csv\" {\n    started timestamp\n    resolved timestamp optional\n}\ntemplate D \"d\" {\n    parameter patching maintenance\n    timezone \"UTC\"\n    valid from 2026-01-01 to 2026-12-31\n    kpi Availability \"a\" = uptime(incidents, from started to resolved) excluding patching\n    objective Availability >= 99.9% per calendar month\n}\n"],
    // seed 1302, document 887: `deployed in` an unknown dataset beside a dataset without a name crashed the "did you mean"
    ['`deployed in` beside a dataset without a name', 'agreement z dataset outages\ndataset""\nkpi W""=uptime(outages where"",from d to e,weighted by d,deployed in//\no'],
    // the same for `across … of` (found reading the code beside it)
    ['`across … of` beside a dataset without a name', 'agreement z dataset outages\ndataset""\nkpi W""=uptime(outages, from d to e, across d of o)'],
    // seed 211, document 6829 (--more-mutations): two templates built from each other (sla/template-cycle): a KPI name
    // looked up the templates' KPIs from one to the other without end (a stack overflow logged while linking)
    ['two templates built from each other, a KPI named in one', 'template First""from Second\nkpi=t\ntemplate Second""from First'],
    ['two templates built from each other, an objective on a KPI of neither', 'template First "f" from Second {\n    objective Missing >= 99% per calendar month\n}\ntemplate Second "s" from First {\n}\nagreement Client "c" from First {\n    objective Other >= 99% per calendar month\n}'],
];

test.each(FOUND)('%s', async (_name, text, seed = 1) => {
    const check = () => harness.check(text, path.join(corpus, '~regression.sla'), random(seed));
    let failure = await check();
    // A hang must hang twice: the first check of a large document also pays V8's first compilation of the paths it takes
    // (the chain of 2,000 KPIs: 2.0–2.5 s of CPU cold, 1.0–1.7 s after, at this commit and the one before it), while the
    // quadratic reads these inputs once caused take 6 s and more every time.
    if (failure?.kind === 'hang') failure = await check();
    expect(failure).toBeUndefined();
}, 60_000);
