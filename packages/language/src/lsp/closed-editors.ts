/**
 * An editor closed without saving: the file is the disk's again. Langium builds a document
 * from the editor's text while it is open and leaves the tree as it is when the editor closes,
 * so the discarded text stayed in effect — in the file's own diagnostics, in those of the
 * clients built from it (a catalogue's template) and in every evaluation (`sla.evaluate`,
 * `sla.evaluatePortfolio`): an unsaved `fee 50000 EUR` went on paying 5,000 EUR credits where
 * the saved fee of 5000 EUR pays 500. Here the closed file is read from disk and, when that is
 * not the text its tree was built from, the file and the documents that read it are built
 * again. A closed editor that is no file (an untitled one), or whose file is gone, is removed.
 * Server commands wait for these builds (`closedEditorsReread`, texts-of-now.ts): a command
 * sent right after the close is answered from the disk's text.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** The re-reads under way, per server (a test process may run several). */
const rereads = new WeakMap<LangiumSharedServices, Set<Promise<void>>>();

export function rereadClosedEditors(shared: LangiumSharedServices): void {
    const pending = new Set<Promise<void>>();
    rereads.set(shared, pending);
    shared.workspace.TextDocuments.onDidClose(event => {
        const done: Promise<void> = reread(shared, URI.parse(event.document.uri))
            .catch(error => console.error(`Reading ${event.document.uri} again after its editor closed failed:`, error))
            .finally(() => pending.delete(done));
        pending.add(done);
    });
}

/** Resolves once every file whose editor closed so far is built from the disk's text. */
export async function closedEditorsReread(shared: LangiumSharedServices): Promise<void> {
    const pending = rereads.get(shared);
    if (pending && pending.size > 0) await Promise.all([...pending]);
}

async function reread(shared: LangiumSharedServices, uri: URI): Promise<void> {
    const workspace = shared.workspace;
    await workspace.WorkspaceManager.ready;
    const document = workspace.LangiumDocuments.getDocument(uri);
    if (!document) return;
    const disk = await diskText(shared, uri);
    // Saved (or closed unchanged), and built: the tree is of the disk's text already.
    if (disk === document.parseResult.value.$cstNode?.root.fullText) return;
    const [changed, deleted] = disk === undefined ? [[], [uri]] : [[uri], []];
    await workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.update(changed, deleted, token));
}

/** The file's text on disk; undefined for an editor that is no file, or a file that is gone. */
async function diskText(shared: LangiumSharedServices, uri: URI): Promise<string | undefined> {
    if (uri.scheme !== 'file') return undefined;
    try {
        return await shared.workspace.FileSystemProvider.readFile(uri);
    } catch {
        return undefined;
    }
}
