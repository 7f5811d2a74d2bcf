/**
 * A cap on all credits together (the at-risk amount) written as a share of the fee in one
 * version and as money in the other (`credits capped at 50% of fee per calendar month` against
 * `credits capped at 400 EUR per calendar month`), compared in money through the fee as credit
 * tiers are (credit-comparison.ts, with fees.ts's conversion): on `fee 1000 EUR per calendar
 * month` 50 % is 500 EUR, so 400 EUR lets the customer get less — loosened. One home for
 * `sla diff` (each version's cap on its own version's fee) and a client's cap against its
 * template's (client-resolution.ts: both caps stand in the resolved client, so both shares are
 * of the client's fee), so the two say the same. A limit is compared as the evaluation applies
 * it, taken down to whole cents (agreement-credit-caps.ts): 12 % of 9,999.99 EUR lets
 * 1,199.99 EUR be paid, as `1199.99 EUR` does. A fee in another currency, read from billing
 * data, per another period than the cap's, or none: not comparable, left to compareCreditsCaps
 * (replaced).
 *
 * Windows cut by the validity do not change the verdict. Their fee is prorated (an agreement
 * from 16 January: 16/31 of 1,000 EUR, so 50 % of it is 258.06 EUR) and money is not, so there
 * the money side always comes out relatively higher than in a full window. The verdict is the
 * promise per period — the full windows, as for tiers and the validator's order of tiers: a cap
 * cut from 500 to 400 EUR a month is loosened however the validity starts, where counting the
 * first window (400 EUR against 258.06 EUR: more) would make it `replaced` and let it pass the gate.
 */
import { exact, minorUnits } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, isService, type CreditCap, type CreditsCap } from '../generated/ast.js';
import { agreementFee, feeShareInMoney, fixedFeeTerms, serviceFee, sumOfServiceFees, type FixedFeeTerms } from './fees.js';
import { asWritten, capsText, compareCreditsCaps, type Verdict } from './member-comparison.js';
import { classifyUnit } from '../types/units.js';
import { windowKey } from './windows.js';
import { normalizedText } from './written-text.js';

type Exact = exact.Exact;

/**
 * Two caps on all credits together from the customer's side (`before`: the old version, or the
 * template's standard): in money through the fee where a share of the fee meets money, else as
 * written (compareCreditsCaps; undefined when equal). `same money`: another spelling of the same
 * limits (`500 EUR` for `50% of fee` on 1,000 EUR a month) — `sla diff` says so, a client has no
 * deviation. Each share is of the fee where its cap stands (capFee).
 */
export function compareCreditsCapsThroughFee(before: CreditsCap, after: CreditsCap): Verdict | 'same money' | undefined {
    return compareCreditsCapsInMoney(before, after) ?? compareCreditsCaps(before, after, asWritten);
}

/**
 * The verdict in money when some period is capped by a share of the fee in one version and by
 * money in the other and each such pair converts; `same money` when no limit differs (`500 EUR`
 * for `50% of fee` on 1,000 EUR a month, the pool unchanged); undefined when no pair converts.
 */
function compareCreditsCapsInMoney(before: CreditsCap, after: CreditsCap): Verdict | 'same money' | undefined {
    const [old, now] = [capsByPeriod(before), capsByPeriod(after)];
    // +1: the customer may get less (looser), −1: more (tighter), 0: not comparable; as compareCreditsCaps.
    const aspects: number[] = [];
    const notes: string[] = [];
    let converted = false;
    for (const key of new Set([...old.keys(), ...now.keys()])) {
        const [was, is] = [old.get(key), now.get(key)];
        if (!was) aspects.push(1);
        else if (!is) aspects.push(-1);
        else if ((was.share === undefined) === (is.share === undefined)) {
            // Two shares, or two amounts of money: as compareCreditsCaps compares them.
            const [a, b] = [was.share ?? was.money!, is.share ?? is.money!];
            if (typeof a !== 'number' && typeof b !== 'number' && a.currency !== b.currency) aspects.push(0);
            else if (value(a) !== value(b)) aspects.push(value(b) < value(a) ? 1 : -1);
        } else {
            // A share against money: each a limit in money, the share on its own version's fee.
            const [a, b] = [limitOf(was), limitOf(is)];
            if (!a || !b || a.currency !== b.currency) return undefined;
            converted = true;
            notes.push(...[a.note, b.note].filter((note): note is string => note !== undefined));
            const order = exact.compare(b.limit, a.limit);
            if (order !== 0) aspects.push(order < 0 ? 1 : -1);
        }
    }
    if (!converted) return undefined;
    const text = `${capsText(after, asWritten)} instead of ${capsText(before, asWritten)}`;
    // The pool bounds the allocations, not the money: another pool is another term (compareCreditsCaps).
    if (aspects.length === 0) return normalizedText(before.pool) === normalizedText(after.pool) ? 'same money' : { kind: 'replaced', text };
    const withNotes = `${text} — ${[...new Set(notes)].join('; ')}`;
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text: withNotes };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text: withNotes };
    return { kind: 'replaced', text: withNotes };
}

