/**
 * The engine's input: a plain, already-checked model of one agreement.
 * The language package translates its AST into this; the engine never sees the AST.
 * All numbers are canonical: durations in ms, ratios/percentages as fractions,
 * money in currency units.
 */
import type { CalendarUnit } from './time/windows.js';
import { MONTH_NAMES } from './time/civil.js';
import type { WorkingCalendar } from './time/calendar.js';
import type { MaintenanceSchedule } from './time/maintenance.js';
import type { Interval } from './time/intervals.js';
import type { DatasetSpec } from './data/spec.js';

export type { CalendarUnit, WorkingCalendar, MaintenanceSchedule, DatasetSpec };

export interface AgreementModel {
    id: string;
    title?: string;
    timezone: string;
    validity: { from: string /* YYYY-MM-DD */; to: string /* inclusive */ };
    fee?: FixedFee;
    calendars: Record<string, WorkingCalendar>;
    maintenance: Record<string, MaintenanceModel>;
    datasets: Record<string, DatasetModel>;
    kpis: KpiModel[];
    objectives: ObjectiveModel[];
    internalTargets: ObjectiveModel[];
    credits: CreditModel[];
    /** `objective each …`: promises on every item of a dataset (absent: none). */
    itemObjectives?: ItemObjectiveModel[];
    /** Named exclusions (docs/language-reference.md, "Exclusions"): listed in the report, applied where measurable. */
    exclusions?: ExclusionModel[];
    /** Termination rights on chronic failure (`termination … when K is breached in 3 consecutive windows`). */
    terminations?: TerminationModel[];
    /** `credits capped at 12% of fee per calendar month`: caps on all credits of the agreement together (evaluate/agreement-credit-caps.ts). */
    creditCaps?: AgreementCreditCapModel[];
    /**
     * Plans a credit block with tables per plan writes no table for (`plan Premium` with only
     * `plan Enterprise { … }`): a breach under them earns no credit, so they are no credit; the
     * report says so when their objective was breached (evaluate/plan-without-table.ts).
     * `planField`: `plan from F`, the plan's rows are those whose F names it. Absent: none.
     */
    creditPlansWithoutTable?: Array<Pick<CreditModel, 'service' | 'kpi' | 'window'> & { plan: string; planField?: string }>;
    sourceFile?: string;
    /** The customer party (`customer Name "Title"`): the portfolio report's client column. */
    customer?: { name: string; title?: string };
    /** A client agreement built from a template (`docs/language-reference.md`, "Templates"): which one, and how it departs from it. */
    template?: TemplateUse;
}

/** The template a client agreement instantiates, with the arguments in effect and the deviations a reviewer must see. */
export interface TemplateUse {
    name: string;
    /** Every parameter's value in effect, as written (`99.95 %`, `"Europe/Berlin"`), and whether it is the template's default. */
    arguments: Array<{ name: string; text: string; isDefault: boolean }>;
    deviations: TemplateDeviation[];
    source?: SourcePosition & { file?: string };
}

/** A member of the client agreement that differs from the template's: the portfolio report lists these. */
export interface TemplateDeviation {
    /** The member as a reader names it: `objective WebShop.Availability`, `credit WebShop.Availability`, `calendar SupportHours`, `service Mail`. */
    member: string;
    kind: 'tightened' | 'loosened' | 'replaced' | 'added';
    /** Plain text: `99.95 % instead of 99.9 %`. */
    text: string;
    source?: SourcePosition;
}

/**
 * A named exclusion: rows of a dataset or downtime during a maintenance that the promises do
 * not count, or (neither) a declared term the data cannot show, such as force majeure.
 * The language applies row exclusions to the formulas of the KPIs in its scope (a `not (…)`
 * added to their conditions) and maintenance exclusions to their uptimes; the engine reports them.
 */
export interface ExclusionModel {
    name: string;
    text: string;
    /** Declared in this service (else the agreement: every service). */
    service?: string;
    rows?: { dataset: string; where: Expr };
    maintenance?: MaintenanceExclusion;
    source?: SourcePosition;
}

/**
 * Downtime during a maintenance, excluded up to `cap.ms` of maintenance time per calendar `cap.per` (in order); beyond it the time counts again.
 * `countedAsAvailable` (`during M, counted as available`): the time stays eligible time, as available, instead of leaving it.
 */
