import type { LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver';

/**
 * The range a quoted value typed so far (`typed`, after its opening quote when `quoted`) is
 * replaced in: from the value's start through what `rest` matches after the cursor on its line —
 * the closing quote, when the editor already inserted it (else accepting `"outage"` in
 * `severity = "<|>"` leaves `"outage""`).
 */
export function quotedValueRange(document: LangiumDocument, text: string, offset: number, typed: string, quoted: boolean, rest: RegExp): Range {
    const start = offset - typed.length - (quoted ? 1 : 0);
    const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
    const after = rest.exec(text.slice(offset, lineEnd))?.[0] ?? '';
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(offset + after.length) };
}
