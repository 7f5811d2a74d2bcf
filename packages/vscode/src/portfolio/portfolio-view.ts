import type { SvgNode } from '@sla/engine/chart';

// The portfolio as the webview shows it: display strings formatted here with the engine's
// formatters, plus plain numbers the table sorts by. The webview script gets nothing but
// this JSON and draws it with DOM calls (text via textContent).

/** A client's status as the webview colours it (always shown with its word too). */
export type PortfolioStatusClass = 'breached' | 'at-risk' | 'met' | 'no-data';

export interface ClientRowView {
    /**
     * Unique in a portfolio (build-portfolio-view.ts clientKey: the agreement's file and name):
     * what "open this client's report" names. Agreement names alone are not unique: two client
     * files may both write `agreement Hosting`.
     */
    key: string;
    /** The agreement's name. */
    agreement: string;
    client: string;
    /** The customer's title, or the agreement's. */
    title: string;
    template: string;
    status: PortfolioStatusClass;
    statusWord: string;
    met: number;
    breached: number;
    noData: number;
    /** `Availability (Feb 2026) −0.322 pp`, or `—`. */
    worst: string;
    /** Credits owed, one per currency (`€1,200.00`), provisional ones apart. */
    credits: string;
    atRisk: string;
    expiring: string;
    /** The CLI table's Coverage cell (the engine's portfolioCoverageText): `41.5 %`, `0 % (incidents: no rows)`, or `—`. */
    coverage: string;
    /** Numbers the table sorts by (null sorts last). */
    sort: {
        statusRank: number;
        /** The worst objective's margin relative to its target (worst-relative-margin.ts): margins in different units compare. */
        worstRelativeMargin: number | null;
        /** What the client owes in the first currency (in code order) it owes any credit in; null when it owes none (portfolio-table.ts compareCredits). */
        credits: CreditsSortKey | null;
        atRisk: number;
        expiresOn: string | null;
        /** The lowest share covered, a dataset without rows as 0; null when the agreement reads no dataset. */
        coverage: number | null;
    };
}

/**
 * A client's credits as the table sorts them, without exchange rates: a currency (ISO code),
 * the amount owed in it and the provisional amount (which may still change) apart.
 */
export interface CreditsSortKey {
    currency: string;
    total: number;
    provisional: number;
}

export interface CreditsChartView {
    currency: string;
    /** Months (`2026-02`) with their credits owed over all clients. */
    months: Array<{ month: string; total: number; provisional: number }>;
    /** The same months for the table under the chart: `Jan 2026`, `€1,000.00`, provisional or `—`. */
    rows: Array<{ month: string; total: string; provisional: string }>;
    /** The bar chart, drawn in the webview with the engine's svgToDom. */
    svg: SvgNode;
}

export interface PortfolioView {
    folder: string;
    period: string;
    generatedAt: string;
    /** `12 agreements: 3 breached, 2 at risk, 6 met, 1 without data`. */
    headline: string;
    creditTotals: string[];
    rows: ClientRowView[];
    charts: CreditsChartView[];
    notes: string[];
    /** Files that could not be evaluated, and why. */
    failures: Array<{ file: string; message: string }>;
    /** The data changed on disk since this portfolio was evaluated: what to say above it ('' when not). */
    dataChanged: string;
}

/** Columns the table sorts by (the header buttons carry these). */
export type PortfolioColumn = 'client' | 'template' | 'status' | 'met' | 'breached' | 'noData' | 'worst' | 'credits' | 'atRisk' | 'expiring' | 'coverage';
export type SortDirection = 'ascending' | 'descending';

/** Messages between the extension and the portfolio webview. */
export type ToPortfolioWebview = { type: 'portfolio'; view: PortfolioView };
export type FromPortfolioWebview =
    | { type: 'ready' }
    /** `key`: a row's ClientRowView.key. */
    | { type: 'openClient'; key: string }
    /** Save the portfolio's windows as CSV (`sla evaluate --format csv`). */
    | { type: 'exportCsv' }
    | { type: 'cspViolation'; directive: string; blocked: string };
