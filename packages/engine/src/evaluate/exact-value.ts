/**
 * Exact values for the decisions that move money (docs/language-reference.md § 14.8, exact arithmetic):
 * a KPI's value, a target, a threshold or a credit amount as a fraction of two BigInts.
 *
 * A double read from decimal text stands for the decimal it was read from: the
 * shortest decimal that gives back the same double (`String(v)`), which for text of at
 * most 15 significant digits is that very text (two such decimals never share a double).
 * So 0.998 is 998/1000, not the binary fraction nearest to it, and 99.8 %, 99.1 % and
 * 98.1 % average to exactly 99 %. Hand-written (a few lines over BigInt) because the
 * engine needs only + − × ÷, comparison and one correctly rounded conversion back.
 */
export interface Exact {
    readonly num: bigint;
    /** > 0; 0 only for an infinite value (num ±1, see `infinite`) */
    readonly den: bigint;
}

const ZERO = 0n;
const ONE = 1n;
const TEN = 10n;

export const EXACT_ZERO: Exact = { num: ZERO, den: ONE };

/**
 * ±∞ as an exact value: the elapsed time of an open row that never ends (the 'never'
 * extreme of open rows, open-rows.ts). Compared, negated, added to or divided by a
 * finite value as in IEEE arithmetic; `∞ − ∞` and `∞ × 0` have no value (RangeError).
 */
export function infinite(sign: number): Exact {
    return { num: sign < 0 ? -ONE : ONE, den: ZERO };
}

export function isInfinite(a: Exact): boolean {
    return a.den === ZERO;
}

/** A double as an exact value: a finite one as its decimal (`exactOf`), ±Infinity as ±∞, NaN as null. */
export function exactOfDouble(value: number): Exact | null {
    if (Number.isNaN(value)) return null;
    return Number.isFinite(value) ? exactOf(value) : infinite(value);
}

const powersOfTen: bigint[] = [ONE];
/** 10^k as a BigInt (k ≥ 0). */
export function powerOfTen(k: number): bigint {
    while (powersOfTen.length <= k) powersOfTen.push(powersOfTen[powersOfTen.length - 1]! * TEN);
    return powersOfTen[k]!;
}

/** A finite double as the shortest decimal that reads back as it, split into digits × 10^exponent. */
export function decimalOf(value: number): { digits: bigint; exponent: number } {
    if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
    if (Number.isSafeInteger(value)) return { digits: BigInt(value), exponent: 0 };
    const text = String(value); // shortest round-trip form, e.g. '0.998', '1.5e-7', '1e+21'
    const e = text.indexOf('e');
    const mantissa = e < 0 ? text : text.slice(0, e);
    let exponent = e < 0 ? 0 : Number(text.slice(e + 1));
    const dot = mantissa.indexOf('.');
    const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
    if (dot >= 0) exponent -= mantissa.length - dot - 1;
    return { digits: BigInt(digits), exponent };
}

/** The exact value a double read from decimal text stands for (see the file comment). */
export function exactOf(value: number): Exact {
    const { digits, exponent } = decimalOf(value);
    return exponent >= 0 ? { num: digits * powerOfTen(exponent), den: ONE } : { num: digits, den: powerOfTen(-exponent) };
}

export function exactInteger(value: number | bigint): Exact {
    return { num: BigInt(value), den: ONE };
}

export function exactRatio(num: bigint | number, den: bigint | number): Exact {
    // Milliseconds are whole numbers in practice; a fraction of one (a timestamp with microseconds) is read as its decimal.
    if ((typeof num === 'number' && !Number.isInteger(num)) || (typeof den === 'number' && !Number.isInteger(den))) {
        const quotient = divide(typeof num === 'number' ? exactOf(num) : { num, den: ONE }, typeof den === 'number' ? exactOf(den) : { num: den, den: ONE });
        if (quotient === null) throw new RangeError('division by zero');
        return quotient;
    }
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === ZERO) throw new RangeError('division by zero');
    if (d < ZERO) {
        n = -n;
        d = -d;
    }
    return { num: n, den: d };
}

