/** Source text as a reader compares it: the member as written, without comments, in one line. */
import type { AstNode } from 'langium';

/** The member as written (with the values in effect for a client), without comments, in one line. */
export function normalizedText(node: AstNode | undefined): string {
    const text = node?.$cstNode?.text ?? '';
    let result = '';
    for (let i = 0; i < text.length; i++) {
        const char = text[i]!;
        if (char === '"') {
            // A string, escapes included, as it is.
            const end = closingQuote(text, i);
            result += text.slice(i, end + 1);
            i = end;
        } else if (char === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
            result += ' ';
        } else if (char === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
            result += ' ';
        } else {
            result += char;
        }
    }
    return result.replace(/\s+/g, ' ').trim();
}

/**
 * The member's words without layout: `normalizedText` without the spaces beside punctuation
 * (`99.9 %` and `99.9%`, `below 99.9 % : 10 %` and `below 99.9%: 10%` are one text). Spaces
 * between two words or numbers stay; strings stay as written.
 */
export function textWithoutLayout(node: AstNode | undefined): string {
    const text = normalizedText(node);
    let result = '';
    const word = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);
    for (let i = 0; i < text.length; i++) {
        const char = text[i]!;
        if (char === '"') {
            const end = closingQuote(text, i);
            result += text.slice(i, end + 1);
            i = end;
        } else if (char === ' ') {
            // normalizedText leaves single spaces; one between two words (or a word and a string) separates them.
            const before = result[result.length - 1];
            const after = text[i + 1];
            if ((word(before) || before === '"') && (word(after) || after === '"')) result += ' ';
        } else {
            result += char;
        }
    }
    return result;
}

/** The index of the quote that closes the string opened at `open` (escapes skipped), or past the end. */
function closingQuote(text: string, open: number): number {
    let end = open + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return end;
}
