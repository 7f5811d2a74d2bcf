import * as fs from 'node:fs';
import * as path from 'node:path';

/** The .sla files under a folder, sorted (none when it does not exist). */
export function slaFiles(folder: string): string[] {
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.sla'))
        .map(entry => path.join(entry.parentPath, entry.name))
        .sort();
}

/**
 * Messages showing a value a half-written line does not have: a missing name, number or date
 * printed as such (`complete to undefined`, `a score from undefined to 5`, `Write e.g. 'NaN%'`).
 */
export function junkMessages(messages: readonly string[]): string[] {
    return messages.filter(message => /\bundefined\b|\bNaN\b|\[object /.test(message));
}
