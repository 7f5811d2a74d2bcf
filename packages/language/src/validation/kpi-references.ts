import { AstUtils, type AstNode, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAgreement, isClause, isCredit, isInternalTarget, isKpi, isNameReference, isObjective, isService,
    type Agreement, type Kpi, type SlaAstType
} from '../generated/ast.js';
import { fix, replaceNode } from './quick-fix.js';
import { report } from './report.js';

/**
 * References to KPIs: a bare name two services define is ambiguous (sla/kpi-name-ambiguous),
 * and a KPI nothing uses is probably a mistake (sla/kpi-unused).
 */
export function kpiReferenceChecks(): ValidationChecks<SlaAstType> {
    return {
        Objective: (node, accept) => checkAmbiguous(node, 'kpi', node.kpi, accept),
        InternalTarget: (node, accept) => checkAmbiguous(node, 'kpi', node.kpi, accept),
        Credit: (node, accept) => checkAmbiguous(node, 'kpi', node.kpi, accept),
        Clause: (node, accept) => node.measuredBy.forEach((ref, index) => checkAmbiguous(node, 'measuredBy', ref, accept, index)),
        NameReference: (node, accept) => {
            if (isKpi(node.target?.ref)) checkAmbiguous(node, 'target', node.target as Reference<Kpi>, accept);
        },
        Agreement: checkUnused
    };
}

function checkAmbiguous(node: AstNode, property: string, reference: Reference<Kpi> | undefined, accept: ValidationAcceptor, index?: number): void {
    const text = reference?.$refText;
    if (!text || text.includes('.') || !reference.ref) return;
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return;
    const service = AstUtils.getContainerOfType(node, isService);
    if (service?.members.some(m => isKpi(m) && m.name === text)) return;
    if (agreement.members.some(m => isKpi(m) && m.name === text)) return;
    const owners = agreement.members.filter(isService).filter(s => s.members.some(m => isKpi(m) && m.name === text));
    if (owners.length < 2) return;
    const refNode = reference.$refNode;
    const options = owners.map(s => `${s.name}.${text}`);
    report(accept, 'kpi-name-ambiguous',
        `'${text}' is a KPI of ${owners.length} services (${owners.map(s => `'${s.name}'`).join(', ')}): which one is meant? Qualify it as ${options.map(o => `'${o}'`).join(' or ')}.`,
        { node, property, index },
        { fixes: refNode ? options.map(option => fix(`Write '${option}'`, [replaceNode(refNode, option)])) : [] });
}

/** KPIs of this agreement that no objective, internal target, credit, clause or other KPI uses. */
function checkUnused(agreement: Agreement, accept: ValidationAcceptor): void {
    const declared: Kpi[] = [];
    const used = new Set<Kpi>();
    for (const node of AstUtils.streamAst(agreement)) {
        if (isKpi(node)) declared.push(node);
        else if (isObjective(node) || isInternalTarget(node) || isCredit(node)) {
            if (node.kpi?.ref) used.add(node.kpi.ref);
        } else if (isClause(node)) {
            for (const ref of node.measuredBy) if (ref.ref) used.add(ref.ref);
        } else if (isNameReference(node)) {
            const target = node.target?.ref;
            if (isKpi(target)) used.add(target);
        }
    }
    for (const kpi of declared) {
        if (used.has(kpi) || !kpi.name) continue;
        report(accept, 'kpi-unused',
            `The KPI '${kpi.name}' is measured but nothing uses it: no objective, internal target or clause refers to it. Add an objective, or remove it.`,
            { node: kpi, property: 'name' });
    }
}
