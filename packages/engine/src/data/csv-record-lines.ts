/**
 * The physical line each data record of a CSV file starts on, for an engine that read the file
 * itself (DuckDB) and gives a row's position among the records: a quoted value with line breaks
 * makes the two differ (a record after one ticket summary of three lines starts two lines further
 * down than its position says). Only the records a report names are asked for: the file is read
 * forward with the reader's own record scanner from the last record found (from its start again
 * for an earlier one), never kept whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { hasBom, MAX_RECORD_BYTES } from './chunked-file.js';
import { CsvRecordScanner } from './csv.js';

const READ_BYTES = 1024 * 1024;

export class CsvRecordLines {
    /** the header's column names (trimmed, as the reader matches them); undefined until a record was looked for */
    header: string[] | undefined;
    private readonly scanner: CsvRecordScanner;
    private buffer = Buffer.allocUnsafe(READ_BYTES);
    private fd: number | undefined;
    /** bytes [0, filled) of the buffer hold the file from offset `base` on */
    private filled = 0;
    private base = 0;
    private eof = false;
    /** where the next record starts: buffer offset, physical line, data record index (the header is none; blank lines are skipped, as by the reader and DuckDB) */
    private pos = 0;
    private line = 1;
    private record = -1;
    /** the line where data record `record` starts */
    private recordLine = 0;

    constructor(private readonly path: string, separator: string) {
        this.scanner = new CsvRecordScanner(64, separator);
    }

    /** The physical line where data record `index` (0-based) starts, or undefined when the file (changed since?) has no such record or cannot be read. */
    lineOf(index: number): number | undefined {
        try {
            if (index < this.record || this.fd === undefined) this.restart();
            while (this.record < index) {
                if (!this.next()) return undefined;
            }
            return this.recordLine;
        } catch {
            return undefined;
        }
    }

    close(): void {
        if (this.fd !== undefined) closeSync(this.fd);
        this.fd = undefined;
    }

    private restart(): void {
        this.close();
        this.fd = openSync(this.path, 'r');
        this.filled = 0;
        this.base = 0;
        this.eof = false;
        this.line = 1;
        this.record = -1;
        this.header = undefined;
        this.pos = 0;
        this.read();
        this.pos = hasBom(this.buffer, this.filled) ? 3 : 0;
    }

    /** Scans the next data record (its index and line in `record`, `recordLine`); false at the end of the file. */
    private next(): boolean {
        const scanner = this.scanner;
        for (;;) {
            if (this.pos >= this.filled && this.eof) return false;
            const end = scanner.scan(this.buffer, this.pos, this.filled, this.eof);
            if (end < 0) {
                this.read();
                continue;
            }
            if (scanner.fieldCount > scanner.width) {
                scanner.resize(scanner.fieldCount); // wider than the first guess: scan again
                continue;
            }
            const line = this.line;
            this.line += scanner.newlines;
            this.pos = end;
            if (this.header === undefined) {
                this.header = [];
                for (let c = 0; c < scanner.fieldCount; c++) this.header.push(this.buffer.toString('utf8', scanner.starts[c], scanner.ends[c]).trim());
                continue;
            }
            if (scanner.isBlank()) continue;
            this.record++;
            this.recordLine = line;
            return true;
        }
    }

    /** Keeps the bytes from `pos` on (moved to the front) and reads more after them. */
    private read(): void {
        const pos = this.pos;
        this.buffer.copy(this.buffer, 0, pos, this.filled);
        this.filled -= pos;
        this.base += pos;
        this.pos = 0;
        if (this.buffer.length - this.filled < READ_BYTES / 2) {
            if (this.filled >= MAX_RECORD_BYTES) throw new Error('record too long');
            const larger = Buffer.allocUnsafe(this.buffer.length * 2);
            this.buffer.copy(larger, 0, 0, this.filled);
            this.buffer = larger;
        }
        const bytesRead = readSync(this.fd!, this.buffer, this.filled, this.buffer.length - this.filled, this.base + this.filled);
        this.filled += bytesRead;
        if (bytesRead === 0) this.eof = true;
    }
}
