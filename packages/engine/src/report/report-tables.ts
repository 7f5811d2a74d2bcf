import { defaultText, formatBudgetUsed, formatMargin, formatMoney, formatShare, formatTarget, formatValue, formatValueAgainst, formatWindow, formatFormulaWithInputs, statusWord, termText } from './format-values.js';
import type { CreditReport, CreditWindowReport, ObjectiveReport, OpenItem, Report, SmallVolume, WindowReport } from './report-types.js';
import { creditDurationUnit, objectiveDurationUnit } from './duration-text.js';
import { afterDataEndRunLabel, foldedCreditWindows, foldedObjectiveWindows } from './after-data-end-runs.js';
import { failedItemsTable, itemsCell, itemsPhrase, listedMaintenanceTable, pausesTable, terminationsTable } from './item-tables.js';

/**
 * The report as titled tables of display strings: the common ground of the table,
 * Markdown and HTML renderers, so all three show the same rows and the same numbers.
 */
export interface ReportTable {
    title: string;
    headers: string[];
    rows: string[][];
    /** Per row: the row shows a breach (renderers highlight it). */
    breached: boolean[];
    /** The objective whose windows the table lists (renderers may chart it). */
    objective?: ObjectiveReport;
}

export function objectiveTitle(objective: ObjectiveReport): string {
    const name = objective.service ? `${objective.service} · ${objective.kpi}` : objective.kpi;
    // A plan's target: the agreement's plan (with its `for each`, if any), or (plan from data) the rows whose field names the plan.
    const forEach = objective.scope !== undefined && objective.planField === undefined ? ` for each ${objective.scope}` : '';
    const scope = objective.plan !== undefined
        ? `${forEach}, plan ${objective.plan}${objective.planField !== undefined ? ` (rows whose ${objective.planField} is ${objective.plan})` : ''}`
        : forEach;
    const owner = objective.owner ? ` (owner: ${objective.owner})` : '';
    const each = objective.each === undefined ? '' : `${itemsPhrase(objective)}: `;
    const outOf = objective.scale === undefined ? '' : ` out of ${objective.scale.high}`;
    const largest = objectiveDurationUnit(objective);
    return `${each}${name} ${objective.comparison} ${formatTarget(objective.target, objective.unit, largest)}${outOf} per ${objective.window}${termText(objective, largest)}${scope}${owner}: ${statusWord(objective.status)}`;
}


export interface TableSelection {
    /** Rolling objectives: list only windows not met (the monthly summary covers the rest). */
    compactRolling?: boolean;
}

