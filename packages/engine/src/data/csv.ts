/**
 * RFC 4180 CSV, scanned by hand over the raw bytes. This is the hot path of the
 * 10M-row benchmark: a library would build a string (or an array of strings) per
 * cell and per row; here the scanner records only the byte offsets of each cell,
 * and only the columns the dataset declares are converted — numbers, timestamps,
 * booleans and enums straight from the bytes, with no intermediate strings.
 *
 * Supported: quoted fields, `""` escapes, newlines inside quotes, CRLF, LF or a lone CR, a
 * UTF-8 BOM, a last record with or without a trailing newline, and a separator other
 * than the comma where the dataset declares one (`separator ";"`; such files, and those
 * with decimal commas, are read by the general scanner only). Blank lines are
 * skipped. A record with more fields than the header is invalid (an unquoted decimal
 * comma would otherwise shift the columns silently); in a record with fewer fields,
 * missing cells of optional fields read as empty (some tools drop trailing empty
 * cells), a missing required cell is an error. Two header columns with the name of a
 * declared column are an error (which one the field reads would be a guess). The text of header names and
 * of text cells must be valid UTF-8 (see utf8.ts). A record longer than MAX_RECORD_BYTES
 * is an error (a file that is not CSV, such as /dev/zero, must not fill the memory).
 *
 * Line numbers are the physical line where a record starts, newlines inside quoted
 * fields counted. Column numbers are the 1-based field index.
 */
import { ChunkedFile, hasBom, type FileIdentity } from './chunked-file.js';
import { compressedFileProblem, compressionAt } from './compressed-file.js';
import { ENCODING_CHECK_BYTES, encodingMismatch, foreignEncodingAt, foreignEncodingProblem, notUtf8Problem } from './text-encoding.js';
import { foreignSeparatorOf, foreignSeparatorProblem, headerFurtherDownProblem } from './csv-header-problems.js';
import { SimpleRecordReader } from './csv-simple-record.js';
import { KernelRecordReader } from './csv-typed-kernel.js';
import { type QuotedSpan, runawayQuoteProblem } from './csv-runaway-quote.js';
import { TypedRecordReader } from './csv-typed-record.js';
import { DataError } from './data-error.js';
import { type InlineConversion, InlineKind, ValueProblem } from './field-decoder.js';
import { parseDecimalBytes } from './parse-number.js';
import { type ParsedTimestamp, parseTimestampBytes } from './parse-timestamp.js';
import type { ScanContext, ValueLocation } from './scan-context.js';
import { takeTypedCsvKernel, type TypedCsvKernel } from './typed-csv-wasm.js';
import { csvSeparatorOf, isPlainCsv } from './spec.js';
import { invalidUtf8Offset } from './utf8.js';

const COMMA = 0x2c, QUOTE = 0x22, LF = 0x0a, CR = 0x0d;

/** 1 for the bytes that end an unquoted cell: one table load per byte beats three comparisons (about 2× here). */
function endsUnquotedCell(separator: number): Uint8Array {
    const table = new Uint8Array(256);
    table[separator] = 1;
    table[LF] = 1;
    table[CR] = 1;
    return table;
}
const ENDS_UNQUOTED_CELL = endsUnquotedCell(COMMA);

/** The byte of a CSV separator (one ASCII character: csvSeparatorOf). */
function separatorByte(separator: string): number {
    return separator.charCodeAt(0);
}

/** Byte offsets of the cells of one record. */
export class CsvRecordScanner {
    starts: Int32Array;
    ends: Int32Array;
    /** per cell: 1 = quoted, 2 = contains `""` escapes */
    flags: Uint8Array;
    fieldCount = 0;
    /** line breaks inside the record, its terminator included */
    newlines = 0;
    problem = '';
    /** the quoted field the problem is in, when it is one's (see csv-runaway-quote.ts); `quote` -1 otherwise */
    problemQuote: QuotedSpan = { field: 0, quote: -1, end: -1, closed: false };
    /** the byte between cells (a comma unless the dataset declares another separator) */
    private readonly separator: number;
    private readonly endsUnquoted: Uint8Array;

