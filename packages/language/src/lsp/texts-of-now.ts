import { DocumentState, type Cancellation } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * Resolves once the workspace's files are loaded and every open file is built from the
 * editor's text of now: what a server command reads. A command that arrives while the
 * workspace loads would create a document the loader creates too (Langium refuses the second:
 * "A document with the URI … is already present"); one sent right behind edits would read the
 * trees built before them (a burst of edits is built once it pauses), of any open file: a
 * client agreement reads its template in another file. SlaDocumentBuilder.waitUntil builds
 * the files whose text changed, as it does for hovers.
 */
export async function textsOfNowBuilt(shared: LangiumSharedServices, cancelToken?: Cancellation.CancellationToken): Promise<void> {
    await shared.workspace.WorkspaceManager.ready;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Parsed, cancelToken);
}
