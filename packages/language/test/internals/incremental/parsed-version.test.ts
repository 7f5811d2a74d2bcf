/**
 * The version of the editor's text a tree was built from. Langium lets the event loop run
 * before each phase listener, so a `didChange` can arrive between the parse and the builder's
 * "Parsed" listener; the tree is then of the older text, and must not count as built from the
 * newer version: a request waiting for the newer text (a command right behind the edit, a
 * hover) would be answered from the older tree. Here the change is made inside that gap, by
 * making it right after the parse; a wait for the document's text of now must then last until
 * the next build, whose tree has the newer text.
 */
import { DocumentState, URI } from 'langium';
import { afterEach, expect, test, vi } from 'vitest';
import { openWithChangeLog } from './logged-editor.js';

const URI_TEXT = 'file:///work/parsed-version.sla';
const uri = URI.parse(URI_TEXT);
const TEXT = `agreement A "A" {
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset requests from "requests.csv" {
        time    timestamp
        status  integer
    }
    kpi ErrorRate = count(requests where status >= 500) / count(requests)
    objective ErrorRate <= 1% per calendar month
}
`;
const targetOf = (text: string | undefined) => /ErrorRate <= ([0-9.]+)%/.exec(text ?? '')?.[1];

afterEach(() => vi.restoreAllMocks());

test('a change that arrives between the parse and its announcement leaves the document waiting for its own build', async () => {
    const { services, builder, log, textDocument } = await openWithChangeLog(URI_TEXT, TEXT);
    const treeText = () => services.shared.workspace.LangiumDocuments.getDocument(uri)?.parseResult.value.$cstNode?.root.fullText;
    expect(targetOf(treeText())).toBe('1');

    // Version 2 (2 %) is parsed; version 3 (3 %) arrives right after the parse, before the phase is announced.
    const line = TEXT.split('\n').findIndex(l => l.includes('ErrorRate <= 1%'));
    const column = TEXT.split('\n')[line]!.indexOf('1%');
    const retype = (digit: string, version: number) => log.configuration.update(textDocument, [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: digit }], version);
    retype('2', 2);
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const update = factory.update.bind(factory);
    let changedInTheGap = false;
    vi.spyOn(factory, 'update').mockImplementation(async (document, token) => {
        const updated = await update(document, token);
        if (!changedInTheGap) {
            changedInTheGap = true;
            retype('3', 3);
        }
        return updated;
    });
    // Langium's whole-file path parses it (the factory is called: checked).
    await builder.update([uri], []);
    expect(changedInTheGap).toBe(true);
    expect(targetOf(treeText())).toBe('2');
    expect(textDocument.version).toBe(3);

    // A request for the text of now waits for the build of version 3.
    let answered = false;
    const waiting = builder.waitUntil(DocumentState.Linked, uri).then(() => { answered = true; });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    vi.restoreAllMocks();
    await builder.update([uri], []);
    await waiting;
    expect(targetOf(treeText())).toBe('3');
});
