import { calendarWindowContaining, type TimeWindow } from '../time/windows.js';
import { formatDate, localDayNumber } from '../time/zone.js';
import type { InstantFormatter } from './instant-format.js';
import { windowSpecKey, windowSpecLabel, type AgreementModel, type CreditAmount, type CreditModel, type ObjectiveModel } from '../model.js';
import type { CreditReport, CreditScopeTotal, CreditWindowReport } from '../report/report-types.js';
import { CreditFees } from './credit-fee.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import { dayStart, judgedFrom, type EvaluationPeriod } from './evaluation-period.js';
import type { KpiEvaluator, WindowValue } from './kpi-evaluator.js';
import { mostSevereTier, tiersAgainstTarget } from './credit-tier.js';
import { objectiveSchedule } from './target-schedule.js';
import type { WindowHistory } from './window-history.js';
import { definesDefaults, judgeDefaults, type DefaultJudgement } from './service-level-default.js';
import { earlierDefaultFacts, windowDefaultFacts } from './window-default-facts.js';
import { minorUnits } from './money.js';
import { add, centsDownExact, compare, EXACT_ZERO, exactInteger, exactOf, exactRatio, minimum, multiply, sign, subtract, toNumber, roundToCentsExact, type Exact } from './exact-value.js';
import { reportUnit } from './objective-evaluation.js';
import { isInsufficient, judgeSmallVolume, pendingReachMinimum, type SmallVolumeJudgement } from './small-volume.js';
import { downtimeOf, eligibleOf, evaluateCreditFormula, formulaInputs, type CreditFormulaContext } from './credit-formula.js';
import { claimDeadline, claimDeadlineInMonths } from './claim-deadline.js';
import type { PreviousFees } from './previous-fees.js';
import type { PlannedWindow } from './window-plan.js';

/** One window's credit (of one scope value) before the credit's totals are made: its amount and why it may be provisional. */
export interface CreditEntry {
    report: CreditWindowReport;
    /** After the credit's own caps, minimum and earn-back, in whole cents (the window rounded on its own); a cap on all credits together (agreement-credit-caps.ts) may lower it. */
    amount: Exact;
    provisional: boolean;
    inProgress: boolean;
    openRowsUndecided: boolean;
    earned: 'earned' | 'stands' | 'pending' | undefined;
    scopeValue: unknown;
    /** The window's bounds (UTC ms): which period of an agreement-wide cap it counts in, and in which order. */
    start: number;
    end: number;
}

/** A credit's windows worked out, its totals and notes not yet made: caps on all credits together apply in between. */
export interface CreditDraft {
    credit: CreditModel;
    currency: string;
    entries: CreditEntry[];
    /** The report: totals (per scope value too), claim deadlines and the notes, from the entries' amounts as they are now. */
    finish(notes: string[]): CreditReport;
    /** With `earned back after N met windows`: whether the k-th of the draft's windows (from 0) met its promise, per scope value. */
    earnBackOutcome?: LaterOutcomes;
}

/** How one later window counts for an earn-back: met (no tier applies), missed (a tier, or no data to show it met), or not known yet. */
export type EarnBackOutcome = 'met' | 'missed' | 'unknown';

/** The outcome of the k-th window after a draft's own (from 0), per scope value (`earned back after N met windows`). */
export type LaterOutcomes = (scopeValue: unknown, k: number) => EarnBackOutcome;

/**
 * What a credit's draft is given besides the agreement's plan: the fees of the periods before
 * its windows (`fee from … of previous month`), the windows before the evaluation period that its
 * objective's rules count (window-history.ts), its own draft over them (`earlier`: the runs of
 * breaches and the yearly cap it began), and, for a draft over those earlier windows, the
 * outcomes of the period's windows after them (`later`: they may earn its last credits back).
 */
export interface CreditDraftContext {
    previous?: PreviousFees;
    history?: WindowHistory;
    earlier?: CreditDraft;
    later?: LaterOutcomes;
}

/**
 * Service credits of one credit block: per window the most severe tier, its amount
 * (percent of the window's fee, or money), then the per-window cap, then the yearly
 * cap (cumulative per calendar year in which the window's part inside the validity starts,
 * agreement zone; per fiscal year with `capped at … per fiscal year`). Amounts
 * are exact fractions until each window's credit is rounded to cents on its own (half up), so a
 * window's amount never depends on the evaluation period; the total is the sum of the windows'
 * rounded amounts, so the windows add up to it in every report.
 *
 * A window's fee is the fee attributable to the part of the window inside the
 * validity period (an agreement starting on a Thursday pays a weekly credit on the
 * elapsed-time share of the week it covers); caps in % of the fee follow it. A window
 * cut only by the end of the evaluation period is still in progress: its credit is
 * provisional, reported, and not in the total. So is the credit of a window whose tier or
 * amount open rows could still change (an extreme of them fires another tier, or gives a
 * formula another amount): an amount that may still change is never in the total, and it
 * does not use up the yearly cap
 * (docs/language-reference.md § 14.7, § 14.9).
 *
 * With `for each <field>`, each value of the field is a credit of its own: its KPI value,
 * its fee (billing data read for that value) and its caps; the total is the sum over the
 * values. The fee is the credit's own (a service's, or from billing data: credit-fee.ts),
 * else the agreement's.
 *
 * The draft holds each window's amount in whole cents; a cap on all credits of the agreement together
 * (agreement-credit-caps.ts) may lower them before `finish` makes the totals and notes.
 */
