import { exactOf, roundToCentsExact } from './exact-value.js';

/**
 * Rounds a money amount to the currency's minor unit (cents; whole yen for JPY), half away
 * from zero, on the decimal the amount was written as (1.005 is 1.005, not the 1.00499999… a
 * double holds, so it rounds to 1.01).
 */
export function roundToCents(amount: number, currency?: string): number {
    return roundToCentsExact(exactOf(amount), minorUnits(currency));
}

const minorUnitsByCurrency = new Map<string, number>();

/**
 * The decimals of a currency's minor unit (ISO 4217, as Intl knows them): 2 for EUR and USD,
 * 0 for JPY and KRW, 3 for BHD and KWD. 2 for a unit that is no ISO code (`credits`) or none.
 */
export function minorUnits(currency: string | undefined): number {
    if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) return 2;
    let decimals = minorUnitsByCurrency.get(currency);
    if (decimals === undefined) {
        try {
            decimals = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
        } catch {
            decimals = 2;
        }
        minorUnitsByCurrency.set(currency, decimals);
    }
    return decimals;
}
