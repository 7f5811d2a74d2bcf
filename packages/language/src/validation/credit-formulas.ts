import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isBinaryExpression, isClaimDeadline, isCredit, isEarnBack, isCreditCap, isKpi, isMinimumCredit, isNameReference, isRepeatEscalation, type RepeatEscalation,
    isNegationExpression, isNumberLiteral, isUptime, type ClaimDeadline, type Credit, type EarnBack, type CreditAmount, type Expression, type Kpi,
    type MinimumCredit, type NameReference, type SlaAstType
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { creditInputOf, formulaFeeCurrency } from '../model/credit-inputs.js';
import { typeName, type SlaType } from '../types/sla-type.js';
import { classifyUnit } from '../types/units.js';
import { addUnitFixes, checkParameterWithoutUnit, checkWholeDays, percentAdviceFor, reportTypeProblems } from './quantities.js';
import { fix, insertAfterNode, insertBeforeNode, replaceNode } from './quick-fix.js';
import { quote, report } from './report.js';
import { windowKey } from '../model/windows.js';
import { isMonthUnit } from '../types/units.js';
import { wholeNumberCall } from '../model/whole-number-calls.js';
import { astNodes } from '../model/ast-walk.js';


/**
 * Formula credits (`below 99.99% : 10 * downtime / window * fee`) and the claim terms of a
 * credit (`claim within 30 days`, `no credit below 10 USD`, `applied to next invoice`):
 * docs/language-reference.md § 14.
 */
export function creditFormulaChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return {
        CreditAmount: (amount, accept) => checkFormula(amount, services, accept),
        Credit: checkClaimTerms
    };
}

function checkFormula(amount: CreditAmount, services: SlaServices, accept: ValidationAcceptor): void {
    const formula = amount.formula;
    if (!formula) return;
    if (isCreditCap(amount.$container)) {
        report(accept, 'credit-formula', `A cap is an amount or a share of the fee (e.g. '100% of fee'), not a formula: a formula gives a tier's amount.`, { node: amount, property: 'formula' });
        return;
    }
    const types = services.types.TypeComputer;
    if (!checkTerms(formula, amount, services, accept)) return;
    const problems = types.problemsOf(formula);
    reportTypeProblems(problems, accept);
    if (problems.length > 0) return;
    checkResultUnit(amount, types.typeOf(formula), accept);
}

/**
 * Numbers, names, + − × ÷ and a minus sign: nothing per row, no comparisons, no aggregates
 * (one error at the outermost piece that is not arithmetic). False when a problem was reported.
 */
function checkTerms(node: Expression | undefined, amount: CreditAmount, services: SlaServices, accept: ValidationAcceptor): boolean {
    // An operand still being typed (`5*A/`) is missing; the parser reports it.
    if (!node) return true;
    if (isNumberLiteral(node)) return true;
    if (isNameReference(node)) return checkName(node, amount, services, accept);
    if (isNegationExpression(node)) return checkTerms(node.operand, amount, services, accept);
    if (isBinaryExpression(node) && ['+', '-', '*', '/'].includes(node.operator)) {
        const left = checkTerms(node.left, amount, services, accept);
        const right = checkTerms(node.right, amount, services, accept);
        return left && right;
    }
    const whole = wholeNumberCall(node);
    if (whole) {
        if (whole.operand === undefined) {
            report(accept, 'credit-formula', `'${whole.round}(…)' takes one number: write e.g. '${whole.round}(downtime / 30 minutes)'.`, { node });
            return false;
        }
        return checkTerms(whole.operand, amount, services, accept);
    }
    report(accept, 'credit-formula',
        `A credit formula is arithmetic on numbers, KPIs and the credit's inputs (fee, downtime, window, eligible); ${quote(node)} is not. Write it as a KPI and name the KPI here.`,
        { node });
    return false;
}

