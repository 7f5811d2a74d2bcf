/**
 * Typed values of one field, from CSV bytes, from text, or from JSON values.
 * Decoders throw {@link ValueProblem} (a reason only); the scanners add the location.
 *
 * Units and conventions:
 * - timestamp → epoch ms; naive timestamps need the dataset's time zone.
 * - duration → ms: the raw number times the field's unit (`durationUnitMs`); a number
 *   followed by a unit ("250 ms", "1.5 s", "2 minutes") is read in that unit instead, and
 *   hours:minutes:seconds ("1:30:00", "36:00:00", "0:00:02.5", as Excel and ticket tools
 *   write time spent) as that time. "1:30" alone is invalid: hours and minutes, or minutes
 *   and seconds? Negative durations are invalid.
 * - percent → a fraction. The raw value is on the 0–100 scale with or without a `%`
 *   sign: "99.5" and "99.5%" both mean 0.995. (A file holding fractions such as 0.995
 *   should declare the field `number`.) This keeps one reading whatever the formatting.
 * - boolean → true/false from true/false/yes/no/1/0, case-insensitive.
 * - enum → the declared string (exact, case-sensitive match).
 * - text → the string as written; a JSON number as the file writes it (9007199254740993, 1.10).
 * - number / integer with a range (`integer 1 to 5`): a value outside it is invalid.
 */
import { DURATION_UNIT_MS } from '../time/duration.js';
import { wallClockConverter, wallClockMsToInstant } from '../time/zone.js';
import { isDecimalCommaNumber, parseDecimalBytes } from './parse-number.js';
import { type ParsedTimestamp, parseTimestampBytes } from './parse-timestamp.js';
import { MemberInterner, TextInterner } from './text-interner.js';
import { compileTimestampFormat, type TimestampFormat } from './timestamp-format.js';
import { DECIMAL_FIELD_KINDS, type DatasetSpec, type FieldSpec, type RowValue } from './spec.js';

/** Why a value does not fit its field; located by the caller. */
export class ValueProblem extends Error {
    constructor(readonly reason: string, readonly naiveTimestamp = false) {
        super(reason);
    }
}

/**
 * How the CSV hot loop may convert a cell inline, without a call through the
 * decoder (a call site shared by all fields is megamorphic and is not inlined).
 * When the inline conversion fails, the scanner calls `fromBytes`, which produces
 * the value or the precise problem.
 */
export const InlineKind = {
    None: 0,
    /** parseDecimalBytes(…, multiplier, exponentShift) */
    Decimal: 1,
    /** a decimal that must be an integer within ±(2^53 − 1) */
    Integer: 2,
    /** a decimal that must not be negative */
    NonNegative: 3,
    /** an ISO timestamp with an offset, or naive with `zone` */
    Timestamp: 4,
    /** text through `interner` (cannot fail) */
    Text: 5,
    /** text no one reads (see ScanOptions.readFields): left unconverted, as null */
    Unread: 6,
    /** an enumeration's text through `interner`, which gives undefined for a text not declared (the decoder then rejects it) */
    Member: 7,
    /**
     * a boolean no one reads: the typed reader only checks its cell through `interner`, which gives the
     * usual spellings (true, FALSE, yes, 0…); every other reader converts it through the decoder
     */
    Checked: 8,
    /**
     * a boolean someone reads (a filter): the typed reader looks its cell up through `interner`, which
     * gives the usual spellings, and reads it as 1 or 0 as the decoder reads it (true or false); every
     * other reader converts it through the decoder
     */
    Flag: 9
} as const;
export type InlineKind = (typeof InlineKind)[keyof typeof InlineKind];

export interface InlineConversion {
    kind: InlineKind;
    multiplier: number;
    exponentShift: number;
    /** for timestamps: converts a naive wall-clock reading in the dataset's zone, if it has one */
    fromWallClock: ((wallClock: number) => number) | undefined;
    /** for text and an enumeration: the decoder's own interner, called directly by the hot loop */
    interner: TextInterner | undefined;
    /** for numbers: the declared range (`integer 100 to 599`), both ends included; a value outside it is the decoder's to reject */
    min: number;
    max: number;
}

export interface FieldDecoder {
    readonly field: FieldSpec;
    readonly inline: InlineConversion;
    /** bytes [start, end) of a non-empty cell */
    fromBytes(bytes: Buffer, start: number, end: number): RowValue;
    /** a non-empty cell's text (CSV cells with escaped quotes) */
    fromText(text: string): RowValue;
    /** a JSON value other than null/undefined; a number comes to fromJsonNumber */
    fromJson(value: unknown): RowValue;
    /** a JSON number, as the file writes it (json-members.ts): read as a CSV cell with that text is read */
    fromJsonNumber(text: string): RowValue;
}

