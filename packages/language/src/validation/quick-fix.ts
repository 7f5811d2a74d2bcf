import type { AstNode, CstNode } from 'langium';
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

/** Removes the lines a node stands on, line breaks included (a statement on lines of its own). */
export function removeLines(node: CstNode): FixEdit {
    return { range: { start: { line: node.range.start.line, character: 0 }, end: { line: node.range.end.line + 1, character: 0 } }, newText: '' };
}

export function fix(title: string, edits: FixEdit[], preferred = false): QuickFix {
    return preferred ? { title, edits, preferred } : { title, edits };
}
