import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { decimalSum, percentOfDecimal } from '@sla/engine';
import { isAgreement, isCredit, isCreditCap, isCreditTier, isService, type CreditAmount, type CreditsCap, type Fee, type SlaAstType } from '../generated/ast.js';
import { atRiskCapOf, capOwner, creditAllocations, creditCapsOf, creditName, poolStatement } from '../model/at-risk.js';
import { agreementFee, creditFee, fixedFeeTerms, sumOfServiceFees } from '../model/fees.js';
import { windowKey } from '../model/windows.js';
import { addUnitFixes, checkParameterWithoutUnit, fractionAsPercentage, percentAdviceFor } from './quantities.js';
import { quote, report } from './report.js';

/**
 * Allocations of the at-risk amount (docs/language-reference.md § 12.5): `40% of at-risk amount`
 * is a tier's amount, a percentage of the cap on all credits together per the credit's own
 * period — its service's, else the agreement's —, which must exist; an at-risk amount that is a
 * share of the agreement's fee (or of the sum of its services' fees) is of that fee, so the
 * credit must be paid on that very fee. `, pool 250%` bounds the sum of the allocations of its
 * at-risk amount (each credit's largest: one tier of a window is paid).
 */
export function creditAllocationChecks(): ValidationChecks<SlaAstType> {
    return {
        CreditAmount: (amount, accept) => {
            if (amount.ofAtRisk) checkAllocation(amount, accept);
        },
        CreditsCap: (node, accept) => {
            if (node.pool) checkPool(node, accept);
        }
    };
}

function checkAllocation(amount: CreditAmount, accept: ValidationAcceptor): void {
    const quantity = amount.amount;
    if (!quantity || quantity.value === undefined) return;
    if (isCreditCap(amount.$container)) {
        report(accept, 'credit-allocation',
            `${quote(amount)}: a share of the at-risk amount is the amount of a credit tier ('below 99.8% : 40% of at-risk amount'); a cap is money or a share of the fee.`,
            { node: amount });
        return;
    }
    if (checkParameterWithoutUnit(quantity, 'percentage', 'a share of the at-risk amount', accept)) return;
    if (quantity.unit === undefined) {
        report(accept, 'unit-missing', `${quote(amount)}: a share of the at-risk amount is a percentage. ${percentAdviceFor(quantity, ' of at-risk amount')}`,
            { node: quantity, property: 'value' }, { fixes: addUnitFixes(quantity, ['%']) });
        return;
    }
    if (quantity.unit !== '%') {
        report(accept, 'unit-mismatch', `${quote(amount)}: a share of the at-risk amount is a percentage (e.g. '40% of at-risk amount'), not ${quote(quantity)}.`,
            { node: quantity, property: 'unit' });
        return;
    }
    const tier = amount.$container;
    const credit = isCreditTier(tier) ? AstUtils.getContainerOfType(tier, isCredit) : undefined;
    const agreement = credit ? AstUtils.getContainerOfType(credit, isAgreement) : undefined;
    if (!credit || !agreement || !credit.window || windowKey(credit.window) === undefined) return; // no window: the window checks say so
    if (quantity.value > 100) {
        report(accept, 'credit-allocation',
            `${quote(amount)} is more than the whole at-risk amount: all credits together are capped at it, so at most 100% of it is ever paid. Write at most '100% of at-risk amount'.`,
            { node: quantity }, { severity: 'warning' });
    }
    const cap = atRiskCapOf(credit);
    const service = AstUtils.getContainerOfType(credit, isService);
    if (!cap) {
        const caps = [...(service ? creditCapsOf(service) : []), ...creditCapsOf(agreement)].filter(c => c.window && windowKey(c.window) !== undefined);
        const period = credit.window.$cstNode?.text.replace(/\s+/g, ' ') ?? 'per calendar month';
        report(accept, 'credit-allocation', caps.length === 0
            ? `${quote(amount)}: the at-risk amount is the cap on all credits together, and this agreement caps none${service ? ` (nor does the service ${service.name})` : ''}. Add e.g. 'credits capped at 12% of fee ${period}', or write the credit as a share of the fee.`
            : `${quote(amount)}: this credit is paid ${period}, but all credits together are capped only ${caps.map(c => c.window!.$cstNode?.text.replace(/\s+/g, ' ')).join(' and ')}: a share of the at-risk amount is of the at-risk amount of the credit's own period. Cap all credits ${period} as well, or write the credit as a share of the fee.`,
            { node: amount });
        return;
    }
    const capAmount = cap.amount;
    if (!capAmount?.amount || capAmount.formula || capAmount.ofService) return; // the cap's own checks
    if (!(capAmount.ofFee || capAmount.amount.unit === '%')) return; // money: 40 % of it, whoever's fee the credit is paid on
    // A share of the fee is of the cap owner's fee: a service's cap is on its own credits' fee; the
    // agreement's on the agreement's fee written as an amount (or the sum of its services' fees),
    // so the credit must be paid on that very fee.
    if (isService(capOwner(cap))) return;
    const fee = agreementFee(agreement);
    const sum = fee ? undefined : sumOfServiceFees(agreement);
    if (fee?.source || (!fee && !sum)) return; // sla/credit-cap or sla/fee-missing on the cap
    if (fee && creditFee(credit) === fee) return;
    const inMoney = fee ? atRiskInMoney(capAmount.amount.value, fee) : `${percentOfDecimal(capAmount.amount.value, sum!.amount)} ${sum!.currency}`;
    report(accept, 'credit-allocation',
        `${quote(amount)}: the at-risk amount (${quote(capAmount)}) is a share of the agreement's fee${fee ? '' : ' (the sum of its services\' fees)'}, but this credit is paid on ${service ? `the fee of the service ${service.name}` : 'another fee'}: a share of one fee would be paid as a share of another. Write the at-risk amount in money (e.g. 'credits capped at ${inMoney ?? '4800 EUR'} ${cap.window?.$cstNode?.text.replace(/\s+/g, ' ') ?? 'per calendar month'}'), or this credit as a share of its service's fee.`,
        { node: amount });
}