    constructor(public width: number, separator = ',') {
        this.separator = separatorByte(separator);
        this.endsUnquoted = this.separator === COMMA ? ENDS_UNQUOTED_CELL : endsUnquotedCell(this.separator);
        this.starts = new Int32Array(width);
        this.ends = new Int32Array(width);
        this.flags = new Uint8Array(width);
    }

    resize(width: number): void {
        this.width = width;
        this.starts = new Int32Array(width);
        this.ends = new Int32Array(width);
        this.flags = new Uint8Array(width);
    }

    /**
     * Scans the record starting at `pos`; returns the offset after its terminator, or
     * -1 if the record may continue past `limit` (more data is needed).
     */
    scan(bytes: Buffer, pos: number, limit: number, eof: boolean): number {
        const width = this.width;
        const starts = this.starts;
        const ends = this.ends;
        const flags = this.flags;
        const separator = this.separator;
        const endsUnquoted = this.endsUnquoted;
        let i = pos;
        let column = 0;
        let newlines = 0;
        this.problem = '';
        this.problemQuote.quote = -1;
        for (;;) {
            let start: number;
            let end: number;
            let flag = 0;
            if (i < limit && bytes[i] === QUOTE) {
                flag = 1;
                start = ++i;
                for (;;) {
                    if (i >= limit) {
                        if (!eof) return -1;
                        this.problem = 'a quoted field is not closed before the end of the file';
                        this.markProblemQuote(column, start - 1, i, false);
                        end = i;
                        break;
                    }
                    const c = bytes[i];
                    if (c === QUOTE) {
                        if (i + 1 >= limit && !eof) return -1;
                        if (i + 1 < limit && bytes[i + 1] === QUOTE) {
                            flag = 3;
                            i += 2;
                            continue;
                        }
                        end = i++;
                        break;
                    }
                    // A line break inside quotes: LF, CRLF (counted at its LF) or a lone CR (old Mac files).
                    if (c === LF || (c === CR && (i + 1 >= limit || bytes[i + 1] !== LF))) newlines++;
                    i++;
                }
                if (i < limit) {
                    const c = bytes[i];
                    if (c !== separator && c !== LF && c !== CR) {
                        if (this.problem === '') {
                            this.problem = `unexpected character after the closing quote of field ${column + 1}`;
                            this.markProblemQuote(column, start - 1, end, true);
                        }
                        while (i < limit && bytes[i] !== separator && bytes[i] !== LF && bytes[i] !== CR) i++;
                    }
                }
            } else {
                start = i;
                while (i < limit && endsUnquoted[bytes[i]!] === 0) i++;
                end = i;
            }
            if (column < width) {
                starts[column] = start;
                ends[column] = end;
                flags[column] = flag;
            }
            column++;
            if (i >= limit) {
                if (!eof) return -1;
                break;
            }
            const c = bytes[i];
            if (c === separator) {
                i++;
                continue;
            }
            if (c === LF) {
                newlines++;
                i++;
                break;
            }
            // CR: alone (old Mac files, Excel's "CSV (Macintosh)") or followed by LF; either ends one line
            if (i + 1 >= limit && !eof) return -1;
            newlines++;
            i += i + 1 < limit && bytes[i + 1] === LF ? 2 : 1;
            break;
        }
        this.fieldCount = column;
        this.newlines = newlines;
        return i;
    }

    private markProblemQuote(column: number, quote: number, end: number, closed: boolean): void {
        const span = this.problemQuote;
        span.field = column + 1;
        span.quote = quote;
        span.end = end;
        span.closed = closed;
    }

    isBlank(): boolean {
        return this.fieldCount === 1 && this.flags[0] === 0 && this.starts[0] === this.ends[0];
    }

    text(bytes: Buffer, column: number): string {
        const text = bytes.toString('utf8', this.starts[column], this.ends[column]);
        return (this.flags[column]! & 2) === 0 ? text : text.replaceAll('""', '"');
    }
}