export interface MaintenanceExclusion {
    maintenance: string;
    /** `yearStartMonth`: a cap per fiscal quarter or year (the month the fiscal year starts in). */
    cap?: { ms: number; per: CalendarUnit; yearStartMonth?: number };
    countedAsAvailable?: true;
}

/** An exclusion that applies to an objective's KPI, with what the report counts per window. */
export interface ObjectiveExclusion {
    name: string;
    /** Row exclusions: the hidden KPI counting the excluded rows (count(dataset where condition)). */
    rowsKpi?: string;
    /**
     * Maintenance exclusions: the excluded time is counted inside the time the uptime would
     * otherwise measure (its `during` calendar, less the maintenance it already excludes or
     * counts as available: `excluding`).
     */
    maintenance?: MaintenanceExclusion & { during?: string; excluding: string[] };
}
/** A dataset as declared, plus the field that gives a row its event time (default: the first timestamp field). */
export interface DatasetModel extends DatasetSpec {
    eventTimeField?: string;
    /**
     * A client agreement's scope on a shared dataset (`client scope client = "northwind"`): only
     * rows whose `field` equals `value` belong to this agreement. A portfolio pass routes each row
     * of a shared file to the agreements whose scope it matches, reading the file once.
     */
    clientScope?: { field: string; value: string };
    /** `complete to DATE`: the last day (YYYY-MM-DD, agreement zone) the data are declared complete for. */
    completeTo?: string;
}

export type WindowSpec =
    /** `yearStartMonth`: a fiscal quarter or year (`per fiscal quarter` with `fiscal year from february`: 2); absent, January. */
    | { kind: 'calendar'; unit: CalendarUnit; yearStartMonth?: number }
    | { kind: 'rolling'; lengthMs: number; label: string /* e.g. '7 days' */ };

export interface KpiModel {
    key: string; // unique, e.g. 'WebShop.Availability'
    service?: string;
    name: string;
    unitKind: ValueKind;
    /** ISO 4217 code when unitKind is 'money'. */
    currency?: string;
    formula: Expr;
    owner?: string;
}

export type ValueKind = 'ratio' | 'duration' | 'count' | 'number' | 'money' | 'timestamp' | 'text' | 'boolean';

export type ComparisonOp = '>=' | '>' | '<=' | '<';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '=' | '!=' | 'and' | 'or';

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'percentile';

export type Expr =
    | { type: 'number'; value: number; kind: ValueKind }
    | { type: 'string'; value: string }
    | { type: 'boolean'; value: boolean }
    | { type: 'field'; dataset: string; field: string }
    | { type: 'kpi'; key: string }
    | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
    | { type: 'not'; operand: Expr }
    | { type: 'negate'; operand: Expr }
    | { type: 'in'; value: Expr; list: Expr[] }
    /**
     * Time from start to end: ms of wall-clock time, or of the calendar's working time;
     * with `unit: 'businessDays'` (needs a calendar) the business days between them
     * (time/calendar.ts, businessDaysBetween).
     */
    | { type: 'elapsed'; start: Expr; end: Expr; calendar?: string; unit?: 'businessDays'; pauses?: PauseJoin }
    | AggregateExpr
    | ShareExpr
    | UptimeExpr
    | TimeslicesExpr;

/**
 * `termination ChronicFailure "…" when Availability is breached in 3 consecutive windows[, notice
 * within 60 days]` (or `in 4 of any 12 consecutive windows`): a right of the customer that fires
 * when `breached` of `span` consecutive windows of an objective are breached (evaluate/termination-rights.ts).
 */
export interface TerminationModel {
    name: string;
    text: string;
    service?: string;
    /**
     * The objectives whose windows are judged, by their index in the report's objectives (`objectives`,
     * then `itemObjectives`): the one objective on the KPI with a calendar window, or with
     * `anyObjective` every promise of the agreement (or of its service) with a calendar window, all
     * with the same window.
     */
    objectives: number[];
    /** `when any objective is breached …` (or `any of A, B`): a window counts as breached when any of `objectives` is. */
    anyObjective?: boolean;
    /** `when any of A, B is breached …`: the KPI keys listed (the report names the right's promise `any of A, B`). */
    anyOf?: string[];
    breached: number;
    /** Consecutive windows looked at together; `breached` when absent (N consecutive breached windows). */
    span?: number;
    /** `notice within N days`: the customer's notice is due N whole days after the end of the window that fired it. */
    noticeDays?: number;
    /** `when Availability defaults in …`: a window counts when it is a Service Level Default (§ 9.4), not when it is breached. */
    defaults?: true;
}

