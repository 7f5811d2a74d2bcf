/**
 * The portfolio report: the JSON contract of `sla evaluate <several agreements> --format json`
 * when more than one agreement is evaluated (docs/cli.md, "Portfolio report"), and the object the
 * portfolio renderers (table, Markdown, HTML) and the VS Code portfolio view read.
 * Each entry embeds the agreement's own report unchanged (`report-types.ts`).
 * Units as in the agreement report: ratios as fractions, durations in ms, money in currency units.
 */
import type { Report, ReportUnit, WindowStatus } from './report-types.js';

export interface PortfolioReport {
    kind: 'portfolio';
    schemaVersion: 1;
    /** The evaluation period [from, to): instants, the earliest start and the latest end of the agreements' own periods (each in its report). */
    period: { from: string; to: string };
    generatedAt: string;
    /** One entry per agreement, breached first, then at risk, then by client name. */
    entries: PortfolioEntry[];
    /** Credits owed over all agreements, one line per currency (never summed across currencies). */
    totals: PortfolioTotals;
    /** Each data file and how many agreements it served in one read (the one-pass property, counted). */
    dataFiles: Array<{ path: string; agreements: number; reads: number; rows: number; /** threads that read the file in its pass (2: a large CSV file read by the command and a worker) */ threads?: number }>;
    /** Portfolio-wide findings: internal targets weaker than a client's promise, and the like. */
    notes: string[];
}

export interface PortfolioEntry {
    agreement: string;
    client?: string;
    title?: string;
    sourceFile?: string;
    template?: string;
    status: 'breached' | 'at risk' | 'met' | 'no data';
    objectives: { met: number; breached: number; noData: number };
    /** The objective with the smallest margin in its latest window with data (negative: breached). */
    worst?: { kpi: string; service?: string; /** (addition) the `for each` value */ scopeValue?: string; window: string; margin: number; unit: string; status: WindowStatus };
    /** Credits owed per currency (final and provisional apart). */
    credits: Array<{ currency: string; total: number; provisionalTotal: number }>;
    /** Internal targets missed in windows where the contract's objective on the same KPI was met (`scopeValue`: the `for each` value). */
    earlyWarnings: Array<{ kpi: string; service?: string; window: string; start: string; scopeValue?: string }>;
    /**
     * The windows in progress of ratio objectives that miss their target so far, projected breached
     * at the current burn rate (docs/cli.md, "At risk"): a window in progress on track is not listed.
     * Each with the share of the whole window's error budget consumed so far and the projection.
     */
    atRisk: Array<{
        kpi: string;
        service?: string;
        /** (addition) the `for each` value */
        scopeValue?: string;
        window: string;
        start: string;
        end: string;
        budgetConsumed: number;
        projected: WindowStatus;
    }>;
    deviations: Array<{ member: string; kind: 'tightened' | 'loosened' | 'replaced' | 'added'; text: string }>;
    /** The validity ends within 90 days of the end of the evaluation period: the last day (YYYY-MM-DD). */
    expiresOn?: string;
    /**
     * (addition) Promises that come into force or step up within 90 days of the end of the evaluation
     * period (present when some do): the day, the new target, and how many of the latest windows would miss it.
     */
    upcoming?: Array<{ kpi: string; service?: string; from: string; comparison: '>=' | '>' | '<=' | '<'; target: number; unit: ReportUnit; inForce?: true; wouldMiss: number }>;
    /**
     * (addition) The windows that are Service Level Defaults of an objective with a minimum or a
     * default rule (present when there are some): which objective, window and why.
     */
    defaults?: Array<{ kpi: string; service?: string; scopeValue?: string; start: string; end: string; reason: 'below minimum' | 'repeated'; provisional?: true }>;
    /**
     * (addition) Targets that Continuous Improvement raised (present when some were): per objective
     * (and `for each` value), the contract year's first day, the target before and from then on,
     * whether the yearly limit capped it, `provisional` for a year to come (within 90 days) whose
     * year before is not over (the target will be at least this strict), and `wouldMiss` when the
     * latest window with a value would miss the target of a year to come.
     */
    improvedTargets?: Array<{ kpi: string; service?: string; scopeValue?: string; from: string; comparison: '>=' | '>' | '<=' | '<'; previous: number; target: number; unit: ReportUnit; capped?: true; provisional?: true; wouldMiss?: true }>;
    /** (addition) Objectives one more missed window of which is a Service Level Default (present when there are some): the window at stake. */
    defaultsAtRisk?: Array<{ kpi: string; service?: string; scopeValue?: string; start: string; rule: string }>;
    /** Termination rights that fired or that one more breached window would fire (present when there are some). */
    terminations?: Array<{ name: string; scopeValue?: string; status: 'fired' | 'at risk'; firedAt?: string; noticeBy?: string }>;
    /**
     * Caps on all credits together that cut what the credits owed in some period (present when
     * some did): per cap, over the evaluation period, the periods cut and what was owed and paid.
     */
    creditCaps?: Array<{ cap: string; currency: string; periodsCut: number; owed: number; paid: number; /** a service's cap on its own credits */ service?: string }>;
    /**
     * Share of the evaluation period covered by data, per dataset (from the report's coverage);
     * `null` when the dataset has no data end (coverage basis "no rows": no rows and no declared
     * end, or a client scope that matched no row of any dataset it scopes).
     */
    coverage: Array<{ dataset: string; share: number | null }>;
    /** The agreement's own report, unchanged. */
    report: Report;
}

export interface PortfolioTotals {
    agreements: number;
    breached: number;
    atRisk: number;
    met: number;
    noData: number;
    credits: Array<{ currency: string; total: number; provisionalTotal: number }>;
}
