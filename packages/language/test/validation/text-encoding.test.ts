import { describe, expect, test } from 'vitest';
import { validate } from '../code-actions/fix-harness.js';

const agreement = (customer: string) => `agreement Encoded "Hosting" {
    provider P "Provider GmbH"
    customer C "${customer}"
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
}
`;

describe('text-encoding: a .sla file whose bytes were not UTF-8', () => {
    test('is an error at the first replacement character, counting the others', async () => {
        // What reading a Latin-1 file as UTF-8 gives: "Müller Straße" with ü and ß replaced.
        const { document, diagnostics } = await validate(agreement('M\uFFFDller Stra\uFFFDe'));
        const found = diagnostics.filter(d => d.code === 'sla/text-encoding');
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe(1);
        expect(found[0]!.range.start).toEqual({ line: 2, character: 17 }); // after '    customer C "M'
        expect(document.textDocument.getText(found[0]!.range)).toBe('\uFFFD');
        expect(found[0]!.message).toContain('(2 places in this file)');
        expect(found[0]!.message).toContain('Save the file as UTF-8');
    });

    test('says nothing of UTF-8 text, whatever its characters', async () => {
        const { diagnostics } = await validate(agreement('Müller Straße – Zürich 株式会社'));
        expect(diagnostics.filter(d => d.code === 'sla/text-encoding')).toEqual([]);
    });
});