/**
 * The header and first data record of CSV bytes that may be only the start of a file
 * (`wholeFile` false): header name → cell text, read with the scan's own record scanner
 * (the same quoting, BOM, blank-line and header-trimming rules). Undefined when the bytes
 * hold no complete data record.
 */
export function firstCsvRecord(bytes: Buffer, wholeFile: boolean, separator = ','): Record<string, string> | undefined {
    return csvRecordsOf(bytes, wholeFile, separator, 1)[0]?.record;
}

/**
 * Up to `max` complete data records of CSV bytes that may be only the start of a file, each with
 * the physical line it starts on (header name → cell text), read as firstCsvRecord reads the first.
 */
export function csvRecordsOf(bytes: Buffer, wholeFile: boolean, separator: string, max: number): { line: number; record: Record<string, string> }[] {
    const scanner = new CsvRecordScanner(64, separator);
    const limit = bytes.length;
    let pos = hasBom(bytes, limit) ? 3 : 0;
    let header: string[] | undefined;
    let line = 1;
    const records: { line: number; record: Record<string, string> }[] = [];
    while (pos < limit && records.length < max) {
        const next = scanner.scan(bytes, pos, limit, wholeFile);
        if (next < 0) break;
        if (scanner.fieldCount > scanner.width) {
            scanner.resize(scanner.fieldCount); // wider than the first guess: scan again
            continue;
        }
        pos = next;
        const recordLine = line;
        line += scanner.newlines;
        if (header === undefined) {
            header = [];
            for (let c = 0; c < scanner.fieldCount; c++) header.push(scanner.text(bytes, c).trim());
            continue;
        }
        if (scanner.isBlank()) continue;
        const record: Record<string, string> = {};
        header.forEach((name, c) => {
            if (c < scanner.fieldCount) record[name] = scanner.text(bytes, c);
        });
        records.push({ line: recordLine, record });
    }
    return records;
}

/** The header's column names (trimmed, as evaluation matches them), or undefined when `bytes` hold no complete header line. */
export function firstCsvHeader(bytes: Buffer, wholeFile: boolean, separator = ','): string[] | undefined {
    const scanner = new CsvRecordScanner(64, separator);
    const limit = bytes.length;
    const start = hasBom(bytes, limit) ? 3 : 0;
    if (start >= limit) return undefined;
    for (;;) {
        if (scanner.scan(bytes, start, limit, wholeFile) < 0) return undefined;
        if (scanner.fieldCount <= scanner.width) break;
        scanner.resize(scanner.fieldCount); // wider than the first guess: scan again
    }
    const header: string[] = [];
    for (let c = 0; c < scanner.fieldCount; c++) header.push(scanner.text(bytes, c).trim());
    return header;
}

/**
 * The line, 2 to 11, whose record names every declared column, in a file whose first line is
 * not its header: ITSM exports often start with a title ("Incidents – exported 2026-04-01"),
 * Excel's with its separator hint (`sep=,`). Undefined when no such line is in `bytes`.
 */
function headerLineFurtherDown(bytes: Buffer, declared: readonly string[], wholeFile: boolean, separator: string): number | undefined {
    let offset = hasBom(bytes, bytes.length) ? 3 : 0;
    for (let line = 2; line <= 11; line++) {
        const end = bytes.indexOf(0x0a, offset);
        if (end < 0) return undefined;
        offset = end + 1;
        const names = firstCsvHeader(bytes.subarray(offset), wholeFile, separator);
        if (names === undefined) return undefined;
        if (declared.every((column) => names.includes(column))) return line;
    }
    return undefined;
}

/**
 * Why a CSV header names none of the declared columns, when the file says: the header is further
 * down (headerLineFurtherDown), or its one column holds another separator than the dataset's
 * (`separator`, a comma unless declared). Undefined when the header names some declared column,
 * or the file says nothing. `bytes` start with the header's line.
 */
