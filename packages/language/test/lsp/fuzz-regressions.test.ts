/** Inputs `npm run fuzz` found (minimised), each of which threw or took seconds before its fix. */
import { afterEach, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

test.each([
    ['a maintenance slot without its day', 'agreement A { maintenance P { every'],
    ['a credit tier without its amount', 'agreement{fee EUR """\ncredit f below:of'],
    ['a one-off maintenance slot without its end time', 'agreement A { maintenance P "p" { on 2026-06-13 22:00 to'],
    ['a one-off maintenance slot without its start time', 'agreement A { maintenance P "p" { on 2026-06-13 to 02:00 }'],
])('explain: %s', async (_name, text) => {
    const document = await parse(text);
    expect(() => explainDocument(document.parseResult.value, services.types.TypeComputer)).not.toThrow();
});

test('completion inside 300 nested calls answers at once, without keyword items', async () => {
    const text = `agreement A {\n    timezone "UTC"\n    kpi K = ${'count('.repeat(300)}`;
    const document = await parse(text);
    const started = performance.now();
    await services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.length)
    });
    expect(performance.now() - started).toBeLessThan(1_000);
});
