/**
 * The at-risk amount and its allocations (docs/language-reference.md § 12.5). An outsourcing
 * contract puts an at-risk amount in play each month (`credits capped at 12% of fee per
 * calendar month`, in the agreement or per service: a tower's) and allocates a share of it to
 * each credited service level (`below 99.8% : 40% of at-risk amount`); the allocations may add
 * up to more than 100 % but at most to the pool (`, pool 250%`). A tier's allocation is of the
 * cap on all credits per the credit's own period — its service's, else the agreement's;
 * validation, the evaluation model and the hovers read it here.
 */
import { AstUtils, type AstNode } from 'langium';
import { percentOfDecimal } from '@sla/engine';
import { isAgreement, isCredit, isCreditsCap, isService, type Agreement, type Credit, type CreditAmount, type CreditCap, type CreditsCap, type Service } from '../generated/ast.js';
import { creditTiersOf } from './plans.js';
import { windowKey } from './windows.js';

/** Whose credits a cap on all credits together limits: the agreement's (or template's), or one service's (a tower's at-risk amount). */
export type CapOwner = Agreement | Service;

/** The caps on all credits together written in an agreement (or template) or a service, in the order written. */
export function creditCapsOf(owner: CapOwner): CreditCap[] {
    return (owner.members as AstNode[]).filter(isCreditsCap).flatMap(statement => statement.caps);
}

/** The statement with a pool (`credits capped at …, pool 250%`) of an agreement or service, the first if several. */
export function poolStatement(owner: CapOwner): CreditsCap | undefined {
    return (owner.members as AstNode[]).filter(isCreditsCap).find(statement => statement.pool !== undefined);
}

/**
 * The cap whose amount is the at-risk amount of this credit: the one per the credit's own
 * period of its service, else of the agreement (undefined: none).
 */
export function atRiskCapOf(credit: Credit): CreditCap | undefined {
    const key = credit.window ? windowKey(credit.window) : undefined;
    if (key === undefined) return undefined;
    const samePeriod = (cap: CreditCap) => cap.window !== undefined && windowKey(cap.window) === key;
    const service = AstUtils.getContainerOfType(credit, isService);
    const agreement = AstUtils.getContainerOfType(credit, isAgreement);
    return (service ? creditCapsOf(service).find(samePeriod) : undefined) ?? (agreement ? creditCapsOf(agreement).find(samePeriod) : undefined);
}

/** The agreement or service whose cap on all credits a cap is. */
export function capOwner(cap: CreditCap): CapOwner | undefined {
    const owner = cap.$container?.$container;
    return isAgreement(owner) || isService(owner) ? owner : undefined;
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

/**
 * The credits that allocate a share of the at-risk amount of `owner` (an agreement's, or a
 * service's own), in the order written: those a pool written there bounds.
 */
export function creditAllocations(owner: CapOwner): CreditAllocation[] {
    const result: CreditAllocation[] = [];
    for (const credit of AstUtils.streamAllContents(owner).filter(isCredit)) {
        const cap = atRiskCapOf(credit);
        if (!cap || capOwner(cap) !== owner) continue;
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

/** A credit as the messages name it, by its KPI: `Availability`, `Desk.P1Resolution`. */
export function creditName(credit: Credit): string {
    const service = AstUtils.getContainerOfType(credit, isService);
    return `${service ? `${service.name}.` : ''}${credit.kpi?.$refText ?? ''}`;
}
