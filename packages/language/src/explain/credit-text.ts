/** A credit explained: each tier as a sentence, which tier is paid, the caps. */
import type { Credit, CreditAmount, TierCondition } from '../generated/ast.js';
import { classifyUnit } from '../types/units.js';
import { agreementContext, type AgreementContext } from './agreement-context.js';
import { formatNumber } from './numbers.js';
import { perWindowPhrase, quantityText } from './wording.js';

const BOUND_WORDS: Record<string, string> = { below: 'below', above: 'above', least: 'at least', most: 'at most' };

function tierConditionText(condition: TierCondition | undefined): string {
    if (!condition) return '…';
    if (condition.between) {
        return `between ${quantityText(condition.low)} and ${quantityText(condition.high)} (ambiguous: it does not say whether the ends are included; write 'at least … and below …')`;
    }
    return condition.bounds.map(b => `${BOUND_WORDS[b.operator] ?? b.operator} ${quantityText(b.value)}`).join(' and ');
}

function money(value: number, currency: string): string {
    const rounded = Math.round(value * 100) / 100;
    const text = Number.isInteger(rounded) ? formatNumber(rounded) : formatNumber(Number(rounded.toFixed(2)));
    return `${text} ${currency}`;
}

/** `10% of the fee (1,200 EUR)` or `500 EUR`. */
function creditAmountText(amount: CreditAmount | undefined, context: AgreementContext): string {
    if (!amount) return '…';
    const written = quantityText(amount.amount);
    if (!amount.ofFee) return written;
    const fee = context.fee?.amount;
    const feeUnit = fee?.unit ? classifyUnit(fee.unit) : undefined;
    if (fee && feeUnit?.kind === 'money' && amount.amount?.unit === '%') {
        return `${written} of the fee (${money(fee.value * amount.amount.value / 100, feeUnit.currency)})`;
    }
    return `${written} of the fee`;
}

export function creditMarkdown(credit: Credit): string {
    const context = agreementContext(credit);
    const kpi = credit.kpi?.$refText || '(no KPI)';
    const lines: string[] = [];
    const feeText = context.fee ? ` The fee is ${quantityText(context.fee.amount)}${context.fee.window ? ` ${perWindowPhrase(context.fee.window)}` : ''}.` : '';
    lines.push(`**Service credit for ${kpi}**${credit.window ? ` ${perWindowPhrase(credit.window)}` : ' (no window written)'}.${feeText}`);
    lines.push('');
    for (const tier of credit.tiers) {
        lines.push(`- If ${kpi} is ${tierConditionText(tier.condition)}, the customer receives ${creditAmountText(tier.amount, context)}.`);
    }
    if (credit.tiers.length > 1) {
        lines.push('');
        lines.push('Only the most severe tier that applies is paid; tiers do not add up.');
    }
    for (const cap of credit.caps) {
        lines.push('');
        const per = cap.window ? perWindowPhrase(cap.window) : 'per credit window';
        lines.push(`Credits are capped at ${creditAmountText(cap.amount, context)} ${per}.`);
    }
    if (credit.caps.length === 0) {
        lines.push('');
        lines.push('No cap is written.');
    }
    return lines.join('\n');
}