export function draftCredit(credit: CreditModel, model: AgreementModel, plan: EvaluationPlan, evaluator: KpiEvaluator, period: EvaluationPeriod, times: InstantFormatter, context: CreditDraftContext = {}): CreditDraft {
    const { previous, history, earlier, later } = context;
    // Notes known from the windows alone (prorated fee, fee missing): given first when finished.
    const draftNotes: string[] = [];
    const zone = model.timezone;
    const fees = new CreditFees(credit, model, plan, evaluator, period, zone, previous);
    const fee = fees.fee;
    const currency = fees.currency ?? firstMoneyCurrency(credit) ?? '';
    // Amounts are exact until this last step, to the currency's minor unit (cents; whole yen).
    const decimals = minorUnits(currency);
    const roundMoney = (amount: Exact): number => roundToCentsExact(amount, decimals);
    // A window's credit as paid: rounded to the minor unit on its own, half up.
    const inCents = (amount: Exact): Exact => exactOf(roundMoney(amount));
    const feeProrated = fees.proratedFor(credit.window);
    const label = `${credit.service ? `${credit.service}.` : ''}${kpiName(model, credit.kpi)}${credit.plan !== undefined ? ` (plan ${credit.plan})` : ''}`;
    if (feeProrated && fee?.kind === 'amount') {
        draftNotes.push(`Credits for ${label}: the fee is per ${windowSpecLabel(fee.period)} and the credit window is ${windowSpecLabel(credit.window)}; each window's fee is prorated by elapsed time.`);
    }
    // A credit table of one plan follows that plan's objective.
    // The objective with the credit's window first: its target bounds a `missed` tier.
    const objectives = model.objectives.filter((candidate) => candidate.kpi === credit.kpi && (credit.plan === undefined || candidate.plan === undefined || candidate.plan === credit.plan));
    const objective = objectives.find((candidate) => windowSpecKey(candidate.window) === windowSpecKey(credit.window)) ?? objectives[0];
    if (objective === undefined && credit.tiers.some((tier) => tier.missed === true)) throw new Error(`The credit for ${label} has a 'missed' tier but no objective on its KPI.`);
    // `default : …`: paid in the windows that are Service Level Defaults of the objective with the credit's window and scope.
    const defaultTier = credit.tiers.findIndex((tier) => tier.default === true);
    if (defaultTier >= 0 && (objective === undefined || !definesDefaults(objective) || windowSpecKey(objective.window) !== windowSpecKey(credit.window) || objective.scopeField !== credit.scopeField)) {
        throw new Error(`The credit for ${label} has a 'default' tier but no objective on its KPI with its window and scope defines Service Level Defaults.`);
    }
    const lowIsBad = objective !== undefined ? objective.comparison === '>=' || objective.comparison === '>' : credit.tiers.some((tier) => tier.upper !== undefined && tier.lower === undefined);

    const windowPlan = plan.windowPlan(credit.window);
    // A promise over the term: no credit in the windows before it is in force; a `missed` tier
    // and the open-row judgement follow the target of each window.
    const schedule = objective === undefined ? undefined : objectiveSchedule(objective, plan, evaluator, times, history);
    const creditWindows = schedule === undefined ? windowPlan.windows : windowPlan.windows.filter(schedule.judges);
    // An objective improved yearly has a target per value of its own `for each` field (none for the credit's when the objective has no such field).
    const targetScope = (scopeValue: unknown): unknown => objective?.scopeField !== undefined && objective.scopeField === credit.scopeField ? scopeValue : undefined;
    const limitOf = (window: PlannedWindow, scopeValue: unknown): { comparison: ObjectiveModel['comparison']; target: number } | undefined =>
        objective === undefined ? undefined : { comparison: objective.comparison, target: schedule!.targetOf(window, targetScope(scopeValue)) };
    // `from 2026-04-01`: the windows before it (a stabilization period) are listed with what they would owe, and pay nothing.
    const payableFrom = credit.payableFrom === undefined ? -Infinity : dayStart(zone, credit.payableFrom);
    // What those windows would owe (exactly), for the note.
    const notPayable = { windows: 0, owed: EXACT_ZERO };
    const entries: CreditEntry[] = [];
    // `for each <field>`: every value of the field is its own credit (its own value, fee and caps).
    const scopeField = credit.scopeField;
    const scopeValues: unknown[] = scopeField === undefined ? [undefined] : credit.scopeValues ?? evaluator.scopeValues(credit.kpi, credit.window, scopeField);
    // The yearly cap is used up per scope value (capYearKey).
    const paidPerYear = new Map<string, Exact>();
    // Evaluated from a later day: the windows before the period (`earlier`, window-history.ts) used the yearly cap up
    // and began the runs of breaches, as in a whole evaluation.
    const before = earlierCounts(credit, earlier, period, zone);
    for (const [key, paid] of before.paidPerYear) paidPerYear.set(key, paid);
    /** The years (start) whose cap a window of the period counted against what was paid before it. */
    const yearsCountingBefore = new Set<number>();
    // Windows whose tier fired but whose fee the billing data do not give: no amount, not in the total.
    const feeMissing: string[] = [];
    const formulaWithoutValue: string[] = [];
    // Per scope value, each credit window judged for a Service Level Default (service-level-default.ts), as the objective's report judges it.
    const defaultsByScope = new Map<unknown, DefaultJudgement[]>();
    const defaultIn = (scopeValue: unknown, index: number): DefaultJudgement | undefined => {
        if (defaultTier < 0) return undefined;
        let judgements = defaultsByScope.get(scopeValue);
        if (judgements === undefined) {
            const facts = creditWindows.map((window) => {
                const target = schedule!.targetOf(window, targetScope(scopeValue));
                return windowDefaultFacts(objective!, target, evaluator.evaluate(credit.kpi, credit.window, window, scopeField, scopeValue, { comparison: objective!.comparison, target }));
            });
            // The windows before the period that the rule counts with the first ones (`--from`: window-history.ts), as the objective's report counts them.
            // (The history measures the objective's own scope: a credit `for each` field the objective does not have counts none.)
            const earlier = credit.scopeField === objective!.scopeField ? earlierDefaultFacts(objective!, history, schedule!, scopeValue, creditWindows[0]) : [];
            defaultsByScope.set(scopeValue, (judgements = judgeDefaults([...earlier, ...facts], objective!.defaultRule).slice(earlier.length)));
        }
        return judgements[index];
    };
    const tierOf = (candidate: Exact | null, window: PlannedWindow, scopeValue: unknown, inDefault = false): number => {
        if (inDefault) return defaultTier;
        if (candidate === null) return -1;
        const limit = limitOf(window, scopeValue);
        return mostSevereTier(limit === undefined ? credit.tiers : tiersAgainstTarget(credit.tiers, limit.comparison, limit.target), candidate, lowIsBad);
    };
    // `else at most 1 failing`: a window below the minimum sample judged by its failing items (small-volume.ts), by the
    // comparison of the objective whose sample it is (its failing items lie below the target for `>=`).
    const smallVolumeOf = (result: Parameters<typeof judgeSmallVolume>[2]): SmallVolumeJudgement | undefined =>
        judgeSmallVolume(credit, objective?.comparison ?? (lowIsBad ? '>=' : '<='), result);
    const missedTier = credit.tiers.findIndex((tier) => tier.missed === true);
    // Such a window met pays nothing, whatever its value; breached, the tier its value falls in, else
    // a `missed` tier (the promise was not kept, though the share alone would meet the target).
    const smallVolumeTier = (judgement: SmallVolumeJudgement, candidate: Exact, window: PlannedWindow, scopeValue: unknown, inDefault: boolean): number => {
        if (inDefault) return defaultTier;
        if (judgement.status === 'met') return -1;
        const tier = tierOf(candidate, window, scopeValue);
        return tier < 0 ? missedTier : tier;
    };
    const earnBack = earnBackJudge(credit, creditWindows, period, later, (window, scopeValue) => {
        const result = evaluator.evaluate(credit.kpi, credit.window, window, scopeField, scopeValue, limitOf(window, scopeValue));
        if (result.afterDataEnd || window.to < Math.min(window.end, period.validityEnd)) return 'unknown';
        const smallVolume = smallVolumeOf(result);
        const judgement = defaultIn(scopeValue, creditWindows.indexOf(window));
        // Below the minimum sample, with pending rows that bring it there: met or missed as both extremes say, else not known yet.
        if (smallVolume === undefined && pendingReachMinimum(credit.minimumRows, result)) {
            const outcomes = new Set(result.alternatives.map((alternative) => (alternative !== null && tierOf(alternative, window, scopeValue, judgement?.default !== undefined) < 0 ? 'met' : 'missed')));
            return judgement?.undecided === true || outcomes.size !== 1 ? 'unknown' : [...outcomes][0] as EarnBackOutcome;
        }
        // No data, or too little, does not show the objective met.
        if ((smallVolume === undefined && isInsufficient(result.rows, credit.minimumRows)) || result.exact === null) return 'missed';
        if (smallVolume !== undefined) {
            if (judgement?.undecided === true || smallVolume.provisional) return 'unknown';
            return smallVolumeTier(smallVolume, result.exact, window, scopeValue, judgement?.default !== undefined) < 0 ? 'met' : 'missed';
        }
        const tier = tierOf(result.exact, window, scopeValue, judgement?.default !== undefined);
        if (judgement?.undecided === true || result.alternatives.some((alternative) => tierOf(alternative, window, scopeValue, judgement?.default !== undefined) !== tier)) return 'unknown';
        return tier < 0 ? 'met' : 'missed';
    });
    // `raised by 50% per consecutive breach`: per scope value, the breached windows in a row so far,
    // and whether open rows could still change that run (then so could they the next credit).
    const repeat = credit.claimTerms?.repeatEscalation;
    const runs = before.runs;
    for (const { scopeValue, window, index } of scopeValues.flatMap((value) => creditWindows.map((planned, index) => ({ scopeValue: value, window: planned, index })))) {
        const result = evaluator.evaluate(credit.kpi, credit.window, window, scopeField, scopeValue, limitOf(window, scopeValue));
        const { alternatives, afterDataEnd } = result;
        const smallVolume = smallVolumeOf(result);
        const insufficient = smallVolume === undefined && isInsufficient(result.rows, credit.minimumRows);
        // Below the minimum sample, but its pending rows bring it there: the credit of the window with them
        // ended at the end of the data (the 'now' extreme), provisional (language reference § 14.7).
        const reachesMinimum = insufficient && pendingReachMinimum(credit.minimumRows, result);
        const value = insufficient ? null : result.value;
        const exact = reachesMinimum ? alternatives[0] ?? null : insufficient ? null : result.exact;
        // The part of the window the agreement covers: the fee is owed for that part only.
        const coveredStart = Math.max(window.start, period.validityStart);
        const coveredEnd = Math.min(window.end, period.validityEnd);
        const inProgress = window.to < coveredEnd;
        const windowFee = fees.window(credit.window, window, scopeField, scopeValue, coveredStart, coveredEnd);
        const judgement = defaultIn(scopeValue, index);
        const inDefault = judgement?.default !== undefined;
        const tierIndex = smallVolume !== undefined ? smallVolumeTier(smallVolume, exact!, window, scopeValue, inDefault) : tierOf(exact, window, scopeValue, inDefault);
        // An extreme of the open rows (all ended now, none ever) fires another tier, or could make or
        // unmake a Service Level Default: the amount may change. Below the minimum sample: the rule's status may change.
        const tierUndecided = judgement?.undecided === true || (smallVolume !== undefined
            ? smallVolume.provisional || (smallVolume.status === 'breached' && alternatives.some((alternative) => alternative === null || smallVolumeTier(smallVolume, alternative, window, scopeValue, inDefault) !== tierIndex))
            : reachesMinimum || (!insufficient && alternatives.some((alternative) => tierOf(alternative, window, scopeValue, inDefault) !== tierIndex)));
        const tier = tierIndex < 0 ? undefined : credit.tiers[tierIndex]!;
        const payable = coveredStart >= payableFrom;
        // `earned back after N met windows`: a credit the next N windows earn back is not paid; not known yet, it is provisional.
        const earned = tier === undefined || !payable ? undefined : earnBack?.judge(scopeValue, index);
        // A run of breaches for a raised credit counts from the day credits are payable.
        const run = (payable ? runs.get(scopeValue) : undefined) ?? { breaches: 0, undecided: false };
        const breach = tier === undefined || !payable ? undefined : run.breaches + 1;
        const factor = repeat !== undefined && breach !== undefined ? repeatFactor(repeat, breach) : undefined;
        // The year of a yearly cap (a fiscal year with `per fiscal year`) the window's covered part starts in:
        // a week from 29 December in an agreement valid from 1 January counts in the new year, whose cap it
        // uses (the old year has no fee and no allowance inside the validity).
        const year = capYearOf(credit, zone, coveredStart);
        // A fee from billing data with no rows for this window (or year): the amount cannot be computed
        // (a formula tier reads the fee too).
        const missingFee = tier !== undefined && fee?.kind === 'data'
            && ((windowFee === null && (readsFee(tier.amount) || tier.amount.kind === 'formula' || readsFee(credit.capPerWindow)))
                || (readsFee(credit.capPerYear) && fees.year(year, credit.capYearStartMonth, scopeField, scopeValue) === null));
        // `N days of service`: the value of N of the window's local days (its part inside the validity).
        const windowDays = localDayNumber(zone, coveredEnd) - localDayNumber(zone, coveredStart);
        // What the window pays of what it owes: nothing when earned back or not payable yet; else the per-window
        // cap, then whole cents (the window rounded on its own, half up: its amount never depends on which other
        // windows the report holds), then the yearly cap (what the year's earlier windows were paid leaves) and
        // `no credit below N`. Rounding never takes a window above a cap.
        const payOf = (owed: Exact): { amount: Exact; cap: 'window' | 'year' | undefined; belowMinimum: boolean } => {
            let amount = earned === 'earned' || !payable ? EXACT_ZERO : owed;
            let cap: 'window' | 'year' | undefined;
            // No tier, or no fee to compute it on: nothing to cap (and no fee a cap in % of fee could use).
            const capsApply = tier !== undefined && !missingFee && payable;
            if (capsApply && credit.capPerWindow !== undefined) {
                const windowCap = amountOf(credit.capPerWindow, windowFee, windowDays);
                if (compare(amount, windowCap) > 0) {
                    amount = windowCap;
                    cap = 'window';
                }
                // A cap of 50.005 EUR pays 50.00 EUR, not 50.01.
                if (compare(inCents(amount), windowCap) > 0) {
                    amount = centsDownExact(windowCap, decimals);
                    cap = 'window';
                }
            }
            amount = inCents(amount);
            if (capsApply && credit.capPerYear !== undefined) {
                const yearKey = capYearKey(year, scopeValue);
                // What the year's earlier firm windows were paid, in whole cents.
                const paid = paidPerYear.get(yearKey) ?? EXACT_ZERO;
                if (before.paidPerYear.has(yearKey)) yearsCountingBefore.add(year.start);
                const yearStart = Math.max(year.start, period.validityStart);
                const yearDays = localDayNumber(zone, Math.min(year.end, period.validityEnd)) - localDayNumber(zone, yearStart);
                const yearCap = amountOf(credit.capPerYear, readsFee(credit.capPerYear) ? fees.year(year, credit.capYearStartMonth, scopeField, scopeValue) : null, yearDays);
                if (compare(add(paid, amount), yearCap) > 0) {
                    // The window that reaches the cap gets what is left of it, in whole cents taken down.
                    const left = subtract(yearCap, paid);
                    amount = sign(left) > 0 ? centsDownExact(left, decimals) : EXACT_ZERO;
                    cap = 'year';
                }
            }
            // `no credit below N`: a smaller credit is not paid, and does not use up the yearly cap.
            const minimumAmount = credit.claimTerms?.minimumAmount;
            const belowMinimum = minimumAmount !== undefined && sign(amount) > 0 && compare(amount, exactOf(minimumAmount)) < 0;
            return { amount: belowMinimum ? EXACT_ZERO : amount, cap, belowMinimum };
        };
        // The values of the KPIs a formula tier reads in this window: evaluated once, when it asks.
        const kpiValues = new Map<string, WindowValue>([[credit.kpi, result]]);
        const kpiValue = (key: string): WindowValue => kpiValues.get(key) ?? kpiValues.set(key, evaluator.evaluate(key, credit.window, window, scopeField, scopeValue)).get(key)!;
        // What a formula tier reads in this window, as known (`valueOf`: a KPI's value): computed only when it asks.
        const formulaContextOf = (valueOf: (key: string) => Exact | null): CreditFormulaContext => ({
            input: (name) => name === 'fee' ? requireFee(windowFee)
                : name === 'window' ? exactInteger(coveredEnd - coveredStart)
                // Over the same span as `window`: `window − eligible` is the time the uptime does not count.
                // (`deployed in …`: the eligible time the evaluation summed over the resources deployed, over the measured part of the window.)
                : name === 'eligible' ? eligibleOf(model, credit.kpi, coveredStart, coveredEnd, { field: scopeField, value: scopeValue }, result.deployedEligibleMs)
                : downtimeOf(model, credit.kpi, valueOf(credit.kpi), window.from, window.to, { field: scopeField, value: scopeValue }, result.deployedEligibleMs),
            kpi: valueOf
        });
        const formulaContext = formulaContextOf((key) => key === credit.kpi ? exact : kpiValue(key).exact);
        // The tier's amount, raised for a repeated breach (before the credit's own caps).
        const owedOf = (context: CreditFormulaContext): Exact => {
            const amount = tier === undefined || missingFee ? EXACT_ZERO : amountOf(tier.amount, windowFee, windowDays, context);
            return factor !== undefined ? multiply(amount, factor) : amount;
        };
        const owed = owedOf(formulaContext);
        const { amount, cap, belowMinimum } = payOf(owed);
        // A formula's amount follows the values it reads: an extreme of the open rows (all ended now, none
        // ever) may move it though the tier stands — 3 hours down so far or the rest of the month (§ 14.9).
        const amountUndecided = !tierUndecided && tier?.amount.kind === 'formula' && !missingFee
            && openExtremes.some((extreme) => !sameAmount(() => payOf(owedOf(formulaContextOf((key) => valueAtExtreme(kpiValue(key), extreme)))).amount, amount));
        const openRowsUndecided = tierUndecided || amountUndecided;
        runs.set(scopeValue, breach !== undefined ? { breaches: breach, undecided: run.undecided || openRowsUndecided } : { breaches: 0, undecided: openRowsUndecided });
        // Provisional, for any of these reasons: reported, outside the total (language reference § 14.9);
        // a raised credit also while open rows could change the run of breaches before it.
        const provisional = payable && (inProgress || openRowsUndecided || earned === 'pending' || (factor !== undefined && run.undecided));
        if (!payable && sign(owed) > 0) {
            notPayable.windows++;
            notPayable.owed = add(notPayable.owed, owed);
        }
        // A formula without a value (a KPI it reads has no data, a division by zero) pays nothing: say so.
        if (!missingFee && tier?.amount.kind === 'formula' && evaluateCreditFormula(tier.amount.formula, formulaContext) === null) formulaWithoutValue.push(times.format(window.start).slice(0, 10));
        const uncapped = owed;
        if (credit.capPerYear !== undefined) {
            const yearKey = capYearKey(year, scopeValue);
            // A provisional credit is not paid (yet): it does not use up the yearly cap.
            if (!provisional) paidPerYear.set(yearKey, add(paidPerYear.get(yearKey) ?? EXACT_ZERO, amount));
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
            // Reported to the currency's minor unit, as every amount; the amounts are computed on the exact fee.
            fee: windowFee === null ? null : roundMoney(windowFee),
            amount: roundMoney(amount),
            uncappedAmount: roundMoney(uncapped),
            capped: cap !== undefined
        };
        if (cap !== undefined) report.cap = cap;
        if (tier?.amount.kind === 'daysOfService') report.daysOfService = tier.amount.days;
        if (tier?.allocation !== undefined) report.allocation = tier.allocation;
        if (factor !== undefined && breach! > 1) report.repeat = { breach: breach!, factor: toNumber(factor) };
        if (scopeValue !== undefined) report.scopeValue = String(scopeValue);
        if (missingFee) {
            report.feeMissing = true;
            feeMissing.push(`${scopeValue !== undefined ? `${String(scopeValue)} ` : ''}${times.format(window.start)}`);
        }
        if (inProgress) report.inProgress = true;
        if (afterDataEnd) report.afterDataEnd = true;
        if (insufficient) report.insufficientData = { rows: result.rows, minimum: credit.minimumRows! };
        if (smallVolume !== undefined) report.smallVolume = { ...smallVolume.facts };
        if (tier?.amount.kind === 'formula') report.formula = formulaReport(tier.amount.text, formulaInputs(tier.amount.formula), formulaContext);
        if (belowMinimum) report.belowMinimum = true;
        if (earned === 'earned') report.earnedBack = true;
        else if (earned === 'pending') report.earnedBack = 'pending';
        if (!payable) report.notPayable = true;
        entries.push({ report, amount, provisional, inProgress, openRowsUndecided, earned, scopeValue, start: window.start, end: window.end });
    }
    for (const yearStart of yearsCountingBefore) {
        const paid = before.paidInYear.get(yearStart) ?? EXACT_ZERO;
        if (sign(paid) > 0) draftNotes.push(`Credits for ${label}: the yearly cap counts the ${roundMoney(paid)} ${currency} paid in the windows of the year from ${formatDate(zone, yearStart)} before the evaluation period.`);
    }
    if (feeMissing.length > 0) {
        draftNotes.push(`Credits for ${label}: the billing data give no fee for ${feeMissing.length} window(s) where a tier applies (${feeMissing.join('; ')}): their credits cannot be computed and are not in the total; complete the billing data.`);
    }
    const finish = (notes: string[]): CreditReport => {
        notes.push(...draftNotes);
        const windows = entries.map((entry) => entry.report);
        let total = EXACT_ZERO;
        let provisionalTotal = EXACT_ZERO;
        // The provisional amounts by reason, for the notes (a window may have both).
        let inProgressAmount = EXACT_ZERO;
        let undecidedAmount = EXACT_ZERO;
        let anyUndecided = false;
        let earnedBackCount = 0;
        let earnBackPendingAmount = EXACT_ZERO;
        const scopeTotals = new Map<unknown, { total: Exact; provisional: Exact }>(scopeValues.map((value) => [value, { total: EXACT_ZERO, provisional: EXACT_ZERO }]));
        const claimWithinDays = credit.claimTerms?.claimWithinDays;
        const claimWithinMonths = credit.claimTerms?.claimWithinMonths;
        for (const { report, amount, provisional, inProgress, openRowsUndecided, earned, scopeValue, end } of entries) {
            report.amount = roundMoney(amount);
            const scopeTotal = scopeTotals.get(scopeValue)!;
            if (provisional) {
                provisionalTotal = add(provisionalTotal, amount);
                scopeTotal.provisional = add(scopeTotal.provisional, amount);
            } else {
                total = add(total, amount);
                scopeTotal.total = add(scopeTotal.total, amount);
            }
            if (inProgress) inProgressAmount = add(inProgressAmount, amount);
            if (earned === 'pending') earnBackPendingAmount = add(earnBackPendingAmount, amount);
            if (earned === 'earned') earnedBackCount++;
            if (openRowsUndecided) {
                undecidedAmount = add(undecidedAmount, amount);
                anyUndecided = true;
            }
            // Counted from the end of the window the agreement covers: a last window cut by the validity's end ends with it.
            const claimedWindowEnd = Math.min(end, period.validityEnd);
            if (claimWithinDays !== undefined && sign(amount) > 0) report.claimBy = claimDeadline(zone, claimedWindowEnd, claimWithinDays);
            if (claimWithinMonths !== undefined && sign(amount) > 0) report.claimBy = claimDeadlineInMonths(zone, claimedWindowEnd, claimWithinMonths);
        }
        if (sign(inProgressAmount) > 0) {
            notes.push(`Credits for ${label}: windows still in progress at the end of the evaluation period have provisional credits (${roundMoney(inProgressAmount)} ${currency}), not included in the total.`);
        }
        if (formulaWithoutValue.length > 0) {
            notes.push(`Credits for ${label}: the credit formula has no value in the window(s) starting ${formulaWithoutValue.join(', ')} (a KPI it reads has no data, or it divides by zero): no credit there.`);
        }
        if (credit.claimTerms?.earnBackWindows !== undefined) {
            const n = credit.claimTerms.earnBackWindows;
            if (earnedBackCount > 0) notes.push(`Credits for ${label}: ${earnedBackCount} window(s) earned back (the ${n} windows after each were met): not paid.`);
            if (sign(earnBackPendingAmount) > 0) notes.push(`Credits for ${label}: credits the next ${n} windows may still earn back (${roundMoney(earnBackPendingAmount)} ${currency}) are provisional, not included in the total.`);
        }
        if (anyUndecided) {
            notes.push(`Credits for ${label}: open rows could still change the tier or the amount of the window(s) marked provisional; their credits (${roundMoney(undecidedAmount)} ${currency}) are provisional, not included in the total.`);
        }
        if (fee?.kind === 'amount' && windowPlan.windows.some((window) => window.start < period.validityStart || window.end > period.validityEnd)) {
            notes.push(`Credits for ${label}: windows cut by the validity period are charged on the fee of the part inside it (prorated by elapsed time).`);
        }
        const kpi = model.kpis.find((candidate) => candidate.key === credit.kpi);
        const report: CreditReport = {
            kpi: kpiName(model, credit.kpi),
            kpiKey: credit.kpi,
            window: windowSpecLabel(credit.window),
            unit: reportUnit(kpi?.unitKind ?? 'ratio', kpi?.currency ?? currency),
            currency,
            thresholds: creditThresholds(credit, objective),
            feeProrated,
            windows,
            total: roundMoney(total),
            provisionalTotal: roundMoney(provisionalTotal)
        };
        if (credit.service !== undefined) report.service = credit.service;
        if (credit.plan !== undefined) report.plan = credit.plan;
        if (credit.payableFrom !== undefined) {
            report.payableFrom = credit.payableFrom;
            if (notPayable.windows > 0) {
                notes.push(`Credits for ${label}: payable from ${credit.payableFrom}; ${notPayable.windows} window(s) before it would owe ${roundMoney(notPayable.owed)} ${currency} and pay nothing.`);
            }
        }
        if (scopeField !== undefined) {
            report.scope = scopeField;
            report.scopeTotals = [...scopeTotals].map(([value, sums]): CreditScopeTotal => ({ scopeValue: String(value), total: roundMoney(sums.total), provisionalTotal: roundMoney(sums.provisional) }));
        }
        if (fee !== undefined) report.feeSource = fee.kind === 'data' ? 'billing data' : fee.source;
        if (fee?.kind === 'data' && fee.previous !== undefined) report.feePrevious = fee.previous;
        addClaimTerms(report, credit, label, currency, notes);
        return report;
    };
    return { credit, currency, entries, finish, ...(earnBack === undefined ? {} : { earnBackOutcome: earnBack.outcome }) };
}

