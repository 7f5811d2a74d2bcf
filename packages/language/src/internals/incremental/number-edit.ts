/**
 * Whether an edit within one line only retypes a number (`99.9` → `99.8`, `30` → `45`): the
 * text around it lexes to the same tokens but for that number's value, so the file declares
 * the same names and parses to the same structure. A burst of such edits elsewhere in a file
 * cannot change a hover's or a completion's answer in another block, unless that block refers
 * to the edited one (SlaDocumentBuilder.readyForPlace checks that).
 *
 * `line` is the line's text before the edit, `[from, to)` the replaced columns, `text` the new
 * text. Conservative: a number touching a letter, `_`, `.`, `:` or `-` (identifiers, dates,
 * times, minus signs) or after a quote or a backslash on the line (it may be in a string)
 * does not count.
 */
export function retypesNumber(line: string, from: number, to: number, text: string): boolean {
    if (/[\r\n]/.test(text) || from < 0 || to > line.length || from > to) return false;
    const after = line.slice(0, from) + text + line.slice(to);
    return isNumberAt(line, from, to) && isNumberAt(after, from, from + text.length);
}

/** The run of word characters, dots, colons and dashes around `[from, to)` is exactly one number. */
function isNumberAt(line: string, from: number, to: number): boolean {
    let start = from;
    let end = to;
    while (start > 0 && WORDISH.test(line[start - 1]!)) start--;
    while (end < line.length && WORDISH.test(line[end]!)) end++;
    if (!NUMBER.test(line.slice(start, end))) return false;
    // In a string, a number is text (and a holiday's name is a string).
    const before = line.slice(0, start);
    return !before.includes('"') && !before.includes('\\');
}

const WORDISH = /[\w.:-]/;
/** The grammar's NUMBER terminal, whole. */
const NUMBER = /^\d+(\.\d+)?$/;
