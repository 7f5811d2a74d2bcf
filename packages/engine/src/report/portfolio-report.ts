/**
 * The portfolio report (portfolio-types.ts) built from each agreement's own report and
 * model. The rules — status, worst objective, at risk, early warnings, expiry, coverage —
 * are defined in docs/cli.md, "Portfolio report"; each function below names its rule.
 */
import { roundToCents } from '../evaluate/money.js';
import { DATA_END_ADVICE, windowsAfterDataEnd, windowsAfterDataEndPhrase } from '../evaluate/data-end-note.js';
import { unmatchedClientScope } from '../evaluate/missing-scope-note.js';
import type { FractionPercentSubject } from '../evaluate/fraction-percent-note.js';
import type { AgreementModel } from '../model.js';
import { daysFromCivil, formatCivilDate, civilFromDays, requireCivilDate } from '../time/civil.js';
import { formatDate, formatInstant } from '../time/zone.js';
import { dayAfter } from '../evaluate/evaluation-period.js';
import { HIGH_REJECTED_SHARE } from '../data/usable-rows.js';
import { formatShare } from './format-values.js';
import { noteFactsOf } from './note-facts.js';
import type { PortfolioEntry, PortfolioReport, PortfolioTotals } from './portfolio-types.js';
import type { ObjectiveReport, Report, WindowReport } from './report-types.js';

/** Agreements whose validity ends within this many days of the end of the evaluation period are listed as expiring. */
export const EXPIRY_HORIZON_DAYS = 90;

export interface PortfolioBuildOptions {
    now: number;
    dataFiles: PortfolioReport['dataFiles'];
    /** The days asked for (each agreement's period holds them; the portfolio's period is made of those periods' instants). */
    from?: string | undefined;
    to?: string | undefined;
    notes?: string[];
}

const STATUS_ORDER: Record<PortfolioEntry['status'], number> = { breached: 0, 'at risk': 1, met: 2, 'no data': 3 };

export function buildPortfolioReport(models: readonly AgreementModel[], reports: readonly Report[], options: PortfolioBuildOptions): PortfolioReport {
    const entries = reports.map((report, index) => portfolioEntry(models[index]!, report, options.now));
    // Breached first, then at risk, then by client name (the agreement's id without a client).
    entries.sort((a, b) => Math.min(STATUS_ORDER[a.status], 2) - Math.min(STATUS_ORDER[b.status], 2) || clientName(a).localeCompare(clientName(b)) || a.agreement.localeCompare(b.agreement));
    const unmatched = unmatchedClientScopeNotes(entries);
    const notes = [...(options.notes ?? []), ...unmatched];
    // A client scope that matched no row reads a file of its once more, for the values nearest it.
    const reasons = `fees of previous periods, ${unmatched.length > 0 ? 'the windows before the period that improved targets are computed from, or the values a client scope that matched no row is compared with' : 'or the windows before the period that improved targets are computed from'}`;
    for (const file of options.dataFiles) {
        if (file.reads > 1) notes.push(`${file.path} was opened ${file.reads} times for ${file.agreements} agreement(s): besides the shared pass, pause lists, per-item credit lists, datasets declaring the file with other fields, ${reasons} read it again.`);
    }
    notes.push(...wholeWindowNotes(entries), ...rejectedRowNotes(reports), ...lookalikeClientNotes(entries), ...fractionPercentNotes(entries), ...dataEndNotes(entries));
    return {
        kind: 'portfolio',
        schemaVersion: 1,
        period: portfolioPeriod(reports),
        generatedAt: new Date(options.now).toISOString(),
        entries,
        totals: portfolioTotals(entries),
        dataFiles: options.dataFiles,
        notes
    };
}

/**
 * The agreements' warnings about their data, once per file for the portfolio's reader (each
 * agreement's report has them too; a shared file's skipped rows are every client's): rows
 * skipped as invalid (`--skip-invalid`), and more than 10 % of a file's records rejected.
 */
