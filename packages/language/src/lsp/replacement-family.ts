/**
 * A declaration and the declarations that replace it by name (docs/language-reference.md
 * § 18.3): a client agreement's service, KPI, calendar, maintenance, dataset, clause, exclusion
 * or termination named like one of its template replaces it (a service merges into it), a
 * client's calendar, maintenance or dataset named like one of the template's file (a catalogue's
 * `calendar OfficeHours`) replaces that one, and inside a replacing service or dataset, a KPI,
 * clause, exclusion, termination or field of the same name replaces the template's. The tie is
 * the name alone: renaming one of them and not the others silently breaks it (the client's
 * calendar no longer replaces anything, and the client is measured with the catalogue's; the
 * client's `service Hosting { credit … }` becomes a service of its own). Find references and
 * rename (sla-references-provider.ts, sla-rename-provider.ts) treat the family as one name:
 * from any of its members, the original and every replacement, however deep (a client of a
 * client template).
 */
import { AstUtils, type AstNode, type LangiumDocuments } from 'langium';
import { isAgreement, isDataset, isDocument, isService, type Agreement } from '../generated/ast.js';

/** Named declarations a client's declaration of the same type and name replaces. */
const REPLACEABLE = new Set(['Service', 'Kpi', 'Calendar', 'Maintenance', 'Dataset', 'Clause', 'Exclusion', 'Termination', 'Field']);
/** Those a client's own replaces when the template's file declares them (outside the template). */
const SHARED_REPLACEABLE = new Set(['Calendar', 'Maintenance', 'Dataset']);

/** `target` and every declaration tied to it by name, the original first; `[target]` when none is. */
export function replacementFamily(target: AstNode, documents: LangiumDocuments): AstNode[] {
    let root = target;
    const seen = new Set<AstNode>([target]);
    for (let original = originalOf(root); original && !seen.has(original); original = originalOf(root)) {
        seen.add(original);
        root = original;
    }
    const family = [root];
    const agreements = documents.all.flatMap(document => {
        const value = document.parseResult.value;
        return isDocument(value) ? value.elements.filter(isAgreement) : [];
    }).toArray();
    for (let i = 0; i < family.length; i++) {
        for (const replacement of replacementsOf(family[i]!, agreements)) {
            if (!family.includes(replacement)) family.push(replacement);
        }
    }
    return family;
}

/** The declaration `node` replaces by name, if any. */
function originalOf(node: AstNode): AstNode | undefined {
    const name = nameOf(node);
    const container = node.$container;
    if (name === undefined || !REPLACEABLE.has(node.$type) || !container) return undefined;
    if (isAgreement(container)) {
        const template = container.template?.ref;
        if (!template) return undefined;
        const own = sameNamed(template.members, node);
        if (own) return own;
        return SHARED_REPLACEABLE.has(node.$type) ? sameNamed(fileElementsOf(template), node) : undefined;
    }
    // A member of a service or dataset that itself replaces one: the same-named member of that one.
    if (isService(container) || isDataset(container)) {
        const original = originalOf(container);
        return original ? sameNamed(childrenOf(original), node) : undefined;
    }
    return undefined;
}

/** The declarations that replace `node` directly (the clients' of its template, or of its file). */
function replacementsOf(node: AstNode, agreements: readonly Agreement[]): AstNode[] {
    if (nameOf(node) === undefined || !REPLACEABLE.has(node.$type)) return [];
    const container = node.$container;
    if (container && isAgreement(container)) {
        return agreements.filter(client => client.template?.ref === container).flatMap(client => sameNamedAll(client.members, node));
    }
    if (container && isDocument(container) && SHARED_REPLACEABLE.has(node.$type)) {
        return agreements.filter(client => {
            const template = client.template?.ref;
            // The template's own declaration of that name is the one the client replaces, not the file's.
            return template !== undefined && template.$container === container && !sameNamed(template.members, node);
        }).flatMap(client => sameNamedAll(client.members, node));
    }
    if (container && (isService(container) || isDataset(container))) {
        return replacementsOf(container, agreements).flatMap(replacement => sameNamedAll(childrenOf(replacement), node));
    }
    return [];
}

function fileElementsOf(template: Agreement): AstNode[] {
    const file = AstUtils.getContainerOfType(template, isDocument);
    return file ? file.elements : [];
}

function childrenOf(node: AstNode): AstNode[] {
    if (isService(node)) return node.members;
    if (isDataset(node)) return node.fields;
    return [];
}

function sameNamed(candidates: readonly AstNode[], node: AstNode): AstNode | undefined {
    return candidates.find(candidate => candidate !== node && candidate.$type === node.$type && nameOf(candidate) === nameOf(node));
}

function sameNamedAll(candidates: readonly AstNode[], node: AstNode): AstNode[] {
    return candidates.filter(candidate => candidate !== node && candidate.$type === node.$type && nameOf(candidate) === nameOf(node));
}

function nameOf(node: AstNode): string | undefined {
    const name = (node as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
}
