/**
 * Timestamps written in a declared layout instead of ISO-8601 (`opened timestamp format
 * "DD.MM.YYYY HH:mm"`): Jira exports `04/Dec/26 1:05 PM`, Excel re-saves `04.12.2026 13:05` or
 * `12/4/2026 1:05 PM` in the user's locale. The layout is compiled once into a list of parts and
 * read straight from the bytes (no string per cell), strictly: every part must be there, dates
 * must exist, and nothing may follow.
 *
 * Letters (case-sensitive; any other letter is refused, literal text goes in single quotes):
 * - `YYYY` year (4 digits); `YY` year 2000–2099 (2 digits)
 * - `MM` month (2 digits), `M` (1 or 2), `MMM` English abbreviation (`Dec`), `MMMM` English name
 * - `DD` day (2 digits), `D` (1 or 2)
 * - `HH` hour 00–23 (2 digits), `H` (1 or 2); `hh`/`h` hour 1–12 with `A` (AM or PM)
 * - `mm` minutes, `ss` seconds (2 digits each); `S`, `SS`, `SSS`… that many fraction digits
 *   (beyond milliseconds truncated, as in ISO readings)
 * - `Z` an offset: `Z`, `+01:00`, `+0100` or `+01` (without it, readings are wall-clock
 *   times of the dataset's time zone)
 * Case is ignored in month names and AM/PM. Blanks around the value are ignored.
 */
