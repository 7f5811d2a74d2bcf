import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { MS_PER_DAY } from '@sla/engine';
import {
    isAgreement, isCredit, isCreditCap, isCreditsCap, isFee, isObjective, isService, type Agreement, type Credit, type CreditAmount, type CreditTier, type Kpi, type Objective,
    type SlaAstType, type TierCondition
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import type { SlaType } from '../types/sla-type.js';
import { quantityValue } from '../types/type-computer.js';
import { checkBoundSides, coverageProblems, severityKey, tierInterval, type TierInterval } from './credit-tiers.js';
import { addUnitFixes, checkParameterWithoutUnit, checkQuantity, fractionAsPercentage, percentAdviceFor } from './quantities.js';
import { fix, insertAfterNode, replaceNode } from './quick-fix.js';
import { propertyNode, quote, report } from './report.js';
import { shortestWindowDays, windowKey } from '../model/windows.js';
import { creditFee, feeCurrency, feeShareInMoney, feeShareText, fixedFeePerWindow, fixedFeeTerms, serviceFee, sumOfServiceFees, type FixedFeeTerms } from '../model/fees.js';
import { creditTierTables, creditTiersOf, planChoiceFor, planTargetOf } from '../model/plans.js';

/** Service credits: tied to an objective, tiers that cover each breach once, bounded amounts. */
export function creditChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return {
        Credit: (credit, accept) => checkCredit(credit, services, accept),
        TierCondition: [checkBetween, checkBoundSides],
        CreditAmount: (amount, accept) => checkAmount(amount, services, accept)
    };
}

function checkCredit(credit: Credit, services: SlaServices, accept: ValidationAcceptor): void {
    const kpi = credit.kpi?.ref;
    const objective = kpi ? matchingObjective(credit) : undefined;
    if (kpi && credit.window && !objective && windowKey(credit.window) !== undefined) {
        report(accept, 'credit-without-objective',
            `No objective on '${kpi.name}' ${credit.window.$cstNode?.text ?? ''} in this ${AstUtils.getContainerOfType(credit, isService) ? 'service' : 'agreement'}: a credit pays when an objective is missed, so it needs one with the same KPI and window.`,
            { node: credit, property: 'kpi' });
    }
    // Rolling windows overlap: one bad day lies in seven windows of 7 days, each would pay for it, and their
    // fees add up to several times the real one. A credit is owed per invoice period: a calendar window.
    if (credit.window?.rolling && credit.window.$cstNode) {
        const calendar = credit.window.unit === 'weeks' || credit.window.unit === 'week' ? 'per calendar week' : 'per calendar month';
        report(accept, 'credit-cap',
            `A credit per rolling window would pay one breach in every window that holds it (a bad day lies in each of seven windows of 7 days), and the fees of overlapping windows add up to more than the fee. Pay credits per calendar window ('${calendar}', with an objective of that window); a rolling promise may stay as another objective or an internal target.`,
            { node: credit, property: 'window' });
    }
    const kpiType = kpi ? services.types.TypeComputer.kpiType(kpi) : undefined;
    // Each plan table (`plan Premium { … }`) is a table of its own: covered and ordered on its own.
    // A plan's table begins at that plan's target (`by plan { … }` of the objective).
    const fee = fixedFeePerWindow(credit);
    for (const { tiers, plan } of creditTierTables(credit)) {
        const promise = plan !== undefined && objective?.planTargets ? planTargetOf(objective, plan) : objective;
        checkTierTable(tiers, kpi, kpiType, promise, fee, accept);
        if (plan === undefined && objective?.planTargets && planChoiceFor(credit)?.field) checkMissedPerPlan(tiers, credit, accept);
    }
    // Bounded by a cap on all credits together (`credits capped at …` in the agreement or its service, credits-caps.ts), the exposure is not unbounded.
    const service = AstUtils.getContainerOfType(credit, isService);
    const capsAll = (AstUtils.getContainerOfType(credit, isAgreement)?.members.some(isCreditsCap) ?? false) || (service?.members.some(isCreditsCap) ?? false);
    if (credit.caps.length === 0 && creditTiersOf(credit).length > 0 && !capsAll) {
        report(accept, 'credit-cap',
            `No cap is stated for the credits on '${credit.kpi?.$refText ?? ''}': the provider's exposure is unbounded. Add e.g. ', capped at 50% of fee'.`,
            { node: credit, keyword: 'credit' }, { severity: 'info' });
    }
    checkCapWindows(credit, accept);
}