export function headerMismatchReason(bytes: Buffer, header: readonly string[], declared: readonly string[], wholeFile: boolean, separator = ','): string | undefined {
    if (declared.some((column) => header.includes(column))) return undefined;
    const later = headerLineFurtherDown(bytes, declared, wholeFile, separator);
    if (later !== undefined) return headerFurtherDownProblem(later);
    const found = foreignSeparatorOf(header, separator);
    return found === undefined ? undefined : foreignSeparatorProblem(found, separator);
}

export async function scanCsv(context: ScanContext): Promise<number> {
    const csv = await CsvFileScan.open(context);
    try {
        await csv.readUntil(Infinity);
        csv.requireHeader();
        csv.checkUnchanged();
        return csv.bytesRead;
    } catch (error) {
        throw csv.explain(error);
    } finally {
        await csv.close();
    }
}

/**
 * A CSV file read record by record, in steps: `readUntil(offset)` reads the records
 * that start before a file offset, and `seek` jumps to a record boundary elsewhere.
 * A parallel pass reads the first part of a file in one thread and the rest in
 * another; a single pass is `readUntil(Infinity)`.
 */
export class CsvFileScan {
    private readonly reader: CsvRowReader;
    /** offset in the buffer of the next record */
    private pos = 0;

    private constructor(private readonly file: ChunkedFile, context: ScanContext, private readonly kernel: TypedCsvKernel | undefined) {
        this.reader = new CsvRowReader(context, kernel);
    }

    /**
     * `headerBytes`: the scan reads the header and then seeks (a range of a parallel pass): reads
     * take at most that many bytes until the header is read (more reads if it is longer).
     */
    static async open(context: ScanContext, headerBytes?: number): Promise<CsvFileScan> {
        // Typed rows: the kernel reads the common records where the file is read into, its memory.
        const kernel = context.options.typedRows !== undefined ? takeTypedCsvKernel() : undefined;
        // The buffer of an earlier scan is this scan's until it closes: another scan opened meanwhile
        // on this thread (two evaluations at once) reads into one of its own.
        const handed = context.options.readBuffer;
        const reuse = kernel === undefined ? handed?.buffer : undefined;
        if (reuse !== undefined) handed!.buffer = undefined;
        let file: ChunkedFile;
        try {
            file = await ChunkedFile.open(context.spec.path, {
                onProgress: context.options.onProgress,
                chunkBytes: context.options.readChunkBytes,
                reuse,
                allocate: kernel === undefined ? undefined : (size) => kernel.ioBuffer(size),
                sameAs: context.options.sameFileAs,
                encoding: context.spec.encoding
            });
        } catch (error) {
            kernel?.giveBack();
            throw error;
        }
        if (headerBytes !== undefined) file.readHeaderFirst(headerBytes);
        const csv = new CsvFileScan(file, context, kernel);
        while (file.filled < 4 && !file.eof) await file.refill(0, 1);
        const encoding = context.spec.encoding;
        // The file's own first bytes (the buffer holds them transcoded when an encoding is declared).
        const start = encoding === undefined ? file.buffer.subarray(0, file.filled) : file.startBytes(ENCODING_CHECK_BYTES);
        const compression = compressionAt(start, 0, start.length);
        const problem = compression !== undefined ? compressedFileProblem(compression, context.spec.path) : encoding === undefined ? undefined : encodingMismatch(start, encoding)?.problem;
        if (problem !== undefined) {
            await csv.close();
            throw context.error(`${context.shownPath}:1:1: ${problem}`, { prefix: '', where: '', line: 1, column: 1, locator: 'line' }, '', null);
        }
        if (hasBom(file.buffer, file.filled)) csv.pos = 3;
        return csv;
    }

    /** File offset where the next record starts. */
    get offset(): number {
        return this.file.base + this.pos;
    }

    /** The physical line of the next record. */
    get line(): number {
        return this.reader.line;
    }

    get bytesRead(): number {
        return this.file.bytesRead;
    }

    get totalBytes(): number {
        return this.file.totalBytes;
    }

    /** The file as this scan opened it (the ranges of a parallel pass are opened `sameFileAs` it). */
    get identity(): FileIdentity {
        return this.file.identity;
    }

