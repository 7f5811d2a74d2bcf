import {
    afterDataEndRunLabel, creditDurationUnit, foldedCreditWindows, foldedObjectiveWindows, formatBudgetLeft, formatBudgetUsed, formatFormulaWithInputs, formatMargin, formatMoney, formatTarget, formatValueAgainst, formatWindow, objectiveDurationUnit, reportPeriodText, listedMaintenanceTable, statusWord, terminationsTable, creditCapTables, repeatText, windowLabels,
    type CreditReport, type LargestDurationUnit, type EngineDatasetReport, type ObjectiveReport, type Report, type ReportTable, type WindowReport, type WindowStatus
} from '@sla/engine';
import { windowLabel } from '../results/objective-outcome.js';
import type { CreditView, FailedItemView, ObjectiveView, ReportView, StatusClass, TermsTableView, WindowRowView } from './report-view.js';
import { defaultText, itemsPhrase, objectiveChart, openItemText, roundToCents, termText } from '@sla/engine';

function statusClass(status: WindowStatus): StatusClass {
    return status === 'no data' ? 'no-data' : status;
}

/** A share in % (of the windows met in a month). */
function share(value: number | null): string {
    if (value === null) return '—';
    const percent = Number((value * 100).toFixed(1));
    return `${percent < 0 ? '−' : ''}${Math.abs(percent)} %`;
}


/** Values, targets and margins in the units of the CLI's table (durations in business time in hours: `28 h 20 min`). */
function windowRow(objective: ObjectiveReport, window: WindowReport): WindowRowView {
    const ratio = objective.unit === 'ratio';
    const largest = objectiveDurationUnit(objective);
    return {
        window: (objective.summary ? formatWindow(window.start, window.end) : windowLabel(window)) + openFlags(window, objective, largest),
        ...(window.scopeValue !== undefined ? { scopeValue: window.scopeValue } : {}),
        partial: window.partial,
        value: (window.atLeast ? 'at least ' : '') + formatValueAgainst(window.value, window.target ?? objective.target, objective.unit, largest),
        // A target that steps over the term: the one this window was judged against.
        target: `${objective.comparison} ${formatTarget(window.target ?? objective.target, objective.unit, largest)}`,
        status: statusClass(window.status),
        statusWord: statusWord(window.status),
        margin: formatMargin(window.margin, objective.unit, largest),
        // As the CLI says them: a breached window never reads 100 % used or 0 % left (100.04 %, −0.04 %).
        budgetConsumed: ratio ? formatBudgetUsed(window.budgetConsumed) : '—',
        budgetRemaining: ratio ? formatBudgetLeft(window.budgetRemaining) : '—'
    };
}

/** The span of a run of windows in the view's window labels: `Apr 2026 – Jun 2026`. */
function runRange(run: { first: Pick<WindowReport, 'start' | 'end'>; last: Pick<WindowReport, 'start' | 'end'> }): string {
    return `${windowLabel(run.first)} – ${windowLabel(run.last)}`;
}

/** A run of windows after the data end: one row, no value. */
function afterDataEndRow(objective: ObjectiveReport, run: { first: WindowReport; last: WindowReport; count: number }): WindowRowView {
    return {
        // In the labels of the other rows: `Apr 2026 – Dec 2026` for months, days for rolling windows.
        window: objective.summary !== undefined ? afterDataEndRunLabel(run, true) : afterDataEndRunLabel(run, false, runRange(run)),
        ...(run.first.scopeValue !== undefined ? { scopeValue: run.first.scopeValue } : {}),
        partial: false,
        value: '—',
        target: `${objective.comparison} ${formatTarget(objective.target, objective.unit, objectiveDurationUnit(objective))}`,
        status: 'no-data',
        statusWord: statusWord('no data'),
        margin: '—',
        budgetConsumed: '—',
        budgetRemaining: '—'
    };
}

