import { DocumentState, URI, type Cancellation } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { closedEditorsReread } from './closed-editors.js';

/**
 * Resolves once the workspace's files are loaded and every open file is built from the
 * editor's text of now: what a server command reads. A command that arrives while the
 * workspace loads would create a document the loader creates too (Langium refuses the second:
 * "A document with the URI … is already present"); one sent right behind edits would read the
 * trees built before them (a burst of edits is built once it pauses), of any open file: a
 * client agreement reads its template in another file. SlaDocumentBuilder.waitUntil builds
 * the files whose text changed, as it does for hovers. A file whose editor was closed without
 * saving is read from disk again first (closed-editors.ts): the editor's text is gone.
 *
 * The wait is per open document, until it is linked and indexed from the editor's text of now
 * (Langium builds phase by phase: by then every document its update re-links, a client of an
 * edited template, is linked too). Waiting for the workspace's build state instead missed the
 * Parsed phase when it began just as that phase was announced, and then waited for a build an
 * idle editor never starts (`sla.evaluate` sent right after an edit hung); and once parsed, a
 * client of the edited template was not re-linked yet (evaluated with the old template).
 */
export async function textsOfNowBuilt(shared: LangiumSharedServices, cancelToken?: Cancellation.CancellationToken): Promise<void> {
    const workspace = shared.workspace;
    await workspace.WorkspaceManager.ready;
    await closedEditorsReread(shared);
    const open = workspace.TextDocuments.all().map(textDocument => URI.parse(textDocument.uri)).filter(uri => workspace.LangiumDocuments.hasDocument(uri));
    await Promise.all(open.map(uri => workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences, uri, cancelToken)));
}
