import { DocumentState, URI } from 'langium';
import { createRequestHandler, type LangiumSharedServices } from 'langium/lsp';
import type { CompletionList, CompletionParams, Connection, Hover, HoverParams } from 'vscode-languageserver';
import { burstTrace } from '../internals/incremental/burst-trace.js';
import { SlaDocumentBuilder } from '../internals/incremental/sla-document-builder.js';

/**
 * Langium's hover and completion handlers, each preceded by the document builder's check of
 * the request's place (SlaDocumentBuilder.readyForPlace): during a burst of edits a request
 * is answered from the tree built before when the edits since cannot change its answer, and
 * waits for the build of its text otherwise. Langium's own handlers know only the document,
 * not the place, so they would wait for every build. Registered after Langium's (a second
 * handler for a method replaces the first).
 */
export function registerPlaceRequestHandlers(connection: Connection, shared: LangiumSharedServices): void {
    const builder = shared.workspace.DocumentBuilder;
    if (!(builder instanceof SlaDocumentBuilder)) return;
    const hover = createRequestHandler<HoverParams, Hover>((services, document, params, cancelToken) =>
        services.lsp?.HoverProvider?.getHoverContent(document, params, cancelToken), shared, DocumentState.Linked);
    const completion = createRequestHandler<CompletionParams, CompletionList>((services, document, params, cancelToken) =>
        services.lsp?.CompletionProvider?.getCompletion(document, params, cancelToken), shared, DocumentState.Linked);
    connection.onHover(async (params, cancelToken) => {
        const trace = burstTrace?.request('hover');
        await shared.workspace.WorkspaceManager.ready;
        await builder.readyForPlace(URI.parse(params.textDocument.uri), params.position, cancelToken, trace);
        const answer = await hover(params, cancelToken);
        trace?.end?.();
        return answer;
    });
    connection.onCompletion(async (params, cancelToken) => {
        const trace = burstTrace?.request('completion');
        await shared.workspace.WorkspaceManager.ready;
        await builder.readyForPlace(URI.parse(params.textDocument.uri), params.position, cancelToken, trace);
        const answer = await completion(params, cancelToken);
        trace?.end?.();
        return answer;
    });
}
