/**
 * Completion in `objective each tickets by id where …:` (docs/language-reference.md § 9.1), which
 * the grammar's completion cannot place: `each` is also a name, so after `objective each` it
 * offered only `by` (of `by plan { … }`, invalid there) and no dataset. Here, from the words on
 * the line: the datasets after `each`; `by` and `where` after the dataset; its fields after `by`;
 * `where` after the `by` field; and its fields, bare, in the condition.
 */
import { CstUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type Reference, type ScopeProvider } from 'langium';
import { CompletionItemKind, CompletionList, type CompletionItem } from 'vscode-languageserver';
import { isDataset, isField } from '../generated/ast.js';

const NAME = '[A-Za-z_]\\w*';
const AFTER_EACH = new RegExp(`\\bobjective\\s+each\\s+(${NAME})?$`);
const AFTER_DATASET = new RegExp(`\\bobjective\\s+each\\s+(${NAME})\\s+(${NAME})?$`);
const AFTER_BY = new RegExp(`\\bobjective\\s+each\\s+(${NAME})\\s+by\\s+(${NAME})?$`);
const AFTER_BY_FIELD = new RegExp(`\\bobjective\\s+each\\s+(${NAME})\\s+by\\s+${NAME}\\s+(${NAME})?$`);
/** In the condition: up to the `:` that ends the item selection. */
const IN_CONDITION = new RegExp(`\\bobjective\\s+each\\s+(${NAME})(?:\\s+by\\s+${NAME})?\\s+where\\s[^:]*$`);

/** The whole answer in the item selection before its condition; undefined elsewhere. */
export function eachObjectiveCompletion(document: LangiumDocument, text: string, offset: number, scopeProvider: ScopeProvider): CompletionList | undefined {
    const before = lineBefore(text, offset);
    let match: RegExpExecArray | null;
    if ((match = AFTER_EACH.exec(before))) {
        const datasets = descriptions(scopeProvider, itemSelection(document, offset, undefined), 'dataset').filter(d => isDataset(d.node));
        return list(document, offset, match[1], datasets.map(d => ({ label: d.name, kind: CompletionItemKind.Class, detail: 'Dataset' })));
    }
    if ((match = AFTER_BY.exec(before))) {
        return list(document, offset, match[2], fieldItems(document, offset, match[1]!, scopeProvider));
    }
    if ((match = AFTER_BY_FIELD.exec(before))) return list(document, offset, match[2], [keyword('where')]);
    if ((match = AFTER_DATASET.exec(before)) && match[2] !== 'where') return list(document, offset, match[2], [keyword('by'), keyword('where')]);
    return undefined;
}

/** In `objective each tickets where <|>`: the dataset's fields by their bare names, to add to the formula's completion. */
export function eachConditionFields(document: LangiumDocument, text: string, offset: number, scopeProvider: ScopeProvider): CompletionItem[] {
    const dataset = eachConditionDataset(text, offset);
    return dataset ? fieldItems(document, offset, dataset, scopeProvider) : [];
}

/** The dataset of `objective each tickets … where <|>` when the cursor is in that condition. */
export function eachConditionDataset(text: string, offset: number): string | undefined {
    return IN_CONDITION.exec(lineBefore(text, offset))?.[1];
}

function lineBefore(text: string, offset: number): string {
    return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

function fieldItems(document: LangiumDocument, offset: number, dataset: string, scopeProvider: ScopeProvider): CompletionItem[] {
    return descriptions(scopeProvider, itemSelection(document, offset, dataset), 'idField')
        .filter(d => isField(d.node))
        .map(d => ({ label: d.name, kind: CompletionItemKind.Field, detail: `field of ${dataset}`, sortText: '0' }));
}

/**
 * An item selection of `dataset` at the cursor, as the parser would make it: the scope of its
 * references is what the agreement sees there (datasets; for `by`, the fields of that dataset).
 */
export function itemSelection(document: LangiumDocument, offset: number, dataset: string | undefined): AstNode {
    const root = document.parseResult.value;
    const place = (root.$cstNode && CstUtils.findLeafNodeBeforeOffset(root.$cstNode, offset)?.astNode) || root;
    const node = { $type: 'ItemSelection', $container: place, $containerProperty: 'items' } as AstNode & { dataset?: Partial<Reference> };
    if (dataset) node.dataset = { $refText: dataset };
    return node;
}

function descriptions(scopeProvider: ScopeProvider, container: AstNode, property: string): AstNodeDescription[] {
    try {
        const seen = new Set<string>();
        return scopeProvider.getScope({ reference: { $refText: '' } as Reference, container, property }).getAllElements()
            .filter(d => !seen.has(d.name) && !!seen.add(d.name)).toArray();
    } catch {
        // A half-written agreement the scope cannot place: nothing rather than a failed completion.
        return [];
    }
}

function keyword(word: string): CompletionItem {
    return { label: word, kind: CompletionItemKind.Keyword };
}

function list(document: LangiumDocument, offset: number, typed: string | undefined, items: CompletionItem[]): CompletionList {
    const range = { start: document.textDocument.positionAt(offset - (typed ?? '').length), end: document.textDocument.positionAt(offset) };
    return CompletionList.create(items.map(item => ({ ...item, textEdit: { range, newText: item.label } })), false);
}
