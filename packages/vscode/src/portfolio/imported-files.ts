import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

// The .sla files a portfolio's files import, read from the files' heads: a catalogue outside the
// evaluated folder whose templates its clients are built from changes their numbers when saved.
// Plain code (no `vscode`): the unit tests give it texts.

/** At most this many files are followed: imports go a few levels deep, and a runaway chain must not read the disk for ever. */
const MAX_FILES = 10_000;

/**
 * The paths of the `import "…"` lines of an .sla file, as written. Imports come before anything
 * else (the grammar's `Document`), with only whitespace and comments around them; a string is
 * read as the language reads it (a backslash takes the next character, `\n` a line break).
 */
export function importPathsOf(text: string): string[] {
    const paths: string[] = [];
    let at = skipHidden(text, 0);
    while (text.startsWith('import', at)) {
        STRING.lastIndex = skipHidden(text, at + 'import'.length);
        const literal = STRING.exec(text);
        if (!literal) break;
        paths.push(unescapeString(literal[1]!));
        at = skipHidden(text, STRING.lastIndex);
    }
    return paths;
}

/** The language's STRING, at one place (sticky). */
const STRING = /"((?:\\[^\n\r]|[^"\\\n\r])*)"/y;
/** Whitespace or a comment, at one place (sticky); an unclosed `/*` runs to the end, as the language's. */
const HIDDEN = /\s+|\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)/y;

/** Past whitespace and comments. */
function skipHidden(text: string, from: number): number {
    let at = from;
    for (;;) {
        HIDDEN.lastIndex = at;
        const hidden = HIDDEN.exec(text);
        if (!hidden || hidden[0] === '') return at;
        at = HIDDEN.lastIndex;
    }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', 0: '\0' };

function unescapeString(body: string): string {
    return body.replace(/\\([\s\S])/g, (_escape, character: string) => ESCAPES[character] ?? character);
}

/**
 * Every file `files` import, directly or through the files they import (resolved against the
 * importing file's folder, as the language resolves them), as absolute paths; `files` themselves
 * only when one imports another. A file that cannot be read imports nothing.
 */
export async function importedFiles(files: readonly string[], read: (file: string) => Promise<string | undefined> = readText): Promise<Set<string>> {
    const seen = new Set(files.map((file) => path.resolve(file)));
    const imported = new Set<string>();
    let next = [...seen];
    while (next.length > 0 && seen.size < MAX_FILES) {
        const texts = await Promise.all(next.map(async (file) => ({ file, text: await read(file) })));
        next = [];
        for (const { file, text } of texts) {
            for (const written of importPathsOf(text ?? '')) {
                const target = path.resolve(path.dirname(file), written);
                imported.add(target);
                if (seen.has(target)) continue;
                seen.add(target);
                next.push(target);
            }
        }
    }
    return imported;
}

async function readText(file: string): Promise<string | undefined> {
    try {
        return await readFile(file, 'utf8');
    } catch {
        return undefined;
    }
}
