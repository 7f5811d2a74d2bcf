/**
 * The typed CSV reader's common records, as a WebAssembly kernel (AssemblyScript; built by
 * `npm run build` into out/data/typed-csv.wasm, loaded by src/data/typed-csv-wasm.ts).
 *
 * Why hand-written WebAssembly: in a profile of the 10M-row `bench:engine`, the JS reader's
 * `convert` (src/data/csv-typed-record.ts) took ≈ 130 ns a row on each thread, the largest
 * share of the scan; the same loop over bytes compiled ahead of time, without bounds
 * checks, cell ends found by SIMD compares of 64-byte blocks, digits read eight at a time, and
 * the scope ids of text cells found by their bytes in a table of its own, takes ≈ 48 ns
 * (measured 2026-12-03: `sla evaluate` of that bench −22 to −26 % CPU).
 *
 * It reads exactly the records that `TypedRecordReader.convert` accepts, or fewer, and gives
 * the same values: timestamps by the same civil arithmetic (every intermediate an exact
 * integer in f64), numbers by the same IEEE operations (mantissa × multiplier, then ÷ or × a
 * power of ten that JS writes into memory), a text cell's scope id as JS gave it for the same
 * bytes in the same column. A record it does not take ends the run (STOP_RECORD: JS reads
 * it); a text it has not seen ends the run too (STOP_MISS: JS interns it, tells the id with
 * `learn`, and calls `run` again from the same record).
 *
 * Memory (imported: made by JS; every address given by JS, see typed-csv-wasm.ts): a column table (40 bytes a
 * column: action, output index, kind, exponent shift as i32, multiplier, the declared range's least and
 * greatest value as f64, ±Infinity when none), the powers
 * of ten (23 f64, then 10^0…10^19 as u64), the scope table (16 bytes a slot: key = column << 8
 * | length, 0 when free; hash; offset of the bytes in the arena, each key padded with zeros to
 * whole words; id), the arena, the output rows (f64 per value, `stride` of them a row), a
 * state block (i32: rows, stop, then the missed cell: column, start, end, FNV-1a hash as the
 * JS interner takes it) and the bytes read (at a multiple of 64), with at least 128 bytes of
 * memory after them: cells are scanned by 64-byte blocks and 8-byte words, which may reach past
 * the last byte read (what lies there is never taken for data: every end found is compared
 * with `limit`).
 */

const COMMA: u32 = 0x2c;
const QUOTE: u32 = 0x22;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;
const MINUS: u32 = 0x2d;
const DOT: u32 = 0x2e;
const ZERO: u32 = 0x30;

/** What a column's cell is read as (the values of csv-typed-record.ts's Action). */
const SKIP: i32 = 0;
const TIMESTAMP: i32 = 1;
const NUMBER: i32 = 2;
const SCOPE: i32 = 3;
/** an enumeration's cell no scope reads: found in the scope table (its declared texts, taught by JS), nothing written */
const MEMBER: i32 = 4;

/** InlineKind (field-decoder.ts) of a number column. */
const DECIMAL: i32 = 1;
const INTEGER: i32 = 2;

/** Why `run` returned. */
const STOP_BOUNDS: i32 = 0; // reached `limit` or `stop`
const STOP_FULL: i32 = 1; // the output rows are full
const STOP_RECORD: i32 = 2; // the record at the returned position is not one this kernel reads
const STOP_MISS: i32 = 3; // a text cell of that record is not in the scope table (the state says which)

const MAX_EXACT_MANTISSA: f64 = 9007199254740992.0; // 2^53
const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;
/** The longest text a scope table key holds (its length is 8 bits of the key). */
const MAX_KEY_BYTES: u32 = 255;

let columns: i32 = 0;
let columnTable: usize = 0;
let powers: usize = 0;
let intPowers: usize = 0;
let out: usize = 0;
let stride: i32 = 0;
let capacity: i32 = 0;
let state: usize = 0;
let table: usize = 0;
let tableSlots: u32 = 0;
let tableUsed: u32 = 0;
let arena: usize = 0;
let arenaBytes: u32 = 0;
let arenaUsed: u32 = 0;

/** The date (`YYYY-MM-DD`) of the last timestamp read, as 8 + 2 bytes, and its midnight as if UTC. */
let dateLow: u64 = 0xffffffffffffffff;
let dateHigh: u32 = 0xffff;
let dateMs: f64 = 0;

