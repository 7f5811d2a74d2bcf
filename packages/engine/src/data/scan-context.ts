/** Row bookkeeping shared by the CSV and JSON scanners: counts, rejected rows, progress. */
import { DataError, displayPath, quoteValue } from './data-error.js';
import { type FieldDecoder, ValueProblem, createFieldDecoder } from './field-decoder.js';
import type { TypedRowTarget } from './csv-typed-record.js';
import type { FileIdentity } from './chunked-file.js';
import { type DatasetSpec, type FieldSpec, type RowValue, describeFieldKind, inferFormat } from './spec.js';
import { RowKeys, type TiedRow } from './row-keys.js';
import { formatInstant } from '../time/zone.js';
import { isValidTimeZone } from '../time/zone-names.js';

export type OnRow = (row: RowValue[], line: number) => void;

export interface ScanOptions {
    /** skip (and count) invalid rows instead of stopping at the first one */
    skipInvalid: boolean;
    onInvalid?: (err: DataError) => void;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
    /** read size in bytes (default 4 MB); tests set tiny sizes to exercise chunk boundaries */
    readChunkBytes?: number;
    /** a buffer of an earlier scan to read into (see ChunkedFile.open); the scan's buffer is left in `readBuffer` for the next */
    readBuffer?: { buffer: Buffer | undefined };
    /** The fields whose values the caller reads (default: all). Others are still validated, but text is not converted. */
    readFields?: ReadonlySet<string>;
    /** Takes the common CSV records as typed values rather than as row arrays (csv-typed-record.ts); other records still come to onRow. */
    typedRows?: TypedRowTarget;
    /** The file as the pass's own scan opened it: a range of a parallel pass reads that file, as it was then (ChunkedFileOptions.sameAs). */
    sameFileAs?: FileIdentity;
    /** Reads a dataset another way than the file scanners (SQL engines, Parquet: sql/evaluate-with-engines.ts); undefined: read the file. */
    rowReader?: RowReader;
}

/** Rows of a dataset from elsewhere than its file (a table, Parquet through DuckDB), or undefined to read the file. */
export type RowReader = (spec: DatasetSpec, onRow: OnRow, options: ScanOptions) => Promise<ScanResult> | undefined;

export interface ScanResult {
    rows: number;
    rejected: number;
    /** the first 20 rejected rows' errors */
    rejectedSamples: DataError[];
    bytes: number;
    /** `one row per …, latest by …`: rows superseded by a later (or the same) version of their key, not in `rows` */
    superseded?: number;
}

export const MAX_REJECTED_SAMPLES = 20;

export class ScanContext {
    readonly decoders: FieldDecoder[];
    readonly row: RowValue[];
    readonly shownPath: string;
    /** the columns (CSV header names, JSON keys) the fields read */
    readonly columns: ReadonlySet<string>;
    rows = 0;
    rejected = 0;
    readonly rejectedSamples: DataError[] = [];
    /** File offset of the record being rejected (CSV; set just before rejecting it). */
    recordOffset = -1;
    /** Per rejected sample, its record's file offset: a parallel pass re-reads those records. */
    readonly rejectedOffsets: number[] = [];
    /** Per pair of the spec's orderedTimes, the positions of its start and end fields (the typed readers check them too). */
    readonly orderedStarts: Int32Array;
    readonly orderedEnds: Int32Array;
    /** `one row per …`: the keys of the rows so far (row-keys.ts), or undefined */
    private readonly rowKeys: RowKeys | undefined;
    readonly options: ScanOptions;

    constructor(readonly spec: DatasetSpec, readonly onRow: OnRow, options: ScanOptions) {
        this.rowKeys = RowKeys.of(spec, options.readFields);
        // The typed readers hand rows on without emit: a keyed dataset's rows all come through it, to be checked.
        const { typedRows: _typed, ...untyped } = options;
        this.options = this.rowKeys === undefined ? options : untyped;
        const keyFields = new Set([...(spec.oneRowPer ?? []), ...(spec.latestBy === undefined ? [] : [spec.latestBy])]);
        const readFields = options.readFields;
        this.decoders = spec.fields.map((field) => createFieldDecoder(field, spec, readFields === undefined || readFields.has(field.name) || keyFields.has(field.name)));
        this.row = new Array<RowValue>(spec.fields.length).fill(null);
        this.shownPath = displayPath(spec.path);
        this.columns = new Set(spec.fields.map((field) => field.column));
        const pairs = orderedFieldPairs(spec);
        this.orderedStarts = Int32Array.from(pairs, (pair) => pair[0]);
        this.orderedEnds = Int32Array.from(pairs, (pair) => pair[1]);
    }

