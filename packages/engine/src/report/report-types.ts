/**
 * The evaluation report: the JSON contract of `sla evaluate --format json` (docs/cli.md),
 * and the one object every renderer (table, Markdown, HTML, VS Code) reads.
 * Units: ratios as fractions, durations in ms, money in currency units, timestamps
 * ISO-8601 with the agreement zone's offset; `value` is null when status is 'no data'.
 */
export type WindowStatus = 'met' | 'breached' | 'no data';

export interface Report {
    schemaVersion: 1;
    agreement: string;
    title?: string;
    /** (addition) The customer party: its title, or its name when it has none (`customer Acme "Acme Corp"` gives "Acme Corp"). */
    customer?: string;
    timezone: string;
    sourceFile?: string;
    /**
     * The evaluation period [from, to). `requestedFrom`: the start `--from` asked for, present when
     * it fell inside a calendar window the agreement judges, which `from` then starts (evaluation-period.ts).
     */
    period: { from: string; to: string; requestedFrom?: string };
    generatedAt: string;
    datasets: DatasetReport[];
    objectives: ObjectiveReport[];
    internalTargets: ObjectiveReport[];
    credits: CreditReport[];
    /** `credits capped at …`: caps on all credits of the agreement together, per period (present when the agreement has some). */
    creditCaps?: AgreementCreditCapReport[];
    /** The named exclusions of the agreement, measurable or not (present when it has any). */
    exclusions?: ExclusionReport[];
    /** Open incidents and unresolved rows (missing end), listed so nothing is dropped silently. */
    openItems: OpenItem[];
    /** Pause datasets joined by `excluding pauses(…)` (present when the agreement has some). */
    pauses?: PauseDatasetReport[];
    /** Maintenance whose periods a dataset lists (`periods(…)`), as read (present when the agreement has some). */
    listedMaintenance?: ListedMaintenanceReport[];
    /** Termination rights on chronic failure and whether they fired (present when the agreement has some). */
    terminations?: TerminationReport[];
    /**
     * Present when windows were left without data because they start after the data end
     * of every dataset their KPI reads: one line saying so (also the first note). A client
     * scope that matched no row of any dataset it scopes is said there first.
     */
    dataEndNote?: string;
    /** Explanations of choices the engine made (fee prorating, skipped rows, …). */
    notes: string[];
    totals: { windows: number; met: number; breached: number; noData: number };
    /** Present when some dataset was read through a SQL engine (a table, Parquet, `--engine duckdb`): which KPIs were pushed down and which pulled their rows (sql/evaluate-with-engines.ts). */
    engines?: EnginesReport;
}

/** How the datasets read through SQL engines were evaluated. */
export interface EnginesReport {
    datasets: EngineDatasetReport[];
    /** KPIs whose every dataset was evaluated on its engine (only statistics per window and scope came back). */
    pushedDown: string[];
    /** KPIs with a dataset whose rows (of the scope) were pulled into the local engine. */
    pulled: string[];
}

export interface EngineDatasetReport {
    name: string;
    engine: 'duckdb' | 'postgres' | 'clickhouse';
    /** The connection of a table dataset (absent for files read by DuckDB). */
    connection?: string;
    mode: 'pushed down' | 'pulled';
    /** Why a dataset was pulled rather than pushed down. */
    reason?: string;
    queries: number;
    /** Result rows received from the engine over all queries. */
    rowsTransferred: number;
    /** Bytes received from the engine over all queries, when its connection can tell (HTTP, wire protocol). */
    bytesTransferred?: number;
    /** A portfolio's agreements that shared this dataset's queries (one push-down for all clients of a table); queries and bytes are then the shared ones. */
    sharedBy?: number;
}

export interface RejectedRow {
    line: number;
    column: number | null;
    field: string | null;
    value: string;
    message: string;
}