/**
 * What each cap limits: the credit of each window (`capped at X`, or written with the credit's
 * own window) or the credits of a year (`capped at X per calendar year`). A cap per another
 * period (a month of a quarterly credit, a rolling window) is none of these, and a second cap of
 * one kind leaves open which applies: both would otherwise be read as something else.
 */
function checkCapWindows(credit: Credit, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const cap of credit.caps) {
        const window = cap.window;
        const key = window ? windowKey(window) : undefined;
        // An ambiguous or half-written window is reported by the window checks.
        if (window && key === undefined) continue;
        const kind = !window || key === windowKey(credit.window) ? 'window' : key === 'calendar year' || key === 'fiscal year' ? 'year' : undefined;
        if (kind === undefined) {
            const amount = cap.amount?.$cstNode?.text ?? '…';
            const cst = cap.$cstNode;
            const fixes = cst ? [
                fix(`Write 'capped at ${amount}' (each credit window)`, [replaceNode(cst, `capped at ${amount}`)]),
                fix(`Write 'capped at ${amount} per calendar year'`, [replaceNode(cst, `capped at ${amount} per calendar year`)])
            ] : [];
            report(accept, 'credit-cap',
                `A cap limits the credit of each window (${credit.window?.$cstNode?.text ?? 'the credit\'s window'}: write no window) or the credits of a year ('per calendar year', or 'per fiscal year'), not ${quote(window!)}.`,
                { node: cap, property: 'window' }, { fixes });
            continue;
        }
        if (seen.has(kind)) {
            report(accept, 'duplicate-entry',
                `A second cap on ${kind === 'window' ? 'the credit of each window' : 'the credits of a year'}: which one applies? Keep one.`,
                { node: cap });
        }
        seen.add(kind);
    }
}

/** Units, coverage and order of one tier table. */
function checkTierTable(tiers: CreditTier[], kpi: Kpi | undefined, kpiType: SlaType | undefined, objective: { comparison?: string; target?: Objective['target']; steps?: Objective['steps'] } | undefined, fee: FixedFeeTerms | undefined, accept: ValidationAcceptor): void {
    const intervals: TierInterval[] = [];
    for (const tier of tiers) {
        const condition = tier.condition;
        if (!condition) continue;
        let usable = true;
        if (kpiType) {
            const quantities = condition.between ? [condition.low, condition.high] : condition.bounds.map(b => b.value);
            for (const quantity of quantities) {
                if (quantity && !checkQuantity(quantity, kpiType, `the KPI '${kpi!.name}'`, accept)) usable = false;
                else if (quantity && kpiType.kind === 'ratio' && quantityValue(quantity).value > 1) {
                    report(accept, 'target-out-of-range', `${quote(quantity)} is above 100%: a percentage KPI never reaches it.`, { node: quantity });
                    usable = false;
                }
            }
        }
        const interval = usable ? tierInterval(tier) : undefined;
        if (interval) intervals.push(interval);
    }
    checkMissedOnce(tiers, accept);
    // A tier with two bounds on one side (checkBoundSides) is no range: it is only judged on whether it pays when the promise is kept.
    const ranges = intervals.filter(interval => !interval.oneSided);
    checkSameCondition(ranges, accept);
    const missed = tiers.filter(tier => tier.condition?.missed);
    if (intervals.length + missed.length === tiers.length && intervals.length + missed.length > 0) {
        const higherIsBetter = objective?.comparison ? objective.comparison.startsWith('>') : higherIsBetterByType(kpiType);
        // A promise over the term: the tiers must reach each of its targets; a `missed` tier ends at the target of its window.
        const edges = [objective?.target, ...(objective?.steps ?? []).map(step => step.target)]
            .filter((target): target is NonNullable<typeof target> => target?.unit !== undefined)
            .map(target => ({ value: quantityValue(target).value, text: target.$cstNode?.text ?? '' }));
        if (objective?.comparison && edges.length > 0) checkPaysWhenMet(intervals, objective.comparison, edges, accept);
        if (ranges.length < intervals.length) return;
        if (missed.length > 0 && (edges.length === 0 || !objective?.comparison)) return;
        const once = acceptOnce(accept);
        for (const breachEdge of edges.length > 0 ? edges : [undefined]) {
            const all = [...intervals, ...missed.map(tier => missedInterval(tier, objective!.comparison!, breachEdge!.value))];
            checkCoverage(all, higherIsBetter, breachEdge, once);
            if (higherIsBetter !== undefined) checkMonotone(all, higherIsBetter, fee, once);
        }
    }
}

