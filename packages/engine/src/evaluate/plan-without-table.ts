import { windowSpecKey, type AgreementModel } from '../model.js';
import type { ObjectiveReport, WindowReport } from '../report/report-types.js';

/**
 * A plan its credit block writes no table for earns no credit (language reference § 12.3): the
 * report has no credit line for it, but when its objective was breached a note says why nothing
 * is owed, as `sla validate` and `sla explain` do. The breached windows are the objective
 * report's, never judged again: of the objective the credit would follow (as draftCredit chooses
 * it: the plan's own or one for every plan, the credit's window first), and with `plan from F`
 * its windows of the plan's rows.
 */
export function planWithoutTableNotes(model: AgreementModel, objectives: readonly ObjectiveReport[]): string[] {
    const notes = new Set<string>();
    for (const entry of model.creditPlansWithoutTable ?? []) {
        // `objectives[i]` reports `model.objectives[i]` (the item objectives come after them).
        const candidates = model.objectives.flatMap((objective, index) =>
            objective.kpi === entry.kpi && (objective.plan === undefined || objective.plan === entry.plan) ? [{ objective, report: objectives[index]! }] : []);
        const chosen = candidates.find(({ objective }) => windowSpecKey(objective.window) === windowSpecKey(entry.window)) ?? candidates[0];
        if (chosen === undefined) continue;
        // `plan from F`: only an objective judged per value of F judges the plan's rows apart.
        const windows = entry.planField === undefined ? chosen.report.windows
            : chosen.objective.scopeField === entry.planField ? chosen.report.windows.filter((window) => window.scopeValue === entry.plan) : [];
        const breached = windows.filter((window) => window.status === 'breached');
        if (breached.length === 0) continue;
        const kpiName = model.kpis.find((kpi) => kpi.key === entry.kpi)?.name ?? entry.kpi;
        const label = `${entry.service ? `${entry.service}.` : ''}${kpiName} (plan ${entry.plan})`;
        // Under `plan X` an objective `for each` field has windows per value: name the value.
        const starts = breached.map((window) => windowStart(window, entry.planField === undefined));
        notes.add(`Credits for ${label}: the credit block has no table for the plan ${entry.plan}, so a breach under it earns no credit; ${breached.length} breached window(s) (starting ${starts.join(', ')}) earn nothing.`);
    }
    return [...notes];
}

/** `2026-03-01`, or `2026-03-01 for EU` for a window of one value of a `for each` field. */
function windowStart(window: WindowReport, withScopeValue: boolean): string {
    const day = window.start.slice(0, 10);
    return withScopeValue && window.scopeValue !== undefined ? `${day} for ${window.scopeValue}` : day;
}
