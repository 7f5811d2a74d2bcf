/**
 * Langium finds the grammar features at the cursor by re-parsing the whole text before it:
 * on a 5,000-line agreement that costs hundreds of milliseconds per keystroke. The features
 * only depend on the statement being typed and the blocks around it, so we parse a short
 * equivalent text: a synthetic header for each enclosing block, then the statement so far.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isAgreement, isCalendar, isCredit, isDataset, isMaintenance, isService } from '../generated/ast.js';

function isBlock(node: AstNode): boolean {
    return isAgreement(node) || isService(node) || isCalendar(node) || isMaintenance(node) || isDataset(node) || isCredit(node);
}

/** A header that opens the same kind of block: the parser is then in the same state as after the real `{`. */
function syntheticHeader(block: AstNode): string {
    if (isAgreement(block)) return 'agreement A {\n';
    if (isService(block)) return 'service S {\n';
    if (isCalendar(block)) return 'calendar C {\n';
    if (isMaintenance(block)) return 'maintenance M {\n';
    if (isDataset(block)) return 'dataset D from "d" {\n';
    return 'credit for K {\n';
}

/** Members of a block in source order (what its `{ … }` holds). */
function blockMembers(block: AstNode): AstNode[] {
    return AstUtils.streamContents(block).filter(child => !!child.$cstNode).toArray();
}

/**
 * The short text whose end puts the parser where `offset` puts it in `document`, and the
 * offset in it; undefined when the cursor is not inside a block (the text is short there).
 */
export function shortCompletionText(document: LangiumDocument, offset: number): { text: string; offset: number } | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const full = document.textDocument.getText();
    const leaf = CstUtils.findLeafNodeBeforeOffset(root, offset);
    if (!leaf) return undefined;
    // The innermost block whose `{` is before the cursor and whose `}` (if any) is not.
    let block: AstNode | undefined;
    for (let node: AstNode | undefined = leaf.astNode; node; node = node.$container) {
        if (!isBlock(node) || !node.$cstNode) continue;
        const cst = node.$cstNode;
        const open = full.indexOf('{', cst.offset);
        const closed = cst.text.trimEnd().endsWith('}');
        if (open >= 0 && open < offset && (!closed || cst.end > offset)) {
            block = node;
            break;
        }
    }
    if (!block?.$cstNode) return undefined;
    const open = full.indexOf('{', block.$cstNode.offset);
    let start = open + 1;
    for (const member of blockMembers(block)) {
        const cst = member.$cstNode!;
        if (cst.offset >= offset) break;
        // From the start of the last statement before the cursor, not its end: the cursor may
        // still continue it (`objective … per calendar month` + `for each region`).
        start = cst.offset;
    }
    const headers: string[] = [];
    for (let node: AstNode | undefined = block; node; node = node.$container) {
        if (isBlock(node)) headers.unshift(syntheticHeader(node));
    }
    const prefix = headers.join('');
    return { text: prefix + full.slice(start, offset), offset: prefix.length + (offset - start) };
}
