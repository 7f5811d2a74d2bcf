import { AstUtils, type AstNode, type CstNode } from 'langium';
import { keywordNode } from './report.js';
import type { Range } from 'vscode-languageserver-types';

/** One text edit of a quick fix, in the document the diagnostic belongs to. */
export interface FixEdit {
    range: Range;
    newText: string;
}

/**
 * A mechanical fix computed by the check that found the problem and carried in the
 * diagnostic's `data`, so the code-action provider does not re-derive it.
 */
export interface QuickFix {
    title: string;
    edits: FixEdit[];
    /** The fix an editor may apply with one key (at most one per diagnostic). */
    preferred?: boolean;
}

/** What SLA diagnostics carry in `data`. */
export interface SlaDiagnosticData {
    code: string;
    fixes?: QuickFix[];
    /** The dataset whose declared file the diagnostic is about: evaluation given another file for it (`--data`) does not stop on it. */
    dataset?: string;
}

export function isSlaDiagnosticData(data: unknown): data is SlaDiagnosticData {
    return typeof data === 'object' && data !== null && typeof (data as SlaDiagnosticData).code === 'string'
        && (data as SlaDiagnosticData).code.startsWith('sla/');
}

export function replaceNode(node: CstNode, newText: string): FixEdit {
    return { range: node.range, newText };
}

export function insertAfterNode(node: CstNode, text: string): FixEdit {
    return { range: { start: node.range.end, end: node.range.end }, newText: text };
}

export function insertBeforeNode(node: CstNode, text: string): FixEdit {
    return { range: { start: node.range.start, end: node.range.start }, newText: text };
}

/**
 * Inserts `lines` at the start of a block (after its `{`), each on its own line one indentation
 * step in from the line the block starts on; undefined while the block has no brace.
 */
export function insertLinesAfterBrace(block: AstNode, lines: readonly string[]): FixEdit | undefined {
    const brace = keywordNode(block, '{');
    if (!brace) return undefined;
    const indent = ' '.repeat((block.$cstNode?.range.start.character ?? 0) + 4);
    return insertAfterNode(brace, lines.map(line => `\n${indent}${line}`).join(''));
}

/**
 * Removes a node. On lines of its own it takes them, line breaks included. Beside other text
 * it takes only the node and the blanks that part it from that text: a comment after it stays
 * (on its line), and so do the statements that share its line.
 */
export function removeNode(node: CstNode): FixEdit {
    const { before, after } = textBeside(node);
    if (before.trim() === '' && after.trim() === '') return removeLines(node);
    const { start, end } = node.range;
    const blanksBefore = before.length - before.trimEnd().length;
    const blanksAfter = after.length - after.trimStart().length;
    // Followed by more text, the blanks up to it go with the node; last on its line, the blanks before it.
    const startCharacter = after.trim() === '' ? start.character - blanksBefore : start.character;
    return { range: { start: { line: start.line, character: startCharacter }, end: { line: end.line, character: end.character + blanksAfter } }, newText: '' };
}

/**
 * The node's text with the comment written after it (`valid from … // pilot phase`), when nothing
 * else shares its lines: what a fix that moves the node elsewhere takes along. Undefined beside other text.
 */
export function textWithComment(node: CstNode): string | undefined {
    const { before, after } = textBeside(node);
    if (before.trim() !== '') return undefined;
    if (after.trim() === '') return node.text;
    return after.trim().startsWith('//') ? `${node.text}${after.trimEnd()}` : undefined;
}

/** Removes the lines a node stands on, line breaks included (for a node on lines of its own: see removeNode). */
export function removeLines(node: CstNode): FixEdit {
    return { range: { start: { line: node.range.start.line, character: 0 }, end: { line: node.range.end.line + 1, character: 0 } }, newText: '' };
}

/** The text before the node on its first line and after it on its last one (without the line break). */
function textBeside(node: CstNode): { before: string; after: string } {
    const text = node.root.fullText;
    const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
    const lineEnd = text.indexOf('\n', node.end);
    return { before: text.slice(lineStart, node.offset), after: text.slice(node.end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '') };
}

/**
 * Whether the parser stopped inside the node or right at its end (`Developer: <= 5` and the next
 * line's `Business: <= 3` without a comma between them): the node holds less than was written, and
 * a fix placed by it would land in the middle of the rest.
 */
export function cutShortBySyntaxError(node: AstNode): boolean {
    const cst = node.$cstNode;
    const parseResult = AstUtils.findRootNode(node).$document?.parseResult;
    if (!cst || !parseResult) return false;
    const inside = (offset: number | undefined) => offset !== undefined && offset >= cst.offset && offset <= cst.end;
    return parseResult.parserErrors.some(error => inside(error.token.startOffset)) || parseResult.lexerErrors.some(error => inside(error.offset));
}

export function fix(title: string, edits: FixEdit[], preferred = false): QuickFix {
    return preferred ? { title, edits, preferred } : { title, edits };
}

/**
 * The fixes of a "Did you mean 'X'?": one "Write 'X'" per word suggested, each replacing `node`,
 * the first preferred (unless `firstPreferred` is false: another suggestion is as near). None without the node.
 */
export function writeFixes(node: CstNode | undefined, words: readonly string[], firstPreferred = true): QuickFix[] {
    return node === undefined ? [] : words.map((word, i) => fix(`Write '${word}'`, [replaceNode(node, word)], firstPreferred && i === 0));
}
