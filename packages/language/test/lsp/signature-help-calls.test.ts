import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

/** Signature help with the cursor at `<|>` in `formula`, put in place of the ErrorRate KPI's formula. */
async function signatureAt(formula: string) {
    const text = AGREEMENT.replace('count(requests where status >= 500) / count(requests)', formula);
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    const help = await services.lsp.SignatureHelp!.provideSignatureHelp(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    return help && { label: help.signatures[0]!.label, parameter: help.signatures[0]!.parameters![help.activeParameter!]!.label };
}

describe('signature help of slices(…)', () => {
    const SLICES = 'slices(every length by field: aggregation, at least N consecutive, empty as rule)';

    test('the slice length and aggregation first', async () => {
        expect(await signatureAt('slices(every 1 minute: <|>')).toEqual({ label: SLICES, parameter: 'every length by field: aggregation' });
    });

    test('after a comma: the optional run, or `empty as` once it is typed', async () => {
        // One comma, nothing typed yet: the next part in order is `at least N consecutive`.
        expect((await signatureAt('slices(every 1 minute: count where share(requests where status >= 500 of requests) > 5%, <|>'))?.parameter).toBe('at least N consecutive');
        // `empty` after the first comma: the run was left out, the part is `empty as`.
        expect((await signatureAt('slices(every 5 minutes: avg of share(requests where status >= 500 of requests), empty <|>'))?.parameter).toBe('empty as rule');
        // Two commas (run, then the rule): the third part.
        expect((await signatureAt('slices(every 1 minute: count where share(requests where status >= 500 of requests) > 5%, at least 5 consecutive, <|>'))?.parameter).toBe('empty as rule');
        expect((await signatureAt('slices(every 1 minute: count where share(requests where status >= 500 of requests) > 5%, at <|>'))?.parameter).toBe('at least N consecutive');
    });

    test('inside the slice value: the innermost call, share(…)', async () => {
        expect((await signatureAt('slices(every 5 minutes: avg of share(<|>'))?.label).toBe('share(dataset where part of dataset where whole)');
    });
});

describe('signature help of excluding pauses(…)', () => {
    const PAUSES = 'excluding pauses(pauses by key = id, from start to end)';

    test('the pause dataset and its key, then the pause fields', async () => {
        expect(await signatureAt('elapsed(tickets.opened, tickets.responded) excluding pauses(<|>'))
            .toEqual({ label: PAUSES, parameter: 'pauses by key = id' });
        expect(await signatureAt('elapsed(tickets.opened, tickets.responded) during SupportHours excluding pauses(ticketPauses by ticket = id, <|>'))
            .toEqual({ label: PAUSES, parameter: 'from start to end' });
    });

    test('inside elapsed(…) before the pauses: still elapsed', async () => {
        expect((await signatureAt('elapsed(tickets.opened, <|>'))?.label).toBe('elapsed(start, end) during Calendar | wall-clock');
    });
});

describe('signature help of uptime(…)', () => {
    test('after `from start to end,`: the options, not the interval again', async () => {
        // Third argument (two commas before the cursor): index 2, the options.
        expect((await signatureAt('uptime(incidents where severity = "outage", from started to resolved, <|>'))?.parameter).toBe('options');
        expect((await signatureAt('uptime(incidents, from started to resolved, whole minutes, <|>'))?.parameter).toBe('options');
    });

    test('the outage rows, then the interval: unchanged', async () => {
        expect((await signatureAt('uptime(<|>'))?.parameter).toBe('dataset where outage');
        expect((await signatureAt('uptime(incidents where severity = "outage", from <|>'))?.parameter).toBe('from start to end');
    });
});

describe('signature help: comments are not code', () => {
    test('a `(` or `,` in a // comment inside the call does not end or count', async () => {
        // Without skipping the comment, its `(` is read as the open call `only(`: no help at all.
        expect(await signatureAt('uptime(incidents where severity = "outage", // outages only (see note, x\n            from started to resolved, <|>'))
            .toEqual({ label: 'uptime(dataset where outage, from start to end, options) during Calendar excluding Maintenance', parameter: 'options' });
    });

    test('a block comment with a `(` or `)` inside the call', async () => {
        expect((await signatureAt('percentile(95, /* p95 (agreed), see ( */ <|>'))?.parameter).toBe('dataset.field where condition');
        expect((await signatureAt('percentile(/* ) */ <|>'))?.parameter).toBe('p');
    });

    test('typing in a comment after a closed call: no help', async () => {
        expect(await signatureAt('count(requests) / count(requests) // like count(<|>')).toBeUndefined();
    });

    test('strings are still skipped', async () => {
        expect((await signatureAt('uptime(incidents where severity = "(, //", from started to resolved, <|>'))?.parameter).toBe('options');
    });
});
