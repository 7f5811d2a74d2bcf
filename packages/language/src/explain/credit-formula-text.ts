/** Formula credits and claim terms in words (hovers and `sla explain`; the rest of a credit: credit-text.ts). */
import { AstUtils, type AstNode } from 'langium';
import { isBinaryExpression, isClaimDeadline, isEarnBack, isNegationExpression, isCreditSettlement, isMinimumCredit, isNameReference, isKpi, isRepeatEscalation, type Credit, type CreditInput, type Expression, type Quantity, type RepeatEscalation } from '../generated/ast.js';
import { CREDIT_INPUTS, creditInputOf, type CreditInputName } from '../model/credit-inputs.js';
import { countText } from '../model/template-parameters.js';
import { quantityText } from './wording.js';
import { formatNumber } from './numbers.js';
import { wholeNumberCall } from '../model/whole-number-calls.js';

/** `the result of 10 * downtime / window * fee, where downtime is …, window is …, fee is …`. */
export function creditFormulaText(formula: Expression): string {
    const inputs = new Set<CreditInputName>();
    const kpis = new Set<string>();
    collectNames(formula, inputs, kpis);
    const meanings = [...inputs].map(name => `\`${name}\` is ${CREDIT_INPUTS[name]}`);
    for (const kpi of kpis) meanings.push(`\`${kpi}\` is that KPI's value in the same window`);
    // floor / ceil: the contract's "for each 30 minutes", full blocks or blocks begun.
    const rounds = new Set<string>();
    for (const node of AstUtils.streamAst(formula)) {
        const whole = wholeNumberCall(node);
        if (whole) rounds.add(whole.round);
    }
    if (rounds.has('floor')) meanings.push('`floor(…)` is the whole number at or below its value (full blocks only: 75 minutes / 30 minutes counts 2)');
    if (rounds.has('ceil')) meanings.push('`ceil(…)` is the whole number at or above its value (every block begun: 75 minutes / 30 minutes counts 3)');
    const where = meanings.length > 0 ? `, where ${meanings.join('; ')}` : '';
    return `\`${formula.$cstNode?.text ?? '…'}\` computed for each window${where} (exactly, rounded to cents at the end; a negative result pays nothing)`;
}

function collectNames(node: AstNode | undefined, inputs: Set<CreditInputName>, kpis: Set<string>): void {
    if (!node) return;
    if (isNameReference(node)) {
        const input = creditInputOf(node.target?.ref);
        if (input) inputs.add(input.name);
        else if (isKpi(node.target?.ref)) kpis.add(node.target.ref.name);
        return;
    }
    if (isBinaryExpression(node)) {
        collectNames(node.left, inputs, kpis);
        collectNames(node.right, inputs, kpis);
    } else if (isNegationExpression(node)) collectNames(node.operand, inputs, kpis);
    else collectNames(wholeNumberCall(node)?.operand, inputs, kpis);
}

/** The claim terms of a credit, one sentence each. */
export function claimTermsText(credit: Credit): string[] {
    const lines: string[] = [];
    for (const term of credit.claimTerms) {
        if (lines.length > 0) lines.push('');
        if (isClaimDeadline(term)) {
            lines.push(`A credit must be claimed within ${quantityText(term.period)} after the end of its window${januaryExample(term.period)}; the report gives the last day per credited window.`);
        } else if (isMinimumCredit(term)) {
            lines.push(`A window's credit below ${quantityText(term.amount)} (after caps) is not paid.`);
        } else if (isCreditSettlement(term)) {
            lines.push('Credits are applied to the next invoice, not paid out.');
        } else if (isEarnBack(term)) {
            lines.push(`A window's credit is earned back, and not paid, when the ${countText(term, 'windows')} windows after it are all met (no tier applies); until they are evaluated it is provisional.`);
        } else if (isRepeatEscalation(term)) {
            lines.push(repeatEscalationText(term));
        }
    }
    return lines;
}

/**
 * `raised by 50% per consecutive breach, at most 200%`: what the second and third breach in a row
 * pay, before the credit's caps.
 */
function repeatEscalationText(term: RepeatEscalation): string {
    const step = term.step?.unit === '%' ? term.step.value : undefined;
    const limit = term.limit?.unit === '%' ? term.limit.value : undefined;
    if (step === undefined) return `Repeated breaches raise the credit by ${quantityText(term.step)} each.`;
    const factor = (breach: number) => Math.min(100 + step * (breach - 1), limit ?? Infinity);
    return `Repeated breaches cost more: the credit of a window that follows breached windows in a row (a tier paid in each) is raised by ${formatNumber(step)} % of it for each of them — the 2nd breach in a row pays ${formatNumber(factor(2))} %, the 3rd ${formatNumber(factor(3))} %${limit !== undefined ? `, never more than ${formatNumber(limit)} %` : ''} — before the credit's caps; a window without a breach starts the count again.`;
}

/** `(a January window's credit: by 2 March)`, counted in whole days as the engine does (evaluate/claim-deadline.ts). */
function januaryExample(period: Quantity | undefined): string {
    if (period?.unit !== undefined && /^months?$/.test(period.unit) && Number.isInteger(period.value) && period.value >= 1) {
        // Calendar months from the end of the window: a window ending on a month's last day runs to the last day of the later month.
        const month = new Date(Date.UTC(2026, period.value, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
        const last = new Date(Date.UTC(2026, period.value + 1, 0)).getUTCDate();
        return ` (calendar months: for a January window, by ${last} ${month}${period.value >= 12 ? ` ${2026 + Math.floor(period.value / 12)}` : ''})`;
    }
    if (!period?.unit || !/^(day|days|week|weeks)$/.test(period.unit)) return '';
    const days = period.value * (period.unit.startsWith('week') ? 7 : 1);
    if (!Number.isInteger(days)) return '';
    const deadline = new Date(Date.UTC(2026, 0, 31 + days));
    const month = deadline.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    return ` (for a January window: by ${deadline.getUTCDate()} ${month})`;
}

/** Hover on `fee`, `downtime` or `window` in a credit formula. */
export function creditInputMarkdown(input: CreditInput): string | undefined {
    const known = creditInputOf(input);
    return known ? `**${known.name}** (credit formula input): ${CREDIT_INPUTS[known.name]}.` : undefined;
}