export function objectiveTable(objective: ObjectiveReport, selection: TableSelection = {}): ReportTable {
    const compact = selection.compactRolling === true && objective.summary !== undefined;
    const scoped = objective.scope !== undefined;
    const ratio = objective.unit === 'ratio';
    const items = objective.each !== undefined;
    // Expected and Minimum Service Levels: which windows are Service Level Defaults, and why.
    const defaults = objective.minimum !== undefined || objective.defaultRule !== undefined;
    const largest = objectiveDurationUnit(objective);
    const headers = [...(scoped ? [objective.scope!] : []), 'window', items ? 'worst item' : 'value', 'status', ...(defaults ? ['default'] : []), 'margin', ...(ratio ? ['budget used'] : []), items ? 'items' : 'rows'];
    const rows: string[][] = [];
    const breached: boolean[] = [];
    let hidden = 0;
    for (const item of foldedObjectiveWindows(objective.windows)) {
        if ('run' in item) {
            // Months (or a year of rolling windows) after the data end: one row for the run.
            rows.push([
                ...(scoped ? [item.run.first.scopeValue ?? ''] : []),
                afterDataEndRunLabel(item.run, objective.summary !== undefined),
                '—',
                statusWord('no data'),
                ...(defaults ? ['—'] : []),
                '—',
                ...(ratio ? ['—'] : []),
                '0'
            ]);
            breached.push(false);
            continue;
        }
        const window = item.window;
        if (compact && window.status === 'met') {
            hidden++;
            continue;
        }
        const notes: string[] = [];
        if (window.partial) notes.push('partial');
        if (window.afterDataEnd) notes.push('after the data end');
        if (window.dataEnd !== undefined) notes.push(`data end inside this window: ${window.dataEnd}`);
        notes.push(...openRowNotes(window));
        if (window.slices?.runAtDataEnd) notes.push(`${window.slices.runAtDataEnd} bad slice${window.slices.runAtDataEnd > 1 ? 's' : ''} at the data end, not counted: a run the next data may lengthen`);
        if (window.insufficientData) notes.push(`insufficient data: ${window.insufficientData.rows} of at least ${window.insufficientData.minimum} rows`);
        if (window.smallVolume) notes.push(smallVolumeText(window.smallVolume));
        for (const excluded of window.excluded ?? []) {
            if (excluded.rows) notes.push(`excluded by ${excluded.exclusion}: ${excluded.rows} row${excluded.rows > 1 ? 's' : ''}`);
            if (excluded.timeMs) notes.push(`${excluded.countedAsAvailable ? 'counted as available by' : 'excluded by'} ${excluded.exclusion}: ${formatValue(excluded.timeMs, 'ms')}`);
        }
        if (window.notReplicated) notes.push(`not replicated: ${window.notReplicated.instances} instance${window.notReplicated.instances === 1 ? '' : 's'}`);
        if (window.notDeployed) notes.push(`not deployed, no downtime: ${formatValue(window.notDeployed.outageMs, 'ms')} of outages`);
        rows.push([
            ...(scoped ? [window.scopeValue ?? ''] : []),
            formatWindow(window.start, window.end) + (notes.length ? ` (${notes.join(', ')})` : ''),
            (window.atLeast ? 'at least ' : '') + formatValueAgainst(window.value, window.target ?? objective.target, objective.unit, largest) + (window.target === undefined ? '' : ` (target ${objective.comparison} ${formatTarget(window.target, objective.unit, largest)})`),
            statusWord(window.status),
            ...(defaults ? [(defaultText(window, objective, largest) ?? '—') + (window.defaultProvisional ? ' (provisional)' : '')] : []),
            formatMargin(window.margin, objective.unit, largest),
            ...(ratio ? [formatBudgetUsed(window.budgetConsumed)] : []),
            items ? itemsCell(window) : String(window.rows)
        ]);
        breached.push(window.status === 'breached');
    }
    const title = objectiveTitle(objective) + (hidden > 0 ? ` (${hidden} met windows not listed; see the monthly summary)` : '');
    return { title, headers, rows, breached, objective };
}

/** Rolling objectives: per month the share of windows met and the worst window. */
export function rollingSummaryTable(objective: ObjectiveReport): ReportTable | undefined {
    if (objective.summary === undefined) return undefined;
    const scoped = objective.scope !== undefined;
    const labelOf = windowLabels(objective);
    const headers = [...(scoped ? [objective.scope!] : []), 'month', 'windows', 'met', 'breached', 'no data', 'share met', 'worst window', 'worst value'];
    const rows = objective.summary.map((month) => [
        ...(scoped ? [month.scopeValue ?? ''] : []),
        month.month,
        String(month.windows),
        String(month.met),
        String(month.breached),
        String(month.noData),
        formatShare(month.shareMet),
        month.worst ? labelOf(month.worst.end, month.scopeValue) : '—',
        month.worst ? formatValueAgainst(month.worst.value, objective.target, objective.unit, objectiveDurationUnit(objective)) : '—'
    ]);
    return { title: `${objectiveTitle(objective)} — monthly summary`, headers, rows, breached: objective.summary.map((month) => month.breached > 0) };
}

/**
 * A window found by its end (and scope value), labelled as every window is (`2026-02-04 –
 * 2026-02-10`, its last day inclusive): the summary gives the worst window's exclusive end,
 * whose date is the day after the window. Looked up in a map: a year of daily windows per value.
 */
