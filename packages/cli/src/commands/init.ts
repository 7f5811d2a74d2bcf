import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import { fileInPath } from '../file-in-path.js';
import { nextStepHint } from './init-hint.js';
import { systemErrorReason } from '../system-error.js';
import { STARTER_AGREEMENT, STARTER_AGREEMENT_FILE, STARTER_DATA_FILE, starterData } from '../starter/starter-files.js';

/**
 * `sla init [folder]`: a starter agreement and its sample data, ready to evaluate. Existing
 * files are never overwritten: if any file it would write exists, nothing is written (exit 2).
 */
export function registerInitCommand(program: Command): void {
    program.command('init')
        .description(`Write a starter agreement (${STARTER_AGREEMENT_FILE}) with sample data (${STARTER_DATA_FILE}) that evaluates at once; never overwrites a file.`)
        .argument('[folder]', 'where to write them (created if missing)', '.')
        .action(async (folder: string) => {
            process.exitCode = await init(folder);
        });
}

async function init(folder: string): Promise<number> {
    const files: Array<[string, string]> = [[STARTER_AGREEMENT_FILE, STARTER_AGREEMENT], [STARTER_DATA_FILE, starterData()]];
    // Every target is checked before anything is written: the folder of each file (`FOLDER`, `FOLDER/data`)
    // must be a folder or be made one, and no file may exist; else a half starter would be left behind.
    for (const [name] of files) {
        const notFolder = await fileInPath(path.dirname(path.join(folder, name)));
        if (notFolder === undefined) continue;
        const shown = notFolder === path.resolve(folder) ? folder : path.relative(process.cwd(), notFolder) || notFolder;
        process.stderr.write(`sla init: ${shown} is a file, not a folder; nothing was written. Give a folder to write the starter into (it is created if missing): sla init FOLDER.\n`);
        return EXIT_BAD_INPUT;
    }
    const existing: string[] = [];
    for (const [name] of files) {
        const target = path.join(folder, name);
        if (await fs.lstat(target).then(() => true, () => false)) existing.push(target);
    }
    if (existing.length > 0) {
        process.stderr.write(`sla init: ${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was written. Choose an empty folder: sla init FOLDER.\n`);
        return EXIT_BAD_INPUT;
    }
    const written: string[] = [];
    try {
        for (const [name, content] of files) {
            const target = path.join(folder, name);
            await fs.mkdir(path.dirname(target), { recursive: true });
            // 'wx': fail rather than overwrite a file that appeared since the check.
            await fs.writeFile(target, content, { encoding: 'utf8', flag: 'wx' });
            written.push(target);
        }
    } catch (error) {
        // Nothing is left of a starter that could not be written whole (a second `sla init` would refuse it).
        for (const target of written) await fs.rm(target, { force: true });
        // A folder not writable, a disk full: said with the file, without Node's "EACCES: …, open '…'" wording.
        const code = (error as NodeJS.ErrnoException).code;
        const reason = systemErrorReason(error, { withoutCall: true });
        process.stderr.write(`sla init: could not write the starter into ${folder}: ${reason}${code === undefined ? '' : ` (${code})`}. Give a folder you can write to: sla init FOLDER.\n`);
        return EXIT_BAD_INPUT;
    }
    for (const target of written) process.stdout.write(`wrote ${target}\n`);
    process.stdout.write(`${nextStepHint(path.join(folder, STARTER_AGREEMENT_FILE))}\n`);
    return EXIT_OK;
}
