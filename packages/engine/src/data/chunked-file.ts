/**
 * A file read in large chunks into one reusable buffer. The unconsumed tail of the
 * buffer (a record cut by the chunk boundary) moves to the front before the next
 * read, so memory stays at one chunk (more only for a single record larger than a
 * chunk), whatever the file size. A FileHandle with a reused buffer is used rather
 * than `fs.createReadStream`, which allocates a new Buffer per chunk and would need
 * a concatenation at every boundary.
 */
import { constants, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DataError, displayPath } from './data-error.js';
import { noteFileOpen } from './file-opens.js';

export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The longest record (CSV record, NDJSON line, JSON array element) a scan reads: the
 * buffer grows to hold one record, and a file that is not data (one endless line) must
 * not grow it until the process dies.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export class ChunkedFile {
    buffer: Buffer;
    /** bytes of `buffer` holding file data */
    filled = 0;
    eof = false;
    bytesRead = 0;
    /** file offset of `buffer[0]` */
    base = 0;
    /** file offset of the next read */
    private position = 0;
    /**
     * The most bytes a read takes until the header is read or the next seek (see readHeaderFirst):
     * a scan that reads the header and then seeks to a range of its own needs a few bytes there,
     * not a chunk.
     */
    private readCap = Infinity;

    private constructor(private readonly path: string, private readonly handle: FileHandle, readonly totalBytes: number, private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined, chunkBytes: number | undefined, reuse: Buffer | undefined, allocate: ((size: number) => Buffer) | undefined) {
        const size = chunkBytes !== undefined ? Math.max(1, Math.floor(chunkBytes)) : Math.max(64 * 1024, Math.min(CHUNK_BYTES, totalBytes + 1));
        this.buffer = reuse !== undefined && reuse.length === size ? reuse : allocate !== undefined ? allocate(size) : Buffer.allocUnsafe(size);
    }

    /**
     * `chunkBytes` overrides the read size (tests use tiny chunks to put boundaries
     * everywhere). `reuse` is a buffer of an earlier scan to read into, if it has the
     * size this one needs: a parallel pass reads many ranges, and a fresh 4 MB buffer
     * each time costs page faults and memory until it is collected. Otherwise `allocate` makes
     * the first buffer (the typed CSV reader's kernel reads in its own memory: typed-csv-wasm.ts);
     * one grown for a long record is a plain Buffer.
     */
    static async open(path: string, onProgress?: (bytesRead: number, totalBytes: number) => void, chunkBytes?: number, reuse?: Buffer, allocate?: (size: number) => Buffer): Promise<ChunkedFile> {
        // O_NONBLOCK: a FIFO put in place after the caller's check must not block the open.
        const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
        noteFileOpen(path);
        try {
            const info = await handle.stat();
            if (!info.isFile()) throw new DataError(`${displayPath(path)} is not a regular file (a folder, pipe, device or socket); data files must be regular files`, { file: path, line: 1 });
            const size = info.size;
            return new ChunkedFile(path, handle, size, onProgress, chunkBytes, reuse, allocate);
        } catch (error) {
            await handle.close();
            throw error;
        }
    }

    /**
     * Keeps bytes from `keepFrom` on (moved to the front; returns how far they moved)
     * and reads more after them. Sets `eof` when the file is exhausted. `line` is the
     * physical line where the kept record starts: a record longer than
     * MAX_RECORD_BYTES is an error there.
     */
    async refill(keepFrom: number, line: number): Promise<number> {
        if (keepFrom > 0) {
            this.buffer.copy(this.buffer, 0, keepFrom, this.filled);
            this.filled -= keepFrom;
            this.base += keepFrom;
        }
        if (this.filled === this.buffer.length) {
            if (this.filled >= MAX_RECORD_BYTES) {
                throw new DataError(`${displayPath(this.path)}:${line}: the record starting on this line is longer than ${MAX_RECORD_BYTES / (1024 * 1024)} MiB: this is not a data file of the declared format (or a line end is missing)`, { file: this.path, line });
            }
            const larger = Buffer.allocUnsafe(this.buffer.length * 2);
            this.buffer.copy(larger, 0, 0, this.filled);
            this.buffer = larger;
        }
        // A synchronous read: the chunk comes from the page cache in about a millisecond, while an
        // asynchronous one also waited for a thread of the pool and the event loop's next turn — with
        // both threads scanning on two cores, a fifth of the scan was spent idle that way. The event
        // loop still turns once per chunk (yieldToEvents), without waiting for anything: a cancellation
        // that comes as a message (the language server's evaluation worker) or a timer is heard.
        const bytesRead = readSync(this.handle.fd, this.buffer, this.filled, Math.min(this.buffer.length - this.filled, this.readCap), this.position);
        await yieldToEvents();
        if (bytesRead === 0) this.eof = true;
        this.filled += bytesRead;
        this.position += bytesRead;
        this.bytesRead += bytesRead;
        this.onProgress?.(this.bytesRead, this.totalBytes);
        return keepFrom;
    }

    /**
     * Reads at most `bytes` at a time until the header is read (headerRead) or the next seek: for a scan that reads the header, then
     * seeks to its range (a parallel pass reads a 550 MB file in some 20 ranges, each of which
     * read a whole chunk at the file's start for its header line).
     */
    readHeaderFirst(bytes: number): void {
        this.readCap = Math.max(1, Math.floor(bytes));
    }

    /** Reads take whole chunks again (the header is read). */
    headerRead(): void {
        this.readCap = Infinity;
    }

    /** Drops the buffered data; the next refill reads from `offset` (a parallel scan starts mid-file). */
    seek(offset: number): void {
        this.readCap = Infinity;
        this.filled = 0;
        this.base = offset;
        this.position = offset;
        this.eof = false;
    }

    async close(): Promise<void> {
        await this.handle.close();
    }
}

/** Whether the first `filled` bytes start with a UTF-8 byte order mark (which readers skip). */
export function hasBom(bytes: Uint8Array, filled: number): boolean {
    return filled >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** One turn of the event loop: pending messages, signals and timers are handled, then the caller goes on (no idle wait). */
function yieldToEvents(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