/** A maintenance: its schedule and, with `periods(…)`, the dataset rows that list more of its periods. */
export interface MaintenanceModel extends MaintenanceSchedule {
    periods?: MaintenanceRows;
    /**
     * The listed periods split by each field of the periods dataset that the agreement scopes
     * by (`for each database`), keyed by the field: each scope value is excused only its own
     * periods (evaluate/scoped-maintenance.ts). Read with the periods, at evaluation.
     */
    listedPerScope?: Readonly<Record<string, ListedPerScope>>;
}

/** The listed periods of a maintenance by the value of one scope field. */
export interface ListedPerScope {
    /** The counted periods of each value (as text), merged. */
    byValue: ReadonlyMap<string, readonly Interval[]>;
    /** The counted periods of rows that leave the field empty: maintenance of every value. */
    everyValue: readonly Interval[];
}

/**
 * `periods(changes where kind = "maintenance", from plannedStart to plannedEnd, announced at notifiedAt)`:
 * each row of `dataset` passing `where` is a maintenance period from `from` to `to`. With
 * `announced` and `noticeMs` (the maintenance's `notice`), a period counts only if it was
 * announced at least the notice before it starts (evaluate/listed-maintenance.ts).
 */
export interface MaintenanceRows {
    dataset: string;
    where?: Expr;
    from: string;
    to: string;
    announced?: string;
    noticeMs?: number;
    /** The notice as the agreement writes it ("48 hours"), for the report. */
    noticeText?: string;
}

/**
 * `excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)`: the clock of an
 * elapsed(…) stops during the rows of `dataset` whose `key` equals the measured row's `rowKey`
 * (time/paused-time.ts; evaluate/pause-index.ts).
 */
export interface PauseJoin {
    dataset: string;
    key: string;
    rowKey: string;
    from: string;
    to: string;
}

export interface AggregateExpr {
    type: 'aggregate';
    fn: AggregateFn;
    dataset: string;
    value?: Expr; // absent for count
    percentile?: number; // 0 < p <= 100
    where?: Expr;
}

export interface ShareExpr {
    type: 'share';
    dataset: string;
    part?: Expr; // condition
    whole?: Expr; // condition
}

export interface UptimeExpr {
    type: 'uptime';
    dataset: string;
    where?: Expr;
    from: string; // field
    to: string; // field; null in a row = still open
    excluding: string[]; // maintenance names
    /** `counting M as available`: maintenance that stays eligible time, in which no outage is downtime (time/eligible-time.ts). */
    available?: string[];
    during?: string; // calendar: eligible time only inside it
    /**
     * Maintenance exclusions with a cap (`exclusion … during M, at most 10 hours per calendar year`);
     * `countedAsAvailable` when the exclusion says `counted as available`.
     */
    cappedExcluding?: { maintenance: string; cap: { ms: number; per: CalendarUnit; yearStartMonth?: number }; countedAsAvailable?: true }[];
    /** `across zone in (…)` / `across zone of deployments`: down only while every instance is down (evaluate/replica-downtime.ts). */
    across?: AcrossInstances;
    /** `weighted by affected`: each outage counts its share of users affected (a field, 0..1). */
    weightedBy?: string;
    /** `weighted by affected summed`: overlapping outages add their shares (up to 1) instead of counting the largest. */
    weightsSummed?: boolean;
    /** `at least 5 minutes`: downtime periods shorter than this (ms) do not count. */
    minimumOutageMs?: number;
    /** `whole minutes`: only the whole minutes of each downtime period count. */
    wholeMinutes?: boolean;
    /** `deployed in deployments by database from created to deleted`: each resource counts only while deployed (evaluate/deployed-uptime.ts). */
    deployed?: DeployedResources;
}

/**
 * The resources an uptime is measured over, each only while deployed: an inventory with one row
 * per deployment (the resource in `field`, deployed from `from` to `to`; an empty `to`: still
 * deployed). Eligible time and downtime are summed over the resources of the scope.
 */
export interface DeployedResources {
    inventory: string;
    /** The field naming the resource, in the outage dataset and in the inventory. */
    field: string;
    from: string;
    to: string;
}

/** The instances whose outages combine by intersection: listed, or the rows of an inventory dataset (per scope). */
export interface AcrossInstances {
    field: string;
    instances?: string[];
    /** A dataset listing the deployment's instances (its `field`; per scope when it has the objective's scope field). */
    inventory?: string;
    /** `at least 2 down`: down while at least this many instances are down at once (undefined: all of them). */
    atLeast?: number;
}

