/** Numbers as a contract reader writes them, and exact decimal arithmetic on written targets. */
import { minorUnits } from '@sla/engine';

/** `1000` → `1,000`; `12000.5` → `12,000.5`. English grouping, no locale surprises. */
export function formatNumber(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    const [whole, fraction] = String(Math.abs(value)).split('.');
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `1,238.90 EUR`, `1,200.00 EUR`, `12,346 JPY`, `100.013 BHD`: an amount of money with every decimal
 * of the currency's minor unit, as the engine's report writes money (formatMoney: €1,238.90,
 * ¥12,346), so a credit never reads `1,238.9 EUR`. Callers round to the minor unit first; an amount
 * with more decimals (a fee written `0.125 EUR`) keeps them: nothing the contract says is cut.
 */
export function formatAmount(value: number, currency: string): string {
    const text = formatNumber(value);
    const decimals = text.split('.')[1]?.length ?? 0;
    const missing = minorUnits(currency) - decimals;
    // Exponent forms (1e-7) are no amount a contract writes; left as they are.
    const padded = missing <= 0 || /e/i.test(text) ? text : `${text}${decimals === 0 ? '.' : ''}${'0'.repeat(missing)}`;
    return `${padded} ${currency}`;
}

/** A non-negative fraction held exactly: numerator / denominator, both integers. */
export interface ExactFraction {
    numerator: bigint;
    denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a < 0n ? -a : a;
}

function reduce(f: ExactFraction): ExactFraction {
    const d = gcd(f.numerator, f.denominator);
    return d === 0n ? f : { numerator: f.numerator / d, denominator: f.denominator / d };
}

/**
 * A written percentage (`99.9`) as an exact fraction of 1 (999/1000). Floating point
 * would give 1 − 0.999 = 0.0010000000000000009 and budgets a millisecond off.
 */
export function percentFraction(percent: number): ExactFraction | undefined {
    if (!Number.isFinite(percent) || percent < 0) return undefined;
    const text = String(percent);
    if (/e/i.test(text)) return undefined;
    const [whole, fraction = ''] = text.split('.');
    const numerator = BigInt(whole! + fraction);
    const denominator = 100n * 10n ** BigInt(fraction.length);
    return reduce({ numerator, denominator });
}

/** 1 − f, exactly. */
export function complement(f: ExactFraction): ExactFraction {
    return reduce({ numerator: f.denominator - f.numerator, denominator: f.denominator });
}

/** `1/1000` → `1 in 1,000`; `3/100` → `3 in 100`. */
export function formatOneIn(f: ExactFraction): string {
    return `${formatNumber(Number(f.numerator))} in ${formatNumber(Number(f.denominator))}`;
}

/** ⌊ms × f⌋ in whole milliseconds, exact for integer ms. */
export function scaleMs(ms: number, f: ExactFraction): number {
    return Number((BigInt(Math.round(ms)) * f.numerator) / f.denominator);
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st (a number that is not whole: 2.5th). */
export function ordinal(n: number): string {
    const text = String(n);
    if (!Number.isInteger(n)) return `${text}th`;
    const lastTwo = n % 100;
    if (lastTwo >= 11 && lastTwo <= 13) return `${text}th`;
    return text + ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
}
