import { CstUtils, GrammarAST, GrammarUtils, isLeafCstNode, type AstNode, type CstNode, type ValueConverter } from 'langium';

/** One number of the tree to set: the node, its property, the new value. */
export interface NumberPatch {
    node: AstNode;
    property: string;
    value: unknown;
}

/**
 * The numbers to set in a block's tree when its new text differs from the old only inside
 * numbers, each in place (same length, same bounds): then the text lexes to the same tokens but
 * for those numbers' values, and parses to the same tree with other values. A burst of retyped
 * digits (a script adjusting targets) re-parsed and re-linked a block per request; setting the
 * values is enough. Nothing when any difference is elsewhere, or a number is not assigned
 * directly to a property (`target=NUMBER`), where only the parser knows what it makes.
 * `oldText` and `newText` are the whole texts, the block at the same offsets in both.
 */
export function numberPatches(block: CstNode, oldText: string, newText: string, converter: ValueConverter): NumberPatch[] | undefined {
    // The leaf at each difference, by bisection (CstUtils): a build after a burst sets numbers in
    // hundreds of blocks, and walking every leaf of each held the server's thread for tens of ms.
    const patches: NumberPatch[] = [];
    for (let at = block.offset; at < block.end; at++) {
        if (oldText.charCodeAt(at) === newText.charCodeAt(at)) continue;
        const leaf = CstUtils.findLeafNodeAtOffset(block, at);
        if (!leaf || !isLeafCstNode(leaf) || leaf.tokenType.name !== 'NUMBER' || leaf.offset > at || leaf.end <= at) return undefined;
        const text = newText.slice(leaf.offset, leaf.end);
        if (!/^\d+(\.\d+)?$/.test(text) || /[\w.:-]/.test(newText[leaf.offset - 1] ?? '') || /[\w.:-]/.test(newText[leaf.end] ?? '')) return undefined;
        const assignment = GrammarUtils.findAssignment(leaf);
        if (!assignment || assignment.operator !== '=' || assignment.terminal !== leaf.grammarSource || !GrammarAST.isRuleCall(leaf.grammarSource)) return undefined;
        const node = leaf.astNode;
        if (typeof Reflect.get(node, assignment.feature) !== 'number') return undefined;
        patches.push({ node, property: assignment.feature, value: converter.convert(text, leaf) });
        at = leaf.end - 1;
    }
    return patches;
}
