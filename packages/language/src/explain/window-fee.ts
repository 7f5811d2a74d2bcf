/**
 * The fee of each credit window as the evaluation prorates it (the engine's `feeBetween`,
 * evaluate/credit-fee.ts, with its exact arithmetic): each fee period overlapping the window's part inside the validity pays in
 * proportion to elapsed time. A quarter on a monthly fee is three monthly fees; a month on a
 * yearly fee is the year's fee × the month's length ÷ the year's.
 */
import { exact, feeBetween, isValidTimeZone, minorUnits, type CalendarUnit, type FixedFee, type WindowSpec } from '@sla/engine';

type Exact = exact.Exact;
import type { Fee, Window } from '../generated/ast.js';
import { classifyUnit } from '../types/units.js';
import type { AgreementContext } from './agreement-context.js';
import { calendarPeriods, cutText, periodLabel, windowName, type CalendarPeriod } from './error-budget.js';
import { formatAmount, formatNumber } from './numbers.js';
import { perWindowPhrase, quantityText, windowShape } from './wording.js';

/** `12000.5` or `20` (per cent) exactly, as the engine reads written amounts. */
const exactValue = (value: number): Exact => exact.exactOf(value);

/** `2,209.32 EUR`, `1,238.90 EUR`: rounded to the currency's minor unit half away from zero, from the exact value, as the report pays it. */
export function moneyText(amount: Exact, currency: string): string {
    return formatAmount(exact.roundToCentsExact(amount, minorUnits(currency)), currency);
}

/** How an exact amount of money is said: paid (moneyText) or a limit taken down to whole cents (at-risk-limit-text.ts). */
export type MoneyWording = (amount: Exact, currency: string) => string;

/** The fee's period as the engine reads it (no period written: per calendar month; a fiscal period counts as the calendar one, as feeBetween does). */
function feePeriodOf(fee: Fee): WindowSpec | undefined {
    if (!fee.window) return { kind: 'calendar', unit: 'month' };
    const shape = windowShape(fee.window);
    if (shape.kind === 'calendar') return { kind: 'calendar', unit: shape.unit };
    if (shape.kind === 'rolling') return { kind: 'rolling', lengthMs: shape.ms, label: '' };
    return undefined;
}

export interface WindowFee {
    period: CalendarPeriod;
    fee: Exact;
}

/** A fixed fee in money, as the engine's FixedFee (amount, currency, period). */
export function moneyFee(fee: Fee | undefined): FixedFee | undefined {
    if (!fee || fee.source || !fee.amount?.unit) return undefined;
    const unit = classifyUnit(fee.amount.unit);
    const period = feePeriodOf(fee);
    return unit?.kind === 'money' && period ? { amount: fee.amount.value, currency: unit.currency, period } : undefined;
}