    /**
     * Records an invalid row: throws unless skipping is on. A naive timestamp in a
     * dataset without a time zone always throws: it is a declaration problem that
     * would reject every row, not a bad row.
     */
    reject(error: DataError, fatal = false): void {
        if (!this.options.skipInvalid || fatal) {
            error.skippable = !fatal;
            throw error;
        }
        this.rejected++;
        if (this.rejectedSamples.length < MAX_REJECTED_SAMPLES) {
            this.rejectedSamples.push(error);
            this.rejectedOffsets.push(this.recordOffset);
        }
        this.options.onInvalid?.(error);
    }

    /** A value problem of one field, located; rejects the row (or throws). `raw` undefined: the value is not quoted (bytes that are not text). */
    rejectValue(problem: unknown, field: FieldSpec, location: ValueLocation, raw: string | undefined): void {
        if (!(problem instanceof ValueProblem)) throw problem;
        const message = `${location.prefix}invalid value ${raw === undefined ? '' : `${quoteValue(raw)} `}for field ${field.name} (${describeFieldKind(field)})${location.where}: ${problem.reason}`;
        this.reject(this.error(message, location, raw ?? '', field.name), problem.naiveTimestamp);
    }

    /** An empty or missing value of a required field; rejects the row (or throws). */
    rejectMissing(field: FieldSpec, location: ValueLocation, what: string): void {
        // Where the field is declared, when the model says: the reader fixes either the data or the .sla line.
        const declared = field.declaredAt === undefined ? '' : `, declared at ${field.declaredAt}`;
        const message = `${location.prefix}${what} for required field ${field.name} (${describeFieldKind(field)}${declared})${location.where}`;
        this.reject(this.error(message, location, '', field.name));
    }

    error(message: string, location: ValueLocation, value: string, field: string | null): DataError {
        return new DataError(message, {
            file: this.spec.path,
            line: location.line,
            column: location.column,
            value,
            field,
            locator: location.locator
        });
    }

    /**
     * Hands the row on, unless it has a pair of the spec's orderedTimes out of order: then it is
     * rejected as an invalid row (or throws), located by `locate` (where the reader knows a column's
     * value: CSV its column, JSON its key), else by its line. A CSV reader sets recordOffset first.
     */
    emit(line: number, locate?: (column: string, line: number) => ValueLocation): void {
        if (this.orderedEnds.length !== 0) {
            const pair = this.outOfOrderPair();
            if (pair >= 0) {
                this.rejectOutOfOrder(pair, line, locate ?? ((column) => this.lineLocation(column, line)));
                return;
            }
        }
        const rowKeys = this.rowKeys;
        if (rowKeys !== undefined) {
            if (rowKeys.keepsLatest) {
                // Handed on at the end (result), once every version of its key has been read.
                rowKeys.offerLatest(this.row, line);
                return;
            }
            const earlier = rowKeys.earlierRow(this.row, line);
            if (earlier >= 0) {
                this.rejectRepeatedKey(earlier, line, locate ?? ((column) => this.lineLocation(column, line)));
                return;
            }
        }
        this.rows++;
        this.onRow(this.row, line);
    }

    /** A row's key in words (`id "T-2"`, `system "erp", id "T-2"`), the key's names, and its first field (where a message is located). */
    private keyWords(row: readonly RowValue[]): { key: string; first: FieldSpec; firstValue: string; names: string } {
        const positions = this.rowKeys!.positions;
        const fields = positions.map((position) => this.spec.fields[position]!);
        const values = positions.map((position, i) => this.valueText(fields[i]!, row[position]!));
        const key = fields.length === 1 ? `${fields[0]!.name} ${quoteValue(values[0]!)}` : fields.map((field, i) => `${field.name} ${quoteValue(values[i]!)}`).join(', ');
        return { key, first: fields[0]!, firstValue: values[0]!, names: fields.map((field) => field.name).join(', ') };
    }

    /** `latest by`: a row with its key's latest value, as the row kept for its key, and other values (judged after the whole file). */
    private rejectTie({ row, line, keptLine: earlier }: TiedRow): void {
        const { key, names } = this.keyWords(row);
        const by = this.spec.fields[this.rowKeys!.latestPosition]!;
        const at = this.lineLocation(by.column, line);
        const value = this.valueText(by, row[this.rowKeys!.latestPosition]!);
        const declared = this.spec.declaredAt === undefined ? '' : ` (declared at ${this.spec.declaredAt})`;
        const message = `${at.prefix}invalid row: ${by.name} ${quoteValue(value)}${at.where} of ${key} is also the ${by.name} of ${this.earlierPlace(earlier)}, whose other values differ: the dataset ${this.spec.name} counts the row with the latest ${by.name} of each ${names}${declared}, and cannot tell which of the two that is; correct the ${by.name} of one of them, or remove one`;
        this.reject(this.error(message, at, value, by.name));
    }

