/**
 * The values a credit formula reads per credit window besides KPIs (formula credits,
 * docs/language-reference.md § 14): `fee`, `downtime`, `window`, `eligible`. They are not written in the
 * agreement; scoping links the names to one CreditInput node per credit (made here, outside
 * the tree), so that types, hovers and the evaluation model find them like any other name.
 */
import { AstUtils, type AstNode } from 'langium';
import { CreditInput, isAgreement, isCredit, isCreditAmount, isCreditInput, isFee, isField, isKpi, isNameReference, isNumberType, type Credit, type CreditAmount, type Fee } from '../generated/ast.js';
import { creditFee } from './fees.js';
import { UNKNOWN, type SlaType } from '../types/sla-type.js';
import { classifyUnit } from '../types/units.js';

export type CreditInputName = 'fee' | 'downtime' | 'window' | 'eligible';

/** What each input is, for hovers and `sla explain`. */
export const CREDIT_INPUTS: Readonly<Record<CreditInputName, string>> = {
    fee: "the fee of the credit window (the credit's fee, its service's else the agreement's: an amount prorated to the window's part inside the validity period, or the charges read from billing data, of the window or of the period before it with 'of previous …')",
    downtime: "the credited KPI's down time in the window: for an uptime, (100% − its value) × its eligible time; for a duration KPI (outage minutes), its value",
    window: "the length of the credit window (its part inside the validity period), e.g. 44,640 minutes for a 31-day month",
    eligible: "the credited uptime's eligible time in the window: the window (its part inside the validity period) less the time the uptime does not count — outside its 'during' calendar, or in excluded maintenance (a capped exclusion up to its cap); e.g. 44,520 minutes for a 31-day month with 2 hours of planned downtime"
};

const inputsByCredit = new WeakMap<Credit, CreditInput[]>();

/** `fee`, `downtime`, `window` or `eligible`: a name a credit formula may mean as an input. */
export function isCreditInputName(name: string): boolean {
    return Object.hasOwn(CREDIT_INPUTS, name);
}

/** The inputs a formula inside this credit can read (the same nodes on every call). */
export function creditInputs(credit: Credit): CreditInput[] {
    let inputs = inputsByCredit.get(credit);
    if (!inputs) {
        inputs = (Object.keys(CREDIT_INPUTS) as CreditInputName[]).map((name, index) => ({
            $type: CreditInput.$type,
            name,
            $container: credit,
            $containerProperty: 'creditInputs',
            $containerIndex: index
        }) as CreditInput);
        inputsByCredit.set(credit, inputs);
    }
    return inputs;
}

/** The credit amount whose formula contains this node, if any (not across a KPI). */
export function enclosingCreditFormula(node: AstNode): CreditAmount | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (isCreditAmount(current)) return current.formula ? current : undefined;
        if (isKpi(current) || isCredit(current)) return undefined;
    }
    return undefined;
}

/** The input a name in a credit formula links to, or undefined. */
export function creditInputOf(target: unknown): (CreditInput & { name: CreditInputName }) | undefined {
    return isCreditInput(target) && isCreditInputName(target.name) ? target as CreditInput & { name: CreditInputName } : undefined;
}

/** The credit a credit input belongs to. */
export function creditOfInput(input: CreditInput): Credit | undefined {
    return AstUtils.getContainerOfType(input, isCredit);
}

/** The type of an input: `fee` is money in the fee's currency (unknown without a fee), the others durations. */
export function creditInputType(input: CreditInput): SlaType {
    if (input.name !== 'fee') return { kind: 'duration' };
    const currency = formulaFeeCurrency(input);
    return currency !== undefined ? { kind: 'money', currency } : UNKNOWN;
}

/**
 * The currency of the fee a credit formula's `fee` reads — the credit's service's fee, else the
 * agreement's; an amount's currency, or that of the money field a `fee from …` sums — or
 * undefined when there is no such fee.
 */
export function formulaFeeCurrency(node: AstNode): string | undefined {
    const credit = AstUtils.getContainerOfType(node, isCredit);
    const fee = credit ? creditFee(credit) : agreementFee(node);
    if (!fee) return undefined;
    if (fee.amount?.unit) {
        const unitClass = classifyUnit(fee.amount.unit);
        return unitClass?.kind === 'money' ? unitClass.currency : undefined;
    }
    if (!fee.source) return undefined;
    // `fee from sum(billing.amount …)`: the currency of the money field it reads.
    for (const child of AstUtils.streamAst(fee.source)) {
        const target = isNameReference(child) ? child.target?.ref : undefined;
        if (isField(target) && isNumberType(target.type) && target.type.unit) {
            const unitClass = classifyUnit(target.type.unit);
            if (unitClass?.kind === 'money') return unitClass.currency;
        }
    }
    return undefined;
}

/** The agreement's `fee` line that a credit's `fee` reads. */
export function agreementFee(node: AstNode): Fee | undefined {
    return AstUtils.getContainerOfType(node, isAgreement)?.members.find(isFee);
}