function rejectedRowNotes(reports: readonly Report[]): string[] {
    const files = new Map<string, { rejected: number; share: number }>();
    for (const dataset of reports.flatMap((report) => report.datasets)) {
        if (dataset.rejected === 0) continue;
        const file = files.get(dataset.path) ?? { rejected: 0, share: 0 };
        files.set(dataset.path, { rejected: Math.max(file.rejected, dataset.rejected), share: Math.max(file.share, dataset.rejectedShare) });
    }
    return [...files].flatMap(([path, file]) => [
        `${file.rejected} invalid row(s) of ${path} were skipped (--skip-invalid); each agreement's report lists the first ones.`,
        ...(file.share > HIGH_REJECTED_SHARE ? [`Warning: ${formatShare(file.share)} of the records of ${path} were rejected (more than ${formatShare(HIGH_REJECTED_SHARE)}): the results rest on a part of the data; check the file's format.`] : [])
    ]);
}

/**
 * A percent field whose values all lie between 0 and 1 for some agreements (fraction-percent-note.ts:
 * likely shares written for percentages), once per field and file, naming those agreements: each
 * one's report says it with its own counts, and the table, Markdown and HTML print only these notes.
 * Taken from the reports' facts (note-facts.ts), never from their notes' words.
 */
function fractionPercentNotes(entries: readonly PortfolioEntry[]): string[] {
    const fields = new Map<string, { subject: FractionPercentSubject; agreements: number; names: Set<string> }>();
    for (const entry of entries) {
        for (const subject of noteFactsOf(entry.report)?.fractionPercentFields ?? []) {
            const key = JSON.stringify([subject.field, subject.dataset, subject.file]);
            const listed = fields.get(key) ?? { subject, agreements: 0, names: new Set<string>() };
            // A client with two agreements is named once.
            listed.agreements++;
            listed.names.add(clientName(entry));
            fields.set(key, listed);
        }
    }
    return [...fields.values()].map(({ subject, agreements, names: named }) => {
        const names = [...named];
        return `Warning: every value of percent field '${subject.field}' of dataset '${subject.dataset}' (${subject.file}) that ${agreements} agreement(s) read lies between 0 and 1 (${namesListed(names)}): likely shares written for percentages (0.9995 for 99.95 %), read as 0.9995 %; each agreement's report says what to do.`;
    });
}

/**
 * Rows of a shared file whose client value only looks like an agreement's client scope (`Northwind`
 * for "northwind": evaluate/client-lookalikes.ts), once per file, naming each client once with the
 * values and their rows: not counted as the client's, which each agreement's report also says.
 * The files it measures, and the pause lists and change logs it reads beside them (the reports'
 * facts: note-facts.ts); a file read both ways counts, per value, the most rows one reader counted.
 */
function lookalikeClientNotes(entries: readonly PortfolioEntry[]): string[] {
    const files = new Map<string, Map<string, Map<string, number>>>();
    for (const entry of entries) {
        const read = [...entry.report.datasets, ...(noteFactsOf(entry.report)?.sideDatasetLookalikes ?? [])];
        for (const dataset of read) {
            const lookalikes = dataset.clientScope?.lookalikes;
            if (lookalikes === undefined || lookalikes.length === 0) continue;
            const clients = files.get(dataset.path) ?? new Map<string, Map<string, number>>();
            files.set(dataset.path, clients);
            const values = clients.get(clientName(entry)) ?? new Map<string, number>();
            clients.set(clientName(entry), values);
            // A client with two agreements over the file counts the same rows twice: named once.
            for (const { value, rows } of lookalikes) values.set(value, Math.max(values.get(value) ?? 0, rows));
        }
    }
    return [...files].map(([path, clients]) => {
        const listed = [...clients].map(([name, values]) => `${name} (${[...values].map(([value, rows]) => `${JSON.stringify(value)}: ${rows.toLocaleString('en-US')} row(s)`).join(', ')})`);
        const shown = listed.length > 10 ? `${listed.slice(0, 10).join('; ')}; and ${listed.length - 10} more` : listed.join('; ');
        return `Warning: ${path} holds client values that differ from an agreement's client scope only in case or spacing, whose rows were not counted as that client's: ${shown}. If they are the client's rows, correct them in the data; each agreement's report lists them.`;
    });
}