    /** Throws if the file changed while it was read (ChunkedFile.checkUnchanged); for a scan that read it whole. */
    checkUnchanged(): void {
        this.file.checkUnchanged(true, this.reader.line);
    }

    /** `error`, or the error saying how the file changed while it was read (ChunkedFile.explain). */
    explain(error: unknown): unknown {
        return this.file.explain(error, true, this.reader.line);
    }

    /** Reads every record that starts before file offset `stopAt`. */
    async readUntil(stopAt: number): Promise<void> {
        const file = this.file;
        const reader = this.reader;
        for (;;) {
            // The synchronous loop lives in a method: in an async function every local
            // that survives an `await` is kept in a heap context, which slows the hot loop.
            reader.base = file.base;
            this.pos = reader.readRecords(file.buffer, this.pos, file.filled, file.eof, stopAt - file.base);
            if (file.eof || this.offset >= stopAt) return;
            this.pos -= await file.refill(this.pos, this.reader.line);
        }
    }

    /** Reads the header (the first record) only. */
    async readHeader(): Promise<void> {
        await this.readUntil(this.offset + 1);
        this.file.headerRead();
        this.requireHeader();
    }

    /** Continues at file offset `offset`, which must start a record on physical line `line`. */
    seek(offset: number, line: number): void {
        this.file.seek(offset);
        this.pos = 0;
        this.reader.line = line;
    }

    requireHeader(): void {
        if (this.reader.header !== undefined) return;
        const context = this.reader.context;
        throw context.error(`${context.shownPath}:1: the file is empty: expected a header line with the column names`, rowLocation(context, 1), '', null);
    }

    async close(): Promise<void> {
        const reuse = this.reader.context.options.readBuffer;
        // A view of the kernel's memory goes back with the kernel, not to the next scan.
        if (reuse !== undefined && this.file.buffer.buffer !== this.kernel?.memory) reuse.buffer = this.file.buffer;
        this.kernel?.giveBack();
        await this.file.close();
    }
}

/** Turns scanned records into typed rows: the header first, then one row per record. */
class CsvRowReader {
    private readonly scanner: CsvRecordScanner;
    /** the physical line of the next record */
    line = 1;
    /** file offset of the buffer given to readRecords (locates rejected records) */
    base = 0;
    header: string[] | undefined;
    private fieldColumns: Int32Array = new Int32Array(0);
    private minimumFields = 0;
    private readonly inlines: InlineConversion[];
    private readonly parsed: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    /** the one-pass reader of common records, once the header is known */
    private simple: SimpleRecordReader | undefined;
    /** the one-pass reader into typed values, when the caller takes them (ScanOptions.typedRows); with the WebAssembly kernel where there is one */
    private typed: TypedRecordReader | KernelRecordReader | undefined;
    /** where a column's cell of a record is, for a row that is invalid as a whole (ScanContext.emit); set with the header */
    private locateCell: ((column: string, line: number) => ValueLocation) | undefined;

    constructor(readonly context: ScanContext, private readonly kernel: TypedCsvKernel | undefined) {
        this.scanner = new CsvRecordScanner(64, csvSeparatorOf(context.spec));
        this.inlines = context.decoders.map((d) => d.inline);
    }

