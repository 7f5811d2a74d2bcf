import { calendarWindowContaining, type TimeWindow } from '../time/windows.js';
import { windowSpecLabel, type AgreementCreditCapModel, type AgreementModel } from '../model.js';
import type { AgreementCreditCapPeriod, AgreementCreditCapReport } from '../report/report-types.js';
import { feeBetween } from './credit-fee.js';
import type { CreditDraft, CreditEntry } from './credit-evaluation.js';
import { judgedFrom, type EvaluationPeriod } from './evaluation-period.js';
import { minorUnits } from './money.js';
import { add, centsDownExact, compare, EXACT_ZERO, exactOf, exactRatio, minimum, multiply, roundToCentsExact, sign, subtract, type Exact } from './exact-value.js';
import type { InstantFormatter } from './instant-format.js';

/**
 * `credits capped at 12% of fee per calendar month`: all service credits of the agreement
 * together are at most the cap in each calendar period — an outsourcing contract's at-risk
 * amount (docs/language-reference.md § 12.4); written in a service, all credits of that
 * service (a tower's at-risk amount, a share of the service's own fee). Applied after each
 * credit's own caps, minimum and earn-back, to the drafts' amounts (whole cents), before their totals
 * are made; a window under its service's cap and the agreement's gets what both leave.
 *
 * A window counts in the period it starts in (as for a credit's yearly cap; validation makes
 * every credit window lie inside one period). The credits of a period are counted in the
 * order their windows end, then as the credits are written (then by scope value): the first
 * are paid in full, the one that reaches the cap gets the rest, later ones nothing — the
 * total paid is the smaller of what was owed and the cap whichever order is chosen; the order
 * only says which credit shows the cut. A provisional credit is lowered to what the firm and
 * the earlier provisional credits leave, but does not use the cap up (as for the yearly cap). A
 * `% of fee` cap is a share of the agreement's fee (an amount per period) attributable to the
 * part of the period inside the validity, taken down to whole cents (what may be paid). Credits
 * in another currency than the cap's are left alone, with a note.
 *
 * Evaluated from a later day (`--from`), the windows of a cap's period before the evaluation period
 * (`earlier`: the credits' drafts over them, window-history.ts) are counted first, as a whole
 * evaluation counts them: what they were paid (`paidBefore`) uses the cap up, and the period's
 * credits get what it leaves. Only windows that end by the period's start count (a window the
 * period cuts is judged by its part in the period).
 *
 * The cap counts whole cents: each credit's windows come rounded to cents on their own (every credit's
 * draft), so the limit (whole cents) less what is paid is whole cents, the cut is too, and the credits
 * of a period add up to its `paid` — a window of 33.335 EUR is paid 33.34, and a window of 80 EUR
 * counted after it under a 100 EUR cap gets the 66.66 left (cutting the exact 33.335 would leave
 * 66.665, and 33.34 + 66.67 = 100.01 EUR).
 */
