/**
 * The CSV hot path when the caller takes rows as typed values (ScanOptions.typedRows):
 * the common record (see csv-simple-record.ts: no quotes, every cell non-empty and in its
 * usual form) is read in one pass straight into a Float64Array of the numeric and
 * timestamp fields and the scope ids of the text fields, and handed over without a row
 * array. Hand-written because this is where a 10M-row evaluation spends most of its time:
 * a row array holds doubles as heap objects (two allocations per row here), and a text
 * value had to be found again in the scope's map by its string; here a text cell's bytes
 * give its scope id through a small direct-mapped cache.
 *
 * Every value is the general reader's: timestamps as parseUsualTimestamp reads them, numbers
 * with the arithmetic of csv-simple-record.ts (the same double), text through the field's
 * own interner (the same string, hence the same scope id). Anything else — a quote, an
 * empty cell, a naive timestamp, a number of another form, a record cut by the buffer's
 * end, an end timestamp before its start (DatasetSpec.orderedTimes) — ends `readRun` there,
 * and the record is read by the general path (with its checks, messages and row array),
 * whose rows the caller takes as usual.
 */
import { type InlineConversion, InlineKind } from './field-decoder.js';
import { FNV_OFFSET, FNV_PRIME, type TextInterner } from './text-interner.js';
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/civil.js';
import type { ScanContext } from './scan-context.js';
import type { RowValue } from './spec.js';

/** What takes typed rows: the values of one record in `numbers` and `scopeIds`, then `accept()`. */
export interface TypedRowTarget {
    /** per field: its value when numeric or a timestamp (NaN: missing) */
    readonly numbers: Float64Array;
    /** per scope slot: the id of the row's value (see scopeSlots) */
    readonly scopeIds: Int32Array;
    /** per field: the scope slot its text value is interned to, or -1 (a text field no slot reads is left unread) */
    readonly scopeSlots: Int32Array;
    /** The scope id of a text value (the field's slot); the same for the same text, as for rows given as arrays. */
    scopeId(slot: number, text: string): number;
    /** The record's values are in `numbers` and `scopeIds`. */
    accept(): void;
    /**
     * Optional: a taker of whole batches of records, laid out as the WebAssembly kernel writes
     * them (data/csv-typed-kernel.ts): `count` rows of `fields.length + slots.length` doubles
     * from `rows[0]`, value j < fields.length the number of field `fields[j]` (NaN: missing),
     * then value fields.length + j the scope id of slot `slots[j]`. Taking a batch is the same
     * as `count` accept() calls, one per row in order, with the row's values in `numbers` and
     * `scopeIds` (which a batch leaves as they are). Answers undefined when it cannot take rows
     * so laid out (then one accept() per row).
     */
    batchTaker?(fields: Int32Array, slots: Int32Array): ((rows: Float64Array, count: number) => void) | undefined;
}

const COMMA = 0x2c, QUOTE = 0x22, LF = 0x0a, CR = 0x0d, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact up to 1e22
const MAX_EXACT_MANTISSA = 2 ** 53;

const ENDS_UNQUOTED_CELL = new Uint8Array(256);
ENDS_UNQUOTED_CELL[COMMA] = 1;
ENDS_UNQUOTED_CELL[LF] = 1;
ENDS_UNQUOTED_CELL[CR] = 1;

/**
 * What a column's cell is read as. Member: an enumeration's cell no scope reads, or a boolean's no
 * one reads, checked to be one of its texts (its id is not kept). Flag: a boolean someone reads,
 * looked up as a Member's cell, its "id" the value, 1 or 0, given to its field as a number (the
 * WebAssembly kernel reads it as a Scope cell whose output is that number, csv-typed-kernel.ts).
 */
export const Action = { Skip: 0, Timestamp: 1, Number: 2, Scope: 3, Member: 4, Flag: 5 } as const;

/**
 * Scope id cache: slots of the bytes' hash, keys up to KEY_BYTES long (longer values go through
 * the interner each time), each key with its column (two scoped columns may hold the same text,
 * with ids of their own). 8192 slots: a portfolio's 400 client values missed ≈ 30 % of the time
 * in 1024 (portfolio-pass2's measurement); 256 KB of keys.
 */
const SLOTS = 8192;
const KEY_BYTES = 32;