    /**
     * Reads every complete record from `pos` that starts before `stop`; returns where
     * the first one not read starts (or `limit`).
     */
    readRecords(bytes: Buffer, pos: number, limit: number, eof: boolean, stop: number): number {
        const scanner = this.scanner;
        const context = this.context;
        const decoders = context.decoders;
        const row = context.row;
        const inlines = this.inlines;
        const parsed = this.parsed;
        const fieldCount = decoders.length;
        while (pos < limit && pos < stop) {
            const typed = this.typed;
            if (typed !== undefined && typed.enabled) {
                pos = typed.readRun(bytes, pos, limit, stop);
                context.rows += typed.count;
                this.line += typed.count;
                // Unless the run ended at the bounds, the record at `pos` is not a common one: read it the general way.
                if (!(pos < limit && pos < stop)) continue;
            }
            const simple = this.simple;
            if (simple !== undefined && simple.enabled) {
                const end = simple.read(bytes, pos, limit);
                if (end >= 0) {
                    context.recordOffset = this.base + pos;
                    context.emit(this.line++, this.locateCell);
                    pos = end;
                    continue;
                }
            }
            const next = scanner.scan(bytes, pos, limit, eof);
            if (next < 0) return pos;
            const recordLine = this.line;
            this.line += scanner.newlines;
            const header = this.header;
            if (header === undefined) {
                if (scanner.fieldCount > scanner.width) {
                    // Wider than the first guess: rescan the header with room for every column.
                    scanner.resize(scanner.fieldCount);
                    this.line = recordLine;
                    continue;
                }
                this.readHeader(bytes, pos, next, limit);
                pos = next;
                continue;
            }
            const recordStart = pos;
            pos = next;
            if (scanner.isBlank()) continue;
            if (scanner.problem !== '') {
                context.recordOffset = this.base + recordStart;
                // A quote left open swallows the lines after it: never skipped silently.
                const runaway = runawayQuoteProblem(bytes, recordStart, recordLine, scanner.problemQuote);
                if (runaway !== undefined) {
                    const field = scanner.problemQuote.field;
                    context.reject(context.error(`${context.shownPath}:${recordLine}:${field}: malformed CSV record: ${runaway}`, { prefix: '', where: '', line: recordLine, column: field, locator: 'line' }, '', null), true);
                }
                context.reject(context.error(`${context.shownPath}:${recordLine}: malformed CSV record: ${scanner.problem}`, rowLocation(context, recordLine), '', null));
                continue;
            }
            if (scanner.fieldCount > header.length) {
                const n = scanner.fieldCount;
                context.recordOffset = this.base + recordStart;
                context.reject(context.error(`${context.shownPath}:${recordLine}:${header.length + 1}: the record has ${n} fields, the header has ${header.length}: ${shiftedColumnsAdvice(context.spec)}`, { prefix: '', where: '', line: recordLine, column: header.length + 1, locator: 'line' }, '', null));
                continue;
            }
            if (scanner.fieldCount < this.minimumFields) {
                const n = scanner.fieldCount;
                context.recordOffset = this.base + recordStart;
                context.reject(context.error(`${context.shownPath}:${recordLine}: the record has ${n} field${n === 1 ? '' : 's'}, the header has ${header.length}`, rowLocation(context, recordLine), '', null));
                continue;
            }
            const fieldColumns = this.fieldColumns;
            const starts = scanner.starts;
            const ends = scanner.ends;
            const flags = scanner.flags;
            let valid = true;
            for (let k = 0; k < fieldCount; k++) {
                const column = fieldColumns[k]!;
                const present = column < scanner.fieldCount;
                const start = present ? starts[column]! : 0;
                const end = present ? ends[column]! : 0;
                const escaped = present && (flags[column]! & 2) !== 0;
                if (start === end) {
                    const decoder = decoders[k]!;
                    if (decoder.field.optional) {
                        row[k] = null;
                        continue;
                    }
                    context.recordOffset = this.base + recordStart;
                    context.rejectMissing(decoder.field, cellLocation(context, recordLine, column, header), 'empty value');
                    valid = false;
                    break;
                }
                if (!escaped) {
                    // Inline conversions for the common kinds (see InlineKind); anything
                    // unusual (a % sign, a unit, an error) goes through the decoder.
                    const inline = inlines[k]!;
                    const kind = inline.kind;
                    if (kind === InlineKind.Unread) {
                        row[k] = null;
                        continue;
                    }
                    if (kind === InlineKind.Text || kind === InlineKind.Member) {
                        // Direct call: the decoders' shared fromBytes call site is megamorphic.
                        // A text the interner does not give (not UTF-8, not declared) is the decoder's to reject.
                        const text = inline.interner!.intern(bytes, start, end);
                        if (text !== undefined) {
                            row[k] = text;
                            continue;
                        }
                    }
                    if (kind === InlineKind.Timestamp) {
                        const ms = parseTimestampBytes(bytes, start, end, parsed);
                        if (ms === ms) {
                            if (!parsed.naive) {
                                row[k] = ms;
                                continue;
                            }
                            const fromWallClock = inline.fromWallClock;
                            if (fromWallClock !== undefined) {
                                row[k] = fromWallClock(ms);
                                continue;
                            }
                        }
                    } else if (kind >= InlineKind.Decimal && kind <= InlineKind.NonNegative) {
                        const value = parseDecimalBytes(bytes, start, end, inline.multiplier, inline.exponentShift);
                        if (value - value === 0 && (kind === InlineKind.Decimal || (kind === InlineKind.Integer ? Number.isSafeInteger(value) : value >= 0)) && value >= inline.min && value <= inline.max) {
                            row[k] = value;
                            continue;
                        }
                    }
                }
                context.recordOffset = this.base + recordStart;
                if (!this.convertSlowly(bytes, k, column, escaped, recordLine)) {
                    valid = false;
                    break;
                }
            }
            if (valid) {
                context.recordOffset = this.base + recordStart;
                context.emit(recordLine, this.locateCell);
            }
        }
        return pos;
    }

