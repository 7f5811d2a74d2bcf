import type { ClientRowView, CreditsSortKey, PortfolioColumn, PortfolioStatusClass, SortDirection } from './portfolio-view.js';

// Sorting and filtering of the portfolio table: pure functions, run by the webview script
// (bundled into it) and by the unit tests.

/** The order a portfolio reads in: what needs attention first. */
export const STATUS_RANK: Record<PortfolioStatusClass, number> = { breached: 0, 'at-risk': 1, met: 2, 'no-data': 3 };

const byName = (a: ClientRowView, b: ClientRowView): number => compareText(a.client, b.client) || compareText(a.agreement, b.agreement);

function compareText(a: string, b: string): number {
    return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}

/** Null (no value) sorts after every value in both directions: a missing number is never "the best". */
function compareNullable<T extends number | string>(a: T | null, b: T | null, sign: number): number {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return sign * (typeof a === 'number' ? (a as number) - (b as number) : compareText(a as string, b as string));
}

/**
 * Credits without exchange rates (¥7,500 is about €45, not more than €600): by currency in code
 * order (EUR, JPY, USD) in both directions, then by the amount owed in it, then by the
 * provisional amount (which may still change); a client owing nothing last in both directions.
 */
function compareCredits(a: CreditsSortKey | null, b: CreditsSortKey | null, sign: number): number {
    if (a === null || b === null) return compareNullable(a === null ? null : 0, b === null ? null : 0, sign);
    if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
    return sign * (a.total - b.total) || sign * (a.provisional - b.provisional);
}

/**
 * The rows sorted by `column`; ties by status (breached first), then client name. The
 * default (status, ascending) is the report's order: breached, at risk, met, no data.
 */
export function sortRows(rows: readonly ClientRowView[], column: PortfolioColumn = 'status', direction: SortDirection = 'ascending'): ClientRowView[] {
    const sign = direction === 'ascending' ? 1 : -1;
    const primary = (a: ClientRowView, b: ClientRowView): number => {
        switch (column) {
            case 'client': return sign * byName(a, b);
            case 'template': return sign * compareText(a.template, b.template);
            case 'status': return sign * (a.sort.statusRank - b.sort.statusRank);
            case 'met': return sign * (a.met - b.met);
            case 'breached': return sign * (a.breached - b.breached);
            case 'noData': return sign * (a.noData - b.noData);
            case 'worst': return compareNullable(a.sort.worstRelativeMargin, b.sort.worstRelativeMargin, sign);
            case 'credits': return compareCredits(a.sort.credits, b.sort.credits, sign);
            case 'atRisk': return sign * (a.sort.atRisk - b.sort.atRisk);
            case 'expiring': return compareNullable(a.sort.expiresOn, b.sort.expiresOn, sign);
            case 'coverage': return compareNullable(a.sort.coverage, b.sort.coverage, sign);
        }
    };
    return [...rows].sort((a, b) => primary(a, b) || a.sort.statusRank - b.sort.statusRank || byName(a, b));
}

export interface RowFilter {
    /** Words that must all occur in the client, title, agreement or template (case-insensitive). */
    text?: string;
    /** Only rows with one of these statuses (empty or absent: all). */
    statuses?: readonly PortfolioStatusClass[];
}

export function filterRows(rows: readonly ClientRowView[], filter: RowFilter): ClientRowView[] {
    const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '');
    const statuses = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
    return rows.filter((row) => {
        if (statuses && !statuses.has(row.status)) return false;
        const haystack = `${row.client}\n${row.title}\n${row.agreement}\n${row.template}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
    });
}

/** The table's columns; `sortNote`, where sorting needs saying, is the header's tooltip (else `Sort by <label>`). */
export const PORTFOLIO_COLUMNS: ReadonlyArray<{ column: PortfolioColumn; label: string; sortNote?: string }> = [
    { column: 'client', label: 'client' },
    { column: 'template', label: 'template' },
    { column: 'status', label: 'status' },
    { column: 'met', label: 'met' },
    { column: 'breached', label: 'breached' },
    { column: 'noData', label: 'no data' },
    {
        column: 'worst', label: 'worst objective (margin)',
        sortNote: 'Sort by the margin relative to the target (margin ÷ target): 4.9 points under 99.9 % (−4.9 %) is worse than 1 minute over 4 hours (−0.42 %)'
    },
    {
        column: 'credits', label: 'credits',
        sortNote: 'Sort by currency (in code order: EUR, JPY, USD), then by the amount owed in it, provisional credits breaking ties; amounts in different currencies are never compared. '
            + 'A client owing in two currencies sorts by the first; clients owing nothing come last'
    },
    { column: 'atRisk', label: 'at risk' },
    { column: 'expiring', label: 'expiring' },
    { column: 'coverage', label: 'coverage' }
];

export function isPortfolioColumn(value: unknown): value is PortfolioColumn {
    return PORTFOLIO_COLUMNS.some((entry) => entry.column === value);
}