/**
 * A threshold tier that holds for a value meeting the objective (`below 300 ms` under `<= 300 ms`,
 * `below 99.95%` under `>= 99.9%`) pays in windows where the promise was kept: a credit is owed
 * for a miss. Judged against the strictest target of a promise over the term, so that a tier
 * reaching a later, stricter target is not reported.
 */
/** The bound that holds exactly for the values that miss a target compared so. */
const MISS_BOUND: Readonly<Record<string, string>> = { '>=': 'below', '>': 'at most', '<=': 'above', '<': 'at least' };

function checkPaysWhenMet(intervals: readonly TierInterval[], comparison: string, edges: readonly BreachEdge[], accept: ValidationAcceptor): void {
    const higherIsBetter = comparison.startsWith('>');
    const strictest = edges.reduce((a, b) => ((higherIsBetter ? b.value > a.value : b.value < a.value) ? b : a));
    const target = strictest.value;
    for (const interval of intervals) {
        const paysWhenMet = comparison === '>=' ? interval.high === undefined || interval.high > target || (interval.high === target && interval.highInclusive)
            : comparison === '>' ? interval.high === undefined || interval.high > target
            : comparison === '<=' ? interval.low === undefined || interval.low < target || (interval.low === target && interval.lowInclusive)
            : comparison === '<' ? interval.low === undefined || interval.low < target
            : false;
        if (!paysWhenMet) continue;
        report(accept, 'tier-when-met',
            `The tier ${quote(interval.tier.condition)} also holds for values that meet the objective (${comparison} ${strictest.text}): it pays a credit in windows where the promise was kept. Start the tier at the target (e.g. '${MISS_BOUND[comparison] ?? 'below'} ${strictest.text}') or use 'missed'.`,
            { node: interval.tier, property: 'condition' });
    }
}

/** `missed`: the values that miss the target — below it for `>=`, at or below it for `>`; above it for `<=`, at or above it for `<`. */
function missedInterval(tier: CreditTier, comparison: string, target: number): TierInterval {
    if (comparison.startsWith('>')) return { tier, high: target, highInclusive: comparison === '>', lowInclusive: false, explicitRange: false };
    return { tier, low: target, lowInclusive: comparison === '<', highInclusive: false, explicitRange: false };
}

/**
 * `missed` compares with the objective's target; an objective with a target per plan read from the
 * rows (`plan from F`) has one per plan, and a credit outside plan tables is judged on the rows of
 * every plan: which target would it miss?
 */
