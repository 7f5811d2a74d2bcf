/**
 * Fees from billing data that need rows before the evaluation period, where the main pass drops
 * them: `fee from sum(billing.amount) of previous month`. Each is the fee formula evaluated on its
 * own — an agreement holding only an objective on the fee KPI, per window (and scope value) — its
 * datasets read a second time; billing data are small. Each credit window is paid on the charges of
 * the last whole calendar period of that unit ending at or before the window starts, that is the
 * period before the one the window starts in ("the fees paid in the billing month preceding the
 * incident"). A month from 1 February → January; a week from 16 February → January (February is
 * not over); a month from 1 February `of previous quarter` → Q4 of the year before (never the
 * quarter still running). That period may lie before the validity (January's credit is paid on
 * December's bill), and before `--from`: the first credit window is the one holding the period's
 * first instant, whatever day that is.
 * (`fee from sum(billing.amount)` without `of previous`: the window's own charges, from the main
 * pass — `--from` cuts no window, evaluation-period.ts.)
 */
import type { AgreementModel, CreditModel, ObjectiveModel, WindowSpec } from '../model.js';
import type { CalendarUnit, TimeWindow } from '../time/windows.js';
import { calendarWindowContaining } from '../time/windows.js';
import { instantToLocal } from '../time/zone.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { exactOf, type Exact } from './exact-value.js';
import { planWindows } from './window-plan.js';

/** The fees of a credit read apart (`of previous <unit>`), by window (nominal bounds) and scope value. */
export interface PreviousFees {
    /** The fee of the credit window: the charges of the period before it; null when the data give none. */
    window(window: TimeWindow, scopeValue: unknown): Exact | null;
}

type Evaluate = (model: AgreementModel, options: { from: string; to?: string; now: number }) => Promise<{ objectives: { windows: { start: string; end: string; scopeValue?: string; value: number | null }[] }[] }>;

/** One lookup per credit whose fee from billing data needs rows before the period; the others have none. */
export async function previousFees(model: AgreementModel, period: EvaluationPeriod, now: number, evaluate: Evaluate, credits: readonly CreditModel[]): Promise<Map<CreditModel, PreviousFees>> {
    const found = new Map<CreditModel, PreviousFees>();
    for (const credit of credits) {
        const fee = credit.fee;
        if (fee?.kind !== 'data') continue;
        const request: FeeRequest = { model, now, evaluate, kpi: fee.kpi, scopeField: credit.scopeField, currency: fee.currency };
        if (fee.previous !== undefined) found.set(credit, await previousPeriodFees(request, period, credit.window, fee.previous));
    }
    return found;
}

/** What an evaluation of the fee formula apart needs. */
interface FeeRequest {
    model: AgreementModel;
    now: number;
    evaluate: Evaluate;
    kpi: string;
    scopeField: string | undefined;
    currency: string;
}

/** `of previous <unit>`: each window's fee is the charges of the period of `unit` before the one the window starts in. */
async function previousPeriodFees(request: FeeRequest, period: EvaluationPeriod, creditWindow: WindowSpec, unit: CalendarUnit): Promise<PreviousFees> {
    const zone = request.model.timezone;
    // The quarter or year before a fiscal quarter is the fiscal one before it.
    const yearStartMonth = creditWindow.kind === 'calendar' ? creditWindow.yearStartMonth : undefined;
    const feePeriod: WindowSpec = { kind: 'calendar', unit, ...(yearStartMonth !== undefined ? { yearStartMonth } : {}) };
    // The last whole period ending at or before `windowStart`: the one before the period holding it.
    const periodBefore = (windowStart: number): TimeWindow => calendarWindowContaining(zone, unit, calendarWindowContaining(zone, unit, windowStart, yearStartMonth).start - 1, yearStartMonth);
    // The credit windows, the first one holding the period's first instant (it may start before it).
    const windows = planWindows(zone, creditWindow, period).windows;
    if (windows.length === 0) return { window: () => null };
    const values = await feeValuesApart(request, feePeriod, periodBefore(windows[0]!.start).start, periodBefore(windows[windows.length - 1]!.start).end);
    return { window: (window, scopeValue) => feeOf(values.get(windowKey(scopeValue, periodBefore(window.start)))) };
}

/** The fee formula's value in each window of `spec` over [from, to) (and scope value), by windowKey; null: no rows. */
async function feeValuesApart(request: FeeRequest, spec: WindowSpec, from: number, to: number): Promise<Map<string, number | null>> {
    const { model, kpi, scopeField, currency } = request;
    const zone = model.timezone;
    const objective: ObjectiveModel = { kpi, kpiName: 'fee', comparison: '>=', target: 0, unitKind: 'money', currency, window: spec, ...(scopeField !== undefined ? { scopeField } : {}) };
    const firstDay = isoDate(instantToLocal(zone, from));
    // The fee alone, over a validity from `from` (a window start, or the validity's first day): no rows before it count.
    const feeModel: AgreementModel = { ...model, validity: { from: firstDay, to: model.validity.to }, objectives: [objective], internalTargets: [], credits: [], itemObjectives: undefined };
    const report = await request.evaluate(feeModel, { from: firstDay, to: isoDate(instantToLocal(zone, Math.max(from, to - 1))), now: request.now });
    const values = new Map<string, number | null>();
    for (const window of report.objectives[0]?.windows ?? []) values.set(windowKey(window.scopeValue, { start: Date.parse(window.start), end: Date.parse(window.end) }), window.value);
    return values;
}

/** A value read apart as the fee, exactly; null when its window has no rows (or was not evaluated). */
function feeOf(value: number | null | undefined): Exact | null {
    return value === undefined || value === null ? null : exactOf(value);
}

function windowKey(scopeValue: unknown, window: TimeWindow): string {
    return `${scopeValue === undefined ? '' : String(scopeValue)}|${window.start}|${window.end}`;
}

function isoDate(local: { year: number; month: number; day: number }): string {
    return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}
