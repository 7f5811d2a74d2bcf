import { AstUtils, type AstNode, type CompositeCstNode, type LangiumDocument, type LangiumParser, type RootCstNode } from 'langium';
import { setAstNode } from '../langium-private.js';
import type { ChangedRegion } from './changed-region.js';
import { spliceBlockCst, type PositionShift } from './cst-splice.js';

/**
 * Declarations an edit can be re-parsed within, on their own: each is a block that ends
 * with its own `}` (no rule continues after it), so parsing its text alone gives the tree
 * the whole file would give.
 */
const BLOCK_TYPES = new Set(['Service', 'Calendar', 'Maintenance', 'Dataset', 'Credit']);

/** A block's new tree, parsed and checked, ready to replace the old one. */
export interface BlockReparse {
    oldNode: AstNode;
    newNode: AstNode;
    newCst: RootCstNode;
    /** Each named node of the old block with its counterpart in the new one (same names, same order). */
    renamedPairs: Array<[AstNode, AstNode]>;
}

/**
 * Re-parses only the innermost block around an edit. Returns nothing (the caller re-parses
 * the file) when the edit is not strictly inside one block, when the block's new text does
 * not parse cleanly on its own, or when it now declares different names (other parts of
 * the file may then link differently).
 */
export function reparseBlock(document: LangiumDocument, region: ChangedRegion, newText: string, parser: LangiumParser): BlockReparse | undefined {
    const oldNode = blockAround(document, region);
    if (!oldNode) return undefined;
    return parseBlock(oldNode, newText.slice(oldNode.$cstNode!.offset, oldNode.$cstNode!.end + region.delta), parser);
}

/**
 * The innermost block strictly around `region` (offsets of the built text), if an edit there
 * may be re-parsed within it: the file parsed cleanly, and tokens cannot join across the
 * block's edges.
 */
export function blockAround(document: LangiumDocument, region: Pick<ChangedRegion, 'start' | 'oldEnd'>, hint?: AstNode): AstNode | undefined {
    const { parseResult } = document;
    if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return undefined;
    const oldNode = hint && spansInside(hint, region) && inTree(hint, parseResult.value) ? hint : innermostBlock(parseResult.value, region);
    if (!oldNode?.$cstNode) return undefined;
    const oldText = oldNode.$cstNode.root.fullText;
    // Tokens must not join across the block's edges: whitespace on both sides.
    if (!isBoundary(oldText, oldNode.$cstNode.offset - 1) || !isBoundary(oldText, oldNode.$cstNode.end)) return undefined;
    return oldNode;
}

/**
 * Parses a block's new text alone. Nothing when it does not parse cleanly on its own, or when
 * it now declares different names (other parts of the file may then link differently).
 */
export function parseBlock(oldNode: AstNode, blockText: string, parser: LangiumParser): BlockReparse | undefined {
    const result = parser.parse(blockText, { rule: oldNode.$type });
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) return undefined;
    const newNode = result.value;
    if (newNode.$type !== oldNode.$type || !newNode.$cstNode) return undefined;
    const oldNamed = namedNodes(oldNode);
    const newNamed = namedNodes(newNode);
    if (oldNamed.length !== newNamed.length || oldNamed.some((node, i) => !sameDeclaration(node, newNamed[i]!))) return undefined;
    return { oldNode, newNode, newCst: newNode.$cstNode as RootCstNode, renamedPairs: oldNamed.map((node, i) => [node, newNamed[i]!]) };
}

/** Puts the re-parsed block in place of the old one, in the AST and in the CST. */
export function applyBlockReparse(reparse: BlockReparse, newText: string, withPositions = true, oldBlockText?: string): PositionShift {
    const { oldNode, newNode, newCst } = reparse;
    const container = oldNode.$container!;
    const property = oldNode.$containerProperty!;
    const index = oldNode.$containerIndex;
    const siblings: unknown = Reflect.get(container, property);
    if (Array.isArray(siblings) && index !== undefined) siblings[index] = newNode;
    else Reflect.set(container, property, newNode);
    Object.assign(newNode, { $container: container, $containerProperty: property, $containerIndex: index });

    const target = oldNode.$cstNode as CompositeCstNode;
    const shift = spliceBlockCst(target, newCst, newText, withPositions, oldBlockText);
    Object.assign(newNode, { $cstNode: target });
    setAstNode(target, newNode);
    return shift;
}

