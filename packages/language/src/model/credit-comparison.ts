/**
 * A credit against another version of it (a new version of an agreement, `sla diff`; a client's
 * own credit against its template's, client-resolution.ts), from the customer's side.
 */
import type { Credit, CreditAmount, TierCondition, Window } from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { classifyUnit } from '../types/units.js';
import { claimTermChanges } from './claim-terms-comparison.js';
import { feeShareInMoney, feeShareText, fixedFeePerWindow, whyShareVaries } from './fees.js';
import { meaningKey } from './meaning-key.js';
import type { Verdict } from './member-comparison.js';
import { inSeverityOrder } from './tier-severity.js';
import { unitChange, unitKind, type UnitChange } from './unit-kinds.js';
import { windowKey } from './windows.js';
import { normalizedText } from './written-text.js';

/** A tier or a cap, by what matches it across versions. */
interface Entry {
    amount: CreditAmount | undefined;
    text: string;
    meaning: string;
    /** The window its amount is paid per: a cap's own, else the credit's. */
    window: Window | undefined;
    /** The credit it belongs to: a share of the fee is a share of this credit's fee. */
    credit: Credit;
}

/** +1: the customer gets less (looser), −1: more (tighter), 0: not comparable, per aspect; with what the text should add. */
interface Findings {
    aspects: number[];
    /** `50% of fee is 500 EUR of the fee of 1000 EUR per calendar month`, or why two amounts are not comparable. */
    notes: string[];
    /** A bound or an amount lost its unit (sla/unit-missing). */
    unitMissing: boolean;
}

/**
 * A credit table against the old one, from the customer's side: each tier of the same condition
 * paying less, a tier dropped, a lower cap, claim terms that take from the customer — looser;
 * the opposite tighter; another condition with another amount, another kind of amount, claim
 * terms that cannot be compared, or looser in one way and tighter in another — replaced. A share
 * of a fee that is one amount per window (`50% of fee` on 1,000 EUR per calendar month) is that
 * money, and compares with amounts in its currency (500 EUR against 150 EUR); a share of a fee
 * read from billing data, or per another period, does not. Tiers pair by severity, not by the
 * order they are written in (model/tier-severity.ts). Undefined when the two pay the same: the
 * tiers in another order, `400 EUR` for `10% of fee` on 4,000 EUR per calendar month.
 */
export function compareCredits(before: Credit, after: Credit, written: string): Verdict | undefined {
    // Tiers by plan and condition, caps by period: the text names only those whose values differ
    // (`below 99.9%: 10% of fee` is the standard's `below 99.9 %: 10 % of fee`).
    const tiers = (credit: Credit) => new Map<string, Entry>([
        ...credit.tiers.map(tier => [`|${conditionKey(tier.condition)}`, { amount: tier.amount, text: normalizedText(tier), meaning: meaningKey(tier), window: credit.window, credit }] as const),
        ...credit.planTiers.flatMap(plan => plan.tiers.map(tier => [`${plan.plan?.$refText ?? ''}|${conditionKey(tier.condition)}`, { amount: tier.amount, text: `plan ${plan.plan?.$refText ?? ''}: ${normalizedText(tier)}`, meaning: meaningKey(tier), window: credit.window, credit }] as const))
    ]);
    const caps = (credit: Credit) => new Map<string, Entry>(credit.caps.map(cap => [windowKey(cap.window) ?? normalizedText(cap.window), { amount: cap.amount, text: normalizedText(cap), meaning: meaningKey(cap), window: cap.window ?? credit.window, credit }] as const));
    if (windowKey(before.window) !== windowKey(after.window) || normalizedText(before.scope) !== normalizedText(after.scope)) return { kind: 'replaced', text: written };
    const [oldTiers, newTiers, oldCaps, newCaps] = [tiers(before), tiers(after), caps(before), caps(after)];
    const terms = claimTermChanges(before, after);
    const found: Findings = { aspects: [], notes: [], unitMissing: false };
    if (!tierAspects(before, after, found)) amountAspects(oldTiers, newTiers, 1, found);
    amountAspects(oldCaps, newCaps, -1, found);
    found.aspects.push(...(terms.aspects ?? [0]));
    const tierTexts = differences(oldTiers, newTiers, () => 'no such tier');
    // A cap removed or added is `no cap` (`no cap per calendar year` for a yearly one), never `no such tier`.
    const capTexts = differences(oldCaps, newCaps, other => `no cap${other.window === other.credit.window ? '' : ` ${normalizedText(other.window)}`}`);
    const newer = [...tierTexts.newer, ...capTexts.newer, ...terms.newer];
    const older = [...tierTexts.older, ...capTexts.older, ...terms.older];
    const changed = newer.length + older.length === 0 ? written : `${newer.join('; ')} instead of ${older.join('; ')}`;
    const text = found.notes.length === 0 ? changed : `${changed} — ${[...new Set(found.notes)].join('; ')}`;
    if (found.unitMissing) return { kind: 'replaced', text, unitMissing: true };
    const { aspects } = found;
    // Nothing pays more or less, and the credit is payable from the same day: the same credit in other words.
    if (aspects.length === 0 && before.payableFrom === after.payableFrom) return undefined;
    if (aspects.length === 0 || aspects.includes(0)) return { kind: 'replaced', text };
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text };
    return { kind: 'replaced', text };
}