    /** A row with an earlier row's key (row-keys.ts): invalid as a whole, located at its (first) key value. */
    private rejectRepeatedKey(earlier: number, line: number, locate: (column: string, line: number) => ValueLocation): void {
        const { key, first, firstValue, names } = this.keyWords(this.row);
        const at = locate(first.column, line);
        const declared = this.spec.declaredAt === undefined ? '' : ` (declared at ${this.spec.declaredAt})`;
        const message = `${at.prefix}invalid row: ${key}${at.where} is already the key of ${this.earlierPlace(earlier)}: the dataset ${this.spec.name} has one row per ${names}${declared}, so this row would count the same item twice; remove one of the two rows (an export run twice, or two exports that overlap?)`;
        this.reject(this.error(message, at, firstValue, first.name));
    }

    /** Where an earlier row is, in the words of this source's locations. */
    private earlierPlace(earlier: number): string {
        // Tables and Parquet files have no lines: a row's place is its position in the query's result.
        return this.spec.table !== undefined || (this.spec.format ?? inferFormat(this.spec.path)) === 'parquet' ? `row ${earlier} of the result` : `line ${earlier}`;
    }

    private valueText(field: FieldSpec, value: RowValue): string {
        return field.kind === 'timestamp' && typeof value === 'number' ? this.instantText(value) : String(value);
    }

    /** The first pair of the spec's orderedTimes whose end the row has before its start (both present), or -1. */
    private outOfOrderPair(): number {
        const starts = this.orderedStarts;
        const ends = this.orderedEnds;
        const row = this.row;
        for (let p = 0; p < ends.length; p++) {
            const start = row[starts[p]!];
            const end = row[ends[p]!];
            if (typeof start === 'number' && typeof end === 'number' && end < start) return p;
        }
        return -1;
    }

    /**
     * A row whose end is before its start: invalid as a whole, each value being valid alone. Located
     * at the end's value (the one a reader most likely has to fix: a resolution typed before the opening).
     */
    private rejectOutOfOrder(pair: number, line: number, locate: (column: string, line: number) => ValueLocation): void {
        const startField = this.spec.fields[this.orderedStarts[pair]!]!;
        const endField = this.spec.fields[this.orderedEnds[pair]!]!;
        const startText = this.instantText(this.row[this.orderedStarts[pair]!] as number);
        const endText = this.instantText(this.row[this.orderedEnds[pair]!] as number);
        const at = locate(endField.column, line);
        const from = locate(startField.column, line);
        const message = `${at.prefix}invalid row: ${endField.name} ${endText}${at.where} is before ${startField.name} ${startText}${from.where}: elapsed(${startField.name}, ${endField.name}) cannot be negative; correct the row (swapped columns? a wrong time zone?)`;
        this.reject(this.error(message, at, endText, endField.name));
    }

    /** An instant as the report shows it: in the agreement's zone (else the dataset's), with its offset; else in UTC. */
    private instantText(t: number): string {
        const zone = this.spec.agreementTimezone ?? this.spec.timezone;
        return zone !== undefined && isValidTimeZone(zone) ? formatInstant(zone, t) : new Date(t).toISOString();
    }

    /** A value's place when the reader gives none better: the row's line, and the column's name. */
    private lineLocation(column: string, line: number): ValueLocation {
        return { prefix: `${this.shownPath}:${line}: `, where: ` in column ${JSON.stringify(column)}`, line, column: null, locator: 'line' };
    }

    /** The scan's counts, once the whole source is read; with `latest by`, after handing on each key's latest row. */
    result(bytes: number): ScanResult {
        const rowKeys = this.rowKeys;
        if (rowKeys?.keepsLatest === true) {
            for (const tie of rowKeys.tiedRows()) this.rejectTie(tie);
            for (const kept of rowKeys.keptRows()) {
                this.rows++;
                this.onRow(kept.row, kept.line);
            }
        }
        const superseded = rowKeys?.superseded ?? 0;
        return { rows: this.rows, rejected: this.rejected, rejectedSamples: this.rejectedSamples, bytes, ...(superseded > 0 ? { superseded } : {}) };
    }
}

/** The spec's orderedTimes as positions of two timestamp fields (a pair naming another field is none). */
function orderedFieldPairs(spec: DatasetSpec): Array<[number, number]> {
    const position = (name: string): number => spec.fields.findIndex((field) => field.name === name && field.kind === 'timestamp');
    const pairs: Array<[number, number]> = [];
    for (const { start, end } of spec.orderedTimes ?? []) {
        const pair: [number, number] = [position(start), position(end)];
        if (pair[0] >= 0 && pair[1] >= 0 && pair[0] !== pair[1]) pairs.push(pair);
    }
    return pairs;
}

/** Where a value sits, pre-rendered for messages. */
export interface ValueLocation {
    /** `data/x.csv:17:3: ` */
    prefix: string;
    /** ` in column 3 (latency_ms)` or ` at key "latency_ms"` */
    where: string;
    line: number;
    column: number | null;
    locator: 'line' | 'element';
}