export function applyAgreementCreditCaps(model: AgreementModel, drafts: readonly CreditDraft[], period: EvaluationPeriod, times: InstantFormatter, notes: string[], earlier: readonly CreditDraft[] = []): AgreementCreditCapReport[] {
    const caps = model.creditCaps ?? [];
    if (caps.length === 0) return [];
    const limits = caps.map((cap) => new CapLimits(cap, model, period, model.timezone));
    // Per draft, the caps that limit it (in its currency): the agreement's, and its service's. The earlier drafts follow the period's.
    const all = [...drafts, ...earlier];
    const capsOf = all.map((draft) => limits.filter((limit) => limit.covers(draft)));
    /** `draft`: the place of the entry's draft in `all` (in each list the credits keep their written order). */
    const counted: Array<{ entry: CreditEntry; order: number; draft: number; before: boolean }> = [];
    all.forEach((draft, index) => {
        const before = index >= drafts.length;
        const other = capsOf[index]!.filter((limit) => limit.currency !== draft.currency);
        if (!before && other.length > 0 && draft.entries.some((entry) => sign(entry.amount) > 0)) {
            notes.push(`Credits for ${draft.credit.kpi} are in ${draft.currency || 'no currency'}, not in ${other[0]!.currency}: the cap on all credits together (${other.map((limit) => limit.text).join(', ')}) does not limit them.`);
        }
        capsOf[index] = capsOf[index]!.filter((limit) => limit.currency === draft.currency);
        if (capsOf[index]!.length === 0) return;
        draft.entries.forEach((entry, order) => {
            if (!before || entry.end <= judgedFrom(period)) counted.push({ entry, order, draft: index, before });
        });
    });
    // The windows before the period first (they end by its start); then as a whole evaluation orders them.
    counted.sort((a, b) => a.entry.end - b.entry.end || a.draft - b.draft || a.order - b.order);
    // All caps at once, window by window: a window gets what every cap covering it leaves. (Applying
    // the services' caps in a round of their own first would count, against a service's quarter,
    // credits the agreement's month then takes away, and pay less than both caps allow.)
    for (const { entry, draft, before } of counted) {
        if (sign(entry.amount) <= 0) continue;
        const owed = entry.amount;
        let amount = owed;
        const applying = capsOf[draft]!;
        const periods = applying.map((limit) => limit.periodOf(entry.start, !before));
        // Which caps cut this credit on their own: their period was reached (with several caps, the smallest rest is paid).
        const reached: boolean[] = [];
        /** The cap that left the least: it names the cut (`service` for a service's own cap). */
        let binding: CapLimits | undefined;
        for (const [index, periodState] of periods.entries()) {
            // A provisional credit gets what the firm and the earlier provisional ones leave; a firm one what the firm ones leave.
            const firm = add(periodState.paidBefore, periodState.paid);
            const used = entry.provisional ? add(firm, add(periodState.provisionalBefore, periodState.provisional)) : firm;
            const left = subtract(applying[index]!.limitOf(periodState), used);
            reached.push(compare(owed, left) > 0);
            if (compare(amount, left) > 0) {
                amount = sign(left) > 0 ? minimum(left, amount) : EXACT_ZERO;
                binding = applying[index];
            }
        }
        if (compare(amount, owed) < 0) {
            entry.amount = amount;
            entry.report.capped = true;
            entry.report.cap = binding?.service !== undefined ? 'service' : 'agreement';
        }
        for (const [index, periodState] of periods.entries()) {
            if (before) {
                if (entry.provisional) periodState.provisionalBefore = add(periodState.provisionalBefore, amount);
                else periodState.paidBefore = add(periodState.paidBefore, amount);
                continue;
            }
            if (entry.provisional) {
                periodState.provisional = add(periodState.provisional, amount);
                continue;
            }
            periodState.owed = add(periodState.owed, owed);
            periodState.paid = add(periodState.paid, amount);
            if (reached[index]) periodState.lowered.add(drafts[draft]!.credit.kpi);
        }
    }
    return limits.map((limit) => limit.report(times, notes));
}

/** One period of a cap: its bounds, and the credits counted in it so far. */
interface PeriodState {
    window: TimeWindow;
    limit?: Exact;
    owed: Exact;
    paid: Exact;
    provisional: Exact;
    /** What the windows before the evaluation period were paid in this period (firm), and lowered to (provisional). */
    paidBefore: Exact;
    provisionalBefore: Exact;
    /** A window of the evaluation period counts in this period: it is reported. */
    reported: boolean;
    /** The credits (KPI keys) a firm window of which this cap cut (the period's cap was reached). */
    lowered: Set<string>;
}

/** A cap's amount in each of its periods, and what was counted there. */
class CapLimits {
    readonly currency: string;
    readonly service: string | undefined;
    readonly text: string;
    private readonly periods = new Map<number, PeriodState>();

