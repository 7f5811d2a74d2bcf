/**
 * `+`, `−` and `×` of two row values as the decimals they were read as (docs/language-reference.md
 * § 14.8, exact arithmetic): `1.10 + 2.20` is the double of 3.3, not 3.3000000000000003, so
 * that a sum or a comparison over such values stays exact. The result is the double
 * nearest to the exact decimal result, which is what reading that decimal from text gives.
 * Whole numbers (counts, milliseconds, timestamps) take the plain operation: it is exact.
 * Values that are no short decimal (the result of a division) fall back to the plain one.
 */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Scaled values stay within this bound, where rounding v × 10^s cannot pick a neighbouring integer. */
const LIMIT = 2 ** 50;
const MAX_SAFE = 2 ** 53;
/** Decimals tried: a double holds 15 significant digits safely. */
const MAX_PLACES = 15;

/** Decimal places of the shortest decimal that reads back as x, or −1 when it has no short one. */
function places(x: number): number {
    for (let s = 0; s <= MAX_PLACES; s++) {
        const p = POWERS[s]!;
        const r = Math.round(x * p);
        if (r / p === x) return Math.abs(r) <= LIMIT ? s : -1;
    }
    return -1;
}

/** The double nearest to scaled × 10^−s (exact integer inputs; one correct rounding). */
function fromScaled(scaled: bigint | number, s: number): number {
    if (typeof scaled === 'number' && Math.abs(scaled) <= MAX_SAFE) return scaled / POWERS[s]!;
    return Number(`${typeof scaled === 'number' ? BigInt(scaled) : scaled}e-${s}`);
}

export function decimalAdd(a: number, b: number): number {
    if (Number.isInteger(a) && Number.isInteger(b)) return a + b;
    const sa = places(a);
    const sb = places(b);
    if (sa < 0 || sb < 0) return a + b;
    const s = Math.max(sa, sb);
    const p = POWERS[s]!;
    return fromScaled(Math.round(a * p) + Math.round(b * p), s);
}

export function decimalSubtract(a: number, b: number): number {
    return decimalAdd(a, -b);
}

export function decimalMultiply(a: number, b: number): number {
    if (Number.isInteger(a) && Number.isInteger(b) && Math.abs(a * b) <= MAX_SAFE) return a * b;
    const sa = places(a);
    const sb = places(b);
    if (sa < 0 || sb < 0 || sa + sb > 22) return a * b;
    const product = Math.round(a * POWERS[sa]!) * Math.round(b * POWERS[sb]!);
    return Math.abs(product) <= MAX_SAFE ? fromScaled(product, sa + sb) : fromScaled(BigInt(Math.round(a * POWERS[sa]!)) * BigInt(Math.round(b * POWERS[sb]!)), sa + sb);
}