import { daysFromCivil, daysInMonth, MONTH_NAMES, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/civil.js';
import type { ParsedTimestamp } from './parse-timestamp.js';

/** A compiled layout. */
export interface TimestampFormat {
    readonly pattern: string;
    /** The layout reads an offset (`Z`): its readings are instants, not wall-clock times. */
    readonly hasOffset: boolean;
    /** The layout as a value: 1 March 2026, 09:30:05.250 (`01.03.2026 09:30`), for messages. */
    readonly example: string;
    /** Reads bytes [start, end) into `out` (as parseTimestampBytes: `out.naive` unless an offset was read); returns `out.ms`, NaN when the value does not fit. */
    parse(bytes: Uint8Array, start: number, end: number, out: ParsedTimestamp): number;
}

type Unit = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction' | 'meridiem' | 'offset';

type Part =
    | { kind: 'digits'; unit: Unit; min: number; max: number }
    | { kind: 'monthName'; full: boolean }
    | { kind: 'meridiem' }
    | { kind: 'offset' }
    | { kind: 'literal'; bytes: Uint8Array };

const LETTERS: Readonly<Record<string, { unit: Unit; part: (run: number) => Part | undefined }>> = {
    Y: { unit: 'year', part: (n) => (n === 4 ? digits('year', 4, 4) : n === 2 ? digits('year', 2, 2) : undefined) },
    M: { unit: 'month', part: (n) => (n === 1 ? digits('month', 1, 2) : n === 2 ? digits('month', 2, 2) : n === 3 || n === 4 ? { kind: 'monthName', full: n === 4 } : undefined) },
    D: { unit: 'day', part: (n) => (n === 1 ? digits('day', 1, 2) : n === 2 ? digits('day', 2, 2) : undefined) },
    H: { unit: 'hour', part: (n) => (n === 1 ? digits('hour', 1, 2) : n === 2 ? digits('hour', 2, 2) : undefined) },
    h: { unit: 'hour12', part: (n) => (n === 1 ? digits('hour12', 1, 2) : n === 2 ? digits('hour12', 2, 2) : undefined) },
    m: { unit: 'minute', part: (n) => (n === 2 ? digits('minute', 2, 2) : undefined) },
    s: { unit: 'second', part: (n) => (n === 2 ? digits('second', 2, 2) : undefined) },
    S: { unit: 'fraction', part: (n) => (n >= 1 && n <= 9 ? digits('fraction', n, n) : undefined) },
    A: { unit: 'meridiem', part: (n) => (n === 1 ? { kind: 'meridiem' } : undefined) },
    Z: { unit: 'offset', part: (n) => (n === 1 ? { kind: 'offset' } : undefined) }
};

/** How each letter may be written, for the message about a run that means nothing. */
const WRITTEN: Readonly<Record<string, string>> = { Y: 'YYYY or YY', M: 'M, MM, MMM or MMMM', D: 'D or DD', H: 'H or HH', h: 'h or hh', m: 'mm', s: 'ss', S: 'S to SSSSSSSSS', A: 'A', Z: 'Z' };

const KNOWN_LETTERS = 'YYYY, YY, M, MM, MMM, MMMM, D, DD, H, HH, h, hh, mm, ss, S…, A and Z';

function digits(unit: Unit, min: number, max: number): Part {
    return { kind: 'digits', unit, min, max };
}

const MONTHS = MONTH_NAMES.map((name) => name.toLowerCase());
const MONTH_BYTES = MONTHS.map((name) => Buffer.from(name));

/** The layout compiled, or why it cannot be: a letter that means nothing, a part twice, a date or time incomplete. */
export function compileTimestampFormat(pattern: string): TimestampFormat | { problem: string } {
    const parts: Part[] = [];
    const units = new Set<Unit>();
    let literal = '';
    const flush = (): void => {
        if (literal !== '') parts.push({ kind: 'literal', bytes: Buffer.from(literal, 'utf8') });
        literal = '';
    };
    for (let i = 0; i < pattern.length; ) {
        const c = pattern[i]!;
        if (c === "'") {
            const close = pattern.indexOf("'", i + 1);
            if (close < 0) return { problem: `the quote at character ${i + 1} is not closed: literal text goes in single quotes ('T')` };
            literal += close === i + 1 ? "'" : pattern.slice(i + 1, close);
            i = close + 1;
            continue;
        }
        if (!/[A-Za-z]/.test(c)) {
            literal += c;
            i++;
            continue;
        }
        let run = 1;
        while (pattern[i + run] === c) run++;
        const letter = LETTERS[c];
        if (letter === undefined) return { problem: `the letter '${c}' means nothing in a timestamp format: write ${KNOWN_LETTERS}, and other text in single quotes ('T')` };
        const part = letter.part(run);
        if (part === undefined) return { problem: `'${c.repeat(run)}' is not a part of a timestamp format: write ${WRITTEN[c]}` };
        if (units.has(letter.unit)) return { problem: `'${c.repeat(run)}' says the ${describeUnit(letter.unit)} a second time` };
        units.add(letter.unit);
        flush();
        parts.push(part);
        i += run;
    }
    flush();
    const missing = (['year', 'month', 'day'] as const).filter((unit) => !units.has(unit));
    if (missing.length > 0) return { problem: `it has no ${missing.join(', no ')}: a timestamp format names the year (YYYY), the month (MM) and the day (DD)` };
    if (units.has('hour') && units.has('hour12')) return { problem: 'it has the hour twice (H and h)' };
    if (units.has('hour12') !== units.has('meridiem')) return { problem: units.has('meridiem') ? 'A (AM or PM) needs an hour from 1 to 12 (h or hh); HH counts 0 to 23 alone' : 'h counts hours 1 to 12 and needs A (AM or PM); write HH for 0 to 23' };
    if (units.has('minute') && !units.has('hour') && !units.has('hour12')) return { problem: 'it has minutes (mm) but no hour (HH)' };
    if (units.has('second') && !units.has('minute')) return { problem: 'it has seconds (ss) but no minutes (mm)' };
    if (units.has('fraction') && !units.has('second')) return { problem: 'it has fractions of a second (S) but no seconds (ss)' };
    const format = new CompiledFormat(pattern, parts, units.has('offset'));
    return format;
}

/** Why a layout cannot be read, or undefined when it can (the editor's check). */
export function timestampFormatProblem(pattern: string): string | undefined {
    const compiled = compileTimestampFormat(pattern);
    return 'problem' in compiled ? compiled.problem : undefined;
}

function describeUnit(unit: Unit): string {
    switch (unit) {
        case 'hour12': return 'hour';
        case 'fraction': return 'fraction of a second';
        case 'meridiem': return 'AM or PM';
        default: return unit;
    }
}

const ZERO = 0x30;

class CompiledFormat implements TimestampFormat {
    readonly example: string;
    private readonly expected: string;

    constructor(readonly pattern: string, private readonly parts: readonly Part[], readonly hasOffset: boolean) {
        this.example = render(parts);
        this.expected = `expected a timestamp written as the field's format "${pattern}" says, such as ${this.example}`;
    }

    parse(bytes: Uint8Array, start: number, end: number, out: ParsedTimestamp): number {
        while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
        while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
        out.ms = NaN;
        out.naive = !this.hasOffset;
        out.problem = this.expected;
        let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0, pm = -1, offset = 0;
        let i = start;
        for (const part of this.parts) {
            switch (part.kind) {
                case 'literal': {
                    const text = part.bytes;
                    if (end - i < text.length) return NaN;
                    for (let k = 0; k < text.length; k++) if (bytes[i + k] !== text[k]) return NaN;
                    i += text.length;
                    break;
                }
                case 'digits': {
                    let value = 0;
                    let count = 0;
                    let c = 0;
                    while (count < part.max && i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
                        value = value * 10 + c;
                        count++;
                        i++;
                    }
                    if (count < part.min) return NaN;
                    switch (part.unit) {
                        case 'year': year = part.max === 2 ? 2000 + value : value; break;
                        case 'month': month = value; break;
                        case 'day': day = value; break;
                        case 'hour': case 'hour12': hour = value; break;
                        case 'minute': minute = value; break;
                        case 'second': second = value; break;
                        case 'fraction': millisecond = count >= 3 ? Math.floor(value / 10 ** (count - 3)) : value * 10 ** (3 - count); break;
                    }
                    break;
                }
                case 'monthName': {
                    const found = monthAt(bytes, i, end, part.full);
                    if (found === undefined) return NaN;
                    month = found.month;
                    i = found.end;
                    break;
                }
                case 'meridiem': {
                    if (end - i < 2 || (bytes[i + 1]! | 0x20) !== 0x6d) return NaN;
                    const first = bytes[i]! | 0x20;
                    if (first !== 0x61 && first !== 0x70) return NaN;
                    pm = first === 0x70 ? 1 : 0;
                    i += 2;
                    break;
                }
                case 'offset': {
                    const read = offsetAt(bytes, i, end);
                    if (read === undefined) return NaN;
                    offset = read.offset;
                    i = read.end;
                    break;
                }
            }
        }
        if (i !== end) return NaN;
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            out.problem = `no such date ${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} (read with the field's format "${this.pattern}")`;
            return NaN;
        }
        if (pm >= 0) {
            if (hour < 1 || hour > 12) {
                out.problem = `hour ${hour} with AM or PM: hours count 1 to 12 there (format "${this.pattern}")`;
                return NaN;
            }
            hour = (hour % 12) + (pm === 1 ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            out.problem = 'time of day out of range (hours 00-23, minutes and seconds 00-59)';
            return NaN;
        }
        const wallClock = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
        out.ms = wallClock - offset;
        return out.ms;
    }
}

/** The month name (or its three-letter abbreviation) at `i`, any case. */
function monthAt(bytes: Uint8Array, i: number, end: number, full: boolean): { month: number; end: number } | undefined {
    for (let m = 0; m < 12; m++) {
        const name = MONTH_BYTES[m]!;
        const length = full ? name.length : 3;
        if (end - i < length) continue;
        let same = true;
        for (let k = 0; k < length; k++) {
            if ((bytes[i + k]! | 0x20) !== name[k]) {
                same = false;
                break;
            }
        }
        if (same) return { month: m + 1, end: i + length };
    }
    return undefined;
}

/** `Z`, `±HH:MM`, `±HHMM` or `±HH` at `i`: the offset in ms (east positive). */
function offsetAt(bytes: Uint8Array, i: number, end: number): { offset: number; end: number } | undefined {
    const sign = bytes[i];
    if (sign === 0x5a || sign === 0x7a) return { offset: 0, end: i + 1 };
    if (sign !== 0x2b && sign !== 0x2d) return undefined;
    const two = (at: number): number => {
        const a = bytes[at]! - ZERO, b = bytes[at + 1]! - ZERO;
        return at + 1 < end && a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
    };
    const hours = two(i + 1);
    if (hours < 0 || hours > 23) return undefined;
    let minutes = 0;
    let after = i + 3;
    if (bytes[after] === 0x3a && after < end) {
        minutes = two(after + 1);
        after += 3;
    } else if (after + 1 < end && two(after) >= 0) {
        minutes = two(after);
        after += 2;
    }
    if (minutes < 0 || minutes > 59) return undefined;
    const offset = (hours * 60 + minutes) * MS_PER_MINUTE;
    return { offset: sign === 0x2b ? offset : -offset, end: after };
}

/** The layout with 1 March 2026, 09:30:05.250 (UTC+01:00) written in it. */
function render(parts: readonly Part[]): string {
    const values: Record<Unit, number> = { year: 2026, month: 3, day: 1, hour: 9, hour12: 9, minute: 30, second: 5, fraction: 250, meridiem: 0, offset: 0 };
    return parts.map((part) => {
        switch (part.kind) {
            case 'literal': return Buffer.from(part.bytes).toString('utf8');
            case 'monthName': return part.full ? 'March' : 'Mar';
            case 'meridiem': return 'AM';
            case 'offset': return '+01:00';
            case 'digits': {
                if (part.unit === 'year') return part.max === 2 ? '26' : '2026';
                if (part.unit === 'fraction') return '250000000'.slice(0, part.max);
                return String(values[part.unit]).padStart(part.min, '0');
            }
        }
    }).join('');
}

/**
 * Layouts exports commonly write instead of ISO-8601: Excel re-saving in a European or US locale,
 * Jira's CSV export, reports with month names. Fixed-width forms first (the editor suggests the
 * form the first value is written in), then the ones without leading zeros.
 */
const COMMON_DATES = ['DD.MM.YYYY', 'D.M.YYYY', 'DD/MM/YYYY', 'D/M/YYYY', 'MM/DD/YYYY', 'M/D/YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD', 'DD/MMM/YY', 'DD-MMM-YYYY', 'DD MMM YYYY', 'D MMM YYYY', 'MMM D, YYYY'];
const COMMON_TIMES = ['', ' HH:mm', ' HH:mm:ss', ' H:mm', ' H:mm:ss', ' h:mm A', ' h:mm:ss A', ' hh:mm A', ' hh:mm:ss A'];
const COMMON_LAYOUTS: readonly TimestampFormat[] = COMMON_DATES.flatMap((date) => COMMON_TIMES.map((time) => compileTimestampFormat(`${date}${time}`) as TimestampFormat));

/** Layouts to offer where one is written (completion): Excel's in Europe and the US, Jira's, ISO with a blank and an offset. */
export const COMMON_TIMESTAMP_LAYOUTS: readonly TimestampFormat[] = [
    'DD.MM.YYYY HH:mm', 'DD.MM.YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm', 'DD/MM/YYYY HH:mm:ss', 'M/D/YYYY h:mm A', 'M/D/YYYY h:mm:ss A',
    'MM/DD/YYYY HH:mm', 'DD/MMM/YY h:mm A', 'DD-MMM-YYYY HH:mm', 'YYYY-MM-DD HH:mm:ss Z', 'YYYY/MM/DD HH:mm:ss', 'DD.MM.YYYY'
].map((pattern) => compileTimestampFormat(pattern) as TimestampFormat);

/**
 * The common layouts that read `value` (a value that is not ISO-8601), one per distinct reading,
 * in the order of COMMON_LAYOUTS: two when the value cannot tell day from month (`04/12/2026`),
 * none when no common layout reads it.
 */
export function commonLayoutsOf(value: string): string[] {
    const bytes = Buffer.from(value, 'utf8');
    const out: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const readings = new Map<number, string>();
    for (const layout of COMMON_LAYOUTS) {
        const ms = layout.parse(bytes, 0, bytes.length, out);
        if (ms === ms && !readings.has(ms)) readings.set(ms, layout.pattern);
    }
    return [...readings.values()];
}

/**
 * The common layouts that read every one of `values` (the first records' values of a column) that
 * some common layout reads, one per distinct reading: a later value can tell day from month where
 * the first cannot (`04/12/2026`, then `25/12/2026`), and `decidedBy` is the index in `values` of
 * the first value that does. Values no common layout reads (`n/a`, a note) are left out; when no
 * layout reads all the others (mixed layouts), those of the first value (commonLayoutsOf).
 */
export function commonLayoutsOfAll(values: readonly string[]): { layouts: string[]; decidedBy?: number } {
    const first = values.length === 0 ? [] : commonLayoutsOf(values[0]!);
    const readable = values.map((value, index) => ({ value, index, layouts: commonLayoutsOf(value) })).filter((entry) => entry.layouts.length > 0);
    if (readable.length <= 1) return { layouts: first };
    const encoded = readable.map((entry) => Buffer.from(entry.value, 'utf8'));
    const out: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const readings = new Map<string, string>();
    for (const layout of COMMON_LAYOUTS) {
        const read: number[] = [];
        for (const bytes of encoded) {
            const ms = layout.parse(bytes, 0, bytes.length, out);
            if (ms !== ms) break;
            read.push(ms);
        }
        if (read.length !== encoded.length) continue;
        const key = read.join(',');
        if (!readings.has(key)) readings.set(key, layout.pattern);
    }
    const all = [...readings.values()];
    if (all.length === 0) return { layouts: first };
    if (all.length === 1 && readable[0]!.layouts.length > 1) {
        const decider = readable.find((entry) => entry.layouts.length === 1);
        return decider === undefined ? { layouts: all } : { layouts: all, decidedBy: decider.index };
    }
    return { layouts: all };
}
