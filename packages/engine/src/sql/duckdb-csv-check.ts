/**
 * A CSV file checked with the local reader's rules before DuckDB reads it (`--engine duckdb`):
 * DuckDB's read_csv reads some records otherwise than the local reader, with no option to make
 * it read them alike, and refuses some files the local reader reads with its own raw words.
 * Every record is scanned with the local reader's record scanner (csv.ts); a record DuckDB
 * would read differently or refuse stops the evaluation with the file, the line and what to do,
 * before any number is computed:
 * - a closing quote followed by other text than a separator (`"a" ,2`): the local reader refuses
 *   the record (with --skip-invalid skips it), DuckDB read `a` and counted the row;
 * - spaces before an opening quote (` "2"`): the local reader reads the cell as it stands (the
 *   quotes included: not a number), DuckDB read `2`;
 * - a record of more cells than the header, a quote left open, text that is not UTF-8, line
 *   endings of two kinds (LF and CRLF): DuckDB refused the whole file with its sniffer's or
 *   parser's message ("Error when sniffing file", "Original Line: <header>").
 * It also tells whether a quoted value holds a line break: DuckDB's parallel reader refuses
 * those (with null_padding), so such a file is read with `parallel = false` (dataset-relation.ts).
 * Read: the whole file, once per file version (size and modification time).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { hasBom, MAX_RECORD_BYTES } from '../data/chunked-file.js';
import { CsvRecordScanner } from '../data/csv.js';
import { runawayQuoteProblem } from '../data/csv-runaway-quote.js';
import { DataError, displayPath } from '../data/data-error.js';
import { ForwardFileWindow } from '../data/forward-file-window.js';
import { invalidUtf8Offset } from '../data/utf8.js';

const LF = 0x0a, CR = 0x0d, QUOTE = 0x22, SPACE = 0x20;

/** What DuckDB needs to know of a CSV file that passed the check. */
export interface DuckDbCsvReading {
    /** some quoted value holds a line break: read with `parallel = false` */
    quotedLineBreaks: boolean;
}

/** What the user can do when DuckDB cannot read a record as the local reader does. */
const ADVICE = 'correct the file, or evaluate it with the built-in engine (without --engine duckdb)';

const checked = new Map<string, { size: number; mtimeMs: number; reading: DuckDbCsvReading }>();

/**
 * Checks the CSV file at `path` (cells between `separator`s) as described above; undefined when
 * the file cannot be opened (DuckDB then says why). Throws a DataError at the first record
 * DuckDB would read differently from the local reader, or refuse.
 */
export function checkCsvForDuckDb(path: string, separator: string): DuckDbCsvReading | undefined {
    let fd: number;
    try {
        fd = openSync(path, 'r');
    } catch {
        return undefined;
    }
    try {
        // Asked once per evaluation step (relationOf): a file checked unchanged is not read again.
        const { size, mtimeMs } = fstatSync(fd);
        const key = `${separator}\0${path}`;
        const known = checked.get(key);
        if (known !== undefined && known.size === size && known.mtimeMs === mtimeMs) return known.reading;
        const reading = new CsvFileCheck(fd, path, separator).run();
        checked.set(key, { size, mtimeMs, reading });
        return reading;
    } finally {
        closeSync(fd);
    }
}

type LineEnding = 'LF' | 'CRLF' | 'CR';

class CsvFileCheck {
    private readonly scanner: CsvRecordScanner;
    private readonly shown: string;
    private readonly window: ForwardFileWindow;

    constructor(fd: number, private readonly path: string, private readonly separator: string) {
        this.scanner = new CsvRecordScanner(64, separator);
        this.shown = displayPath(path);
        this.window = new ForwardFileWindow(fd);
    }

