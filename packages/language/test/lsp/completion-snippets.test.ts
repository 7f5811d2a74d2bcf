// Block snippets as completion items with tab stops: for clients that support snippets and
// have no snippets of their own (Neovim, Emacs…); never for the VS Code extension, which
// contributes the same snippets itself (they would be listed twice).
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import { InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { SlaCompletionProvider } from '../../src/lsp/sla-completion-provider.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const provider = services.lsp.CompletionProvider as SlaCompletionProvider;
const completion = expectCompletion(services);
const withSnippets = { capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } };

afterEach(() => clearDocuments(services));

async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await completion({ text, index: 0, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}

const INSIDE_AGREEMENT = 'agreement A {\n    timezone "UTC"\n    <|>\n}\n';

describe('block snippets in completion', () => {
    test('a client with snippet support gets one snippet per block keyword that may stand here', async () => {
        provider.configureSnippets({ ...withSnippets, initializationOptions: {} });
        const snippets = (await itemsAt(INSIDE_AGREEMENT)).filter((item) => item.insertTextFormat === InsertTextFormat.Snippet);
        // Inside an agreement: every block but `agreement` itself (which only starts a file).
        expect(snippets.map((item) => item.filterText).sort()).toEqual(['calendar', 'credit', 'credits', 'dataset', 'internal', 'kpi', 'maintenance', 'objective', 'service', 'termination']);
        const service = snippets.find((item) => item.filterText === 'service')!;
        // Continuation lines take the indentation of the line the block starts on, plus one step.
        const newText = service.textEdit && 'newText' in service.textEdit ? service.textEdit.newText : '';
        expect(newText.split('\n')[0]).toBe('service ${1:Name} "${2:Title}" {');
        expect(newText.split('\n')[1]).toBe('        kpi ${3:Availability} "${4:Share of the month the service was up}" =');
        expect(newText.split('\n').at(-1)).toBe('    }');
    });

    test('at the top of a file: the agreement and the shared blocks, not service members', async () => {
        provider.configureSnippets({ ...withSnippets, initializationOptions: {} });
        const snippets = (await itemsAt('<|>')).filter((item) => item.insertTextFormat === InsertTextFormat.Snippet);
        expect(snippets.map((item) => item.filterText).sort()).toEqual(['agreement', 'calendar', 'dataset', 'kpi', 'maintenance']);
    });

    test('inside a service: its members, its own cap on all its credits among them, not the agreement\'s terms', async () => {
        provider.configureSnippets({ ...withSnippets, initializationOptions: {} });
        const items = await itemsAt('agreement A {\n    timezone "UTC"\n    service S {\n        <|>\n    }\n}\n');
        const snippets = items.filter((item) => item.insertTextFormat === InsertTextFormat.Snippet).map((item) => item.filterText);
        expect(snippets).toContain('credit');
        // A service's cap on all its credits (a tower's at-risk amount) is a service member.
        expect(snippets).toContain('credits');
        expect(items.some((item) => item.label === 'valid')).toBe(false);
    });

    test('none for a client without snippet support, nor for the VS Code extension (static snippets)', async () => {
        provider.configureSnippets({ capabilities: {}, initializationOptions: {} });
        expect((await itemsAt(INSIDE_AGREEMENT)).some((item) => item.insertTextFormat === InsertTextFormat.Snippet)).toBe(false);
        provider.configureSnippets({ ...withSnippets, initializationOptions: { staticSnippets: true } });
        const items = await itemsAt(INSIDE_AGREEMENT);
        expect(items.some((item) => item.insertTextFormat === InsertTextFormat.Snippet)).toBe(false);
        expect(items.map((item) => item.label)).toContain('service');
    });
});
