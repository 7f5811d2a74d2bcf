/** Which KPIs `objective each …` promises use (per-row KPIs are allowed for those only). */
import { AstUtils, WorkspaceCache, type AstNode, type LangiumSharedCoreServices } from 'langium';
import { isAgreement, isDocument, isService, type Kpi } from '../generated/ast.js';
import { isEachObjective } from './each-objective.js';

/**
 * The KPIs named by `objective each …` in a file (agreements and their services), computed
 * once per file and workspace state: validation asks it for every per-row KPI.
 */
export class ItemKpis {
    private readonly byRoot: WorkspaceCache<AstNode, Set<Kpi>>;

    constructor(shared: LangiumSharedCoreServices) {
        this.byRoot = new WorkspaceCache(shared);
    }

    /** Some `objective each …` of the KPI's file promises it. */
    usedByEachObjective(kpi: Kpi): boolean {
        const root = AstUtils.findRootNode(kpi);
        return this.byRoot.get(root, () => collect(root)).has(kpi);
    }
}

function collect(root: AstNode): Set<Kpi> {
    const kpis = new Set<Kpi>();
    if (!isDocument(root)) return kpis;
    for (const element of root.elements) {
        if (!isAgreement(element)) continue;
        for (const member of element.members) {
            const members = isService(member) ? member.members : [member];
            for (const candidate of members) if (isEachObjective(candidate) && candidate.kpi?.ref) kpis.add(candidate.kpi.ref);
        }
    }
    return kpis;
}