/**
 * `slices(every 5 minutes: avg of …, empty as 0%)`: the window cut into fixed slices of
 * absolute time aligned to its start (the last one shorter when the length does not divide
 * the window), a value or condition per slice, aggregated over the slices
 * (evaluate/timeslices.ts).
 */
export interface TimeslicesExpr {
    type: 'timeslices';
    sliceMs: number;
    /** The timestamp field that places a row in a slice (default: each dataset's event time). */
    timeField?: string;
    /** avg: the average of the slice values; count / duration / share: the bad slices' number, time, or share of the time with data. */
    aggregation: SliceAggregation;
    /** The slice value (avg) or the condition that makes a slice bad (the others). */
    value: Expr;
    /** Only runs of at least this many consecutive bad slices count (count, duration, share). */
    minimumRun?: number;
    empty: EmptySliceRule;
}

export type SliceAggregation = 'avg' | 'count' | 'duration' | 'share';

/** What a slice whose value has no data (no rows: no requests) counts as. */
export type EmptySliceRule = { kind: 'noData' } | { kind: 'good' } | { kind: 'bad' } | { kind: 'value'; value: number };

export interface SourcePosition {
    line: number;
    column: number;
}

export interface ObjectiveModel {
    service?: string;
    kpi: string; // KpiModel.key
    kpiName: string;
    comparison: ComparisonOp;
    target: number; // canonical
    unitKind: ValueKind;
    currency?: string;
    window: WindowSpec;
    scopeField?: string; // 'for each <field>'
    owner?: string;
    source?: SourcePosition;
    /** `with at least N <rows>`: a window with fewer rows behind its value is insufficient data. */
    minimumRows?: number;
    /**
     * `, else at most M failing` after the minimum sample (a share KPI): a window with fewer rows
     * than `minimumRows`, but some, is met when at most M of its items fail (evaluate/small-volume.ts).
     */
    smallVolumeAllowed?: number;
    /** The KPI is a score (`score 1 to 5`): its scale, for reports ("4.2 out of 5"). */
    scale?: ScoreScale;
    /** The plan whose target this is (`by plan { … }`). */
    plan?: string;
    /** `plan from F`: F, whose value names each row's plan (the objective is judged on the rows of `plan`). */
    planField?: string;
    /** Evaluate only these values of `scopeField` (`plan from F`: the rows of this plan). */
    scopeValues?: string[];
    /** Every value of `scopeField` the agreement knows (`plan from F`: the declared plans); rows with another are reported in a note. */
    knownScopeValues?: string[];
    /** Exclusions that apply to the KPI (row counts and excluded time per window in the report). */
    exclusions?: ObjectiveExclusion[];
    /** `from 2026-04-01` (YYYY-MM-DD, agreement zone): the promise is in force from this day; its windows before it are not judged. */
    inForceFrom?: string;
    /** `, >= 99.7% from 2027-01-01`: the target from each day on (ascending; canonical values); before the first, `target`. */
    targetSteps?: TargetStep[];
    /** `, minimum 99.5%`: the Minimum Service Level (canonical value, the objective's comparison); a window that misses it is a Service Level Default. */
    minimum?: number;
    /** `, default when breached in 3 of any 12 consecutive windows`: a window that misses the target and makes `breached` missed windows of the last `span` (else `breached` in a row) is a Service Level Default too. */
    defaultRule?: DefaultRule;
    /** `, improved yearly to the mean of the best 6 windows by at most 0.2%`: Continuous Improvement (evaluate/continuous-improvement.ts). */
    improvement?: ContinuousImprovement;
}

/** How a target improves from one contract year to the next (canonical values, the objective's unit). */
export interface ContinuousImprovement {
    /** The mean of this many best windows of the year before. */
    best: number;
    /** `by at most 0.2%`: the most the target moves in a year. */
    limit?: number;
    /** The written target's precision (99.5% → 0.001): the mean is taken to a multiple of it, towards the target before. */
    step: number;
}

/** When missed targets add up to a Service Level Default (evaluate/service-level-default.ts). */
export interface DefaultRule {
    breached: number;
    span?: number;
}

/** A step of a promise's target over the term: `target` from the day `from` (YYYY-MM-DD, agreement zone) on. */
export interface TargetStep {
    from: string;
    target: number;
}