/**
 * What open rows and outages left undecided in a window (`provisional`, `1 pending`, `1 failed
 * while open`, `1 passed while open`, `2 open incidents`): the table's window column and the
 * editor's hover say it in these words.
 */
export function openRowNotes(window: Pick<WindowReport, 'provisional' | 'pending' | 'failedOpen' | 'passedOpen' | 'openIncidents'>): string[] {
    const notes: string[] = [];
    if (window.provisional) notes.push('provisional');
    if (window.pending) notes.push(`${window.pending} pending`);
    if (window.failedOpen) notes.push(`${window.failedOpen} failed while open`);
    if (window.passedOpen) notes.push(`${window.passedOpen} passed while open`);
    if (window.openIncidents) notes.push(`${window.openIncidents} open incident${window.openIncidents > 1 ? 's' : ''}`);
    return notes;
}

export function windowLabels(objective: ObjectiveReport): (end: string, scopeValue: string | undefined) => string {
    const key = (end: string, scopeValue: string | undefined): string => `${scopeValue ?? ''}\u0000${end}`;
    const windows = new Map(objective.windows.map((window) => [key(window.end, window.scopeValue), window]));
    return (end, scopeValue) => {
        const window = windows.get(key(end, scopeValue));
        return window === undefined ? `ending ${end}` : formatWindow(window.start, window.end);
    };
}

export function creditTable(credit: CreditReport): ReportTable {
    const name = credit.service ? `${credit.service} · ${credit.kpi}` : credit.kpi;
    // `for each <field>`: a column for its value; a fee from billing data differs per window: a column for it.
    const scoped = credit.scope !== undefined;
    const feeShown = credit.feeSource === 'billing data';
    // The claim deadline column only for credits with `claim within` (language reference § 12.2).
    const claims = credit.claimWithinDays !== undefined || credit.claimWithinMonths !== undefined;
    const headers = [...(scoped ? [credit.scope!] : []), 'window', 'value', 'tier', ...(feeShown ? ['fee'] : []), 'amount', 'cap', ...(claims ? ['claim by'] : [])];
    const rows: string[][] = [];
    const breached: boolean[] = [];
    for (const item of foldedCreditWindows(credit.windows)) {
        if ('window' in item) {
            rows.push(creditRow(credit, item.window, { scoped, feeShown, claims }));
            breached.push(item.window.amount > 0);
            continue;
        }
        // Months after the data end owe nothing: one row for the run, as in the objective's table.
        rows.push([...(scoped ? [item.run.first.scopeValue ?? ''] : []), afterDataEndRunLabel(item.run), '—', '—', ...(feeShown ? ['—'] : []), formatMoney(0, credit.currency), '', ...(claims ? [''] : [])]);
        breached.push(false);
    }
    return {
        title: `Credits for ${name} per ${credit.window}${scoped ? ` for each ${credit.scope}` : ''}${credit.payableFrom !== undefined ? ` from ${credit.payableFrom}` : ''}: total ${formatMoney(credit.total, credit.currency)}${scopeTotalsText(credit)}${credit.provisionalTotal > 0 ? ` (provisional, not in the total: ${formatMoney(credit.provisionalTotal, credit.currency)})` : ''}${credit.feeProrated ? ' (fee prorated)' : ''}`,
        headers,
        rows,
        breached
    };
}

