/**
 * Completion over a small workspace: files by name, one of them with a `<|>` cursor. The
 * answer's labels, and the text an accepted item leaves (its text edit applied).
 */
import { TextDocument, URI, type LangiumDocument } from 'langium';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import type { SlaServices } from '../../src/sla-module.js';

export interface CompletionAnswer {
    list: CompletionList;
    labels: string[];
    /** The cursor's line after accepting the item labelled `label`. */
    lineAfter(label: string): string;
}

let workspaces = 0;

export async function completeIn(services: SlaServices, files: Record<string, string>): Promise<CompletionAnswer> {
    const workspace = services.shared.workspace;
    const folder = `/completion-${++workspaces}`;
    let cursor: { document: LangiumDocument; offset: number } | undefined;
    const documents: LangiumDocument[] = [];
    for (const [name, written] of Object.entries(files)) {
        const offset = written.indexOf('<|>');
        const document = workspace.LangiumDocumentFactory.fromString(written.replace('<|>', ''), URI.file(`${folder}/${name}`));
        workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
        if (offset >= 0) cursor = { document, offset };
    }
    if (!cursor) throw new Error('no <|> cursor in the files');
    // All files built together: imports and templates across files link as in an editor's workspace.
    await workspace.DocumentBuilder.build(documents, {});
    const { document, offset } = cursor;
    const position = document.textDocument.positionAt(offset);
    const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position });
    if (!list) throw new Error('no completion list');
    const lineAfter = (label: string): string => {
        const item = list.items.find((candidate: CompletionItem) => candidate.label === label);
        if (!item) throw new Error(`no item '${label}' among ${list.items.map(i => i.label).join(', ')}`);
        const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : { range: { start: position, end: position }, newText: item.insertText ?? item.label };
        const after = TextDocument.applyEdits(document.textDocument, [edit, ...(item.additionalTextEdits ?? [])]);
        return after.split('\n')[position.line]!;
    };
    return { list, labels: list.items.map(item => item.label), lineAfter };
}
