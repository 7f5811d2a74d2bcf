import { describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import { hoverHarness } from './hover-harness.js';

/**
 * Hovers never print a name or number as 'undefined' or NaN: a template's fee names its parameter,
 * and on a half-written line (a name or number not typed yet: a syntax error) a hover built from
 * what the parser recovered is not shown until the line is complete.
 */
const { services, parse } = hoverHarness();

async function hoverAt(text: string, needle: string): Promise<string | undefined> {
    const document: LangiumDocument = await parse(text);
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`'${needle}' not in the text`);
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    return (hover?.contents as { value: string } | undefined)?.value;
}

const agreement = (lines: string) => `agreement A "A" {
    provider Acme "Acme Hosting GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
${lines}
}
`;

describe('hovers on names and numbers not typed yet', () => {
    test("a template's fee names its parameter, not 'NaN'", async () => {
        const text = `template T "T" {
    parameter monthlyFee money
    provider P "P"
    fee monthlyFee per calendar month
}
`;
        expect(await hoverAt(text, 'fee monthlyFee')).toBe('**Fee**: `monthlyFee` (the template\'s parameter: each client\'s value) per calendar month. Credits written as "% of fee" are a share of the fee of the credit\'s window.');
    });

    test('a fee that names nothing says so (the validator reports the name)', async () => {
        expect(await hoverAt(agreement('    fee EUR per calendar month'), 'fee EUR')).toBe('**Fee**: `EUR` (a name where a number is expected) per calendar month. Credits written as "% of fee" are a share of the fee of the credit\'s window.');
        expect(await hoverAt(agreement('    fee 4000 EUR per calendar month'), 'fee 4000')).toBe('**Fee**: 4,000.00 EUR per calendar month. Credits written as "% of fee" are a share of the fee of the credit\'s window.');
    });

    test("a provider without its name yet: no hover ('**undefined** (Acme Hosting GmbH)'); with it, the party", async () => {
        expect(await hoverAt(agreement('').replace('provider Acme "Acme', 'provider "Acme'), 'provider')).toBeUndefined();
        expect(await hoverAt(agreement(''), 'provider')).toContain('**Acme** (Acme Hosting GmbH): the provider of the agreement.');
    });

    test("an exclusion without its name yet: no hover ('**Exclusion undefined**'); with it, the exclusion", async () => {
        const exclusion = (name: string) => agreement(`    exclusion ${name} "Force majeure" declared`);
        expect(await hoverAt(exclusion(''), 'exclusion')).toBeUndefined();
        expect(await hoverAt(exclusion('ForceMajeure'), 'exclusion')).toContain('**Exclusion ForceMajeure**');
    });
});

describe('inlay hints on a client of a template being written', () => {
    test("a parameter without its name yet is no default in effect ('defaults: undefined = 3')", async () => {
        const text = (name: string) => `template T "T" {
    parameter ${name} count default 3
    parameter streak count default 4
    provider P "P"
}
agreement Client "Client" from T {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
}
`;
        const hints = async (name: string) => {
            const document = await parse(text(name));
            const range = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text(name).length) };
            return ((await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range })) ?? []).map(hint => hint.label);
        };
        expect(await hints('')).toEqual(['defaults: streak = 4']);
        expect(await hints('limit')).toEqual(['defaults: limit = 3, streak = 4']);
    });
});