export interface DatasetReport {
    name: string;
    path: string;
    /** The timestamp field that places rows in windows. */
    timeField: string;
    rows: number;
    rejected: number;
    /** (addition) `one row per …, latest by …`: rows of the file superseded by a later version of their key, read by no KPI (not in `rows`); absent when none */
    superseded?: number;
    /** rejected / (rows + rejected): the share of the records read that were rejected (0 when none were read); above 0.1 a note warns. */
    rejectedShare: number;
    /** Rows whose event time is outside the evaluation period. */
    outsidePeriod: number;
    /** Rows without an event time (an empty optional first timestamp field): in no window, not counted in `outsidePeriod`; only when there are any (a note says so). */
    withoutEventTime?: number;
    firstTime: string | null;
    lastTime: string | null;
    rejectedSamples: RejectedRow[];
    /** Rows in the evaluation period with an open elapsed(...) (an end missing); openItems lists those a KPI reads, with their state. */
    unresolved: number;
    /** Outage rows without an end (ongoing until the end of the period). */
    openIncidents: number;
    /** How far the data reach: windows starting at or after `end` have no data (docs/language-reference.md § 14.10, "Data coverage"). */
    coverage: DatasetCoverage;
    /**
     * A shared file read for one client (`client scope`): only rows whose `field` equals `value`
     * are the agreement's (`rows` counts those); `otherClientRows` belong to other clients and are
     * neither measured nor rejected. `rejected` and `rejectedShare` are over the whole file, and so
     * are `firstTime`, `lastTime` and `coverage` (coverage is judged on all rows of a dataset) —
     * unless the value matched no row of any dataset the agreement scopes: then `coverage` is
     * "no rows", the client has no data there (evaluate/missing-scope-note.ts). `lookalikes`
     * (only when there are some): of the other clients' rows, those whose value differs from
     * `value` only in case, spacing or Unicode form, per value, most rows first (a warning in
     * `notes` says so; evaluate/client-lookalikes.ts).
     */
    clientScope?: { field: string; value: string; otherClientRows: number; lookalikes?: { value: string; rows: number }[] };
}

export interface DatasetCoverage {
    /** The declared last day (YYYY-MM-DD): `--data-end` or the dataset's `complete to`; null when not declared. */
    declaredEnd: string | null;
    /** Exclusive end of the data; null when the dataset has no rows and nothing declares its end. */
    end: string | null;
    /** Where the end comes from. */
    basis: '--data-end' | 'complete to' | '--to' | 'last event' | 'no rows';
    /** Rows still open in the data are judged on their elapsed time until this instant. */
    knownUntil: string | null;
}

/** `businessDays`: an `objective each` item's elapsed time counted in a calendar's business days (`<= 2 business days`). */
export type ReportUnit = 'ratio' | 'ms' | 'count' | 'number' | 'businessDays' | 'timestamp' | 'text' | 'boolean' | string;

export interface WindowReport {
    start: string;
    end: string;
    partial: boolean;
    /** For partial windows: the part actually evaluated. */
    evaluatedFrom?: string;
    evaluatedTo?: string;
    value: number | null;
    status: WindowStatus;
    margin: number | null;
    budgetConsumed: number | null;
    budgetRemaining: number | null;
    /** A promise whose target steps over the term (`targetSteps`): the target this window was judged against. */
    target?: number;
    /**
     * (addition) A Service Level Default in this window (objective with a `minimum` or a `default`
     * rule): `below minimum` — the value misses the minimum; `repeated` — the target missed, making
     * the rule's count of missed windows. Absent when none.
     */
    default?: 'below minimum' | 'repeated';
    /** (addition) Open rows could still make or unmake the Service Level Default of this window (or of the windows its rule counts). */
    defaultProvisional?: true;
    scopeValue?: string;
    rows: number;
    /** Rows whose end is missing (open): pending + failedOpen + passedOpen. */
    unresolved: number;
    /** Open rows that could still pass: left out of the value, both sides of a ratio (present when > 0). */
    pending?: number;
    /** Open rows already decided by their elapsed time so far as failing the objective (present when > 0). */
    failedOpen?: number;
    /** (addition) Open rows already decided by their elapsed time so far as passing the objective (`… or priority = "P4"` of an open P4 ticket); present when > 0. */
    passedOpen?: number;
    /** The value counts open rows at their elapsed time so far: it is at least this (present when true). */
    atLeast?: boolean;
    /** Pending rows, open outages, or a run of bad slices reaching the data end could still change the status (present when true). */
    provisional?: boolean;
    /** Outages without an end in this window (ongoing until the end of the period); present when > 0. */
    openIncidents?: number;
    /** The window starts at or after the data end of every dataset the KPI reads: no data (present when true). */
    afterDataEnd?: boolean;
    /** The data end, when it lies inside this window (the window is evaluated on the data there are). */
    dataEnd?: string;
    /** Fewer rows than the objective's minimum sample: status 'no data', value null. */
    insufficientData?: InsufficientData;
    /** Fewer rows than the minimum sample, judged by `else at most M failing`: the status is the rule's, the value the KPI's. */
    smallVolume?: SmallVolume;
    /** `objective each …`: the items of the window (value: the worst decided item's value). */
    items?: WindowItems;
    /** What each exclusion applying to the KPI took out of this window (present when the KPI has exclusions). */
    excluded?: WindowExclusion[];
    /** The KPI's slices in this window, when its formula has a `slices(…)` term (the first one). */
    slices?: WindowSlices;
    /** Every `slices(…)` term of the KPI's formula (and the KPIs it uses), in formula order, when there are two or more; the first is `slices`. */
    sliceTerms?: WindowSlices[];
    /** `uptime(…, across zone of deployments)`: the scope's deployment has fewer than two instances, so it is not replicated: status 'no data', value null. */
    notReplicated?: { instances: number; /** (addition) `at least N down` with N above two: the instances needed */ needed?: number };
    /**
     * (addition) `uptime(…, deployed in …)`: outages in this window of resources the inventory lists no
     * deployment of at the time — no downtime, not in the value: their time (merged per resource) and the resources.
     */
    notDeployed?: { outageMs: number; resources: string[] };
}

