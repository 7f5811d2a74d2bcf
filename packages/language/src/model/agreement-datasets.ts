import { AstUtils, type AstNode } from 'langium';
import { isDataset, isField, isItemSelection, isKpi, isNameReference, isPauseExclusion, type Dataset, type Kpi } from '../generated/ast.js';
import { walkAst } from './ast-walk.js';
import { datasetsReader } from './kpi-reads.js';

/**
 * Every dataset the members read, directly or through the KPIs they name (KPIs declared
 * elsewhere too: a top-level or imported KPI), in order of first use.
 */
export function datasetsReadBy(members: Iterable<AstNode>): Dataset[] {
    const result: Dataset[] = [];
    const add = (dataset: Dataset | undefined) => { if (dataset && !result.includes(dataset)) result.push(dataset); };
    // Each KPI's datasets once: a KPI is named by several promises. Each list is built once from
    // those of the KPIs it names: reading every KPI of a chain through the rest cost n², and a
    // client-scoped agreement with a chain of 2,000 KPIs took 6 s to validate (found fuzzing).
    const seen = new Set<Kpi>();
    const read = datasetsReader();
    const addKpi = (kpi: Kpi) => { if (!seen.has(kpi)) { seen.add(kpi); read(kpi).forEach(add); } };
    for (const member of members) {
        walkAst(member, node => {
            if (isNameReference(node)) {
                const target = node.target?.ref;
                if (isDataset(target)) add(target);
                else if (isField(target)) add(AstUtils.getContainerOfType(target, isDataset));
                else if (isKpi(target)) addKpi(target);
            } else if (isItemSelection(node) || isPauseExclusion(node)) {
                add(node.dataset?.ref);
            } else if (isKpi(node)) {
                // Its formula is walked here: the KPIs it names are followed above.
                seen.add(node);
            }
        });
    }
    return result;
}
