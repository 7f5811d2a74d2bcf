import { AstUtils, type AstNode, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAgreement, isKpi, isService,
    type Agreement, type Kpi, type SlaAstType
} from '../generated/ast.js';
import type { AgreementIndex } from './agreement-index.js';
import { fix, replaceNode } from './quick-fix.js';
import { report } from './report.js';

/**
 * References to KPIs outside formulas: a bare name two services define is ambiguous (sla/kpi-name-ambiguous),
 * and a KPI nothing uses is probably a mistake (sla/kpi-unused).
 */
export function kpiReferenceChecks(index: AgreementIndex): ValidationChecks<SlaAstType> {
    return {
        Objective: (node, accept) => checkAmbiguousKpiName(node, 'kpi', node.kpi, index, accept),
        InternalTarget: (node, accept) => checkAmbiguousKpiName(node, 'kpi', node.kpi, index, accept),
        Credit: (node, accept) => checkAmbiguousKpiName(node, 'kpi', node.kpi, index, accept),
        Clause: (node, accept) => node.measuredBy.forEach((ref, i) => checkAmbiguousKpiName(node, 'measuredBy', ref, index, accept, i)),
        Agreement: (agreement, accept) => checkUnused(agreement, index, accept)
    };
}

/** A bare KPI name two services define (formulas call this for their own references). */
export function checkAmbiguousKpiName(node: AstNode, property: string, reference: Reference<Kpi> | undefined, agreements: AgreementIndex, accept: ValidationAcceptor, index?: number): void {
    const text = reference?.$refText;
    if (!text || text.includes('.') || !reference.ref) return;
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return;
    const owners = agreements.of(agreement).servicesByKpiName.get(text) ?? [];
    if (owners.length < 2) return;
    // The referencing service's own KPI, or an agreement-level one, is what the name means.
    const service = AstUtils.getContainerOfType(node, isService);
    if (service && owners.includes(service)) return;
    if (agreement.members.some(m => isKpi(m) && m.name === text)) return;
    const refNode = reference.$refNode;
    const options = owners.map(s => `${s.name}.${text}`);
    report(accept, 'kpi-name-ambiguous',
        `'${text}' is a KPI of ${owners.length} services (${owners.map(s => `'${s.name}'`).join(', ')}): which one is meant? Qualify it as ${options.map(o => `'${o}'`).join(' or ')}.`,
        { node, property, index },
        { fixes: refNode ? options.map(option => fix(`Write '${option}'`, [replaceNode(refNode, option)])) : [] });
}

/** KPIs of this agreement that no objective, internal target, credit, clause or other KPI uses. */
function checkUnused(agreement: Agreement, index: AgreementIndex, accept: ValidationAcceptor): void {
    const facts = index.of(agreement);
    for (const kpi of facts.kpis) {
        if (facts.usedKpis.has(kpi) || !kpi.name) continue;
        report(accept, 'kpi-unused',
            `The KPI '${kpi.name}' is measured but nothing uses it: no objective, internal target or clause refers to it. Add an objective, or remove it.`,
            { node: kpi, property: 'name' });
    }
}
