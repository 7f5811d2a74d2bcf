/** Report tables of `objective each …` (the failed items) and of pause datasets: shared by every renderer. */
import { formatValueAgainst, formatWindow } from './format-values.js';
import { objectiveDurationUnit } from './duration-text.js';
import type { ObjectiveReport, Report } from './report-types.js';
import type { ReportTable } from './report-tables.js';

/** `each tickets where priority = "P1" (by id)`: what the items of an `objective each` are. */
export function itemsPhrase(objective: ObjectiveReport): string {
    const each = objective.each;
    if (each === undefined) return '';
    return `each ${each.dataset}${each.where === undefined ? '' : ` where ${each.where}`}${each.idField === undefined ? '' : ` (by ${each.idField})`}`;
}

/** The items column of a window: `4 judged, 1 failed, 2 pending`. */
export function itemsCell(window: ObjectiveReport['windows'][number]): string {
    const items = window.items;
    if (items === undefined) return '';
    const parts = [`${items.judged} judged`, `${items.failed} failed`];
    if (items.pending > 0) parts.push(`${items.pending} pending`);
    if (items.noValue > 0) parts.push(`${items.noValue} without value`);
    return parts.join(', ');
}

/** The failed items of an `objective each`, per window (the first ones each window lists), or undefined when none failed. */
export function failedItemsTable(objective: ObjectiveReport, title: string): ReportTable | undefined {
    if (objective.each === undefined) return undefined;
    const rows: string[][] = [];
    for (const window of objective.windows) {
        const items = window.items;
        if (items === undefined || items.failed === 0) continue;
        const period = formatWindow(window.start, window.end);
        for (const item of items.failures) {
            rows.push([
                period,
                item.id ?? `line ${item.line}`,
                String(item.line),
                (item.open === true ? 'at least ' : '') + formatValueAgainst(item.value, objective.target, objective.unit, objectiveDurationUnit(objective)) + (item.open === true ? ' (still open)' : '')
            ]);
        }
        if (items.failed > items.failures.length) rows.push([period, `… and ${items.failed - items.failures.length} more`, '', '']);
    }
    if (rows.length === 0) return undefined;
    return { title: `${title} — failed items`, headers: ['window', objective.each.idField ?? 'item', 'line', 'value'], rows, breached: rows.map(() => true) };
}

/** Termination rights on chronic failure: per right and scope value, fired, at risk or not, and the customer's notice deadline. */
export function terminationsTable(report: Report): ReportTable | undefined {
    const terminations = report.terminations;
    if (terminations === undefined || terminations.length === 0) return undefined;
    const rows = terminations.flatMap((termination) => termination.scopes.map((scope) => ({ termination, scope })));
    return {
        title: 'Termination rights',
        headers: ['right', 'when', 'scope', 'breached', 'status', 'fired at', 'notice by'],
        rows: rows.map(({ termination, scope }) => [
            termination.name,
            `${termination.service === undefined ? '' : `${termination.service}.`}${termination.kpi} ${termination.defaults === true ? 'in default' : 'breached'} in ${termination.rule}`,
            scope.scopeValue ?? '—',
            String(scope.breached),
            scope.triggered ? 'FIRED' : scope.atRisk === true ? 'at risk' : 'not fired',
            scope.firedAt ?? '',
            scope.noticeBy ?? ''
        ]),
        breached: rows.map(({ scope }) => scope.triggered)
    };
}

/** Maintenance whose periods a dataset lists: what was read, what counted, what was announced too late (the notes list those periods). */
export function listedMaintenanceTable(report: Report): ReportTable | undefined {
    const listed = report.listedMaintenance;
    if (listed === undefined || listed.length === 0) return undefined;
    return {
        title: 'Maintenance listed in data',
        headers: ['maintenance', 'dataset', 'rows', 'periods', 'counted', 'announced late', 'notice', 'rejected', 'path'],
        rows: listed.map((entry) => [
            entry.maintenance,
            entry.dataset,
            String(entry.rows),
            String(entry.periods),
            String(entry.counted),
            String(entry.lateNotice.length),
            entry.notice ?? 'not checked',
            String(entry.rejected),
            entry.path
        ]),
        breached: listed.map((entry) => entry.lateNotice.length > 0 || entry.rejected > 0)
    };
}

/** Pause datasets joined by `excluding pauses(…)`: what was read, kept, open, and pause rows of unknown items. */
export function pausesTable(report: Report): ReportTable | undefined {
    if (report.pauses === undefined || report.pauses.length === 0) return undefined;
    return {
        title: 'Pauses',
        headers: ['dataset', 'joined to', 'key', 'rows', 'kept', 'open', 'rejected', 'unknown keys', 'path'],
        rows: report.pauses.map((pauses) => [
            pauses.name,
            pauses.joinedTo,
            pauses.key,
            String(pauses.rows),
            String(pauses.kept),
            String(pauses.open),
            String(pauses.rejected),
            pauses.unknownKeys === 0 ? '0' : `${pauses.unknownKeys} (${pauses.unknownKeySamples.map((sample) => `"${sample.key}" line ${sample.line}`).join(', ')})`,
            pauses.path
        ]),
        breached: report.pauses.map((pauses) => pauses.unknownKeys > 0 || pauses.rejected > 0)
    };
}