/** `fee` needs a fee; `downtime` an uptime or a duration KPI; `eligible` an uptime; fields are per row. */
function checkName(node: NameReference, amount: CreditAmount, services: SlaServices, accept: ValidationAcceptor): boolean {
    const target = node.target?.ref;
    const input = creditInputOf(target);
    if (input?.name === 'fee' && formulaFeeCurrency(amount) === undefined) {
        report(accept, 'credit-formula', `'fee' is the fee of the credit window, but the agreement declares no fee. Add e.g. 'fee 1000 EUR per calendar month' to the agreement.`, { node });
        return false;
    }
    if (input?.name === 'downtime') {
        const kpi = AstUtils.getContainerOfType(amount, isCredit)?.kpi?.ref;
        if (kpi && !hasDowntime(kpi, services)) {
            report(accept, 'credit-formula',
                `'downtime' is the down time of the credited KPI, but '${kpi.name}' is neither an uptime(…) nor a duration: it has no down time. Credit an uptime KPI, or name a duration KPI here instead.`,
                { node });
            return false;
        }
    } else if (input?.name === 'eligible') {
        const kpi = AstUtils.getContainerOfType(amount, isCredit)?.kpi?.ref;
        if (kpi && !uptimeKpi(kpi)) {
            const fixes = node.$cstNode ? [fix("Use 'window', the window's length", [replaceNode(node.$cstNode, 'window')])] : [];
            report(accept, 'credit-formula',
                `'eligible' is the eligible time of the credited uptime, but '${kpi.name}' is not an uptime(…): it has no eligible time. Credit an uptime KPI, or use 'window' (the window's length).`,
                { node }, { fixes });
            return false;
        }
    } else if (target !== undefined && !input && !isKpi(target)) {
        report(accept, 'aggregate-required',
            `A credit formula is computed once per window, but ${quote(node)} is read per row of data. Write a KPI that aggregates it and name the KPI here.`,
            { node });
        return false;
    }
    return true;
}

/**
 * The KPI has a down time: a duration KPI (its value: outage minutes, weighted or not), or an
 * uptime(…), directly or through KPIs that only name another (the engine's downtimeOf).
 */
function hasDowntime(kpi: Kpi, services: SlaServices): boolean {
    return services.types.TypeComputer.kpiType(kpi).kind === 'duration' || uptimeKpi(kpi);
}

/** The KPI is an uptime(…), directly or through KPIs that only name another (the engine's uptimeOfKpi). */
function uptimeKpi(kpi: Kpi): boolean {
    const seen = new Set<Kpi>();
    for (let current: Kpi | undefined = kpi; current && !seen.has(current);) {
        seen.add(current);
        const formula: Expression | undefined = current.formula;
        if (isUptime(formula)) return true;
        current = isNameReference(formula) && isKpi(formula.target?.ref) ? formula.target.ref : undefined;
    }
    return false;
}

/** The amount must be money in the fee's currency: a percentage is a share of something (the fee?). */
function checkResultUnit(amount: CreditAmount, type: SlaType, accept: ValidationAcceptor): void {
    if (type.kind === 'unknown') return;
    const feeCurrency = formulaFeeCurrency(amount);
    if (type.kind === 'money' && (!feeCurrency || type.currency === feeCurrency)) return;
    const formula = amount.formula!;
    const cst = formula.$cstNode;
    const fixes = type.kind === 'ratio' && feeCurrency && cst ? [fix(`Multiply by the fee: '${cst.text} * fee'`, [insertBeforeNode(cst, '('), insertAfterNode(cst, ') * fee')], true)] : [];
    const wanted = feeCurrency ? `an amount in ${feeCurrency}, the fee's currency` : 'an amount of money';
    report(accept, 'unit-mismatch',
        `A credit is ${wanted}, but this formula gives ${type.kind === 'money' ? `an amount in ${type.currency}` : type.kind === 'ratio' ? 'a percentage' : `a ${typeName(type)}`}.${type.kind === 'ratio' ? ' A percentage of what? Multiply it by the fee.' : ''}`,
        { node: amount, property: 'formula' }, { fixes });
}

function checkClaimTerms(credit: Credit, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const term of credit.claimTerms) {
        if (seen.has(term.$type)) {
            report(accept, 'duplicate-entry', `This credit states ${termName(term.$type)} a second time: which one applies? Keep one.`, { node: term });
        }
        seen.add(term.$type);
        if (isClaimDeadline(term)) checkClaimDeadline(term, accept);
        else if (isMinimumCredit(term)) checkMinimumCredit(term, accept);
        else if (isEarnBack(term)) checkEarnBack(term, accept);
        else if (isRepeatEscalation(term)) checkRepeatEscalation(term, accept);
    }
}

/**
 * `raised by 50% per consecutive breach, at most 200%`: percentages of the window's credit — a
 * step above 0, and a limit of at least 100 % (less would lower a first breach's credit).
 */
function checkRepeatEscalation(term: RepeatEscalation, accept: ValidationAcceptor): void {
    for (const [quantity, what] of [[term.step, 'the raise per breach'], [term.limit, 'the most a raised credit reaches']] as const) {
        if (!quantity || quantity.value === undefined || checkParameterWithoutUnit(quantity, 'percentage', what, accept)) continue;
        if (quantity.unit === undefined) {
            report(accept, 'unit-missing', `${quote(quantity)}: ${what} is a percentage of the window's credit. ${percentAdviceFor(quantity)}`,
                { node: quantity, property: 'value' }, { fixes: addUnitFixes(quantity, ['%']) });
        } else if (quantity.unit !== '%') {
            report(accept, 'unit-mismatch', `${quote(quantity)}: ${what} is a percentage of the window's credit (e.g. 'raised by 50% per consecutive breach, at most 200%').`,
                { node: quantity, property: 'unit' });
        }
    }
    if (term.step?.unit === '%' && !(term.step.value > 0)) {
        report(accept, 'range-invalid', `A raise of ${quote(term.step)} per consecutive breach raises nothing: write a percentage above 0 (e.g. '50%').`, { node: term.step });
    }
    if (term.limit?.unit === '%' && term.limit.value < 100) {
        report(accept, 'range-invalid',
            `'at most ${term.limit.value}%' would pay less than the window's credit itself, even for a first breach: the limit of a raised credit is at least 100% of it (e.g. 'at most 200%').`,
            { node: term.limit });
    }
}

