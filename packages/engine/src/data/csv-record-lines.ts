/**
 * The physical line each data record of a CSV file starts on, for an engine that read the file
 * itself (DuckDB) and gives a row's position among the records: a quoted value with line breaks
 * makes the two differ (a record after one ticket summary of three lines starts two lines further
 * down than its position says). Only the records a report names are asked for: the file is read
 * forward with the reader's own record scanner from the last record found (from its start again
 * for an earlier one), never kept whole.
 */
import { closeSync, openSync } from 'node:fs';
import { hasBom, MAX_RECORD_BYTES } from './chunked-file.js';
import { CsvRecordScanner } from './csv.js';
import { ForwardFileWindow } from './forward-file-window.js';

export class CsvRecordLines {
    /** the header's column names (trimmed, as the reader matches them); undefined until a record was looked for */
    header: string[] | undefined;
    private readonly scanner: CsvRecordScanner;
    private fd: number | undefined;
    /** the file's bytes read so far; its `pos`: where the next record starts */
    private window: ForwardFileWindow | undefined;
    /** where the next record starts: physical line, data record index (the header is none; blank lines are skipped, as by the reader and DuckDB) */
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
        this.line = 1;
        this.record = -1;
        this.header = undefined;
        const window = (this.window = new ForwardFileWindow(this.fd));
        window.read(MAX_RECORD_BYTES);
        window.pos = hasBom(window.buffer, window.filled) ? 3 : 0;
    }

    /** Scans the next data record (its index and line in `record`, `recordLine`); false at the end of the file. */
    private next(): boolean {
        const scanner = this.scanner;
        const window = this.window!;
        for (;;) {
            if (window.pos >= window.filled && window.eof) return false;
            const end = scanner.scan(window.buffer, window.pos, window.filled, window.eof);
            if (end < 0) {
                window.read(MAX_RECORD_BYTES);
                continue;
            }
            if (scanner.fieldCount > scanner.width) {
                scanner.resize(scanner.fieldCount); // wider than the first guess: scan again
                continue;
            }
            const line = this.line;
            this.line += scanner.newlines;
            window.pos = end;
            if (this.header === undefined) {
                this.header = [];
                for (let c = 0; c < scanner.fieldCount; c++) this.header.push(window.buffer.toString('utf8', scanner.starts[c], scanner.ends[c]).trim());
                continue;
            }
            if (scanner.isBlank()) continue;
            this.record++;
            this.recordLine = line;
            return true;
        }
    }
}
