/**
 * The text with the insides of strings and comments blanked out, offsets unchanged: a `(` or
 * `,` in `"x, y"` or in `// see (a)` is not code. Read forward from the start, because only
 * from there can one know whether a `"` opens a string or a `//` is inside one. Follows the
 * grammar's terminals: a string ends at its closing quote or at the end of the line (one
 * still being typed), a `//` comment at the end of the line, a block comment at its closing
 * marker or at the end of the text.
 */
export function codeOnlyText(text: string, end = text.length): string {
    const chars = text.slice(0, end).split('');
    const blank = (from: number, to: number) => {
        for (let j = from; j < to; j++) if (chars[j] !== '\n' && chars[j] !== '\r') chars[j] = ' ';
    };
    let i = 0;
    while (i < chars.length) {
        const ch = chars[i];
        const next = chars[i + 1];
        let close: number;
        if (ch === '"') {
            close = i + 1;
            while (close < chars.length && chars[close] !== '"' && chars[close] !== '\n' && chars[close] !== '\r') {
                close += chars[close] === '\\' && chars[close + 1] !== '\n' && chars[close + 1] !== '\r' ? 2 : 1;
            }
            close = Math.min(close + (chars[close] === '"' ? 1 : 0), chars.length);
        } else if (ch === '/' && next === '/') {
            close = i + 2;
            while (close < chars.length && chars[close] !== '\n' && chars[close] !== '\r') close++;
        } else if (ch === '/' && next === '*') {
            const found = text.indexOf('*/', i + 2);
            close = found < 0 || found + 2 > chars.length ? chars.length : found + 2;
        } else {
            i++;
            continue;
        }
        blank(i, close);
        i = close;
    }
    return chars.join('');
}
