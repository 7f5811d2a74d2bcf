/**
 * ISO-8601 timestamps from bytes, hand-written: `Date.parse` is slow on the hot path
 * (a string per cell plus a general-purpose parser) and lenient in
 * implementation-defined ways (it accepts "2026-02-30", "March 7" and more), while a
 * contract needs one strict, documented reading.
 *
 * Accepted: `YYYY-MM-DD`, then optionally `T`/`t`/space `HH:MM[:SS[.fraction]]`
 * (`,` also separates the fraction; digits past milliseconds are truncated), then
 * optionally `Z`/`z` or an offset `±HH:MM`, `±HHMM`, `±HH`. A date alone means local
 * midnight. Without an offset the reading is naive: the caller needs a time zone.
 */
import { daysInMonth, daysFromCivil, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/civil.js';

export interface ParsedTimestamp {
    /** epoch ms if `naive` is false, else the wall-clock reading as if UTC */
    ms: number;
    naive: boolean;
    /** why the text is not a timestamp, when `ms` is NaN */
    problem: string;
}

const ZERO = 0x30;
let lastDate = -1;
let lastDateMs = 0;
/** The text `YYYY-MM-DD` of lastDate: the usual cell's date is compared byte by byte (cheaper than reading its digits). */
const lastDateText = new Uint8Array(10);
const EXPECTED = 'expected an ISO-8601 timestamp such as 2026-03-01T09:30:00Z or 2026-03-01 09:30:00+01:00';

/** Parses bytes [start, end) (surrounding blanks allowed) into `out`; returns `out.ms` (NaN when invalid). */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number, out: ParsedTimestamp): number {
    const fast = parseUsualTimestamp(bytes, start, end);
    if (fast === fast) {
        out.naive = false;
        out.problem = EXPECTED;
        out.ms = fast;
        return fast;
    }
    return parseAnyTimestamp(bytes, start, end, out);
}

/**
 * The usual cell, `YYYY-MM-DDTHH:MM:SS.mmm` then `Z` or `±HH:MM` (24 or 29 bytes), on
 * a date seen last time (its ten bytes equal the last date's): every field at a fixed
 * position, the time's digits checked at once (d | d + 6 stays below 16 exactly for d in
 * 0…9). NaN for anything else, which the general parser then reads (or rejects with its
 * reason). This is the CSV hot path.
 */
