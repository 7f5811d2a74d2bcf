import {
    AstUtils, CstUtils, DefaultReferences, GrammarUtils, isReference, type AstNode, type CstNode, type FindReferencesOptions,
    type Reference, type ReferenceDescription, type Stream, UriUtils
} from 'langium';
import { isDataset, isField, isKpi, isService } from '../generated/ast.js';
import { parameterBehindReference } from '../model/template-parameters.js';
import { mentionedTargets, mentionsOf } from './name-mentions.js';

/**
 * Langium's references, except:
 * - `during supportHours` / `excluding patching` in a template declares nothing but the
 *   parameter it names (it links to the parameter's default declaration so that the template
 *   checks as its default instantiation): go to definition, find references and rename from
 *   there reach the parameter, not the default calendar or maintenance.
 * - A qualified name `tickets.opened` (`WebShop.Availability`) links to the field (KPI), but
 *   its first segment names the dataset (service): go to definition, hover and rename with the
 *   cursor there reach the dataset (service), and the references of a dataset (service) include
 *   the first segment of every qualified reference to one of its fields (KPIs). A reference to the
 *   field (KPI) covers only its last segment, `opened`: find references and highlight mark that.
 * - Plain names that stand for a dataset or field (`deployed in deployments by database`,
 *   name-mentions.ts) lead to it and are among its references.
 */
export class SlaReferences extends DefaultReferences {
    override findDeclarations(sourceCstNode: CstNode): AstNode[] {
        const found = super.findDeclarations(sourceCstNode);
        const node = sourceCstNode?.astNode;
        const feature = node ? GrammarUtils.findAssignment(sourceCstNode)?.feature : undefined;
        if (!node || !feature) return found;
        if (found.length === 0) return mentionedTargets(node, feature);
        const value: unknown = Reflect.get(node, feature);
        const references = (Array.isArray(value) ? value : [value]).filter((item): item is Reference => isReference(item));
        const reference = references.find(item => item.$refNode && item.$refNode.offset <= sourceCstNode.offset && item.$refNode.end >= sourceCstNode.end);
        const parameter = reference ? parameterBehindReference(node, reference) : undefined;
        if (parameter) return [parameter];
        return reference?.$refNode ? found.flatMap(target => qualifierAt(reference.$refNode!, sourceCstNode, target)) : found;
    }

    /**
     * Langium's references, each narrowed to the segment that names the target (`opened` of
     * `tickets.opened`), and for a dataset (service) the first segment of the qualified
     * references to its fields (KPIs).
     */
    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        const references = super.findReferences(targetNode, options).map(reference => this.lastSegmentOf(reference))
            .concat(this.mentionsAsReferences(targetNode, options));
        const members: AstNode[] = isDataset(targetNode) ? targetNode.fields
            : isService(targetNode) ? AstUtils.streamAllContents(targetNode).filter(isKpi).toArray() : [];
        if (members.length === 0 || !('name' in targetNode) || typeof targetNode.name !== 'string') return references;
        const name = targetNode.name;
        const prefixes = members.flatMap(member => super.findReferences(member, { ...options, includeDeclaration: false }).toArray())
            .map(reference => this.qualifierOf(reference, name)).filter((reference): reference is ReferenceDescription => !!reference);
        return references.concat(prefixes);
    }

    /** The plain names standing for a dataset or field (name-mentions.ts), as references (of one document with `documentUri`). */
    private mentionsAsReferences(targetNode: AstNode, options: FindReferencesOptions): ReferenceDescription[] {
        if (!isDataset(targetNode) && !isField(targetNode)) return [];
        const documents = this.documents.all.filter(document => !options.documentUri || UriUtils.equals(document.uri, options.documentUri));
        const targetDocument = AstUtils.getDocument(targetNode);
        const targetPath = this.nodeLocator.getAstNodePath(targetNode);
        return mentionsOf(targetNode, documents.map(document => document.parseResult.value)).map(({ node, cst }) => {
            const sourceUri = AstUtils.getDocument(node).uri;
            return { sourceUri, sourcePath: this.nodeLocator.getAstNodePath(node), targetUri: targetDocument.uri, targetPath, local: UriUtils.equals(sourceUri, targetDocument.uri), segment: CstUtils.toDocumentSegment(cst) };
        });
    }

    /**
     * The last segment of a qualified reference (`opened` of `tickets.opened`), which names the
     * target: the earlier ones name its dataset (service), whose references they are. Document
     * highlight and find references would otherwise mark `tickets` as the field too.
     */
    private lastSegmentOf(reference: ReferenceDescription): ReferenceDescription {
        const segment = reference.segment;
        if (segment.length === 0) return reference;
        const root = this.documents.getDocument(reference.sourceUri)?.parseResult.value.$cstNode;
        const last = root ? CstUtils.findLeafNodeAtOffset(root, segment.end - 1) : undefined;
        // A one-word reference (or a declaration's name) is its own last segment.
        if (!last || last.offset <= segment.offset || last.end !== segment.end) return reference;
        const { sourceUri, sourcePath, targetUri, targetPath, local } = reference;
        return { sourceUri, sourcePath, targetUri, targetPath, local, segment: CstUtils.toDocumentSegment(last) };
    }

    /** The first segment of a qualified reference when it is `name` (`tickets` of `tickets.opened`), as a reference of its own. */
    private qualifierOf(reference: ReferenceDescription, name: string): ReferenceDescription | undefined {
        const root = this.documents.getDocument(reference.sourceUri)?.parseResult.value.$cstNode;
        const segment = reference.segment;
        const first = root ? CstUtils.findLeafNodeAtOffset(root, segment.offset) : undefined;
        // A bare reference (`Availability` inside its service) has no qualifier.
        if (!first || first.offset !== segment.offset || first.end >= segment.end || first.text !== name) return undefined;
        const { sourceUri, sourcePath, targetUri, targetPath, local } = reference;
        return { sourceUri, sourcePath, targetUri, targetPath, local, segment: CstUtils.toDocumentSegment(first) };
    }
}

/**
 * What the segment under the cursor of a qualified reference names: the target itself for the
 * last segment, the container named by an earlier segment (`tickets` in `tickets.opened` is the
 * dataset of the field `opened`); nothing if no container has that name.
 */
function qualifierAt(refNode: CstNode, cursor: CstNode, target: AstNode): AstNode[] {
    const names = CstUtils.flattenCst(refNode).filter(leaf => !leaf.hidden && leaf.text !== '.').toArray();
    const index = names.findIndex(leaf => leaf.offset <= cursor.offset && leaf.end >= cursor.end);
    if (index < 0 || index === names.length - 1) return [target];
    let current: AstNode | undefined = target;
    for (let segment = names.length - 2; segment >= index && current; segment--) {
        const wanted = names[segment].text;
        current = AstUtils.getContainerOfType(current.$container, (node): node is AstNode => Reflect.get(node, 'name') === wanted);
    }
    return current ? [current] : [];
}
