/**
 * The CSV hot path for the common record: no quotes, every cell where the header puts
 * it, every value in its usual form. Such a record is read in one pass, converting each
 * cell as its end is found, with nothing stored per cell; a timestamp in the usual
 * 24/29-byte form is parsed in place without looking for its end byte by byte (the
 * parser checks every byte, so none of them is a separator). Anything else — a quote,
 * an empty required cell, a value the inline conversions refuse, a different number
 * of cells, a blank line, a lone CR, the end of the buffer — makes `read` return -1 and
 * the general reader (csv.ts) reads the record instead, with its checks and messages;
 * values written to the row by a failed attempt are all overwritten there.
 */
import { type InlineConversion, InlineKind } from './field-decoder.js';
import { parseDecimalBytes } from './parse-number.js';
import { FNV_OFFSET, FNV_PRIME } from './text-interner.js';
import { parseUsualTimestamp } from './parse-timestamp.js';
import type { ScanContext } from './scan-context.js';

const COMMA = 0x2c, QUOTE = 0x22, LF = 0x0a, CR = 0x0d, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact up to 1e22
const MAX_EXACT_MANTISSA = 2 ** 53;

const ENDS_UNQUOTED_CELL = new Uint8Array(256);
ENDS_UNQUOTED_CELL[COMMA] = 1;
ENDS_UNQUOTED_CELL[LF] = 1;
ENDS_UNQUOTED_CELL[CR] = 1;

/** Per column: what to do with its cell. */
const Skip = -1; // a column no field reads

export class SimpleRecordReader {
    /** per header column: the field index it feeds, or Skip */
    private readonly fieldOf: Int32Array;
    private readonly kinds: Int32Array;
    private readonly optional: Uint8Array;
    private readonly inlines: InlineConversion[];
    /** records the general reader had to read; past a share of them this path is not tried */
    private misses = 0;
    private hits = 0;
    enabled: boolean;

    constructor(private readonly context: ScanContext, fieldColumns: Int32Array, headerWidth: number) {
        this.fieldOf = new Int32Array(headerWidth).fill(Skip);
        this.inlines = context.decoders.map((decoder) => decoder.inline);
        this.kinds = Int32Array.from(this.inlines, (inline) => inline.kind);
        this.optional = Uint8Array.from(context.decoders, (decoder) => (decoder.field.optional ? 1 : 0));
        let usable = headerWidth > 1;
        fieldColumns.forEach((column, k) => {
            if (this.fieldOf[column] !== Skip || this.kinds[k] === InlineKind.None || this.kinds[k] === InlineKind.Checked || this.kinds[k] === InlineKind.Flag) usable = false; // two fields on one column, or no inline conversion
            this.fieldOf[column] = k;
        });
        this.enabled = usable;
    }

    /** Reads the record at `pos` into the context's row; returns where the next record starts, or -1. */
    read(bytes: Buffer, pos: number, limit: number): number {
        const next = this.convert(bytes, pos, limit);
        if (next < 0) {
            // Mostly misses (naive timestamps, quoted cells…): stop trying.
            if (++this.misses > 1000 && this.misses > this.hits / 8) this.enabled = false;
        } else {
            this.hits++;
        }
        return next;
    }

    private convert(bytes: Buffer, pos: number, limit: number): number {
        const fieldOf = this.fieldOf;
        const kinds = this.kinds;
        const inlines = this.inlines;
        const row = this.context.row;
        const last = fieldOf.length - 1;
        let i = pos;
        for (let column = 0; column <= last; column++) {
            if (i >= limit) return -1;
            const first = bytes[i]!;
            if (first === QUOTE) return -1;
            const k = fieldOf[column]!;
            const kind = k === Skip ? Skip : kinds[k]!;
            const start = i;
            if (kind === InlineKind.Timestamp) {
                // The usual form at its fixed length, followed by a separator.
                let ms = NaN;
                if (i + 29 < limit && ENDS_UNQUOTED_CELL[bytes[i + 29]!] === 1) ms = parseUsualTimestamp(bytes, i, i + 29);
                if (ms === ms) i += 29;
                else if (i + 24 < limit && ENDS_UNQUOTED_CELL[bytes[i + 24]!] === 1) {
                    ms = parseUsualTimestamp(bytes, i, i + 24);
                    if (ms !== ms) return -1;
                    i += 24;
                } else return -1;
                row[k] = ms;
            } else if (kind === InlineKind.Text || kind === InlineKind.Member) {
                // The interner's hash is computed while looking for the cell's end: one pass over its bytes.
                let hash = FNV_OFFSET;
                let c = 0;
                while (i < limit && ((c = bytes[i]!) > COMMA || ENDS_UNQUOTED_CELL[c] === 0)) {
                    hash = Math.imul(hash ^ c, FNV_PRIME);
                    i++;
                }
                if (i >= limit) return -1;
                if (i === start) {
                    if (this.optional[k] === 0) return -1;
                    row[k] = null;
                } else {
                    const text = inlines[k]!.interner!.internHashed(bytes, start, i, hash);
                    if (text === undefined) return -1;
                    row[k] = text;
                }
            } else if (kind >= InlineKind.Decimal && kind <= InlineKind.NonNegative) {
                // Numbers are read while looking for the cell's end: the usual cell,
                // [-]digits[.digits] of at most 15 digits then a separator, with the same
                // arithmetic as parseDecimalBytes' fast path (so the same double); any other
                // cell is left to parseDecimalBytes.
                const inline = inlines[k]!;
                let negative = false;
                if (bytes[i] === MINUS) {
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
                let value = NaN;
                const multiplier = inline.multiplier;
                const exponent = inline.exponentShift - fraction;
                const scaled = mantissa * multiplier;
                if (i < limit && ENDS_UNQUOTED_CELL[bytes[i]!] === 1 && digits > 0 && digits <= 15 && exponent >= -22 && exponent <= 22 && scaled <= MAX_EXACT_MANTISSA && Number.isInteger(multiplier)) {
                    const magnitude = exponent < 0 ? scaled / POWERS_OF_TEN[-exponent]! : scaled * POWERS_OF_TEN[exponent]!;
                    value = negative && magnitude !== 0 ? -magnitude : magnitude;
                } else {
                    while (i < limit && ENDS_UNQUOTED_CELL[bytes[i]!] === 0) i++;
                    if (i >= limit) return -1;
                    if (i === start) {
                        if (this.optional[k] === 0) return -1;
                        row[k] = null;
                    } else {
                        value = parseDecimalBytes(bytes, start, i, multiplier, inline.exponentShift);
                    }
                }
                if (i !== start) {
                    if (!(value - value === 0 && (kind === InlineKind.Decimal || (kind === InlineKind.Integer ? Number.isSafeInteger(value) : value >= 0)) && value >= inline.min && value <= inline.max)) return -1;
                    row[k] = value;
                }
            } else {
                // Separators are all below 0x2d: most bytes pass on one comparison, without the table.
                let c = 0;
                while (i < limit && ((c = bytes[i]!) > COMMA || ENDS_UNQUOTED_CELL[c] === 0)) i++;
                if (i >= limit) return -1;
                if (kind !== Skip) {
                    if (i === start) {
                        if (this.optional[k] === 0) return -1;
                    }
                    row[k] = null; // Unread
                }
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
}