/**
 * Agreements whose client scope matched no row of any file they read with it (a misspelt client:
 * missing-scope-note.ts), first: their windows reading those files have no data. Their report's
 * line under the headline, which says so, once per agreement (it also names their windows after
 * the end of other data, so dataEndNotes leaves them out).
 */
function unmatchedClientScopeNotes(entries: readonly PortfolioEntry[]): string[] {
    return entries.flatMap((entry) => (unmatchedClientScope(entry.report.datasets) === undefined || entry.report.dataEndNote === undefined ? [] : [`${clientName(entry)}: ${entry.report.dataEndNote}`]));
}

/** Windows left without data because they start after the end of the data: the one line the reader cannot miss, for the portfolio (SEMANTICS, data coverage). */
function dataEndNotes(entries: readonly PortfolioEntry[]): string[] {
    const affected = entries
        .filter((entry) => unmatchedClientScope(entry.report.datasets) === undefined)
        .map((entry) => ({ entry, windows: windowsAfterDataEnd(entry.report.objectives, entry.report.internalTargets) }))
        .filter(({ windows }) => windows.objectives + windows.internalTargets > 0);
    if (affected.length === 0) return [];
    // The objectives' windows first, as each agreement's "without data" counts them; the internal targets' apart.
    const windows = affected.reduce((sum, { windows: count }) => ({ objectives: sum.objectives + count.objectives, internalTargets: sum.internalTargets + count.internalTargets }), { objectives: 0, internalTargets: 0 });
    const names = affected.map(({ entry }) => clientName(entry));
    return [`${windowsAfterDataEndPhrase(windows, '')!}, in ${affected.length} agreement(s) (${namesListed(names)}); each agreement's report names its datasets' ends. ${DATA_END_ADVICE}`];
}

/**
 * `--from` inside windows the agreements judge: their periods start at those windows' starts (each
 * agreement's report says why in its note), in one line per first day (evaluation-period.ts).
 */
function wholeWindowNotes(entries: readonly PortfolioEntry[]): string[] {
    const byStart = new Map<string, { asked: string; from: string; names: string[] }>();
    for (const entry of entries) {
        const { from, requestedFrom } = entry.report.period;
        if (requestedFrom === undefined) continue;
        const days = { asked: requestedFrom.slice(0, 10), from: from.slice(0, 10) };
        const key = `${days.asked}|${days.from}`;
        const group = byStart.get(key) ?? byStart.set(key, { ...days, names: [] }).get(key)!;
        group.names.push(clientName(entry));
    }
    return [...byStart.values()].map(({ asked, from, names }) => `--from ${asked} falls inside a window that ${names.length} agreement(s) judge (${namesListed(names)}): they are evaluated from its start, ${from} in each one's zone, so that every window is judged on all its data.`);
}

/** `A, B, …, J and 5 more`: at most ten names in a note. */
function namesListed(names: readonly string[]): string {
    return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}

function clientName(entry: PortfolioEntry): string {
    return entry.client ?? entry.agreement;
}

/**
 * The earliest start and the latest end of the agreements' own periods: instants [from, to), as
 * each agreement report states its period, whatever was asked for (`--from`/`--to` are days in each
 * agreement's zone, already in its period). Empty strings when there is no agreement.
 */
function portfolioPeriod(reports: readonly Report[]): PortfolioReport['period'] {
    const starts = reports.map((report) => report.period.from).sort((a, b) => Date.parse(a) - Date.parse(b));
    const ends = reports.map((report) => report.period.to).sort((a, b) => Date.parse(a) - Date.parse(b));
    return { from: starts[0] ?? '', to: ends.at(-1) ?? '' };
}

