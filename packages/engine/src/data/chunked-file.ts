/**
 * A file read in large chunks into one reusable buffer. The unconsumed tail of the
 * buffer (a record cut by the chunk boundary) moves to the front before the next
 * read, so memory stays at one chunk (more only for a single record larger than a
 * chunk), whatever the file size. A FileHandle with a reused buffer is used rather
 * than `fs.createReadStream`, which allocates a new Buffer per chunk and would need
 * a concatenation at every boundary.
 */
import { constants, fstatSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DataError, displayPath } from './data-error.js';
import { noteFileOpen } from './file-opens.js';
import type { CsvEncoding } from './spec.js';
import { transcoderOf, UTF8_BYTES_PER_BYTE, type Transcoder } from './text-encoding.js';

export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The longest record (CSV record, NDJSON line, JSON array element) a scan reads: the
 * buffer grows to hold one record, and a file that is not data (one endless line) must
 * not grow it until the process dies.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * The file a scan reads, as it was when the scan opened it. A scan reads a file as it was then:
 * never past `size` (rows appended meanwhile are not read), and it fails rather than mix two
 * versions of the file (see checkUnchanged). The ranges of a parallel pass are opened with the
 * pass's identity (ChunkedFileOptions.sameAs), so that every range reads the same file.
 */
export interface FileIdentity {
    dev: number;
    ino: number;
    size: number;
    mtimeMs: number;
}

export interface ChunkedFileOptions {
    onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
    /** the read size (tests use tiny chunks to put boundaries everywhere) */
    chunkBytes?: number | undefined;
    /**
     * a buffer of an earlier scan to read into, if it has the size this one needs: a parallel pass
     * reads many ranges, and a fresh 4 MB buffer each time costs page faults and memory until it is
     * collected
     */
    reuse?: Buffer | undefined;
    /** makes the first buffer (the typed CSV reader's kernel reads in its own memory: typed-csv-wasm.ts); one grown for a long record is a plain Buffer */
    allocate?: ((size: number) => Buffer) | undefined;
    /**
     * The file as another scan of the same pass opened it: this one must be that file, unchanged
     * but for rows appended (else a DataError, which a range of a parallel pass answers by being
     * read again by the pass's own scan), and reads no further than its size then.
     */
    sameAs?: FileIdentity | undefined;
    /** the file's encoding when it is not UTF-8 (a CSV dataset's `encoding`): `buffer` then holds its text as UTF-8 (Transcoder), and offsets in it are not the file's */
    encoding?: CsvEncoding | undefined;
}

