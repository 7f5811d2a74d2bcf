/** A credit explained: each tier as a sentence, which tier is paid, the caps. */
import { AstUtils } from 'langium';
import { decimalSum, exact, minorUnits, MS_PER_DAY, percentOfDecimal, roundToCents } from '@sla/engine';
import { isAgreement, isCredit, isCreditsCap, isService, type Agreement, type Credit, type Service, type CreditAmount, type CreditsCap, type Fee, type TierCondition, type Window } from '../generated/ast.js';
import { agreementFee, creditFee, serviceFee, sumOfServiceFees } from '../model/fees.js';
import { windowKey } from '../model/windows.js';
import { creditCapText } from '../model/credits-caps.js';
import { allocatedAmount, atRiskCapOf, capOwner, creditAllocations, creditName, isAllocation } from '../model/at-risk.js';
import { expressionText } from './expression-text.js';
import { classifyUnit } from '../types/units.js';
import { quantityValue } from '../types/type-computer.js';
import { agreementContext, type AgreementContext } from './agreement-context.js';
import { formatAmount, formatNumber } from './numbers.js';
import { perWindowPhrase, quantityText } from './wording.js';
import { claimTermsText, creditFormulaText } from './credit-formula-text.js';
import { cutWindowsSentence, proratedShareText } from './window-fee.js';
import { atRiskShareText, wholePeriodLimit } from './at-risk-limit-text.js';
import { creditTiersOf, declaredPlans, planChoiceFor } from '../model/plans.js';

const BOUND_WORDS: Record<string, string> = { below: 'below', above: 'above', least: 'at least', most: 'at most' };

/** `If Availability is below 99.9%`, for a `missed` tier `If Availability misses its objective …`, for a `default` tier `Upon a Service Level Default …`. */
function tierSentence(kpi: string, condition: TierCondition | undefined): string {
    if (condition?.default) return `Upon a Service Level Default of ${kpi} in the window (missing its minimum, or by its default rule)`;
    return condition?.missed ? `If ${kpi} misses its objective in the window (against the target in force then)` : `If ${kpi} is ${tierConditionText(condition)}`;
}

function tierConditionText(condition: TierCondition | undefined): string {
    if (!condition) return '…';
    if (condition.between) {
        return `between ${quantityText(condition.low)} and ${quantityText(condition.high)} (ambiguous: it does not say whether the ends are included; write 'at least … and below …')`;
    }
    return condition.bounds.map(b => `${BOUND_WORDS[b.operator] ?? b.operator} ${quantityText(b.value)}`).join(' and ');
}

function money(value: number, currency: string): string {
    // To the currency's minor unit, as the report pays it (cents; whole yen; mils of a dinar).
    return formatAmount(roundToCents(value, currency), currency);
}

/** The amount is per a window other than the fee's own period (no period written: per calendar month). */
function feeOfAnotherPeriod(period: Window | undefined, fee: Fee | undefined): boolean {
    return !!period && windowKey(period) !== (fee?.window ? windowKey(fee.window) : 'calendar month');
}

/**
 * `10% of the fee (1,200.00 EUR)`, `500.00 EUR`, or a formula with what its names stand for; a fee from
 * billing data has no amount to show. `period`: the window the amount is per (the credit's, or a
 * cap's own): a share of a fee per another period is a share of the fee prorated to that window,
 * as the evaluation computes it (window-fee.ts), never of the fee's own period.
 */
function creditAmountText(amount: CreditAmount | undefined, fee: Fee | undefined, period?: Window): string {
    if (!amount) return '…';
    if (amount.formula) return creditFormulaText(amount.formula);
    const written = quantityText(amount.amount);
    if (amount.ofService) {
        const days = amount.amount?.unit ? quantityValue(amount.amount).value / MS_PER_DAY : undefined;
        return `${written} of service (the value of that many days of the ${fee?.source ? 'charges' : 'fee'}: the window's fee ÷ its days${days !== undefined && Number.isInteger(days) ? ` × ${days}` : ''})`;
    }
    if (amount.ofAtRisk) return allocationText(amount, fee);
    if (!amount.ofFee) return written;
    if (fee?.source) return `${written} of the charges`;
    const feeAmount = fee?.amount;
    const feeUnit = feeAmount?.unit ? classifyUnit(feeAmount.unit) : undefined;
    if (feeOfAnotherPeriod(period, fee)) {
        const prorated = amount.amount?.unit === '%' ? proratedShareText(amount.amount.value, fee, period, agreementContext(amount)) : undefined;
        return prorated ?? `${written} of the ${windowKey(period) ?? 'period'}'s fee`;
    }
    if (feeAmount && feeUnit?.kind === 'money' && amount.amount?.unit === '%') {
        return `${written} of the fee (${money(percentOfDecimal(amount.amount.value, feeAmount.value), feeUnit.currency)})`;
    }
    return `${written} of the fee`;
}

