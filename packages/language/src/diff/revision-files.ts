/**
 * The `.sla` files of a git repository at a revision, written into a temporary folder: the old
 * version that `sla diff --base REV` and the editor's "Compare with Git Revision" read (imports of
 * other folders, a catalogue, come from the same revision). Git is run with its arguments as
 * given (no shell), and only to read: rev-parse, ls-tree, cat-file.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** A revision's `.sla` files, copied. */
export interface RevisionFiles {
    /** The repository's top folder (of the working tree). */
    top: string;
    /** Where the copy is. */
    folder: string;
    /** The copy of a file or folder of the working tree (absolute path), or undefined when it did not exist at the revision. */
    pathAt(current: string): Promise<string | undefined>;
    /** Removes the copy. */
    remove(): Promise<void>;
}

/** The revision or the repository cannot be read; the message says which. */
export class RevisionError extends Error {}

/** Copies the `.sla` files of `revision` of the repository that holds `cwd`. */
export async function revisionFiles(revision: string, cwd: string): Promise<RevisionFiles> {
    const git = (args: string[], input?: string): Buffer =>
        execFileSync('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...(input === undefined ? {} : { input }) });
    let top: string;
    try {
        top = await fs.realpath(git(['rev-parse', '--show-toplevel']).toString('utf8').trim());
    } catch {
        throw new RevisionError(`--base ${revision}: ${cwd} is not in a git repository.`);
    }
    let commit: string;
    try {
        commit = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).toString('utf8').trim();
    } catch {
        throw new RevisionError(`--base ${revision}: no such revision in ${top}.`);
    }
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sla-revision-'));
    try {
        // --full-tree: every path from the top, wherever `cwd` is (cat-file's `commit:path` is from the top too).
        const files = git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]).toString('utf8').split('\0').filter(file => file.endsWith('.sla') && !file.includes('\n'));
        // One `git cat-file --batch` for all of them (a portfolio has hundreds): per object a
        // header line `<oid> blob <size>`, the content, a newline.
        const contents = files.length === 0 ? Buffer.alloc(0) : git(['cat-file', '--batch'], files.map(file => `${commit}:${file}\n`).join(''));
        let offset = 0;
        for (const file of files) {
            const headerEnd = contents.indexOf(0x0a, offset);
            const size = Number(contents.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
            if (!Number.isInteger(size)) throw new RevisionError(`--base ${revision}: git could not read ${file}.`);
            const target = path.join(folder, ...file.split('/'));
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, contents.subarray(headerEnd + 1, headerEnd + 1 + size));
            offset = headerEnd + 1 + size + 1;
        }
    } catch (error) {
        await fs.rm(folder, { recursive: true, force: true });
        throw error;
    }
    return {
        top,
        folder,
        async pathAt(current) {
            // A file not on disk yet (a new, unsaved one) is where its path says.
            const real = await fs.realpath(current).catch(() => path.resolve(current));
            const relative = path.relative(top, real);
            if (relative.startsWith('..') || path.isAbsolute(relative)) throw new RevisionError(`${current} is outside the git repository ${top}.`);
            const copy = path.join(folder, relative);
            try {
                await fs.stat(copy);
                return copy;
            } catch {
                return undefined;
            }
        },
        remove: () => fs.rm(folder, { recursive: true, force: true })
    };
}