/** Takes the layout and the columns (their table filled by JS); forgets the last date. */
export function configure(columnCount: i32, columnTableAt: usize, powersAt: usize, outAt: usize, outStride: i32, outCapacity: i32, stateAt: usize): void {
    columns = columnCount;
    columnTable = columnTableAt;
    powers = powersAt;
    intPowers = powersAt + 23 * 8;
    out = outAt;
    stride = outStride;
    capacity = outCapacity;
    state = stateAt;
    dateLow = 0xffffffffffffffff;
    dateHigh = 0xffff;
}

/** Empties the scope table (slots: a power of two; the arena holds the keys' bytes). */
export function clearScopes(tableAt: usize, slots: u32, arenaAt: usize, bytes: u32): void {
    table = tableAt;
    tableSlots = slots;
    arena = arenaAt;
    arenaBytes = bytes;
    tableUsed = 0;
    arenaUsed = 0;
    memory.fill(tableAt, 0, <usize>slots << 4);
}

/**
 * Reads the records from `pos` that start before `stop` (and end before `limit`) into the
 * output rows; returns where it stopped. The state says how many rows and why.
 */
export function run(pos: usize, limit: usize, stop: usize): usize {
    let count: i32 = 0;
    let row = out;
    blockAt = <usize>-1;
    const rowBytes = <usize>stride << 3;
    let why = STOP_BOUNDS;
    while (pos < limit && pos < stop) {
        if (count == capacity) {
            why = STOP_FULL;
            break;
        }
        const next = convert(pos, limit, row);
        if (next < 0) {
            why = next == -2 ? STOP_MISS : STOP_RECORD;
            break;
        }
        pos = <usize>next;
        count++;
        row += rowBytes;
    }
    store<i32>(state, count);
    store<i32>(state, why, 4);
    return pos;
}

@inline
function endsCell(c: u32): bool {
    return c == COMMA || c == LF || c == CR;
}

/** Two decimal digits at `at` as their value, or -1 when either is not a digit. */
@inline
function twoDigits(at: usize): i32 {
    const d0 = <u32>load<u8>(at) - ZERO;
    const d1 = <u32>load<u8>(at + 1) - ZERO;
    return d0 <= 9 && d1 <= 9 ? <i32>(d0 * 10 + d1) : -1;
}

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/** The high bit of each byte of `v` that is zero (exact for the lowest such byte, which is all that is used). */
@inline
function zeroBytes(v: u64): u64 {
    return (v - ONES) & ~v & HIGHS;
}

/**
 * The bytes that end an unquoted cell (`,` LF CR) as a bit mask of one 64-byte block (wasm SIMD,
 * 16 bytes a compare), kept for the block last asked about: the end of each cell is then a
 * count of trailing zeros, whatever the cell's length. Forgotten at each `run` (the bytes change
 * between runs).
 */
let blockAt: usize = <usize>-1;
let blockMask: u64 = 0;

@inline
function separatorsOf(block: usize): u64 {
    const commas = i8x16.splat(0x2c);
    const lfs = i8x16.splat(0x0a);
    const crs = i8x16.splat(0x0d);
    const a = v128.load(block);
    const b = v128.load(block, 16);
    const c = v128.load(block, 32);
    const d = v128.load(block, 48);
    const ma = <u64><u32>i8x16.bitmask(v128.or(v128.or(i8x16.eq(a, commas), i8x16.eq(a, lfs)), i8x16.eq(a, crs)));
    const mb = <u64><u32>i8x16.bitmask(v128.or(v128.or(i8x16.eq(b, commas), i8x16.eq(b, lfs)), i8x16.eq(b, crs)));
    const mc = <u64><u32>i8x16.bitmask(v128.or(v128.or(i8x16.eq(c, commas), i8x16.eq(c, lfs)), i8x16.eq(c, crs)));
    const md = <u64><u32>i8x16.bitmask(v128.or(v128.or(i8x16.eq(d, commas), i8x16.eq(d, lfs)), i8x16.eq(d, crs)));
    return ma | (mb << 16) | (mc << 32) | (md << 48);
}

/** Where the first byte at or after `at` that ends an unquoted cell is; at or past `limit` when none is before it. */
@inline
function cellEnd(at: usize, limit: usize): usize {
    let block = at & ~(<usize>63);
    if (block != blockAt) {
        blockAt = block;
        blockMask = separatorsOf(block);
    }
    const first = blockMask >> <u64>(at & 63);
    if (first != 0) return at + <usize>ctz(first);
    block += 64;
    while (block < limit) {
        blockAt = block;
        blockMask = separatorsOf(block);
        if (blockMask != 0) return block + <usize>ctz(blockMask);
        block += 64;
    }
    return limit;
}

