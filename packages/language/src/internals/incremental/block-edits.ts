import type { AstNode, LangiumDocument, LangiumParser } from 'langium';
import { blockAround, parseBlock, type BlockReparse } from './block-reparse.js';
import type { LoggedEdit } from './text-edit-log.js';

/** One block's part of an update: its re-parse, and the text once this block and those before it changed. */
export interface BlockStep {
    reparse: BlockReparse;
    text: string;
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
    let text = oldText;
    for (const block of touched) {
        const reparse = parseBlock(block.node, newText.slice(block.start, block.end), parser);
        if (!reparse) return undefined;
        // The earlier blocks are already changed in `text`: this one sits at its new start.
        text = text.slice(0, block.start) + newText.slice(block.start, block.end) + text.slice(block.start + (block.oldEnd - block.oldStart));
        steps.push({ reparse, text });
    }
    // The log is a hint: the steps must give exactly the editor's text.
    return text === newText ? steps : undefined;
}
