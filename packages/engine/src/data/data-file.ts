/**
 * The checks a dataset's file passes before it is opened: it exists and is a regular
 * file. A FIFO would block the reader forever (and with it the language server's
 * diagnostics for every document), a device such as /dev/zero never ends, a folder
 * cannot be read: each is refused in words, naming the dataset and where it is
 * declared, instead of Node's raw ENOENT / EISDIR.
 */
import { stat } from 'node:fs/promises';
import { DataError, displayPath } from './data-error.js';
import { pathCharacterProblem } from './data-path.js';
import type { DatasetSpec } from './spec.js';

/**
 * Why `path` cannot be a data file, in words, or undefined when it is a readable regular file.
 * `statOf` looks the file up (the language's CLI loading passes one that asks once per path).
 */
export async function dataFileProblem(path: string, statOf: (path: string) => Promise<{ isDirectory(): boolean; isFile(): boolean }> = stat): Promise<string | undefined> {
    const characters = pathCharacterProblem(path);
    if (characters !== undefined) return characters;
    try {
        const info = await statOf(path);
        if (info.isDirectory()) return 'is a folder, not a file';
        if (!info.isFile()) return 'is not a regular file (a pipe, device or socket); data files must be regular files';
        return undefined;
    } catch (error) {
        return describeFileError(error);
    }
}

/** Node's file error codes in words. */
export function describeFileError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case 'ENOENT':
            return 'does not exist';
        case 'ENOTDIR':
            return 'does not exist (a part of the path is a file, not a folder)';
        case 'EISDIR':
            return 'is a folder, not a file';
        case 'EACCES':
        case 'EPERM':
            return 'cannot be read: permission denied';
        case 'ELOOP':
            return 'cannot be read: too many symbolic links';
        case 'ENAMETOOLONG':
            return 'cannot be read: the path is too long';
        default:
            return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
    }
}

/** Throws a DataError naming the dataset (and its declaration) unless its file can be read as data. */
export async function requireDataFile(spec: DatasetSpec): Promise<void> {
    const problem = await dataFileProblem(spec.path);
    if (problem === undefined) return;
    const declared = spec.declaredAt === undefined ? '' : ` (declared at ${spec.declaredAt})`;
    throw new DataError(`the data file ${displayPath(spec.path.replaceAll('\0', '\\0'))} of dataset ${spec.name}${declared} ${problem}`, { file: spec.path, line: 1 });
}
