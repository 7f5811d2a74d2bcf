import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isCreditCap, isCreditTier, isService, type Agreement, type Credit, type Fee, type Service, type SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { typeName } from '../types/sla-type.js';
import { agreementFee, creditFee, feeCurrency, fixedFeeTerms, previousFeeUnit, serviceFees, sumOfServiceFees } from '../model/fees.js';
import { nearestWord } from '../types/units.js';
import { reportTypeProblems } from './quantities.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, quote, report } from './report.js';

/**
 * Fees (model/fees.ts): a fee from billing data is one amount of money per window; the
 * services' fees are parts of the agreement's, in its currency, and never more than it; a
 * credit in `% of fee` has a fee to be a share of.
 */
export function feeChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return {
        Fee: (fee, accept) => checkFeeFormula(fee, services, accept),
        Agreement: (agreement, accept) => checkServiceFees(agreement, services, accept),
        Service: checkRepeatedServiceFee,
        Credit: (credit, accept) => checkFeeExists(credit, accept)
    };
}

/** `fee from …`: one value per window (an aggregate), in money. */
function checkFeeFormula(fee: Fee, services: SlaServices, accept: ValidationAcceptor): void {
    const source = fee.source;
    if (!source) return;
    if (fee.previous && fee.previousPeriod && previousFeeUnit(fee) === undefined) {
        const nearest = nearestWord(fee.previousPeriod, ['day', 'week', 'month', 'quarter', 'year'], 3);
        const periodNode = propertyNode(fee, 'previousPeriod');
        report(accept, 'fee-previous',
            `'of previous ${fee.previousPeriod}' names no calendar period: the fee is the charges of the calendar day, week, month, quarter or year before each credit window.${nearest ? ` Did you mean '${nearest}'?` : ''}`,
            { node: fee, property: 'previousPeriod' },
            { fixes: nearest && periodNode ? [fix(`Write 'of previous ${nearest}'`, [replaceNode(periodNode, nearest)], true)] : [] });
    }
    const types = services.types.TypeComputer;
    const problems = types.problemsOf(source);
    reportTypeProblems(problems, accept);
    if (problems.length > 0) return;
    if (types.levelOf(source) === 'row') {
        report(accept, 'aggregate-required',
            `${quote(source)} is a value per row of the billing data, but a fee is one amount per credit window. Sum the rows: 'fee from sum(${source.$cstNode?.text ?? '…'})'.`,
            { node: source });
        return;
    }
    const type = types.typeOf(source);
    if (type.kind !== 'money' && type.kind !== 'unknown') {
        report(accept, 'unit-mismatch',
            `A fee is an amount of money, but ${quote(source)} has no currency (it is ${typeName(type)}). Sum a field declared with its currency, e.g. 'amount number in USD', as 'fee from sum(billing.amount)'.`,
            { node: source });
    }
}

/**
 * The services' fees are parts of the agreement's fee: in its currency (else the sum means
 * nothing), and together never more than it when both are amounts per the same period.
 */
function checkServiceFees(agreement: Agreement, services: SlaServices, accept: ValidationAcceptor): void {
    const own = serviceFees(agreement);
    if (own.length === 0) return;
    const types = services.types.TypeComputer;
    const whole = agreementFee(agreement);
    const wholeCurrency = whole ? feeCurrency(whole, types) : feeCurrency(own[0]!.fee, types);
    let sameCurrency = true;
    for (const { service, fee } of own) {
        const currency = feeCurrency(fee, types);
        if (currency && wholeCurrency && currency !== wholeCurrency) {
            sameCurrency = false;
            report(accept, 'fee-inconsistent',
                `The fee of the service '${service.name}' is in ${currency}, but ${whole ? "the agreement's fee is" : 'the other services\' fees are'} in ${wholeCurrency}: the services' fees are parts of the agreement's and must be in its currency. Write it in ${wholeCurrency}.`,
                { node: fee, keyword: 'fee' });
        }
    }
    if (!sameCurrency || !whole) return;
    const wholeTerms = fixedFeeTerms(whole);
    const sum = sumOfServiceFees(agreement);
    if (!wholeTerms || !sum || sum.periodKey !== wholeTerms.periodKey || sum.currency !== wholeTerms.currency) return;
    if (sum.amount <= wholeTerms.amount) return;
    const amountNode = propertyNode(whole.amount, 'value');
    report(accept, 'fee-inconsistent',
        `The services' fees add up to ${formatAmount(sum.amount)} ${sum.currency} (${sum.fees.map(term => `${serviceName(term.fee)} ${formatAmount(term.amount)}`).join(' + ')}), more than the agreement's fee of ${formatAmount(wholeTerms.amount)} ${wholeTerms.currency}: the services' fees are parts of the agreement's fee. Correct a service's fee, or make the agreement's fee their sum.`,
        { node: whole, property: 'amount' },
        { fixes: amountNode ? [fix(`Make the agreement's fee ${formatAmount(sum.amount)} ${sum.currency} (the sum)`, [replaceNode(amountNode, String(sum.amount))], true)] : [] });
}

function checkRepeatedServiceFee(service: Service, accept: ValidationAcceptor): void {
    const fees = service.members.filter((member): member is Fee => member.$type === 'Fee');
    for (const fee of fees.slice(1)) {
        report(accept, 'duplicate-entry', `The service '${service.name}' states a fee twice: which one are its credits paid on? Keep one 'fee'.`, { node: fee, keyword: 'fee' });
    }
}

/** `% of fee` needs a fee: the service's, the agreement's, or the sum of the services' fees. */
function checkFeeExists(credit: Credit, accept: ValidationAcceptor): void {
    const amounts = [...credit.tiers.map(tier => tier.amount), ...credit.caps.map(cap => cap.amount)].filter(amount => amount?.ofFee || amount?.ofService);
    if (amounts.length === 0 || creditFee(credit)) return;
    const agreement = AstUtils.getContainerOfType(credit, isAgreement);
    if (agreement && sumOfServiceFees(agreement)) return;
    const first = amounts[0]!;
    const where = isCreditTier(first.$container) || isCreditCap(first.$container) ? first : credit;
    const service = AstUtils.getContainerOfType(credit, isService);
    report(accept, 'fee-missing',
        `${quote(first)} is a share of the fee, but ${service ? `neither the service '${service.name}' nor the agreement states one` : 'the agreement states no fee'}: the credit cannot be computed. Add e.g. 'fee 1000 EUR per calendar month'${service ? ' to the service or the agreement' : ''}, or 'fee from sum(billing.amount)' to read it from billing data.`,
        { node: where });
}

function serviceName(fee: Fee): string {
    return isService(fee.$container) ? fee.$container.name : 'agreement';
}

function formatAmount(value: number): string {
    return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}
