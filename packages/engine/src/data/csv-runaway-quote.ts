/**
 * A quote left open in a CSV file: the field it opens runs on over the line breaks after it
 * (RFC 4180 allows them in quotes) until the next quote in the file, or to the end of the file,
 * and every record on those lines becomes part of one malformed record. Skipping that record
 * (--skip-invalid) would lose hundreds of rows as "1 rejected"; so a malformed record whose
 * quoted field spans several physical lines stops the evaluation, naming the span. A
 * malformed record on one line (`"a"b,…`) stays an ordinary invalid row, and a well-formed
 * quoted field with line breaks is read as ever.
 */

/** The quoted field of a malformed record (CsvRecordScanner.problemQuote). */
export interface QuotedSpan {
    /** 1-based field index in the record */
    field: number;
    /** buffer offset of its opening quote; -1: the problem is not a quoted field's */
    quote: number;
    /** buffer offset where its text ends: the quote that closes it, or the end of the file */
    end: number;
    /** closed by a quote (followed by other text than a separator), or not closed before the end of the file */
    closed: boolean;
}

const LF = 0x0a, CR = 0x0d;

/** Line ends in bytes [from, to): LF, CRLF (one) and lone CR, as the scanner counts lines. */
function lineEndsBetween(bytes: Uint8Array, from: number, to: number): number {
    let count = 0;
    for (let k = from; k < to; k++) {
        const c = bytes[k];
        if (c === LF || (c === CR && bytes[k + 1] !== LF)) count++;
    }
    return count;
}

/**
 * Why the malformed record starting at `recordStart` (physical line `recordLine`) must not be
 * skipped: its quoted field `span` runs over several lines. Undefined when it stays on one line.
 */
export function runawayQuoteProblem(bytes: Uint8Array, recordStart: number, recordLine: number, span: QuotedSpan): string | undefined {
    if (span.quote < 0) return undefined;
    // Line ends at the end of the file close no line of the span: an open quote on the last line swallows nothing.
    let end = span.end;
    if (!span.closed) while (end > span.quote && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
    const opened = recordLine + lineEndsBetween(bytes, recordStart, span.quote);
    const last = opened + lineEndsBetween(bytes, span.quote, end);
    if (last === opened) return undefined;
    const where = span.closed ? `runs to line ${last}` : `runs to the end of the file (line ${last}) without a closing quote`;
    const swallowed = last === opened + 1 ? `line ${last}` : `lines ${opened + 1}–${last}`;
    return `the quoted field opened on line ${opened}, column ${span.field} ${where}: a quote is probably missing its closing quote (or a quote inside the value is not doubled: ""). The record would swallow ${swallowed}, so it is not skipped, even with --skip-invalid: correct the quotes in the file`;
}
