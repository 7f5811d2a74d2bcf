/**
 * Decimal numbers straight from the file's bytes, without creating a substring per
 * cell (the CSV hot path), and exact: the digits are read into an integer mantissa
 * and scaled by one multiplication or division by an exact power of ten, which IEEE
 * rounds once — the same double `Number("…")` gives (Clinger's fast path). Values
 * outside that path (more than 15 significant digits, large exponents) fall back to
 * `Number()` on the text.
 *
 * `multiplier` and `exponentShift` scale the value exactly in the same step, so a
 * duration "1.005" in seconds is 1005 ms (not 1004.9999999999999) and a percent
 * "99.95" is 0.9995.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact up to 1e22
const MAX_EXACT_MANTISSA = 2 ** 53;

const SPACE = 0x20, TAB = 0x09, PLUS = 0x2b, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30, NINE = 0x39, LOWER_E = 0x65, UPPER_E = 0x45;

/** The number in bytes [start, end) (surrounding blanks allowed) × multiplier × 10^exponentShift, or NaN if not a decimal number. */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number, multiplier = 1, exponentShift = 0): number {
    // Fast path for the usual cell: [-]digits[.digits], at most 15 digits, nothing else.
    let i = start;
    let negative = false;
    if (bytes[i] === MINUS) {
        negative = true;
        i++;
    }
    let mantissa = 0;
    let exponent = exponentShift;
    let c = 0;
    const integerStart = i;
    while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
        mantissa = mantissa * 10 + c;
        i++;
    }
    let digits = i - integerStart;
    if (i < end && bytes[i] === DOT) {
        const fractionStart = ++i;
        while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
            mantissa = mantissa * 10 + c;
            i++;
        }
        exponent -= i - fractionStart;
        digits += i - fractionStart;
    }
    if (i === end && digits > 0 && digits <= 15 && exponent >= -22 && exponent <= 22) {
        const scaled = mantissa * multiplier;
        if (scaled <= MAX_EXACT_MANTISSA && Number.isInteger(multiplier)) {
            const value = exponent < 0 ? scaled / POWERS_OF_TEN[-exponent]! : scaled * POWERS_OF_TEN[exponent]!;
            return negative && value !== 0 ? -value : value;
        }
    }
    return parseDecimalBytesCarefully(bytes, start, end, multiplier, exponentShift);
}

/** The general case: blanks, '+', exponents, many digits. */
function parseDecimalBytesCarefully(bytes: Uint8Array, start: number, end: number, multiplier: number, exponentShift: number): number {
    while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
    let i = start;
    let negative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
        negative = bytes[i] === MINUS;
        i++;
    }
    let mantissa = 0;
    let significantDigits = 0;
    let exponent = exponentShift;
    let digits = 0;
    let c = 0;
    while (i < end && (c = bytes[i]!) >= ZERO && c <= NINE) {
        if (mantissa !== 0 || c !== ZERO) {
            if (significantDigits < 16) mantissa = mantissa * 10 + (c - ZERO);
            else exponent++; // digits beyond what we keep: only the fallback is exact
            significantDigits++;
        }
        digits++;
        i++;
    }
    if (i < end && bytes[i] === DOT) {
        i++;
        while (i < end && (c = bytes[i]!) >= ZERO && c <= NINE) {
            if (mantissa !== 0 || c !== ZERO) {
                if (significantDigits < 16) {
                    mantissa = mantissa * 10 + (c - ZERO);
                    exponent--;
                }
                significantDigits++;
            } else {
                exponent--;
            }
            digits++;
            i++;
        }
    }
    if (digits === 0) return NaN;
    if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
        i++;
        let exponentNegative = false;
        if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
            exponentNegative = bytes[i] === MINUS;
            i++;
        }
        let written = 0;
        let exponentDigits = 0;
        while (i < end && (c = bytes[i]!) >= ZERO && c <= NINE) {
            if (written < 1e6) written = written * 10 + (c - ZERO);
            exponentDigits++;
            i++;
        }
        if (exponentDigits === 0) return NaN;
        exponent += exponentNegative ? -written : written;
    }
    if (i !== end) return NaN;
    let value: number;
    const scaled = mantissa * multiplier;
    if (significantDigits <= 15 && Number.isInteger(multiplier) && scaled <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
        value = exponent < 0 ? scaled / POWERS_OF_TEN[-exponent]! : scaled * POWERS_OF_TEN[exponent]!;
    } else {
        value = fallback(bytes, start, end, multiplier, exponentShift);
    }
    return negative && value !== 0 ? -value : value;
}

function fallback(bytes: Uint8Array, start: number, end: number, multiplier: number, exponentShift: number): number {
    let text = '';
    for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k]!);
    if (text[0] === '-' || text[0] === '+') text = text.slice(1);
    const value = Number(text);
    return (value * multiplier) * 10 ** exponentShift;
}

/** A number written with a decimal comma (`1,5`, `-0,25`, `99,5 %`, `1,5 s`): what `decimal ","` reads, and what a message about it recognises. */
export function isDecimalCommaNumber(text: string): boolean {
    return /^\s*-?\d+,\d+\s*(%|[A-Za-z]+)?\s*$/.test(text);
}

/** A number written with a decimal point (`1.5`, `99.5 %`): what `decimal ","` refuses. */
export function isDecimalPointNumber(text: string): boolean {
    return /^\s*-?\d+\.\d+\s*(%|[A-Za-z]+)?\s*$/.test(text);
}