/** Open rows, the data end and a Service Level Default, as the table report says them. */
function openFlags(window: WindowReport, objective: ObjectiveReport, largest: LargestDurationUnit | undefined): string {
    const defaulted = defaultText(window, objective, largest);
    const flags = [
        ...(defaulted !== undefined ? [`Service Level Default: ${defaulted}`] : []),
        ...(window.defaultProvisional ? ['default provisional'] : []),
        ...(window.afterDataEnd ? ['after the data end'] : []),
        ...(window.dataEnd !== undefined ? ['data end inside this window'] : []),
        ...(window.provisional ? ['provisional'] : []),
        ...(window.pending ? [`${window.pending} pending`] : []),
        ...(window.failedOpen ? [`${window.failedOpen} failed while open`] : []),
        ...(window.passedOpen ? [`${window.passedOpen} passed while open`] : []),
        ...(window.items ? [`${window.items.failed} of ${window.items.judged} items failed`] : [])
    ];
    return flags.length === 0 ? '' : ` (${flags.join(', ')})`;
}

function objectiveView(objective: ObjectiveReport, index: number, prefix: string): ObjectiveView {
    const name = objective.service ? `${objective.service} · ${objective.kpi}` : objective.kpi;
    const rolling = objective.summary !== undefined;
    const listed = rolling ? objective.windows.filter((w) => w.status !== 'met') : objective.windows;
    const largest = objectiveDurationUnit(objective);
    const worstLabel = windowLabels(objective);
    return {
        id: `${prefix}-${index}`,
        name,
        description: `${objective.each ? `${itemsPhrase(objective)}: ` : ''}${objective.comparison} ${formatTarget(objective.target, objective.unit, largest)}${objective.scale ? ` out of ${objective.scale.high}` : ''} per ${objective.window}${termText(objective, largest)}${objective.scope ? ` for each ${objective.scope}` : ''}`,
        ...(objective.owner ? { owner: objective.owner } : {}),
        ...(objective.scope ? { scope: objective.scope } : {}),
        status: statusClass(objective.status),
        statusWord: statusWord(objective.status),
        // Windows after the data end, many in a row, as one row (the CLI's table does the same).
        rows: foldedObjectiveWindows(listed).map((item) => ('window' in item ? windowRow(objective, item.window) : afterDataEndRow(objective, item.run))),
        ...(rolling ? { rowsNote: `${objective.windows.length - listed.length} of ${objective.windows.length} rolling windows met and not listed; see the monthly summary.` } : {}),
        ...(objective.summary ? {
            summary: objective.summary.map((month) => ({
                month: month.month,
                ...(month.scopeValue !== undefined ? { scopeValue: month.scopeValue } : {}),
                windows: month.windows, met: month.met, breached: month.breached, noData: month.noData,
                shareMet: share(month.shareMet),
                // The window by its days (the summary gives its exclusive end, the day after it), as the CLI names it.
                worst: month.worst ? `${formatValueAgainst(month.worst.value, objective.target, objective.unit, largest)} (window ${worstLabel(month.worst.end, month.scopeValue)})` : '—'
            }))
        } : {}),
        // One home for what a chart shows: the engine's model, also drawn by the HTML report.
        chart: objectiveChart(objective),
        ...(objective.each ? { failedItems: failedItemViews(objective) } : {})
    };
}

/** The failed items the report lists per window, with the count of those not listed. */
function failedItemViews(objective: ObjectiveReport): FailedItemView[] {
    const views: FailedItemView[] = [];
    for (const window of objective.windows) {
        if (!window.items || window.items.failed === 0) continue;
        const label = windowLabel(window);
        for (const item of window.items.failures) {
            views.push({
                window: label, item: item.id ?? `line ${item.line}`, line: String(item.line),
                value: (item.open ? 'at least ' : '') + formatValueAgainst(item.value, objective.target, objective.unit, objectiveDurationUnit(objective)) + (item.open ? ' (still open)' : '')
            });
        }
        const more = window.items.failed - window.items.failures.length;
        if (more > 0) views.push({ window: label, item: `… and ${more} more`, line: '', value: '' });
    }
    return views;
}

