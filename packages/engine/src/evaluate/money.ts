/**
 * Rounds a money amount to cents, half away from zero. Amounts stay exact until the
 * end; the small epsilon absorbs binary representation error (1.005 is stored as
 * 1.00499999…, but was meant as 1.005).
 */
export function roundToCents(amount: number): number {
    const cents = Math.abs(amount) * 100;
    const rounded = Math.round(cents + cents * 1e-12) / 100;
    return amount < 0 ? -rounded : rounded;
}
