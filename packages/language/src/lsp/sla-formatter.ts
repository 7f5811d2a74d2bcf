/**
 * Formatting: one statement per line, blocks indented by one level, one space between the
 * words of a statement (`99.9%` stays glued, commas hug the word before), a formula or a
 * `measured by` that starts on its own line is indented one level deeper than its statement;
 * the lines of `by plan { … }` are indented one level inside their statement (the closing `}` at the
 * statement's) and read `Plan: target`.
 * Inside formulas and between a field's name and type (aligned in columns by authors) the
 * layout is left as written. Blank lines between statements are kept.
 * A comment on its own line is indented as the statement after it; a block comment of several
 * lines is moved as a whole: each of its lines shifted by as many columns as its first (none
 * left of the margin, blank lines inside it left alone), so the text and the alignment within
 * it stay as written. Line breaks are written in the document's style (CRLF or LF, line-endings.ts).
 */
import { CstUtils, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext, type NodeFormatter } from 'langium/lsp';
import type { DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import type { LangiumDocument, TextDocument } from 'langium';
import {
    isAgreement, isCalendar, isClause, isCredit, isDataset, isDocument, isFee, isKpi, isMaintenance, isPlanTarget, isPlanTargets, isService,
    type PlanTargets
} from '../generated/ast.js';
import { isEachObjective, type EachObjective } from '../model/each-objective.js';
import { editsWithinLines, selectedLines } from './edits-within-lines.js';
import { lineEndingOf, withLineEndings } from './line-endings.js';

/** Statements written on one line whose words are separated by exactly one space. */
const ONE_LINE_STATEMENTS = new Set([
    'Import', 'Party', 'Validity', 'TimezoneDeclaration', 'FiscalYear', 'Fee', 'Objective', 'InternalTarget', 'CreditTier', 'WorkingHours',
    'CalendarException', 'HolidaySet', 'RecurringSlot', 'OneOffSlot', 'NthWeekdaySlot', 'Notice', 'AsNeeded', 'RequestedByCustomer',
    'ClaimDeadline', 'MinimumCredit', 'CreditSettlement', 'EarnBack', 'RepeatEscalation',
    'CsvSeparator', 'DecimalMark', 'CsvEncoding', 'RowKey',  // a dataset's CSV dialect and key
    'Parameter', 'TemplateArguments', 'ClientScope',  // templates and client agreements
    'Termination', 'CreditsCap'
]);

function isBlock(node: AstNode): boolean {
    return isAgreement(node) || isService(node) || isCalendar(node) || isMaintenance(node) || isDataset(node) || isCredit(node);
}

export class SlaFormatter extends AbstractFormatter {
    /**
     * Format Selection (also format on save of modified lines, format on paste): Format Document's
     * edits on the selected lines only. Langium's own range formatting skips the statements outside
     * the range, so a comment lost its block's indentation and edits reached unselected lines.
     */
    override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        if (!this.isFormatRangeErrorFree(document, params.range)) return [];
        const edits = this.doDocumentFormat(document, params.options);
        return editsWithinLines(document.textDocument, edits, selectedLines(params.range));
    }

    /**
     * Langium writes every line break as `\n`: in a CRLF document the lines it re-indents would end
     * in LF and the others in CRLF. The edits' breaks are written in the document's style first.
     */
    protected override avoidOverlappingEdits(textDocument: TextDocument, textEdits: TextEdit[]): TextEdit[] {
        const eol = lineEndingOf(textDocument.getText());
        return super.avoidOverlappingEdits(textDocument, eol === '\n' ? textEdits : textEdits.map(edit => ({ ...edit, newText: withLineEndings(edit.newText, eol) })));
    }

    /**
     * An edit is needed when it changes the text, line breaks included: Langium ignores `\r`, so a
     * line ending in LF among CRLF lines was taken as formatted (and `sla format --check` passed it).
     */
    protected override isNecessary(edit: TextEdit, document: TextDocument): boolean {
        return edit.newText !== document.getText(edit.range);
    }

    /**
     * A comment on a line of its own, re-indented as the statement after it. Langium counts
     * indentation in characters: with tabs, the two tabs of a statement two levels in are 2, so a
     * comment indented with 8 spaces was taken as in place, and a block comment's later lines were
     * shifted by that count (a comment at column 8 went to column 2). Here indentation is measured
     * in columns (a tab to the next tab stop) and written in the options' style; every line of a
     * block comment moves by the same number of columns (but not left of column 0), and a blank
     * line of the comment gets no trailing spaces.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const lines = hidden.text.split(/\r\n|\r|\n/);
        const start = hidden.range.start;
        // A comment after a word on the same line stays where it is.
        if (previous && previous.range.end.line === start.line) return [];
        const startRange = { start: { line: start.line, character: 0 }, end: start };
        const before = context.document.getText(startRange);
        if (/[^ \t]/.test(before)) return [];
        const { tabSize, insertSpaces } = context.options;
        const counted = this.getIndentationCharacterCount(context, this.findFittingMove(startRange, formatting?.moves ?? [], context));
        // Langium's count is of characters: a level is tabSize spaces, or one tab.
        const expected = insertSpaces ? counted : counted * tabSize;
        const indentation = indentationText(expected, tabSize, insertSpaces);
        if (indentation === before) return [];
        const shift = expected - indentationWidth(before, tabSize);
        const edits: TextEdit[] = [{ range: startRange, newText: indentation }];
        lines.forEach((text, i) => {
            if (i === 0) return;
            const leading = /^[ \t]*/.exec(text)![0];
            if (leading.length === text.length) return; // a blank line of the comment
            const newText = indentationText(Math.max(0, indentationWidth(leading, tabSize) + shift), tabSize, insertSpaces);
            if (newText === leading) return;
            const line = start.line + i;
            edits.push({ range: { start: { line, character: 0 }, end: { line, character: leading.length } }, newText });
        });
        return edits;
    }

    protected format(node: AstNode): void {
        if (isDocument(node)) {
            const formatter = this.getNodeFormatter(node);
            const children = [...node.imports, ...node.elements];
            children.forEach((child, i) => formatter.node(child).prepend(i === 0 ? Formatting.noSpace() : Formatting.newLine({ allowMore: true })));
            return;
        }
        if (isBlock(node)) this.formatBlock(node);
        if (isFee(node) && node.source) this.formatFeeFormula(node, node.source);
        else if (ONE_LINE_STATEMENTS.has(node.$type) && !isEachObjective(node)) this.oneSpaceBetweenWords(node, node.$cstNode);
        if (isKpi(node)) this.formatKpi(node);
        if (isClause(node)) this.formatClause(node);
        if (isEachObjective(node)) this.formatEachObjective(node);
        if (isPlanTargets(node)) this.formatPlanTargets(node);
    }

    /**
     * `by plan { … }` written over several lines: a plan (or a comment) that starts a line goes one
     * level inside the statement's indentation, a `}` on a line of its own at the statement's. A plan
     * or `}` after a word on its line keeps its place (`by plan { Premium: >= 99.9%, Enterprise: >= 99.95% }`).
     */
    private formatPlanTargets(node: PlanTargets): void {
        const cst = node.$cstNode;
        if (!cst) return;
        const formatter = this.getNodeFormatter(node);
        // Comments included: a plan after a comment on its line is not at the start of the line.
        const leaves = CstUtils.streamCst(cst).filter(isLeafCstNode).toArray();
        const open = leaves.findIndex(leaf => !leaf.hidden && leaf.text === '{');
        if (open < 0) return;
        const firstLeaves = new Map(node.targets.flatMap(target => {
            const first = target.$cstNode && leaves.find(leaf => !leaf.hidden && leaf.offset >= target.$cstNode!.offset);
            return first ? [[first, target.$cstNode!] as const] : [];
        }));
        for (let i = open + 1; i < leaves.length; i++) {
            const leaf = leaves[i]!;
            const atLineStart = leaf.range.start.line !== leaves[i - 1]!.range.end.line;
            const isClose = !leaf.hidden && leaf.text === '}' && leaf.astNode === node;
            if (atLineStart) {
                if (isClose) formatter.cst([leaf]).prepend(Formatting.newLine({ allowMore: true }));
                else if (leaf.hidden) formatter.cst([leaf]).prepend(Formatting.indent({ allowMore: true }));
                else {
                    const target = firstLeaves.get(leaf);
                    if (target) formatter.cst([target]).prepend(Formatting.indent({ allowMore: true }));
                }
            }
            if (isClose) break;
        }
    }

    /** `objective each tickets by id where …: Kpi <= 4 hours per …`: one space between words, the condition (a formula) as written, `:` glued to it. */
    private formatEachObjective(node: EachObjective): void {
        const cst = node.$cstNode;
        if (!cst) return;
        const formatter = this.getNodeFormatter(node);
        const condition = node.items.condition?.$cstNode;
        const leaves = CstUtils.streamCst(cst).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden).toArray();
        const inCondition = (leaf: CstNode): boolean => condition !== undefined && leaf.offset >= condition.offset && leaf.end <= condition.end;
        const colon = leaves.findIndex(leaf => leaf.text === ':' && !inCondition(leaf));
        const words = leaves.filter(leaf => !inCondition(leaf) || leaf.offset === condition?.offset);
        this.spaceWords(formatter, words.filter(leaf => leaf !== leaves[colon]));
        if (colon > 0) {
            formatter.cst([leaves[colon]!]).prepend(Formatting.noSpace());
            const next = leaves[colon + 1];
            if (next && next.range.start.line === leaves[colon]!.range.end.line) formatter.cst([next]).prepend(Formatting.oneSpace());
        }
    }

    /** `head {`, members one per line one level in, `}` on its own line. Credit heads are one-line statements too. */
    private formatBlock(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(Formatting.oneSpace());
        close.prepend(Formatting.newLine());
        const openNode = open.nodes[0];
        const closeNode = close.nodes[0];
        const cst = node.$cstNode;
        if (!openNode || !cst || !isCompositeCstNode(cst)) return;
        formatter.interior(open, close).prepend(Formatting.indent({ allowMore: true }));
        // A keyword statement written straight into the block (`format csv`): its value follows its keyword.
        // The braces' own parent: the node's CST may be wrapped in rule calls (`TopLevelElement`).
        for (const child of openNode.container?.content ?? []) {
            if (child.astNode === node && !child.hidden && child.offset > openNode.offset && (!closeNode || child.offset < closeNode.offset) && child.text !== 'format') {
                formatter.cst([child]).prepend(Formatting.oneSpace());
            }
        }
        // The words of the head: `credit for Availability per calendar month, capped at 50% of fee`.
        const head = CstUtils.streamCst(cst).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden && leaf.end <= openNode.offset).toArray();
        this.spaceWords(formatter, head);
    }

    private formatKpi(node: AstNode & { formula?: AstNode }): void {
        const formatter = this.getNodeFormatter(node);
        const equals = formatter.keyword('=');
        equals.prepend(Formatting.oneSpace());
        if (node.formula) formatter.node(node.formula).prepend(Formatting.fit(Formatting.oneSpace(), Formatting.indent()));
        const head = CstUtils.streamCst(node.$cstNode!).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden && (!equals.nodes[0] || leaf.end <= equals.nodes[0].offset)).toArray();
        this.spaceWords(formatter, head);
    }

    /** `fee from <formula>`: the words up to the formula spaced, the formula left as written (as in a KPI). */
    private formatFeeFormula(node: AstNode, formula: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        formatter.node(formula).prepend(Formatting.fit(Formatting.oneSpace(), Formatting.indent()));
        const start = formula.$cstNode?.offset ?? Infinity;
        this.spaceWords(formatter, CstUtils.streamCst(node.$cstNode!).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden && leaf.end <= start).toArray());
    }

    private formatClause(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        const measured = formatter.keyword('measured');
        measured.prepend(Formatting.fit(Formatting.oneSpace(), Formatting.indent()));
        const leaves = CstUtils.streamCst(node.$cstNode!).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden).toArray();
        const measuredAt = leaves.findIndex(leaf => leaf.text === 'measured');
        this.spaceWords(formatter, measuredAt < 0 ? leaves : leaves.slice(0, measuredAt));
        if (measuredAt >= 0) this.spaceWords(formatter, leaves.slice(measuredAt));
    }

    private oneSpaceBetweenWords(node: AstNode, cst: CstNode | undefined): void {
        if (!cst) return;
        const leaves = CstUtils.streamCst(cst).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden).toArray();
        this.spaceWords(this.getNodeFormatter(node), leaves);
    }

    /** One space before every word but the first; none before `%`, `,`, `.` and `)`, none after `.` and `(` (a formula tier). */
    private spaceWords(formatter: NodeFormatter<AstNode>, leaves: CstNode[]): void {
        leaves.forEach((leaf, i) => {
            if (i === 0) return;
            const previous = leaves[i - 1]!;
            // A line break the author put inside a statement (a long list of holidays) is kept.
            if (leaf.range.start.line !== previous.range.end.line) return;
            // A plan's line reads like a label: `Business: <= 4 hours` (a credit tier keeps `below 99% : …`).
            const glued = leaf.text === '%' || leaf.text === ',' || leaf.text === '.' || leaf.text === ')' || previous.text === '.' || previous.text === '('
                || (leaf.text === ':' && isPlanTarget(leaf.astNode));
            formatter.cst([leaf]).prepend(glued ? Formatting.noSpace() : Formatting.oneSpace());
        });
    }
}

/** Columns taken by a line's leading spaces and tabs (a tab advances to the next tab stop). */
function indentationWidth(whitespace: string, tabSize: number): number {
    let width = 0;
    for (const char of whitespace) width = char === '\t' ? (Math.floor(width / tabSize) + 1) * tabSize : width + 1;
    return width;
}

/** Indentation of `width` columns: spaces, or tabs and then spaces for the rest. */
function indentationText(width: number, tabSize: number, insertSpaces: boolean): string {
    return insertSpaces ? ' '.repeat(width) : '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
}