/** The last bytes before the end of a file as opened: compared when the file has grown, to tell rows appended from a rewrite. */
const TAIL_BYTES = 4096;

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
    /** With a declared encoding: the file's bytes turned into UTF-8 as read, through `raw` (see ChunkedFileOptions.encoding). */
    private readonly transcoder: Transcoder | undefined;
    private raw: Buffer | undefined;

    /** the size of the file as opened: reads stop there */
    readonly totalBytes: number;
    private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;

    private constructor(
        private readonly path: string,
        private readonly handle: FileHandle,
        /** the file as opened (or as the pass's first scan opened it) */
        readonly identity: FileIdentity,
        /** its last bytes then (undefined for a scan opened `sameAs` another: that one checks the file) */
        private readonly tail: Buffer | undefined,
        options: ChunkedFileOptions
    ) {
        this.totalBytes = identity.size;
        this.onProgress = options.onProgress;
        const { chunkBytes, reuse, allocate } = options;
        const size = chunkBytes !== undefined ? Math.max(1, Math.floor(chunkBytes)) : Math.max(64 * 1024, Math.min(CHUNK_BYTES, this.totalBytes + 1));
        this.buffer = reuse !== undefined && reuse.length === size ? reuse : allocate !== undefined ? allocate(size) : Buffer.allocUnsafe(size);
        if (options.encoding !== undefined) this.transcoder = transcoderOf(options.encoding);
    }

    static async open(path: string, options: ChunkedFileOptions = {}): Promise<ChunkedFile> {
        // O_NONBLOCK: a FIFO put in place after the caller's check must not block the open.
        const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
        noteFileOpen(path);
        try {
            const info = await handle.stat();
            if (!info.isFile()) throw new DataError(`${displayPath(path)} is not a regular file (a folder, pipe, device or socket); data files must be regular files`, { file: path, line: 1 });
            const now = identityOf(info);
            const expected = options.sameAs;
            if (expected !== undefined) {
                const change = expected.dev !== now.dev || expected.ino !== now.ino ? 'it was replaced by another file' : changeOfSameFile(expected, now, true);
                if (change !== undefined) throw changedWhileRead(path, change, 1);
                return new ChunkedFile(path, handle, expected, undefined, options);
            }
            return new ChunkedFile(path, handle, now, tailOf(handle.fd, now.size), options);
        } catch (error) {
            await handle.close();
            throw error;
        }
    }

    /**
     * Throws a DataError if the file changed since it was opened in a way that makes what was
     * read something other than the file as it was then: truncated, or rewritten (modified at the
     * same size, or grown with other bytes before its former end). Rows appended are fine (they
     * were not read), unless the file ended inside a record then (`recordsEndLines`: CSV and
     * NDJSON; the record was still being written, and read cut short). Called once a whole scan
     * succeeded; `line`: the line where it stopped (for the message's place).
     */
    checkUnchanged(recordsEndLines: boolean, line: number): void {
        const change = this.changeSinceOpened(recordsEndLines, line);
        if (change !== undefined) throw change;
    }

    /**
     * `error` (thrown while the file was read), or the error saying how the file changed meanwhile
     * when it did: a record cut by a truncation or a rewrite is not the data's fault, and the
     * change is what the user must hear of.
     */
    explain(error: unknown, recordsEndLines: boolean, line: number): unknown {
        if (!(error instanceof DataError)) return error;
        try {
            return this.changeSinceOpened(recordsEndLines, line) ?? error;
        } catch {
            return error;
        }
    }

    /** The DataError of checkUnchanged, or undefined. */
    private changeSinceOpened(recordsEndLines: boolean, line: number): DataError | undefined {
        const was = this.identity;
        const now = identityOf(fstatSync(this.handle.fd));
        let change = changeOfSameFile(was, now, recordsEndLines);
        if (change === undefined && now.size > was.size) {
            if (this.tail !== undefined && !tailOf(this.handle.fd, was.size).equals(this.tail)) change = `it was rewritten (its bytes before offset ${was.size} changed, and it now holds ${now.size} bytes)`;
            else if (recordsEndLines && this.tail !== undefined && this.tail.length > 0 && !isLineEnd(this.tail[this.tail.length - 1]!)) {
                change = `its last line was still being written when it was read (the file then ended without a line end, and has grown since)`;
            }
        }
        return change === undefined ? undefined : changedWhileRead(this.path, change, line);
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
        // A transcoded read needs room for what its bytes become (and a character begun before).
        const room = this.transcoder === undefined ? 1 : 4 * UTF8_BYTES_PER_BYTE;
        if (this.buffer.length - this.filled < room) {
            if (this.filled >= MAX_RECORD_BYTES) {
                throw new DataError(`${displayPath(this.path)}:${line}: the record starting on this line is longer than ${MAX_RECORD_BYTES / (1024 * 1024)} MiB: this is not a data file of the declared format (or a line end is missing)`, { file: this.path, line });
            }
            const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.filled + room));
            this.buffer.copy(larger, 0, 0, this.filled);
            this.buffer = larger;
        }
        // A synchronous read: the chunk comes from the page cache in about a millisecond, while an
        // asynchronous one also waited for a thread of the pool and the event loop's next turn — with
        // both threads scanning on two cores, a fifth of the scan was spent idle that way. The event
        // loop still turns once per chunk (yieldToEvents), without waiting for anything: a cancellation
        // that comes as a message (the language server's evaluation worker) or a timer is heard.
        // Never past the file's size as opened: rows appended since are not read (FileIdentity).
        const free = this.buffer.length - this.filled;
        const wanted = Math.max(0, Math.min(this.transcoder === undefined ? free : Math.floor(free / UTF8_BYTES_PER_BYTE) - 1, this.readCap, this.totalBytes - this.position));
        let bytesRead: number;
        if (this.transcoder === undefined) {
            bytesRead = readSync(this.handle.fd, this.buffer, this.filled, wanted, this.position);
            this.filled += bytesRead;
        } else {
            if (this.raw === undefined || this.raw.length < wanted) this.raw = Buffer.allocUnsafe(Math.max(wanted, 64 * 1024));
            bytesRead = readSync(this.handle.fd, this.raw, 0, wanted, this.position);
            const bytes = this.raw.subarray(0, bytesRead);
            this.filled += this.transcoder.write(bytes, this.buffer, this.filled, bytesRead === 0);
            const mismatch = bytesRead === 0 ? this.transcoder.finish?.() : undefined;
            if (mismatch !== undefined) throw new DataError(`${displayPath(this.path)}:${mismatch.line}: ${mismatch.problem}`, { file: this.path, line: mismatch.line });
        }
        await yieldToEvents();
        if (bytesRead === 0) this.eof = true;
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

    /** The file's first bytes as they are on disk (at most `length`), whatever has been read: to tell whether it is in its declared encoding (encodingMismatch). */
    startBytes(length: number): Buffer {
        const start = Buffer.alloc(Math.min(length, this.totalBytes));
        return start.subarray(0, readSync(this.handle.fd, start, 0, start.length, 0));
    }

    /** Drops the buffered data; the next refill reads from `offset` (a parallel scan starts mid-file). */
    seek(offset: number): void {
        // A transcoder's state is that of the bytes before: such a file is read in one go (worthParallel).
        if (this.transcoder !== undefined) throw new Error('a file in a declared encoding is read from its start, in one go');
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

function identityOf(info: Stats): FileIdentity {
    return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
}

/** The file's last bytes (at most TAIL_BYTES) before offset `end`. */
function tailOf(fd: number, end: number): Buffer {
    const length = Math.min(TAIL_BYTES, end);
    const tail = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
        const read = readSync(fd, tail, filled, length - filled, end - length + filled);
        if (read === 0) return tail.subarray(0, filled);
        filled += read;
    }
    return tail;
}