/** The high bit of each byte of `w` that is not an ASCII digit. */
@inline
function nonDigits(w: u64): u64 {
    const low = w & 0x7f7f7f7f7f7f7f7f;
    // per byte, without carries: + 0x50 reaches 0x80 from '0' on, + 0x46 from ':' on
    return ~((low + 0x5050505050505050) & ~(low + 0x4646464646464646) & ~w) & HIGHS;
}

/** The value of the `n` (1…8) ASCII digits in the low bytes of `w`, the first digit lowest. */
@inline
function digitsValue(w: u64, n: u32): u64 {
    let v = w << (<u64>(8 - n) << 3); // the digits to the top; the zero bytes below read as leading zeros
    v = ((v & 0x0f0f0f0f0f0f0f0f) * 2561) >> 8;
    v = ((v & 0x00ff00ff00ff00ff) * 6553601) >> 16;
    return ((v & 0x0000ffff0000ffff) * 42949672960001) >> 32;
}

/** A run of digits: its end (`digitsEnd`, at most `limit`) and value (`digitsAt`, exact for up to 19 digits). */
let digitsEnd: usize = 0;
let digitsAt: u64 = 0;

@inline
function readDigits(at: usize, limit: usize): void {
    let p = at;
    let value: u64 = 0;
    while (p < limit) {
        const w = load<u64>(p);
        const stop = nonDigits(w);
        const n: u32 = stop == 0 ? 8 : <u32>(ctz(stop) >> 3);
        if (n == 0) break;
        value = value * load<u64>(intPowers + (<usize>n << 3)) + digitsValue(w, n);
        p += n;
        if (n < 8) break;
    }
    digitsEnd = p < limit ? p : limit;
    digitsAt = value;
}