/** How a window's slices were counted (`slices(…)`, docs/language-reference.md "Timeslices"). */
export interface WindowSlices {
    /** The slice length in ms. */
    lengthMs: number;
    /** Slices in the evaluated part of the window. */
    total: number;
    /** Slices without data (no rows), counted as the agreement's `empty as …` says. */
    empty: number;
    /** Bad slices counted (count, duration, share; after `at least N consecutive`); absent for an average. */
    bad?: number;
    /** Slices at or after the data end: unknown, left out. */
    unknown: number;
    /**
     * (addition) `at least N consecutive`: bad slices just before the data end (at the window's end,
     * or inside it) in a run shorter than N that goes on past the data end, not counted (yet);
     * present when some. The window is provisional when counting them would change its status.
     */
    runAtDataEnd?: number;
}

/** Rows (row exclusions) or eligible time (maintenance exclusions) one exclusion took out of a window. */
export interface WindowExclusion {
    exclusion: string;
    /** Rows of the dataset in the window (and scope) that the exclusion's condition marks. */
    rows?: number;
    /**
     * Maintenance time taken out of the eligible time of the window, in ms (after the cap); with
     * the exclusion's `countedAsAvailable`, the maintenance time counted as available instead.
     */
    timeMs?: number;
    /** The exclusion counts its maintenance time as available (`during M, counted as available`; present when true). */
    countedAsAvailable?: true;
}

/** A named exclusion as declared: `measured` false for a term the data cannot show (force majeure). */
export interface ExclusionReport {
    name: string;
    text: string;
    service?: string;
    measured: boolean;
    /** Row exclusions: the dataset whose rows it marks. */
    dataset?: string;
    /** Maintenance exclusions: the maintenance, and the cap as written (e.g. '10 hours per calendar year'). */
    maintenance?: string;
    cap?: { ms: number; per: string };
    /** `during M, counted as available`: the maintenance time stays eligible time and no outage in it is downtime (present when true). */
    countedAsAvailable?: true;
    /** Keys of the KPIs it applies to. */
    appliesTo: string[];
}

/** The items of one window of an `objective each …`. */
export interface WindowItems {
    /** Items judged: passed + failed. */
    judged: number;
    passed: number;
    /** Failed items, open ones already past the limit included. */
    failed: number;
    /** Open items that could still pass or fail: not judged (the window is provisional when no item failed). */
    pending: number;
    /** Items without a value (e.g. the start time missing): not judged, counted here. */
    noValue: number;
    /** The first failed items in file order (at most 10). */
    failures: FailedItem[];
}

/** A failed item of an `objective each …`. */
export interface FailedItem {
    /** The value of the `by` field; null when the objective names items by line. */
    id: string | null;
    /** The item's line in the data file (the element index for a JSON array). */
    line: number;
    /** The item's value (unit of the objective); for an open item, its value so far. */
    value: number;
    /** The item is still open: it has already failed on its value so far (the value is a lower bound). */
    open?: boolean;
}

