import type { ObjectiveChart } from '@sla/engine/chart';

// The report as the webview shows it: display strings, formatted here with the engine's
// formatters (the same numbers as the CLI), plus plain numbers for the chart. The webview
// script stays small and gets nothing but this JSON.

/** A status the webview colours, always shown with its word too. */
export type StatusClass = 'met' | 'breached' | 'no-data';

export interface WindowRowView {
    window: string;
    scopeValue?: string;
    partial: boolean;
    value: string;
    target: string;
    status: StatusClass;
    statusWord: string;
    margin: string;
    budgetConsumed: string;
    budgetRemaining: string;
}

export interface SummaryRowView {
    month: string;
    scopeValue?: string;
    windows: number;
    met: number;
    breached: number;
    noData: number;
    shareMet: string;
    worst: string;
}

export interface ObjectiveView {
    /** Stable id for the chart canvas. */
    id: string;
    name: string;
    description: string;
    owner?: string;
    scope?: string;
    status: StatusClass;
    statusWord: string;
    rows: WindowRowView[];
    /** Rolling objectives: windows not met only (met ones are in the monthly summary). */
    rowsNote?: string;
    summary?: SummaryRowView[];
    /** What the chart shows (the engine's chart model, shared with the HTML report); absent: no window has a value. */
    chart?: ObjectiveChart;
    /** `objective each …`: the first failed items of each window (as the table report lists them). */
    failedItems?: FailedItemView[];
}

export interface FailedItemView {
    window: string;
    item: string;
    line: string;
    value: string;
}

export interface CreditRowView {
    window: string;
    value: string;
    tier: string;
    percentOfFee: string;
    fee: string;
    amount: string;
    cap: string;
}

export interface CreditView {
    name: string;
    window: string;
    currency: string;
    rows: CreditRowView[];
    total: string;
    notes: string[];
}

export interface DatasetView {
    name: string;
    path: string;
    rows: number;
    rejected: number;
    outsidePeriod: number;
    first: string;
    last: string;
    /** Which engine computed the dataset's figures: "local engine", or the SQL engine, its connection, pushed down or pulled (and why). */
    computedBy: string;
}

export interface RejectedRowView {
    dataset: string;
    line: number;
    field: string;
    value: string;
    message: string;
}

export interface OpenItemView {
    kind: string;
    dataset: string;
    line: number;
    start: string;
}

export interface ReportView {
    agreement: string;
    title?: string;
    timezone: string;
    period: string;
    generatedAt: string;
    sourceFile?: string;
    totals: { windows: number; met: number; breached: number; noData: number };
    objectivesMet: string;
    objectives: ObjectiveView[];
    internalTargets: ObjectiveView[];
    credits: CreditView[];
    creditTotals: string[];
    datasets: DatasetView[];
    rejectedRows: RejectedRowView[];
    openItems: OpenItemView[];
    /** Caps on all credits together (the at-risk amount): per period owed, cap, paid and the credits lowered; empty when the agreement has none. */
    creditCaps: TermsTableView[];
    /** Termination rights (fired, at risk, not fired), as the engine's report tables give them; empty when the agreement has none. */
    terminations: TermsTableView[];
    /** Maintenance whose periods a change log lists: read, counted, announced late; empty when none. */
    listedMaintenance: TermsTableView[];
    notes: string[];
}

/** A table of the engine's report (report-tables.ts) as the webview draws it; `breached` rows are highlighted. */
export interface TermsTableView {
    title: string;
    headers: string[];
    rows: string[][];
    breached: boolean[];
}

/** Messages between the extension and the webview. */
export type ToWebview = { type: 'report'; view: ReportView; /** the data the report was made from changed on disk since: what to say above it */ dataChanged?: string };
export type ExportFormat = 'markdown' | 'html' | 'json' | 'csv';
export type FromWebview =
    | { type: 'ready' }
    | { type: 'export'; format: ExportFormat }
    | { type: 'cspViolation'; directive: string; blocked: string };