/** The record at `pos` into `row`: where the next starts, -1 when it is not read here, -2 on a text not in the scope table (inlined into `run`: ≈ 5 % faster). */
@inline
function convert(pos: usize, limit: usize, row: usize): isize {
    const last = columns - 1;
    let i = pos;
    for (let column = 0; column <= last; column++) {
        if (i >= limit) return -1;
        const first = <u32>load<u8>(i);
        if (first == QUOTE) return -1;
        const entry = columnTable + <usize>column * 40;
        const action = load<i32>(entry);
        const start = i;
        if (action == TIMESTAMP) {
            // `YYYY-MM-DDTHH:MM:SS.mmm` then `Z` (24 bytes) or `±HH:MM` (29), then a separator.
            const zone: u32 = i + 23 < limit ? <u32>load<u8>(i + 23) : 0;
            const length: usize = zone == 0x5a || zone == 0x7a ? 24 : zone == 0x2b || zone == MINUS ? 29 : 0;
            if (length == 0 || i + length >= limit || !endsCell(<u32>load<u8>(i + length))) return -1;
            if (<u32>load<u8>(i + 10) != 0x54 || <u32>load<u8>(i + 13) != 0x3a || <u32>load<u8>(i + 16) != 0x3a || <u32>load<u8>(i + 19) != 0x2e) return -1;
            const low = load<u64>(i);
            const high = <u32>load<u16>(i + 8);
            if (low != dateLow || high != dateHigh) {
                if (!learnDate(i)) return -1;
            }
            const hour = twoDigits(i + 11);
            const minute = twoDigits(i + 14);
            const second = twoDigits(i + 17);
            const f0 = <u32>load<u8>(i + 20) - ZERO;
            const f1 = <u32>load<u8>(i + 21) - ZERO;
            const f2 = <u32>load<u8>(i + 22) - ZERO;
            if (hour < 0 || minute < 0 || second < 0 || f0 > 9 || f1 > 9 || f2 > 9) return -1;
            if (hour > 23 || minute > 59 || second > 59) return -1;
            // Exact integers throughout (|ms| < 2^53): the same double as the JS sum.
            let ms = dateMs + <f64>(hour * 3600000 + minute * 60000 + second * 1000 + <i32>(f0 * 100 + f1 * 10 + f2));
            if (length == 29) {
                if (<u32>load<u8>(i + 26) != 0x3a) return -1;
                const offsetHours = twoDigits(i + 24);
                const offsetMinutes = twoDigits(i + 27);
                if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) return -1;
                const offset = <f64>((offsetHours * 60 + offsetMinutes) * 60000);
                ms = zone == 0x2b ? ms - offset : ms + offset;
            }
            i += length;
            store<f64>(row + (<usize>load<i32>(entry, 4) << 3), ms);
        } else if (action == NUMBER) {
            // [-]digits[.digits] of at most 15 digits, then a separator. The cell's end comes from the
            // separator mask, not from the digits: the next cells do not wait for this parse.
            const end = cellEnd(i, limit);
            if (end >= limit) return -1;
            let p = i;
            let negative = false;
            if (first == MINUS) {
                negative = true;
                p++;
            }
            let digits: i32 = 0;
            let fraction: i32 = 0;
            let mantissa: u64 = 0;
            const length = <u32>(end - p);
            if (length - 1 < 8) {
                // The usual cell, up to 8 bytes: one word, the point (if any) taken out, its digits in one go.
                const w = load<u64>(p);
                const inCell = length == 8 ? HIGHS : HIGHS & ((<u64>1 << (<u64>length << 3)) - 1);
                const points = zeroBytes(w ^ 0x2e2e2e2e2e2e2e2e) & inCell;
                let number = w;
                let n = length;
                if (points != 0) {
                    const at = <u32>(ctz(points) >> 3);
                    const before = (<u64>1 << (<u64>at << 3)) - 1;
                    number = (w & before) | ((w >> 8) & ~before);
                    n = length - 1;
                    fraction = <i32>(n - at);
                }
                if (n == 0) return -1;
                const inDigits = n == 8 ? HIGHS : HIGHS & ((<u64>1 << (<u64>n << 3)) - 1);
                if ((nonDigits(number) & inDigits) != 0) return -1;
                digits = <i32>n;
                mantissa = digitsValue(number, n);
            } else {
                readDigits(p, end);
                digits = <i32>(digitsEnd - p);
                mantissa = digitsAt;
                p = digitsEnd;
                if (p < end && <u32>load<u8>(p) == DOT) {
                    readDigits(++p, end);
                    fraction = <i32>(digitsEnd - p);
                    digits += fraction;
                    if (digits > 15) return -1;
                    mantissa = mantissa * load<u64>(intPowers + (<usize>fraction << 3)) + digitsAt;
                    p = digitsEnd;
                }
                if (!(p == end && digits > 0 && digits <= 15)) return -1;
            }
            i = end;
            const exponent = load<i32>(entry, 12) - fraction;
            // Up to 15 digits the mantissa is exact in f64, as JS's running double is.
            const scaled = <f64>mantissa * load<f64>(entry, 16);
            if (!(exponent >= -22 && exponent <= 22 && scaled <= MAX_EXACT_MANTISSA)) return -1;
            const magnitude = exponent < 0 ? scaled / load<f64>(powers + (<usize>(-exponent) << 3)) : scaled * load<f64>(powers + (<usize>exponent << 3));
            const value = negative && magnitude != 0 ? -magnitude : magnitude;
            const kind = load<i32>(entry, 8);
            if (kind != DECIMAL) {
                if (kind == INTEGER) {
                    if (!(Math.trunc(value) == value && Math.abs(value) <= MAX_SAFE_INTEGER)) return -1;
                } else if (!(value >= 0)) {
                    return -1;
                }
            }
            // The declared range (±Infinity when none): a value outside it is the general path's to reject.
            if (!(value >= load<f64>(entry, 24) && value <= load<f64>(entry, 32))) return -1;
            store<f64>(row + (<usize>load<i32>(entry, 4) << 3), value);
        } else if (action == SCOPE || action == MEMBER) {
            i = cellEnd(i, limit);
            if (i >= limit || i == start) return -1;
            const length = <u32>(i - start);
            if (length > MAX_KEY_BYTES) return -1;
            const id = findScope(column, start, length);
            if (id < 0) {
                store<i32>(state, column, 8);
                store<i32>(state, <i32>start, 12);
                store<i32>(state, <i32>i, 16);
                store<i32>(state, <i32>fnv1a(start, length), 20);
                return -2;
            }
            if (action == SCOPE) store<f64>(row + (<usize>load<i32>(entry, 4) << 3), <f64>id);
        } else {
            i = cellEnd(i, limit);
            if (i >= limit) return -1;
            // An empty cell of a declared field: the general path tells optional from required.
            if (i == start && load<i32>(entry, 8) != 0) return -1;
        }
        const separator = <u32>load<u8>(i);
        if (column < last) {
            if (separator != COMMA) return -1;
            i++;
        } else if (separator == LF) {
            return <isize>(i + 1);
        } else if (separator == CR && i + 1 < limit && <u32>load<u8>(i + 1) == LF) {
            return <isize>(i + 2);
        } else {
            return -1;
        }
    }
    return -1;
}

