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
export interface TouchedBlock {
    node: AstNode;
    oldStart: number;
    oldEnd: number;
    start: number;
    end: number;
    /** Every edit in it only retyped a number (number-edit.ts). */
    numberOnly: boolean;
}

/**
 * The blocks many edits (a burst, built at once) touched, in the order of the file, each with
 * its place in the built text and in the newest one. Nothing when an edit is not strictly
 * inside one block, or when blocks nest.
 */
export function touchedBlocks(document: LangiumDocument, edits: readonly LoggedEdit[]): TouchedBlock[] | undefined {
    // Sorted and apart, so the blocks near an edit are found by bisection: a request during a
    // burst reads every change since the last build (thousands), in up to hundreds of blocks.
    const touched: TouchedBlock[] = [];
    for (const edit of edits) {
        const delta = edit.text.length - (edit.end - edit.start);
        // The last block that starts before the edit, and the one after it.
        const at = firstStartingAtOrAfter(touched, edit.start) - 1;
        let index = at;
        let block = touched[at];
        if (!block || !(block.start < edit.start && edit.end < block.end)) {
            // Outside every block touched so far, the text is the built one, moved by what changed before.
            const after = touched[at + 1];
            if ((block && edit.start <= block.end) || (after && after.start <= edit.end)) return undefined;
            let before = 0;
            for (let i = 0; i <= at; i++) before += (touched[i]!.end - touched[i]!.start) - (touched[i]!.oldEnd - touched[i]!.oldStart);
            const node = blockAround(document, { start: edit.start - before, oldEnd: edit.end - before }, edit.block);
            if (!node?.$cstNode) return undefined;
            const oldStart = node.$cstNode.offset;
            const oldEnd = node.$cstNode.end;
            // Nested blocks: one that holds or is in another touched one overlaps a neighbour.
            if ([block, after].some(b => b && oldStart < b.oldEnd && b.oldStart < oldEnd)) return undefined;
            block = { node, oldStart, oldEnd, start: oldStart + before, end: oldEnd + before, numberOnly: true };
            index = at + 1;
            touched.splice(index, 0, block);
        }
        if (!edit.numberOnly) block.numberOnly = false;
        if (delta === 0) continue;
        block.end += delta;
        for (let i = index + 1; i < touched.length; i++) {
            touched[i]!.start += delta;
            touched[i]!.end += delta;
        }
    }
    return touched;
}

/** The index of the first block that starts at or after `offset` (blocks sorted by start). */
function firstStartingAtOrAfter(blocks: readonly TouchedBlock[], offset: number): number {
    let low = 0;
    let high = blocks.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (blocks[middle]!.start < offset) low = middle + 1;
        else high = middle;
    }
    return low;
}

/**
 * Splits many edits (a burst, built at once) into one re-parse per block they touched, in
 * the order of the file. Each step turns the text before it into the text with one more
 * block changed, so each is the single-block update the incremental path already makes.
 * Nothing (the caller re-parses the file) when an edit is not strictly inside one block,
 * when blocks nest, or when a block's new text does not parse alone with the same names.
 */
export function planBlockSteps(document: LangiumDocument, oldText: string, newText: string, edits: readonly LoggedEdit[], parser: LangiumParser): BlockStep[] | undefined {
    const touched = touchedBlocks(document, edits);
    if (!touched) return undefined;
    return stepsFor(touched, touched, oldText, newText, parser)?.steps;
}

/**
 * The re-parses of `chosen` (some of `touched`, in the order of the file), and the text they
 * give: the built text with those blocks changed. With every touched block chosen, the log
 * is checked: the steps must give exactly the editor's text. Nothing when a block's new text
 * does not parse alone with the same names.
 */
export function stepsFor(touched: readonly TouchedBlock[], chosen: readonly TouchedBlock[], oldText: string, newText: string, parser: LangiumParser): { steps: BlockStep[]; text: string } | undefined {
    // The text the steps give, in pieces: the built text between blocks, each chosen block's new text.
    // (Building each step's whole text copied the file once per block: 200 KB per block on a
    // 5,000-line file, most of a burst's garbage.)
    const pieces: string[] = [];
    const reparses: Array<{ reparse: BlockReparse; oldBlockText: string }> = [];
    let copied = 0;
    for (const block of chosen) {
        const blockText = newText.slice(block.start, block.end);
        const reparse = parseBlock(block.node, blockText, parser);
        if (!reparse) return undefined;
        pieces.push(oldText.slice(copied, block.oldStart), blockText);
        copied = block.oldEnd;
        reparses.push({ reparse, oldBlockText: oldText.slice(block.oldStart, block.oldEnd) });
    }
    pieces.push(oldText.slice(copied));
    const text = chosen.length === touched.length ? newText : pieces.join('');
    // The log is a hint: all its blocks changed must give exactly the editor's text.
    if (!givesText(touched, oldText, newText)) return undefined;
    return { steps: reparses.map(({ reparse, oldBlockText }) => ({ reparse, text, oldBlockText })), text };
}

/** Whether the touched blocks' new texts, put in place of their old ones, give `newText` (the log is a hint). */
export function givesText(touched: readonly TouchedBlock[], oldText: string, newText: string): boolean {
    let copied = 0;
    let at = 0;
    for (const block of touched) {
        const between = block.oldStart - copied;
        if (block.start - at !== between || !regionEquals(oldText, copied, newText, at, between)) return false;
        copied = block.oldEnd;
        at = block.end;
    }
    return oldText.length - copied === newText.length - at && regionEquals(oldText, copied, newText, at, oldText.length - copied);
}

function regionEquals(a: string, aFrom: number, b: string, bFrom: number, length: number): boolean {
    // Slices of a flat string are views in V8, not copies.
    return a.slice(aFrom, aFrom + length) === b.slice(bFrom, bFrom + length);
}

/** The built text with the new texts of `chosen` (some touched blocks, in the order of the file) in place. */
export function textWith(chosen: readonly TouchedBlock[], oldText: string, newText: string): string {
    const pieces: string[] = [];
    let copied = 0;
    for (const block of chosen) {
        pieces.push(oldText.slice(copied, block.oldStart), newText.slice(block.start, block.end));
        copied = block.oldEnd;
    }
    pieces.push(oldText.slice(copied));
    return pieces.join('');
}