    constructor(private readonly cap: AgreementCreditCapModel, private readonly model: AgreementModel, private readonly period: EvaluationPeriod, private readonly zone: string) {
        const currency = cap.amount.kind === 'money' ? cap.amount.currency : (cap.fee ?? model.fee)?.currency;
        if (currency === undefined) throw new Error(`'credits capped at ${cap.text}' is a share of the fee: the ${cap.service !== undefined ? `service ${cap.service}` : 'agreement'} needs a fee written as an amount`);
        this.currency = currency;
        this.service = cap.service;
        this.text = cap.text;
    }

    /** Whether this cap limits the credit: the agreement's limits all, a service's those of that service. */
    covers(draft: CreditDraft): boolean {
        return this.service === undefined || draft.credit.service === this.service;
    }

    /** The period a window starting at `start` counts in; `reported` when the window is the evaluation period's. */
    periodOf(start: number, reported: boolean): PeriodState {
        const window = calendarWindowContaining(this.zone, this.cap.window.unit, start, this.cap.window.yearStartMonth);
        let state = this.periods.get(window.start);
        if (state === undefined) {
            state = { window, owed: EXACT_ZERO, paid: EXACT_ZERO, provisional: EXACT_ZERO, paidBefore: EXACT_ZERO, provisionalBefore: EXACT_ZERO, reported, lowered: new Set() };
            this.periods.set(window.start, state);
        }
        state.reported ||= reported;
        return state;
    }

    limitOf(state: PeriodState): Exact {
        if (state.limit !== undefined) return state.limit;
        const amount = this.cap.amount;
        if (amount.kind === 'money') return (state.limit = centsDownExact(exactOf(amount.amount), minorUnits(this.currency)));
        const fee = (this.cap.fee ?? this.model.fee)!;
        const covered = feeBetween(fee, this.zone, Math.max(state.window.start, this.period.validityStart), Math.min(state.window.end, this.period.validityEnd));
        // Paid in cents, never more than the limit: 12 % of 5,161.290322… EUR lets 619.35 EUR be paid, not 619.354838….
        return (state.limit = centsDownExact(multiply(covered, multiply(exactOf(amount.percent), exactRatio(1, 100))), minorUnits(this.currency)));
    }

    report(times: InstantFormatter, notes: string[]): AgreementCreditCapReport {
        const periods: AgreementCreditCapPeriod[] = [];
        for (const state of [...this.periods.values()].filter((candidate) => candidate.reported).sort((a, b) => a.window.start - b.window.start)) {
            const line: AgreementCreditCapPeriod = {
                start: times.format(state.window.start),
                end: times.format(state.window.end),
                limit: roundToCentsExact(this.limitOf(state), minorUnits(this.currency)),
                owed: roundToCentsExact(state.owed, minorUnits(this.currency)),
                paid: roundToCentsExact(state.paid, minorUnits(this.currency))
            };
            if (sign(state.provisional) > 0) line.provisional = roundToCentsExact(state.provisional, minorUnits(this.currency));
            if (sign(state.paidBefore) > 0) line.paidBefore = roundToCentsExact(state.paidBefore, minorUnits(this.currency));
            if (state.lowered.size > 0) {
                line.reached = true;
                line.lowered = [...state.lowered];
            }
            periods.push(line);
            if (line.reached === true) {
                notes.push(`All credits ${this.service !== undefined ? `of the service ${this.service} ` : ''}together are capped at ${this.cap.text}: in the ${this.unitLabel()} from ${line.start.slice(0, 10)}, ${line.owed} ${this.currency} were owed and ${line.paid} ${this.currency} are paid${line.paidBefore !== undefined ? `, after ${line.paidBefore} ${this.currency} paid in its windows before the evaluation period` : ''} (lowered, counted last: ${line.lowered!.join(', ')}).`);
            }
        }
        const result: AgreementCreditCapReport = { cap: this.cap.text, window: windowSpecLabel(this.cap.window), currency: this.currency, periods };
        if (this.service !== undefined) result.service = this.service;
        return result;
    }

    private unitLabel(): string {
        return windowSpecLabel(this.cap.window).replace(/^calendar /, '');
    }
}
