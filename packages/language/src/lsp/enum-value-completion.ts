/**
 * Completion after `field =`, `field !=` or `field in (`: the values of that enum field — of the
 * field the name links to from where it is written (the aggregate's dataset, `each tickets`, a
 * `dataset.field`), never of a same-named field of a file this one does not import. In a
 * template, its text parameters too (`where priority = urgent`).
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type Reference, type ScopeProvider } from 'langium';
import { CompletionItemKind, CompletionList, type CompletionItem } from 'vscode-languageserver';
import { isEnumType, isField, isNameReference, type Field } from '../generated/ast.js';
import { enclosingTemplate, parametersOf } from '../model/template-parameters.js';
import { eachConditionDataset, itemSelection } from './each-objective-completion.js';
import { quotedValueRange } from './quoted-value-range.js';

/** `priority = `, `tickets.priority != "P`, `severity in ("outage", "`: the name, then what is typed of the value. */
const VALUE_AFTER_FIELD = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)?)\s*(?:!?=|in\s*\((?:\s*"[^"]*"\s*,)*)\s*("?[^"\s]*)$/;

/** After the opening quote: the rest of the value and the closing quote the editor inserted, not a comma or bracket without one. */
const REST_OF_QUOTED_VALUE = /^(?:[^"\s,()]*")?/;

export function enumValueCompletion(document: LangiumDocument, text: string, offset: number, scopeProvider: ScopeProvider): CompletionList | undefined {
    const before = text.slice(Math.max(0, offset - 200), offset);
    const match = VALUE_AFTER_FIELD.exec(before);
    if (!match) return undefined;
    const name = match[1]!;
    const nameOffset = offset - before.length + match.index;
    // In `objective each tickets where …` the names are the items' fields: the parse of a half-written objective may have no item selection.
    const eachDataset = eachConditionDataset(text, offset);
    const place = eachDataset ? itemSelection(document, offset, eachDataset) : nodeAt(document, nameOffset, offset);
    const field = place ? fieldNamed(name, place, scopeProvider) : undefined;
    const fieldName = name.slice(name.lastIndexOf('.') + 1);
    const typed = match[2] ?? '';
    const quoted = typed.startsWith('"');
    const range = quotedValueRange(document, text, offset, quoted ? typed.slice(1) : typed, quoted, quoted ? REST_OF_QUOTED_VALUE : /^/);
    const items: CompletionItem[] = [];
    if (field && isEnumType(field.type)) {
        for (const value of new Set(field.type.values)) {
            items.push({ label: `"${value}"`, kind: CompletionItemKind.EnumMember, detail: `value of ${fieldName}`, textEdit: { range, newText: `"${value}"` } });
        }
    }
    // `where priority = urgent`: a template's text parameter stands for a value (not inside quotes).
    const template = place && !quoted ? enclosingTemplate(place) : undefined;
    if (template && items.length > 0) {
        for (const parameter of parametersOf(template).filter(p => p.type === 'text')) {
            const detail = parameter.default?.text !== undefined ? `text parameter, default ${JSON.stringify(parameter.default.text)}` : 'text parameter, required';
            items.push({ label: parameter.name, kind: CompletionItemKind.Variable, detail, textEdit: { range, newText: parameter.name } });
        }
    }
    return items.length > 0 ? CompletionList.create(items, false) : undefined;
}

/** The node at the field's name (its NameReference when the parser made one), else the one before the cursor. */
function nodeAt(document: LangiumDocument, nameOffset: number, offset: number): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    return (CstUtils.findLeafNodeAtOffset(root, nameOffset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset))?.astNode;
}

/**
 * The field `name` links to at `place`, asked of the scope a name written there has: a
 * NameReference (the parsed one, or one placed there when the parser made none).
 */
function fieldNamed(name: string, place: AstNode, scopeProvider: ScopeProvider): Field | undefined {
    const written = AstUtils.getContainerOfType(place, isNameReference);
    const container: AstNode = written && written.target?.$refText === name ? written : { $type: 'NameReference', $container: place, $containerProperty: 'target' } as AstNode;
    const reference = { $refText: name } as Reference;
    try {
        const node = scopeProvider.getScope({ reference, container, property: 'target' }).getElement(name)?.node;
        return isField(node) ? node : undefined;
    } catch {
        // A half-written formula the scope cannot place: no values rather than a failed completion.
        return undefined;
    }
}
