/**
 * The folders an agreement's dataset and import paths may read (docs/cli.md, "Data
 * outside the project"): the folder of each file given (a folder given is itself), or
 * the working directory when it contains it, plus the folders the user allows
 * explicitly: `--allow-data-outside DIR` (repeatable) and "allowDataOutside" in the
 * `.slarc.json` of the working directory. (A `.slarc.json` next to the agreement is not
 * asked: it may come with the agreement, from whoever wrote it.)
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
// Light subpaths: importing this file does not load the engine or the language services.
import { isInsideFolder, realPathOf } from '@sla/engine/data-path';
import { parseProjectConfig } from '@sla/language/project-config';
import { CONFIG_FILE_NAME } from './config.js';

export async function allowedDataFolders(givenPaths: string[], allowOutside: string[], cwd = process.cwd()): Promise<{ roots: string[]; extra: string[] }> {
    const workingDirectory = realPathOf(cwd);
    const roots = new Set<string>();
    for (const given of givenPaths) {
        const absolute = path.resolve(cwd, given);
        let folder = path.dirname(absolute);
        try {
            if ((await fs.stat(absolute)).isDirectory()) folder = absolute;
        } catch {
            // the command reports a missing path
        }
        const real = realPathOf(folder);
        roots.add(isInsideFolder(real, workingDirectory) ? workingDirectory : real);
    }
    const extra = [...allowOutside.map(dir => path.resolve(cwd, dir)), ...await configuredFolders(cwd)];
    return { roots: [...roots], extra };
}

async function configuredFolders(cwd: string): Promise<string[]> {
    const file = path.join(cwd, CONFIG_FILE_NAME);
    let text: string;
    try {
        text = await fs.readFile(file, 'utf8');
    } catch {
        return [];
    }
    // A malformed file stops the command, whichever reader meets it first.
    const folders = parseProjectConfig(text, file).allowDataOutside;
    return folders.map(folder => path.resolve(cwd, folder));
}