function isLineEnd(byte: number): boolean {
    return byte === 0x0a || byte === 0x0d;
}

/**
 * How the same file (same device and inode) changed from `was` to `now` such that reading it as
 * it was is impossible, or undefined: truncated; modified at the same size; grown, when growing
 * is not appending records (`appendable` false: a JSON array).
 */
function changeOfSameFile(was: FileIdentity, now: FileIdentity, appendable: boolean): string | undefined {
    if (now.size < was.size) return `it was truncated from ${was.size} to ${now.size} bytes`;
    if (now.size === was.size && now.mtimeMs !== was.mtimeMs) return `it was rewritten (modified at ${new Date(now.mtimeMs).toISOString()}, after it was opened)`;
    if (now.size > was.size && !appendable) return `it was rewritten (${was.size} bytes when opened, ${now.size} now)`;
    return undefined;
}

function changedWhileRead(path: string, change: string, line: number): DataError {
    return new DataError(
        `${displayPath(path)}: the file changed while it was read: ${change}. A data file is read as it was when the evaluation opened it; evaluate again once it is written (an export that writes a temporary file and renames it over this one never changes a file being read)`,
        { file: path, line }
    );
}

/** Whether the first `filled` bytes start with a UTF-8 byte order mark (which readers skip). */
export function hasBom(bytes: Uint8Array, filled: number): boolean {
    return filled >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** One turn of the event loop: pending messages, signals and timers are handled, then the caller goes on (no idle wait). */
function yieldToEvents(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
