import { isCompositeCstNode, type CompositeCstNode, type CstNode, type LeafCstNode, type RootCstNode } from 'langium';
import { forgetCachedRange, replaceChildren } from '../langium-private.js';
import { moveLeaf, setRootText, tokenRange } from '../parser/offset-leaf-nodes.js';

/** How positions at or after the old end of a block move when its new text replaces the old. */
export interface PositionShift {
    /** Offset of the old block's end: what starts here or later moves. */
    oldEndOffset: number;
    /** Line and column of the old block's end: what starts on that line after it moves sideways too. */
    oldEndLine: number;
    oldEndColumn: number;
    delta: number;
    lineDelta: number;
    columnDelta: number;
}

/** The new place of a position that was at or after the old block's end. */
export function shiftPosition(position: { line: number; character: number }, shift: PositionShift): { line: number; character: number } {
    return {
        line: position.line + shift.lineDelta,
        character: position.line === shift.oldEndLine ? position.character + shift.columnDelta : position.character
    };
}

/**
 * Puts the CST of a re-parsed block (`replacement`, parsed from the block's new text alone)
 * in place of the old block's content, moves every later token by the edit's size, and
 * gives the root the new text (with many blocks at once, it may be the text once all are
 * changed: offsets alone are read, and `oldBlockText` is this block's text before). `target` keeps its identity (and any comments before or
 * after the block), so the containers above it stay valid.
 */
export function spliceBlockCst(target: CompositeCstNode, replacement: RootCstNode, newText: string, withPositions = true, oldBlockText?: string): PositionShift {
    const first = firstToken(target);
    const last = lastToken(target);
    if (!first || !last) throw new Error('A block without tokens cannot be re-parsed.');
    const oldEndOffset = last.end;
    const startOffset = first.offset;
    const root = target.root;
    // Given by the caller when the root's text is not the one before this block's edit (many blocks at once).
    oldBlockText ??= root.fullText.slice(startOffset, oldEndOffset);
    // Lines and columns of the old end come from the old text: a whole-text scan, asked only when needed.
    const oldEnd = withPositions ? last.range.end : undefined;
    relocate(replacement, startOffset);
    const newLast = lastToken(replacement);
    if (!newLast) throw new Error('A re-parsed block without tokens.');
    const delta = newLast.end - oldEndOffset;

    // Lines and columns come from the root's text: give it the new text before asking.
    setRootText(root, newText);
    let lineDelta = 0;
    let columnDelta = 0;
    if (oldEnd) {
        const newEnd = tokenRange(root, newLast.offset, newLast.length).end;
        lineDelta = newEnd.line - oldEnd.line;
        columnDelta = newEnd.character - oldEnd.character;
    }
    // Without positions (many blocks at once), later tokens stay put only if the block's line
    // breaks are where they were.
    const nothingMoves = oldEnd ? delta === 0 && lineDelta === 0 && columnDelta === 0
        : delta === 0 && sameLineBreaks(oldBlockText, newText.slice(startOffset, newLast.end));

    if (nothingMoves) {
        // Same length, same lines (a digit retyped): nothing outside the block moves.
        for (let node: CompositeCstNode | undefined = target; node; node = node.container) forgetCachedRange(node);
    } else {
        const stack: CstNode[] = [root];
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (isCompositeCstNode(node)) {
                // A subtree that ends before the edited block keeps its place: skip it whole.
                if (node !== root && (lastToken(node)?.end ?? 0) <= startOffset) continue;
                forgetCachedRange(node);
                for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
                continue;
            }
            if (node.offset >= oldEndOffset) moveLeaf(node, delta);
        }
    }

    const content = target.content;
    const leading = content.slice(0, content.indexOf(firstChildWithToken(target)!)).filter(child => child.hidden);
    const trailing = content.slice(content.indexOf(lastChildWithToken(target)!) + 1).filter(child => child.hidden);
    replaceChildren(target, [...leading, ...replacement.content, ...trailing]);
    return { oldEndOffset, oldEndLine: oldEnd?.line ?? Number.NaN, oldEndColumn: oldEnd?.character ?? Number.NaN, delta, lineDelta, columnDelta };
}

/** Whether two texts of the same length have the same line breaks (CR and LF) at the same places. */
function sameLineBreaks(a: string, b: string): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if ((x === 10 || x === 13 || y === 10 || y === 13) && x !== y) return false;
    }
    return true;
}

/** Offsets of a block parsed alone, moved to where the block sits in the document. */
function relocate(replacement: RootCstNode, startOffset: number): void {
    forEachNode(replacement, node => {
        if (!isCompositeCstNode(node)) moveLeaf(node, startOffset);
    });
}

/** Depth-first over a CST, without recursion (agreements nest deeply in formulas). */
function forEachNode(root: CstNode, visit: (node: CstNode) => void): void {
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        visit(node);
        if (isCompositeCstNode(node)) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
    }
}

function firstChildWithToken(node: CompositeCstNode): CstNode | undefined {
    return node.content.find(child => !child.hidden && (!isCompositeCstNode(child) || firstToken(child)));
}

function lastChildWithToken(node: CompositeCstNode): CstNode | undefined {
    return node.content.findLast(child => !child.hidden && (!isCompositeCstNode(child) || lastToken(child)));
}

function firstToken(node: CstNode): LeafCstNode | undefined {
    if (!isCompositeCstNode(node)) return node.hidden ? undefined : node as LeafCstNode;
    for (const child of node.content) {
        const token = firstToken(child);
        if (token) return token;
    }
    return undefined;
}

function lastToken(node: CstNode): LeafCstNode | undefined {
    if (!isCompositeCstNode(node)) return node.hidden ? undefined : node as LeafCstNode;
    for (let i = node.content.length - 1; i >= 0; i--) {
        const token = lastToken(node.content[i]);
        if (token) return token;
    }
    return undefined;
}
