import { calendarWindowContaining } from '../time/windows.js';
import { windowSpecKey, type AgreementModel, type CreditFee, type CreditModel, type FixedFee, type WindowSpec } from '../model.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import type { PlannedWindow } from './window-plan.js';
import { add, EXACT_ZERO, exactOf, exactRatio, multiply, type Exact } from './exact-value.js';
import type { PreviousFees } from './previous-fees.js';

/** The window of a yearly cap: the calendar year, or the fiscal year starting in `yearStartMonth`. */
function yearSpec(yearStartMonth: number | undefined): WindowSpec {
    return yearStartMonth === undefined ? { kind: 'calendar', unit: 'year' } : { kind: 'calendar', unit: 'year', yearStartMonth };
}

/** The fee a credit is paid on: its own (a service's fee, a fee from billing data), else the agreement's. */
export function creditFeeOf(credit: CreditModel, model: AgreementModel): CreditFee | undefined {
    if (credit.fee !== undefined) return credit.fee;
    return model.fee === undefined ? undefined : { kind: 'amount', source: 'agreement', ...model.fee };
}

/**
 * The fee of a credit in each window and scope value, exactly. An amount per period is
 * prorated by elapsed time to the part of the window inside the validity. A fee from
 * billing data is the value of its formula in the window and scope value, evaluated like a
 * KPI (same windows, scopes and data coverage) over the part of the window inside the
 * validity — a window `--from` falls inside is read whole (evaluation-period.ts), so its rows
 * before that day count too; null when the data have no rows for it — the credit then cannot be computed,
 * which the report says (never a silent 0).
 */
export class CreditFees {
    readonly fee: CreditFee | undefined;

    constructor(
        credit: CreditModel,
        model: AgreementModel,
        private readonly plan: EvaluationPlan,
        private readonly evaluator: KpiEvaluator,
        private readonly period: EvaluationPeriod,
        private readonly zone: string,
        /** Fees needing rows before the evaluation period: `of previous month` (previous-fees.ts). */
        private readonly previous?: PreviousFees
    ) {
        this.fee = creditFeeOf(credit, model);
    }

    get currency(): string | undefined {
        return this.fee?.currency;
    }

    /** The amount is per another period than the credit window: each window's fee is prorated. */
    proratedFor(window: WindowSpec): boolean {
        return this.fee?.kind === 'amount' && windowSpecKey(this.fee.period) !== windowSpecKey(window);
    }

    /** The fee of one credit window (the covered part [coveredStart, coveredEnd) for an amount); null: unknown. */
    window(spec: WindowSpec, window: PlannedWindow, scopeField: string | undefined, scopeValue: unknown, coveredStart: number, coveredEnd: number): Exact | null {
        const fee = this.fee;
        if (fee === undefined) return null;
        if (fee.kind === 'amount') return feeBetween(fee, this.zone, coveredStart, coveredEnd);
        // Read apart: the previous period's charges (`of previous <unit>`, previous-fees.ts).
        const apart = this.previous?.window(window, scopeValue);
        if (apart !== undefined) return apart;
        if (fee.previous !== undefined) return null;
        return this.evaluator.evaluate(fee.kpi, spec, window, scopeField, scopeValue).exact;
    }

    /** The fee of a (fiscal) year inside the validity (a yearly cap in % of fee); null: unknown. */
    year(year: { start: number; end: number }, yearStartMonth: number | undefined, scopeField: string | undefined, scopeValue: unknown): Exact | null {
        const fee = this.fee;
        if (fee === undefined) return null;
        if (fee.kind === 'amount') return feeBetween(fee, this.zone, Math.max(year.start, this.period.validityStart), Math.min(year.end, this.period.validityEnd));
        // The charges of the part of the year evaluated.
        const spec = yearSpec(yearStartMonth);
        const window = this.plan.windowPlan(spec).windows.find((candidate) => candidate.start === year.start);
        return window === undefined ? null : this.evaluator.evaluate(fee.kpi, spec, window, scopeField, scopeValue).exact;
    }
}

/** The fee formulas a credit needs evaluated: per credit window, and per calendar year for a yearly cap in % of fee. */
export function feeRequirements(credit: CreditModel, model: AgreementModel): { kpi: string; window: WindowSpec; scopeField: string | undefined }[] {
    const fee = creditFeeOf(credit, model);
    if (fee?.kind !== 'data') return [];
    const needs = [{ kpi: fee.kpi, window: credit.window, scopeField: credit.scopeField }];
    if (credit.capPerYear?.kind === 'percentOfFee' || credit.capPerYear?.kind === 'daysOfService') needs.push({ kpi: fee.kpi, window: yearSpec(credit.capYearStartMonth), scopeField: credit.scopeField });
    return needs;
}

/**
 * The fee attributable to [start, end). Equal periods give the fee itself; otherwise
 * each fee period overlapping the interval contributes in proportion to elapsed time.
 */
export function feeBetween(fee: FixedFee, zone: string, start: number, end: number): Exact {
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

