/**
 * The editor asks for completion by itself after `.` (`tickets.`: the fields) and after an
 * opening quote (`timezone "`: the zones), but such a character that opens nothing to complete
 * (a title's quote, a decimal point) gets an empty answer rather than a list of keywords.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { CompletionTriggerKind, type CompletionList } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const { shared, Sla: services } = createSlaServices(EmptyFileSystem);
const parse = parseHelper(services);
afterEach(() => clearDocuments(services));

/** Completion as the editor asks for it after typing `character` (the last one before `<|>`). */
async function triggeredBy(character: string, text: string): Promise<string[]> {
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    const list: CompletionList | undefined = await services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset),
        context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: character }
    });
    return list?.items.map(item => item.label) ?? [];
}

describe('completion trigger characters', () => {
    test('the server announces `.` and `"`', async () => {
        const result = await shared.lsp.LanguageServer.initialize({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
        expect(result.capabilities.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(['.', '"']));
    });

    test('after `tickets.` the fields, after `timezone "` the zones, after `severity = "` the values', async () => {
        expect(await triggeredBy('.', AGREEMENT.replace('elapsed(tickets.opened', 'elapsed(tickets.<|>'))).toEqual(['tickets.opened', 'tickets.responded', 'tickets.priority']);
        expect(await triggeredBy('"', AGREEMENT.replace('timezone "Europe/Berlin"', 'timezone "<|>'))).toContain('Europe/Berlin');
        expect(await triggeredBy('"', AGREEMENT.replace('severity = "outage"', 'severity = "<|>"'))).toEqual(['"outage"', '"minor"']);
    });

    test('a title\'s opening quote and a decimal point: nothing', async () => {
        expect(await triggeredBy('"', AGREEMENT.replace('provider Contoso "Contoso GmbH"', 'provider Contoso "<|>'))).toEqual([]);
        expect(await triggeredBy('.', AGREEMENT.replace('objective ErrorRate < 0.5%', 'objective ErrorRate < 0.<|>'))).toEqual([]);
    });
});
