/**
 * The at-risk amount and its allocations (docs/language-reference.md § 12.5). An outsourcing
 * contract puts an at-risk amount in play each month (`credits capped at 12% of fee per
 * calendar month`) and allocates a share of it to each credited service level
 * (`below 99.8% : 40% of at-risk amount`); the allocations may add up to more than 100 % but
 * at most to the pool (`, pool 250%`). A tier's allocation is of the cap on all credits
 * together per the credit's own period; validation, the evaluation model and the hovers read
 * it here.
 */
import { AstUtils } from 'langium';
import { percentOfDecimal } from '@sla/engine';
import { isAgreement, isCredit, isCreditsCap, type Agreement, type Credit, type CreditAmount, type CreditCap, type CreditsCap } from '../generated/ast.js';
import { creditTiersOf } from './plans.js';
import { windowKey } from './windows.js';

/** The caps on all credits together of an agreement (or template), in the order written. */
export function agreementCreditCaps(agreement: Agreement): CreditCap[] {
    return agreement.members.filter(isCreditsCap).flatMap(statement => statement.caps);
}

/** The statement with a pool (`credits capped at …, pool 250%`), the first if several. */
export function poolStatement(agreement: Agreement): CreditsCap | undefined {
    return agreement.members.filter(isCreditsCap).find(statement => statement.pool !== undefined);
}

/** The cap whose amount is the at-risk amount of this credit: the one per the credit's own period (undefined: none). */
export function atRiskCapOf(credit: Credit): CreditCap | undefined {
    const agreement = AstUtils.getContainerOfType(credit, isAgreement);
    const key = credit.window ? windowKey(credit.window) : undefined;
    if (!agreement || key === undefined) return undefined;
    return agreementCreditCaps(agreement).find(cap => cap.window !== undefined && windowKey(cap.window) === key);
}

/** Whether an amount is an allocation of the at-risk amount written as a percentage (`40% of at-risk amount`). */
export function isAllocation(amount: CreditAmount | undefined): amount is CreditAmount & { amount: { value: number; unit: '%' } } {
    return amount?.ofAtRisk === true && amount.amount?.unit === '%' && typeof amount.amount.value === 'number' && !Number.isNaN(amount.amount.value);
}

/** A credit's claim on the pool: its largest allocation (only one tier of a window is paid). */
export interface CreditAllocation {
    credit: Credit;
    percent: number;
    amount: CreditAmount;
}

/** The credits of an agreement (or template) that allocate a share of the at-risk amount, in the order written. */
export function creditAllocations(agreement: Agreement): CreditAllocation[] {
    const result: CreditAllocation[] = [];
    for (const credit of AstUtils.streamAllContents(agreement).filter(isCredit)) {
        const allocations = creditTiersOf(credit).map(tier => tier.amount).filter(isAllocation);
        if (allocations.length === 0) continue;
        const largest = allocations.reduce((a, b) => (b.amount.value > a.amount.value ? b : a));
        result.push({ credit, percent: largest.amount.value, amount: largest });
    }
    return result;
}

/**
 * What `percent` % of the at-risk amount `cap` is, exactly: a share of the fee (40 % of
 * `12% of fee` → 4.8 % of fee) or money (40 % of `4800 EUR` → 1,920 EUR). Undefined when the cap
 * is neither (a formula or days of service: reported by the cap's checks).
 */
export function allocatedAmount(percent: number, cap: CreditCap): { kind: 'percentOfFee'; percent: number } | { kind: 'money'; amount: number; currency: string } | undefined {
    const quantity = cap.amount?.amount;
    if (!quantity || typeof quantity.value !== 'number' || Number.isNaN(quantity.value) || cap.amount!.formula || cap.amount!.ofService || cap.amount!.ofAtRisk) return undefined;
    if (cap.amount!.ofFee || quantity.unit === '%') return { kind: 'percentOfFee', percent: percentOfDecimal(percent, quantity.value) };
    if (!quantity.unit) return undefined;
    return { kind: 'money', amount: percentOfDecimal(percent, quantity.value), currency: quantity.unit };
}

/** A credit's credit name as the messages write it: `Availability`, `Desk.P1Resolution`. */
export function creditName(credit: Credit): string {
    const service = (credit.$container as { $type?: string; name?: string } | undefined);
    return `${service?.$type === 'Service' ? `${service.name}.` : ''}${credit.kpi?.$refText ?? ''}`;
}