/**
 * What the windows before the period (the credit's draft over them, window-history.ts) leave the
 * period's: per year and scope value, what they were paid against the yearly cap (firm windows,
 * before any cap on all credits together, as the period's count), and per scope value the run of
 * breaches they end with. Only windows that end by the `--from` day count (judgedFrom): a window
 * `--from` falls inside is the period's, judged whole. A credit the period's first
 * windows earn back (or not) was judged so by the earlier draft (CreditDraftContext.later).
 */
function earlierCounts(credit: CreditModel, earlier: CreditDraft | undefined, period: EvaluationPeriod, zone: string): {
    paidPerYear: Map<string, Exact>;
    /** the same per year (its start), all scope values together: for the note */
    paidInYear: Map<number, Exact>;
    runs: Map<unknown, { breaches: number; undecided: boolean }>;
} {
    const paidPerYear = new Map<string, Exact>();
    const paidInYear = new Map<number, Exact>();
    const runs = new Map<unknown, { breaches: number; undecided: boolean }>();
    for (const entry of earlier?.entries ?? []) {
        if (entry.end > judgedFrom(period)) continue;
        if (credit.capPerYear !== undefined && !entry.provisional) {
            const year = capYearOf(credit, zone, Math.max(entry.start, period.validityStart));
            const key = capYearKey(year, entry.scopeValue);
            paidPerYear.set(key, add(paidPerYear.get(key) ?? EXACT_ZERO, entry.amount));
            paidInYear.set(year.start, add(paidInYear.get(year.start) ?? EXACT_ZERO, entry.amount));
        }
        // As the windows of the period count them: a tier fired in a payable window continues the run, anything else ends it.
        const breached = entry.report.tier !== null && entry.report.notPayable !== true;
        const run = (breached ? runs.get(entry.scopeValue) : undefined) ?? { breaches: 0, undecided: false };
        runs.set(entry.scopeValue, breached ? { breaches: run.breaches + 1, undecided: run.undecided || entry.openRowsUndecided } : { breaches: 0, undecided: entry.openRowsUndecided });
    }
    return { paidPerYear, paidInYear, runs };
}