/**
 * The entries whose meaning differs, as written, new and old; a side that has none of them has
 * `absent(the other side's entry)` instead, as claim terms have `no claim deadline`.
 */
function differences(before: ReadonlyMap<string, Entry>, after: ReadonlyMap<string, Entry>, absent: (other: Entry) => string): { newer: string[]; older: string[] } {
    const newer: string[] = [];
    const older: string[] = [];
    // The first entry only the old version has, and only the new one: what the other side names as absent.
    let removed: Entry | undefined;
    let added: Entry | undefined;
    for (const key of new Set([...after.keys(), ...before.keys()])) {
        const [was, is] = [before.get(key), after.get(key)];
        if (was?.meaning === is?.meaning) continue;
        if (is) newer.push(is.text);
        else removed ??= was;
        if (was) older.push(was.text);
        else added ??= is;
    }
    if (newer.length === 0 && removed) newer.push(absent(removed));
    if (older.length === 0 && added) older.push(absent(added));
    return { newer, older };
}

/**
 * Tier tables of as many tiers (per plan), tier by tier from the most severe: a single bound moved so that
 * the tier pays in fewer windows (`below 99.8%` instead of `below 99.9%`, `above` a higher value)
 * or a lower amount is looser, the opposite tighter; another kind of condition or amount, or a
 * bound in another unit (`below 99` for `below 99%`), is not comparable (0). False when the
 * tables differ in size: compared by condition instead.
 */
function tierAspects(before: Credit, after: Credit, found: Findings): boolean {
    const tables = (credit: Credit) => [credit.tiers, ...credit.planTiers.map(plan => plan.tiers)].map(table => inSeverityOrder(table));
    const [old, now] = [tables(before), tables(after)];
    if (old.length !== now.length || old.some((table, index) => table.length !== now[index]!.length)) return false;
    if (before.planTiers.some((plan, index) => plan.plan?.$refText !== after.planTiers[index]?.plan?.$refText)) return false;
    old.forEach((table, t) => table.forEach((was, index) => {
        const is = now[t]![index]!;
        if (conditionKey(was.condition) !== conditionKey(is.condition)) {
            const [a, b] = [was.condition.bounds, is.condition.bounds];
            const units = a.length === b.length ? a.map((bound, i) => (bound.value && b[i]!.value ? unitChange(bound.value, b[i]!.value!, 'bound') : undefined)).find(change => change !== undefined) : undefined;
            const single = a.length === 1 && b.length === 1 && a[0]!.operator === b[0]!.operator && (a[0]!.operator === 'below' || a[0]!.operator === 'above') && a[0]!.value && b[0]!.value;
            if (units) notComparable(found, units);
            else if (!single) found.aspects.push(0);
            else {
                const [x, y] = [quantityValue(a[0]!.value).value, quantityValue(b[0]!.value).value];
                // `below`: a lower bound pays in fewer windows; `above`: a higher one.
                if (x !== y) found.aspects.push((a[0]!.operator === 'below' ? y < x : y > x) ? 1 : -1);
            }
        }
        if (normalizedText(was.amount) !== normalizedText(is.amount)) compareAmounts({ amount: was.amount, window: before.window, credit: before }, { amount: is.amount, window: after.window, credit: after }, found);
    }));
    return true;
}

/**
 * Amounts by key, old against new. `more` says what a key only the old version has means: +1 for
 * tiers (a tier pays; dropping it gives less), −1 for caps (a cap limits; dropping it gives
 * more); a key only the new version has, the opposite.
 */
