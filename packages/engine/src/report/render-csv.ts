/**
 * `--format csv`: every window of every objective, internal target and credit as one row of one
 * table (RFC 4180), for a spreadsheet, a billing import or a BI tool (docs/cli.md, "CSV"). A
 * portfolio gives the rows of each agreement in the portfolio's order. Values are the JSON
 * report's, in its units (ratios as fractions, durations in ms, money in currency units); an
 * absent value is an empty cell. What the other formats say in notes (rows skipped as invalid,
 * agreements left out of a portfolio, …) follows as rows of kind `note`: nothing the report
 * says is dropped silently.
 */
import { stringify } from 'csv-stringify/sync';
import type { PortfolioReport } from './portfolio-types.js';
import type { CreditReport, CreditWindowReport, ObjectiveReport, Report, WindowReport } from './report-types.js';

/** The columns, in order: JSON field names where the JSON report has the field. */
export const CSV_COLUMNS = [
    'agreement', 'customer', 'kind', 'service', 'kpi', 'window', 'scopeValue', 'plan', 'start', 'end', 'partial',
    'status', 'value', 'unit', 'comparison', 'target', 'margin', 'budgetConsumed', 'provisional', 'default',
    'tier', 'tierLabel', 'currency', 'fee', 'amount', 'uncappedAmount', 'capped', 'claimBy',
    'earnedBack', 'notPayable', 'belowMinimum', 'feeMissing',
    // Added last, so that the columns before it keep their places for imports that read by position.
    'note'
] as const;

type Column = typeof CSV_COLUMNS[number];
type Cell = string | number | boolean | null | undefined;
type Row = Partial<Record<Column, Cell>>;

/** The columns that hold text a user or a data file wrote (names, scope values), not numbers. */
const TEXT_COLUMNS: ReadonlySet<Column> = new Set(['agreement', 'customer', 'service', 'kpi', 'window', 'scopeValue', 'plan', 'unit', 'tierLabel', 'currency', 'note']);

/** One agreement's report, or a portfolio's (each agreement's rows in turn), as CSV text with a header line. */
export function renderCsv(report: Report | PortfolioReport): string {
    return [...csvPieces(report)].join('');
}

/**
 * The same text in pieces: the header, then each agreement's rows, then (a portfolio) the
 * portfolio's notes, so that a portfolio of many clients with daily rolling windows is written
 * as it is made, never held as one string.
 */
export function* csvPieces(report: Report | PortfolioReport): Generator<string> {
    yield csvText([[...CSV_COLUMNS]]);
    for (const one of 'kind' in report ? report.entries.map(entry => entry.report) : [report]) {
        const rows = reportRows(one);
        if (rows.length > 0) yield csvText(rows.map(recordOf));
    }
    // Portfolio-wide notes (agreements left out, a shared file's skipped rows): no agreement of their own.
    if ('kind' in report && report.notes.length > 0) yield csvText(report.notes.map(note => recordOf({ kind: 'note', note })));
}

function recordOf(row: Row): string[] {
    return CSV_COLUMNS.map(column => cellText(column, row[column]));
}

function csvText(records: string[][]): string {
    return stringify(records, {
        record_delimiter: 'windows',
        // csv-stringify quotes a field holding the record delimiter (CRLF), not one holding a lone
        // LF or CR, which most readers take for the end of the record.
        quoted_match: /[\r\n]/
    });
}

function reportRows(report: Report): Row[] {
    return [
        ...report.objectives.flatMap(objective => objectiveRows(report, objective, 'objective')),
        ...report.internalTargets.flatMap(objective => objectiveRows(report, objective, 'internal target')),
        ...report.credits.flatMap(credit => credit.windows.map(window => creditRow(report, credit, window))),
        ...noteRows(report)
    ];
}

/**
 * The report's notes (the JSON's `notes`), then each row skipped as invalid that the report
 * lists (`datasets[].rejectedSamples`, as the table's "Open and skipped rows" does).
 */
function noteRows(report: Report): Row[] {
    const skipped = report.datasets.flatMap(dataset => dataset.rejectedSamples.map(sample => `invalid row of dataset '${dataset.name}' skipped: ${sample.message}`));
    return [...report.notes, ...skipped].map(note => ({ agreement: report.agreement, customer: report.customer, kind: 'note', note }));
}

function objectiveRows(report: Report, objective: ObjectiveReport, kind: 'objective' | 'internal target'): Row[] {
    return objective.windows.map((window: WindowReport) => ({
        agreement: report.agreement, customer: report.customer, kind, service: objective.service, kpi: objective.kpi, window: objective.window,
        scopeValue: window.scopeValue, plan: objective.plan, start: window.start, end: window.end, partial: window.partial,
        status: window.status, value: window.value, unit: objective.unit, comparison: objective.comparison,
        // A promise whose target steps over the term: the target this window was judged against.
        target: window.target ?? objective.target, margin: window.margin, budgetConsumed: window.budgetConsumed,
        provisional: window.provisional === true, default: window.default
    }));
}

function creditRow(report: Report, credit: CreditReport, window: CreditWindowReport): Row {
    return {
        agreement: report.agreement, customer: report.customer, kind: 'credit', service: credit.service, kpi: credit.kpi, window: credit.window,
        scopeValue: window.scopeValue, plan: credit.plan, start: window.start, end: window.end, partial: window.partial,
        value: window.value, unit: credit.unit, provisional: window.provisional, tier: window.tier, tierLabel: window.tierLabel,
        currency: credit.currency, fee: window.fee, amount: window.amount, uncappedAmount: window.uncappedAmount,
        capped: window.capped, claimBy: window.claimBy, earnedBack: window.earnedBack,
        notPayable: window.notPayable, belowMinimum: window.belowMinimum, feeMissing: window.feeMissing
    };
}

/**
 * A cell's text. Numbers as the JSON report writes them; no value, an empty cell. A text cell
 * that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return: a scope value from a client's export can be anything) gets a leading apostrophe, so
 * it is shown as the text it is (OWASP, "CSV Injection").
 */
function cellText(column: Column, value: Cell): string {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') return String(value);
    return TEXT_COLUMNS.has(column) && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