export class TypedRecordReader {
    /** per column: what its cell is read as (Action; the WebAssembly kernel takes these tables as they are, csv-typed-kernel.ts) */
    readonly actions: Int32Array;
    /** per column: the field it feeds (Action.Number/Timestamp), or its scope slot (Action.Scope) */
    readonly targets: Int32Array;
    /** per column: the numeric field's kind and conversion (Action.Number) */
    readonly kinds: Int32Array;
    readonly multipliers: Float64Array;
    readonly shifts: Int32Array;
    /** per column: the numeric field's declared range (±Infinity: none); a value outside it leaves the record to the general path */
    readonly mins: Float64Array;
    readonly maxs: Float64Array;
    readonly interners: (TextInterner | undefined)[];
    /** per column: 1 when a field reads it (an empty cell is then the general path's to judge) */
    readonly declared: Uint8Array;
    /** the fields of each pair that must be in order (ScanContext.orderedStarts/Ends): a record with one out of order is the general path's to reject */
    readonly orderedStarts: Int32Array;
    readonly orderedEnds: Int32Array;
    /** per Flag column: its decoder's reading of a spelling (true or false) */
    private readonly flagValues: (((text: string) => RowValue) | undefined)[];
    private readonly cacheKeys = new Uint8Array(SLOTS * KEY_BYTES);
    private readonly cacheLengths = new Int32Array(SLOTS).fill(-1);
    private readonly cacheIds = new Int32Array(SLOTS);
    private readonly cacheColumns = new Int32Array(SLOTS);
    /** the date (`YYYY-MM-DD`) of the last timestamp read, and its midnight as if UTC; none at first (no digit is 0xff) */
    private readonly dateText = new Uint8Array(10).fill(0xff);
    private dateMs = 0;
    private misses = 0;
    private hits = 0;
    enabled = true;
    /** records read by the last readRun */
    count = 0;

    private constructor(readonly target: TypedRowTarget, headerWidth: number, context: ScanContext) {
        this.orderedStarts = context.orderedStarts;
        this.orderedEnds = context.orderedEnds;
        this.actions = new Int32Array(headerWidth);
        this.targets = new Int32Array(headerWidth).fill(-1);
        this.kinds = new Int32Array(headerWidth);
        this.multipliers = new Float64Array(headerWidth).fill(1);
        this.shifts = new Int32Array(headerWidth);
        this.mins = new Float64Array(headerWidth).fill(-Infinity);
        this.maxs = new Float64Array(headerWidth).fill(Infinity);
        this.interners = new Array<TextInterner | undefined>(headerWidth).fill(undefined);
        this.declared = new Uint8Array(headerWidth);
        this.flagValues = new Array<((text: string) => RowValue) | undefined>(headerWidth).fill(undefined);
    }

    /**
     * The typed reader for this header, or undefined when a field is of a kind it does not read
     * (a boolean someone reads, a range on a kind other than number and integer, text no scope
     * reads but something else does: those need the decoders), or two fields share a column.
     */
    static create(context: ScanContext, target: TypedRowTarget, fieldColumns: Int32Array, headerWidth: number): TypedRecordReader | undefined {
        if (headerWidth < 2) return undefined;
        const reader = new TypedRecordReader(target, headerWidth, context);
        for (let k = 0; k < fieldColumns.length; k++) {
            const column = fieldColumns[k]!;
            if (reader.declared[column] === 1) return undefined;
            reader.declared[column] = 1;
            const inline: InlineConversion = context.decoders[k]!.inline;
            switch (inline.kind) {
                case InlineKind.Timestamp:
                    reader.actions[column] = Action.Timestamp;
                    reader.targets[column] = k;
                    break;
                case InlineKind.Decimal:
                case InlineKind.Integer:
                case InlineKind.NonNegative:
                    if (!Number.isInteger(inline.multiplier)) return undefined;
                    reader.actions[column] = Action.Number;
                    reader.targets[column] = k;
                    reader.kinds[column] = inline.kind;
                    reader.multipliers[column] = inline.multiplier;
                    reader.shifts[column] = inline.exponentShift;
                    reader.mins[column] = inline.min;
                    reader.maxs[column] = inline.max;
                    break;
                case InlineKind.Text:
                    if (target.scopeSlots[k]! < 0) return undefined;
                    reader.actions[column] = Action.Scope;
                    reader.targets[column] = target.scopeSlots[k]!;
                    reader.interners[column] = inline.interner;
                    break;
                case InlineKind.Member:
                    // The interner gives declared texts only: any other is the general path's to reject.
                    reader.actions[column] = target.scopeSlots[k]! >= 0 ? Action.Scope : Action.Member;
                    reader.targets[column] = target.scopeSlots[k]!;
                    reader.interners[column] = inline.interner;
                    break;
                case InlineKind.Checked:
                    // A boolean no one reads: only checked (its usual spellings; any other cell is the general path's).
                    if (target.scopeSlots[k]! >= 0) return undefined;
                    reader.actions[column] = Action.Member;
                    reader.interners[column] = inline.interner;
                    break;
                case InlineKind.Flag:
                    // A boolean someone reads: 1 or 0 for its field (a boolean as scope field keeps the general path).
                    if (target.scopeSlots[k]! >= 0) return undefined;
                    reader.actions[column] = Action.Flag;
                    reader.targets[column] = k;
                    reader.interners[column] = inline.interner;
                    reader.flagValues[column] = context.decoders[k]!.fromText;
                    break;
                case InlineKind.Unread:
                    reader.actions[column] = Action.Skip; // as the general path: an unread text cell is not looked at
                    break;
                default:
                    return undefined;
            }
        }
        // Every scope slot must be filled from a text column.
        const filled = new Set<number>();
        reader.actions.forEach((action, column) => {
            if (action === Action.Scope) filled.add(reader.targets[column]!);
        });
        if (filled.size !== target.scopeIds.length) return undefined;
        return reader;
    }