const PERCENT_SIGN = 0x25;

/**
 * `read: false` says no one reads the field's values: a text cell is then not
 * converted at all (it cannot be invalid; an empty required cell still rejects the row).
 */
export function createFieldDecoder(field: FieldSpec, dataset: DatasetSpec, read = true): FieldDecoder {
    const interner = field.kind === 'text' ? new TextInterner() : undefined;
    const inline = inlineConversion(field, dataset, interner);
    const unread = !read && inline.kind === InlineKind.Text ? { ...inline, kind: InlineKind.Unread } : field.kind === 'boolean' ? { ...inline, kind: read ? InlineKind.Flag : InlineKind.Checked, interner: new MemberInterner(BOOLEAN_SPELLINGS) } : inline;
    const base = baseDecoder(field, dataset, interner);
    if (!DECIMAL_FIELD_KINDS.has(field.kind) || (dataset.format ?? 'csv') !== 'csv') return { ...base, inline: unread };
    // Numbers go through the decoder, which reads the comma (the inline conversions know points only).
    if (dataset.decimalComma === true) return { ...withDecimalComma(base), inline: { ...unread, kind: InlineKind.None } };
    return { ...saysDecimalComma(base), inline: unread };
}

/** Field kinds whose cells are decimal numbers (`decimal ","` changes how they are read). */

const COMMA = 0x2c, POINT = 0x2e;

/**
 * A numeric decoder for a CSV file written with a decimal comma (`decimal ","`, as Excel writes
 * where that is the locale's): "1,5" is read as 1.5. A point is refused rather than guessed: in
 * such files it is the thousands separator ("1.234,5"), and "1.234" alone could be either.
 * JSON values keep their own notation.
 */
function withDecimalComma(base: Omit<FieldDecoder, 'inline'>): Omit<FieldDecoder, 'inline'> {
    const fromBytes = (bytes: Buffer, start: number, end: number): RowValue => {
        const length = end - start;
        if (length > pointed.length) pointed = Buffer.allocUnsafe(length * 2);
        for (let k = 0; k < length; k++) {
            const c = bytes[start + k]!;
            if (c === POINT) throw new ValueProblem('the dataset declares decimal ",", and this number has a point: write it without thousands separators and with a decimal comma (1234,5)');
            pointed[k] = c === COMMA ? POINT : c;
        }
        return base.fromBytes(pointed, 0, length);
    };
    return {
        field: base.field,
        fromBytes,
        fromText: (text) => {
            const bytes = Buffer.from(text, 'utf8');
            return fromBytes(bytes, 0, bytes.length);
        },
        fromJson: base.fromJson,
        fromJsonNumber: base.fromJsonNumber
    };
}

/**
 * A numeric decoder of a CSV file without `decimal ","` whose problem with a number written with
 * a decimal comma (a quoted "0,2", or any in a file separated by semicolons) says what to declare.
 * Only the error path changes.
 */
function saysDecimalComma(base: Omit<FieldDecoder, 'inline'>): Omit<FieldDecoder, 'inline'> {
    const explained = (problem: unknown, text: () => string): never => {
        if (problem instanceof ValueProblem && isDecimalCommaNumber(text())) {
            throw new ValueProblem(`${problem.reason}; the number is written with a decimal comma: declare decimal "," in the dataset`, problem.naiveTimestamp);
        }
        throw problem;
    };
    return {
        field: base.field,
        fromBytes: (bytes, start, end) => {
            try {
                return base.fromBytes(bytes, start, end);
            } catch (problem) {
                return explained(problem, () => bytes.toString('utf8', start, end));
            }
        },
        fromText: (text) => {
            try {
                return base.fromText(text);
            } catch (problem) {
                return explained(problem, () => text);
            }
        },
        fromJson: base.fromJson,
        fromJsonNumber: base.fromJsonNumber
    };
}

/** Scratch space of withDecimalComma: the cell with its comma written as a point. */
let pointed = Buffer.allocUnsafe(64);

/** The boolean cells the typed reader checks without the decoder: true, false, yes, no in any case, 1 and 0 (the decoder also trims). */
const BOOLEAN_SPELLINGS: ReadonlySet<string> = new Set(['1', '0', ...['true', 'false', 'yes', 'no'].flatMap(caseVariants)]);