function checkPool(node: CreditsCap, accept: ValidationAcceptor): void {
    const pool = node.pool!;
    if (pool.value === undefined || checkParameterWithoutUnit(pool, 'percentage', 'the pool', accept) || Number.isNaN(pool.value)) return;
    if (pool.unit === undefined) {
        report(accept, 'unit-missing', `'pool ${pool.value}': the pool is a percentage of the at-risk amount. ${fractionAsPercentage(pool) === undefined ? `Write 'pool ${pool.value}%'.` : percentAdviceFor(pool)}`,
            { node: pool, property: 'value' }, { fixes: addUnitFixes(pool, ['%']) });
        return;
    }
    if (pool.unit !== '%') {
        report(accept, 'unit-mismatch', `${quote(pool)}: the pool is a percentage of the at-risk amount (e.g. 'pool 250%'), the most the credits' allocations may add up to.`,
            { node: pool, property: 'unit' });
        return;
    }
    const owner = node.$container;
    if (!isAgreement(owner) && !isService(owner)) return;
    if (poolStatement(owner) !== node) {
        report(accept, 'duplicate-entry', 'A second pool: which one bounds the allocations? Keep one.', { node: pool });
        return;
    }
    const allocations = creditAllocations(owner);
    if (allocations.length === 0) {
        report(accept, 'credit-allocation',
            `'pool ${pool.value}%': no credit is allocated a share of the at-risk amount (e.g. 'below 99.8% : 40% of at-risk amount'), so the pool bounds nothing.`,
            { node, property: 'pool' }, { severity: 'warning' });
        return;
    }
    const total = decimalSum(allocations.map(allocation => allocation.percent));
    if (total > pool.value) {
        report(accept, 'credit-allocation',
            `The credits' allocations add up to ${total}% of the at-risk amount (${allocationList(allocations)}), more than the pool of ${pool.value}%. Lower an allocation or raise the pool.`,
            // On the statement (its pool): a client's copy then maps to the arguments behind the allocations (validation/templates.ts).
            { node, property: 'pool' });
    }
}

/** `Availability 40%, Desk.P1Resolution 80%` */
function allocationList(allocations: ReturnType<typeof creditAllocations>): string {
    return allocations.map(allocation => `${creditName(allocation.credit)} ${allocation.percent}%`).join(', ');
}

/** `4800 EUR`: the at-risk share of a fee written as an amount (undefined: not money). */
function atRiskInMoney(percent: number, fee: Fee): string | undefined {
    const terms = fixedFeeTerms(fee);
    return terms ? `${percentOfDecimal(percent, terms.amount)} ${terms.currency}` : undefined;
}
