/**
 * The document a server command names by URI (`sla.evaluate`, `sla.explain`, `sla.diff`), or why
 * there is none, in words for the command's `{ ok: false, message }` (docs/editors.md). A URI of
 * no open document and no file was read from disk all the same, and the command failed with an
 * internal error ("ENOENT: … open '/…/ghost.sla'"); text that is no URI (`not a uri`) was read
 * as the path `/not a uri`.
 */
import * as fs from 'node:fs/promises';
import { URI, type Cancellation, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { textsOfNowBuilt } from './texts-of-now.js';

export type CommandUri = { ok: true; uri: URI } | { ok: false; message: string };
export type CommandDocument = { ok: true; document: LangiumDocument } | { ok: false; message: string };

/** The URI given to `command`; text without a scheme (a path, `ghost.sla`) is refused: URI.parse reads it as a path from the root. */
export function commandUri(text: unknown, command: string): CommandUri {
    if (typeof text !== 'string' || text === '') return { ok: false, message: `${command} needs the URI of an .sla document.` };
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
        return { ok: false, message: `${command}: not a file URI: '${text}' (the URI of an .sla document, e.g. file:///home/me/agreement.sla).` };
    }
    return { ok: true, uri: URI.parse(text) };
}

/** The document of `uri`, parsed from the editor's text of now (texts-of-now.ts): one the workspace or the editor holds, or a file that exists. */
export async function commandDocument(shared: LangiumSharedServices, uri: URI, command: string, cancelToken?: Cancellation.CancellationToken): Promise<CommandDocument> {
    await textsOfNowBuilt(shared, cancelToken);
    const workspace = shared.workspace;
    if (!workspace.LangiumDocuments.hasDocument(uri) && workspace.TextDocuments.get(uri.toString()) === undefined) {
        const missing = await missingFileMessage(uri);
        if (missing !== undefined) return { ok: false, message: `${command}: ${missing}` };
    }
    return { ok: true, document: await workspace.LangiumDocuments.getOrCreateDocument(uri) };
}

/** Why `uri`, of no document the server holds, cannot be read from disk; undefined when it is a file. */
async function missingFileMessage(uri: URI): Promise<string | undefined> {
    // Only a file can be read: any other scheme (untitled:) is a document of the editor's, and none is open.
    if (uri.scheme !== 'file') return `no such document: ${uri.toString()} (not open in the editor, and not a file URI)`;
    try {
        return (await fs.stat(uri.fsPath)).isFile() ? undefined : `not a file: ${uri.fsPath}`;
    } catch {
        return `no such file: ${uri.fsPath}`;
    }
}