    /**
     * Reads the records from `pos` that start before `stop`, handing each to the target, up to
     * the first that is not common (or cut by `limit`); returns where that one starts, and
     * `count` says how many were read. One call per run of records, not per record: the
     * general reader's loop is entered again only where this one stops.
     */
    readRun(bytes: Buffer, pos: number, limit: number, stop: number): number {
        const target = this.target;
        let count = 0;
        while (pos < limit && pos < stop) {
            const next = this.convert(bytes, pos, limit);
            if (next < 0 || !this.inOrder()) {
                // Mostly misses (naive timestamps, quoted cells…): stop trying.
                if (++this.misses > 1000 && this.misses > (this.hits + count) / 8) this.enabled = false;
                break;
            }
            target.accept();
            count++;
            pos = next;
        }
        this.hits += count;
        this.count = count;
        return pos;
    }

    /** The record at `pos` handed to the target if it is a common one: where the next starts, or -1 (nothing handed over). */
    readOne(bytes: Buffer, pos: number, limit: number): number {
        const next = this.convert(bytes, pos, limit);
        if (next < 0 || !this.inOrder()) return -1;
        this.target.accept();
        return next;
    }

    /** The record just converted has every ordered pair in order (an end before its start: the general path rejects the row). */
    private inOrder(): boolean {
        const ends = this.orderedEnds;
        if (ends.length === 0) return true;
        const starts = this.orderedStarts;
        const numbers = this.target.numbers;
        for (let p = 0; p < ends.length; p++) if (numbers[ends[p]!]! < numbers[starts[p]!]!) return false;
        return true;
    }

