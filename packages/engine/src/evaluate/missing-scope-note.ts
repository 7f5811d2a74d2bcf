import { windowSpecKey, windowSpecLabel, type AgreementModel } from '../model.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { scopeFieldMayBeMissing } from './agreement-plan.js';

/**
 * `for each region`: rows without a region are in no region's windows. Say how many the KPI
 * read (in calendar windows, their total; in rolling windows, which overlap, the most in one)
 * instead of dropping them silently.
 */
export function missingScopeNotes(model: AgreementModel, plan: EvaluationPlan, evaluator: KpiEvaluator): string[] {
    const notes = new Map<string, string>();
    for (const objective of [...model.objectives, ...model.internalTargets]) {
        const field = objective.scopeField;
        if (field === undefined || !scopeFieldMayBeMissing(model, field)) continue;
        const rows = plan.windowPlan(objective.window).windows.map((window) => evaluator.rowsWithoutScope(objective.kpi, objective.window, window, field));
        const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpiName}`;
        const rolling = objective.window.kind === 'rolling';
        const counted = rows.reduce((most, count) => (rolling ? Math.max(most, count) : most + count), 0);
        if (counted === 0) continue;
        const how = rolling ? `up to ${counted.toLocaleString('en-US')} in one ${windowSpecLabel(objective.window)} window` : `${counted.toLocaleString('en-US')} in the evaluation period`;
        notes.set(`${name}|${field}|${windowSpecKey(objective.window)}`, `${name} for each ${field}: rows without a ${field} (${how}) are in no ${field}'s windows; give them a ${field} in the data if they belong to one.`);
    }
    return [...notes.values()];
}
