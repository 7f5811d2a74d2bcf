import { AbstractCstNode, type AstNode, type CstNode, type LeafCstNode, type RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { replaceRootText } from '../langium-private.js';

type TokenType = LeafCstNode['tokenType'];

/**
 * CST leaves that store only their offset and length, and work out line and column from the
 * document text when asked.
 *
 * Langium's leaf keeps start and end line and column as four more fields; with the container,
 * grammar source, token type and flags that made 104 bytes per token. The language server
 * keeps the CST of every file in the workspace (about 390,000 tokens on a 50k-line portfolio),
 * so the four fields were 12 MB of its heap. Positions are asked for far less often than they
 * are stored: for diagnostics, hovers, highlighting, formatting. Each such question costs a
 * walk to the root and a binary search in the root's line starts, computed once per text.
 *
 * A side benefit: moving a leaf (the incremental re-parse) only changes its offset.
 */
export class OffsetLeafCstNode extends AbstractCstNode {
    constructor(
        /** Offset of the first character in the document text (moveLeaf moves it). */
        public _offset: number,
        private readonly _length: number,
        private readonly _tokenType: TokenType,
        private readonly _hidden: boolean
    ) {
        super();
    }

    get offset(): number {
        return this._offset;
    }
    get length(): number {
        return this._length;
    }
    get end(): number {
        return this._offset + this._length;
    }
    get hidden(): boolean {
        return this._hidden;
    }
    get tokenType(): TokenType {
        return this._tokenType;
    }
    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }
    get range(): Range {
        return tokenRange(this.root, this._offset, this._length);
    }
}

/** Moves a leaf of a lean tree by `delta` characters (an incremental re-parse moves the tokens after an edit). */
export function moveLeaf(leaf: CstNode, delta: number): void {
    if (!(leaf instanceof OffsetLeafCstNode)) throw new Error('Only the leaves of a lean syntax tree can move.');
    leaf._offset += delta;
}

/** Replaces the text of a CST's root (after an incremental re-parse) and forgets its line starts. */
export function setRootText(root: RootCstNode, text: string): void {
    replaceRootText(root, text);
    lineStartsByRoot.delete(root);
}

/**
 * The range of a token as Langium's leaves report it, from Chevrotain's token positions: the
 * start is the position of the first character; the end is just after the last character,
 * on the last character's line (so a token that ends in a line break ends on that line).
 */
export function tokenRange(root: RootCstNode, offset: number, length: number): Range {
    const text = root.fullText;
    if (text === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const lineStarts = lineStartsOf(root, text);
    const startLine = lineAt(lineStarts, offset);
    const start = { line: startLine, character: offset - lineStarts[startLine] };
    if (length === 0) return { start, end: { ...start } };
    const last = offset + length - 1;
    const endLine = last < lineStarts[startLine + 1] || startLine + 1 >= lineStarts.length ? startLine : lineAt(lineStarts, last);
    return { start, end: { line: endLine, character: last - lineStarts[endLine] + 1 } };
}

function lineStartsOf(root: RootCstNode, text: string): Int32Array {
    let lineStarts = lineStartsByRoot.get(root);
    if (!lineStarts) {
        lineStarts = computeLineStarts(text);
        lineStartsByRoot.set(root, lineStarts);
    }
    return lineStarts;
}

/** Where each line starts; a line ends at `\n`, `\r\n` or a lone `\r`, as Chevrotain counts lines. */
function computeLineStarts(text: string): Int32Array {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 13 /* \r */) {
            if (text.charCodeAt(i + 1) === 10) i++;
            starts.push(i + 1);
        } else if (code === 10 /* \n */) {
            starts.push(i + 1);
        }
    }
    return Int32Array.from(starts);
}

/** The last line that starts at or before `offset`. */
function lineAt(lineStarts: Int32Array, offset: number): number {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >>> 1;
        if (lineStarts[middle] <= offset) low = middle;
        else high = middle - 1;
    }
    return low;
}

const lineStartsByRoot = new WeakMap<RootCstNode, Int32Array>();