function creditView(credit: CreditReport): CreditView {
    const notes: string[] = [];
    if (credit.feeProrated) notes.push('The fee is prorated to the window.');
    const paidScopes = (credit.scopeTotals ?? []).filter((scope) => scope.total > 0);
    if (credit.scope !== undefined) notes.push(`One credit for each ${credit.scope}${paidScopes.length > 0 ? `: ${paidScopes.map((scope) => `${scope.scopeValue} ${formatMoney(scope.total, credit.currency)}`).join(', ')}` : ''}.`);
    if (credit.windows.some((window) => window.feeMissing === true)) notes.push('The billing data give no fee for the windows marked "not computable": their credits are not in the total.');
    if (credit.provisionalTotal > 0) notes.push(`Provisional credits (windows in progress, or a tier open rows could still change): ${formatMoney(credit.provisionalTotal, credit.currency)}, not included in the total.`);
    if (credit.payableFrom !== undefined) notes.push(`Credits are payable from ${credit.payableFrom}: the windows before it pay nothing.`);
    return {
        name: credit.service ? `${credit.service} · ${credit.kpi}` : credit.kpi,
        window: credit.window,
        currency: credit.currency,
        rows: foldedCreditWindows(credit.windows).map((item) => ('run' in item ? {
            // Windows after the data end that owe nothing, many in a row: one row (as the CLI's table).
            window: (item.run.first.scopeValue !== undefined ? `${item.run.first.scopeValue} · ` : '') + afterDataEndRunLabel(item.run, false, runRange(item.run)),
            value: '—', tier: '—', percentOfFee: '—', fee: '—', amount: formatMoney(0, credit.currency), cap: ''
        } : creditRowView(credit, item.window))),
        total: formatMoney(credit.total, credit.currency),
        notes
    };
}

/** A credit window's row: in the units and words of the CLI's table. */
function creditRowView(credit: CreditReport, window: CreditReport['windows'][number]): CreditView['rows'][number] {
    return {
        window: (window.scopeValue !== undefined ? `${window.scopeValue} · ` : '') + windowLabel(window) + creditFlags(window),
        value: formatValueAgainst(window.value, credit.thresholds, credit.unit, creditDurationUnit(credit)),
        tier: window.tier === null ? '—' : `${window.tier}${window.tierLabel ? `: ${window.tierLabel}` : ''}${window.allocation !== undefined ? ` (${window.allocation} % of the at-risk amount)` : ''}${window.formula ? ` (${formatFormulaWithInputs(window.formula)})` : ''}${repeatText(window)}`,
        percentOfFee: window.percentOfFee === null ? '—' : `${window.percentOfFee} %`,
        fee: window.fee === null ? (credit.feeSource === 'billing data' ? 'no billing rows' : '—') : formatMoney(window.fee, credit.currency),
        amount: window.feeMissing === true ? 'not computable (no fee)' : formatMoney(window.amount, credit.currency)
            + (window.notPayable === true && window.uncappedAmount > 0 ? ` (not payable yet: ${formatMoney(window.uncappedAmount, credit.currency)})` : ''),
        cap: window.cap === 'window' ? `capped per window (uncapped ${formatMoney(window.uncappedAmount, credit.currency)})`
            : window.cap === 'year' ? `capped per year (uncapped ${formatMoney(window.uncappedAmount, credit.currency)})`
            : window.cap === 'agreement' ? `capped with all credits (uncapped ${formatMoney(window.uncappedAmount, credit.currency)})`
            : window.cap === 'service' ? `capped with all credits of the service (uncapped ${formatMoney(window.uncappedAmount, credit.currency)})` : ''
    };
}

/** Sums credit totals per currency (credits in different currencies are never added). */
function creditTotals(report: Report): string[] {
    const byCurrency = new Map<string, number>();
    for (const credit of report.credits) byCurrency.set(credit.currency, (byCurrency.get(credit.currency) ?? 0) + credit.total);
    return [...byCurrency].map(([currency, total]) => formatMoney(roundToCents(total, currency), currency));
}

