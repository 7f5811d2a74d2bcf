/**
 * The latest values of an objective as a hover shows them, from the report of the document's
 * latest evaluation (latest-evaluations.ts).
 */
import type { ObjectiveReport, Report, WindowReport } from '@sla/engine';
import { formatAllowance } from '../../explain/allowance.js';
import { formatNumber } from '../../explain/numbers.js';

/** The report entry of the objective (or internal target) that starts at this 1-based line. */
export function objectiveReportAt(report: Report, line: number, internal: boolean): ObjectiveReport | undefined {
    return (internal ? report.internalTargets : report.objectives).find(o => o.source?.line === line);
}

function valueText(value: number | null, unit: string): string {
    if (value === null) return 'no data';
    if (unit === 'ratio') return `${formatNumber(Number((value * 100).toFixed(3)))}%`;
    if (unit === 'ms') return formatAllowance(value);
    return formatNumber(Number(value.toFixed(3)));
}

function windowText(window: WindowReport, unit: string): string {
    const scope = window.scopeValue ? ` (${window.scopeValue})` : '';
    const partial = window.partial ? ', partial window' : '';
    const budget = window.budgetConsumed !== null && window.budgetConsumed !== undefined ? `, ${Math.round(window.budgetConsumed * 100)}% of the error budget used` : '';
    return `- ${window.start.slice(0, 10)} to ${window.end.slice(0, 10)}${scope}: ${valueText(window.value, unit)} — ${window.status}${budget}${partial}`;
}

/** Markdown for the last windows of an objective's latest evaluation (at most `count`). */
export function latestValuesMarkdown(report: Report, objective: ObjectiveReport, count = 3): string {
    const windows = objective.windows.slice(-count);
    const lines = [`**Latest evaluation** (${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)}, run ${report.generatedAt.slice(0, 16).replace('T', ' ')}):`];
    lines.push(...(windows.length > 0 ? windows.map(w => windowText(w, objective.unit)) : ['- no window evaluated']));
    return lines.join('\n');
}