/** Takes the date `YYYY-MM-DD` at `at` as the one to compare with; false (nothing changed) when it is not a valid date. */
function learnDate(at: usize): bool {
    if (<u32>load<u8>(at + 4) != MINUS || <u32>load<u8>(at + 7) != MINUS) return false;
    const y0 = twoDigits(at);
    const y1 = twoDigits(at + 2);
    const month = twoDigits(at + 5);
    const day = twoDigits(at + 8);
    if (y0 < 0 || y1 < 0 || month < 0 || day < 0) return false;
    const year = y0 * 100 + y1;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
    dateMs = daysFromCivil(year, month, day) * 86400000.0;
    dateLow = load<u64>(at);
    dateHigh = <u32>load<u16>(at + 8);
    return true;
}

function daysInMonth(year: i32, month: i32): i32 {
    if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/** As time/civil.ts's daysFromCivil (floored divisions: the year before 0000's March is -1). */
function daysFromCivil(year: i32, month: i32, day: i32): f64 {
    const y: f64 = <f64>(month <= 2 ? year - 1 : year);
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const monthFromMarch = <f64>((month + 9) % 12);
    const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + <f64>day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

/** The bytes' last word, the bytes past `length` cleared (keys are compared and hashed by whole words). */
@inline
function lastWord(at: usize, length: u32): u64 {
    const rest = length & 7;
    const w = load<u64>(at + <usize>(length & ~7));
    return rest == 0 ? 0 : w & ((<u64>1 << (<u64>rest << 3)) - 1);
}

/** The table's hash of a key: its words, its length and its column. */
function keyHash(column: i32, start: usize, length: u32): u32 {
    let h: u64 = (<u64>column << 32) ^ <u64>length ^ 0x9e3779b97f4a7c15;
    const whole = <usize>(length & ~7);
    for (let k: usize = 0; k < whole; k += 8) h = (h ^ load<u64>(start + k)) * 0x9e3779b97f4a7c15;
    h = (h ^ lastWord(start, length)) * 0x9e3779b97f4a7c15;
    return <u32>(h >> 32) ^ <u32>h;
}

/** The id of the text of `length` bytes at `start` in `column`, or -1 when the table does not have it. */
function findScope(column: i32, start: usize, length: u32): i32 {
    const key = (<u32>column << 8) | length;
    const hash = keyHash(column, start, length);
    const mask = tableSlots - 1;
    let slot = hash & mask;
    let found = load<u32>(table + (<usize>slot << 4));
    while (found != 0) {
        const entry = table + (<usize>slot << 4);
        if (found == key && load<u32>(entry, 4) == hash && sameKey(arena + <usize>load<u32>(entry, 8), start, length)) return load<i32>(entry, 12);
        slot = (slot + 1) & mask;
        found = load<u32>(table + (<usize>slot << 4));
    }
    return -1;
}

/** Whether the key stored at `stored` (padded with zeros) is the `length` bytes at `at`. */
@inline
function sameKey(stored: usize, at: usize, length: u32): bool {
    const whole = <usize>(length & ~7);
    for (let k: usize = 0; k < whole; k += 8) {
        if (load<u64>(stored + k) != load<u64>(at + k)) return false;
    }
    return (length & 7) == 0 || load<u64>(stored + whole) == lastWord(at, length);
}

/** FNV-1a of the bytes, as the JS interner hashes them (given to it with a missed text). */
function fnv1a(at: usize, length: u32): u32 {
    let hash: u32 = 0x811c9dc5;
    for (let k: usize = 0; k < <usize>length; k++) hash = (hash ^ <u32>load<u8>(at + k)) * 0x01000193;
    return hash;
}

/**
 * Keeps `id` for the text of `end - start` bytes at `start` in `column` (as `run` reported it;
 * `_hash` is the JS interner's and not used here). A full table or arena is emptied first:
 * texts seen since are learnt again.
 */
export function learn(column: i32, start: usize, end: usize, _hash: u32, id: i32): void {
    const length = <u32>(end - start);
    if (length == 0 || length > MAX_KEY_BYTES || id < 0) return;
    const padded = (length + 7) & ~7;
    if ((tableUsed + 1) * 2 > tableSlots || arenaUsed + padded > arenaBytes) clearScopes(table, tableSlots, arena, arenaBytes);
    const hash = keyHash(column, start, length);
    const mask = tableSlots - 1;
    let slot = hash & mask;
    while (load<u32>(table + (<usize>slot << 4)) != 0) slot = (slot + 1) & mask;
    const entry = table + (<usize>slot << 4);
    const whole = length & ~7;
    memory.copy(arena + arenaUsed, start, whole);
    if (whole < length) store<u64>(arena + arenaUsed + whole, lastWord(start, length));
    store<u32>(entry, (<u32>column << 8) | length);
    store<u32>(entry, hash, 4);
    store<u32>(entry, arenaUsed, 8);
    store<i32>(entry, id, 12);
    arenaUsed += padded;
    tableUsed++;
}
