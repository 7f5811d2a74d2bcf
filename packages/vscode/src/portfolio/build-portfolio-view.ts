import { formatBudgetUsed, formatMargin, formatMoney, formatTarget, formatWindow, portfolioCoverageText, windowStartDay, type PortfolioEntry, type PortfolioReport, type ReportUnit } from '@sla/engine';
import { creditsCharts } from './credits-chart.js';
import { sortRows, STATUS_RANK } from './portfolio-table.js';
import type { ClientRowView, CreditsSortKey, PortfolioStatusClass, PortfolioView } from './portfolio-view.js';
import { worstRelativeMargin } from './worst-relative-margin.js';

/** What the extension evaluated: the portfolio, and the files it could not evaluate. */
export interface PortfolioEvaluation {
    /** The folder's name as the user knows it. */
    folder: string;
    report: PortfolioReport;
    /** `file` as the user reads it (relative to the workspace), `path` the file's own (to open it). */
    failures: Array<{ file: string; message: string; path?: string }>;
    /** What to say above the portfolio when data files it read changed on disk since (data-file-watch.ts's dataChangedNote); '' or absent when none did. */
    dataChangedNote?: string;
}

const STATUS_CLASS: Record<PortfolioEntry['status'], PortfolioStatusClass> = { breached: 'breached', 'at risk': 'at-risk', met: 'met', 'no data': 'no-data' };
const STATUS_WORD: Record<PortfolioStatusClass, string> = { breached: 'BREACHED', 'at-risk': 'AT RISK', met: 'MET', 'no-data': 'NO DATA' };

export function statusClassOf(entry: Pick<PortfolioEntry, 'status'>): PortfolioStatusClass {
    return STATUS_CLASS[entry.status];
}

export function statusWordOf(status: PortfolioStatusClass): string {
    return STATUS_WORD[status];
}

/** A period [from, to) for readers: whole days as first – last day; any other instant by its day. */
function periodText(period: PortfolioReport['period']): string {
    const midnight = (iso: string): boolean => iso.length === 10 || iso.slice(11, 19) === '00:00:00';
    if (period.from.length > 10 && period.to.length > 10 && midnight(period.from) && midnight(period.to)) return formatWindow(period.from, period.to);
    return `${period.from.slice(0, 10)} – ${period.to.slice(0, 10)}`;
}

/** `Service · KPI (value)`: with `for each`, the value the line is about. */
function objectiveName(item: { kpi: string; service?: string; scopeValue?: string }): string {
    return `${item.service ? `${item.service} · ${item.kpi}` : item.kpi}${item.scopeValue === undefined ? '' : ` (${item.scopeValue})`}`;
}

/** Credits owed per currency; when a cap on all credits together was reached, how often (the client got its whole at-risk amount). */
function creditsText(credits: PortfolioEntry['credits'], caps: PortfolioEntry['creditCaps'] = []): string {
    const parts = credits
        .filter((credit) => credit.total !== 0 || credit.provisionalTotal !== 0)
        .map((credit) => formatMoney(credit.total, credit.currency) + (credit.provisionalTotal !== 0 ? ` (+${formatMoney(credit.provisionalTotal, credit.currency)} provisional)` : ''));
    const reached = caps.reduce((count, cap) => count + cap.periodsCut, 0);
    const capped = reached === 0 ? '' : ` (at-risk amount reached in ${reached} period${reached === 1 ? '' : 's'}: ${caps.map((cap) => `${cap.service !== undefined ? `${cap.service} ` : ''}${formatMoney(cap.owed, cap.currency)} owed`).join(', ')})`;
    return parts.length === 0 ? '—' : parts.join(', ') + capped;
}

/**
 * Windows in progress that miss their target, after the termination rights that fired or are one
 * breach away (the gravest risk first), then the steps to come that the latest windows would miss,
 * then the promises one more missed window of which is a Service Level Default, then the targets
 * Continuous Improvement raises for a year to come that the latest window would miss.
 */
function atRiskText(atRisk: PortfolioEntry['atRisk'], terminations: PortfolioEntry['terminations'] = [], upcoming: PortfolioEntry['upcoming'] = [], defaultsAtRisk: PortfolioEntry['defaultsAtRisk'] = [],
    improved: PortfolioEntry['improvedTargets'] = []): string {
    const parts = terminations.map((right) => `termination right ${right.name}${right.scopeValue === undefined ? '' : ` (${right.scopeValue})`} ${right.status === 'fired' ? `FIRED${right.noticeBy === undefined ? '' : `, notice by ${right.noticeBy}`}` : 'at risk'}`);
    if (atRisk.length > 0) {
        const first = atRisk[0]!;
        const text = `${objectiveName(first)}: ${formatBudgetUsed(first.budgetConsumed)} of the budget used, projected ${first.projected === 'no data' ? 'without data' : first.projected}`;
        parts.push(atRisk.length === 1 ? text : `${text}; and ${atRisk.length - 1} more`);
    }
    for (const step of upcoming.filter((line) => line.wouldMiss > 0)) {
        parts.push(`${objectiveName(step)} steps up to ${step.comparison} ${formatTarget(step.target, step.unit)} on ${step.from}: the latest window would miss it`);
    }
    for (const risk of defaultsAtRisk) {
        parts.push(`${objectiveName(risk)}: one more missed window is a Service Level Default`);
    }
    for (const year of improved.filter((line) => line.wouldMiss === true)) {
        parts.push(`${objectiveName(year)} rises to ${year.provisional === true ? 'at least ' : ''}${year.comparison} ${formatTarget(year.target, year.unit)} on ${year.from}: the latest window would miss it`);
    }
    return parts.length === 0 ? '—' : parts.join('; ');
}