export function portfolioEntry(model: AgreementModel, report: Report, now: number): PortfolioEntry {
    // The end of the period when it cuts windows short (`now`, `--to`); a window cut by the end of the validity is complete.
    const validityEnd = dayAfter(model.timezone, model.validity.to);
    const periodEnd = Date.parse(report.period.to) < validityEnd ? Date.parse(report.period.to) : Infinity;
    const objectives = { met: 0, breached: 0, noData: 0 };
    const finals = { met: 0, breached: 0 };
    const atRisk: PortfolioEntry['atRisk'] = [];
    for (const objective of report.objectives) {
        // Counted as the agreement report shows it and as the exit code judges it: a window with
        // data that is breached, in progress or not, makes the objective breached.
        const counted = measuredStatus(objective);
        if (counted === 'breached') objectives.breached++;
        else if (counted === 'met') objectives.met++;
        else objectives.noData++;
        // The agreement's status looks past windows in progress that have an error budget: those are "at risk".
        const status = finalStatus(objective, periodEnd);
        if (status === 'breached') finals.breached++;
        else if (status === 'met') finals.met++;
        atRisk.push(...riskOf(objective, periodEnd, { zone: model.timezone, end: validityEnd }));
    }
    const entry: PortfolioEntry = {
        agreement: report.agreement,
        status: finals.breached > 0 ? 'breached' : atRisk.length > 0 ? 'at risk' : finals.met > 0 ? 'met' : 'no data',
        objectives,
        credits: creditsPerCurrency(report.credits.map((credit) => ({ currency: credit.currency, total: credit.total, provisionalTotal: credit.provisionalTotal }))),
        earlyWarnings: earlyWarnings(report),
        atRisk,
        deviations: (model.template?.deviations ?? []).map((deviation) => ({ member: deviation.member, kind: deviation.kind, text: deviation.text })),
        coverage: report.datasets.map((dataset) => ({ dataset: dataset.name, share: coverageShare(report, dataset.coverage.end) })),
        report
    };
    if (model.customer !== undefined) entry.client = model.customer.title ?? model.customer.name;
    if (report.title !== undefined) entry.title = report.title;
    if (report.sourceFile !== undefined) entry.sourceFile = report.sourceFile;
    if (model.template !== undefined) entry.template = model.template.name;
    const worst = worstObjective(report.objectives);
    if (worst !== undefined) entry.worst = worst;
    const expiresOn = expiry(model, report, now);
    if (expiresOn !== undefined) entry.expiresOn = expiresOn;
    const upcoming = upcomingTerms(report);
    if (upcoming.length > 0) entry.upcoming = upcoming;
    const improved = raisedTargets(report);
    if (improved.length > 0) entry.improvedTargets = improved;
    const defaults = serviceLevelDefaults(report);
    if (defaults.length > 0) entry.defaults = defaults;
    const defaultsAtRisk = report.objectives.flatMap((objective) => (objective.defaultAtRisk ?? []).map((risk) => {
        const line: NonNullable<PortfolioEntry['defaultsAtRisk']>[number] = { kpi: objective.kpi, start: risk.start, rule: objective.defaultRule! };
        if (objective.service !== undefined) line.service = objective.service;
        if (risk.scopeValue !== undefined) line.scopeValue = risk.scopeValue;
        return line;
    }));
    if (defaultsAtRisk.length > 0) entry.defaultsAtRisk = defaultsAtRisk;
    const terminations = terminationRisks(report);
    if (terminations.length > 0) entry.terminations = terminations;
    const caps = capsThatCut(report);
    if (caps.length > 0) entry.creditCaps = caps;
    return entry;
}

/** Promises coming into force or stepping up soon after the evaluation period (the objectives' `upcoming`). */
function upcomingTerms(report: Report): NonNullable<PortfolioEntry['upcoming']> {
    return report.objectives.flatMap((objective) => {
        const upcoming = objective.upcoming;
        if (upcoming === undefined) return [];
        const line: NonNullable<PortfolioEntry['upcoming']>[number] = {
            kpi: objective.kpi, from: upcoming.from, comparison: objective.comparison, target: upcoming.target, unit: objective.unit, wouldMiss: upcoming.wouldMiss?.length ?? 0
        };
        if (objective.service !== undefined) line.service = objective.service;
        if (upcoming.inForce === true) line.inForce = true;
        return [line];
    });
}

