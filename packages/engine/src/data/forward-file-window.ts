/**
 * A file read forward, synchronously, into one buffer: bytes [0, filled) hold the file from
 * offset `base` on, and `pos` is where its reader is. The bytes from `pos` on (a record cut by
 * the buffer's end) move to the front before the next read, and the buffer doubles for a record
 * longer than half of it. For the readers that walk a CSV file's records apart from a scan
 * (csv-record-lines.ts, sql/duckdb-csv-check.ts); a scan reads through ChunkedFile.
 */
import { readSync } from 'node:fs';

const READ_BYTES = 1024 * 1024;

export class ForwardFileWindow {
    buffer = Buffer.allocUnsafe(READ_BYTES);
    filled = 0;
    base = 0;
    pos = 0;
    eof = false;

    constructor(private readonly fd: number) {}

    /** Keeps the bytes from `pos` on (moved to the front) and reads more after them; throws once they reach `limit` bytes and must grow. */
    read(limit = Number.POSITIVE_INFINITY): void {
        const pos = this.pos;
        this.buffer.copy(this.buffer, 0, pos, this.filled);
        this.filled -= pos;
        this.base += pos;
        this.pos = 0;
        if (this.buffer.length - this.filled < READ_BYTES / 2) {
            if (this.filled >= limit) throw new Error('record too long');
            const larger = Buffer.allocUnsafe(this.buffer.length * 2);
            this.buffer.copy(larger, 0, 0, this.filled);
            this.buffer = larger;
        }
        const bytesRead = readSync(this.fd, this.buffer, this.filled, this.buffer.length - this.filled, this.base + this.filled);
        this.filled += bytesRead;
        if (bytesRead === 0) this.eof = true;
    }
}