function checkMissedPerPlan(tiers: readonly CreditTier[], credit: Credit, accept: ValidationAcceptor): void {
    const first = tiers.find(tier => tier.condition?.missed);
    if (!first) return;
    report(accept, 'credit-plan-tiers',
        `'missed' compares with the objective's target, and the objective on '${credit.kpi?.$refText ?? ''}' has one per plan, each judged on its plan's rows: write the credit's tiers per plan ('plan Premium { missed : 10% of fee }').`,
        { node: first, property: 'condition' });
}

/** Two `missed` tiers in one table: which amount does a missed window earn? */
function checkMissedOnce(tiers: readonly CreditTier[], accept: ValidationAcceptor): void {
    tiers.filter(tier => tier.condition?.missed).slice(1).forEach(tier => {
        report(accept, 'duplicate-entry', `A second 'missed' tier: a missed window earns one credit. Keep one 'missed' tier; write the worse breaches with thresholds ('below 99.0% : …').`, { node: tier, property: 'condition' });
    });
}

/**
 * Two threshold tiers with the same condition (`below 99%` and `below 99.0%`): a value below it
 * meets both, and nothing says which amount it earns, also beside ranges. Tiers written as
 * explicit ranges are reported as overlapping (sla/tier-overlap).
 */
function checkSameCondition(intervals: readonly TierInterval[], accept: ValidationAcceptor): void {
    const seen: TierInterval[] = [];
    for (const interval of intervals.filter(i => !i.explicitRange).sort((a, b) => (a.tier.$cstNode?.offset ?? 0) - (b.tier.$cstNode?.offset ?? 0))) {
        const first = seen.find(other => sameInterval(other, interval));
        if (!first) {
            seen.push(interval);
            continue;
        }
        const amounts = [first, interval].map(i => (i.tier.amount?.$cstNode?.text ?? '').replace(/\s+/g, ' '));
        const sameAmount = amountsEqual(first.tier, interval.tier, amounts);
        report(accept, 'duplicate-entry',
            sameAmount
                ? `The tier ${quote(interval.tier.condition)} repeats the tier ${quote(first.tier.condition)} with the same amount: remove one of them.`
                : `The tiers ${quote(first.tier.condition)} and ${quote(interval.tier.condition)} have the same threshold but different amounts ('${amounts[0]}' and '${amounts[1]}'): a value there meets both, and it is unclear which one it earns. Keep one tier per threshold.`,
            { node: interval.tier, property: 'condition' });
    }
}

function sameInterval(a: TierInterval, b: TierInterval): boolean {
    return a.low === b.low && a.high === b.high && a.lowInclusive === b.lowInclusive && a.highInclusive === b.highInclusive;
}

function amountsEqual(a: CreditTier, b: CreditTier, texts: string[]): boolean {
    const first = amountValue(a.amount);
    const second = amountValue(b.amount);
    if (first && second) return first.kind === second.kind && first.value === second.value;
    return texts[0] === texts[1];
}