export function buildReportView(report: Report): ReportView {
    const met = report.objectives.filter((o) => o.status === 'met').length;
    return {
        agreement: report.agreement,
        ...(report.title ? { title: report.title } : {}),
        timezone: report.timezone,
        period: reportPeriodText(report),
        generatedAt: report.generatedAt,
        ...(report.sourceFile ? { sourceFile: report.sourceFile } : {}),
        totals: report.totals,
        objectivesMet: `${met}/${report.objectives.length} objectives met`,
        objectives: report.objectives.map((objective, i) => objectiveView(objective, i, 'objective')),
        internalTargets: report.internalTargets.map((objective, i) => objectiveView(objective, i, 'internal')),
        credits: report.credits.map(creditView),
        creditTotals: creditTotals(report),
        datasets: report.datasets.map((dataset) => ({
            name: dataset.name, path: dataset.path, rows: dataset.rows, rejected: dataset.rejected, outsidePeriod: dataset.outsidePeriod,
            first: dataset.firstTime ?? '—', last: dataset.lastTime ?? '—', computedBy: computedBy(report, dataset.name)
        })),
        rejectedRows: report.datasets.flatMap((dataset) => dataset.rejectedSamples.map((row) => ({
            dataset: dataset.name, line: row.line, field: row.field ?? '—', value: row.value, message: row.message
        }))),
        // In the CLI's words: the empty field and the state (`responded empty (failed while open)`), not "unresolved row" for a resolved ticket.
        openItems: report.openItems.map((item) => ({ kind: openItemText(item), dataset: item.dataset, line: item.line, start: item.start ?? '—' })),
        // The engine's own tables, as the CLI prints them: one home for what their rows say.
        creditCaps: creditCapTables(report).flatMap(tablesOf),
        terminations: tablesOf(terminationsTable(report)),
        listedMaintenance: tablesOf(listedMaintenanceTable(report)),
        notes: report.notes
    };
}

function tablesOf(table: ReportTable | undefined): TermsTableView[] {
    return table === undefined ? [] : [{ title: table.title, headers: [...table.headers], rows: table.rows.map((row) => [...row]), breached: [...table.breached] }];
}

const ENGINE_NAMES: Record<EngineDatasetReport['engine'], string> = { duckdb: 'DuckDB', postgres: 'PostgreSQL', clickhouse: 'ClickHouse' };

/**
 * Which engine computed a dataset's figures (report.engines): the local engine for files it reads
 * itself; else the SQL engine and its connection, and whether its statistics were pushed down
 * (computed there, few rows back) or its rows pulled and computed locally, with the reason.
 */
export function computedBy(report: Report, dataset: string): string {
    const entry = report.engines?.datasets.find((candidate) => candidate.name === dataset);
    if (entry === undefined) return 'local engine';
    const where = `${ENGINE_NAMES[entry.engine]}${entry.connection === undefined ? '' : ` (connection ${entry.connection})`}`;
    const traffic = `${entry.queries} ${entry.queries === 1 ? 'query' : 'queries'}, ${entry.rowsTransferred} ${entry.rowsTransferred === 1 ? 'row' : 'rows'} back`;
    if (entry.mode === 'pushed down') return `${where}: computed there (pushed down; ${traffic})`;
    return `${where}: rows pulled, computed by the local engine${entry.reason === undefined ? '' : ` — ${entry.reason}`} (${traffic})`;
}

/** A credit window's flags, as in the CLI's table: in progress, partial, provisional, after the data end. */
function creditFlags(window: CreditReport['windows'][number]): string {
    const flags = [
        ...(window.inProgress === true ? ['in progress: provisional'] : [...(window.partial ? ['partial'] : []), ...(window.provisional ? ['provisional'] : [])]),
        ...(window.afterDataEnd ? ['after the data end'] : [])
    ];
    return flags.length === 0 ? '' : ` (${flags.join(', ')})`;
}