function amountAspects(before: ReadonlyMap<string, Entry>, after: ReadonlyMap<string, Entry>, more: 1 | -1, found: Findings): void {
    for (const key of new Set([...before.keys(), ...after.keys()])) {
        const [was, now] = [before.get(key), after.get(key)];
        if (!was) found.aspects.push(-more);
        else if (!now) found.aspects.push(more);
        else if (normalizedText(was.amount) !== normalizedText(now.amount)) compareAmounts(was, now, found);
    }
}

type Paid = Pick<Entry, 'amount' | 'window' | 'credit'>;

/** Two amounts of one tier or cap: a lower amount gives the customer less, for a tier and a cap alike. */
function compareAmounts(was: Paid, now: Paid, found: Findings): void {
    const units = was.amount?.amount && now.amount?.amount ? unitChange(was.amount.amount, now.amount.amount, 'amount') : undefined;
    if (units?.missing) return notComparable(found, units);
    const [a, b] = [comparableAmount(was), comparableAmount(now)];
    if (a === undefined || b === undefined) found.aspects.push(0);
    else if (a.kind === b.kind) {
        if (a.value !== b.value) found.aspects.push(b.value < a.value ? 1 : -1);
    } else if (a.money && b.money && a.money.currency === b.money.currency) {
        // `50% of fee` against `150 EUR`: both in money, the share named with its amount.
        found.notes.push(...[a.money.share, b.money.share].filter((share): share is string => share !== undefined));
        if (a.money.value !== b.money.value) found.aspects.push(b.money.value < a.money.value ? 1 : -1);
    } else {
        found.aspects.push(0);
        const why = shareAgainstMoney(was, b) ?? shareAgainstMoney(now, a);
        if (why) found.notes.push(`not comparable: ${why}`);
    }
}

function notComparable(found: Findings, units: UnitChange): void {
    found.aspects.push(0);
    found.notes.push(`${units.text}, not comparable`);
    if (units.missing) found.unitMissing = true;
}

interface ComparableAmount {
    /** `%|fee`, `EUR|`, `days|service`: amounts of one kind compare by value. */
    kind: string;
    value: number;
    /** The amount in money: money as written, or a share of a fee that is one amount per its window (`share` says so). */
    money?: { currency: string; value: number; share?: string };
}

/** `10% of fee` → { kind: '%|fee', value: 0.1 } (in money on a fixed fee per the window); a formula is not comparable. */
function comparableAmount({ amount, window, credit }: Paid): ComparableAmount | undefined {
    if (!amount?.amount) return undefined;
    const quantity = amount.amount;
    // `10% of fee` and `10%` are one kind, as for caps on all credits (compareCreditsCaps); days of service and shares of the at-risk amount others.
    const of = amount.ofService ? 'service' : amount.ofAtRisk ? 'at-risk' : amount.ofFee || quantity.unit === '%' ? 'fee' : '';
    const comparable = { kind: `${quantity.unit ?? ''}|${of}`, value: quantityValue(quantity).value };
    const unit = quantity.unit ? classifyUnit(quantity.unit) : undefined;
    if (of === '' && unit?.kind === 'money') return { ...comparable, money: { currency: unit.currency, value: quantity.value } };
    const fee = isShareOfFee(amount) ? fixedFeePerWindow(credit, window) : undefined;
    if (!fee) return comparable;
    return { ...comparable, money: { currency: fee.currency, value: feeShareInMoney(quantity.value, fee), share: `${normalizedText(amount)} is ${feeShareText(quantity.value, fee)}` } };
}

function isShareOfFee(amount: CreditAmount): boolean {
    return amount.amount?.unit === '%' && !amount.ofService && !amount.ofAtRisk;
}

/** Why a share of the fee (`share`) is not money to compare with `money`: the fee is read from data, per another period, in another currency. */
function shareAgainstMoney(share: Paid, money: ComparableAmount | undefined): string | undefined {
    if (!share.amount || !isShareOfFee(share.amount) || money?.money === undefined || money.money.share !== undefined) return undefined;
    const fee = fixedFeePerWindow(share.credit, share.window);
    if (fee) return `the fee is in ${fee.currency}, the amount in ${money.money.currency}`;
    return whyShareVaries(share.credit, share.window);
}

/** A tier's condition by what it says: `below 99.9%` and `below 99.9 %` (a client's argument written in) are one; `below 0.999` another. */
function conditionKey(condition: TierCondition): string {
    if (condition.bounds.length === 0) return normalizedText(condition);
    return condition.bounds.map(bound => `${bound.operator} ${bound.value ? `${quantityValue(bound.value).value} ${unitKind(bound.value) ?? ''}` : '?'}`).join(' and ');
}