function caseVariants(word: string): string[] {
    return [...word].reduce<string[]>((variants, letter) => variants.flatMap((start) => [start + letter.toLowerCase(), start + letter.toUpperCase()]), ['']);
}

function inlineConversion(field: FieldSpec, dataset: DatasetSpec, interner: TextInterner | undefined): InlineConversion {
    const plain = { multiplier: 1, exponentShift: 0, fromWallClock: undefined, interner: undefined, min: -Infinity, max: Infinity };
    // A declared range (numbers and integers): a value inside it is read inline, any other goes through the decoder, which rejects it.
    const range = field.range;
    if (range !== undefined && field.kind !== 'number' && field.kind !== 'integer') return { ...plain, kind: InlineKind.None };
    switch (field.kind) {
        case 'number':
            return { ...plain, kind: InlineKind.Decimal, ...(range === undefined ? {} : { min: range.min, max: range.max }) };
        case 'integer':
            return { ...plain, kind: InlineKind.Integer, ...(range === undefined ? {} : { min: range.min, max: range.max }) };
        case 'percent':
            return { ...plain, kind: InlineKind.Decimal, exponentShift: -2 };
        case 'duration':
            return { ...plain, kind: InlineKind.NonNegative, multiplier: field.durationUnitMs ?? 1 };
        case 'timestamp':
            // A declared layout is read by the decoder (the inline reading knows ISO-8601 only).
            if (field.timestampFormat !== undefined) return { ...plain, kind: InlineKind.None };
            return { ...plain, kind: InlineKind.Timestamp, fromWallClock: dataset.timezone === undefined ? undefined : wallClockConverter(dataset.timezone) };
        case 'text':
            return { ...plain, kind: InlineKind.Text, interner };
        case 'enum':
            // Read even when no one reads the field: a text not declared rejects the row.
            return { ...plain, kind: InlineKind.Member, interner: new MemberInterner(new Set(field.enumValues ?? [])) };
        default:
            return { ...plain, kind: InlineKind.None };
    }
}

function baseDecoder(field: FieldSpec, dataset: DatasetSpec, textInterner: TextInterner | undefined): Omit<FieldDecoder, 'inline'> {
    switch (field.kind) {
        case 'number':
            return numericDecoder(field, 1, 0, withinRange(field, (v) => v), 'expected a number');
        case 'integer':
            return numericDecoder(field, 1, 0, withinRange(field, (v) => {
                if (!Number.isInteger(v)) throw new ValueProblem('expected an integer');
                // Past 2^53 − 1 other integers round to the same double: 99999999999999999999 would be read as 100000000000000000000.
                if (!Number.isSafeInteger(v)) throw new ValueProblem('the integer is beyond the exact range of ±9007199254740991 (2^53 − 1): it would be read rounded');
                return v;
            }), 'expected an integer');
        case 'percent':
            return numericDecoder(field, 1, -2, (v) => v, 'expected a percentage such as 99.5 or 99.5%', true);
        case 'duration':
            return durationDecoder(field);
        case 'timestamp':
            return timestampDecoder(field, dataset);
        case 'boolean':
            return booleanDecoder(field);
        case 'enum':
            return enumDecoder(field);
        case 'text': {
            const interner = textInterner ?? new TextInterner();
            return {
                field,
                fromBytes: (bytes, start, end) => {
                    const text = interner.intern(bytes, start, end);
                    if (text === undefined) throw new ValueProblem('the bytes are not valid UTF-8: save the file as UTF-8');
                    return text;
                },
                fromText: (text) => text,
                fromJson: (value) => {
                    if (typeof value === 'string') return value;
                    if (typeof value === 'boolean') return String(value);
                    throw new ValueProblem('expected a string');
                },
                // Not String(value): a double would turn account 9007199254740993 into 9007199254740992.
                fromJsonNumber: (text) => text
            };
        }
    }
}

/** A satisfaction score of 17 on a 1–5 scale is an invalid row, not a value. */
function withinRange(field: FieldSpec, check: (value: number) => number): (value: number) => number {
    const range = field.range;
    if (range === undefined) return check;
    return (value) => {
        const checked = check(value);
        if (checked < range.min || checked > range.max) {
            throw new ValueProblem(field.score === true ? `outside the scale ${range.min} to ${range.max} of the score` : `outside the declared range ${range.min} to ${range.max}`);
        }
        return checked;
    };
}

