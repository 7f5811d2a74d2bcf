import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument, type AstNode } from 'langium';
import { LineEditedTextDocument } from './line-edited-text-document.js';
import { retypesNumber } from './number-edit.js';

/** One change the editor sent: `[start, end)` of the text before it became `text`. */
export interface LoggedEdit {
    start: number;
    end: number;
    text: string;
    /** The document's version once this change (and those sent with it) applied. */
    version: number;
    /** The line the change was on, when it neither removed nor inserted a line break (lines keep their numbers). */
    withinLine?: number;
    /** The change only retyped a number (number-edit.ts): names and structure stay as they were. */
    numberOnly?: boolean;
    /** The block whose inside the change replaces (a change readyForPlace logged for a block left): found again without a search. */
    block?: AstNode;
}

/**
 * The changes the editor sent for each open document, in order, as offsets. A burst of edits
 * reaches the document builder coalesced (one build for many changes); comparing the built
 * text with the newest one then finds one region from the first change to the last, which
 * spans many blocks. The log tells where each change was, so that every block they touched
 * can be re-parsed on its own (SlaDocumentBuilder). It is a hint: the builder checks that
 * the changes turn the built text into the newest one before using them.
 */
export class TextEditLog {
    private readonly edits = new Map<string, LoggedEdit[]>();

    /** The text documents' configuration: vscode-languageserver-textdocument's, recording each change. */
    readonly configuration: TextDocumentsConfiguration<TextDocument> = {
        create: (uri, languageId, version, content) => {
            this.edits.delete(uri);
            return new LineEditedTextDocument(uri, languageId, version, content);
        },
        update: (document, changes, version) => {
            const log = this.logOf(document.uri);
            for (const change of changes) {
                if (!('range' in change)) {
                    // A whole new text: nothing before it helps.
                    log.length = 0;
                    applyChange(document, change, version);
                    continue;
                }
                // The library accepts a range given end first; so does the log.
                const [from, to] = [document.offsetAt(change.range.start), document.offsetAt(change.range.end)];
                const [start, end] = from <= to ? [from, to] : [to, from];
                const oneLine = change.range.start.line === change.range.end.line && !/[\r\n]/.test(change.text);
                const edit: LoggedEdit = { start, end, text: change.text, version, withinLine: oneLine ? change.range.start.line : undefined };
                if (oneLine) {
                    // The line's text, read from the document's own string (no copy of the file).
                    const lineStart = document.offsetAt({ line: change.range.start.line, character: 0 });
                    const line = document instanceof LineEditedTextDocument ? document.lineText(change.range.start.line)
                        : document.getText().slice(lineStart, document.offsetAt({ line: change.range.start.line + 1, character: 0 }));
                    edit.numberOnly = retypesNumber(line, start - lineStart, end - lineStart, change.text);
                }
                log.push(edit);
                applyChange(document, change, version);
            }
            // An editor that never lets the builder catch up must not grow the log without end.
            if (log.length > MAX_LOGGED) log.splice(0, log.length - MAX_LOGGED);
            return document;
        }
    };

    /** The changes that turned version `from` of a document into its current text, oldest first. */
    since(uri: string, from: number): LoggedEdit[] {
        return (this.edits.get(uri) ?? []).filter(edit => edit.version > from);
    }

    /**
     * Puts `edits` in place of the changes after version `from` up to `to`: the builder has
     * built part of them (readyForPlace), and `edits` turn its tree's text into that of `to`.
     */
    replaceSince(uri: string, from: number, to: number, edits: LoggedEdit[]): void {
        const log = this.edits.get(uri) ?? [];
        this.edits.set(uri, [...log.filter(edit => edit.version <= from), ...edits, ...log.filter(edit => edit.version > to)]);
    }

    /** Forgets the changes up to `version`: the builder has built that text. */
    forget(uri: string, version: number): void {
        const log = this.edits.get(uri);
        if (!log) return;
        const kept = log.filter(edit => edit.version > version);
        if (kept.length === 0) this.edits.delete(uri);
        else this.edits.set(uri, kept);
    }

    private logOf(uri: string): LoggedEdit[] {
        let log = this.edits.get(uri);
        if (!log) this.edits.set(uri, log = []);
        return log;
    }
}

/** Beyond this many changes not yet built, the builder re-parses the file anyway. */
const MAX_LOGGED = 10_000;

/** One change applied to the document, in place (a line changed alone keeps the text whole only when read). */
function applyChange(document: TextDocument, change: TextDocumentContentChangeEvent, version: number): void {
    if (document instanceof LineEditedTextDocument) document.update([change], version);
    else TextDocument.update(document, [change], version);
}