    private convert(bytes: Buffer, pos: number, limit: number): number {
        const actions = this.actions;
        const targets = this.targets;
        const numbers = this.target.numbers;
        const last = actions.length - 1;
        let i = pos;
        for (let column = 0; column <= last; column++) {
            if (i >= limit) return -1;
            const first = bytes[i]!;
            if (first === QUOTE) return -1;
            const action = actions[column]!;
            const start = i;
            if (action === Action.Timestamp) {
                // The usual form (see parseUsualTimestamp), inline: `YYYY-MM-DDTHH:MM:SS.mmm` then `Z`
                // (24 bytes) or `±HH:MM` (29), told apart by byte 23, then a separator. The date's ten
                // bytes are compared with the last date's (consecutive rows mostly share it); a new
                // date is checked and converted here once.
                const zone = i + 23 < limit ? bytes[i + 23]! : 0;
                const length = zone === 0x5a || zone === 0x7a ? 24 : zone === 0x2b || zone === MINUS ? 29 : 0;
                if (length === 0 || i + length >= limit || ENDS_UNQUOTED_CELL[bytes[i + length]!] !== 1) return -1;
                if (bytes[i + 10] !== 0x54 || bytes[i + 13] !== 0x3a || bytes[i + 16] !== 0x3a || bytes[i + 19] !== 0x2e) return -1;
                const d = this.dateText;
                // All ten bytes: a date that differs only in a separator (`2026x01-15`) is not the last one.
                if (bytes[i + 9] !== d[9] || bytes[i + 8] !== d[8] || bytes[i + 7] !== d[7] || bytes[i + 6] !== d[6] || bytes[i + 5] !== d[5] || bytes[i + 4] !== d[4] || bytes[i + 3] !== d[3] || bytes[i + 2] !== d[2] || bytes[i + 1] !== d[1] || bytes[i] !== d[0]) {
                    if (!this.learnDate(bytes, i)) return -1;
                }
                const h0 = bytes[i + 11]! - ZERO, h1 = bytes[i + 12]! - ZERO, mi0 = bytes[i + 14]! - ZERO, mi1 = bytes[i + 15]! - ZERO;
                const s0 = bytes[i + 17]! - ZERO, s1 = bytes[i + 18]! - ZERO, f0 = bytes[i + 20]! - ZERO, f1 = bytes[i + 21]! - ZERO, f2 = bytes[i + 22]! - ZERO;
                // d | (d + 6) stays below 16 exactly for d in 0…9: all nine digits checked at once.
                const bits = h0 | (h0 + 6) | h1 | (h1 + 6) | mi0 | (mi0 + 6) | mi1 | (mi1 + 6) | s0 | (s0 + 6) | s1 | (s1 + 6) | f0 | (f0 + 6) | f1 | (f1 + 6) | f2 | (f2 + 6);
                if ((bits & ~15) !== 0) return -1;
                const hour = h0 * 10 + h1, minute = mi0 * 10 + mi1, second = s0 * 10 + s1;
                if (hour > 23 || minute > 59 || second > 59) return -1;
                let ms = this.dateMs + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + f0 * 100 + f1 * 10 + f2;
                if (length === 29) {
                    if (bytes[i + 26] !== 0x3a) return -1;
                    const oh0 = bytes[i + 24]! - ZERO, oh1 = bytes[i + 25]! - ZERO, om0 = bytes[i + 27]! - ZERO, om1 = bytes[i + 28]! - ZERO;
                    if (((oh0 | (oh0 + 6) | oh1 | (oh1 + 6) | om0 | (om0 + 6) | om1 | (om1 + 6)) & ~15) !== 0) return -1;
                    const offsetHours = oh0 * 10 + oh1, offsetMinutes = om0 * 10 + om1;
                    if (offsetHours > 23 || offsetMinutes > 59) return -1;
                    const offset = (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
                    ms = zone === 0x2b ? ms - offset : ms + offset;
                }
                i += length;
                numbers[targets[column]!] = ms;
            } else if (action === Action.Number) {
                // [-]digits[.digits] of at most 15 digits then a separator, with the arithmetic of
                // csv-simple-record.ts (and parseDecimalBytes' fast path): the same double.
                let negative = false;
                if (first === MINUS) {
                    negative = true;
                    i++;
                }
                let mantissa = 0;
                let c = 0;
                const integerStart = i;
                while (i < limit && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
                    mantissa = mantissa * 10 + c;
                    i++;
                }
                let digits = i - integerStart;
                let fraction = 0;
                if (i < limit && bytes[i] === DOT) {
                    const fractionStart = ++i;
                    while (i < limit && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
                        mantissa = mantissa * 10 + c;
                        i++;
                    }
                    fraction = i - fractionStart;
                    digits += fraction;
                }
                const exponent = this.shifts[column]! - fraction;
                const scaled = mantissa * this.multipliers[column]!;
                if (!(i < limit && ENDS_UNQUOTED_CELL[bytes[i]!] === 1 && digits > 0 && digits <= 15 && exponent >= -22 && exponent <= 22 && scaled <= MAX_EXACT_MANTISSA)) return -1;
                const magnitude = exponent < 0 ? scaled / POWERS_OF_TEN[-exponent]! : scaled * POWERS_OF_TEN[exponent]!;
                const value = negative && magnitude !== 0 ? -magnitude : magnitude;
                const kind = this.kinds[column]!;
                if (!(kind === InlineKind.Decimal || (kind === InlineKind.Integer ? Number.isSafeInteger(value) : value >= 0))) return -1;
                if (!(value >= this.mins[column]! && value <= this.maxs[column]!)) return -1;
                numbers[targets[column]!] = value;
            } else if (action >= Action.Scope) {
                let hash = FNV_OFFSET;
                let c = 0;
                while (i < limit && ((c = bytes[i]!) > COMMA || ENDS_UNQUOTED_CELL[c] === 0)) {
                    hash = Math.imul(hash ^ c, FNV_PRIME);
                    i++;
                }
                if (i >= limit || i === start) return -1;
                const id = this.scopeId(bytes, start, i, hash, column);
                if (id < 0) return -1;
                if (action === Action.Scope) this.target.scopeIds[targets[column]!] = id;
                else if (action === Action.Flag) numbers[targets[column]!] = id;
            } else {
                // Separators are all below 0x2d: most bytes pass on one comparison, without the table.
                let c = 0;
                while (i < limit && ((c = bytes[i]!) > COMMA || ENDS_UNQUOTED_CELL[c] === 0)) i++;
                if (i >= limit) return -1;
                // An empty cell of a declared field: the general path tells optional from required.
                if (i === start && this.declared[column] === 1) return -1;
            }
            const separator = bytes[i];
            if (column < last) {
                if (separator !== COMMA) return -1;
                i++;
            } else if (separator === LF) {
                return i + 1;
            } else if (separator === CR && i + 1 < limit && bytes[i + 1] === LF) {
                return i + 2;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Takes the date `YYYY-MM-DD` at `at` as the one to compare with: false (nothing changed)
     * when it is not a valid date of that form, which the general parser then reports.
     */
    private learnDate(bytes: Buffer, at: number): boolean {
        if (bytes[at + 4] !== MINUS || bytes[at + 7] !== MINUS) return false;
        let year = 0;
        for (let k = 0; k < 4; k++) {
            const c = bytes[at + k]! - ZERO;
            if (!(c >= 0 && c <= 9)) return false;
            year = year * 10 + c;
        }
        const m0 = bytes[at + 5]! - ZERO, m1 = bytes[at + 6]! - ZERO, d0 = bytes[at + 8]! - ZERO, d1 = bytes[at + 9]! - ZERO;
        if (((m0 | (m0 + 6) | m1 | (m1 + 6) | d0 | (d0 + 6) | d1 | (d1 + 6)) & ~15) !== 0) return false;
        const month = m0 * 10 + m1, day = d0 * 10 + d1;
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
        this.dateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
        for (let k = 0; k < 10; k++) this.dateText[k] = bytes[at + k]!;
        return true;
    }

    /**
     * The id of the text in bytes [start, end) of a Scope, Member or Flag column, as the column's
     * interner and the target give it (hash: its FNV-1a), without a cache: the target's scope id, 0
     * for a Member column's text (only checked), 1 or 0 for a Flag column's (its value); -1 when the
     * interner gives none (not UTF-8, not declared, not a boolean's spelling).
     */
    textId(column: number, bytes: Buffer, start: number, end: number, hash: number): number {
        const text = this.interners[column]!.internHashed(bytes, start, end, hash);
        if (text === undefined) return -1;
        const action = this.actions[column];
        if (action === Action.Flag) return this.flagValues[column]!(text) === true ? 1 : 0;
        return action === Action.Member ? 0 : this.target.scopeId(this.targets[column]!, text);
    }

    /** textId through this reader's cache of the last texts' ids. */
    private scopeId(bytes: Buffer, start: number, end: number, hash: number, column: number): number {
        const length = end - start;
        // The column mixed in: the same text in two scoped columns takes two slots, not one in turns.
        const slot = ((hash ^ Math.imul(column + 1, 0x9e3779b1)) >>> 0) & (SLOTS - 1);
        const base = slot * KEY_BYTES;
        const keys = this.cacheKeys;
        if (this.cacheLengths[slot] === length && this.cacheColumns[slot] === column) {
            let same = true;
            for (let j = 0; j < length; j++) {
                if (keys[base + j] !== bytes[start + j]) {
                    same = false;
                    break;
                }
            }
            if (same) return this.cacheIds[slot]!;
        }
        const id = this.textId(column, bytes, start, end, hash);
        if (length <= KEY_BYTES && id >= 0) {
            bytes.copy(keys, base, start, end);
            this.cacheLengths[slot] = length;
            this.cacheIds[slot] = id;
            this.cacheColumns[slot] = column;
        }
        return id;
    }
}