/** Shared scratch space to run byte parsers on text (JSON values, unescaped CSV cells). */
let scratch = Buffer.allocUnsafe(256);
function toScratch(text: string): number {
    if (text.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(text.length * 3);
    return scratch.write(text, 0, 'utf8');
}

function numericDecoder(field: FieldSpec, multiplier: number, exponentShift: number, check: (value: number) => number, expected: string, allowPercentSign = false): Omit<FieldDecoder, 'inline'> {
    const fromBytes = (bytes: Buffer, start: number, end: number): number => {
        let stop = end;
        if (allowPercentSign) {
            while (stop > start && (bytes[stop - 1] === 0x20 || bytes[stop - 1] === 0x09)) stop--;
            if (stop > start && bytes[stop - 1] === PERCENT_SIGN) stop--;
        }
        const value = parseDecimalBytes(bytes, start, stop, multiplier, exponentShift);
        if (Number.isNaN(value)) throw new ValueProblem(expected);
        if (!Number.isFinite(value)) throw new ValueProblem(`${expected} (out of range)`);
        return check(value);
    };
    const fromText = (text: string): number => fromBytes(scratch, 0, toScratch(text));
    return {
        field,
        fromBytes,
        fromText,
        fromJson: (value) => {
            if (typeof value === 'string') {
                if (value.trim() === '') throw new ValueProblem(expected);
                return fromText(value);
            }
            throw new ValueProblem(expected);
        },
        // The file's own digits, as for a CSV cell: scaling stays exact (JSON 99.95 as a percent is 0.9995).
        fromJsonNumber: fromText
    };
}

const DURATION_WITH_UNIT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]+)\s*$/;
/** hours:minutes:seconds, hours unbounded (Excel's [h]:mm:ss), seconds with an optional fraction. */
const CLOCK_DURATION = /^\s*(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)\s*$/;
/** Two parts only: which two is not written. */
const TWO_PART_CLOCK = /^\s*\d+:\d+(?:\.\d+)?\s*$/;

/** A duration field's unit as a plain number of it reads (`duration minutes` → "minutes"), for messages. */
const DURATION_UNIT_WORDS: Record<number, string> = { 1: 'ms', 1000: 'seconds', 60_000: 'minutes', 3_600_000: 'hours', 86_400_000: 'days', 604_800_000: 'weeks' };

function durationDecoder(field: FieldSpec): Omit<FieldDecoder, 'inline'> {
    const unit = field.durationUnitMs ?? 1;
    const expected = `expected a non-negative number (of ${DURATION_UNIT_WORDS[unit] ?? `units of ${unit} ms`}), a number with a unit (ms, s, minutes, hours, days, weeks) or hours:minutes:seconds (1:30:00)`;
    const checked = (value: number): number => {
        if (Number.isNaN(value)) throw new ValueProblem(expected);
        if (value < 0) throw new ValueProblem('expected a non-negative duration');
        if (!Number.isFinite(value)) throw new ValueProblem(`${expected} (out of range)`);
        return value;
    };
    const fromText = (text: string): number => {
        const length = toScratch(text);
        const plain = parseDecimalBytes(scratch, 0, length, unit);
        if (!Number.isNaN(plain)) return checked(plain);
        const clock = CLOCK_DURATION.exec(text);
        if (clock !== null) {
            // Whole hours and minutes as integers, the seconds (with their fraction) read exactly as a decimal of ms.
            const secondsLength = toScratch(clock[3]!);
            return checked(Number(clock[1]) * 3_600_000 + Number(clock[2]) * 60_000 + parseDecimalBytes(scratch, 0, secondsLength, 1000));
        }
        if (TWO_PART_CLOCK.test(text)) {
            throw new ValueProblem(`${JSON.stringify(text.trim())} could be hours and minutes or minutes and seconds: write hours:minutes:seconds (1:30:00 or 0:01:30) or a number with a unit (90 minutes)`);
        }
        const match = DURATION_WITH_UNIT.exec(text);
        const unitMs = match ? DURATION_UNIT_MS[match[2]!.toLowerCase()] : undefined;
        if (match === null || unitMs === undefined) throw new ValueProblem(expected);
        const numberLength = toScratch(match[1]!);
        return checked(parseDecimalBytes(scratch, 0, numberLength, unitMs));
    };
    return {
        field,
        fromBytes: (bytes, start, end) => {
            const value = parseDecimalBytes(bytes, start, end, unit);
            if (!Number.isNaN(value)) return checked(value);
            return fromText(bytes.toString('utf8', start, end));
        },
        fromText,
        fromJson: (value) => {
            if (typeof value === 'string') return fromText(value);
            throw new ValueProblem(expected);
        },
        fromJsonNumber: fromText
    };
}