/** The contract years whose target Continuous Improvement raised (the objectives' `improvedTargets`, raised or capped). */
function raisedTargets(report: Report): NonNullable<PortfolioEntry['improvedTargets']> {
    return report.objectives.flatMap((objective) => (objective.improvedTargets ?? []).flatMap((year) => {
        if (year.outcome !== 'raised' && year.outcome !== 'capped') return [];
        const line: NonNullable<PortfolioEntry['improvedTargets']>[number] = {
            kpi: objective.kpi, from: year.from, comparison: objective.comparison, previous: year.previous, target: year.target, unit: objective.unit
        };
        if (objective.service !== undefined) line.service = objective.service;
        if (year.scopeValue !== undefined) line.scopeValue = year.scopeValue;
        if (year.outcome === 'capped') line.capped = true;
        if (year.provisional === true) line.provisional = true;
        if (year.wouldMiss === true) line.wouldMiss = true;
        return [line];
    }));
}

/** The windows that are Service Level Defaults (the objectives' `default`), in the report's order. */
function serviceLevelDefaults(report: Report): NonNullable<PortfolioEntry['defaults']> {
    return report.objectives.flatMap((objective) => objective.windows.flatMap((window) => {
        if (window.default === undefined) return [];
        const line: NonNullable<PortfolioEntry['defaults']>[number] = { kpi: objective.kpi, start: window.start, end: window.end, reason: window.default };
        if (objective.service !== undefined) line.service = objective.service;
        if (window.scopeValue !== undefined) line.scopeValue = window.scopeValue;
        if (window.defaultProvisional === true) line.provisional = true;
        return [line];
    }));
}

/** The caps on all credits together reached in some period: how often, and owed against paid. */
function capsThatCut(report: Report): NonNullable<PortfolioEntry['creditCaps']> {
    return (report.creditCaps ?? []).flatMap((cap) => {
        const cut = cap.periods.filter((period) => period.reached === true);
        if (cut.length === 0) return [];
        // Amounts in cents, summed as whole cents.
        const sum = (values: number[]): number => roundToCents(values.reduce((total, value) => total + value, 0), cap.currency);
        const entry: NonNullable<PortfolioEntry['creditCaps']>[number] = { cap: cap.cap, currency: cap.currency, periodsCut: cut.length, owed: sum(cap.periods.map((period) => period.owed)), paid: sum(cap.periods.map((period) => period.paid)) };
        if (cap.service !== undefined) entry.service = cap.service;
        return [entry];
    });
}

/** The termination rights of the agreement that fired, or that one more breached window would fire. */
function terminationRisks(report: Report): NonNullable<PortfolioEntry['terminations']> {
    return (report.terminations ?? []).flatMap((termination) => termination.scopes.flatMap((scope) => {
        if (!scope.triggered && scope.atRisk !== true) return [];
        const risk: NonNullable<PortfolioEntry['terminations']>[number] = { name: termination.name, status: scope.triggered ? 'fired' : 'at risk' };
        if (scope.scopeValue !== undefined) risk.scopeValue = scope.scopeValue;
        if (scope.firedAt !== undefined) risk.firedAt = scope.firedAt;
        if (scope.noticeBy !== undefined) risk.noticeBy = scope.noticeBy;
        return [risk];
    }));
}

/**
 * A window cut by the end of the evaluation period (not by the validity): it is still in
 * progress. `periodEnd`: Infinity when the period ends with the validity (SEMANTICS: a window
 * cut by the end of the validity is complete).
 */
export function inProgress(window: WindowReport, periodEnd: number): boolean {
    return window.partial && Date.parse(window.end) > periodEnd;
}

/** An objective's status over all its windows, in progress or not: breached when one is breached, else met when one is met. */
function measuredStatus(objective: ObjectiveReport): WindowReport['status'] {
    if (objective.windows.some((window) => window.status === 'breached')) return 'breached';
    if (objective.windows.some((window) => window.status === 'met')) return 'met';
    return 'no data';
}

/**
 * An objective's status over its finished windows: breached when one is breached. A window
 * in progress whose error budget is defined (ratio objectives) is judged as "at risk"
 * instead (riskOf); without an error budget, a window in progress that misses its target so
 * far counts as breached (a report never flatters).
 */
function finalStatus(objective: ObjectiveReport, periodEnd: number): WindowReport['status'] {
    const statuses = objective.windows.filter((window) => !(inProgress(window, periodEnd) && window.budgetConsumed !== null)).map((window) => window.status);
    if (statuses.includes('breached')) return 'breached';
    if (statuses.includes('met') || objective.windows.some((window) => window.status === 'met')) return 'met';
    return 'no data';
}