/** A credit window's row: its scope value, window, value, tier, fee, amount (and why it is not paid), cap and claim date, as the columns say. */
function creditRow(credit: CreditReport, window: CreditWindowReport, columns: { scoped: boolean; feeShown: boolean; claims: boolean }): string[] {
    return [
        ...(columns.scoped ? [window.scopeValue ?? ''] : []),
        formatWindow(window.start, window.end) + windowFlags(window),
        formatValueAgainst(window.value, credit.thresholds, credit.unit, creditDurationUnit(credit)),
        tierText(window),
        ...(columns.feeShown ? [window.fee === null ? 'no billing rows' : formatMoney(window.fee, credit.currency)] : []),
        window.feeMissing === true ? 'not computable (no fee)'
            : formatMoney(window.amount, credit.currency) + (window.items !== undefined ? ` (${window.items.count} item(s)${itemIds(window.items)})` : '') + (window.belowMinimum === true ? ` (below the minimum of ${formatMoney(credit.minimumCredit ?? 0, credit.currency)}: not paid)` : '')
                + (window.earnedBack === true ? ` (earned back: ${formatMoney(window.uncappedAmount, credit.currency)} not paid)` : window.earnedBack === 'pending' ? ' (may be earned back)' : '')
                + (window.notPayable === true && window.uncappedAmount > 0 ? ` (not payable before ${credit.payableFrom}: ${formatMoney(window.uncappedAmount, credit.currency)})` : ''),
        window.cap === undefined ? '' : window.cap === 'window' ? `capped per window (from ${formatMoney(window.uncappedAmount, credit.currency)})`
            : window.cap === 'year' ? 'capped per year'
                : `capped with all credits${window.cap === 'service' ? ' of the service' : ''} (from ${formatMoney(window.uncappedAmount, credit.currency)})`,
        ...(columns.claims ? [window.claimBy ?? ''] : [])
    ];
}

/** `credits capped at …`: per period, what all credits together owed, the cap, what is paid, and whose credits were lowered. */
export function creditCapTables(report: Report): ReportTable[] {
    return (report.creditCaps ?? []).map((cap) => ({
        title: `Credits capped together: ${cap.service !== undefined ? `${cap.service} · ` : ''}${cap.cap}`,
        headers: ['period', 'owed', 'cap', 'paid', 'lowered'],
        rows: cap.periods.map((period) => [
            period.start.slice(0, 10),
            formatMoney(period.owed, cap.currency),
            // Evaluated from a later day: what the period's windows before it were paid used the cap up first.
            formatMoney(period.limit, cap.currency) + (period.paidBefore !== undefined ? ` (${formatMoney(period.paidBefore, cap.currency)} paid before this evaluation)` : ''),
            formatMoney(period.paid, cap.currency) + (period.provisional !== undefined ? ` (+${formatMoney(period.provisional, cap.currency)} provisional)` : ''),
            (period.lowered ?? []).join(', ')
        ]),
        breached: cap.periods.map((period) => period.reached === true)
    }));
}

/** ` (eu 20.00 USD, us 100.00 USD)`: the total per scope value, those with credits. */
function scopeTotalsText(credit: CreditReport): string {
    const paid = (credit.scopeTotals ?? []).filter((scope) => scope.total > 0);
    return paid.length === 0 ? '' : ` (${paid.map((scope) => `${scope.scopeValue} ${formatMoney(scope.total, credit.currency)}`).join(', ')})`;
}

/** `: INC-1, INC-2, …` — the listed items by id, or by data line when the dataset has no id. */
function itemIds(items: NonNullable<CreditReport['windows'][number]['items']>): string {
    if (items.first.length === 0) return '';
    const names = items.first.map((item) => item.id ?? `line ${item.line}`);
    return `: ${names.join(', ')}${items.count > items.first.length ? ', …' : ''}`;
}

/** The credit window's flags: partial, provisional, after the data end. */
function windowFlags(window: CreditReport['windows'][number]): string {
    // A window in progress is partial by nature: 'in progress: provisional' says both.
    const flags = [
        ...(window.inProgress === true ? ['in progress: provisional'] : [...(window.partial ? ['partial'] : []), ...(window.provisional ? ['provisional'] : [])]),
        ...(window.afterDataEnd ? ['after the data end'] : []),
        ...(window.smallVolume ? [smallVolumeText(window.smallVolume)] : [])
    ];
    return flags.length === 0 ? '' : ` (${flags.join(', ')})`;
}

