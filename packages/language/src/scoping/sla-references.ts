import { DefaultReferences, GrammarUtils, isReference, type AstNode, type CstNode, type Reference } from 'langium';
import { parameterBehindReference } from '../model/template-parameters.js';

/**
 * Langium's references, except that `during supportHours` / `excluding patching` in a template
 * declares nothing but the parameter it names (it links to the parameter's default declaration
 * so that the template checks as its default instantiation): go to definition, find references
 * and rename from there reach the parameter, not the default calendar or maintenance.
 */
export class SlaReferences extends DefaultReferences {
    override findDeclarations(sourceCstNode: CstNode): AstNode[] {
        const found = super.findDeclarations(sourceCstNode);
        const node = sourceCstNode?.astNode;
        const feature = node ? GrammarUtils.findAssignment(sourceCstNode)?.feature : undefined;
        if (!node || !feature || found.length === 0) return found;
        const value: unknown = Reflect.get(node, feature);
        const references = (Array.isArray(value) ? value : [value]).filter((item): item is Reference => isReference(item));
        const reference = references.find(item => item.$refNode && item.$refNode.offset <= sourceCstNode.offset && item.$refNode.end >= sourceCstNode.end);
        const parameter = reference ? parameterBehindReference(node, reference) : undefined;
        return parameter ? [parameter] : found;
    }
}
