import { exactOf, roundToCentsExact } from './exact-value.js';

/**
 * Rounds a money amount to cents, half away from zero, on the decimal the amount was
 * written as (1.005 is 1.005, not the 1.00499999… a double holds, so it rounds to 1.01).
 */
export function roundToCents(amount: number): number {
    return roundToCentsExact(exactOf(amount));
}