/** The same diagnostic once, when a table is checked against each target of a promise over the term. */
function acceptOnce(accept: ValidationAcceptor): ValidationAcceptor {
    const seen = new Set<string>();
    return ((severity, message, info) => {
        const key = `${message}\u0000${info.node.$cstNode?.offset ?? ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        accept(severity, message, info);
    }) as ValidationAcceptor;
}

function higherIsBetterByType(type: SlaType | undefined): boolean | undefined {
    if (!type) return undefined;
    if (type.kind === 'ratio') return true;
    if (type.kind === 'duration') return false;
    return undefined;
}

/** The objective this credit compensates: same KPI and window, in the same service or agreement. */
/** The objective a credit pays on: same KPI and window, in the credit's agreement or service. */
export function matchingObjective(credit: Credit): Objective | undefined {
    const container = AstUtils.getContainerOfType(credit, isService) ?? AstUtils.getContainerOfType(credit, isAgreement);
    if (!container) return undefined;
    const key = windowKey(credit.window);
    const objectives = (container.members as Array<{ $type: string }>).filter(isObjective).filter(o => o.kpi?.ref === credit.kpi?.ref);
    return objectives.find(o => key !== undefined && windowKey(o.window) === key);
}

/** A bound as the author wrote it: a tier's bound, or the objective's target (never a bare fraction like 0.999). */
function describeBound(value: number | undefined, tier: TierInterval | undefined, edge: BreachEdge | undefined): string {
    if (value === undefined || !Number.isFinite(value)) return '';
    const bound = tier?.tier.condition?.bounds.find(b => b.value && quantityValue(b.value).value === value);
    if (bound?.value?.$cstNode) return bound.value.$cstNode.text;
    if (edge && edge.value === value && edge.text) return edge.text;
    return String(value);
}

/** The objective's target, where the tiers must begin. */
interface BreachEdge {
    value: number;
    text: string;
}

/** Of two tiers, the one written last: the reader notices the conflict there. */
function laterInSource<T extends { $cstNode?: { offset: number } }>(a: T, b: T): T {
    return (a.$cstNode?.offset ?? 0) > (b.$cstNode?.offset ?? 0) ? a : b;
}

function checkCoverage(intervals: TierInterval[], higherIsBetter: boolean | undefined, breachEdge: BreachEdge | undefined, accept: ValidationAcceptor): void {
    for (const problem of coverageProblems(intervals, higherIsBetter, breachEdge?.value)) {
        if (problem.kind === 'overlap') {
            report(accept, 'tier-overlap',
                `The tiers ${quote(problem.first.tier.condition)} and ${quote(problem.second.tier.condition)} overlap: a value in both earns two different credits. Make one tier end where the next begins (e.g. 'below 99.0%' and 'at least 99.0%').`,
                { node: laterInSource(problem.first.tier, problem.second.tier), property: 'condition' });
        } else {
            const anchor = problem.before ?? problem.after!;
            const from = describeBound(problem.from, problem.after, breachEdge);
            const to = describeBound(problem.to, problem.before, breachEdge);
            const span = from && to ? (from === to ? `exactly ${from}` : `from ${from} to ${to}`) : from ? `above ${from}` : to ? `below ${to}` : 'some values';
            report(accept, 'tier-gap',
                `The credit tiers leave values uncovered (${span}): a breach there earns no credit, and the parties will argue about it. Make the tiers meet (one ends where the next begins) and reach the objective's target.`,
                { node: anchor.tier, property: 'condition' });
        }
    }
}

/**
 * A worse value must never earn a smaller credit. Amounts compare within their kind (shares of
 * the fee, money of one currency, days of service); where the fee is a fixed amount per the
 * credit's window (`fee`), a share of it is money too and compares with amounts in its
 * currency: `50 USD` after `5% of fee` on 5,000 USD is less than 250 USD. A fee read from
 * data, or money of another currency, compares within kinds only.
 */
function checkMonotone(intervals: TierInterval[], higherIsBetter: boolean, fee: FixedFeeTerms | undefined, accept: ValidationAcceptor): void {
    const ranked = intervals
        .map(interval => ({ interval, key: severityKey(interval, higherIsBetter), amount: amountValue(interval.tier.amount) }))
        .filter((r): r is RankedTier => r.key !== undefined && r.amount !== undefined)
        .sort((a, b) => a.key - b.key);
    const reported = new Set<CreditTier>();
    for (const kind of new Set(ranked.map(r => r.amount.kind))) {
        compareInOrder(ranked.filter(r => r.amount.kind === kind).map(r => ({ ...r, value: r.amount.value })), undefined, reported, accept);
    }
    if (!fee) return;
    const inMoney = ranked.flatMap(r => r.amount.kind === 'percent' ? [{ ...r, value: feeShareInMoney(r.amount.value, fee) }]
        : r.amount.kind === fee.currency ? [{ ...r, value: r.amount.value }] : []);
    if (new Set(inMoney.map(r => r.amount.kind)).size > 1) compareInOrder(inMoney, fee, reported, accept);
}