    run(): DuckDbCsvReading {
        const scanner = this.scanner;
        this.window.read();
        this.window.pos = hasBom(this.window.buffer, this.window.filled) ? 3 : 0;
        let line = 1;
        let headerWidth = -1;
        let firstEnding: { ending: LineEnding; line: number } | undefined;
        let quotedLineBreaks = false;
        // The records from buffer offset `utf8From` (line `utf8Line`) on are checked for UTF-8 at once, before the buffer moves on.
        let utf8From = this.window.pos;
        let utf8Line = line;
        for (;;) {
            if (this.window.pos >= this.window.filled && this.window.eof) break;
            const bytes = this.window.buffer;
            const start = this.window.pos;
            const end = scanner.scan(bytes, start, this.window.filled, this.window.eof);
            if (end < 0) {
                this.requireUtf8(utf8From, utf8Line);
                // A record longer than the readers' limit: DuckDB's max_line_size refuses it (duckdb-error.ts says so).
                if (this.window.filled - this.window.pos >= MAX_RECORD_BYTES) return { quotedLineBreaks };
                this.window.read();
                utf8From = this.window.pos;
                utf8Line = line;
                continue;
            }
            if (scanner.fieldCount > scanner.width) {
                scanner.resize(scanner.fieldCount); // wider than the first guess: scan again
                continue;
            }
            const recordLine = line;
            line += scanner.newlines;
            this.window.pos = end;
            const ending = lineEndingOf(bytes, start, end);
            if (ending !== undefined) {
                firstEnding ??= { ending, line: recordLine };
                if (ending !== firstEnding.ending) {
                    throw this.error(recordLine, undefined, `line ${recordLine} ends with ${ending}, line ${firstEnding.line} with ${firstEnding.ending}: DuckDB reads a CSV file whose lines all end alike (it refuses this one); convert the line endings of the file to one kind, or evaluate it with the built-in engine (without --engine duckdb)`);
                }
            }
            if (scanner.newlines > (ending === undefined ? 0 : 1)) quotedLineBreaks = true;
            if (scanner.problem !== '') {
                const runaway = runawayQuoteProblem(bytes, start, recordLine, scanner.problemQuote);
                // As the local reader says it (csv.ts); a record on one line it would skip with --skip-invalid, DuckDB cannot.
                if (runaway !== undefined) throw this.error(recordLine, scanner.problemQuote.field, `malformed CSV record: ${runaway}`);
                throw this.error(recordLine, undefined, `malformed CSV record: ${scanner.problem} (DuckDB reads this record otherwise or refuses the file, so --engine duckdb cannot skip it): ${ADVICE}`);
            }
            if (headerWidth < 0) headerWidth = scanner.fieldCount;
            else if (scanner.fieldCount > headerWidth) {
                throw this.error(recordLine, headerWidth + 1, `the record has ${scanner.fieldCount} fields, the header has ${headerWidth}: ${shiftedColumnsAdvice(this.separator)} (DuckDB refuses the file, so --engine duckdb cannot skip the record)`);
            }
            const quoted = this.cellQuotedAfterSpaces(bytes);
            if (quoted >= 0) {
                const cell = bytes.toString('utf8', scanner.starts[quoted], scanner.ends[quoted]);
                throw this.error(recordLine, quoted + 1, `the value ${JSON.stringify(cell)} has spaces before its opening quote: the built-in reader reads it as it stands (quotes included), DuckDB without the spaces and quotes; remove the spaces before the quote, or evaluate it with the built-in engine (without --engine duckdb)`);
            }
        }
        this.requireUtf8(utf8From, utf8Line);
        return { quotedLineBreaks };
    }

    /**
     * Bytes [from, pos) of the buffer, whole records from physical line `line` on, as UTF-8: checked at once (natively),
     * and record by record only when they are not, to say where. DuckDB refuses a file with any other byte.
     */
    private requireUtf8(from: number, line: number): void {
        if (isUtf8(this.window.buffer.subarray(from, this.window.pos))) return;
        const scanner = this.scanner;
        const bytes = this.window.buffer;
        for (let start = from; start < this.window.pos; ) {
            const end = scanner.scan(bytes, start, this.window.pos, true);
            const bad = invalidUtf8Offset(bytes, start, end);
            if (bad >= 0) {
                const column = this.cellAt(bad);
                throw this.error(line, column === undefined ? undefined : column + 1, `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not UTF-8 text, and DuckDB refuses the whole file for it (the built-in engine refuses only a value it reads): save the file as UTF-8, or evaluate it with the built-in engine (without --engine duckdb)`);
            }
            line += scanner.newlines;
            start = end;
        }
    }

    /** The first unquoted cell of the scanned record that is spaces and then a quote (DuckDB drops both); -1 if none. */
    private cellQuotedAfterSpaces(bytes: Buffer): number {
        const scanner = this.scanner;
        for (let c = 0; c < scanner.fieldCount; c++) {
            if (scanner.flags[c] !== 0 || bytes[scanner.starts[c]!] !== SPACE) continue;
            let i = scanner.starts[c]!;
            while (i < scanner.ends[c]! && bytes[i] === SPACE) i++;
            if (i < scanner.ends[c]! && bytes[i] === QUOTE) return c;
        }
        return -1;
    }

    /** The 0-based cell of the scanned record holding buffer offset `offset`. */
    private cellAt(offset: number): number | undefined {
        const scanner = this.scanner;
        for (let c = 0; c < scanner.fieldCount; c++) if (offset >= scanner.starts[c]! && offset < scanner.ends[c]!) return c;
        return undefined;
    }

    private error(line: number, column: number | undefined, problem: string): DataError {
        return new DataError(`${this.shown}:${line}${column === undefined ? '' : `:${column}`}: ${problem}`, { file: this.path, line, column: column ?? 1 });
    }
}

/** How the record at bytes [start, end) ends: undefined for the last record of a file without a final line break. */
function lineEndingOf(bytes: Buffer, start: number, end: number): LineEnding | undefined {
    if (end <= start) return undefined;
    if (bytes[end - 1] === CR) return 'CR';
    if (bytes[end - 1] !== LF) return undefined;
    return end - 2 >= start && bytes[end - 2] === CR ? 'CRLF' : 'LF';
}

/** As the local reader advises (csv.ts): the separator inside a value. */
function shiftedColumnsAdvice(separator: string): string {
    if (separator === ',') return 'an unquoted comma inside a value (a decimal comma?) shifts the columns; quote such values or use a decimal point';
    return `an unquoted ${separator === '\t' ? 'tab' : `"${separator}"`} inside a value shifts the columns; quote such values`;
}