/** A pause dataset joined to the measured rows by a key (`excluding pauses(…)`). */
/** A termination right on chronic failure (`termination … when K is breached in N [of any M] consecutive windows`). */
export interface TerminationReport {
    name: string;
    text: string;
    service?: string;
    /** The KPI whose objective is judged; `"any objective"` for `when any objective is breached …`. */
    kpi: string;
    /** Its key; empty for `any objective` (see `objectives`). */
    kpiKey: string;
    /** `when any objective is breached …`: the KPI keys of the promises judged together (one scope, without `scopeValue`). */
    objectives?: string[];
    /** The objective's window, e.g. "calendar month". */
    window: string;
    /** The rule as a phrase: "3 consecutive windows", "4 of any 12 consecutive windows". */
    rule: string;
    /** (addition) `when … defaults in …`: the windows counted are Service Level Defaults, not breaches (`breached` in the scopes counts them). */
    defaults?: true;
    /** The customer's notice period after it fires, as written ("60 days"). */
    notice?: string;
    /** Fired for the objective or for some value of its `for each` field. */
    triggered: boolean;
    /** One entry per scope value of the objective (one without `scopeValue` when it has no `for each`). */
    scopes: TerminationScopeReport[];
}

export interface TerminationScopeReport {
    scopeValue?: string;
    triggered: boolean;
    /** When fired: the end of the window that fired it, and the starts of the breached windows of its span. */
    firedAt?: string;
    breachedWindows?: string[];
    /** When fired with a notice period: the last day of the customer's notice (agreement's zone). */
    noticeBy?: string;
    /** Not fired, but one more breached window would fire it (present when true). */
    atRisk?: boolean;
    /** Breached windows counted (complete windows, not provisional). */
    breached: number;
}

/** A maintenance whose periods a dataset lists (`periods(…)`): what was read and what counted. */
export interface ListedMaintenanceReport {
    maintenance: string;
    dataset: string;
    path: string;
    /** Rows that list a period of this maintenance (past its filter and the client scope). */
    rows: number;
    rejected: number;
    rejectedSamples: RejectedRow[];
    /** Listed periods that overlap the evaluation period. */
    periods: number;
    /** Of those, the periods counted as maintenance (announced in time, when announcements are checked). */
    counted: number;
    /** The notice each period's announcement is checked against, as written ("48 hours"); present when announcements are checked. */
    notice?: string;
    /** Periods announced later than the notice before their start, or never: ordinary time, downtime in them included. */
    lateNotice: LateMaintenance[];
}

export interface LateMaintenance {
    /** The row that lists the period. */
    line: number;
    start: string;
    end: string;
    /** When it was announced; null when the row gives no announcement time. */
    announced: string | null;
    /** How long before its start it was announced (negative: after it started); null when never. */
    ahead: string | null;
}

export interface PauseDatasetReport {
    name: string;
    path: string;
    /** The dataset whose elapsed times the pauses stop. */
    joinedTo: string;
    /** `ticket = id`: the pause field and the measured dataset's field it is joined on. */
    key: string;
    rows: number;
    rejected: number;
    rejectedSamples: RejectedRow[];
    /** Pauses kept (those ending at or after the start of the evaluation period). */
    kept: number;
    /** Pauses without an end: they last until the item's end (or the instant of knowledge). */
    open: number;
    /** Pause rows whose key no row of the joined dataset has, and the first ones. */
    unknownKeys: number;
    unknownKeySamples: { key: string; line: number }[];
}

/** A window whose value rests on fewer rows than `with at least N …` requires. */
export interface InsufficientData {
    rows: number;
    minimum: number;
}

/**
 * `with at least N …, else at most M failing`: a window with fewer rows than N (but some) that the
 * small-volume rule judged — met when at most `allowed` of its `rows` items failed.
 */
export interface SmallVolume {
    rows: number;
    minimum: number;
    failing: number;
    allowed: number;
}

/** Rolling windows: per calendar month (and scope value), the worst window and the share met. */
export interface RollingMonthSummary {
    month: string; // YYYY-MM in the agreement's zone
    scopeValue?: string;
    windows: number;
    met: number;
    breached: number;
    noData: number;
    /** met / (met + breached); null when every window had no data. */
    shareMet: number | null;
    worst: { end: string; value: number; margin: number; status: WindowStatus } | null;
}

