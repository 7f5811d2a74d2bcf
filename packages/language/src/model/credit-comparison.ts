/**
 * A credit against another version of it (a new version of an agreement, `sla diff`; a client's
 * own credit against its template's, client-resolution.ts), from the customer's side.
 */
import type { Credit, CreditAmount, TierCondition } from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { claimTermChanges } from './claim-terms-comparison.js';
import { meaningKey } from './meaning-key.js';
import type { Verdict } from './member-comparison.js';
import { windowKey } from './windows.js';
import { normalizedText } from './written-text.js';

/**
 * A credit table against the old one, from the customer's side: each tier of the same condition
 * paying less, a tier dropped, a lower cap, claim terms that take from the customer — looser;
 * the opposite tighter; another condition with another amount, another kind of amount, claim
 * terms that cannot be compared, or looser in one way and tighter in another — replaced.
 */
export function compareCredits(before: Credit, after: Credit, written: string): Verdict {
    // Tiers by plan and condition, caps by period: the text names only those whose values differ
    // (`below 99.9%: 10% of fee` is the standard's `below 99.9 %: 10 % of fee`).
    const tiers = (credit: Credit) => new Map([
        ...credit.tiers.map(tier => [`|${conditionKey(tier.condition)}`, { amount: tier.amount, text: normalizedText(tier), meaning: meaningKey(tier) }] as const),
        ...credit.planTiers.flatMap(plan => plan.tiers.map(tier => [`${plan.plan?.$refText ?? ''}|${conditionKey(tier.condition)}`, { amount: tier.amount, text: `plan ${plan.plan?.$refText ?? ''}: ${normalizedText(tier)}`, meaning: meaningKey(tier) }] as const))
    ]);
    const caps = (credit: Credit) => new Map(credit.caps.map(cap => [windowKey(cap.window) ?? normalizedText(cap.window), { amount: cap.amount, text: normalizedText(cap), meaning: meaningKey(cap) }] as const));
    if (windowKey(before.window) !== windowKey(after.window) || normalizedText(before.scope) !== normalizedText(after.scope)) return { kind: 'replaced', text: written };
    const [oldTiers, newTiers, oldCaps, newCaps] = [tiers(before), tiers(after), caps(before), caps(after)];
    const terms = claimTermChanges(before, after);
    // +1: the customer gets less (looser), −1: more (tighter), 0: not comparable.
    const aspects = [...tierAspects(before, after) ?? amountAspects(oldTiers, newTiers, 1), ...amountAspects(oldCaps, newCaps, -1), ...(terms.aspects ?? [0])];
    const differing = (old: ReadonlyMap<string, { meaning: string }>, now: ReadonlyMap<string, { text: string; meaning: string }>) =>
        [...now.entries()].filter(([key, entry]) => old.get(key)?.meaning !== entry.meaning).map(([, entry]) => entry.text);
    const newer = [...differing(oldTiers, newTiers), ...differing(oldCaps, newCaps), ...terms.newer];
    const older = [...differing(newTiers, oldTiers), ...differing(newCaps, oldCaps), ...terms.older];
    const text = newer.length + older.length === 0 ? written : `${newer.join('; ') || 'no such tier'} instead of ${older.join('; ') || 'no such tier'}`;
    if (aspects.length === 0 || aspects.includes(0)) return { kind: 'replaced', text };
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text };
    return { kind: 'replaced', text };
}

/**
 * Tier tables of as many tiers (per plan), tier by tier in order: a single bound moved so that
 * the tier pays in fewer windows (`below 99.8%` instead of `below 99.9%`, `above` a higher value)
 * or a lower amount is looser, the opposite tighter; another kind of condition or amount is not
 * comparable (0). Undefined when the tables differ in size: compared by condition instead.
 */
function tierAspects(before: Credit, after: Credit): number[] | undefined {
    const tables = (credit: Credit) => [credit.tiers, ...credit.planTiers.map(plan => plan.tiers)];
    const [old, now] = [tables(before), tables(after)];
    if (old.length !== now.length || old.some((table, index) => table.length !== now[index]!.length)) return undefined;
    if (before.planTiers.some((plan, index) => plan.plan?.$refText !== after.planTiers[index]?.plan?.$refText)) return undefined;
    const aspects: number[] = [];
    old.forEach((table, t) => table.forEach((was, index) => {
        const is = now[t]![index]!;
        if (conditionKey(was.condition) !== conditionKey(is.condition)) {
            const [a, b] = [was.condition.bounds, is.condition.bounds];
            const single = a.length === 1 && b.length === 1 && a[0]!.operator === b[0]!.operator && (a[0]!.operator === 'below' || a[0]!.operator === 'above') && a[0]!.value && b[0]!.value;
            if (!single) aspects.push(0);
            else {
                const [x, y] = [quantityValue(a[0]!.value).value, quantityValue(b[0]!.value).value];
                // `below`: a lower bound pays in fewer windows; `above`: a higher one.
                if (x !== y) aspects.push((a[0]!.operator === 'below' ? y < x : y > x) ? 1 : -1);
            }
        }
        aspects.push(...amountAspects(new Map([['', { amount: was.amount }]]), new Map([['', { amount: is.amount }]]), 1));
    }));
    return aspects;
}

/**
 * Amounts by key, old against new (+1 looser, −1 tighter, 0 not comparable). `more` says what a
 * key only the old version has means: +1 for tiers (a tier pays; dropping it gives less), −1 for
 * caps (a cap limits; dropping it gives more); a key only the new version has, the opposite.
 */
function amountAspects(before: ReadonlyMap<string, { amount: CreditAmount | undefined }>, after: ReadonlyMap<string, { amount: CreditAmount | undefined }>, more: 1 | -1): number[] {
    const aspects: number[] = [];
    for (const key of new Set([...before.keys(), ...after.keys()])) {
        const was = before.get(key)?.amount;
        const now = after.get(key)?.amount;
        if (!before.has(key)) aspects.push(-more);
        else if (!after.has(key)) aspects.push(more);
        else if (normalizedText(was) !== normalizedText(now)) {
            const [a, b] = [comparableAmount(was), comparableAmount(now)];
            if (a === undefined || b === undefined || a.kind !== b.kind) aspects.push(0);
            // A lower amount gives the customer less, for a tier and a cap alike.
            else if (a.value !== b.value) aspects.push(b.value < a.value ? 1 : -1);
        }
    }
    return aspects;
}

/** `10% of fee` → { kind: '% of fee', value: 0.1 }; a formula is not comparable. */
function comparableAmount(amount: CreditAmount | undefined): { kind: string; value: number } | undefined {
    if (!amount?.amount) return undefined;
    // `10% of fee` and `10%` are one kind, as for caps on all credits (compareCreditsCaps); days of service and shares of the at-risk amount others.
    const of = amount.ofService ? 'service' : amount.ofAtRisk ? 'at-risk' : amount.ofFee || amount.amount.unit === '%' ? 'fee' : '';
    const kind = `${amount.amount.unit ?? ''}|${of}`;
    return { kind, value: quantityValue(amount.amount).value };
}

/** A tier's condition by what it says: `below 99.9%` and `below 99.9 %` (a client's argument written in) are one. */
function conditionKey(condition: TierCondition): string {
    if (condition.bounds.length === 0) return normalizedText(condition);
    return condition.bounds.map(bound => `${bound.operator} ${bound.value ? quantityValue(bound.value).value : '?'}`).join(' and ');
}