/**
 * `40% of the at-risk amount (12% of the fee per calendar month): 4.8% of the fee (1,920.00 EUR)`: the
 * share of the cap on all credits per the credit's period (model/at-risk.ts), computed when the fee is an amount.
 */
function allocationText(amount: CreditAmount, fee: Fee | undefined): string {
    const written = `${quantityText(amount.amount)} of the at-risk amount`;
    const credit = AstUtils.getContainerOfType(amount, isCredit);
    const cap = credit ? atRiskCapOf(credit) : undefined;
    if (!cap?.window) return `${written} (no cap on all credits together ${credit?.window ? perWindowPhrase(credit.window) : ''} says how much that is)`;
    const figures = allocationFigures(amount, fee);
    const owner = capOwner(cap);
    const whose = owner && isService(owner) ? ` of the service ${owner.name}'s fee` : ' of the fee';
    const shareOfFee = figures?.percentOfFee !== undefined;
    const atRisk = `${quantityText(cap.amount?.amount)}${shareOfFee ? whose : ''} ${perWindowPhrase(cap.window)}${owner && isService(owner) && !shareOfFee ? ` for the service ${owner.name}` : ''}`;
    if (!figures) return `${written} (${atRisk})`;
    if (!shareOfFee) return `${written} (${atRisk}): ${figures.money}`;
    return `${written} (${atRisk}): ${formatNumber(figures.percentOfFee!)}% of the fee${figures.money ? ` (${figures.money})` : ''}`;
}

/**
 * What an allocation (`40% of at-risk amount`) pays: a share of the fee (4.8) and, when the fee
 * is an amount per the cap's period, the money (`1,920.00 EUR`); or money for a cap in money.
 * Never more than the at-risk amount taken down to whole cents, which the cap lets be paid:
 * 100 % of 12 % of 9,999.99 EUR owes 1,200.00 EUR, and 1,199.99 EUR is paid.
 * Undefined when no cap per the credit's period says how much the at-risk amount is.
 */
function allocationFigures(amount: CreditAmount, fee: Fee | undefined): { percentOfFee?: number; money?: string } | undefined {
    const credit = AstUtils.getContainerOfType(amount, isCredit);
    const cap = credit ? atRiskCapOf(credit) : undefined;
    const share = cap?.window && isAllocation(amount) ? allocatedAmount(amount.amount.value, cap) : undefined;
    if (!share || !cap?.window) return undefined;
    if (share.kind === 'money') {
        const written = cap.amount?.amount?.value;
        const limit = typeof written === 'number' && written >= 0 ? centsDown(exact.exactOf(written), share.currency) : Infinity;
        return { money: money(Math.min(roundToCents(share.amount, share.currency), limit), share.currency) };
    }
    // The fee in money per the cap's own period (a fee from billing data or of another period has no one amount).
    const limit = wholePeriodLimit(cap, fee);
    if (!limit) return { percentOfFee: share.percent };
    const owed = roundToCents(percentOfDecimal(share.percent, fee!.amount!.value), limit.currency);
    return { percentOfFee: share.percent, money: money(Math.min(owed, centsDown(limit.amount, limit.currency)), limit.currency) };
}

/** The engine's limit of a cap on all credits: the amount down to whole cents (agreement-credit-caps.ts). */
function centsDown(amount: exact.Exact, currency: string): number {
    return exact.toNumber(exact.centsDownExact(amount, minorUnits(currency)));
}

/** The inlay hint after an allocation: `= 4.8% of fee · 1,920.00 EUR`, `= 1,920.00 EUR`; undefined when not computable. */
export function allocationHint(amount: CreditAmount): string | undefined {
    const credit = AstUtils.getContainerOfType(amount, isCredit);
    const figures = credit ? allocationFigures(amount, creditFee(credit)) : undefined;
    if (!figures) return undefined;
    if (figures.percentOfFee === undefined) return `= ${figures.money}`;
    return `= ${formatNumber(figures.percentOfFee)}% of fee${figures.money ? ` · ${figures.money}` : ''}`;
}