export interface ObjectiveReport {
    service?: string;
    kpi: string;
    kpiKey: string;
    comparison: '>=' | '>' | '<=' | '<';
    target: number;
    unit: ReportUnit;
    window: string;
    /** The `for each` field, when the objective is evaluated per value of a field. */
    scope?: string;
    /** The plan whose target this is (`by plan { … }`): the agreement's plan (`plan X`; `scope` is then a `for each` field, if any), or with `plan from F` see `planField`. */
    plan?: string;
    /** (addition) `plan from F`: F, whose value names each row's plan; `scope` is F too and the windows are the rows of `plan`. */
    planField?: string;
    owner?: string;
    source?: { line: number; column: number };
    windows: WindowReport[];
    summary?: RollingMonthSummary[];
    status: WindowStatus;
    /** The KPI is a score (`score 1 to 5`): its scale. */
    scale?: { low: number; high: number };
    /**
     * (addition) A duration KPI that counts the working time of this calendar (`elapsed(…) during
     * BusinessHours`): its values, target and margins are ms of that calendar's hours (readers show them in hours, never days).
     */
    during?: string;
    /** `objective each …`: a promise on every item; each window has `items`. */
    each?: { dataset: string; idField?: string; where?: string };
    /** `from 2026-04-01`: the promise is in force from this day (YYYY-MM-DD); no window before it is judged or listed. */
    inForceFrom?: string;
    /** `, >= 99.7% from 2027-01-01`: the target from each day on; `target` is the one before the first step. Each window gives its own `target`. */
    targetSteps?: Array<{ from: string; target: number }>;
    /** (addition) `, minimum 99.5%`: the Minimum Service Level; a window that misses it is a Service Level Default (`default` on the window). */
    minimum?: number;
    /** (addition) `, default when breached in …`: the rule as words ("3 of any 12 consecutive windows"). */
    defaultRule?: string;
    /**
     * (addition) One more missed window is a Service Level Default (per `for each` value): the next
     * window not known yet — in progress, or the next of the validity — starting `start`, would
     * complete the rule if it missed the target; `missed` of the `counted` windows before it are missed.
     */
    defaultAtRisk?: Array<{ start: string; missed: number; counted: number; scopeValue?: string }>;
    /**
     * (addition) The promise comes into force (`inForce`) or steps up on `from`, `days` days after
     * the last day evaluated (at most 90): the target from then on, and — for a step — the latest
     * window with a value (per scope value) that would miss it (`wouldMiss`, empty when none would).
     */
    upcoming?: { from: string; target: number; days: number; inForce?: true; wouldMiss?: Array<{ start: string; value: number; scopeValue?: string }> };
    /** (addition) `, improved yearly to the mean of the best N windows by at most L`: the rule (`limit` in the objective's unit, canonical). */
    improvement?: { best: number; limit?: number; step: number };
    /** (addition) Improved yearly: the target of each contract year from the second on that the evaluation reaches, per scope value, and how it was computed. */
    improvedTargets?: ImprovedTargetReport[];
}

/**
 * The target of one contract year of an objective improved yearly (evaluate/continuous-improvement.ts):
 * `target` from `from` (the year's first day), `previous` the year before's; `best` the windows of
 * the year before whose values were averaged (best first), `mean` their exact mean, `measured` how
 * many of that year's windows had a value. `outcome`: `raised` (to the mean at the target's
 * precision), `capped` (by the limit), `not stricter` (kept), `too few windows` (kept).
 */
export interface ImprovedTargetReport {
    from: string;
    target: number;
    previous: number;
    measured: number;
    best: Array<{ start: string; value: number }>;
    mean: number | null;
    outcome: 'raised' | 'capped' | 'not stricter' | 'too few windows';
    scopeValue?: string;
    /**
     * The contract year has not begun and the year before is not over (it begins within 90 days of
     * the last day evaluated): computed from the windows of the year before that are over. More
     * windows can only make it stricter: the target will be at least this strict.
     */
    provisional?: true;
    /** A year to come whose target the latest window with a value (of this scope value) would miss. */
    wouldMiss?: true;
}