export function parseUsualTimestamp(b: Uint8Array, s: number, end: number): number {
    const length = end - s;
    if (!(length === 29 || length === 24) || b[s + 10] !== 0x54 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a || b[s + 19] !== 0x2e) return NaN;
    // The date: the same bytes as the last date parsed (which the general parser checked).
    const d = lastDateText;
    if (b[s + 9] !== d[9] || b[s + 8] !== d[8] || b[s + 6] !== d[6] || b[s + 5] !== d[5] || b[s + 3] !== d[3] || b[s + 2] !== d[2] || b[s + 1] !== d[1] || b[s] !== d[0] || b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || lastDate < 0) return NaN;
    const h0 = b[s + 11]! - ZERO, h1 = b[s + 12]! - ZERO, mi0 = b[s + 14]! - ZERO, mi1 = b[s + 15]! - ZERO;
    const s0 = b[s + 17]! - ZERO, s1 = b[s + 18]! - ZERO, f0 = b[s + 20]! - ZERO, f1 = b[s + 21]! - ZERO, f2 = b[s + 22]! - ZERO;
    const bits = (h0 | (h0 + 6)) | (h1 | (h1 + 6)) | (mi0 | (mi0 + 6)) | (mi1 | (mi1 + 6)) | (s0 | (s0 + 6)) | (s1 | (s1 + 6)) | (f0 | (f0 + 6)) | (f1 | (f1 + 6)) | (f2 | (f2 + 6));
    if ((bits & ~15) !== 0) return NaN;
    const hour = h0 * 10 + h1, minute = mi0 * 10 + mi1, second = s0 * 10 + s1;
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    const wallClock = lastDateMs + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + f0 * 100 + f1 * 10 + f2;
    const sign = b[s + 23];
    if (length === 24) return sign === 0x5a || sign === 0x7a ? wallClock : NaN;
    if ((sign !== 0x2b && sign !== 0x2d) || b[s + 26] !== 0x3a) return NaN;
    const oh0 = b[s + 24]! - ZERO, oh1 = b[s + 25]! - ZERO, om0 = b[s + 27]! - ZERO, om1 = b[s + 28]! - ZERO;
    if ((((oh0 | (oh0 + 6)) | (oh1 | (oh1 + 6)) | (om0 | (om0 + 6)) | (om1 | (om1 + 6))) & ~15) !== 0) return NaN;
    const offsetHours = oh0 * 10 + oh1, offsetMinutes = om0 * 10 + om1;
    if (offsetHours > 23 || offsetMinutes > 59) return NaN;
    const offset = (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
    return sign === 0x2b ? wallClock - offset : wallClock + offset;
}

/** The general reading: any accepted form, with the reason when invalid. */
function parseAnyTimestamp(bytes: Uint8Array, start: number, end: number, out: ParsedTimestamp): number {
    while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
    while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
    out.naive = false;
    out.problem = EXPECTED;
    out.ms = NaN;
    const length = end - start;
    if (length < 10 || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d) return NaN;
    const year = digits(bytes, start, 4);
    const month = digits(bytes, start + 5, 2);
    const day = digits(bytes, start + 8, 2);
    if (year < 0 || month < 0 || day < 0) return NaN;
    // Consecutive rows mostly share their date: validate and convert it once.
    const ymd = year * 10_000 + month * 100 + day;
    if (ymd !== lastDate) {
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            out.problem = `no such date ${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            return NaN;
        }
        lastDate = ymd;
        lastDateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
        for (let k = 0; k < 10; k++) lastDateText[k] = bytes[start + k]!;
    }
    let i = start + 10;
    let hour = 0, minute = 0, second = 0, millisecond = 0;
    if (i < end && (bytes[i] === 0x54 || bytes[i] === 0x74 || bytes[i] === 0x20)) {
        if (end - i < 6 || bytes[i + 3] !== 0x3a) return NaN;
        hour = digits(bytes, i + 1, 2);
        minute = digits(bytes, i + 4, 2);
        i += 6;
        if (i < end && bytes[i] === 0x3a) {
            if (end - i < 3) return NaN;
            second = digits(bytes, i + 1, 2);
            i += 3;
            if (i < end && (bytes[i] === 0x2e || bytes[i] === 0x2c)) {
                i++;
                let fractionDigits = 0;
                let c = 0;
                while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
                    if (fractionDigits < 3) millisecond = millisecond * 10 + c;
                    fractionDigits++;
                    i++;
                }
                if (fractionDigits === 0) return NaN;
                for (let k = fractionDigits; k < 3; k++) millisecond *= 10;
            }
        }
        if (hour < 0 || minute < 0 || second < 0) return NaN;
        if (hour > 23 || minute > 59 || second > 59) {
            out.problem = `time of day out of range (hours 00-23, minutes and seconds 00-59)`;
            return NaN;
        }
    }
    const wallClock = lastDateMs + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
    if (i === end) {
        out.naive = true;
        out.ms = wallClock;
        return wallClock;
    }
    const sign = bytes[i];
    if ((sign === 0x5a || sign === 0x7a) && i + 1 === end) {
        out.ms = wallClock;
        return wallClock;
    }
    if (sign !== 0x2b && sign !== 0x2d) return NaN;
    const rest = end - i - 1;
    let offsetHours: number;
    let offsetMinutes = 0;
    if (rest === 2) {
        offsetHours = digits(bytes, i + 1, 2);
    } else if (rest === 4) {
        offsetHours = digits(bytes, i + 1, 2);
        offsetMinutes = digits(bytes, i + 3, 2);
    } else if (rest === 5 && bytes[i + 3] === 0x3a) {
        offsetHours = digits(bytes, i + 1, 2);
        offsetMinutes = digits(bytes, i + 4, 2);
    } else {
        return NaN;
    }
    if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) return NaN;
    const offset = (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
    out.ms = sign === 0x2b ? wallClock - offset : wallClock + offset;
    return out.ms;
}

/** The non-negative integer in `count` ASCII digits at `at`, or -1. */
function digits(bytes: Uint8Array, at: number, count: number): number {
    let value = 0;
    for (let k = 0; k < count; k++) {
        const c = bytes[at + k]! - ZERO;
        if (!(c >= 0 && c <= 9)) return -1;
        value = value * 10 + c;
    }
    return value;
}

/**
 * True when a raw data value would be read as a naive timestamp (a valid ISO-8601
 * timestamp without `Z` or an offset), which needs the dataset's time zone. Values that
 * are no timestamp at all, and non-strings (JSON numbers), are not naive: evaluation
 * reports those as invalid values instead.
 */
export function isNaiveTimestamp(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const bytes = Buffer.from(value, 'utf8');
    const parsed: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    return !Number.isNaN(parseTimestampBytes(bytes, 0, bytes.length, parsed)) && parsed.naive;
}