/**
 * The year of a yearly cap (a fiscal year with `per fiscal year`) that a window whose part inside
 * the validity starts at `coveredStart` counts in.
 */
function capYearOf(credit: CreditModel, zone: string, coveredStart: number): TimeWindow {
    return calendarWindowContaining(zone, 'year', coveredStart, credit.capYearStartMonth);
}

/** The yearly cap is used up per scope value: key `start of the year|scope value`. */
function capYearKey(year: TimeWindow, scopeValue: unknown): string {
    return `${year.start}|${String(scopeValue)}`;
}

/** The claim terms on the report, and a note for each that changes what is paid or when. */
function addClaimTerms(report: CreditReport, credit: CreditModel, label: string, currency: string, notes: string[]): void {
    const terms = credit.claimTerms;
    if (terms === undefined) return;
    if (terms.claimWithinDays !== undefined) {
        report.claimWithinDays = terms.claimWithinDays;
        if (report.windows.some((window) => window.claimBy !== undefined)) {
            notes.push(`Credits for ${label} must be claimed within ${terms.claimWithinDays} days after the end of their window (the last day is given per window).`);
        }
    }
    if (terms.claimWithinMonths !== undefined) {
        report.claimWithinMonths = terms.claimWithinMonths;
        if (report.windows.some((window) => window.claimBy !== undefined)) {
            notes.push(`Credits for ${label} must be claimed within ${terms.claimWithinMonths} month(s) after the end of their window (the last day is given per window).`);
        }
    }
    if (terms.minimumAmount !== undefined) {
        report.minimumCredit = terms.minimumAmount;
        const unpaid = report.windows.filter((window) => window.belowMinimum === true).length;
        if (unpaid > 0) notes.push(`Credits for ${label}: ${unpaid} window(s) earned less than the minimum credit of ${terms.minimumAmount} ${currency} and are not paid.`);
    }
    if (terms.earnBackWindows !== undefined) report.earnBackWindows = terms.earnBackWindows;
    if (terms.appliedToNextInvoice === true) {
        report.appliedToNextInvoice = true;
        notes.push(`Credits for ${label} are applied to the next invoice, not paid out.`);
    }
}