export interface CreditWindowReport {
    start: string;
    end: string;
    partial: boolean;
    value: number | null;
    /**
     * The amount may still change: the window is in progress (cut by the end of the evaluation
     * period, not by the validity), or pending rows or open outages could still change the tier or a
     * formula or per-item credit's amount.
     * A provisional amount is in the credit's `provisionalTotal`, not in its `total`.
     */
    provisional: boolean;
    /** The window is in progress (one reason it is provisional; present when true). */
    inProgress?: boolean;
    /** 1-based index of the tier that fired, null when none. */
    tier: number | null;
    tierLabel: string | null;
    percentOfFee: number | null;
    /** `40% of at-risk amount`: the tier's share of the at-risk amount as written (`percentOfFee` or the money amount is that share of it). */
    allocation?: number;
    /**
     * `raised by 50% per consecutive breach`: present when the credit was raised — which breach in a
     * row this window is (2 for the second) and the factor its tier's amount was multiplied by (1.5).
     */
    repeat?: { breach: number; factor: number };
    /**
     * The fee attributable to this window: prorated by elapsed time when the fee period differs
     * from the window, and to the part of the window inside the validity period; rounded to the
     * currency's minor unit (the amounts are computed on the exact fee).
     */
    fee: number | null;
    /** After caps, rounded to cents. */
    amount: number;
    /** Before caps, rounded to cents. */
    uncappedAmount: number;
    capped: boolean;
    /**
     * Which cap limited the amount: the window's, the year's (calendar, or fiscal with `per fiscal year`),
     * the cap on all credits of the agreement together (`credits capped at …`, the report's `creditCaps`),
     * or the cap on all credits of the credit's service (`credits capped at …` in the service).
     */
    cap?: 'window' | 'year' | 'agreement' | 'service';
    /** The window starts after the data end: no data, no credit (present when true). */
    afterDataEnd?: boolean;
    /** Fewer rows than the objective's minimum sample: value null, no credit. */
    insufficientData?: InsufficientData;
    /** Fewer rows than the minimum sample, judged by `else at most M failing`: met pays nothing, breached pays the tier of its value. */
    smallVolume?: SmallVolume;
    /** `for each <field>`: the value of the field this window's credit is for. */
    scopeValue?: string;
    /**
     * A tier applies but the fee from billing data is unknown (no billing rows for the window,
     * scope value or year): the amount cannot be computed; it is 0 here and not in any total
     * (present when true).
     */
    feeMissing?: boolean;
    /**
     * A formula tier fired (formula credits): the formula as written and the inputs it read
     * (`downtimeMs`, `windowMs`, `eligibleMs` when the formula names them). Present only then.
     */
    formula?: { text: string; downtimeMs?: number; windowMs?: number; eligibleMs?: number };
    /** The tier is `N days of service`: N (the amount is the value of N of the window's days of the fee). */
    daysOfService?: number;
    /** `claim within N days`: the last day (YYYY-MM-DD, agreement zone) to claim this window's credit; only on windows with a credit. */
    claimBy?: string;
    /** `no credit below N`: the credit (after caps) was below N and is not paid; `amount` is 0 (present when true). */
    belowMinimum?: boolean;
    /**
     * `earned back after N met windows`: `true` when the next N windows were all met, so the credit is
     * not paid (`amount` 0, `uncappedAmount` what it was); `"pending"` while some of them are not yet
     * known (the credit is provisional). Absent otherwise.
     */
    earnedBack?: true | 'pending';
    /**
     * The credit's `from 2026-04-01`: the window starts before the day credits are payable (a
     * stabilization period); `amount` is 0, `uncappedAmount` what it would owe (present when true).
     */
    notPayable?: true;
    /**
     * Per-item credits (a formula reading a count KPI): the rows counted in this window — how
     * many, and the first ones (data line, event time, `id` when the dataset has that field).
     */
    items?: { dataset: string; count: number; first: Array<{ line: number; at: string; id?: string }> };
}

/** `credits capped at 12% of fee per calendar month`: all credits of the agreement together, per period. */
export interface AgreementCreditCapReport {
    /** As written: `12% of fee per calendar month`. */
    cap: string;
    /** A cap on all credits of this service (written in it; a share of its own fee); absent: of the agreement. */
    service?: string;
    /** The period: `calendar month`, `calendar quarter`, `calendar year`, `fiscal year (year from April)`. */
    window: string;
    currency: string;
    /** The periods in which some credit was counted, in time order. */
    periods: AgreementCreditCapPeriod[];
}