/**
 * At risk: a window in progress of an objective with an error budget whose projected
 * end-of-window status at the current burn rate is breached. `budgetConsumed` is the share
 * of the whole window's budget consumed so far — the report's (1 − value)/(1 − target) over
 * the part evaluated, times the elapsed share of the window (the budget of the whole window
 * is the target's share of the traffic the window will have at the rate seen so far). At
 * that rate the window ends with `budgetConsumed / elapsed share`, the report's own
 * figure: breached when it exceeds 1, i.e. when the value so far misses the target.
 * The whole window ends with the validity when that comes first (the window's credit is
 * prorated to the days in force, too): its length and its shown end are those of that part.
 */
function riskOf(objective: ObjectiveReport, periodEnd: number, validity: { zone: string; end: number }): PortfolioEntry['atRisk'] {
    const risks: PortfolioEntry['atRisk'] = [];
    for (const window of objective.windows) {
        if (!inProgress(window, periodEnd) || window.budgetConsumed === null || window.status === 'no data') continue;
        const start = Date.parse(window.start);
        const cutByValidity = validity.end < Date.parse(window.end);
        const end = cutByValidity ? validity.end : Date.parse(window.end);
        const evaluatedTo = Date.parse(window.evaluatedTo ?? window.end);
        const evaluatedFrom = Date.parse(window.evaluatedFrom ?? window.start);
        const elapsedShare = (evaluatedTo - evaluatedFrom) / (end - Math.max(start, evaluatedFrom));
        if (window.status !== 'breached') continue;
        const risk: PortfolioEntry['atRisk'][number] = {
            kpi: objective.kpi,
            window: objective.window,
            start: window.start,
            end: cutByValidity ? formatInstant(validity.zone, validity.end) : window.end,
            budgetConsumed: window.budgetConsumed * elapsedShare,
            projected: window.status
        };
        if (objective.service !== undefined) risk.service = objective.service;
        if (window.scopeValue !== undefined) risk.scopeValue = window.scopeValue;
        risks.push(risk);
    }
    return risks;
}

/**
 * The objective with the smallest margin in its latest window with data (with `for each`, the
 * latest window of each value: the worst value is named). Margins are in the objectives' own
 * units; they are compared relative to the target (margin / |target|, the margin itself for a
 * target of 0), so that 2 ms under a 300 ms target is not "worse" than 0.5 percentage points
 * under 99.9 %.
 */
function worstObjective(objectives: readonly ObjectiveReport[]): PortfolioEntry['worst'] {
    let worst: { relative: number; value: NonNullable<PortfolioEntry['worst']> } | undefined;
    for (const objective of objectives) {
        const latest = new Map<string | undefined, WindowReport>();
        for (const window of objective.windows) if (window.status !== 'no data' && window.margin !== null) latest.set(window.scopeValue, window);
        for (const window of latest.values()) {
            const target = window.target ?? objective.target;
            const relative = target === 0 ? window.margin! : window.margin! / Math.abs(target);
            if (worst !== undefined && relative >= worst.relative) continue;
            const value: NonNullable<PortfolioEntry['worst']> = { kpi: objective.kpi, window: window.start, margin: window.margin!, unit: objective.unit, status: window.status };
            if (objective.service !== undefined) value.service = objective.service;
            if (window.scopeValue !== undefined) value.scopeValue = window.scopeValue;
            worst = { relative, value };
        }
    }
    return worst?.value;
}

/**
 * Early warnings: windows where an internal target was missed while the contract's
 * objective on the same KPI (same service and scope value) was met over that window: the
 * objective's same window when it has it (rolling windows overlap: a neighbour breached by
 * rows outside this window says nothing of it), else every window of the objective that
 * overlaps the internal window's evaluated part. A monthly objective with a quarterly internal
 * target was not "met" for a quarter one of whose months it breached: that month's breach is
 * the contract's own, not an early warning. Windows without data neither confirm nor deny, but
 * at least one window must have been met. A window breached provisionally is breached.
 */