export function add(a: Exact, b: Exact): Exact {
    if (a.den === ZERO || b.den === ZERO) return infiniteSum(a, b);
    return a.den === b.den ? { num: a.num + b.num, den: a.den } : reduced(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtract(a: Exact, b: Exact): Exact {
    if (a.den === ZERO || b.den === ZERO) return infiniteSum(a, negate(b));
    return a.den === b.den ? { num: a.num - b.num, den: a.den } : reduced(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiply(a: Exact, b: Exact): Exact {
    if (a.den === ZERO || b.den === ZERO) {
        if (a.num === ZERO || b.num === ZERO) throw new RangeError('∞ × 0 has no value');
        return infinite(sign(a) * sign(b));
    }
    return reduced(a.num * b.num, a.den * b.den);
}

/** a / b; null when b is zero (a zero denominator means no data). */
export function divide(a: Exact, b: Exact): Exact | null {
    if (b.num === ZERO) return null;
    if (a.den === ZERO) return b.den === ZERO ? null : infinite(sign(a) * sign(b));
    if (b.den === ZERO) return EXACT_ZERO;
    return b.num < ZERO ? reduced(-a.num * b.den, a.den * -b.num) : reduced(a.num * b.den, a.den * b.num);
}

export function negate(a: Exact): Exact {
    return { num: -a.num, den: a.den };
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Exact, b: Exact): number {
    if (a.den === ZERO || b.den === ZERO) {
        const left = a.den === ZERO ? sign(a) * 2 : 0;
        const right = b.den === ZERO ? sign(b) * 2 : 0;
        return left < right ? -1 : left > right ? 1 : 0;
    }
    const left = a.num * b.den;
    const right = b.num * a.den;
    return left < right ? -1 : left > right ? 1 : 0;
}

export function sign(a: Exact): number {
    return a.num < ZERO ? -1 : a.num > ZERO ? 1 : 0;
}

export function minimum(a: Exact, b: Exact): Exact {
    return compare(a, b) <= 0 ? a : b;
}

/** The double nearest to the exact value (round half to even, as IEEE does). */
export function toNumber(a: Exact): number {
    const { num, den } = a;
    if (den === ZERO) return num < ZERO ? -Infinity : Infinity;
    if (den === ONE || (abs(num) <= MAX_EXACT && den <= MAX_EXACT)) return Number(num) / Number(den); // one correctly rounded operation
    // Scale so the integer quotient has at least 64 significant bits, then let Number() round the
    // decimal text of quotient (with a sticky digit for the remainder) once.
    const negative = num < ZERO;
    const n = negative ? -num : num;
    const shift = Math.max(0, 64 - (bitLength(n) - bitLength(den)));
    const scaled = (n << BigInt(shift));
    const quotient = scaled / den;
    const sticky = scaled % den === ZERO ? ZERO : ONE;
    const mantissa = (quotient << ONE) | sticky; // the sticky bit only breaks ties; it never moves the value across one
    const value = scaleByPowerOfTwo(Number(mantissa), -shift - 1);
    return negative ? -value : value;
}

/**
 * A non-negative amount of money down to whole minor units (cents; `decimals` 0 for whole yen):
 * the most a limit of this amount lets be paid.
 */
export function centsDownExact(amount: Exact, decimals = 2): Exact {
    if (amount.num < ZERO || amount.den === ZERO) throw new RangeError('only a finite amount of at least 0 is taken down to cents');
    const scale = 10n ** BigInt(decimals);
    return { num: (amount.num * scale) / amount.den, den: scale };
}

/** Rounded to cents (`decimals` 2; 0 for whole yen), half away from zero (money: exact until this last step). */
export function roundToCentsExact(amount: Exact, decimals = 2): number {
    const scale = 10n ** BigInt(decimals);
    const cents = amount.num * scale;
    const negative = cents < ZERO;
    const magnitude = negative ? -cents : cents;
    let whole = magnitude / amount.den;
    if ((magnitude % amount.den) * 2n >= amount.den) whole += ONE;
    const value = Number(whole) / Number(scale);
    return negative && value !== 0 ? -value : value;
}

/**
 * `percent` % of `value`, both decimals as written (40 % of 12 % of the fee → 4.8 % of the fee):
 * exact, then the double nearest it (4.8, not 0.4 × 12 = 4.800000000000001).
 */
export function percentOfDecimal(percent: number, value: number): number {
    return toNumber(divide(multiply(exactOf(percent), exactOf(value)), exactInteger(100))!);
}

/** The sum of decimals as written (28.6 + 35.7 + 35.7 = 100, not 100.00000000000001): exact, then the double nearest it. */
export function decimalSum(values: readonly number[]): number {
    return toNumber(values.reduce<Exact>((total, value) => add(total, exactOf(value)), EXACT_ZERO));
}

const MAX_EXACT = 2n ** 53n;

/** a + b where at least one is infinite. */
function infiniteSum(a: Exact, b: Exact): Exact {
    if (a.den === ZERO && b.den === ZERO && sign(a) !== sign(b)) throw new RangeError('∞ − ∞ has no value');
    return a.den === ZERO ? a : b;
}

function abs(a: bigint): bigint {
    return a < ZERO ? -a : a;
}

function bitLength(a: bigint): number {
    return a === ZERO ? 0 : a.toString(2).length;
}

/** x × 2^k, exact while the result is a normal double. */
function scaleByPowerOfTwo(x: number, k: number): number {
    let result = x;
    let remaining = k;
    while (remaining < -1000) {
        result *= 2 ** -1000;
        remaining += 1000;
    }
    return result * 2 ** remaining;
}

function gcd(a: bigint, b: bigint): bigint {
    let x = abs(a);
    let y = b;
    while (y !== ZERO) [x, y] = [y, x % y];
    return x;
}

/** Keeps numbers small when denominators multiply (products and quotients of fractions). */
function reduced(num: bigint, den: bigint): Exact {
    if (num === ZERO) return { num: ZERO, den: ONE };
    const g = gcd(num, den);
    return g === ONE ? { num, den } : { num: num / g, den: den / g };
}