/** The scale of a score field (`score 1 to 5`): both ends included. */
export interface ScoreScale {
    low: number;
    high: number;
}

/**
 * `objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month`:
 * every row of `dataset` in a window that matches `where` is an item; the per-row KPI's value of each
 * item is compared with the target; a window is breached when any item failed (evaluate/item-objective.ts).
 */
export interface ItemObjectiveModel extends ObjectiveModel {
    dataset: string;
    /** The field that names an item in the report (`by id`); absent: its line in the data file. */
    idField?: string;
    where?: Expr;
    /** The per-row value of an item (the KPI's formula). */
    value: Expr;
    /** The condition an item must meet: `value <comparison> target` (business days compared exactly). */
    check: Expr;
    /** The condition as written, for the report: `priority = "P1"`. */
    whereText?: string;
}

/** A fee written as an amount: `fee 12000 EUR per calendar month`. */
export interface FixedFee {
    amount: number;
    currency: string;
    period: WindowSpec;
}

/**
 * The fee a credit's `% of fee` is a share of (evaluate/credit-fee.ts): an amount per period
 * (the service's own, or the agreement's), or the charges read from billing data in each
 * credit window and scope value (`fee from sum(billing.amount where …)`), whose formula is
 * held as a KPI (`kpi`: a KpiModel key) so that it is evaluated like one.
 */
export type CreditFee =
    | ({ kind: 'amount'; source: 'agreement' | 'service' } & FixedFee)
    | { kind: 'data'; source: 'agreement' | 'service'; kpi: string; currency: string; previous?: CalendarUnit };
// `previous`: `fee from … of previous month`: the charges of the calendar period of that unit before each credit window (evaluate/previous-fees.ts).

export interface CreditModel {
    service?: string;
    kpi: string;
    window: WindowSpec;
    /** `for each <field>`: one credit per value of the field, on that value's KPI value and fee; caps apply per value. */
    scopeField?: string;
    /** The fee of the credit (the service's, else the agreement's); absent: model.fee. */
    fee?: CreditFee;
    tiers: CreditTier[];
    capPerWindow?: CreditAmount;
    capPerYear?: CreditAmount;
    /** `capped at … per fiscal year`: the month the cap's year starts in (1–12); absent: the calendar year. */
    capYearStartMonth?: number;
    source?: SourcePosition;
    /** The minimum sample of the objective on the same KPI and window: fewer rows earn no credit. */
    minimumRows?: number;
    /** That objective's `else at most M failing`: a window with fewer rows is judged by its failing items. */
    smallVolumeAllowed?: number;
    /** Claim and payment terms of the credit (`claim within`, `no credit below`, `applied to next invoice`). */
    claimTerms?: CreditClaimTerms;
    /** The plan whose credit table this is (`plan Premium { … }` in the credit block). */
    plan?: string;
    /** Evaluate only these values of `scopeField` (`plan from F`: the rows of this plan). */
    scopeValues?: string[];
    /** `from 2026-04-01` (YYYY-MM-DD, agreement zone): credits are payable for windows from this day on; those before it are listed and pay nothing. */
    payableFrom?: string;
}

/** Procedural terms of a credit: they decide when a credit must be claimed and whether it is paid. */
export interface CreditClaimTerms {
    /** `claim within N days`: the claim is due N calendar days (agreement zone) after the end of the credit window. */
    claimWithinDays?: number;
    /** `claim within N months`: the claim is due N calendar months after the end of the credit window (claim-deadline.ts). */
    claimWithinMonths?: number;
    /** `no credit below 10 USD`: a window's credit smaller than this (after caps) is not paid. */
    minimumAmount?: number;
    /** `applied to next invoice`: credits are deducted from the next invoice, not paid out. */
    appliedToNextInvoice?: boolean;
    /** `earned back after 3 met windows`: a window's credit is not paid when the next N credit windows are all met. */
    earnBackWindows?: number;
    /**
     * `raised by 50% per consecutive breach, at most 200%`: the credit of a window that follows N
     * breached windows in a row (a tier of this credit fired in each, same scope value) is raised
     * by N × `stepPercent` % of it, to at most `limitPercent` % of it.
     */
    repeatEscalation?: { stepPercent: number; limitPercent?: number };
}

export interface CreditBound {
    value: number;
    inclusive: boolean;
}

