import type { CreditEntry } from './credit-evaluation.js';
import { add, EXACT_ZERO, exactOf, roundToCentsExact, subtract, type Exact } from './exact-value.js';

/**
 * A credit's window amounts in whole cents (the currency's minor unit), every credit's, cap or no cap
 * (language reference § 14.9): each window is paid what it adds to the credit's running total rounded
 * to cents, per `for each` value, firm and provisional windows apart. So each value's total (and its
 * provisional total) is still the rounded sum of its exact amounts, its windows add up to it in every
 * report (a billing import sums the windows: three of 50.005 EUR are 50.01 + 50.00 + 50.01 = 150.02,
 * not 3 × 50.01 = 150.03), and a cap on all credits together (agreement-credit-caps.ts) adds and cuts
 * whole cents: the credits of a period never add up to more than the limit, and add up to its `paid`.
 *
 * Two windows of 33.335 EUR are paid 33.34 and 33.33 (running totals 33.335 → 33.34, 66.67 → 66.67).
 * Prefix-stable: a window's cents depend only on the windows before it, never on later ones.
 */
export function payInWholeCents(entries: readonly CreditEntry[], decimals: number): void {
    // Per scope value, the running totals of the firm and of the provisional windows.
    const firm = new Map<unknown, RunningTotal>();
    const provisional = new Map<unknown, RunningTotal>();
    for (const entry of entries) {
        const totals = entry.provisional ? provisional : firm;
        const before = totals.get(entry.scopeValue) ?? { exact: EXACT_ZERO, rounded: EXACT_ZERO };
        const exact = add(before.exact, entry.amount);
        const rounded = exactOf(roundToCentsExact(exact, decimals));
        entry.amount = subtract(rounded, before.rounded);
        totals.set(entry.scopeValue, { exact, rounded });
    }
}

interface RunningTotal {
    exact: Exact;
    /** `exact` rounded to cents: what the windows so far are paid together. */
    rounded: Exact;
}
