import { calendarWindowContaining } from '../time/windows.js';
import { instantToLocal, localToInstant } from '../time/zone.js';
import type { InstantFormatter } from './instant-format.js';
import { windowSpecKey, windowSpecLabel, type AgreementModel, type CreditAmount, type CreditModel, type WindowSpec } from '../model.js';
import type { CreditReport, CreditWindowReport } from '../report/report-types.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { mostSevereTier } from './credit-tier.js';
import { add, compare, EXACT_ZERO, exactOf, exactRatio, minimum, multiply, sign, subtract, toNumber, roundToCentsExact, type Exact } from './exact-value.js';
import { isInsufficient, reportUnit } from './objective-evaluation.js';

/**
 * Service credits of one credit block: per window the most severe tier, its amount
 * (percent of the window's fee, or money), then the per-window cap, then the yearly
 * cap (cumulative per calendar year of the window start, agreement zone). Amounts
 * are exact fractions until the end; the total is the rounded sum of exact amounts.
 *
 * A window's fee is the fee attributable to the part of the window inside the
 * validity period (an agreement starting on a Thursday pays a weekly credit on the
 * elapsed-time share of the week it covers); caps in % of the fee follow it. A window
 * cut only by the end of the evaluation period is still in progress: its credit is
 * provisional, reported, and not in the total. So is the credit of a window whose tier
 * open rows could still change (an extreme of them fires another tier): an amount that
 * may still change is never in the total, and it does not use up the yearly cap
 * (docs/language-reference.md § 14.7, § 14.9).
 */
export function evaluateCredit(credit: CreditModel, model: AgreementModel, plan: EvaluationPlan, evaluator: KpiEvaluator, period: EvaluationPeriod, notes: string[], times: InstantFormatter): CreditReport {
    const zone = model.timezone;
    const fee = model.fee;
    const currency = fee?.currency ?? firstMoneyCurrency(credit) ?? '';
    const feeProrated = fee !== undefined && windowSpecKey(fee.period) !== windowSpecKey(credit.window);
    const label = `${credit.service ? `${credit.service}.` : ''}${kpiName(model, credit.kpi)}`;
    if (feeProrated) {
        notes.push(`Credits for ${label}: the fee is per ${windowSpecLabel(fee!.period)} and the credit window is ${windowSpecLabel(credit.window)}; each window's fee is prorated by elapsed time.`);
    }
    const objective = model.objectives.find((candidate) => candidate.kpi === credit.kpi);
    const lowIsBad = objective !== undefined ? objective.comparison === '>=' || objective.comparison === '>' : credit.tiers.some((tier) => tier.upper !== undefined && tier.lower === undefined);

    const windowPlan = plan.windowPlan(credit.window);
    const paidPerYear = new Map<number, Exact>();
    const windows: CreditWindowReport[] = [];
    let total = EXACT_ZERO;
    let provisionalTotal = EXACT_ZERO;
    // The provisional amounts by reason, for the notes (a window may have both).
    let inProgressAmount = EXACT_ZERO;
    let undecidedAmount = EXACT_ZERO;
    let anyUndecided = false;
    for (const window of windowPlan.windows) {
        const limit = objective === undefined ? undefined : { comparison: objective.comparison, target: objective.target };
        const result = evaluator.evaluate(credit.kpi, credit.window, window, undefined, undefined, limit);
        const { alternatives, afterDataEnd } = result;
        const insufficient = isInsufficient(result.rows, credit.minimumRows);
        const value = insufficient ? null : result.value;
        const exact = insufficient ? null : result.exact;
        // The part of the window the agreement covers: the fee is owed for that part only.
        const coveredStart = Math.max(window.start, period.validityStart);
        const coveredEnd = Math.min(window.end, period.validityEnd);
        const inProgress = window.to < coveredEnd;
        const windowFee = fee === undefined ? null : feeBetween(fee, zone, coveredStart, coveredEnd);
        const tierOf = (candidate: Exact | null): number => (candidate === null ? -1 : mostSevereTier(credit.tiers, candidate, lowIsBad));
        const tierIndex = tierOf(exact);
        // An extreme of the open rows (all ended now, none ever) fires another tier: the amount may change.
        const openRowsUndecided = !insufficient && alternatives.some((alternative) => tierOf(alternative) !== tierIndex);
        // Provisional, for either reason: reported, outside the total (language reference § 14.9).
        const provisional = inProgress || openRowsUndecided;
        const tier = tierIndex < 0 ? undefined : credit.tiers[tierIndex]!;
        let amount = tier === undefined ? EXACT_ZERO : amountOf(tier.amount, windowFee);
        const uncapped = amount;
        let cap: 'window' | 'year' | undefined;
        if (credit.capPerWindow !== undefined) {
            const windowCap = amountOf(credit.capPerWindow, windowFee);
            if (compare(amount, windowCap) > 0) {
                amount = windowCap;
                cap = 'window';
            }
        }
        if (credit.capPerYear !== undefined) {
            const year = instantToLocal(zone, window.start).year;
            const paid = paidPerYear.get(year) ?? EXACT_ZERO;
            const yearCap = amountOf(credit.capPerYear, fee === undefined ? null : yearFee(fee, zone, year, period));
            if (compare(add(paid, amount), yearCap) > 0) {
                const left = subtract(yearCap, paid);
                amount = sign(left) > 0 ? minimum(left, amount) : EXACT_ZERO;
                cap = 'year';
            }
            // A provisional credit is not paid (yet): it does not use up the yearly cap.
            if (!provisional) paidPerYear.set(year, add(paid, amount));
        }
        if (provisional) provisionalTotal = add(provisionalTotal, amount);
        else total = add(total, amount);
        if (inProgress) inProgressAmount = add(inProgressAmount, amount);
        if (openRowsUndecided) {
            undecidedAmount = add(undecidedAmount, amount);
            anyUndecided = true;
        }
        const report: CreditWindowReport = {
            start: times.format(window.start),
            end: times.format(window.end),
            partial: window.partial,
            value,
            provisional,
            tier: tier === undefined ? null : tierIndex + 1,
            tierLabel: tier?.label ?? null,
            percentOfFee: tier?.amount.kind === 'percentOfFee' ? tier.amount.percent : null,
            fee: windowFee === null ? null : toNumber(windowFee),
            amount: roundToCentsExact(amount),
            uncappedAmount: roundToCentsExact(uncapped),
            capped: cap !== undefined
        };
        if (cap !== undefined) report.cap = cap;
        if (inProgress) report.inProgress = true;
        if (afterDataEnd) report.afterDataEnd = true;
        if (insufficient) report.insufficientData = { rows: result.rows, minimum: credit.minimumRows! };
        windows.push(report);
    }
    if (sign(inProgressAmount) > 0) {
        notes.push(`Credits for ${label}: windows still in progress at the end of the evaluation period have provisional credits (${roundToCentsExact(inProgressAmount)} ${currency}), not included in the total.`);
    }
    if (anyUndecided) {
        notes.push(`Credits for ${label}: open rows could still change the tier of the window(s) marked provisional; their credits (${roundToCentsExact(undecidedAmount)} ${currency}) are provisional, not included in the total.`);
    }
    if (fee !== undefined && windowPlan.windows.some((window) => window.start < period.validityStart || window.end > period.validityEnd)) {
        notes.push(`Credits for ${label}: windows cut by the validity period are charged on the fee of the part inside it (prorated by elapsed time).`);
    }
    const kpi = model.kpis.find((candidate) => candidate.key === credit.kpi);
    const report: CreditReport = {
        kpi: kpiName(model, credit.kpi),
        kpiKey: credit.kpi,
        window: windowSpecLabel(credit.window),
        unit: reportUnit(kpi?.unitKind ?? 'ratio', kpi?.currency ?? currency),
        currency,
        thresholds: [...new Set(credit.tiers.flatMap((tier) => [tier.lower?.value, tier.upper?.value].filter((value) => value !== undefined)))],
        feeProrated,
        windows,
        total: roundToCentsExact(total),
        provisionalTotal: roundToCentsExact(provisionalTotal)
    };
    if (credit.service !== undefined) report.service = credit.service;
    return report;
}

