import { AstUtils, GrammarAST, type AstNode, type CompositeCstNode, type CstNode } from 'langium';

/**
 * Removes the composite CST nodes that only pass a rule call through, to save memory.
 *
 * Langium's parser opens one composite node per rule call. Formulas go through several rules
 * that add nothing (`Expression: LogicalExpression`, an infix rule with a single operand,
 * `PrimaryExpression → NameReference`, `QualifiedName → Name → Keyword`), so a one-word
 * reference cost seven composites around one leaf. On a 50k-line portfolio these
 * pass-through nodes were 38% of all composites; the language server keeps the CST of every
 * file, so they were some 28 MB of its heap.
 *
 * A composite C whose only child is a composite D takes D's children (D disappears) when
 * nothing can tell D was there:
 * - D stands for no AST node of its own: it has no AST link, or the same one as C;
 * - D's grammar source is a rule call outside any assignment, or the operand slot of an
 *   infix rule (a property no AST node keeps). Langium's `findAssignment` and
 *   `findNodesForProperty` read only assigned sources, so they answer as before.
 * C keeps its own grammar source and AST link. An AST node whose `$cstNode` was a removed D
 * (an infix rule gives all its inner binary nodes the rule's composite) now points at C,
 * which covers the same tokens.
 */
export function compactCst(rootNode: AstNode): void {
    const root = rootNode.$cstNode;
    if (!root || !isComposite(root)) return;
    const absorbedInto = new Map<CstNode, CompositeCstNode>();
    // Post-order with an explicit stack: a formula nested a thousand parentheses deep must not
    // overflow the call stack here.
    const stack: Array<{ node: CompositeCstNode; next: number }> = [{ node: root, next: 0 }];
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        const content = frame.node.content;
        if (frame.next < content.length) {
            const child = content[frame.next++];
            if (isComposite(child)) stack.push({ node: child, next: 0 });
            continue;
        }
        stack.pop();
        absorbPassThroughChildren(frame.node, absorbedInto);
    }
    if (absorbedInto.size === 0) return;
    for (const node of AstUtils.streamAst(rootNode)) {
        let cstNode = node.$cstNode;
        if (!cstNode || !absorbedInto.has(cstNode)) continue;
        while (absorbedInto.has(cstNode)) cstNode = absorbedInto.get(cstNode)!;
        (node as { $cstNode?: CstNode }).$cstNode = cstNode;
    }
}

function absorbPassThroughChildren(node: CompositeCstNode, absorbedInto: Map<CstNode, CompositeCstNode>): void {
    let only = node.content.length === 1 ? node.content[0] : undefined;
    while (only && isComposite(only) && isPassThrough(only, node)) {
        const grandchildren = only.content;
        for (const grandchild of grandchildren) (grandchild as { container?: CompositeCstNode }).container = node;
        (node as unknown as { content: readonly CstNode[] }).content = grandchildren;
        absorbedInto.set(only, node);
        only = grandchildren.length === 1 ? grandchildren[0] : undefined;
    }
}

function isComposite(node: CstNode): node is CompositeCstNode {
    return 'content' in node;
}

/** Whether `child`, the only child of `parent`, adds nothing `parent` does not say. */
function isPassThrough(child: CompositeCstNode, parent: CompositeCstNode): boolean {
    const childAst = astLink(child);
    if (childAst !== undefined && (childAst !== astLink(parent) || childAst.$cstNode === child)) return false;
    const source = child.grammarSource;
    if (!source) return false;
    let verdict = droppableSource.get(source);
    if (verdict === undefined) {
        verdict = (GrammarAST.isRuleCall(source) && !isInsideAssignment(source)) || isInfixOperandSlot(source);
        droppableSource.set(source, verdict);
    }
    return verdict;
}

/** The AST node a composite is linked to itself (Langium's private `_astNode`), not an ancestor's. */
function astLink(node: CompositeCstNode): AstNode | undefined {
    return (node as unknown as { _astNode?: AstNode })._astNode;
}

function isInsideAssignment(element: GrammarAST.AbstractElement): boolean {
    for (let current: unknown = element; current; current = (current as { $container?: unknown }).$container) {
        if (GrammarAST.isAssignment(current) || GrammarAST.isCrossReference(current)) return true;
    }
    return false;
}

/**
 * Langium parses an `infix` rule with a grammar of its own making, outside the language's
 * grammar: `parts+=Operand (operators+=Op parts+=Operand)*`, then folds the parts into binary
 * nodes and drops `parts`. Its operand assignment therefore has no enclosing rule.
 */
function isInfixOperandSlot(source: GrammarAST.AbstractElement): boolean {
    return GrammarAST.isAssignment(source) && source.feature === 'parts' && AstUtils.getContainerOfType(source, GrammarAST.isParserRule) === undefined
        && AstUtils.getContainerOfType(source, GrammarAST.isInfixRule) === undefined;
}

const droppableSource = new WeakMap<object, boolean>();
