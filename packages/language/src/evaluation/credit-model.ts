/** Formula credits and claim terms as the engine's model (the rest of a credit: agreement-model.ts). */
import type { CreditClaimTerms, CreditFormula } from '@sla/engine';
import type { AstNode } from 'langium';
import {
    isBinaryExpression, isClaimDeadline, isCreditSettlement, isEarnBack, isRepeatEscalation, isKpi, isMinimumCredit, isNameReference, isNegationExpression, isNumberLiteral,
    type Credit, type Expression, type Kpi
} from '../generated/ast.js';
import { creditInputOf } from '../model/credit-inputs.js';
import { quantityValue } from '../types/type-computer.js';
import { ModelError } from './agreement-model.js';
import { isMonthUnit } from '../types/units.js';
import { wholeNumberCall } from '../model/whole-number-calls.js';

const MS_PER_DAY = 86_400_000;

/**
 * A checked credit formula as the engine's CreditFormula (numbers in canonical units: 10% is
 * 0.1, 5 minutes 300,000 ms). `kpiKey` gives a KPI's key (and registers it in the model).
 */
export function creditFormulaOf(e: Expression, kpiKey: (kpi: Kpi) => string): CreditFormula {
    if (isNumberLiteral(e)) return { type: 'number', value: quantityValue(e).value };
    if (isNameReference(e)) {
        const target = e.target?.ref;
        const input = creditInputOf(target);
        if (input) return { type: 'input', input: input.name };
        if (isKpi(target)) return { type: 'kpi', key: kpiKey(target) };
        throw new ModelError(`A credit formula reads KPIs and its inputs (fee, downtime, window), not '${e.target?.$refText ?? ''}'.`, e);
    }
    if (isNegationExpression(e)) return { type: 'negate', operand: creditFormulaOf(e.operand, kpiKey) };
    const whole = wholeNumberCall(e);
    if (whole?.operand) return { type: 'whole', round: whole.round, operand: creditFormulaOf(whole.operand, kpiKey) };
    if (isBinaryExpression(e) && (e.operator === '+' || e.operator === '-' || e.operator === '*' || e.operator === '/')) {
        return { type: 'binary', op: e.operator, left: creditFormulaOf(e.left, kpiKey), right: creditFormulaOf(e.right, kpiKey) };
    }
    throw new ModelError(`A credit formula is arithmetic (+ − × ÷) on numbers, KPIs and fee, downtime, window: '${(e as AstNode).$cstNode?.text ?? ''}' is not.`, e);
}

/** The claim terms written in a credit block, or undefined when there are none. */
export function creditClaimTermsOf(credit: Credit): CreditClaimTerms | undefined {
    if (credit.claimTerms.length === 0) return undefined;
    const terms: CreditClaimTerms = {};
    for (const term of credit.claimTerms) {
        if (isClaimDeadline(term) && term.period) {
            // Validated as whole days, weeks or months (sla/unit-mismatch otherwise); months are calendar months.
            if (isMonthUnit(term.period.unit)) terms.claimWithinMonths = term.period.value;
            else terms.claimWithinDays = Math.round(quantityValue(term.period).value / MS_PER_DAY);
        } else if (isMinimumCredit(term) && term.amount) {
            terms.minimumAmount = quantityValue(term.amount).value;
        } else if (isCreditSettlement(term)) {
            terms.appliedToNextInvoice = true;
        } else if (isEarnBack(term) && term.windows !== undefined) {
            terms.earnBackWindows = term.windows;
        } else if (isRepeatEscalation(term) && term.step?.value !== undefined) {
            // Validated as percentages (credit-formulas.ts).
            terms.repeatEscalation = term.limit?.value !== undefined ? { stepPercent: term.step.value, limitPercent: term.limit.value } : { stepPercent: term.step.value };
        }
    }
    return terms;
}