function formulaReport(text: string, inputs: ReadonlySet<string>, context: CreditFormulaContext): NonNullable<CreditWindowReport['formula']> {
    const result: NonNullable<CreditWindowReport['formula']> = { text };
    const ms = (value: Exact | null): number | undefined => value === null ? undefined : toNumber(value);
    if (inputs.has('downtime')) {
        const downtime = ms(context.input('downtime'));
        if (downtime !== undefined) result.downtimeMs = downtime;
    }
    if (inputs.has('window')) {
        const length = ms(context.input('window'));
        if (length !== undefined) result.windowMs = length;
    }
    if (inputs.has('eligible')) {
        const eligible = ms(context.input('eligible'));
        if (eligible !== undefined) result.eligibleMs = eligible;
    }
    return result;
}

/** The two extremes of the open rows, as `WindowValue.alternatives` holds them: all ended now (0), none ever (1). */
const openExtremes = [0, 1] as const;

/** A KPI's value at an extreme of its open rows; its value as known when it has none open. */
function valueAtExtreme(value: WindowValue, extreme: (typeof openExtremes)[number]): Exact | null {
    return value.alternatives.length > 0 ? value.alternatives[extreme] ?? null : value.exact;
}

/** Whether an amount worked out at an extreme of the open rows is `amount`; one without a value there (∞ × 0: an open row that never ends) is not. */
function sameAmount(atExtreme: () => Exact, amount: Exact): boolean {
    try {
        return compare(atExtreme(), amount) === 0;
    } catch (error) {
        if (error instanceof RangeError) return false;
        throw error;
    }
}

