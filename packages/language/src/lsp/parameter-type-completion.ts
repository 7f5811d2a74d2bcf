/**
 * Completion after `parameter name`: the nine parameter types. The grammar reads a type as a
 * name the validator checks (sla/parameter-type-unknown), so its own completion knew only
 * `count` (a keyword, being a function's name).
 */
import type { LangiumDocument } from 'langium';
import { CompletionItemKind, CompletionList } from 'vscode-languageserver';
import { PARAMETER_TYPES, type ParameterTypeName } from '../model/template-parameters.js';

/** What each type's values look like, as the item's detail. */
const EXAMPLES: Readonly<Record<ParameterTypeName, string>> = {
    percentage: 'e.g. 99.9 %',
    duration: 'e.g. 30 minutes',
    money: 'e.g. 500 EUR',
    count: 'a whole number (windows, rows)',
    number: 'a plain number',
    text: 'e.g. "P1"',
    calendar: 'a calendar\'s name',
    maintenance: 'a maintenance\'s name',
    timezone: 'e.g. "Europe/Berlin"'
};

export function parameterTypeCompletion(document: LangiumDocument, text: string, offset: number): CompletionList | undefined {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const match = /^\s*parameter\s+[A-Za-z_]\w*\s+([A-Za-z_]*)$/.exec(text.slice(lineStart, offset));
    if (!match) return undefined;
    const typed = match[1] ?? '';
    const range = { start: document.textDocument.positionAt(offset - typed.length), end: document.textDocument.positionAt(offset) };
    const items = PARAMETER_TYPES.map((type, i) => ({
        label: type, kind: CompletionItemKind.TypeParameter, detail: EXAMPLES[type], sortText: String(i).padStart(2, '0'), textEdit: { range, newText: type }
    }));
    return CompletionList.create(items, false);
}
