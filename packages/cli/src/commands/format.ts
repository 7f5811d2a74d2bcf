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
    const { hasUtf8ByteOrderMark } = await import('@sla/language/node');
    const engine = await import('@sla/engine');
    let unparsable = 0;
    /** of `unparsable`, the files left because they are not UTF-8 */
    let notUtf8 = 0;
    const changed: string[] = [];
    for (const file of files) {
        const bytes = await fs.readFile(file);
        // A byte order mark ("UTF-8 with BOM") is no text: it stays as it was, as line endings do, and columns are
        // counted after it, as editors count them.
        const bom = hasUtf8ByteOrderMark(bytes) ? '\uFEFF' : '';
        const text = utf8Text(bytes.subarray(bom ? 3 : 0), engine);
        if (typeof text !== 'string') {
            // Written back as UTF-8, a character of another encoding would be lost for good.
            unparsable++;
            notUtf8++;
            process.stderr.write(`${file}:${text.line}:${text.column}: error: ${text.problem} [sla/text-encoding]\n`);
            process.stderr.write(`sla format: ${file} was left as it is: save it as UTF-8 first.\n`);
            continue;
        }
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
            await replaceFileText(file, bom + result.text);
        }
    }
    const count = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
    const why = notUtf8 === 0 ? 'syntax errors' : notUtf8 === unparsable ? 'not UTF-8' : 'syntax errors, or not UTF-8';
    if (check) {
        process.stderr.write(changed.length === 0
            ? `${unparsable > 0 ? `${count(files.length - unparsable)} formatted; ${count(unparsable)} with ${why} not checked` : `All ${count(files.length)} formatted`}.\n`
            : `${count(changed.length)} of ${files.length} not formatted; run 'sla format' on ${changed.length === 1 ? 'it' : 'them'}.\n`);
    } else {
        process.stderr.write(`Formatted ${count(changed.length)}; ${count(files.length - unparsable - changed.length)} already formatted${unparsable > 0 ? `; ${count(unparsable)} left as ${unparsable === 1 ? 'it was' : 'they were'} (${why})` : ''}.\n`);
    }
    if (unparsable > 0) return EXIT_BAD_INPUT;
    return check && changed.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The file's text when its bytes are UTF-8; else where they stop being, and what the file seems to be. */
function utf8Text(bytes: Buffer, engine: typeof import('@sla/engine')): string | { line: number; column: number; problem: string } {
    const bad = engine.invalidUtf8Offset(bytes, 0, bytes.length);
    if (bad < 0) return bytes.toString('utf8');
    const encoding = engine.foreignEncodingAt(bytes, 0, bytes.length);
    if (encoding !== undefined) return { line: 1, column: 1, problem: `the file is ${encoding} text, not UTF-8` };
    const lines = bytes.subarray(0, bad).toString('utf8').split('\n');
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1, problem: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)` };
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
