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
            let end = i + 1;
            while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
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
