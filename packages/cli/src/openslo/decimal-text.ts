/**
 * Decimal numbers as written (`99.9`, `0.5`), computed exactly on their digits: a target of
 * `< 0.5%` errors is `99.5` % good, never 99.49999999999999. Money depends on these numbers.
 */

/** `'99.95'` → 9995n with scale 2. */
function parse(text: string): { digits: bigint; scale: number } {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new Error(`not a decimal number: '${text}'`);
    const fraction = match[2] ?? '';
    return { digits: BigInt(match[1]! + fraction), scale: fraction.length };
}

function format(digits: bigint, scale: number): string {
    const negative = digits < 0n;
    const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
    const whole = text.slice(0, text.length - scale);
    const fraction = text.slice(text.length - scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `0.999` → `99.9`. */
export function decimalTimes100(text: string): string {
    const { digits, scale } = parse(text);
    return scale >= 2 ? format(digits, scale - 2) : format(digits * 10n ** BigInt(2 - scale), 0);
}

/** `0.999` ← `99.9`. */
export function decimalDividedBy100(text: string): string {
    const { digits, scale } = parse(text);
    return format(digits, scale + 2);
}

/** `100 − x`: `0.5` → `99.5`. */
export function decimalComplementOf100(text: string): string {
    const { digits, scale } = parse(text);
    return format(100n * 10n ** BigInt(scale) - digits, scale);
}

/** 0 ≤ x < 100, as OpenSLO's `targetPercent` requires. */
export function isBelow100(text: string): boolean {
    if (text.startsWith('-')) return false;
    const { digits, scale } = parse(text);
    return digits < 100n * 10n ** BigInt(scale);
}

/** A number from YAML as decimal text without exponent: 99.5 → `99.5`, 1e-7 → `0.0000001`. */
export function decimalTextOf(value: number): string {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    const text = String(value);
    if (!/e/i.test(text)) return text;
    return value.toFixed(20).replace(/\.?0+$/, '');
}
