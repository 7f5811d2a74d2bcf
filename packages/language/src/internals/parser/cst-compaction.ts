import { GrammarAST, isCompositeCstNode, type CompositeCstNode } from 'langium';
import { isInfixOperandAssignment, ownAstNode, replaceChildren } from '../langium-private.js';

/*
 * Removes the composite CST nodes that only pass a rule call through, to save memory.
 *
 * Langium's parser opens one composite node per rule call. Formulas go through several rules
 * that add nothing (`Expression: LogicalExpression`, an infix rule with a single operand,
 * `PrimaryExpression → NameReference`, `QualifiedName → Name → Keyword`), so a one-word
 * reference cost seven composites around one leaf. On a 50k-line portfolio these
 * pass-through nodes were nearly half of all composites; the language server keeps the CST of
 * every file, so they were about 30 MB of its heap.
 *
 * When the parser closes a composite C whose only child is a composite D, C takes D's
 * children (D disappears) if nothing can tell D was there:
 * - D stands for no AST node of its own: it has no AST link, or a link to the node C is
 *   closed for (a rule that passes its callee's node through);
 * - D's grammar source is a rule call outside any assignment, or the operand slot of an
 *   infix rule (a property no AST node keeps). Langium's `findAssignment` and
 *   `findNodesForProperty` read only assigned sources, so they answer as before;
 * - D is not an infix rule's node with operators: Langium gives the inner binary nodes of
 *   `a + b + c` that node as their `$cstNode`, so it must stay in the tree.
 * C keeps its own grammar source, and the parser links C to its AST node afterwards.
 */

/** Merges pass-through children into `node`, which the parser has just closed for the AST node `closedFor`. */
export function absorbPassThroughChildren(node: CompositeCstNode, closedFor: unknown): void {
    let only = node.content.length === 1 ? node.content[0] : undefined;
    while (only && isCompositeCstNode(only) && isPassThrough(only, closedFor)) {
        const grandchildren = only.content;
        replaceChildren(node, grandchildren);
        only = grandchildren.length === 1 ? grandchildren[0] : undefined;
    }
}

function isPassThrough(child: CompositeCstNode, closedFor: unknown): boolean {
    const childAst = ownAstNode(child);
    if (childAst !== undefined && childAst !== closedFor) return false;
    const source = child.grammarSource;
    if (!source) return false;
    let kind = sourceKinds.get(source);
    if (kind === undefined) {
        kind = classify(source);
        sourceKinds.set(source, kind);
    }
    return kind === 'pass-through' || (kind === 'infix call' && child.content.length === 1);
}

type SourceKind = 'pass-through' | 'infix call' | 'kept';

function classify(source: GrammarAST.AbstractElement): SourceKind {
    if (GrammarAST.isRuleCall(source) && !isInsideAssignment(source)) {
        return GrammarAST.isInfixRule(source.rule.ref) ? 'infix call' : 'pass-through';
    }
    // The operand slot of an infix rule: Langium's own assignment, which no AST node keeps.
    return isInfixOperandAssignment(source) ? 'pass-through' : 'kept';
}

function isInsideAssignment(element: GrammarAST.AbstractElement): boolean {
    for (let current: unknown = element; current; current = (current as { $container?: unknown }).$container) {
        if (GrammarAST.isAssignment(current) || GrammarAST.isCrossReference(current)) return true;
    }
    return false;
}

/** Grammar elements live as long as the language: a plain map is the fastest lookup. */
const sourceKinds = new Map<object, SourceKind>();
