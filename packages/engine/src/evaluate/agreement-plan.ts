import { inferFormat } from '../data/spec.js';
import type { AgreementModel, DatasetModel } from '../model.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { EvaluationPlan } from './evaluation-plan.js';
import type { SharedRowFunctions } from './shared-row-functions.js';
import { feeRequirements } from './credit-fee.js';
import { formulaKpis } from './credit-formula.js';
import { requireOrderedTimes } from './ordered-times.js';

/**
 * The evaluation plan of an agreement: every aggregate its objectives, internal targets
 * and credits need. Deterministic — the same model and period give the same scans,
 * groups and channels in the same order — so a scan worker can rebuild the plan and
 * its accumulators line up with the main thread's.
 */
export function planAgreement(model: AgreementModel, period: EvaluationPeriod, dataOverrides: Record<string, string> | undefined, shared?: SharedRowFunctions): EvaluationPlan {
    const plan = new EvaluationPlan(model, period, (name, spec) => withOverride(name, spec, dataOverrides), shared);
    for (const objective of [...model.objectives, ...model.internalTargets]) {
        plan.requireKpi(objective.kpi, objective.window, objective.scopeField);
        // `for each F` on an optional F: the KPI over all rows too, to count those without F (missing-scope-note.ts).
        if (objective.scopeField !== undefined && scopeFieldMayBeMissing(model, objective.scopeField)) plan.requireKpi(objective.kpi, objective.window, undefined);
        // The rows each exclusion takes out of the KPI, counted per window for the report.
        for (const exclusion of objective.exclusions ?? []) if (exclusion.rowsKpi !== undefined) plan.requireKpi(exclusion.rowsKpi, objective.window, objective.scopeField);
    }
    for (const credit of model.credits) {
        plan.requireKpi(credit.kpi, credit.window, credit.scopeField);
        for (const need of feeRequirements(credit, model)) plan.requireKpi(need.kpi, need.window, need.scopeField);
        // KPIs a formula tier reads are evaluated in the credit's windows (and scope values) too.
        for (const tier of credit.tiers) {
            if (tier.amount.kind === 'formula') for (const key of formulaKpis(tier.amount.formula)) plan.requireKpi(key, credit.window, credit.scopeField);
        }
    }
    for (const objective of model.itemObjectives ?? []) plan.requireItems(objective);
    // Rows whose elapsed(…) would be negative are invalid: known only once every KPI is planned.
    for (const scan of plan.scans.values()) requireOrderedTimes(scan);
    return plan;
}

/** True when a dataset declares the field optional: rows may lack it, and then belong to no `for each` value. */
export function scopeFieldMayBeMissing(model: AgreementModel, field: string): boolean {
    return Object.values(model.datasets).some((dataset) => dataset.fields.some((spec) => spec.name === field && spec.optional));
}

/**
 * A dataset read from another file (`--data NAME=PATH`). The format follows the new
 * file's extension unless the declared format differs from what the declared path's
 * extension implies (then it was declared explicitly and stays).
 */
export function withOverride(name: string, spec: DatasetModel, overrides: Record<string, string> | undefined): DatasetModel {
    const path = overrides?.[name];
    if (path === undefined) return spec;
    const formatFromExtension = inferFormat(spec.path) === spec.format || spec.table !== undefined;
    const format = formatFromExtension ? inferFormat(path) ?? spec.format : spec.format;
    // A table replaced by a file (`--data NAME=PATH`) is read as that file.
    const { table: _table, ...declared } = spec;
    return { ...declared, path, format };
}
