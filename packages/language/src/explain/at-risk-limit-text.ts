/**
 * The at-risk amount as the evaluation limits it (docs/language-reference.md § 12.4): a cap on
 * all credits together that is a share of the fee is the share of the fee of the period's part
 * inside the validity, taken down to whole cents (the engine's `centsDownExact`, as in
 * agreement-credit-caps.ts) — 12 % of 9,999.99 EUR is 1,199.9988 EUR and lets 1,199.99 EUR be paid.
 */
import { exact, minorUnits } from '@sla/engine';
import type { CreditCap, Fee } from '../generated/ast.js';
import { windowKey } from '../model/windows.js';
import { agreementContext } from './agreement-context.js';
import { formatAmount, formatNumber } from './numbers.js';
import { quantityText } from './wording.js';
import { cutWindowLabel, moneyFee, moneyText, proratedShareText, windowFees } from './window-fee.js';

type Exact = exact.Exact;

/** `1,199.99 EUR`: a limit down to the currency's whole minor units (what it lets be paid). */
export function limitMoneyText(amount: Exact, currency: string): string {
    // A negative fee is an error of its own; the hover still says something.
    if (exact.sign(amount) < 0) return moneyText(amount, currency);
    return formatAmount(exact.toNumber(exact.centsDownExact(amount, minorUnits(currency))), currency);
}

/** The cap's share of the fee (12 for `12% of fee`), or undefined when the cap is no such share. */
function capPercent(cap: CreditCap): number | undefined {
    const amount = cap.amount;
    const value = amount?.amount?.value;
    return amount?.ofFee && amount.amount?.unit === '%' && typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The fee is per the cap's own period (no period written: per calendar month). */
function feePerCapPeriod(cap: CreditCap, fee: Fee): boolean {
    return !!cap.window && windowKey(cap.window) === (fee.window ? windowKey(fee.window) : 'calendar month');
}

/**
 * The limit of a whole period of a cap in % of a fee per that same period (12 % × 9,999.99 EUR),
 * exact, before it is taken down to cents; undefined otherwise (the limit then varies by period).
 */
export function wholePeriodLimit(cap: CreditCap, fee: Fee | undefined): { amount: Exact; currency: string } | undefined {
    const percent = capPercent(cap);
    const terms = moneyFee(fee);
    if (percent === undefined || !terms || !feePerCapPeriod(cap, fee!)) return undefined;
    return { amount: exact.multiply(exact.multiply(exact.exactOf(percent), exact.exactRatio(1, 100)), exact.exactOf(terms.amount)), currency: terms.currency };
}

/**
 * `12% of the fee (1,199.99 EUR)`, or per period on a fee of another period (`12% of the month's
 * share of the fee of 30,000.00 EUR per calendar quarter, …: from 1,120.51 EUR in February 2026 to …`),
 * each limit taken down to whole cents, then the periods the validity cuts with their own limit.
 * Undefined when the cap is no share of a fee in money.
 */
export function atRiskShareText(cap: CreditCap, fee: Fee | undefined): string | undefined {
    const percent = capPercent(cap);
    if (percent === undefined || !fee || !moneyFee(fee)) return undefined;
    const written = quantityText(cap.amount?.amount);
    const context = agreementContext(cap);
    const whole = wholePeriodLimit(cap, fee);
    const text = whole ? `${written} of the fee (${limitMoneyText(whole.amount, whole.currency)})` : proratedShareText(percent, fee, cap.window, context, limitMoneyText);
    if (text === undefined) return undefined;
    return `${text}${cutPeriodsText(percent, cap, fee)}`;
}

/**
 * `; in January 2026, its 16 days from 16 January 2026, at most 640.29 EUR (12% of that part's fee)`: the
 * first or last period the validity cuts, whose limit is a share of the fee of its part inside the validity.
 */
function cutPeriodsText(percent: number, cap: CreditCap, fee: Fee): string {
    const terms = moneyFee(fee);
    const fees = windowFees(fee, cap.window, agreementContext(cap));
    if (!terms || !fees) return '';
    const cut = fees.filter(f => f.period.cut);
    // All periods cut (a validity inside one period): the text above already names that one.
    if (cut.length === 0 || cut.length === fees.length) return '';
    const share = exact.multiply(exact.exactOf(percent), exact.exactRatio(1, 100));
    const list = cut.map(f => `in ${cutWindowLabel(f.period)}, at most ${limitMoneyText(exact.multiply(share, f.fee), terms.currency)}`);
    return `; ${list.join('; ')} (${formatNumber(percent)}% of the fee of the part inside the validity)`;
}
