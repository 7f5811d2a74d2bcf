import type { AstNode, LangiumDocument, LangiumParser } from 'langium';
import { blockAround, parseBlock, type BlockReparse } from './block-reparse.js';
import type { LoggedEdit } from './text-edit-log.js';

/** One block's part of an update: its re-parse, the newest text, and this block's text before. */
export interface BlockStep {
    reparse: BlockReparse;
    text: string;
    oldBlockText: string;
}

/** A block the edits touched: where it was in the built text, and where it is now. */
interface TouchedBlock {
    node: AstNode;
    oldStart: number;
    oldEnd: number;
    start: number;
    end: number;
}

/**
 * Splits many edits (a burst, built at once) into one re-parse per block they touched, in
 * the order of the file. Each step turns the text before it into the text with one more
 * block changed, so each is the single-block update the incremental path already makes.
 * Nothing (the caller re-parses the file) when an edit is not strictly inside one block,
 * when blocks nest, or when a block's new text does not parse alone with the same names.
 */
export function planBlockSteps(document: LangiumDocument, oldText: string, newText: string, edits: readonly LoggedEdit[], parser: LangiumParser): BlockStep[] | undefined {
    const touched: TouchedBlock[] = [];
    for (const edit of edits) {
        const delta = edit.text.length - (edit.end - edit.start);
        let block = touched.find(b => b.start < edit.start && edit.end < b.end);
        if (!block) {
            // Outside every block touched so far, the text is the built one, moved by what changed before.
            if (touched.some(b => edit.start <= b.end && b.start <= edit.end)) return undefined;
            const before = touched.filter(b => b.end <= edit.start).reduce((sum, b) => sum + (b.end - b.start) - (b.oldEnd - b.oldStart), 0);
            const node = blockAround(document, { start: edit.start - before, oldEnd: edit.end - before });
            if (!node?.$cstNode) return undefined;
            const oldStart = node.$cstNode.offset;
            const oldEnd = node.$cstNode.end;
            if (touched.some(b => oldStart < b.oldEnd && b.oldStart < oldEnd)) return undefined; // nested blocks
            block = { node, oldStart, oldEnd, start: oldStart + before, end: oldEnd + before };
            touched.push(block);
            touched.sort((a, b) => a.oldStart - b.oldStart);
        }
        block.end += delta;
        for (const later of touched) {
            if (later.oldStart > block.oldStart) {
                later.start += delta;
                later.end += delta;
            }
        }
    }
    const steps: BlockStep[] = [];
    // The text the steps give, in pieces: the built text between blocks, each block's new text.
    // (Building each step's whole text copied the file once per block: 200 KB per block on a
    // 5,000-line file, most of a burst's garbage.)
    const pieces: string[] = [];
    let copied = 0;
    for (const block of touched) {
        const blockText = newText.slice(block.start, block.end);
        const reparse = parseBlock(block.node, blockText, parser);
        if (!reparse) return undefined;
        pieces.push(oldText.slice(copied, block.oldStart), blockText);
        copied = block.oldEnd;
        steps.push({ reparse, text: newText, oldBlockText: oldText.slice(block.oldStart, block.oldEnd) });
    }
    pieces.push(oldText.slice(copied));
    // The log is a hint: the steps must give exactly the editor's text.
    return pieces.join('') === newText ? steps : undefined;
}
