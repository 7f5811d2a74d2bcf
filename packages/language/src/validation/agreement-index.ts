import { AstUtils, WorkspaceCache, type LangiumSharedCoreServices } from 'langium';
import { walkAst } from '../model/ast-walk.js';
import {
    isClause, isCredit, isInternalTarget, isKpi, isObjective, isService, type Agreement, type AgreementMember, type Kpi,
    type Objective, type Service
} from '../generated/ast.js';

/** What several checks look up in an agreement, gathered in one pass. */
export interface AgreementFacts {
    /** Objectives by the KPI they promise. */
    objectivesByKpi: Map<Kpi, Objective[]>;
    /** Services that declare a KPI of this name. */
    servicesByKpiName: Map<string, Service[]>;
    /** Names of KPIs that objectives refer to, as written, in source order. */
    objectiveKpiNames: string[];
    /** KPIs declared in the agreement (at its level and in its services). */
    kpis: Kpi[];
    /** KPIs an objective, internal target, credit, clause or formula of this file refers to. */
    usedKpis: Set<Kpi>;
}

/**
 * One index per agreement, rebuilt after any change to the workspace (references may be
 * relinked without a new parse). Walks the agreement's structure, not every AST node, and
 * takes formula references from the document's reference list: checks stay linear and cheap.
 */
export class AgreementIndex {
    private readonly cache: WorkspaceCache<Agreement, AgreementFacts>;

    constructor(shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    of(agreement: Agreement): AgreementFacts {
        return this.cache.get(agreement, () => collect(agreement));
    }
}

function collect(agreement: Agreement): AgreementFacts {
    const facts: AgreementFacts = {
        objectivesByKpi: new Map(), servicesByKpiName: new Map(), objectiveKpiNames: [], kpis: [], usedKpis: new Set()
    };
    const names = new Set<string>();
    const visit = (member: AgreementMember, service?: Service): void => {
        if (isKpi(member)) {
            facts.kpis.push(member);
            if (service && member.name) {
                const services = facts.servicesByKpiName.get(member.name) ?? [];
                if (services[services.length - 1] !== service) services.push(service);
                facts.servicesByKpiName.set(member.name, services);
            }
        } else if (isObjective(member)) {
            const kpi = member.kpi?.ref;
            if (kpi) {
                const list = facts.objectivesByKpi.get(kpi) ?? [];
                list.push(member);
                facts.objectivesByKpi.set(kpi, list);
            }
            const text = member.kpi?.$refText;
            if (text && !names.has(text)) {
                names.add(text);
                facts.objectiveKpiNames.push(text);
            }
        }
    };
    for (const member of agreement.members) {
        if (isService(member)) for (const inner of member.members) visit(inner, member);
        else visit(member);
    }
    // A client agreement's resolved copy (model/client-resolution.ts) is in no document's reference list.
    if (!(agreement.$container as { elements?: unknown[] } | undefined)?.elements?.includes(agreement)) {
        // KPIs are named by formulas (`target`), promises (`kpi`) and clauses (`measuredBy`).
        // walkAst, not Langium's stream, and no array per node: this runs once per client of a portfolio.
        const use = (target: unknown): void => {
            if (isKpi(target)) facts.usedKpis.add(target);
        };
        walkAst(agreement, node => {
            const named = node as { target?: { ref?: unknown }; kpi?: { ref?: unknown }; measuredBy?: Array<{ ref?: unknown }> };
            if (named.target !== undefined) use(named.target.ref);
            if (named.kpi !== undefined) use(named.kpi.ref);
            if (named.measuredBy !== undefined) for (const reference of named.measuredBy) use(reference.ref);
        });
        return facts;
    }
    try {
        for (const reference of AstUtils.getDocument(agreement).references) {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (isKpi(target)) facts.usedKpis.add(target);
        }
    } catch {
        // a bare AST without a document: count the direct references only
        for (const member of agreement.members) {
            const inner = isService(member) ? member.members : [member];
            for (const node of inner) {
                if ((isObjective(node) || isInternalTarget(node) || isCredit(node)) && node.kpi?.ref) facts.usedKpis.add(node.kpi.ref);
                if (isClause(node)) for (const ref of node.measuredBy) if (ref.ref) facts.usedKpis.add(ref.ref);
            }
        }
    }
    return facts;
}
