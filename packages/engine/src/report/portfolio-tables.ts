/**
 * The portfolio report as titled tables of display strings (like report-tables.ts for one
 * agreement): the common ground of the portfolio's table, Markdown and HTML renderers.
 */
import { formatBudgetUsed, formatMargin, formatMoney, formatShare, formatTarget, formatWindow } from './format-values.js';
import type { PortfolioEntry, PortfolioReport } from './portfolio-types.js';
import type { ReportTable } from './report-tables.js';

const STATUS_WORDS: Record<PortfolioEntry['status'], string> = { breached: 'BREACHED', 'at risk': 'AT RISK', met: 'MET', 'no data': 'NO DATA' };

export function portfolioStatusWord(status: PortfolioEntry['status']): string {
    return STATUS_WORDS[status];
}

/** `12 agreements: 2 breached, 1 at risk, 8 met, 1 no data; credits owed 450.00 EUR, 120.00 USD (+ 30.00 EUR provisional)`. */
export function portfolioHeadline(report: PortfolioReport): string {
    const t = report.totals;
    const credits = report.totals.credits;
    const owed = credits.length === 0 ? 'no credits owed' : `credits owed ${credits.map((line) => formatMoney(line.total, line.currency)).join(', ')}`;
    const provisional = credits.filter((line) => line.provisionalTotal !== 0);
    const pending = provisional.length === 0 ? '' : ` (provisional: ${provisional.map((line) => formatMoney(line.provisionalTotal, line.currency)).join(', ')})`;
    return `${t.agreements} agreement${t.agreements === 1 ? '' : 's'} from ${report.period.from} to ${report.period.to}: ${t.breached} breached, ${t.atRisk} at risk, ${t.met} met, ${t.noData} no data; ${owed}${pending}.`;
}

function creditsText(credits: PortfolioEntry['credits']): string {
    if (credits.length === 0) return '—';
    return credits.map((line) => formatMoney(line.total, line.currency) + (line.provisionalTotal !== 0 ? ` (+${formatMoney(line.provisionalTotal, line.currency)} prov.)` : '')).join(', ');
}

/** `Service.KPI (value)`: with `for each`, the value the line is about. */
function dottedName(line: { kpi: string; service?: string; scopeValue?: string }): string {
    return `${line.service === undefined ? line.kpi : `${line.service}.${line.kpi}`}${line.scopeValue === undefined ? '' : ` (${line.scopeValue})`}`;
}

/** The worst objective's latest window, by the day it starts (a breached agreement's worst may be a later, met window: the day says which). */
function worstText(entry: PortfolioEntry): string {
    if (entry.worst === undefined) return '—';
    return `${dottedName(entry.worst)} (${windowStartDay(entry.worst.window)}) ${formatMargin(entry.worst.margin, entry.worst.unit)}`;
}

/** The worst window named by its ISO start (`2026-03-01T00:00:00+09:00`), as the day it starts in the agreement's zone. */
export function windowStartDay(window: string): string {
    return /^\d{4}-\d{2}-\d{2}T/.test(window) ? window.slice(0, 10) : window;
}

/**
 * The least covered dataset speaks for the agreement. A dataset with no data end (an empty file
 * without a declared end, or a client scope that matched no row of any dataset it scopes: basis
 * "no rows", as the agreement report's data table says) covers none of the period: 0 %, named,
 * never "—", which would read as "nothing to cover" and hide the other datasets' shares too.
 * The one home of the Coverage cell: the CLI's tables and the VS Code portfolio view both show it.
 */
export function portfolioCoverageText(entry: Pick<PortfolioEntry, 'coverage' | 'report'>): string {
    if (entry.coverage.length === 0) return '—';
    const withoutRows = entry.coverage.filter((line) => line.share === null && entry.report.datasets.find((dataset) => dataset.name === line.dataset)?.coverage.end === null);
    if (withoutRows.length > 0) return `${formatShare(0)} (${withoutRows.map((line) => line.dataset).join(', ')}: no rows)`;
    const shares = entry.coverage.map((line) => line.share);
    const known = shares.filter((share): share is number => share !== null);
    return known.length < shares.length ? '—' : formatShare(Math.min(...known));
}