/** The fee of each window of the validity (cut ones on their part inside it), by the engine's feeBetween; undefined when it cannot be counted. */
export function windowFees(fee: Fee | undefined, window: Window | undefined, context: AgreementContext): WindowFee[] | undefined {
    const terms = moneyFee(fee);
    const shape = windowShape(window);
    if (!terms || shape.kind !== 'calendar' || !context.zone || !isValidTimeZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
    const zone = context.zone;
    try {
        return calendarPeriods(zone, shape.unit, context.firstDay, context.lastDay, shape.yearStartMonth).map(period => {
            const start = period.cut?.start ?? period.start;
            const end = start + (period.cut?.ms ?? period.ms);
            return { period, fee: feeBetween(terms, zone, start, end) };
        });
    } catch {
        return undefined;
    }
}


/** `month`, `quarter`, `fiscal quarter`: the window in a possessive (`the month's fee`). */
function windowNoun(window: Window | undefined): string {
    const shape = windowShape(window);
    return shape.kind === 'calendar' ? `${shape.yearStartMonth !== undefined ? 'fiscal ' : ''}${shape.unit}` : 'window';
}

const UNIT_ORDER: Record<CalendarUnit, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/**
 * `20% of the quarter's fee, 36,000.00 EUR (3 × the fee of 12,000.00 EUR per calendar month): 7,200.00 EUR`, or, where it
 * varies, `20% of the month's share of the fee of 144,000.00 EUR per calendar year, prorated by elapsed time (…): from
 * 2,209.32 EUR in February 2026 to 2,446.03 EUR in a 31-day month`. Undefined when the window is the fee's own period
 * (the fee itself) or nothing can be counted. Windows cut by the validity are left to `cutWindowsSentence`.
 */
export function proratedShareText(percent: number, fee: Fee | undefined, window: Window | undefined, context: AgreementContext, money: MoneyWording = moneyText): string | undefined {
    const terms = moneyFee(fee);
    if (!terms || !fee || !Number.isFinite(percent) || percent < 0) return undefined;
    const share = exact.multiply(exactValue(percent), exact.exactRatio(1, 100));
    const noun = windowNoun(window);
    const written = `${formatNumber(percent)}%`;
    const feeText = `${quantityText(fee.amount)}${fee.window ? ` ${perWindowPhrase(fee.window)}` : ' per calendar month'}`;
    const shape = windowShape(window);
    const nested = shape.kind === 'calendar' && shape.yearStartMonth === undefined && terms.period.kind === 'calendar' && UNIT_ORDER[shape.unit] < UNIT_ORDER[terms.period.unit];
    const rule = nested && terms.period.kind === 'calendar' ? ` (${quantityText(fee.amount)} × the ${noun}'s length ÷ the ${terms.period.unit}'s)` : '';
    const fees = windowFees(fee, window, context);
    if (!fees || fees.length === 0) return `${written} of the ${noun}'s share of the fee of ${feeText}, prorated by elapsed time${rule}`;
    const complete = fees.filter(f => !f.period.cut);
    const shown = complete.length > 0 ? complete : fees;
    const distinct: WindowFee[] = [];
    for (const f of shown) if (!distinct.some(d => exact.compare(d.fee, f.fee) === 0)) distinct.push(f);
    if (distinct.length === 1) {
        const only = distinct[0]!;
        // A whole number of fee periods (a quarter of monthly fees): said as such.
        const ratio = exact.divide(only.fee, exactValue(terms.amount));
        const whole = ratio !== null && ratio.den === 1n && ratio.num > 1n ? ratio.num : undefined;
        const how = whole !== undefined ? `${whole} × the fee of ${feeText}` : `the fee of ${feeText}, prorated by elapsed time${rule}`;
        const where = complete.length === 0 ? ` (in ${windowName(only.period)}${cutText(only.period)})` : '';
        return `${written} of the ${noun}'s fee, ${moneyText(only.fee, terms.currency)} (${how})${where}: ${money(exact.multiply(share, only.fee), terms.currency)}`;
    }
    const sorted = [...distinct].sort((a, b) => exact.compare(a.fee, b.fee));
    const label = (f: WindowFee) => f.period.cut ? `in ${windowName(f.period)}${cutText(f.period)}` : periodLabel(f.period).label;
    const low = sorted[0]!;
    const high = sorted[sorted.length - 1]!;
    return `${written} of the ${noun}'s share of the fee of ${feeText}, prorated by elapsed time${rule}: `
        + `from ${money(exact.multiply(share, low.fee), terms.currency)} ${label(low)} to ${money(exact.multiply(share, high.fee), terms.currency)} ${label(high)}`;
}

/**
 * `The windows cut by the validity are paid on the fee of their part inside it (caps in % of fee too): January 2026
 * from 15 January 2026, 1,700 EUR; …` — the first and last window when the validity does not start or end with one.
 */
export function cutWindowsSentence(fee: Fee | undefined, window: Window | undefined, context: AgreementContext): string | undefined {
    const fees = windowFees(fee, window, context);
    const terms = moneyFee(fee);
    const cut = fees?.filter(f => f.period.cut) ?? [];
    if (!terms || cut.length === 0) return undefined;
    const list = cut.map(f => `${cutWindowLabel(f.period)}: ${moneyText(f.fee, terms.currency)}`);
    return `A window cut by the validity is paid on the fee of its part inside the validity, prorated by elapsed time, and caps in % of fee are shares of that fee: ${list.join('; ')}.`;
}

/** `January 2026, its 16 days from 16 January 2026`: a window the validity cuts, with the part of it inside the validity. */
export function cutWindowLabel(period: CalendarPeriod): string {
    return `${windowName(period)}${cutText(period).replace(/^, cut by the validity to its/, ', its')}`;
}