function requireFee(fee: Exact | null): Exact {
    if (fee === null) throw new Error("a credit formula reading 'fee' needs the agreement to declare a fee");
    return fee;
}

function kpiName(model: AgreementModel, key: string): string {
    return model.kpis.find((kpi) => kpi.key === key)?.name ?? key;
}

function firstMoneyCurrency(credit: CreditModel): string | undefined {
    for (const tier of credit.tiers) if (tier.amount.kind === 'money' || tier.amount.kind === 'formula') return tier.amount.currency;
    return undefined;
}

/** Whether an amount is a share of the fee (`10% of fee`, `3 days of service`). */
function readsFee(amount: CreditAmount | undefined): boolean {
    return amount?.kind === 'percentOfFee' || amount?.kind === 'daysOfService';
}

/** An amount in money: `fee` is the fee of the span it is for (a window, a year), `days` that span's local days. */
function amountOf(amount: CreditAmount, fee: Exact | null, days: number, formula?: CreditFormulaContext): Exact {
    if (amount.kind === 'money') return exactOf(amount.amount);
    if (amount.kind === 'formula') {
        if (formula === undefined) throw new Error('a cap is an amount or a share of the fee, not a formula');
        // No value (a KPI it reads has no data, a division by zero): nothing can be claimed on it.
        return evaluateCreditFormula(amount.formula, formula) ?? EXACT_ZERO;
    }
    if (fee === null) throw new Error('a credit given as % of the fee needs the agreement to declare a fee');
    // The value of N days: the span's fee per local day × N (no days, no fee to share: nothing).
    if (amount.kind === 'daysOfService') return days > 0 ? multiply(fee, exactRatio(amount.days, days)) : EXACT_ZERO;
    return multiply(fee, multiply(exactOf(amount.percent), exactRatio(1, 100)));
}