interface RankedTier {
    interval: TierInterval;
    key: number;
    amount: { kind: string; value: number };
}

/** Each tier against the next milder one of `tiers` (ordered mild to severe, `value` comparable); a tier is reported once. */
function compareInOrder(tiers: Array<RankedTier & { value: number }>, fee: FixedFeeTerms | undefined, reported: Set<CreditTier>, accept: ValidationAcceptor): void {
    for (let i = 1; i < tiers.length; i++) {
        const [milder, worse] = [tiers[i - 1], tiers[i]];
        // Two tiers of one threshold: neither is the worse breach (checkSameCondition reports them).
        if (sameInterval(worse.interval, milder.interval) || reported.has(worse.interval.tier) || !(worse.value < milder.value)) continue;
        reported.add(worse.interval.tier);
        const asMoney = (r: RankedTier & { value: number }) => (r.amount.kind === 'percent' && fee ? `, ${feeShareText(r.amount.value, fee)}` : '');
        report(accept, 'credit-cap',
            `The tier ${quote(worse.interval.tier.condition)} is a worse breach than ${quote(milder.interval.tier.condition)} but earns a smaller credit (${quote(worse.interval.tier.amount)}${asMoney(worse)} instead of ${quote(milder.interval.tier.amount)}${asMoney(milder)}). Worse service must earn at least as much.`,
            { node: worse.interval.tier, property: 'amount' });
    }
}

/** A tier's amount as a comparable number of its kind (a share of the fee, money of one currency, …), if it is one. */
export function amountValue(amount: CreditAmount | undefined): { kind: string; value: number } | undefined {
    if (!amount?.amount || amount.amount.value === undefined) return undefined;
    if (amount.ofFee) return amount.amount.unit === '%' ? { kind: 'percent', value: amount.amount.value } : undefined;
    if (amount.ofService) return { kind: 'days of service', value: quantityValue(amount.amount).value };
    if (amount.ofAtRisk) return amount.amount.unit === '%' ? { kind: 'share of the at-risk amount', value: amount.amount.value } : undefined;
    return amount.amount.unit ? { kind: amount.amount.unit, value: amount.amount.value } : undefined;
}

/**
 * `40 days of service` on a monthly credit: the value of 40 days of a month's fee, more than the
 * whole fee of each month (February's 3,100 / 28 × 40 = 4,428.57 of 3,100), as `150% of fee` is.
 * Judged against the shortest window the amount is paid in: the cap's window, else the credit's.
 */
function checkDaysWithinWindow(amount: CreditAmount, days: number, isCap: boolean, accept: ValidationAcceptor): void {
    const credit = AstUtils.getContainerOfType(amount, isCredit);
    const cap = isCreditCap(amount.$container) ? amount.$container : undefined;
    const window = cap?.window ?? credit?.window;
    const shortest = window ? shortestWindowDays(window) : undefined;
    if (shortest === undefined || days <= shortest) return;
    const percent = Math.round((days / shortest) * 100);
    report(accept, 'credit-cap',
        `${quote(amount)} is more than the whole fee: the shortest window of ${quote(window)} has ${shortest} ${shortest === 1 ? 'day' : 'days'}, and ${days} days of service are ${percent}% of its fee, so a ${isCap ? 'cap' : 'credit'} of it would have the provider pay the customer. Write at most '${shortest} ${shortest === 1 ? 'day' : 'days'} of service'.`,
        { node: amount.amount! });
}

/** `between 99.0% and 99.9%`: are 99.0% and 99.9% themselves in the tier? Readers differ. */
function checkBetween(condition: TierCondition, accept: ValidationAcceptor): void {
    if (!condition.between || !condition.low || !condition.high) return;
    const cst = condition.$cstNode;
    const low = condition.low.$cstNode?.text;
    const high = condition.high.$cstNode?.text;
    if (!cst || !low || !high) return;
    const rewrite = `at least ${low} and below ${high}`;
    report(accept, 'tier-range-ambiguous',
        `'between ${low} and ${high}' does not say whether ${low} and ${high} themselves belong to this tier, so a value of exactly ${high} can fall in two tiers or none. Write '${rewrite}' (or use 'below' tiers).`,
        { node: condition, keyword: 'between' },
        { fixes: [fix(`Write '${rewrite}'`, [replaceNode(cst, rewrite)], true)] });
}