    /** Converts through the field's decoder; on a problem rejects the row and returns false. */
    private convertSlowly(bytes: Buffer, k: number, column: number, escaped: boolean, line: number): boolean {
        const scanner = this.scanner;
        const decoder = this.context.decoders[k]!;
        const start = scanner.starts[column]!, end = scanner.ends[column]!;
        const bad = invalidUtf8Offset(bytes, start, end);
        if (bad >= 0) {
            // The cell's text is not quoted: it is not what the file says.
            this.context.rejectValue(new ValueProblem(notUtf8Problem(bytes, bad, `at byte ${bad - start + 1} of the value`)), decoder.field, cellLocation(this.context, line, column, this.header!), undefined);
            return false;
        }
        try {
            this.context.row[k] = escaped ? decoder.fromText(scanner.text(bytes, column)) : decoder.fromBytes(bytes, scanner.starts[column]!, scanner.ends[column]!);
            return true;
        } catch (problem) {
            this.context.rejectValue(problem, decoder.field, cellLocation(this.context, line, column, this.header!), scanner.text(bytes, column));
            return false;
        }
    }

    /** The header: the record at bytes [start, end) of the buffer, the first of the file (the buffer holds bytes up to `limit`). */
    private readHeader(bytes: Buffer, start: number, end: number, limit: number): void {
        const scanner = this.scanner;
        const context = this.context;
        const encoding = foreignEncodingAt(bytes, start, end);
        if (encoding !== undefined) {
            throw context.error(`${context.shownPath}:1:1: ${foreignEncodingProblem(encoding, true)}`, { prefix: '', where: '', line: 1, column: 1, locator: 'line' }, '', null);
        }
        const header: string[] = [];
        for (let c = 0; c < scanner.fieldCount; c++) {
            const bad = invalidUtf8Offset(bytes, scanner.starts[c]!, scanner.ends[c]!);
            if (bad >= 0) {
                throw context.error(`${context.shownPath}:1:${c + 1}: the header is not UTF-8 text: ${notUtf8Problem(bytes, bad, `in column ${c + 1}`)}`, { prefix: '', where: '', line: 1, column: c + 1, locator: 'line' }, '', null);
            }
            header.push(scanner.text(bytes, c).trim());
        }
        this.header = header;
        // Where the header seems to be further down (a title line before it), the bytes after it say.
        const reason = () => headerMismatchReason(bytes.subarray(start, limit), header, this.context.spec.fields.map((field) => field.column), false, csvSeparatorOf(this.context.spec));
        ({ fieldColumns: this.fieldColumns, minimumFields: this.minimumFields } = mapColumns(this.context, header, reason));
        this.locateCell = (column, line) => cellLocation(this.context, line, header.indexOf(column), header);
        // The one-pass readers below know commas and decimal points only: another separator or a
        // decimal comma is read by the general scanner above, record by record.
        if (!isPlainCsv(this.context.spec)) return;
        this.simple = new SimpleRecordReader(this.context, this.fieldColumns, header.length);
        const typedRows = this.context.options.typedRows;
        if (typedRows !== undefined) {
            const typed = TypedRecordReader.create(this.context, typedRows, this.fieldColumns, header.length);
            this.typed = typed !== undefined && this.kernel !== undefined ? KernelRecordReader.create(this.kernel, typed) ?? typed : typed;
        }
    }
}

