/**
 * Which fee a credit's `% of fee` is a share of, and how the agreement's fee relates to its
 * services' fees. Validation, explanations and the evaluation model all read fees here.
 *
 * - A credit inside a service with its own `fee` is paid on that fee; any other credit on
 *   the agreement's fee.
 * - The agreement's `fee`, when written, is the whole price: the services' fees are parts of
 *   it, so their sum (same currency, same period) may not exceed it (sla/fee-inconsistent).
 *   Without one, the agreement's fee is the sum of the services' fees when they are all
 *   amounts of one currency per one period.
 * - `fee from <formula>` is the charges the formula reads from billing data in each credit
 *   window (and scope value): its currency is the formula's.
 */
import { AstUtils } from 'langium';
import { percentOfDecimal, roundToCents } from '@sla/engine';
import { isAgreement, isFee, isService, type Agreement, type Credit, type Fee, type Service, type Window } from '../generated/ast.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { classifyUnit } from '../types/units.js';
import { windowKey } from './windows.js';

/** The fee written in a service (the first; a second is a duplicate). */
export function serviceFee(service: Service): Fee | undefined {
    return service.members.find(isFee);
}

/** The fee written in the agreement itself. */
export function agreementFee(agreement: Agreement): Fee | undefined {
    return agreement.members.find(isFee);
}

/** The written fee a credit is paid on: its service's own, else the agreement's (undefined: none written). */
export function creditFee(credit: Credit): Fee | undefined {
    const service = AstUtils.getContainerOfType(credit, isService);
    const own = service ? serviceFee(service) : undefined;
    if (own) return own;
    const agreement = AstUtils.getContainerOfType(credit, isAgreement);
    return agreement ? agreementFee(agreement) : undefined;
}

/** The currency of a fee: its amount's, or its billing formula's (undefined: not money or not known). */
export function feeCurrency(fee: Fee, types: SlaTypeComputer): string | undefined {
    if (fee.source) {
        const type = types.typeOf(fee.source);
        return type.kind === 'money' ? type.currency : undefined;
    }
    const unit = fee.amount?.unit;
    const unitClass = unit ? classifyUnit(unit) : undefined;
    return unitClass?.kind === 'money' ? unitClass.currency : undefined;
}

/** A fixed amount per period, as written (`fee 4000 EUR per calendar month`; no window: per calendar month). */
export interface FixedFeeTerms {
    amount: number;
    currency: string;
    /** `calendar month`, `rolling … minutes` (model/windows.ts windowKey): fees compare and add only per the same period. */
    periodKey: string;
    fee: Fee;
}

export function fixedFeeTerms(fee: Fee): FixedFeeTerms | undefined {
    if (fee.source || fee.amount?.value === undefined || !fee.amount.unit) return undefined;
    const unitClass = classifyUnit(fee.amount.unit);
    if (unitClass?.kind !== 'money') return undefined;
    const periodKey = fee.window ? windowKey(fee.window) : 'calendar month';
    return periodKey === undefined ? undefined : { amount: fee.amount.value, currency: unitClass.currency, periodKey, fee };
}

/**
 * The fee a credit's `% of fee` paid per `window` (the credit's, or a cap's own) is a share of,
 * when that share is one amount of money in every window: the fee is a fixed amount per that
 * very period (`fee 1000 EUR per calendar month` for a monthly credit: `50% of fee` is
 * 500 EUR). A share of it then compares with amounts in its currency (the validator's order of
 * tiers, `sla diff`). Undefined otherwise: `whyShareVaries` says why.
 */
export function fixedFeePerWindow(credit: Credit, window: Window | undefined = credit.window): FixedFeeTerms | undefined {
    const fee = creditFee(credit);
    const terms = fee ? fixedFeeTerms(fee) : undefined;
    return terms && window && windowKey(window) === terms.periodKey ? terms : undefined;
}

/** Why `fixedFeePerWindow` has no fee for `window`: `the fee is read from billing data`. */
export function whyShareVaries(credit: Credit, window: Window | undefined = credit.window): string {
    const fee = creditFee(credit);
    if (!fee) return 'no fee is written';
    if (fee.source) return 'the fee is read from billing data, so a share of it differs from window to window';
    const terms = fixedFeeTerms(fee);
    if (!terms) return 'the fee is not an amount of money';
    const per = window ? windowKey(window) : undefined;
    return `the fee is ${terms.amount} ${terms.currency} per ${terms.periodKey}${per ? `, so a ${per}'s share of it is not one amount` : ''}`;
}

/** `50% of fee` in money: 500 on a fee of 1,000 (exact, then the double nearest it). */
export function feeShareInMoney(percent: number, fee: FixedFeeTerms): number {
    return percentOfDecimal(percent, fee.amount);
}

/** `500 EUR of the fee of 1000 EUR per calendar month` for `50% of fee`, rounded to the currency's minor unit. */
export function feeShareText(percent: number, fee: FixedFeeTerms): string {
    return `${roundToCents(feeShareInMoney(percent, fee), fee.currency)} ${fee.currency} of the fee of ${fee.amount} ${fee.currency} per ${fee.periodKey}`;
}

/** The services' own fees, with their services. */
export function serviceFees(agreement: Agreement): { service: Service; fee: Fee }[] {
    return agreement.members.filter(isService).flatMap(service => {
        const fee = serviceFee(service);
        return fee ? [{ service, fee }] : [];
    });
}

/**
 * The sum of the services' fees, when they are all amounts of one currency per one period:
 * the agreement's fee when it writes none. Exact in cents (amounts are decimals).
 */
export function sumOfServiceFees(agreement: Agreement): { amount: number; currency: string; periodKey: string; fees: FixedFeeTerms[] } | undefined {
    const fees = serviceFees(agreement).map(({ fee }) => fixedFeeTerms(fee));
    if (fees.length === 0 || fees.some(fee => fee === undefined)) return undefined;
    const terms = fees as FixedFeeTerms[];
    const { currency, periodKey } = terms[0]!;
    if (terms.some(fee => fee.currency !== currency || fee.periodKey !== periodKey)) return undefined;
    return { amount: addDecimals(terms.map(fee => fee.amount)), currency, periodKey, fees: terms };
}

/** Sum of decimal amounts without binary rounding noise (0.1 + 0.2 is 0.3). */
export function addDecimals(values: readonly number[]): number {
    const scale = 10 ** Math.max(0, ...values.map(decimals));
    return values.reduce((sum, value) => sum + Math.round(value * scale), 0) / scale;
}

function decimals(value: number): number {
    const text = String(value);
    const point = text.indexOf('.');
    return point < 0 || text.includes('e') ? 0 : text.length - point - 1;
}

/** The calendar units `of previous …` may name (`month` or `months`), as the engine's unit. */
const PREVIOUS_UNITS: Record<string, 'day' | 'week' | 'month' | 'quarter' | 'year'> = {
    day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month', quarter: 'quarter', quarters: 'quarter', year: 'year', years: 'year'
};

/** `fee from … of previous month`: the unit of the previous period, or undefined (unknown units are `sla/fee-previous`). */
export function previousFeeUnit(fee: Fee): 'day' | 'week' | 'month' | 'quarter' | 'year' | undefined {
    return fee.previous && fee.previousPeriod ? PREVIOUS_UNITS[fee.previousPeriod] : undefined;
}

/** `{ previous: unit }` for a fee of the previous period, else nothing (spread into the engine's fee). */
export function previousFeePeriod(fee: Fee): { previous?: 'day' | 'week' | 'month' | 'quarter' | 'year' } {
    const unit = previousFeeUnit(fee);
    return unit === undefined ? {} : { previous: unit };
}
