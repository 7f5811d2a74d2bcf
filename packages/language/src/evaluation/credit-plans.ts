/**
 * Credit tables per plan (`plan Premium { … }` inside a credit block) as the engine's credits,
 * chosen like `by plan { … }` targets: under `plan X` the table of X only (none written: no
 * credit); with `plan from F` one credit per plan table, each judged on the rows whose F names it.
 * The plans without a table are passed apart (`creditPlansWithoutTable`): no credit, but the
 * report says a breach under them earns nothing (engine: evaluate/plan-without-table.ts).
 */
import type { AgreementModel, CreditModel } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, type Credit, type CreditTier } from '../generated/ast.js';
import { declaredPlans, planChoiceFor } from '../model/plans.js';
import { windowSpecOf } from '../model/windows.js';
import { kpiKeyOf, ModelError } from './agreement-model.js';

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
    // The plan the agreement is under has no table: it earns no credit (the hover says so; creditPlansWithoutTable).
    return table ? [{ ...build(table.tiers), plan: plan.name }] : [];
}

type PlanWithoutTable = NonNullable<AgreementModel['creditPlansWithoutTable']>[number];

/**
 * The plans of a credit block with tables per plan that it writes no table for: under `plan X`,
 * X when it has none; with `plan from F`, every declared plan without one. Called after
 * `creditsPerPlan`, which refuses the blocks that cannot be evaluated.
 */
export function creditPlansWithoutTable(node: Credit, service: string | undefined): PlanWithoutTable[] {
    const choice = node.planTiers.length === 0 ? undefined : planChoiceFor(node);
    const kpi = node.kpi?.ref;
    const window = node.window ? windowSpecOf(node.window) : undefined;
    if (!choice || !kpi || !window) return [];
    // The KPI's key as the agreement model gives it, without building the KPI: one no objective reads has no breach to note.
    const credit = { ...(service === undefined ? {} : { service }), kpi: kpiKeyOf(kpi), window };
    const written = new Set(node.planTiers.map((table) => table.plan?.ref?.name));
    if (choice.field) {
        const field = choice.field.ref?.name;
        if (field === undefined) return [];
        return declaredPlans(AstUtils.getContainerOfType(node, isAgreement)).filter((plan) => !written.has(plan.name)).map((plan) => ({ ...credit, plan: plan.name, planField: field }));
    }
    const plan = choice.plan?.ref?.name;
    return plan === undefined || written.has(plan) ? [] : [{ ...credit, plan }];
}