export interface AgreementCreditCapPeriod {
    start: string;
    end: string;
    /** The cap in this period: the amount, or the share of the fee of the part of the period inside the validity. */
    limit: number;
    /** The credits of the period's windows that are not provisional, after each credit's own caps: the sum before this cap. */
    owed: number;
    /** What is paid of `owed` under this cap and any other cap on all credits: at most `limit`. */
    paid: number;
    /** Provisional credits of the period, lowered to what the cap leaves (not in `owed` or `paid`); present when some. */
    provisional?: number;
    /**
     * Evaluated from a later day than the validity's first (`--from`): what the credits of this
     * period's windows before the evaluation period were paid (not in `owed` or `paid`), counted
     * first against `limit`, as a whole evaluation counts them; present when some.
     */
    paidBefore?: number;
    /**
     * This cap was reached in this period: it cut some credit that is not provisional (with several
     * caps, `paid` may fall short of `owed` because of another one). Present when true.
     */
    reached?: true;
    /** The credits (KPI keys) this cap cut in this period (counted last); present when it was reached. */
    lowered?: string[];
}

/** `for each <field>`: one scope value's credits (each value has its own caps). */
export interface CreditScopeTotal {
    scopeValue: string;
    total: number;
    provisionalTotal: number;
}

export interface CreditReport {
    service?: string;
    kpi: string;
    kpiKey: string;
    window: string;
    /** Unit of the window values (the KPI's unit). */
    unit: ReportUnit;
    /** (addition) As the objective's `during`: the KPI counts the working time of this calendar. */
    during?: string;
    currency: string;
    /** The tiers' thresholds (in the unit of the values), so that readers show values that differ from them with enough digits. */
    thresholds: number[];
    feeProrated: boolean;
    /** `from 2026-04-01` (addition): credits are payable for the windows from this day on; the windows before it say `notPayable`. */
    payableFrom?: string;
    windows: CreditWindowReport[];
    /** Sum of the `amount`s (each window rounded to cents on its own) of the windows that are not provisional. */
    total: number;
    /** Sum of the `amount`s of the provisional windows (in progress, or a tier or amount open rows could change); not in `total`. */
    provisionalTotal: number;
    /** The plan whose credit table this is (`plan Premium { … }` in the credit block). */
    plan?: string;
    /** `for each <field>`: the field; the windows carry `scopeValue`. */
    scope?: string;
    /** `for each <field>`: per value, the sum of its windows' `amount`s (`total` is the sum over all values). */
    scopeTotals?: CreditScopeTotal[];
    /** Where the fee of `% of fee` comes from: the agreement's fee, the service's own, or billing data (absent: no fee). */
    feeSource?: 'agreement' | 'service' | 'billing data';
    /** `fee from … of previous month`: each window's fee is the charges of the calendar period of this unit before it. */
    feePrevious?: string;
    /** `claim within N days`: credits must be claimed within N days after the end of their window (each window's `claimBy`). */
    claimWithinDays?: number;
    /** (addition) `claim within N months`: credits must be claimed within N calendar months after the end of their window (each window's `claimBy`). */
    claimWithinMonths?: number;
    /** `no credit below N`: smaller window credits are not paid (in `currency`). */
    minimumCredit?: number;
    /** `applied to next invoice`: credits are deducted from the next invoice, not paid out (present when true). */
    appliedToNextInvoice?: boolean;
    /** `earned back after N met windows`: N (each window's `earnedBack`). */
    earnBackWindows?: number;
}

export interface OpenItem {
    kind: 'open incident' | 'unresolved row';
    dataset: string;
    line: number;
    start: string | null;
    /**
     * Unresolved rows: 'pending' when some KPI could not decide the row yet, else decided on its elapsed time so far:
     * 'failed' when some objective's KPI counts it as failing, 'passed' (addition) when every one counts it as passing.
     */
    state?: 'pending' | 'failed' | 'passed';
    /** Unresolved rows: the end fields of its elapsed(…)s left empty (`escalated` of a ticket resolved but never escalated). */
    emptyFields?: string[];
}
