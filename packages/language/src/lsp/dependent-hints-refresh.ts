import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * Asks the editor for the inlay hints of files that were not edited but changed meaning: a
 * client agreement's hints show its template's defaults in effect (template-inlay-hints.ts),
 * and a change of the template, in another file, re-links the client without changing its
 * text. Editors ask again for a document's hints when it changes, or when the server sends
 * `workspace/inlayHint/refresh`: sent after a build that re-linked files no update named, to
 * clients that support it (VS Code's does). A build of edited files alone sends nothing.
 */
export function refreshHintsOfDependentFiles(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    let supported = false;
    shared.lsp.LanguageServer.onInitialize(params => {
        supported = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    });
    /** The files the updates since the last build named (edited, created or deleted). */
    let named: Set<string> | undefined;
    const builder = shared.workspace.DocumentBuilder;
    builder.onUpdate((changed, deleted) => {
        named ??= new Set();
        for (const uri of [...changed, ...deleted]) named.add(uri.toString());
    });
    builder.onBuildPhase(DocumentState.Linked, built => {
        const updated = named;
        named = undefined;
        if (!supported || updated === undefined || built.every(document => updated.has(document.uri.toString()))) return;
        connection.languages.inlayHint.refresh().catch(() => undefined);
    });
}
