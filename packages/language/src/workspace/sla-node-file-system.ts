/** The Node file system for the SLA services: Langium's, plus bounded reads of a file's start. */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dataFileProblem, describeFileError, pathCharacterProblem } from '@sla/engine';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { BatchFileLookups } from './batch-file-lookups.js';
import type { PrefixReadingFileSystemProvider } from './file-prefix.js';
import { sourceText } from './source-text.js';

export class SlaNodeFileSystemProvider extends NodeFileSystemProvider implements PrefixReadingFileSystemProvider {
    /**
     * Reads only the first `maxBytes` bytes, whatever the file's size. Only a regular file:
     * a FIFO would block the read (and with it every document's diagnostics), a device
     * such as /dev/zero never ends.
     */
    async readPrefix(uri: URI, maxBytes: number): Promise<Uint8Array> {
        const path = uri.fsPath;
        const info = await regularFileStats(path, file => this.statDataFile(file));
        // 400 agreements reading one shared CSV ask for the same 64 KB hundreds of times in one
        // build (once per dataset and check): the bytes are kept while the file is unchanged.
        const key = `${maxBytes}:${path}`;
        const kept = this.prefixes.get(key);
        if (kept && sameFile(kept.info, info)) {
            // Most recently used last: the oldest entry is the first the limit drops.
            this.prefixes.delete(key);
            this.prefixes.set(key, kept);
            return kept.bytes;
        }
        // O_NONBLOCK: a FIFO swapped in after the check must not block the open either.
        const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
            const opened = await handle.stat();
            if (!opened.isFile()) throw new Error(`${path} is not a regular file`);
            const buffer = Buffer.allocUnsafe(maxBytes);
            let filled = 0;
            // A read may return fewer bytes than asked before the end of the file (pipes, network file systems).
            while (filled < maxBytes) {
                const { bytesRead } = await handle.read(buffer, filled, maxBytes - filled, filled);
                if (bytesRead === 0) break;
                filled += bytesRead;
            }
            // A copy of the bytes read: callers may keep it, and the cache must not hold a large unused buffer.
            const bytes = filled === maxBytes ? buffer : Uint8Array.prototype.slice.call(buffer, 0, filled);
            // Kept only if the file did not change between the check and the read.
            if (sameFile(info, opened)) {
                this.prefixes.set(key, { info: opened, bytes });
                if (this.prefixes.size > PREFIX_CACHE_FILES) this.prefixes.delete(this.prefixes.keys().next().value!);
            }
            return bytes;
        } finally {
            await handle.close();
        }
    }

    /** File starts read, per size asked and path, with the file's identity when read (bounded: {@link PREFIX_CACHE_FILES}). */
    private readonly prefixes = new Map<string, { info: Stats; bytes: Uint8Array }>();

    /**
     * Whole reads (`.sla` files) refuse a FIFO or device too: one in the workspace would block the
     * server's start. UTF-16 with a byte order mark is read as such (source-text.ts).
     */
    override async readFile(uri: URI): Promise<string> {
        await requireRegularFile(uri);
        return sourceText(await super.readBinary(uri));
    }

    override async readBinary(uri: URI): Promise<Uint8Array> {
        await requireRegularFile(uri);
        return super.readBinary(uri);
    }

    async dataFileProblem(uri: URI): Promise<string | undefined> {
        return dataFileProblem(uri.fsPath, file => this.statDataFile(file));
    }

    /** The lookups of the batch under way (see {@link startBatch}); undefined: every lookup asks the file system. */
    private batch: BatchFileLookups | undefined;

    /**
     * From now until {@link endBatch}, each data file is looked up once (a one-shot load:
     * workspace/load-files.ts). The language server never starts one: its files change.
     */
    startBatch(): void {
        this.batch = new BatchFileLookups(file => this.lookUpFile(file));
    }

    endBatch(): void {
        this.batch = undefined;
    }

    /** A data file's stats: the batch's, or a fresh lookup. */
    private statDataFile(path: string): Promise<Stats> {
        return this.batch ? this.batch.stat(path) : this.lookUpFile(path);
    }

    /** One lookup of a data file on the file system (the tests count them). */
    lookUpFile(path: string): Promise<Stats> {
        return stat(path);
    }
}

/** At most this many file starts are kept (64 KB each, as the dataset checks ask). */
const PREFIX_CACHE_FILES = 32;

/** The file's stats, or an error saying why it is not a readable regular file (the words of dataFileProblem). */
async function regularFileStats(path: string, statOf: (path: string) => Promise<Stats>): Promise<Stats> {
    const characters = pathCharacterProblem(path);
    if (characters !== undefined) throw new Error(`${path} ${characters}`);
    let info: Stats;
    try {
        info = await statOf(path);
    } catch (error) {
        throw new Error(`${path} ${describeFileError(error)}`, { cause: error });
    }
    if (info.isDirectory()) throw new Error(`${path} is a folder, not a file`);
    if (!info.isFile()) throw new Error(`${path} is not a regular file (a pipe, device or socket); data files must be regular files`);
    return info;
}

/** The same file with the same content, as far as the file system tells: same inode, size, modification and change times. */
function sameFile(a: Stats, b: Stats): boolean {
    return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

async function requireRegularFile(uri: URI): Promise<void> {
    const problem = await dataFileProblem(uri.fsPath);
    // Missing files keep Node's own error (callers test for ENOENT).
    if (problem !== undefined && problem !== 'does not exist') throw new Error(`${uri.fsPath} ${problem}`);
}

/** Pass to `createSlaServices` where Langium's `NodeFileSystem` would go. */
export const SlaNodeFileSystem = {
    fileSystemProvider: () => new SlaNodeFileSystemProvider()
};