/** Whose fee, and where it comes from: ` The fee is 12,000.00 EUR per calendar month.` */
function feeSentence(fee: Fee | undefined, context: AgreementContext, field: string | undefined): string {
    if (!fee) {
        const sum = context.agreement ? sumOfServiceFees(context.agreement) : undefined;
        return sum ? ` The fee is the sum of the services' fees (${formatAmount(sum.amount, sum.currency)}).` : '';
    }
    const owner = isService(fee.$container) ? `the fee of the service ${fee.$container.name}` : undefined;
    if (fee.source && fee.previous) return ` The fee is ${owner ? `${owner}: ` : ''}the charges read from the billing data (${expressionText(fee.source)}) in the calendar ${fee.previousPeriod ?? 'period'} before each window${field ? `, per ${field}` : ''} (the previous period's fees).`;
    if (fee.source) return ` The fee is ${owner ? `${owner}: ` : ''}the charges read from the billing data (${expressionText(fee.source)}) in each window${field ? ` and ${field}` : ''}.`;
    return ` The fee is ${owner ? `${owner}, ` : ''}${quantityText(fee.amount)}${fee.window ? ` ${perWindowPhrase(fee.window)}` : ''}.`;
}

export function creditMarkdown(credit: Credit): string {
    const context = agreementContext(credit);
    const kpi = credit.kpi?.$refText || '(no KPI)';
    const lines: string[] = [];
    const fee = creditFee(credit);
    const field = credit.scope?.field?.$refText;
    const scopeText = field ? `, for each ${field} separately` : '';
    lines.push(`**Service credit for ${kpi}**${credit.window ? ` ${perWindowPhrase(credit.window)}` : ' (no window written)'}${scopeText}.${feeSentence(fee, context, field)}`);
    if (credit.payableFrom !== undefined) {
        lines.push('');
        lines.push(`Credits are payable from ${credit.payableFrom}: the windows before it (a stabilization period) are measured and reported, and pay nothing.`);
    }
    if (field) {
        lines.push('');
        lines.push(`Each ${field} is a credit of its own: judged on that ${field}'s value of ${kpi}${fee?.source ? `, paid on that ${field}'s charges` : ''}, and capped on its own; the total is the sum over the ${field} values.`);
    }
    lines.push('');
    for (const tier of credit.tiers) {
        lines.push(`- ${tierSentence(kpi, tier.condition)}, the customer receives ${creditAmountText(tier.amount, fee, credit.window)}.`);
    }
    if (credit.planTiers.length > 0) lines.push(...planTablesText(credit, kpi, fee));
    if (creditTiersOf(credit).length > 1) {
        lines.push('');
        lines.push('Only the most severe tier that applies is paid; tiers do not add up.');
    }
    for (const cap of credit.caps) {
        lines.push('');
        const per = cap.window ? perWindowPhrase(cap.window) : 'per credit window';
        const capWindow = cap.window ?? credit.window;
        const amountText = creditAmountText(cap.amount, fee, capWindow);
        // A prorated share ends in figures per window: the period goes first so it does not trail them.
        lines.push(feeOfAnotherPeriod(capWindow, fee) && cap.amount?.ofFee ? `Credits are capped ${per} at ${amountText}.` : `Credits are capped at ${amountText} ${per}.`);
    }
    // A cap on all credits together (`credits capped at …`, the agreement's or the service's) may lower this credit too.
    const allCredits = AstUtils.getContainerOfType(credit, isAgreement)?.members.filter(isCreditsCap) ?? [];
    const creditService = AstUtils.getContainerOfType(credit, isService);
    const serviceCredits = creditService?.members.filter(isCreditsCap) ?? [];
    if (credit.caps.length === 0 && allCredits.length === 0 && serviceCredits.length === 0) {
        lines.push('');
        lines.push('No cap is written.');
    }
    // As the report names each cap (a template's parameter, not yet a value: as written).
    const capsText = (nodes: CreditsCap[]) => nodes.flatMap(node => node.caps).map(cap => creditCapText(cap) ?? cap.$cstNode?.text.replace(/^capped\s+at\s+/, '').replace(/\s+/g, ' ') ?? '…').join(' and ');
    if (serviceCredits.length > 0) {
        lines.push('');
        lines.push(`All credits of the service ${creditService!.name} together are capped at ${capsText(serviceCredits)} (its at-risk amount): in a period that reaches it, this credit may be paid less.`);
    }
    if (allCredits.length > 0) {
        lines.push('');
        lines.push(`All credits of the agreement together are capped at ${capsText(allCredits)} (the at-risk amount): in a period that reaches it, this credit may be paid less.`);
    }
    // The first or last window cut by the validity pays on the fee of its part inside it (engine credit-evaluation.ts).
    const sharesOfFee = [...creditTiersOf(credit).map(tier => tier.amount), ...credit.caps.map(cap => cap.amount)].some(a => a?.ofFee || a?.ofService);
    const cut = sharesOfFee ? cutWindowsSentence(fee, credit.window, context) : undefined;
    if (cut) {
        lines.push('');
        lines.push(cut);
    }
    const claimTerms = claimTermsText(credit);
    if (claimTerms.length > 0) {
        lines.push('');
        lines.push(...claimTerms);
    }
    return lines.join('\n');
}


/** The credit tables per plan (`plan Premium { … }`): which plan applies, then each table's tiers. */
function planTablesText(credit: Credit, kpi: string, fee: Fee | undefined): string[] {
    const choice = planChoiceFor(credit);
    const lines: string[] = [];
    if (choice?.field) lines.push(`The credit table depends on the plan: each row's plan is read from '${choice.field.$refText}', and each plan's table is applied to that plan's value of ${kpi} (a credit per plan).`);
    else if (choice?.plan) {
        const plan = choice.plan.$refText;
        const applies = credit.planTiers.some(table => table.plan?.$refText === plan);
        lines.push(`The credit table depends on the plan: the agreement is under the plan ${plan}, so ${applies ? `its table applies` : `no table applies and a breach earns no credit`}.`);
    } else lines.push('The credit table depends on the plan, but no \'plan …\' line says which plan applies.');
    for (const table of credit.planTiers) {
        lines.push('');
        lines.push(`**Plan ${table.plan?.$refText ?? '…'}:**`);
        for (const tier of table.tiers) lines.push(`- ${tierSentence(kpi, tier.condition)}, the customer receives ${creditAmountText(tier.amount, fee, credit.window)}.`);
    }
    const written = new Set(credit.planTiers.map(table => table.plan?.$refText));
    const context = agreementContext(credit).agreement;
    const missing = declaredPlans(context).filter(plan => !written.has(plan.name));
    if (missing.length > 0) {
        lines.push('');
        lines.push(`No table for ${missing.map(plan => plan.name).join(', ')}: under ${missing.length > 1 ? 'these plans' : 'this plan'} a breach earns no credit.`);
    }
    return lines;
}

/**
 * `credits capped at 12% of fee per calendar month, capped at 60000 EUR per calendar year`: what
 * all credits of the agreement together may reach in each period (the at-risk amount).
 */
export function creditsCapMarkdown(node: CreditsCap): string {
    const owner = isAgreement(node.$container) || isService(node.$container) ? node.$container : undefined;
    const service = isService(owner) ? owner : undefined;
    const fee = service ? serviceFee(service) : owner ? agreementFee(owner as Agreement) : undefined;
    // A share of the fee is a limit taken down to whole cents, as the evaluation applies it (at-risk-limit-text.ts).
    const limits = node.caps.map(cap => `${cap.window ? perWindowPhrase(cap.window) : '(no period written)'} at most ${atRiskShareText(cap, fee) ?? creditAmountText(cap.amount, fee, cap.window)}`);
    const whose = service ? `all service credits of the service ${service.name} together (its own at-risk amount${fee ? ', a share of its own fee' : ''})` : 'all service credits of this agreement together';
    return [
        `**Cap on all credits together** (the at-risk amount): ${whose} are, ${limits.join('; and ')}.`,
        '',
        `It applies after each credit's own caps${service ? ', and with the agreement\'s cap on all credits when there is one (each credit gets what both leave)' : ''}: when the credits of a period owe more, those counted last (their windows end later, or they are written later) are lowered, so no more than the cap is paid. A window counts in the period it starts in.`,
        ...(owner ? allocationLines(node, owner) : [])
    ].join('\n');
}

/** The pool (`, pool 250%`) and the credits' allocations of the at-risk amount (`40% of at-risk amount`). */
function allocationLines(node: CreditsCap, owner: Agreement | Service): string[] {
    const allocations = creditAllocations(owner);
    const pool = node.pool?.value !== undefined && !Number.isNaN(node.pool.value) ? node.pool.value : undefined;
    if (allocations.length === 0 && pool === undefined) return [];
    const total = decimalSum(allocations.map(allocation => allocation.percent));
    const list = allocations.map(allocation => `${creditName(allocation.credit)} ${formatNumber(allocation.percent)}%`).join(', ');
    const sum = allocations.length === 0 ? 'No credit is allocated a share of it yet.' : `The credits' allocations (each credit's largest) add up to ${formatNumber(total)}%: ${list}.`;
    const bound = pool === undefined ? ''
        : total > pool ? ` That is more than the pool of ${formatNumber(pool)}%: lower an allocation or raise the pool.`
            : ` The pool lets them add up to ${formatNumber(pool)}%${pool > 100 ? ': more than the whole at-risk amount, so in a period where many service levels fail the cap lowers some credits' : ''}.`;
    return ['', `${sum}${bound}`];
}
