import { AstUtils, type AstNode } from 'langium';
import {
    isAgreement, isPlanChoice, isPlanList, isService, type Agreement, type Credit, type CreditTier, type InternalTarget, type Objective, type Plan,
    type PlanChoice, type PlanTarget
} from '../generated/ast.js';

/** The plans an agreement declares (`plans A, B, C`), in order. */
export function declaredPlans(agreement: Agreement | undefined): Plan[] {
    return agreement ? agreement.members.filter(isPlanList).flatMap(list => list.plans) : [];
}

/**
 * The `plan …` line that decides which plan's target applies to a statement: its service's
 * own, else the agreement's. Undefined when neither says.
 */
export function planChoiceFor(node: AstNode): PlanChoice | undefined {
    const service = AstUtils.getContainerOfType(node, isService);
    const own = service?.members.find(isPlanChoice);
    if (own) return own;
    return AstUtils.getContainerOfType(node, isAgreement)?.members.find(isPlanChoice);
}

/** The line of `by plan { … }` written for a plan (by its name). */
export function planTargetOf(statement: Objective | InternalTarget, plan: string): PlanTarget | undefined {
    return statement.planTargets?.targets.find(target => target.plan?.ref?.name === plan || target.plan?.$refText === plan);
}

/** Every tier of a credit block: its own and those of its plan tables (`plan Premium { … }`). */
export function creditTiersOf(credit: Credit): CreditTier[] {
    return [...credit.tiers, ...credit.planTiers.flatMap(table => table.tiers)];
}

/** The tier tables of a credit block: one per plan table (with its plan's name), else the block's own tiers. */
export function creditTierTables(credit: Credit): { tiers: CreditTier[]; plan?: string }[] {
    return credit.planTiers.length > 0 ? credit.planTiers.map(table => ({ tiers: table.tiers, plan: table.plan?.ref?.name })) : [{ tiers: credit.tiers }];
}