/** A window judged by `else at most M failing`: "fewer than 20 rows: 1 failing, at most 1 allowed". */
function smallVolumeText(facts: SmallVolume): string {
    return `fewer than ${facts.minimum} rows: ${facts.failing} failing, at most ${facts.allowed} allowed`;
}

/** Where a dataset's data end, and why: 'last event', 'complete to 2026-03-31', '--to', … */
function coverageText(coverage: Report['datasets'][number]['coverage']): string {
    if (coverage.end === null) return 'no rows';
    if (coverage.basis === 'complete to' || coverage.basis === '--data-end') return `${coverage.end} (${coverage.basis} ${coverage.declaredEnd ?? ''})`;
    return `${coverage.end} (${coverage.basis})`;
}

export function datasetTable(report: Report): ReportTable {
    return {
        title: 'Data',
        headers: ['dataset', 'rows', 'rejected', 'outside period', 'first', 'last', 'data end', 'path'],
        rows: report.datasets.map((dataset) => [
            dataset.name,
            String(dataset.rows),
            String(dataset.rejected),
            String(dataset.outsidePeriod),
            dataset.firstTime ?? '—',
            dataset.lastTime ?? '—',
            coverageText(dataset.coverage),
            dataset.path
        ]),
        breached: report.datasets.map((dataset) => dataset.rejected > 0)
    };
}

export function openItemsTable(report: Report): ReportTable | undefined {
    if (report.openItems.length === 0 && report.datasets.every((dataset) => dataset.rejectedSamples.length === 0)) return undefined;
    const rows: string[][] = report.openItems.map((item) => [openItemText(item), item.dataset, String(item.line), item.start ?? '—']);
    for (const dataset of report.datasets) {
        for (const sample of dataset.rejectedSamples) rows.push(['invalid row skipped', dataset.name, String(sample.line), sample.message]);
    }
    return { title: 'Open and skipped rows', headers: ['kind', 'dataset', 'line', 'detail'], rows, breached: rows.map(() => false) };
}

/** What an open item is, in words: `open incident`, `escalated empty (failed while open)` — the empty field, not "unresolved" for a resolved ticket. */
export function openItemText(item: OpenItem): string {
    const what = item.emptyFields === undefined || item.emptyFields.length === 0 ? item.kind : `${item.emptyFields.join(', ')} empty`;
    return item.state === undefined ? what : `${what} (${OPEN_STATE_TEXT[item.state]})`;
}

const OPEN_STATE_TEXT: Record<NonNullable<OpenItem['state']>, string> = { pending: 'pending', failed: 'failed while open', passed: 'passed while open' };

/** Every table of the report in reading order. */
export function reportTables(report: Report, selection: TableSelection = {}): ReportTable[] {
    const tables: ReportTable[] = [];
    for (const objective of report.objectives) {
        const table = objectiveTable(objective, selection);
        tables.push(table);
        const summary = rollingSummaryTable(objective);
        if (summary) tables.push(summary);
        const failed = failedItemsTable(objective, objectiveTitle(objective));
        if (failed) tables.push(failed);
    }
    for (const credit of report.credits) tables.push(creditTable(credit));
    tables.push(...creditCapTables(report));
    const terminations = terminationsTable(report);
    if (terminations) tables.push(terminations);
    for (const target of report.internalTargets) {
        const table = objectiveTable(target, selection);
        tables.push({ ...table, title: `Internal target: ${table.title}` });
    }
    const exclusions = exclusionTable(report);
    if (exclusions) tables.push(exclusions);
    tables.push(datasetTable(report));
    const listed = listedMaintenanceTable(report);
    if (listed) tables.push(listed);
    const pauses = pausesTable(report);
    if (pauses) tables.push(pauses);
    const open = openItemsTable(report);
    if (open) tables.push(open);
    return tables;
}

/**
 * Ratio margins are differences of percentages, shown in percentage points (`pp`): a
 * reader who takes `−0.9 pp` for −0.9 % of the value misreads the margin, so every
 * format that shows one says what it means, once, after the tables.
 */
