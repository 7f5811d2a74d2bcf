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
            block = { node, oldStart, oldEnd, start: oldStart + before, end: oldEnd + before, numberOnly: true };
            touched.push(block);
            touched.sort((a, b) => a.oldStart - b.oldStart);
        }
        if (!edit.numberOnly) block.numberOnly = false;
        block.end += delta;
        for (const later of touched) {
            if (later.oldStart > block.oldStart) {
                later.start += delta;
                later.end += delta;
            }
        }
    }
    return touched;
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
