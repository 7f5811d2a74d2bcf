import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const completion = expectCompletion(services);

afterEach(() => clearDocuments(services));

/** Labels offered at `<|>` in the fixture with `replace` spliced in place of `anchor`. */
async function labelsAt(anchor: string, replacement: string): Promise<string[]> {
    if (!AGREEMENT.includes(anchor)) throw new Error(`anchor '${anchor}' not in fixture`);
    let labels: string[] = [];
    await completion({
        text: AGREEMENT.replace(anchor, replacement),
        index: 0,
        assert: (list: CompletionList) => { labels = list.items.map((item: CompletionItem) => item.label); }
    });
    return labels;
}

const OBJECTIVE_LINE = '        objective ErrorRate < 0.5% per rolling 7 days\n';

describe('completion', () => {
    test('at the start of a service member: the keywords that may start one', async () => {
        // 'for' (each), 'with' (at least N rows) and 'from' (in force from a day) continue the objective of the line above.
        // A service may also hold a procedural clause, an exclusion, a termination right, the plan it is under (issue 18)
        // and a cap on all its credits together (a tower's at-risk amount).
        expect(await labelsAt(OBJECTIVE_LINE, '        <|>\n')).toEqual(['for', 'with', 'from', 'kpi', 'objective', 'credit', 'internal', 'procedural', 'clause', 'exclusion', 'termination', 'plan', 'credits']);
    });

    test('after objective: the KPIs in scope, bare and qualified (and `each`, which starts a promise on every item)', async () => {
        expect(await labelsAt(OBJECTIVE_LINE, '        objective <|>\n')).toEqual(['each', 'Availability', 'ErrorRate', 'P1Response', 'WebShop.Availability', 'WebShop.ErrorRate', 'WebShop.P1Response']);
    });

    test('after per: only calendar, rolling and fiscal (never weekdays or the ambiguous adverbs)', async () => {
        expect(await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per <|>\n')).toEqual(['calendar', 'rolling', 'fiscal']);
    });

    test('after per calendar: the calendar units', async () => {
        expect(await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per calendar <|>\n')).toEqual(['day', 'week', 'month', 'quarter', 'year']);
    });

    test('after a tier\'s share: of what (the fee, days of service, the at-risk amount)', async () => {
        const labels = await labelsAt('            below 99.0% : 25% of fee\n', '            below 99.0% : 25% of <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['fee', 'service', 'at-risk']));
        expect(await labelsAt('            below 99.0% : 25% of fee\n', '            below 99.0% : 25% of at-risk <|>\n')).toEqual(['amount']);
    });

    test('after a number where any unit may stand (a credit\'s amount: `25 %`, `500 EUR`, `3 days of service`): units (durations, %, currencies with the fee currency)', async () => {
        // After a KPI's target only the KPI's units are offered (unit-completion.test.ts).
        const labels = await labelsAt('            below 99.0% : 25% of fee\n', '            below 99.0% : 25 <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['ms', 'seconds', 'minutes', 'hours', 'days', '%', 'EUR', 'USD']));
        expect(labels).not.toContain('monday');
    });

    test("after a duration field's type: its units, also once a letter is typed (the word is then the unit: parser/field-unit-tokens.ts)", async () => {
        const anchor = 'latency   duration ms column';
        expect(await labelsAt(anchor, 'latency   duration <|> column')).toEqual(expect.arrayContaining(['ms', 'seconds', 'minutes']));
        expect(await labelsAt(anchor, 'latency   duration m<|> column')).toEqual(expect.arrayContaining(['ms', 'minutes']));
    });

    test('after ds.: the fields of that dataset', async () => {
        expect(await labelsAt('count(requests)', 'count(requests.<|>)')).toEqual(['requests.time', 'requests.service', 'requests.latency', 'requests.status']);
    });

    test('inside where: the fields of the aggregated dataset by bare name come before KPIs and datasets', async () => {
        const labels = await labelsAt('count(requests where status >= 500)', 'count(requests where <|>)');
        const fields = ['time', 'service', 'latency', 'status'];
        expect(labels).toEqual(expect.arrayContaining(fields));
        expect(labels.indexOf('status')).toBeLessThan(labels.indexOf('Availability'));
        expect(labels).not.toContain('severity'); // a field of incidents, not of requests
    });

    test('after excluding: maintenance windows', async () => {
        expect(await labelsAt('excluding Patching', 'excluding <|>')).toEqual(['Patching']);
    });

    test('after = on an enum field: its values', async () => {
        expect(await labelsAt('severity = "outage"', 'severity = <|>')).toEqual(['"outage"', '"minor"']);
    });

    test('after during: calendars', async () => {
        expect(await labelsAt('during SupportHours', 'during <|>')).toEqual(['SupportHours']);
    });

    test('inside in ( … ): the values of the enum field', async () => {
        expect(await labelsAt('priority = "P1"', 'priority in ("P1", <|>')).toEqual(['"P1"', '"P2"', '"P3"']);
    });

    test('inside timezone "…": IANA zone names', async () => {
        expect(await labelsAt('timezone "Europe/Berlin"', 'timezone "Europe/Be<|>')).toEqual(['Europe/Belgrade', 'Europe/Berlin']);
    });

    test('after one row per: the dataset\'s own fields, each once more after a comma', async () => {
        // Last in the block, every field is offered (the optional one last: as a key it is an error with a fix).
        expect(await labelsAt('        resolved  timestamp optional\n', '        resolved  timestamp optional\n        one row per <|>\n')).toEqual(['severity', 'started', 'resolved']);
        expect(await labelsAt('        severity  one of', '        one row per s<|>\n        severity  one of')).toEqual(['severity', 'started']);
        expect(await labelsAt('        severity  one of', '        one row per started, r<|>\n        severity  one of')).toEqual(['resolved']);
        // The keywords that open the line: `one` (row per …) among a dataset's members, then `row`, then `per`.
        expect(await labelsAt('        severity  one of', '        <|>\n        severity  one of')).toContain('one');
        expect(await labelsAt('        severity  one of', '        one row <|>\n        severity  one of')).toEqual(['per']);
        // After a comma, `latest` (by) beside the fields not named yet; after `latest by`, the required timestamps and numbers.
        expect(await labelsAt('        resolved  timestamp optional\n', '        resolved  timestamp optional\n        one row per severity, <|>\n')).toEqual(['latest', 'started', 'resolved']);
        expect(await labelsAt('        resolved  timestamp optional\n', '        resolved  timestamp optional\n        one row per severity, latest by s<|>\n')).toEqual(['started']);
    });

    test('after one row per with the field lines still below: the fields, not the next line\'s words', async () => {
        // The grammar does not see line ends: the document's parse takes the next line's name as the key and
        // loses the fields (nothing was offered; with a timestamp field next, its type `timestamp`).
        const before = '        severity  one of';
        expect(await labelsAt(before, `        one row per <|>\n${before}`)).toEqual(['severity', 'started', 'resolved']);
        expect(await labelsAt(before, `        one row per severity, <|>\n${before}`)).toEqual(['latest', 'started', 'resolved']);
        // `latest by`: a required timestamp or number (not `severity`, a text; not `resolved`, optional), once.
        expect(await labelsAt(before, `        one row per severity, latest by <|>\n${before}`)).toEqual(['started']);
        expect(await labelsAt(before, `        one row per severity, latest by started, <|>\n${before}`)).toEqual(['resolved']);
        const tickets = '        opened    timestamp\n';
        expect(await labelsAt(tickets, `        one row per <|>\n${tickets}`)).toEqual(['opened', 'priority', 'responded']);
    });

    test('inside separator "…", decimal "…", encoding "…" and a timestamp\'s format "…": the values exports are written with', async () => {
        expect(await labelsAt('    dataset requests', '    dataset requests "R" from "r.csv" {\n        separator "<|>"\n    }\n    dataset unused')).toEqual(['";"', '"\\t"', '"|"', '","']);
        expect(await labelsAt('    dataset requests', '    dataset requests "R" from "r.csv" {\n        decimal <|>\n    }\n    dataset unused')).toEqual(['","', '"."']);
        expect(await labelsAt('    dataset requests', '    dataset requests "R" from "r.csv" {\n        encoding "<|>"\n    }\n    dataset unused')).toEqual(['"windows-1252"', '"utf-16"', '"utf-8"']);
        const layouts = await labelsAt('    dataset requests', '    dataset requests "R" from "r.csv" {\n        opened timestamp format "<|>\n    }\n    dataset unused');
        expect(layouts.slice(0, 2)).toEqual(['"DD.MM.YYYY HH:mm"', '"DD.MM.YYYY HH:mm:ss"']);
        expect(layouts).toContain('"DD/MMM/YY h:mm A"');
        // Elsewhere on such a line (after the closing quote), the usual completion.
        expect(await labelsAt('    dataset requests', '    dataset requests "R" from "r.csv" {\n        separator ";" <|>\n    }\n    dataset unused')).not.toContain('";"');
    });

    test('after `objective each tickets:`: the KPIs, not a crash (the reference belongs to the objective, not to its item selection)', async () => {
        // Langium's completion used to hand the ItemSelection as the owner of the KPI reference;
        // scoping threw "Property kpi of type ItemSelection is not a reference" (found by the fuzzer).
        const labels = await labelsAt(OBJECTIVE_LINE, '        objective each requests: <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['Availability', 'ErrorRate']));
    });

    test('inside a maintenance\'s periods(…): the fields of the dataset it lists, then `announced` after the end', async () => {
        const slot = '        every sunday 02:00 to 04:00\n';
        const fields = await labelsAt(slot, '        periods(incidents where severity = "minor", from <|>\n');
        expect(fields).toEqual(expect.arrayContaining(['started', 'resolved', 'severity']));
        expect(fields).not.toContain('latency'); // a field of another dataset
        expect(await labelsAt(slot, '        periods(incidents, from started to resolved, <|>\n')).toEqual(['announced']);
    });
});

describe('completion of Expected and Minimum Service Levels', () => {
    test('after the comma of an objective: a step\'s comparison, the minimum and the default rule', async () => {
        const labels = await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per calendar month, <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['minimum', 'default', 'improved']));
    });

    test('after the minimum or the default rule: the default rule and the improvement', async () => {
        expect(await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per calendar month, minimum 1%, <|>\n')).toEqual(expect.arrayContaining(['default', 'improved']));
        expect(await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per calendar month, default when breached in 2 consecutive windows, <|>\n')).toEqual(['improved']);
    });

    test('in a credit block: the default tier with the missed one', async () => {
        const labels = await labelsAt('            below 99.0% : 25% of fee\n', '            below 99.0% : 25% of fee\n            <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['missed', 'default', 'below']));
    });
});