export interface CreditTier {
    lower?: CreditBound;
    upper?: CreditBound;
    amount: CreditAmount;
    label: string; // as written, e.g. 'below 99.9%'
    /**
     * `40% of at-risk amount`: the share of the at-risk amount (the agreement's cap on all credits
     * per the credit's period) as written; `amount` is that share of it (40 % of 12 % of fee = 4.8 % of fee).
     */
    allocation?: number;
    /**
     * `missed: 5% of fee`: the tier applies when the objective behind the credit is missed — its
     * bound is that objective's target in the window (a target that steps over the term moves it);
     * `lower` and `upper` are absent (evaluate/credit-tier.ts).
     */
    missed?: true;
    /** `default: 40% of at-risk amount`: the tier applies in a window that is a Service Level Default of the objective behind the credit; no bounds. */
    default?: true;
}

/**
 * A cap on all service credits of the agreement together in each calendar period — an
 * outsourcing contract's "at-risk amount" (`credits capped at 12% of fee per calendar month`).
 * Applied after each credit's own caps, minimum and earn-back.
 */
export interface AgreementCreditCapModel {
    /** Money, or a share of the agreement's fee (written as an amount per period: prorated to the part of the cap period inside the validity). */
    amount: Extract<CreditAmount, { kind: 'money' } | { kind: 'percentOfFee' }>;
    /** A calendar month, quarter or year (a fiscal one with `yearStartMonth`). */
    window: Extract<WindowSpec, { kind: 'calendar' }>;
    /** As written: `12% of fee per calendar month`. */
    text: string;
    /** Written in this service: it caps the credits of the service only (a tower's at-risk amount). */
    service?: string;
    /** The fee a share of the fee is of, when not the agreement's (`model.fee`): the service's own. */
    fee?: FixedFee;
    source?: SourcePosition;
}

export type CreditAmount =
    | { kind: 'percentOfFee'; percent: number }
    /** `3 days of service`: the value of that many days of the fee (the fee of the span ÷ its local days × days). */
    | { kind: 'daysOfService'; days: number }
    | { kind: 'money'; amount: number; currency: string }
    /** Computed per window (formula credits): money in `currency`; `text` as written. */
    | { kind: 'formula'; formula: CreditFormula; text: string; currency: string };

/**
 * A credit formula: arithmetic over numbers in canonical units (ratios as fractions,
 * durations in ms, money in currency units), the credit's inputs and KPI values of the
 * window. Evaluated exactly (evaluate/credit-formula.ts).
 */
export type CreditFormula =
    | { type: 'number'; value: number }
    | { type: 'input'; input: CreditFormulaInput }
    | { type: 'kpi'; key: string }
    | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: CreditFormula; right: CreditFormula }
    | { type: 'negate'; operand: CreditFormula }
    /** `floor(downtime / 30 minutes)`: each full 30 minutes; `ceil(…)`: each 30 minutes begun (Rackspace's "5 % for each 30 minutes"). */
    | { type: 'whole'; round: 'floor' | 'ceil'; operand: CreditFormula };

/**
 * `fee`: the window's fee (prorated like a % of fee); `window`: the window's length inside the
 * validity period, in ms; `downtime`: the credited KPI's down time in ms (an uptime:
 * (1 − value) × eligible time; a duration KPI: its value); `eligible`: the credited uptime's
 * eligible time in the same part of the window as `window`, in ms.
 */
export type CreditFormulaInput = 'fee' | 'downtime' | 'window' | 'eligible';

/** A stable text key for a window spec, e.g. 'calendar:month' or 'rolling:604800000'. */
export function windowSpecKey(spec: WindowSpec): string {
    if (spec.kind === 'rolling') return `rolling:${spec.lengthMs}`;
    return isFiscal(spec) ? `fiscal:${spec.unit}:${spec.yearStartMonth}` : `calendar:${spec.unit}`;
}

/** The window as users read it: 'calendar month', 'rolling 7 days', 'fiscal quarter (year from February)'. */
export function windowSpecLabel(spec: WindowSpec): string {
    if (spec.kind === 'rolling') return `rolling ${spec.label}`;
    return isFiscal(spec) ? `fiscal ${spec.unit} (year from ${MONTH_NAMES[spec.yearStartMonth! - 1]})` : `calendar ${spec.unit}`;
}

/** A quarter or year of a fiscal year that does not start in January. */
function isFiscal(spec: { unit: CalendarUnit; yearStartMonth?: number }): boolean {
    return spec.yearStartMonth !== undefined && spec.yearStartMonth !== 1 && (spec.unit === 'quarter' || spec.unit === 'year');
}