export function portfolioTables(report: PortfolioReport): ReportTable[] {
    const tables: ReportTable[] = [];
    tables.push({
        title: 'Agreements',
        headers: ['Client', 'Agreement', 'Status', 'Objectives met/breached/no data', 'Worst (latest window, margin)', 'Credits', 'Early warnings', 'Deviations', 'Expires', 'Coverage'],
        rows: report.entries.map((entry) => [
            entry.client ?? '—',
            entry.agreement,
            portfolioStatusWord(entry.status),
            `${entry.objectives.met}/${entry.objectives.breached}/${entry.objectives.noData}`,
            worstText(entry),
            creditsText(entry.credits),
            String(entry.earlyWarnings.length),
            String(entry.deviations.length),
            entry.expiresOn ?? '—',
            portfolioCoverageText(entry)
        ]),
        breached: report.entries.map((entry) => entry.status === 'breached')
    });
    const risks = report.entries.flatMap((entry) => entry.atRisk.map((risk) => ({ entry, risk })));
    if (risks.length > 0) {
        tables.push({
            title: 'At risk (window in progress)',
            headers: ['Client', 'Objective', 'Window', 'Error budget consumed so far', 'Projected at current burn rate'],
            rows: risks.map(({ entry, risk }) => [entry.client ?? entry.agreement, dottedName(risk), formatWindow(risk.start, risk.end), formatBudgetUsed(risk.budgetConsumed), risk.projected === 'breached' ? 'BREACHED' : risk.projected === 'met' ? 'MET' : 'NO DATA']),
            breached: risks.map(() => false)
        });
    }
    const warnings = report.entries.flatMap((entry) => entry.earlyWarnings.map((warning) => ({ entry, warning })));
    if (warnings.length > 0) {
        tables.push({
            title: 'Early warnings (internal target missed, contract met)',
            headers: ['Client', 'KPI', 'Window', 'Start'],
            rows: warnings.map(({ entry, warning }) => [entry.client ?? entry.agreement, dottedName(warning), warning.window, warning.start]),
            breached: warnings.map(() => false)
        });
    }
    const deviations = report.entries.flatMap((entry) => entry.deviations.map((deviation) => ({ entry, deviation })));
    if (deviations.length > 0) {
        tables.push({
            title: 'Deviations from the template',
            headers: ['Client', 'Template', 'Member', 'Kind', 'Change'],
            rows: deviations.map(({ entry, deviation }) => [entry.client ?? entry.agreement, entry.template ?? '—', deviation.member, deviation.kind, deviation.text]),
            breached: deviations.map(({ deviation }) => deviation.kind === 'loosened')
        });
    }
    // The windows that were defaults, then those one more missed window would make one.
    const objectiveName = (line: { kpi: string; service?: string; scopeValue?: string }) => `${line.service !== undefined ? `${line.service} · ` : ''}${line.kpi}${line.scopeValue !== undefined ? ` (${line.scopeValue})` : ''}`;
    const defaults = report.entries.flatMap((entry) => [
        ...(entry.defaults ?? []).map((line) => ({ row: [entry.client ?? entry.agreement, objectiveName(line), formatWindow(line.start, line.end), (line.reason === 'below minimum' ? 'missed the minimum' : 'repeated misses') + (line.provisional === true ? ' (provisional)' : '')], breached: true })),
        ...(entry.defaultsAtRisk ?? []).map((line) => ({ row: [entry.client ?? entry.agreement, objectiveName(line), `from ${line.start.slice(0, 10)}`, `at risk: one more missed window (${line.rule})`], breached: false }))
    ]);
    if (defaults.length > 0) {
        tables.push({
            title: 'Service Level Defaults',
            headers: ['Client', 'Objective', 'Window', 'Why'],
            rows: defaults.map(({ row }) => row),
            breached: defaults.map(({ breached }) => breached)
        });
    }
    const terminations = report.entries.flatMap((entry) => (entry.terminations ?? []).map((termination) => ({ entry, termination })));
    if (terminations.length > 0) {
        tables.push({
            title: 'Termination rights (chronic failure)',
            headers: ['Client', 'Right', 'Scope', 'Status', 'Fired at', 'Notice by'],
            rows: terminations.map(({ entry, termination }) => [entry.client ?? entry.agreement, termination.name, termination.scopeValue ?? '—', termination.status === 'fired' ? 'FIRED' : 'at risk', termination.firedAt ?? '', termination.noticeBy ?? '']),
            breached: terminations.map(({ termination }) => termination.status === 'fired')
        });
    }
    const capped = report.entries.flatMap((entry) => (entry.creditCaps ?? []).map((cap) => ({ entry, cap })));
    if (capped.length > 0) {
        tables.push({
            title: 'Credits capped together (at-risk amounts reached)',
            headers: ['Client', 'Cap', 'Periods cut', 'Owed', 'Paid'],
            rows: capped.map(({ entry, cap }) => [entry.client ?? entry.agreement, `${cap.service !== undefined ? `${cap.service} · ` : ''}${cap.cap}`, String(cap.periodsCut), formatMoney(cap.owed, cap.currency), formatMoney(cap.paid, cap.currency)]),
            breached: capped.map(() => true)
        });
    }
    const upcoming = report.entries.flatMap((entry) => (entry.upcoming ?? []).map((line) => ({ entry, line })));
    if (upcoming.length > 0) {
        tables.push({
            title: 'Service levels coming into force or stepping up within 90 days',
            headers: ['Client', 'Objective', 'From', 'Target', 'Latest window'],
            rows: upcoming.map(({ entry, line }) => [
                entry.client ?? entry.agreement,
                `${line.service !== undefined ? `${line.service} · ` : ''}${line.kpi}`,
                line.from,
                `${line.comparison} ${formatTarget(line.target, line.unit)}${line.inForce === true ? ' (comes into force)' : ''}`,
                line.inForce === true ? '—' : line.wouldMiss > 0 ? `would miss it${line.wouldMiss > 1 ? ` (${line.wouldMiss} values)` : ''}` : 'would meet it'
            ]),
            breached: upcoming.map(({ line }) => line.wouldMiss > 0)
        });
    }
    const improved = report.entries.flatMap((entry) => (entry.improvedTargets ?? []).map((line) => ({ entry, line })));
    if (improved.length > 0) {
        tables.push({
            title: 'Targets raised by Continuous Improvement',
            headers: ['Client', 'Objective', 'From', 'Target', 'Before', 'Latest window'],
            rows: improved.map(({ entry, line }) => [
                entry.client ?? entry.agreement,
                `${line.service !== undefined ? `${line.service} · ` : ''}${line.kpi}${line.scopeValue !== undefined ? ` (${line.scopeValue})` : ''}`,
                line.from,
                `${line.provisional === true ? 'at least ' : ''}${line.comparison} ${formatTarget(line.target, line.unit)}${line.capped === true ? ' (capped by the yearly limit)' : ''}${line.provisional === true ? ' (so far: the year before is not over)' : ''}`,
                `${line.comparison} ${formatTarget(line.previous, line.unit)}`,
                line.wouldMiss === true ? 'would miss it' : '—'
            ]),
            breached: improved.map(({ line }) => line.wouldMiss === true)
        });
    }
    const expiring = report.entries.filter((entry) => entry.expiresOn !== undefined);
    if (expiring.length > 0) {
        tables.push({
            title: 'Expiring within 90 days',
            headers: ['Client', 'Agreement', 'Last day'],
            rows: expiring.map((entry) => [entry.client ?? '—', entry.agreement, entry.expiresOn!]),
            breached: expiring.map(() => false)
        });
    }
    tables.push({
        title: 'Totals per currency',
        headers: ['Currency', 'Credits owed', 'Provisional'],
        rows: report.totals.credits.map((line) => [line.currency, formatMoney(line.total, line.currency), formatMoney(line.provisionalTotal, line.currency)]),
        breached: report.totals.credits.map(() => false)
    });
    tables.push({
        title: 'Data files',
        headers: ['File', 'Agreements', 'Reads', 'Rows'],
        rows: report.dataFiles.map((file) => [file.path, String(file.agreements), String(file.reads), String(file.rows)]),
        breached: report.dataFiles.map(() => false)
    });
    return tables;
}
