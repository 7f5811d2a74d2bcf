/**
 * Credit tables per plan (`plan Premium { … }` inside a credit block) as the engine's credits,
 * chosen like `by plan { … }` targets: under `plan X` the table of X only (none written: no
 * credit); with `plan from F` one credit per plan table, each judged on the rows whose F names it.
 */
import type { CreditModel } from '@sla/engine';
import type { Credit, CreditTier } from '../generated/ast.js';
import { planChoiceFor } from '../model/plans.js';
import { ModelError } from './agreement-model.js';

export function creditsPerPlan(node: Credit, build: (tiers: CreditTier[]) => CreditModel): CreditModel[] {
    if (node.planTiers.length === 0) return [build(node.tiers)];
    const kpi = node.kpi?.$refText ?? '';
    if (node.tiers.length > 0) throw new ModelError(`The credit for '${kpi}' has tiers both outside and inside 'plan … { }' tables: put every tier in its plan's table.`, node);
    const choice = planChoiceFor(node);
    if (!choice) throw new ModelError(`The credit for '${kpi}' has a table per plan, but no 'plan …' line says which plan applies.`, node);
    if (choice.field) {
        const field = choice.field.ref;
        if (!field) throw new ModelError(`The field '${choice.field.$refText}' of 'plan from' is not declared.`, choice);
        if (node.scope) throw new ModelError(`The credit for '${kpi}' is per plan from '${field.name}': it cannot also be 'for each ${node.scope.field?.$refText ?? ''}'.`, node);
        return node.planTiers.filter((table) => table.plan?.ref).map((table) => ({
            ...build(table.tiers),
            plan: table.plan.ref!.name,
            scopeField: field.name,
            scopeValues: [table.plan.ref!.name]
        }));
    }
    const plan = choice.plan?.ref;
    if (!plan) throw new ModelError(`The plan '${choice.plan?.$refText ?? ''}' is not declared.`, choice);
    const table = node.planTiers.find((candidate) => candidate.plan?.ref === plan);
    // The plan the agreement is under has no table: it earns no credit (the hover says so).
    return table ? [{ ...build(table.tiers), plan: plan.name }] : [];
}