function kpiName(model: AgreementModel, key: string): string {
    return model.kpis.find((kpi) => kpi.key === key)?.name ?? key;
}

function firstMoneyCurrency(credit: CreditModel): string | undefined {
    for (const tier of credit.tiers) if (tier.amount.kind === 'money') return tier.amount.currency;
    return undefined;
}

function amountOf(amount: CreditAmount, fee: Exact | null): Exact {
    if (amount.kind === 'money') return exactOf(amount.amount);
    if (fee === null) throw new Error('a credit given as % of the fee needs the agreement to declare a fee');
    return multiply(fee, multiply(exactOf(amount.percent), exactRatio(1, 100)));
}

/**
 * The fee attributable to [start, end). Equal periods give the fee itself; otherwise
 * each fee period overlapping the interval contributes in proportion to elapsed time.
 */
function feeBetween(fee: { amount: number; period: WindowSpec }, zone: string, start: number, end: number): Exact {
    const period = fee.period;
    const amount = exactOf(fee.amount);
    if (end <= start) return EXACT_ZERO;
    if (period.kind === 'rolling') return multiply(amount, exactRatio(end - start, period.lengthMs));
    let total = EXACT_ZERO;
    let feeWindow = calendarWindowContaining(zone, period.unit, start);
    while (feeWindow.start < end) {
        const overlap = Math.min(end, feeWindow.end) - Math.max(start, feeWindow.start);
        if (overlap > 0) total = add(total, multiply(amount, exactRatio(overlap, feeWindow.end - feeWindow.start)));
        feeWindow = calendarWindowContaining(zone, period.unit, feeWindow.end);
    }
    return total;
}

/** The fee of a calendar year, limited to the agreement's validity (a yearly cap in % of fee). */
function yearFee(fee: { amount: number; period: WindowSpec }, zone: string, year: number, period: EvaluationPeriod): Exact {
    const start = Math.max(localToInstant(zone, year, 1, 1), period.validityStart);
    const end = Math.min(localToInstant(zone, year + 1, 1, 1), period.validityEnd);
    return feeBetween(fee, zone, start, end);
}
