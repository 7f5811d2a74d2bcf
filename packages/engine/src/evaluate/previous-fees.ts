/**
 * Fees of the previous period (`fee from sum(billing.amount) of previous month`): the charges
 * of the calendar period before each credit window ("the fees paid in the billing month
 * preceding the incident"). That period may lie before the evaluation period — before the
 * validity, even (January's credit is paid on December's bill) — where the main pass drops
 * rows, so the fee formula is evaluated on its own: an agreement holding only an objective on
 * the fee KPI, per calendar period of the unit (and scope value), from the period before the
 * evaluation starts. Its datasets are read a second time; billing data are small.
 */
import type { AgreementModel, CreditModel, ObjectiveModel } from '../model.js';
import type { CalendarUnit } from '../time/windows.js';
import { calendarWindowContaining } from '../time/windows.js';
import { instantToLocal } from '../time/zone.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { exactOf, type Exact } from './exact-value.js';

/** The charges of each previous period, by scope value and period start (epoch ms). */
export interface PreviousFees {
    /** The fee of the period of `unit` before `windowStart` (and scope value); null when the data give none. */
    before(windowStart: number, scopeValue: unknown): Exact | null;
}

type Evaluate = (model: AgreementModel, options: { from: string; to?: string; now: number }) => Promise<{ objectives: { windows: { start: string; scopeValue?: string; value: number | null }[] }[] }>;

/** One lookup per credit whose fee is `of previous …` (by credit index); the others have none. */
export async function previousFees(model: AgreementModel, period: EvaluationPeriod, now: number, evaluate: Evaluate, credits: readonly CreditModel[]): Promise<Map<CreditModel, PreviousFees>> {
    const found = new Map<CreditModel, PreviousFees>();
    for (const credit of credits) {
        const fee = credit.fee;
        if (fee?.kind !== 'data' || fee.previous === undefined) continue;
        // The quarter or year before a fiscal quarter is the fiscal one before it.
        const yearStartMonth = credit.window.kind === 'calendar' ? credit.window.yearStartMonth : undefined;
        found.set(credit, await feesOf(model, period, now, evaluate, fee.kpi, { kind: 'calendar', unit: fee.previous, ...(yearStartMonth !== undefined ? { yearStartMonth } : {}) }, credit.scopeField, fee.currency));
    }
    return found;
}

async function feesOf(model: AgreementModel, period: EvaluationPeriod, now: number, evaluate: Evaluate, kpi: string, feePeriod: { kind: 'calendar'; unit: CalendarUnit; yearStartMonth?: number }, scopeField: string | undefined, currency: string): Promise<PreviousFees> {
    const zone = model.timezone;
    const { unit, yearStartMonth } = feePeriod;
    const first = calendarWindowContaining(zone, unit, period.start - 1, yearStartMonth).start;
    const last = instantToLocal(zone, Math.max(period.start, period.end - 1));
    const objective: ObjectiveModel = { kpi, kpiName: 'fee', comparison: '>=', target: 0, unitKind: 'money', currency, window: feePeriod, ...(scopeField !== undefined ? { scopeField } : {}) };
    const from = isoDate(instantToLocal(zone, first));
    // The fee alone, over a validity that starts with the period before the first credit window.
    const feeModel: AgreementModel = { ...model, validity: { from, to: model.validity.to }, objectives: [objective], internalTargets: [], credits: [], itemObjectives: undefined };
    const report = await evaluate(feeModel, { from, to: isoDate(last), now });
    const byKey = new Map<string, number | null>();
    for (const window of report.objectives[0]?.windows ?? []) byKey.set(`${window.scopeValue ?? ''}|${window.start.slice(0, 10)}`, window.value);
    return {
        before(windowStart, scopeValue) {
            const previous = calendarWindowContaining(zone, unit, windowStart - 1, yearStartMonth).start;
            const value = byKey.get(`${scopeValue === undefined ? '' : String(scopeValue)}|${isoDate(instantToLocal(zone, previous))}`);
            return value === undefined || value === null ? null : exactOf(value);
        }
    };
}

function isoDate(local: { year: number; month: number; day: number }): string {
    return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}
