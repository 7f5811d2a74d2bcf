/**
 * Writes a file whole or not at all: into a temporary file beside it, flushed to disk, then
 * renamed over it. Whoever reads the file meanwhile (a CI step picking up a report, a dashboard,
 * the editor holding a contract `sla format` rewrites) sees the old content or the new, never a
 * part; a write that fails (the disk full, the text's making failing midway, the process
 * stopped) leaves the old file as it was and no temporary file behind. With `fs.writeFile` the
 * file was emptied first: a full disk left a formatted contract empty.
 *
 * The file's permission bits are kept, and a file its owner may not write is refused (as a write
 * in place would be, even when run as root). A symbolic link is followed: the file it points to
 * is replaced, the link stays. A path that is not a regular file (a terminal, a pipe) and a link
 * to a file not made yet are written through: there is nothing to replace. A name under /dev or
 * /proc (`--out /dev/stdout`, whatever standard output is) is written to as a stream, appended.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { rmSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/** Names of devices and of a process's own files (/dev/stdout, /dev/fd/1, /proc/self/fd/1): never replaced, whatever they lead to. */
const DEVICE_NAMES = /^\/(dev|proc)\//;

/** A file its owner may not write: never replaced (replaceFile), and refused before a long evaluation (`sla evaluate --out`). */
export function isReadOnly(info: Stats): boolean {
    return (info.mode & 0o200) === 0;
}

/** Replaces `file` by what `write` writes to the handle it gets. */
export async function replaceFile(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
    /** the file the path leads to (a link followed), as it is now; undefined when there is none */
    let info: Stats | undefined;
    try {
        info = await fs.stat(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // A device's name: written to as a stream (/dev/stdout, when standard output is a file the shell opened
    // with `>>`, must keep what it holds). Not a regular file (a terminal, a pipe), or a link to nothing
    // yet: written through, as it is.
    if (DEVICE_NAMES.test(path.resolve(file))) return await writeThrough(file, 'a', write);
    if ((info !== undefined && !info.isFile()) || (info === undefined && (await isLink(file)))) return await writeThrough(file, 'w', write);
    if (info !== undefined && isReadOnly(info)) {
        throw Object.assign(new Error(`${file} is read-only (no write permission for its owner); it was left as it is`), { code: 'EACCES', path: file });
    }
    /** the file replaced, its link followed (the link stays); a new file at the path given */
    const target = info === undefined ? file : await fs.realpath(file);
    /** the permission bits of the file replaced; undefined for a new file (made as fs.writeFile makes one: 0o666 less the umask) */
    const mode = info === undefined ? undefined : info.mode & 0o7777;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(temporary, 'wx', mode ?? 0o666);
    let renamed = false;
    const stopRemovingOnSignal = removeOnSignal(temporary);
    try {
        try {
            await write(handle);
            // Flushed before the rename: otherwise a crash could leave the new name on an empty file,
            // and an error of the disk (full, on delayed allocation) would come only after it.
            await handle.sync();
            // open() applies the umask: the permission bits of the file replaced are set as they were.
            if (mode !== undefined) await handle.chmod(mode);
        } finally {
            await handle.close();
        }
        await fs.rename(temporary, target);
        renamed = true;
    } finally {
        stopRemovingOnSignal();
        if (!renamed) await fs.rm(temporary, { force: true });
    }
}

const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until the call it returns: a signal that stops the process (Ctrl-C, a CI job cancelled) first
 * removes `temporary`, then stops the process as the signal would have (its default action,
 * sent again: the exit status says which signal). `finally` blocks do not run when a signal
 * ends the process.
 */
function removeOnSignal(temporary: string): () => void {
    const handlers = STOPPING_SIGNALS.map((signal) => {
        const handler = (): void => {
            stop();
            rmSync(temporary, { force: true });
            process.kill(process.pid, signal);
        };
        process.on(signal, handler);
        return [signal, handler] as const;
    });
    const stop = (): void => {
        for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    return stop;
}

/** Replaces `file` by `text` (UTF-8), whole or not at all (replaceFile). */
export async function replaceFileText(file: string, text: string): Promise<void> {
    await replaceFile(file, async (handle) => {
        await handle.writeFile(text, 'utf8');
    });
}

async function isLink(file: string): Promise<boolean> {
    try {
        return (await fs.lstat(file)).isSymbolicLink();
    } catch {
        return false;
    }
}

async function writeThrough(file: string, flags: 'a' | 'w', write: (handle: FileHandle) => Promise<void>): Promise<void> {
    const handle = await fs.open(file, flags);
    try {
        await write(handle);
    } finally {
        await handle.close();
    }
}