/**
 * `earned back after N met windows`: whether the credit of window `index` (of a scope value) is
 * earned back — the N windows after it all met —, stands (one of them missed, or the agreement ends
 * before them), or is pending (some are not known yet: after the data end, in progress, past the
 * evaluation period inside the validity). Undefined without the term.
 */
function earnBackJudge(
    credit: CreditModel, windows: readonly PlannedWindow[], period: EvaluationPeriod, later: LaterOutcomes | undefined, outcomeOf: (window: PlannedWindow, scopeValue: unknown) => EarnBackOutcome
): { judge: (scopeValue: unknown, index: number) => 'earned' | 'stands' | 'pending'; outcome: LaterOutcomes } | undefined {
    const n = credit.claimTerms?.earnBackWindows;
    if (n === undefined) return undefined;
    // Past the last window of the plan: the validity's end leaves nothing to meet; an earlier end of the evaluation
    // leaves it unknown, unless the windows after it are known (`later`: the period's, after the windows before it).
    const beyond: EarnBackOutcome = windows.length > 0 && windows[windows.length - 1]!.end >= period.validityEnd ? 'missed' : 'unknown';
    // Each later window is judged once per scope value, however many credits look at it.
    const judged = new Map<unknown, EarnBackOutcome[]>();
    const outcome = (scopeValue: unknown, k: number): EarnBackOutcome => {
        let outcomes = judged.get(scopeValue);
        if (outcomes === undefined) judged.set(scopeValue, (outcomes = []));
        return (outcomes[k] ??= outcomeOf(windows[k]!, scopeValue));
    };
    const judge = (scopeValue: unknown, index: number): 'earned' | 'stands' | 'pending' => {
        let pending = false;
        for (let k = index + 1; k <= index + n; k++) {
            const judgement = k < windows.length ? outcome(scopeValue, k) : later?.(scopeValue, k - windows.length) ?? beyond;
            if (judgement === 'missed') return 'stands';
            if (judgement === 'unknown') pending = true;
        }
        return pending ? 'pending' : 'earned';
    };
    // The draft's own windows, for a draft over the windows before them; past its last window as `judge` sees it.
    return { judge, outcome: (scopeValue, k) => (k < windows.length ? outcome(scopeValue, k) : later?.(scopeValue, k - windows.length) ?? beyond) };
}

/** The factor of the `breach`-th breached window in a row: 1 + (breach − 1) × step %, at most limit % (exact). */
function repeatFactor(repeat: { stepPercent: number; limitPercent?: number }, breach: number): Exact {
    const raised = add(exactInteger(1), multiply(exactOf(repeat.stepPercent), exactRatio(breach - 1, 100)));
    return repeat.limitPercent === undefined ? raised : minimum(raised, multiply(exactOf(repeat.limitPercent), exactRatio(1, 100)));
}

/** The values the tiers change at: their bounds, and the objective's targets where a tier is `missed`. */
function creditThresholds(credit: CreditModel, objective: ObjectiveModel | undefined): number[] {
    const bounds = credit.tiers.flatMap((tier) => [tier.lower?.value, tier.upper?.value].filter((value) => value !== undefined));
    const targets = objective !== undefined && credit.tiers.some((tier) => tier.missed === true)
        ? [objective.target, ...(objective.targetSteps ?? []).map((step) => step.target)] : [];
    return [...new Set([...bounds, ...targets])];
}