/** What to do about naive timestamps: declare the zone they were written in, the agreement's if the dataset's spec knows it. */
function naiveTimestampAdvice(dataset: DatasetSpec): string {
    const zone = dataset.agreementTimezone;
    return zone === undefined
        ? `declare the dataset's timezone (e.g. timezone "Europe/Berlin") or write timestamps with an offset or Z`
        : `if the export writes local time of the agreement's zone, declare timezone "${zone}" in the dataset; else declare the zone it writes, or write timestamps with an offset or Z`;
}

function timestampDecoder(field: FieldSpec, dataset: DatasetSpec): Omit<FieldDecoder, 'inline'> {
    const zone = dataset.timezone;
    const parsed: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const parse = field.timestampFormat === undefined ? parseTimestampBytes : declaredLayout(field, field.timestampFormat);
    const fromBytes = (bytes: Buffer, start: number, end: number): number => {
        const ms = parse(bytes, start, end, parsed);
        if (Number.isNaN(ms)) throw new ValueProblem(parsed.problem);
        if (!parsed.naive) return ms;
        if (zone === undefined) {
            throw new ValueProblem(
                `timestamp has no UTC offset and dataset ${dataset.name} declares no time zone; ${naiveTimestampAdvice(dataset)}`,
                true
            );
        }
        return wallClockMsToInstant(zone, ms);
    };
    const fromText = (text: string): number => fromBytes(scratch, 0, toScratch(text));
    return {
        field,
        fromBytes,
        fromText,
        fromJson: (value) => {
            if (typeof value === 'string') return fromText(value);
            throw new ValueProblem('expected an ISO-8601 timestamp string');
        },
        fromJsonNumber: () => {
            throw new ValueProblem('expected an ISO-8601 timestamp string');
        }
    };
}

/** The reader of a field's declared layout; a layout that cannot be read is the declaration's error (the editor reports it first: sla/timestamp-format). */
function declaredLayout(field: FieldSpec, pattern: string): TimestampFormat['parse'] {
    const compiled = compileTimestampFormat(pattern);
    if ('problem' in compiled) throw new Error(`field ${field.name}${field.declaredAt === undefined ? '' : ` (declared at ${field.declaredAt})`}: the timestamp format "${pattern}" cannot be read: ${compiled.problem}`);
    return (bytes, start, end, out) => compiled.parse(bytes, start, end, out);
}

function booleanDecoder(field: FieldSpec): Omit<FieldDecoder, 'inline'> {
    const expected = 'expected true/false, yes/no or 1/0';
    const fromText = (text: string): boolean => {
        switch (text.trim().toLowerCase()) {
            case 'true': case 'yes': case '1':
                return true;
            case 'false': case 'no': case '0':
                return false;
            default:
                throw new ValueProblem(expected);
        }
    };
    return {
        field,
        fromBytes: (bytes, start, end) => {
            // Single-byte fast path for the common 1/0 and t/f-less files; otherwise via text.
            if (end - start === 1) {
                if (bytes[start] === 0x31) return true;
                if (bytes[start] === 0x30) return false;
            }
            return fromText(bytes.toString('utf8', start, end));
        },
        fromText,
        fromJson: (value) => {
            if (typeof value === 'boolean') return value;
            if (typeof value === 'string') return fromText(value);
            throw new ValueProblem(expected);
        },
        fromJsonNumber: (text) => {
            const value = Number(text);
            if (value === 1 || value === 0) return value === 1;
            throw new ValueProblem(expected);
        }
    };
}

function enumDecoder(field: FieldSpec): Omit<FieldDecoder, 'inline'> {
    const values = field.enumValues ?? [];
    const encoded = values.map((v) => Buffer.from(v, 'utf8'));
    const allowed = new Set(values);
    const expected = `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    const fromText = (text: string): string => {
        if (allowed.has(text)) return text;
        throw new ValueProblem(expected);
    };
    return {
        field,
        fromBytes: (bytes, start, end) => {
            // Compare bytes with the declared values: no string is created per cell.
            const length = end - start;
            for (let k = 0; k < encoded.length; k++) {
                const candidate = encoded[k]!;
                if (candidate.length !== length) continue;
                let same = true;
                for (let j = 0; j < length; j++) {
                    if (candidate[j] !== bytes[start + j]) {
                        same = false;
                        break;
                    }
                }
                if (same) return values[k]!;
            }
            throw new ValueProblem(expected);
        },
        fromText,
        fromJson: (value) => {
            if (typeof value === 'string') return fromText(value);
            throw new ValueProblem(expected);
        },
        fromJsonNumber: () => {
            throw new ValueProblem(expected);
        }
    };
}