/** Credit amounts and caps: a share of the fee (at most 100%) or an amount of money. */
function checkAmount(amount: CreditAmount, services: SlaServices, accept: ValidationAcceptor): void {
    const quantity = amount.amount;
    if (!quantity || quantity.value === undefined) return;
    const isCap = isCreditCap(amount.$container);
    if (amount.ofAtRisk) return; // credit-allocations.ts
    if (amount.ofService) {
        // `3 days of service`: whole days (or weeks) of the fee, as Google's "3 days of Service added".
        if (checkParameterWithoutUnit(quantity, 'duration', 'a credit in days of service', accept)) return;
        const ms = quantity.unit === undefined ? undefined : quantityValue(quantity).value;
        if (quantity.unit === undefined) {
            report(accept, 'unit-missing', `${quote(amount)}: how many days? Write '${quantity.value} days of service'.`,
                { node: quantity, property: 'value' }, { fixes: addUnitFixes(quantity, ['days']) });
        } else if (!/^(day|days|week|weeks)$/.test(quantity.unit) || ms === undefined || ms % MS_PER_DAY !== 0 || ms <= 0) {
            report(accept, 'unit-mismatch',
                `${quote(amount)}: a credit in days of service counts whole days (the value of that many days of the fee), e.g. '3 days of service', not ${quote(quantity)}.`,
                { node: quantity });
        } else {
            checkDaysWithinWindow(amount, ms / MS_PER_DAY, isCap, accept);
        }
        return;
    }
    if (amount.ofFee) {
        if (checkParameterWithoutUnit(quantity, 'percentage', 'a share of the fee', accept)) return;
        if (quantity.unit === undefined) {
            report(accept, 'unit-missing', `${quote(amount)}: a share of the fee is a percentage. ${percentAdviceFor(quantity, ' of fee')}`,
                { node: quantity, property: 'value' }, { fixes: addUnitFixes(quantity, ['%']) });
            return;
        }
        if (quantity.unit !== '%') {
            report(accept, 'unit-mismatch', `${quote(amount)}: a share of the fee is a percentage, not ${quote(quantity)}. Write e.g. '10% of fee', or an amount without 'of fee' (e.g. '500 EUR').`,
                { node: quantity, property: 'unit' });
            return;
        }
        if (quantity.value > 100) {
            report(accept, 'credit-cap',
                `${quote(amount)} is more than the whole fee: a ${isCap ? 'cap' : 'credit'} above 100% of fee would have the provider pay the customer. Write at most '100% of fee'.`,
                { node: quantity });
        }
        return;
    }
    if (checkParameterWithoutUnit(quantity, 'money', 'a credit without \'of fee\'', accept)) return;
    if (quantity.unit === undefined) {
        const currency = agreementCurrency(amount, services);
        const valueNode = propertyNode(quantity, 'value');
        // `: 0.1` is far likelier 10 % of the fee than 0.1 % of it.
        const percent = fractionAsPercentage(quantity);
        report(accept, 'unit-missing', `${quote(amount)} has no unit: is it a share of the fee or an amount of money? Write ${percent === undefined ? '' : `'${percent}% of fee' (${quantity.value} as a fraction of the fee), `}'${quantity.value}% of fee' or '${quantity.value} ${currency ?? 'EUR'}'.`,
            { node: quantity, property: 'value' },
            {
                fixes: [
                    ...(valueNode && percent !== undefined ? [fix(`Write '${percent}% of fee'`, [replaceNode(valueNode, `${percent}% of fee`)], true)] : []),
                    ...(valueNode ? [fix(`Write '${quantity.value}% of fee'`, [insertAfterNode(valueNode, '% of fee')], percent === undefined)] : []),
                    ...addUnitFixes(quantity, [currency ?? 'EUR']).map(f => ({ ...f, preferred: undefined }))
                ]
            });
        return;
    }
    if (quantity.unit === '%') {
        // A percentage parameter's name (`: tier1Credit`) has no unit written: ' of fee' goes after the name.
        const written = quantity.parameter ? quantity.parameter.$refText : `${quantity.value}%`;
        const end = propertyNode(quantity, quantity.parameter ? 'parameter' : 'unit');
        report(accept, 'unit-mismatch', `${quote(amount)}: a percentage of what? Write '${written} of fee'.`,
            { node: quantity, property: quantity.parameter ? 'parameter' : 'unit' },
            { fixes: end ? [fix(`Write '${written} of fee'`, [insertAfterNode(end, ' of fee')], true)] : [] });
        return;
    }
    const currency = agreementCurrency(amount, services);
    const written = quantityValue(quantity).type;
    if (written.kind === 'unknown') {
        checkQuantity(quantity, { kind: 'unknown' }, 'a credit', accept);
    } else if (written.kind !== 'money' || (currency && written.currency !== currency)) {
        report(accept, 'unit-mismatch',
            `${quote(amount)} is not ${currency ? `an amount in ${currency}, the fee's currency` : 'an amount of money'}. Write e.g. '500 ${currency ?? 'EUR'}' or '10% of fee'.`,
            { node: quantity, property: 'unit' });
    } else {
        checkMoneyAboveFee(amount, isCap, accept);
    }
}