function termName(type: string): string {
    return type === 'ClaimDeadline' ? 'its claim deadline' : type === 'MinimumCredit' ? 'its minimum credit' : type === 'EarnBack' ? 'its earn-back'
        : type === 'RepeatEscalation' ? 'its raise for repeated breaches' : 'how credits are applied';
}

/** `earned back after 3 met windows`: a whole number of windows, at least one. */
function checkEarnBack(term: EarnBack, accept: ValidationAcceptor): void {
    if (term.windows === undefined || (Number.isInteger(term.windows) && term.windows >= 1)) return;
    report(accept, 'range-invalid',
        `An earn-back counts whole credit windows after the credited one, at least one: write e.g. 'earned back after 3 met windows', not ${term.windows}.`,
        { node: term, property: 'windows' });
}

/** `claim within 30 days`: whole days or weeks after the end of the credit window, or whole calendar months (`claim within 2 months`). */
function checkClaimDeadline(term: ClaimDeadline, accept: ValidationAcceptor): void {
    const period = term.period;
    if (period !== undefined && isMonthUnit(period.unit)) {
        if (!(Number.isInteger(period.value) && period.value >= 1)) {
            report(accept, 'unit-mismatch', `A claim deadline in months counts whole calendar months after the end of the credit window: write e.g. 'claim within 2 months', not ${quote(period)}.`, { node: period });
        }
        return;
    }
    checkWholeDays(period, 'after the end of the credit window', written =>
        `A claim deadline counts whole calendar days after the end of the credit window, or whole calendar months: write e.g. 'claim within 30 days', '4 weeks' or '2 months', not ${written}.`, accept);
}

/** `no credit below 10 USD`: an amount in the fee's currency. */
function checkMinimumCredit(term: MinimumCredit, accept: ValidationAcceptor): void {
    const amount = term.amount;
    if (!amount || amount.value === undefined) return;
    const currency = formulaFeeCurrency(term);
    if (checkParameterWithoutUnit(amount, 'money', 'the smallest credit paid', accept)) return;
    if (amount.unit === undefined) {
        report(accept, 'unit-missing', `${quote(amount)} has no currency: write '${amount.value} ${currency ?? 'EUR'}'.`,
            { node: amount, property: 'value' }, { fixes: addUnitFixes(amount, [currency ?? 'EUR']) });
        return;
    }
    const unit = classifyUnit(amount.unit);
    if (unit?.kind !== 'money' || (currency && unit.currency !== currency)) {
        report(accept, 'unit-mismatch',
            `The smallest credit paid is ${currency ? `an amount in ${currency}, the fee's currency` : 'an amount of money'}, not ${quote(amount)}. Write e.g. 'no credit below 10 ${currency ?? 'EUR'}'.`,
            { node: amount, property: 'unit' });
    }
}

/**
 * An objective whose every shortfall a formula credit prices: a credit on the same KPI and
 * window (same service or agreement) with a formula tier that reads `downtime` or a KPI
 * (the credited one, or a measure of the shortfall such as weighted outage minutes).
 * `objective-unachievable` does not warn about its 100 % (or 0 minutes) target.
 */
export function pricedByFormula(objective: { kpi?: { ref?: Kpi }; window?: Credit['window']; $container: unknown }): boolean {
    const kpi = objective.kpi?.ref;
    const key = windowKey(objective.window);
    const members = (objective.$container as { members?: unknown[] }).members ?? [];
    if (!kpi || key === undefined) return false;
    return members.filter(isCredit).some(credit => credit.kpi?.ref === kpi && windowKey(credit.window) === key
        && credit.tiers.some(tier => tier.amount?.formula !== undefined && readsShortfall(tier.amount.formula)));
}

/** `downtime` or a KPI anywhere in the formula, inside a rounding call too (`ceil(downtime / 1 hour) * …`). */
function readsShortfall(formula: Expression): boolean {
    return astNodes(formula).some(node => isNameReference(node) && (creditInputOf(node.target?.ref)?.name === 'downtime' || isKpi(node.target?.ref)));
}
