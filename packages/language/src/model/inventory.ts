import { AstUtils, type AstNode } from 'langium';
import { isAgreement, isDataset, isDeployedResources, isUptime, type Agreement, type Dataset, type Kpi } from '../generated/ast.js';
import { astNodes } from './ast-walk.js';
import { uptimeTerms } from './kpi-reads.js';

/** The dataset an `uptime(…, across zone of <name>)` or `uptime(…, deployed in <name> …)` names: one of the agreement's, or of its file. */
export function inventoryDataset(agreement: Agreement, name: string): Dataset | undefined {
    const own = agreement.members.find((member): member is Dataset => isDataset(member) && member.name === name);
    if (own) return own;
    const root = agreement.$container as { elements?: AstNode[] } | undefined;
    return root?.elements?.find((element): element is Dataset => isDataset(element) && element.name === name);
}

/**
 * The inventories of resources' deployments a KPI reads (`uptime(…, deployed in <name> …)`),
 * through the KPIs it names, or (`throughKpis` false: each KPI of a long chain walked once) in
 * its own formula only. Scoped `for each F`, each must say every deployment's F too.
 */
export function deploymentInventories(kpi: Kpi, throughKpis = true): Dataset[] {
    const agreement = AstUtils.getContainerOfType(kpi, isAgreement);
    const found: Dataset[] = [];
    const terms = throughKpis ? uptimeTerms(kpi) : kpi.formula ? astNodes(kpi.formula).filter(isUptime) : [];
    for (const term of terms) {
        const option = term.options.find(isDeployedResources);
        const inventory = agreement && option?.inventory !== undefined ? inventoryDataset(agreement, option.inventory) : undefined;
        if (inventory && !found.includes(inventory)) found.push(inventory);
    }
    return found;
}
