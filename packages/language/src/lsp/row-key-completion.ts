/**
 * Completion in a dataset's `one row per id, latest by updated` (docs/language-reference.md § 6):
 * the dataset's fields after `per` and after a comma (with `latest` there, once per line), and
 * after `latest by` its required timestamps and numbers — the only fields that can tell the
 * latest row (validation/row-keys.ts).
 *
 * The grammar's completion cannot place this while the line is being written: the grammar does
 * not see line ends, so `one row per ` followed by the field lines takes the next line's name as
 * the key, the next line's type as an error, and the document's parse loses the dataset's fields.
 * Here the dataset is parsed again without the line being written, from its header to its `}`.
 */
import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { CompletionItemKind, CompletionList, type CompletionItem } from 'vscode-languageserver';
import { isDataset, isDocument, isIntegerType, isNumberType, isTimestampType, type Dataset, type Field } from '../generated/ast.js';

const NAME = '[A-Za-z_]\\w*';
const KEY_LINE = new RegExp(`^\\s*one\\s+row\\s+per\\s+((?:(?:latest\\s+by\\s+)?${NAME}\\s*,\\s*)*)(latest\\s+by\\s+)?(${NAME})?$`);
const NAMES = new RegExp(NAME, 'g');

/** The whole answer on a dataset's `one row per …` line before the cursor; undefined elsewhere. */
export function rowKeyCompletion(services: LangiumServices, document: LangiumDocument, text: string, offset: number, matches: (typed: string, name: string) => boolean): CompletionList | undefined {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const match = KEY_LINE.exec(text.slice(lineStart, offset));
    if (!match) return undefined;
    const written = match[1]!;
    const latestBy = match[2] !== undefined;
    const typed = match[3] ?? '';
    const dataset = datasetWithoutLine(services, document, text, lineStart);
    if (!dataset) return undefined;
    const named = new Set((written.match(NAMES) ?? []).filter(word => word !== 'latest' && word !== 'by'));
    const items: CompletionItem[] = [];
    if (latestBy) {
        for (const field of dataset.fields) {
            if (named.has(field.name) || field.optional) continue;
            if (isTimestampType(field.type) || isIntegerType(field.type) || isNumberType(field.type)) items.push(fieldItem(field, dataset, '0'));
        }
    } else {
        if (written !== '' && !/\blatest\s+by\b/.test(written)) items.push({ label: 'latest', kind: CompletionItemKind.Keyword, detail: 'latest by <field>: the row of each key with the greatest value counts', sortText: '0' });
        // Every row has a required field; an optional one is offered last (as a key it is an error with a fix).
        for (const field of dataset.fields) {
            if (!named.has(field.name)) items.push(fieldItem(field, dataset, field.optional ? '2' : '1'));
        }
    }
    const range = { start: document.textDocument.positionAt(offset - typed.length), end: document.textDocument.positionAt(offset) };
    const offered = items.filter(item => typed === '' || matches(typed, item.label)).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    return CompletionList.create(offered.map(item => ({ ...item, textEdit: { range, newText: item.label } })), false);
}

function fieldItem(field: Field, dataset: Dataset, sortText: string): CompletionItem {
    return { label: field.name, kind: CompletionItemKind.Field, detail: `field of ${dataset.name}${field.optional ? ' (optional)' : ''}`, sortText };
}

/**
 * The dataset whose block holds the line at `lineStart`, parsed from its header to its `}`
 * with that line left out (a synthetic agreement around it when it is one's member).
 */
function datasetWithoutLine(services: LangiumServices, document: LangiumDocument, text: string, lineStart: number): Dataset | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findLeafNodeBeforeOffset(root, lineStart) : undefined;
    const found = leaf ? AstUtils.getContainerOfType(leaf.astNode, isDataset) : undefined;
    if (!found?.$cstNode) return undefined;
    // A dataset closed before the line holds no line of it.
    if (found.$cstNode.end <= lineStart && found.$cstNode.text.trimEnd().endsWith('}')) return undefined;
    const lineEnd = text.indexOf('\n', lineStart);
    // A dataset's block is short: its `}` is looked for in the next 64 kB, not in the rest of a long agreement.
    const rest = lineEnd < 0 ? '' : text.slice(lineEnd, lineEnd + 65_536);
    // The block's `}`: the first closing brace token after the line (braces inside strings are not tokens).
    const close = services.parser.Lexer.tokenize(rest).tokens.find(token => token.image === '}');
    const body = text.slice(found.$cstNode.offset, lineStart) + (close ? rest.slice(0, close.endOffset! + 1) : rest);
    const inAgreement = !isDocument(found.$container);
    const parsed = services.parser.LangiumParser.parse(inAgreement ? `agreement A {\n${body}\n}` : body).value;
    return AstUtils.streamAst(parsed).find(isDataset);
}