/** Column index of every declared field; a declared column missing from the header is an error at line 1. */
function mapColumns(context: ScanContext, header: string[], mismatchReason: () => string | undefined): { fieldColumns: Int32Array; minimumFields: number } {
    const index = new Map<string, number>();
    const declared = new Set(context.spec.fields.map((field) => field.column));
    header.forEach((name, c) => {
        const first = index.get(name);
        // A repeated column no field reads is harmless (two empty trailing names); a declared one would be a guess.
        if (first !== undefined && declared.has(name)) {
            throw new DataError(`${context.shownPath}:1:${c + 1}: the header names column ${JSON.stringify(name)} twice (columns ${first + 1} and ${c + 1}): rename one of them`, { file: context.spec.path, line: 1, column: c + 1 });
        }
        if (first === undefined) index.set(name, c);
    });
    const fieldColumns = new Int32Array(context.spec.fields.length);
    const missing: string[] = [];
    context.spec.fields.forEach((field, k) => {
        const column = index.get(field.column);
        if (column === undefined) {
            const similar = header.find((name) => name.toLowerCase() === field.column.toLowerCase());
            // The .sla side of the mismatch: the field and where it is declared, so the reader can fix either end.
            const notes = [field.declaredAt === undefined ? undefined : `declared at ${field.declaredAt}`, similar === undefined ? undefined : `did you mean "${similar}"?`].filter((note) => note !== undefined);
            missing.push(`column "${field.column}" for field ${field.name}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`);
        } else {
            fieldColumns[k] = column;
        }
    });
    if (missing.length > 0) {
        // The header is quoted only when it is evidently this dataset's (some declared column is
        // in it): a path pointing at another file (a one-line token) must not be echoed.
        const matched = missing.length < context.spec.fields.length;
        const found = matched ? `: ${header.map((name) => JSON.stringify(name)).join(', ')}` : ' (not quoted: none of them is a declared column)';
        // None of the declared columns: the file may say why (a title line first, another separator).
        const reason = mismatchReason();
        const hint = reason === undefined ? '' : ` (${reason})`;
        throw new DataError(`${context.shownPath}:1: missing ${missing.join(', ')}; the header has ${header.length} column${header.length === 1 ? '' : 's'}${found}${hint}`, {
            file: context.spec.path,
            line: 1,
            field: context.spec.fields.find((f) => !index.has(f.column))?.name ?? null
        });
    }
    // A record shorter than this lacks a required field's cell (optional ones read as empty).
    const minimumFields = context.spec.fields.reduce((max, field, k) => (field.optional ? max : Math.max(max, fieldColumns[k]! + 1)), 0);
    return { fieldColumns, minimumFields };
}

/** Why a record has more cells than the header, and what to do: the separator inside a value. */
function shiftedColumnsAdvice(spec: ScanContext['spec']): string {
    const separator = csvSeparatorOf(spec);
    if (separator === ',') return 'an unquoted comma inside a value (a decimal comma?) shifts the columns; quote such values or use a decimal point';
    return `an unquoted ${separator === '\t' ? 'tab' : `"${separator}"`} inside a value shifts the columns; quote such values`;
}

function rowLocation(_context: ScanContext, line: number): ValueLocation {
    return { prefix: '', where: '', line, column: null, locator: 'line' };
}

export function cellLocation(context: ScanContext, line: number, column: number, header: string[]): ValueLocation {
    return {
        prefix: `${context.shownPath}:${line}:${column + 1}: `,
        where: ` in column ${column + 1} (${header[column]})`,
        line,
        column: column + 1,
        locator: 'line'
    };
}
