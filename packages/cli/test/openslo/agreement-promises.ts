// What an agreement promises, as its evaluation model reads it: the round trips through OpenSLO compare these.
import { isAgreement, isDocument, toAgreementModel } from '@sla/language';
import { loadSlaFiles } from '@sla/language/node';

export async function modelOf(file: string) {
    const { documents, services } = await loadSlaFiles([file], { validate: true });
    const root = documents[0]!.parseResult.value;
    const agreement = isDocument(root) ? root.elements.find(isAgreement) : undefined;
    return toAgreementModel(agreement!, services.types.TypeComputer);
}

/** What an objective promises: KPI (and its formula), comparison, target, window, scope, sample, owner, term, plan (and its rows). */
export function promises(model: Awaited<ReturnType<typeof modelOf>>) {
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) => (key === 'source' ? undefined : v)));
    const formula = (key: string) => strip(model.kpis.find(k => k.key === key)?.formula);
    const rows = [...model.objectives.map(o => ['objective', o] as const), ...model.internalTargets.map(o => ['internal', o] as const)]
        .map(([kind, o]) => JSON.stringify({ kind, kpi: o.kpi, formula: formula(o.kpi), comparison: o.comparison, target: o.target, window: o.window, scope: o.scopeField, minimumRows: o.minimumRows, owner: o.owner, inForceFrom: o.inForceFrom, targetSteps: o.targetSteps, plan: o.plan, scopeValues: o.scopeValues }));
    return rows.sort();
}
