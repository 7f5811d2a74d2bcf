/**
 * A text's line-ending style: CRLF when most of its line breaks are `\r\n` (a file saved on
 * Windows), else LF. The formatter writes its line breaks in it, so that a CRLF file stays CRLF
 * rather than getting LF on the lines it re-indents.
 */
export function lineEndingOf(text: string): '\r\n' | '\n' {
    const all = text.match(/\n/g)?.length ?? 0;
    const crlf = text.match(/\r\n/g)?.length ?? 0;
    return crlf * 2 > all ? '\r\n' : '\n';
}

/** Every line break of `text` (`\r\n` or `\n`) written as `eol`. */
export function withLineEndings(text: string, eol: '\r\n' | '\n'): string {
    return text.replace(/\r?\n/g, eol);
}
