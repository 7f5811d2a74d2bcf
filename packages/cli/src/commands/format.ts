import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { replaceFileText } from '../replace-file.js';

/**
 * `sla format <files…> [--check]`: the editor's formatter from the command line.
 * Without --check, files are rewritten in place (only those that change). With --check,
 * nothing is written: the files that would change are listed and the exit code is 1.
 * A file that does not parse is never rewritten: its syntax errors are printed as
 * `sla validate` prints them and the exit code is 2 (other files are still formatted).
 */
export function registerFormatCommand(program: Command): void {
    program.command('format')
        .description('Format .sla files in place as the editor does; --check lists the files that would change (exit 1) and writes nothing.')
        .argument('<files...>', '.sla files, or folders searched for .sla files')
        .option('--check', 'write nothing; list the files that are not formatted and exit 1 if there are any')
        .action(async (files: string[], options: { check?: boolean }) => {
            process.exitCode = await format(files, options.check === true);
        });
}

async function format(given: string[], check: boolean): Promise<number> {
    const files: string[] = [];
    for (const entry of given) {
        const found = await slaFilesOf(entry);
        if (found === undefined) {
            process.stderr.write(`sla format: no such file or folder: ${entry}\n`);
            return EXIT_BAD_INPUT;
        }
        files.push(...found);
    }
    if (files.length === 0) {
        process.stderr.write(`sla format: no .sla files found in ${given.join(', ')}\n`);
        return EXIT_BAD_INPUT;
    }
    const { formatSlaText } = await import('@sla/language');
    let unparsable = 0;
    const changed: string[] = [];
    for (const file of files) {
        const text = await fs.readFile(file, 'utf8');
        const result = await formatSlaText(text);
        if (!result.ok) {
            unparsable++;
            for (const error of result.syntaxErrors) {
                process.stderr.write(`${file}:${error.line}:${error.column}: error: ${error.message.replace(/\r?\n/g, ' ')} [sla/syntax-error]\n`);
            }
            process.stderr.write(`sla format: ${file} does not parse; it was left as it is. Fix the syntax errors first.\n`);
            continue;
        }
        if (result.text === text) continue;
        changed.push(file);
        if (check) {
            process.stdout.write(`${file}\n`);
        } else {
            // Whole or not at all: a full disk must not leave the contract empty.
            await replaceFileText(file, result.text);
        }
    }
    const count = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
    if (check) {
        process.stderr.write(changed.length === 0
            ? `${unparsable > 0 ? `${count(files.length - unparsable)} formatted; ${count(unparsable)} with syntax errors not checked` : `All ${count(files.length)} formatted`}.\n`
            : `${count(changed.length)} of ${files.length} not formatted; run 'sla format' on ${changed.length === 1 ? 'it' : 'them'}.\n`);
    } else {
        process.stderr.write(`Formatted ${count(changed.length)}; ${count(files.length - unparsable - changed.length)} already formatted${unparsable > 0 ? `; ${count(unparsable)} left as ${unparsable === 1 ? 'it was' : 'they were'} (syntax errors)` : ''}.\n`);
    }
    if (unparsable > 0) return EXIT_BAD_INPUT;
    return check && changed.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** A file as given; a folder: its .sla files, recursively, sorted (node_modules skipped). */
async function slaFilesOf(entry: string): Promise<string[] | undefined> {
    let stat;
    try {
        stat = await fs.stat(entry);
    } catch {
        return undefined;
    }
    if (!stat.isDirectory()) return [entry];
    const found: string[] = [];
    for (const item of await fs.readdir(entry, { withFileTypes: true, recursive: true })) {
        if (item.isFile() && item.name.endsWith('.sla') && !item.parentPath.includes('node_modules')) found.push(path.join(item.parentPath, item.name));
    }
    return found.sort();
}
