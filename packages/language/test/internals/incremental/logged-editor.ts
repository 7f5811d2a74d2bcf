/**
 * The language server's services with one open document whose changes go through the
 * server's own text documents and change log, as `didChange` does, built once: the start of
 * the tests that edit a document and look at what the builder makes of it.
 */
import { EmptyFileSystem, URI } from 'langium';
import { createSlaServices } from '../../../src/sla-module.js';
import type { SlaDocumentBuilder } from '../../../src/internals/incremental/sla-document-builder.js';
import type { TextEditLog } from '../../../src/internals/incremental/text-edit-log.js';

export async function openWithChangeLog(uriText: string, text: string) {
    const services = createSlaServices(EmptyFileSystem);
    const builder = services.shared.workspace.DocumentBuilder as SlaDocumentBuilder;
    const log = (builder as unknown as { editLog: TextEditLog }).editLog;
    const textDocument = log.configuration.create(uriText, 'sla', 1, text);
    services.shared.workspace.TextDocuments!.set(textDocument);
    await builder.update([URI.parse(uriText)], []);
    return { services, builder, log, textDocument };
}
