import { calendarWindowContaining } from '../time/windows.js';
import { instantToLocal, localToInstant } from '../time/zone.js';
import type { InstantFormatter } from './instant-format.js';
import { windowSpecKey, windowSpecLabel, type AgreementModel, type CreditAmount, type CreditModel, type WindowSpec } from '../model.js';
import type { CreditReport, CreditWindowReport } from '../report/report-types.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { mostSevereTier } from './credit-tier.js';
import { roundToCents } from './money.js';
import { isInsufficient, reportUnit } from './objective-evaluation.js';

/**
 * Service credits of one credit block: per window the most severe tier, its amount
 * (percent of the window's fee, or money), then the per-window cap, then the yearly
 * cap (cumulative per calendar year of the window start, agreement zone). Amounts
 * stay unrounded until the end; the total is the rounded sum of unrounded amounts.
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
    const paidPerYear = new Map<number, number>();
    const windows: CreditWindowReport[] = [];
    let total = 0;
    for (const window of windowPlan.windows) {
        const limit = objective === undefined ? undefined : { comparison: objective.comparison, target: objective.target };
        const result = evaluator.evaluate(credit.kpi, credit.window, window, undefined, undefined, limit);
        const { alternatives, afterDataEnd } = result;
        const insufficient = isInsufficient(result.rows, credit.minimumRows);
        const value = insufficient ? null : result.value;
        const windowFee = fee === undefined ? null : feeBetween(fee, zone, window.start, window.end);
        const tierOf = (candidate: number | null): number => (candidate === null ? -1 : mostSevereTier(credit.tiers, candidate, lowIsBad));
        const tierIndex = tierOf(value);
        // Provisional: an extreme of the open rows (all ended now, none ever) fires another tier.
        const provisional = !insufficient && alternatives.some((alternative) => tierOf(alternative) !== tierIndex);
        const tier = tierIndex < 0 ? undefined : credit.tiers[tierIndex]!;
        let amount = tier === undefined ? 0 : amountOf(tier.amount, windowFee);
        const uncapped = amount;
        let cap: 'window' | 'year' | undefined;
        if (credit.capPerWindow !== undefined) {
            const windowCap = amountOf(credit.capPerWindow, windowFee);
            if (amount > windowCap) {
                amount = windowCap;
                cap = 'window';
            }
        }
        if (credit.capPerYear !== undefined) {
            const year = instantToLocal(zone, window.start).year;
            const paid = paidPerYear.get(year) ?? 0;
            const yearCap = amountOf(credit.capPerYear, fee === undefined ? null : yearFee(fee, zone, year, period));
            if (paid + amount > yearCap) {
                amount = Math.max(0, yearCap - paid);
                cap = 'year';
            }
            paidPerYear.set(year, paid + amount);
        }
        total += amount;
        const report: CreditWindowReport = {
            start: times.format(window.start),
            end: times.format(window.end),
            partial: window.partial,
            value,
            tier: tier === undefined ? null : tierIndex + 1,
            tierLabel: tier?.label ?? null,
            percentOfFee: tier?.amount.kind === 'percentOfFee' ? tier.amount.percent : null,
            fee: windowFee,
            amount: roundToCents(amount),
            uncappedAmount: roundToCents(uncapped),
            capped: cap !== undefined
        };
        if (cap !== undefined) report.cap = cap;
        if (provisional) report.provisional = true;
        if (afterDataEnd) report.afterDataEnd = true;
        if (insufficient) report.insufficientData = { rows: result.rows, minimum: credit.minimumRows! };
        windows.push(report);
    }
    if (windows.some((window) => window.provisional === true)) {
        notes.push(`Credits for ${label}: open rows could still change the tier of the window(s) marked provisional; their amounts may change.`);
    }
    if (windows.some((window) => window.partial && window.amount > 0)) {
        notes.push(`Credits for ${label} include windows that are not complete yet (partial); their amounts are provisional.`);
    }
    const kpi = model.kpis.find((candidate) => candidate.key === credit.kpi);
    const report: CreditReport = {
        kpi: kpiName(model, credit.kpi),
        kpiKey: credit.kpi,
        window: windowSpecLabel(credit.window),
        unit: reportUnit(kpi?.unitKind ?? 'ratio', kpi?.currency ?? currency),
        currency,
        feeProrated,
        windows,
        total: roundToCents(total)
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

function amountOf(amount: CreditAmount, fee: number | null): number {
    if (amount.kind === 'money') return amount.amount;
    if (fee === null) throw new Error('a credit given as % of the fee needs the agreement to declare a fee');
    return (fee * amount.percent) / 100;
}

/**
 * The fee attributable to [start, end). Equal periods give the fee itself; otherwise
 * each fee period overlapping the interval contributes in proportion to elapsed time.
 */
function feeBetween(fee: { amount: number; period: WindowSpec }, zone: string, start: number, end: number): number {
    const period = fee.period;
    if (period.kind === 'rolling') return (fee.amount * (end - start)) / period.lengthMs;
    let total = 0;
    let feeWindow = calendarWindowContaining(zone, period.unit, start);
    while (feeWindow.start < end) {
        const overlap = Math.min(end, feeWindow.end) - Math.max(start, feeWindow.start);
        if (overlap > 0) total += (fee.amount * overlap) / (feeWindow.end - feeWindow.start);
        feeWindow = calendarWindowContaining(zone, period.unit, feeWindow.end);
    }
    return total;
}

/** The fee of a calendar year, limited to the agreement's validity (a yearly cap in % of fee). */
function yearFee(fee: { amount: number; period: WindowSpec }, zone: string, year: number, period: EvaluationPeriod): number {
    const start = Math.max(localToInstant(zone, year, 1, 1), period.validityStart);
    const end = Math.min(localToInstant(zone, year + 1, 1, 1), period.validityEnd);
    return end > start ? feeBetween(fee, zone, start, end) : 0;
}