/** One cap: a share of the fee (the percentage as written) or money. */
interface PeriodCap {
    cap: CreditCap;
    share?: number;
    money?: { currency: string; value: number };
}

const value = (amount: number | { value: number }): number => (typeof amount === 'number' ? amount : amount.value);

/** The caps by period (`calendar month`); a parameter, a formula, days of service or a bare number are left out, as compareCreditsCaps leaves out what it cannot read. */
function capsByPeriod(node: CreditsCap): Map<string, PeriodCap> {
    return new Map(node.caps.flatMap((cap): Array<[string, PeriodCap]> => {
        const key = cap.window ? windowKey(cap.window) : undefined;
        const quantity = cap.amount?.amount;
        if (key === undefined || quantity?.value === undefined || !Number.isFinite(quantity.value) || cap.amount!.ofService || cap.amount!.ofAtRisk) return [];
        // `12% of fee` and `12%` are one kind (compareCreditsCaps).
        if (cap.amount!.ofFee || quantity.unit === '%') return [[key, { cap, share: quantity.value }]];
        const unit = quantity.unit ? classifyUnit(quantity.unit) : undefined;
        return unit?.kind === 'money' ? [[key, { cap, money: { currency: unit.currency, value: quantity.value } }]] : [];
    }));
}

/**
 * A cap as the limit it sets in a full period, down to whole cents: money as written, or its share
 * of its version's fee when the fee is one amount per the cap's period (with the note saying so:
 * `50% of fee is 500 EUR of the fee of 1000 EUR per calendar month`). Undefined otherwise.
 */
function limitOf(entry: PeriodCap): { currency: string; limit: Exact; note?: string } | undefined {
    if (entry.money) {
        if (entry.money.value < 0) return undefined;
        return { currency: entry.money.currency, limit: exact.centsDownExact(exact.exactOf(entry.money.value), minorUnits(entry.money.currency)) };
    }
    const fee = capFee(entry.cap);
    if (!fee || fee.amount < 0 || entry.share! < 0 || !entry.cap.window || windowKey(entry.cap.window) !== fee.periodKey) return undefined;
    // fees.ts's conversion (exact, then the double nearest it: a decimal, read back exactly by exactOf).
    const limit = exact.centsDownExact(exact.exactOf(feeShareInMoney(entry.share!, fee)), minorUnits(fee.currency));
    const note = `${normalizedText(entry.cap.amount)} is ${exact.toNumber(limit)} ${fee.currency} of the fee of ${fee.amount} ${fee.currency} per ${fee.periodKey}`;
    return { currency: fee.currency, limit, note };
}

/**
 * The fee a cap's share is of (language reference § 12.4): in a service, the service's own; in
 * the agreement, its fee written as an amount, else the sum of its services' fees — in a
 * resolved client, the client's fee (its own, or the template's with its arguments). Undefined
 * when there is none, or it is read from billing data.
 */
function capFee(cap: CreditCap): FixedFeeTerms | undefined {
    const service = AstUtils.getContainerOfType(cap, isService);
    if (service) {
        const own = serviceFee(service);
        return own ? fixedFeeTerms(own) : undefined;
    }
    const agreement = AstUtils.getContainerOfType(cap, isAgreement);
    if (!agreement) return undefined;
    const written = agreementFee(agreement);
    if (written) return fixedFeeTerms(written);
    const sum = sumOfServiceFees(agreement);
    return sum ? { amount: sum.amount, currency: sum.currency, periodKey: sum.periodKey, fee: sum.fees[0]!.fee } : undefined;
}