export const PERCENTAGE_POINTS_NOTE = 'pp = percentage points, the difference between two percentages: 99.95 % against a target of 99.9 % has a margin of +0.05 pp (not 0.05 % of 99.9 %).';

export function percentagePointsNote(tables: ReportTable[]): string | undefined {
    return tables.some((table) => table.rows.some((row) => row.some((cell) => / pp$/.test(cell)))) ? PERCENTAGE_POINTS_NOTE : undefined;
}

/** The named exclusions: what each takes out, and which KPIs it applies to (a declared term says it is not measured). */
function exclusionTable(report: Report): ReportTable | undefined {
    if (report.exclusions === undefined || report.exclusions.length === 0) return undefined;
    const rows = report.exclusions.map((exclusion) => [
        exclusion.service ? `${exclusion.service} · ${exclusion.name}` : exclusion.name,
        exclusion.text,
        exclusion.dataset !== undefined ? `rows of ${exclusion.dataset}`
            : exclusion.maintenance !== undefined
                ? `${exclusion.countedAsAvailable ? 'downtime during' : 'time of'} ${exclusion.maintenance}${exclusion.cap ? `, at most ${formatValue(exclusion.cap.ms, 'ms')} per ${exclusion.cap.per}` : ''}${exclusion.countedAsAvailable ? ' (counted as available)' : ''}`
                : 'declared, not measured',
        exclusion.appliesTo.length > 0 ? exclusion.appliesTo.join(', ') : '—'
    ]);
    return { title: 'Exclusions', headers: ['exclusion', 'text', 'takes out', 'applies to'], rows, breached: rows.map(() => false) };
}

/** The notes to list under "Notes": the data-end line is shown under the headline instead. */
export function remainingNotes(report: Report): string[] {
    return report.notes.filter((note) => note !== report.dataEndNote);
}

/**
 * `2026-01-01 – 2026-03-31`, and ` (--from 2026-01-10: whole windows)` when the period starts before
 * the `--from` day so that no window is judged on part of its data (a note says why).
 */
export function reportPeriodText(report: Pick<Report, 'period'>): string {
    const asked = report.period.requestedFrom === undefined ? '' : ` (--from ${report.period.requestedFrom.slice(0, 10)}: whole windows)`;
    return `${formatWindow(report.period.from, report.period.to)}${asked}`;
}

export function reportHeadline(report: Report): string {
    const t = report.totals;
    return `${report.agreement}${report.title ? ` — ${report.title}` : ''} · ${report.timezone} · ${reportPeriodText(report)} · ${t.met} met, ${t.breached} breached, ${t.noData} without data`;
}

/** `2: below 99% (10 % of fee)`, `1: below 99.8% (40 % of the at-risk amount: 4.8 % of fee)`, `… (× 1.5: breach 2 in a row)`; `—`: no tier. */
function tierText(window: CreditWindowReport): string {
    if (window.tier === null) return '—';
    const share = window.allocation !== undefined
        ? ` (${window.allocation} % of the at-risk amount${window.percentOfFee !== null ? `: ${window.percentOfFee} % of fee` : ''})`
        : window.percentOfFee !== null ? ` (${window.percentOfFee} % of fee)` : '';
    const days = window.daysOfService !== undefined ? ` (${window.daysOfService} days of service)` : '';
    const formula = window.formula ? ` (${formatFormulaWithInputs(window.formula)})` : '';
    return `${window.tier}: ${window.tierLabel ?? ''}${share}${days}${formula}${repeatText(window)}`;
}

/** ` (× 1.5: breach 2 in a row)`: a credit raised for a repeated breach (`raised by … per consecutive breach`). */
export function repeatText(window: CreditWindowReport): string {
    return window.repeat === undefined ? '' : ` (× ${window.repeat.factor}: breach ${window.repeat.breach} in a row)`;
}
