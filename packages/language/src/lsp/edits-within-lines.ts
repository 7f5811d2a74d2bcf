/**
 * Format Selection: the edits of Format Document that fall on the selected lines, and none
 * elsewhere. Langium formats a range by skipping the statements outside it, so a comment took
 * its indentation from a block it no longer saw (column 0), and its edits reach past the
 * selection (the line break before a selected line re-indents the line after it). Formatting
 * the whole document and keeping only the selected lines' part gives the same text on those
 * lines as Format Document, and leaves the other lines as they are.
 */
import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'langium';

export interface LineSpan {
    /** 0-based, inclusive. */
    first: number;
    /** 0-based, inclusive. */
    last: number;
}

/**
 * The lines a selection touches. A selection that ends at the start of a line (whole lines
 * selected in an editor, up to the next line's column 0) does not take in that line.
 */
export function selectedLines(range: Range): LineSpan {
    const endsAtLineStart = range.end.character === 0 && range.end.line > range.start.line;
    return { first: range.start.line, last: endsAtLineStart ? range.end.line - 1 : range.end.line };
}

/**
 * The part of each edit that lies on the selected lines. An edit that spans several lines and
 * keeps their number (the break and indentation between two statements) is cut at its line
 * breaks, and each line's piece kept or left; an edit that adds or removes a line break is kept
 * only if it lies wholly on the selected lines, since half of it would not be Format Document's text.
 */
export function editsWithinLines(document: TextDocument, edits: TextEdit[], lines: LineSpan): TextEdit[] {
    return edits.flatMap(edit => {
        const { start, end } = edit.range;
        if (start.line >= lines.first && end.line <= lines.last) return [edit];
        if (end.line < lines.first || start.line > lines.last) return [];
        const before = splitLines(document.getText(edit.range));
        const after = splitLines(edit.newText);
        if (before.length !== after.length) return [];
        const pieces: TextEdit[] = [];
        before.forEach((old, i) => {
            const line = start.line + i;
            if (line < lines.first || line > lines.last) return;
            const fresh = after[i]!;
            const from = i === 0 ? start.character : 0;
            // A line's break belongs to it: rewritten only where it changes (an LF line in a CRLF file).
            const breakChanges = old.lineBreak !== fresh.lineBreak;
            const range = {
                start: { line, character: from },
                end: breakChanges ? { line: line + 1, character: 0 } : { line, character: from + old.text.length }
            };
            const newText = breakChanges ? fresh.text + fresh.lineBreak : fresh.text;
            if (breakChanges || old.text !== fresh.text) pieces.push({ range, newText });
        });
        return pieces;
    });
}

interface LinePiece {
    text: string;
    /** The break that ends it: '' on the last. */
    lineBreak: string;
}

function splitLines(text: string): LinePiece[] {
    const pieces: LinePiece[] = [];
    const lineBreak = /\r\n|\r|\n/g;
    let from = 0;
    for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
        pieces.push({ text: text.slice(from, match.index), lineBreak: match[0] });
        from = match.index + match[0].length;
    }
    pieces.push({ text: text.slice(from), lineBreak: '' });
    return pieces;
}