/**
 * The credits a client is sorted by: those in the first currency (in code order) it owes any
 * credit in, firm or provisional, as the cell lists them; null when it owes none. Amounts in
 * different currencies are never compared (portfolio-table.ts compareCredits).
 */
function creditsSortKey(credits: PortfolioEntry['credits']): CreditsSortKey | null {
    const owed = credits.filter((credit) => credit.total !== 0 || credit.provisionalTotal !== 0).sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
    const first = owed[0];
    return first === undefined ? null : { currency: first.currency, total: first.total, provisional: first.provisionalTotal };
}

/**
 * The lowest share of the period covered by data, as the Coverage column is sorted: a dataset
 * without a data end (no rows) covers none of it, 0, as the cell (the engine's
 * portfolioCoverageText, the CLI's table) reads `0 % (incidents: no rows)`; null when the
 * agreement reads no dataset ("—").
 */
function lowestCoverage(coverage: PortfolioEntry['coverage']): number | null {
    return coverage.length === 0 ? null : Math.min(...coverage.map((dataset) => dataset.share ?? 0));
}

/**
 * What names a client of a portfolio: its agreement's file and name. Names alone are not unique
 * (clients/alpha.sla and clients/beta.sla may both write `agreement Hosting`); a file declares
 * each name once. Tree item ids, the page's "open client" messages and the report lookup use it.
 */
export function clientKey(entry: Pick<PortfolioEntry, 'agreement' | 'sourceFile'>): string {
    return `${entry.sourceFile ?? ''}#${entry.agreement}`;
}

/** The entry `key` (clientKey) names, if it is one of `entries`. */
export function entryOfKey<T extends Pick<PortfolioEntry, 'agreement' | 'sourceFile'>>(entries: readonly T[], key: string): T | undefined {
    return entries.find((entry) => clientKey(entry) === key);
}

export function clientRow(entry: PortfolioEntry): ClientRowView {
    const status = statusClassOf(entry);
    return {
        key: clientKey(entry),
        agreement: entry.agreement,
        client: entry.client ?? entry.agreement,
        title: entry.title ?? entry.report.title ?? '',
        template: entry.template ?? '—',
        status,
        statusWord: statusWordOf(status),
        met: entry.objectives.met,
        breached: entry.objectives.breached,
        noData: entry.objectives.noData,
        worst: entry.worst ? `${objectiveName(entry.worst)} (${windowStartDay(entry.worst.window)}) ${formatMargin(entry.worst.margin, entry.worst.unit as ReportUnit)}` : '—',
        credits: creditsText(entry.credits, entry.creditCaps),
        atRisk: atRiskText(entry.atRisk, entry.terminations, entry.upcoming, entry.defaultsAtRisk, entry.improvedTargets),
        expiring: entry.expiresOn ? `ends ${entry.expiresOn}` : '—',
        coverage: portfolioCoverageText(entry),
        sort: {
            statusRank: STATUS_RANK[status],
            worstRelativeMargin: worstRelativeMargin(entry),
            credits: creditsSortKey(entry.credits),
            // As many as the risks the cell lists (atRiskText).
            atRisk: entry.atRisk.length + (entry.terminations?.length ?? 0) + (entry.upcoming ?? []).filter((line) => line.wouldMiss > 0).length + (entry.defaultsAtRisk?.length ?? 0)
                + (entry.improvedTargets ?? []).filter((line) => line.wouldMiss === true).length,
            expiresOn: entry.expiresOn ?? null,
            coverage: lowestCoverage(entry.coverage)
        }
    };
}

/** `1 file not evaluated: clients/beta.sla` ('' when every file was): the tree says so above its clients. */
export function notEvaluatedNote(failures: PortfolioEvaluation['failures']): string {
    const files = [...new Set(failures.map((failure) => failure.file))];
    if (files.length === 0) return '';
    const shown = files.length > 3 ? [...files.slice(0, 3), `and ${files.length - 3} more`] : files;
    return `${files.length} file${files.length === 1 ? '' : 's'} not evaluated: ${shown.join(', ')}.`;
}

/** What the "SLA Portfolio" tree says above its clients: data changed since, files not evaluated; undefined when nothing. */
export function portfolioTreeMessage(evaluation: PortfolioEvaluation): string | undefined {
    return [evaluation.dataChangedNote ?? '', notEvaluatedNote(evaluation.failures)].filter((text) => text !== '').join(' ') || undefined;
}

export function buildPortfolioView(evaluation: PortfolioEvaluation): PortfolioView {
    const { report } = evaluation;
    const t = report.totals;
    return {
        folder: evaluation.folder,
        period: periodText(report.period),
        generatedAt: report.generatedAt,
        headline: `${t.agreements} agreement${t.agreements === 1 ? '' : 's'}: ${t.breached} breached, ${t.atRisk} at risk, ${t.met} met, ${t.noData} without data`,
        creditTotals: t.credits.map((credit) => formatMoney(credit.total, credit.currency) + (credit.provisionalTotal !== 0 ? ` (+${formatMoney(credit.provisionalTotal, credit.currency)} provisional)` : '')),
        rows: sortRows(report.entries.map(clientRow)),
        charts: creditsCharts(report.entries),
        notes: report.notes,
        failures: evaluation.failures.map(({ file, message }) => ({ file, message })),
        dataChanged: evaluation.dataChangedNote ?? ''
    };
}