function earlyWarnings(report: Report): PortfolioEntry['earlyWarnings'] {
    const warnings: PortfolioEntry['earlyWarnings'] = [];
    for (const target of report.internalTargets) {
        const promises = report.objectives.filter((objective) => objective.kpiKey === target.kpiKey && objective.service === target.service);
        if (promises.length === 0) continue;
        for (const window of target.windows) {
            if (window.status !== 'breached') continue;
            const span = evaluatedSpan(window);
            const metThen = promises.some((objective) => {
                const scoped = objective.windows.filter((candidate) => candidate.scopeValue === window.scopeValue);
                const same = scoped.filter((candidate) => candidate.start === window.start && candidate.end === window.end);
                const overlapping = same.length > 0 ? same : scoped.filter((candidate) => {
                    const other = evaluatedSpan(candidate);
                    return other.from < span.to && span.from < other.to;
                });
                return overlapping.some((candidate) => candidate.status === 'met') && overlapping.every((candidate) => candidate.status !== 'breached');
            });
            if (!metThen) continue;
            const warning: PortfolioEntry['earlyWarnings'][number] = { kpi: target.kpi, window: target.window, start: window.start };
            if (target.service !== undefined) warning.service = target.service;
            if (window.scopeValue !== undefined) warning.scopeValue = window.scopeValue;
            warnings.push(warning);
        }
    }
    return warnings;
}

/** The instants [from, to) of a window that were evaluated: a window cut by the start or the end of the period, where it was measured. */
function evaluatedSpan(window: WindowReport): { from: number; to: number } {
    return { from: Date.parse(window.evaluatedFrom ?? window.start), to: Date.parse(window.evaluatedTo ?? window.end) };
}

/** The share of the evaluation period before the data's end (null: no rows and no declared end). */
function coverageShare(report: Report, end: string | null): number | null {
    if (end === null) return null;
    const from = Date.parse(report.period.from);
    const to = Date.parse(report.period.to);
    if (!(to > from)) return null;
    return Math.min(1, Math.max(0, (Math.min(Date.parse(end), to) - from) / (to - from)));
}

/**
 * The validity's last day, when it is no earlier than the last day evaluated, at most
 * EXPIRY_HORIZON_DAYS days after it, and not before today (agreement zone).
 */
function expiry(model: AgreementModel, report: Report, now: number): string | undefined {
    const last = dayNumber(formatDate(model.timezone, Date.parse(report.period.to) - 1));
    const validityEnd = dayNumber(model.validity.to);
    // An agreement that has already ended (before today) is not "expiring".
    if (validityEnd < dayNumber(formatDate(model.timezone, now))) return undefined;
    if (validityEnd < last || validityEnd - last > EXPIRY_HORIZON_DAYS) return undefined;
    const civil = civilFromDays(validityEnd);
    return formatCivilDate(civil.year, civil.month, civil.day);
}

function dayNumber(text: string): number {
    const date = requireCivilDate(text);
    return daysFromCivil(date.year, date.month, date.day);
}

/** Amounts per currency, each rounded to the currency's minor unit (cents; whole yen); never summed across currencies. */
export function creditsPerCurrency(lines: Iterable<{ currency: string; total: number; provisionalTotal: number }>): PortfolioEntry['credits'] {
    const sums = new Map<string, { total: number; provisionalTotal: number }>();
    for (const line of lines) {
        const sum = sums.get(line.currency) ?? { total: 0, provisionalTotal: 0 };
        sum.total += line.total;
        sum.provisionalTotal += line.provisionalTotal;
        sums.set(line.currency, sum);
    }
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ currency, total: roundToCents(sum.total, currency), provisionalTotal: roundToCents(sum.provisionalTotal, currency) }));
}

function portfolioTotals(entries: readonly PortfolioEntry[]): PortfolioTotals {
    return {
        agreements: entries.length,
        breached: entries.filter((entry) => entry.status === 'breached').length,
        atRisk: entries.filter((entry) => entry.status === 'at risk').length,
        met: entries.filter((entry) => entry.status === 'met').length,
        noData: entries.filter((entry) => entry.status === 'no data').length,
        credits: creditsPerCurrency(entries.flatMap((entry) => entry.credits))
    };
}
