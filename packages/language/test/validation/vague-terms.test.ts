import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { vagueTermsOf } from '../../src/validation/sla-validation-module.js';
import { DEFAULT_VAGUE_TERMS, VagueTerms } from '../../src/validation/vague-terms.js';

describe('the vague-term list', () => {
    test('ships the terms DIAGNOSTICS.md names', () => {
        for (const term of ['promptly', 'timely', 'reasonable', 'best effort', 'as soon as possible', 'high availability', 'minimal',
            'adequate', 'regularly', 'industry standard', 'fast', 'quickly', 'appropriate', 'significant']) {
            expect(DEFAULT_VAGUE_TERMS).toContain(term);
        }
    });

    test('matches whole words and phrases, any case, any spacing; not inside other words', () => {
        const terms = new VagueTerms();
        expect(terms.find('We respond PROMPTLY, with best\n  effort.').map(m => m.term)).toEqual(['PROMPTLY', 'best\n  effort']);
        expect(terms.find('Breakfast is steadfast and fastidious.')).toEqual([]);
        // Offsets point at the words, for the diagnostic's range.
        expect(terms.find('Answers come quickly.')).toEqual([{ term: 'quickly', offset: 13, length: 7 }]);
    });

    test('extends with user terms; editor terms can be replaced', () => {
        const terms = new VagueTerms();
        expect(terms.find('Restored forthwith')).toEqual([]);
        terms.extend(['Forthwith ']);
        expect(terms.find('Restored forthwith').map(m => m.term)).toEqual(['forthwith']);
        terms.setUserTerms(['swiftly']);
        expect(terms.find('swiftly and forthwith').map(m => m.term)).toEqual(['swiftly', 'forthwith']);
        terms.setUserTerms([]);
        expect(terms.find('swiftly and forthwith').map(m => m.term)).toEqual(['forthwith']);
    });
});

describe('the editor setting sla.vagueTerms', () => {
    test('a configuration change extends the list and re-validates open documents', async () => {
        const { shared, Sla } = createSlaServices(EmptyFileSystem);
        const text = 'agreement A "Restored forthwith" {\n    provider P "P"\n    customer C "C"\n}\n';
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///setting.sla'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        expect(document.diagnostics?.map(d => d.code)).toEqual([]);

        shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { sla: { vagueTerms: ['forthwith'] } } });
        expect(vagueTermsOf(Sla).terms).toContain('forthwith');
        // The re-validation runs under the workspace lock, as in the language server.
        await vi.waitFor(() => expect(document.diagnostics?.map(d => d.code)).toEqual(['sla/vague-term']), { timeout: 5_000 });
    });
});
