/**
 * Text from an agreement or a data file (names, titles, descriptions, paths, values) placed
 * into Markdown: it must read as itself, never as HTML, a link, emphasis or a table cell
 * boundary. Markdown renderers pass raw HTML through, and an agreement is often someone
 * else's file.
 */

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Inline text: HTML characters as entities, Markdown punctuation backslash-escaped, one line. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[<>&]/g, ch => ENTITIES[ch]!)
        .replace(/[\\`*_[\]|~]/g, ch => `\\${ch}`)
        .replace(/\r\n|\r|\n/g, ' ');
}

/** A code span holding `text` as is: fenced by more backticks than any run inside it. */
export function markdownCode(text: string): string {
    const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
    let longest = 0;
    for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
    const fence = '`'.repeat(longest + 1);
    const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${oneLine}${pad}${fence}`;
}