/**
 * An amount of money above the whole fee of its window (`above 300 ms : 5000 EUR` on a fee of
 * 1,000 EUR per calendar month), as `150% of fee` is: compared where the amount's window (the
 * credit's, or a cap's own) is the fee's period, in the fee's currency.
 */
function checkMoneyAboveFee(amount: CreditAmount, isCap: boolean, accept: ValidationAcceptor): void {
    const quantity = amount.amount!;
    const credit = AstUtils.getContainerOfType(amount, isCredit);
    const fee = credit ? creditFee(credit) : undefined;
    const terms = fee ? fixedFeeTerms(fee) : undefined;
    // A fee per any other period than a calendar one is reported at the fee; nothing to compare with then.
    if (!credit || !terms || quantity.unit !== terms.currency || (fee!.window !== undefined && !fee!.window.calendar)) return;
    const cap = isCreditCap(amount.$container) ? amount.$container : undefined;
    const window = cap?.window ?? credit.window;
    if (!window || windowKey(window) !== terms.periodKey || !(quantity.value > terms.amount)) return;
    report(accept, 'credit-cap',
        `${quote(amount)} is more than the whole fee of a ${terms.periodKey} (${fee!.amount?.$cstNode?.text ?? `${terms.amount} ${terms.currency}`}): a ${isCap ? 'cap' : 'credit'} above the fee would have the provider pay the customer. Write at most the fee, or '100% of fee'.`,
        { node: quantity });
}

/**
 * The currency of the fee the credit is paid on (its service's, the agreement's, or billing
 * data's); for a cap on all credits of a service, the service's fee, else the agreement's.
 */
function agreementCurrency(node: CreditAmount, services: SlaServices): string | undefined {
    const credit = AstUtils.getContainerOfType(node, isCredit);
    const agreement: Agreement | undefined = AstUtils.getContainerOfType(node, isAgreement);
    const service = credit ? undefined : AstUtils.getContainerOfType(node, isService);
    const fee = credit ? creditFee(credit) : (service ? serviceFee(service) : undefined) ?? agreement?.members.find(isFee);
    if (fee) return feeCurrency(fee, services.types.TypeComputer);
    return agreement ? sumOfServiceFees(agreement)?.currency : undefined;
}