function innermostBlock(root: AstNode, region: Pick<ChangedRegion, 'start' | 'oldEnd'>): AstNode | undefined {
    let found: AstNode | undefined;
    let current: AstNode | undefined = root;
    while (current) {
        const next: AstNode | undefined = childAround(current, region);
        if (next && BLOCK_TYPES.has(next.$type)) found = next;
        current = next;
    }
    return found;
}

/**
 * A node's children with a place in the text, sorted by offset. A burst of edits asks for the
 * block around each of them, and an agreement has hundreds of declarations: found by
 * bisection, not by walking them all. Offsets move with edits, but the order stays; a child
 * a block re-parse replaced is no longer in its container's slot, and the list is made again.
 */
const sortedChildren = new WeakMap<AstNode, AstNode[]>();

function childAround(node: AstNode, region: Pick<ChangedRegion, 'start' | 'oldEnd'>): AstNode | undefined {
    let children = sortedChildren.get(node);
    let child = children && bisect(children, region.start);
    if (!children || (child && !inPlace(child, node))) {
        children = AstUtils.streamContents(node).filter(c => c.$cstNode !== undefined).toArray().sort((a, b) => a.$cstNode!.offset - b.$cstNode!.offset);
        sortedChildren.set(node, children);
        child = bisect(children, region.start);
    }
    const cst = child?.$cstNode;
    return cst && cst.offset < region.start && region.oldEnd < cst.end ? child : undefined;
}

/** The last child that starts before `offset`. */
function bisect(children: AstNode[], offset: number): AstNode | undefined {
    let low = 0;
    let high = children.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (children[middle]!.$cstNode!.offset < offset) low = middle + 1;
        else high = middle;
    }
    return low > 0 ? children[low - 1] : undefined;
}

/**
 * A block whose whole inside `region` spans, from its first character after the opening to
 * its last before the end (a change readyForPlace logged for it): then no block nested in it
 * is around the region, and it is the innermost one, found without a search.
 */
function spansInside(block: AstNode, region: Pick<ChangedRegion, 'start' | 'oldEnd'>): boolean {
    const cst = block.$cstNode;
    return BLOCK_TYPES.has(block.$type) && cst !== undefined && region.start === cst.offset + 1 && region.oldEnd === cst.end - 1;
}

/** Whether a node is still in the tree of `root` (not replaced by a re-parse). */
function inTree(node: AstNode, root: AstNode): boolean {
    let current = node;
    while (current.$container) {
        if (!inPlace(current, current.$container)) return false;
        current = current.$container;
    }
    return current === root;
}

/** Whether a child is still where its container holds it (a re-parse replaces blocks in place). */
function inPlace(child: AstNode, container: AstNode): boolean {
    if (child.$container !== container || !child.$containerProperty) return false;
    const slot: unknown = Reflect.get(container, child.$containerProperty);
    return Array.isArray(slot) ? slot[child.$containerIndex ?? -1] === child : slot === child;
}

function isBoundary(text: string, at: number): boolean {
    if (at < 0 || at >= text.length) return true;
    const c = text.charCodeAt(at);
    return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Every named node of a block, in order. */
export function namedNodes(block: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    for (const node of AstUtils.streamAst(block)) {
        if (typeof (node as { name?: unknown }).name === 'string') nodes.push(node);
    }
    return nodes;
}

/** Two named nodes declare the same: equal lists of them link every other part of the file the same way. */
function sameDeclaration(a: AstNode, b: AstNode): boolean {
    return a.$type === b.$type && (a as { name?: unknown }).name === (b as { name?: unknown }).name;
}
