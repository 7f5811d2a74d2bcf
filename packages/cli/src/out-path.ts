import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileInPath } from './file-in-path.js';
import { isReadOnly } from './replace-file.js';

/**
 * Why `--out PATH` cannot be written as a file, found before the command does its work (an
 * evaluation, an explanation): a folder, a read-only file, or a path through a file. `example`:
 * a file name to suggest inside a folder given (`report.txt`). Undefined when it can be written
 * (or is a device, a pipe). The caller adds what was not done (`Nothing was evaluated.`).
 */
export async function outFileProblem(out: string, what: string, example: string): Promise<string | undefined> {
    const info = await fs.stat(out).catch(() => undefined);
    if (info?.isDirectory()) {
        return `--out ${out} is a folder; give the path of a file to write ${what} to (e.g. --out ${path.join(out, example)}).`;
    }
    if (info?.isFile() && isReadOnly(info)) {
        return `--out ${out} is read-only (no write permission for its owner); it was left as it is. Make it writable or give another --out path.`;
    }
    if (info !== undefined) return undefined;
    // A new file: the folders up to it are made, unless a file stands where one of them should be.
    return await underFileProblem(out, path.dirname(path.resolve(out)), what);
}

/**
 * Why `--out DIR` cannot be the folder files are written into: a file where the folder (or a
 * folder above it) should be. `example`: a folder name to suggest instead (`openslo`).
 */
export async function outFolderProblem(out: string, what: string, example: string): Promise<string | undefined> {
    const info = await fs.stat(out).catch(() => undefined);
    if (info !== undefined && !info.isDirectory()) {
        return `--out ${out} is a file, not a folder; give a folder to write ${what} into (it is created if missing, e.g. --out ${example}).`;
    }
    if (info !== undefined) return undefined;
    return await underFileProblem(out, path.resolve(out), what);
}

async function underFileProblem(out: string, folder: string, what: string): Promise<string | undefined> {
    const file = await fileInPath(folder);
    if (file === undefined) return undefined;
    return `--out ${out}: ${path.relative(process.cwd(), file) || file} is a file, not a folder, so ${what} cannot be written under it. Give another --out path.`;
}
