import * as fs from 'node:fs/promises';
import * as path from 'node:path';
// The light subpath, not '@sla/language': `sla --version`, help and init do not load the language services.
import { PROJECT_CONFIG_FILE, ProjectConfigError, parseProjectConfig } from '@sla/language/project-config';

/** `.slarc.json`: project settings for the CLI and the language server (parsed by the language package). */
export interface SlaConfig {
    vagueTerms: string[];
}

export const CONFIG_FILE_NAME = PROJECT_CONFIG_FILE;

/** A `.slarc.json` the command cannot use as the user intended. */
export { ProjectConfigError as ConfigError };

/**
 * Reads `.slarc.json` from the working directory and from the folder of each given path
 * (a folder itself, or a file's folder), merging their vague terms. Missing files are fine;
 * a malformed one is an error (the command cannot run as the user intended).
 */
export async function loadConfig(givenPaths: string[], cwd = process.cwd()): Promise<SlaConfig> {
    const folders = new Set<string>([path.resolve(cwd)]);
    for (const given of givenPaths) {
        const absolute = path.resolve(cwd, given);
        try {
            const stat = await fs.stat(absolute);
            folders.add(stat.isDirectory() ? absolute : path.dirname(absolute));
        } catch {
            // a missing path is reported by the command
        }
    }
    const vagueTerms: string[] = [];
    for (const folder of folders) {
        const file = path.join(folder, CONFIG_FILE_NAME);
        let text: string;
        try {
            text = await fs.readFile(file, 'utf8');
        } catch {
            continue;
        }
        vagueTerms.push(...parseProjectConfig(text, file).vagueTerms);
    }
    return { vagueTerms };
}

/** `--vague-terms "swiftly, forthwith"` → ['swiftly', 'forthwith']. */
export function parseTermList(value: string): string[] {
    return value.split(',').map(t => t.trim()).filter(t => t.length > 0);
}
