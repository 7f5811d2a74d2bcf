/**
 * Names written as plain words that stand for a dataset or a field without being cross-references
 * of the grammar: `uptime(…, across zone of deployments)`, `deployed in deployments by database
 * from created to deleted`, `weighted by affected`, `slices(every 5 minutes by opened: …)` and the
 * noun of `with at least 20 tickets`. The validator resolves them by name; this resolves them the
 * same way so that go to definition, find references, highlights and rename reach them too —
 * renaming the dataset `deployments` must rewrite `deployed in deployments`, or the KPI silently
 * stops measuring anything the next time it is validated.
 */
import { AstUtils, GrammarUtils, type AstNode, type CstNode } from 'langium';
import {
    isAcrossInstances, isAgreement, isDataset, isDeployedResources, isField, isInternalTarget, isMinimumSample, isObjective, isTimeslices, isUptime,
    isWeightedDowntime, type Dataset, type Field
} from '../generated/ast.js';
import { inventoryDataset } from '../model/inventory.js';
import { datasetsOfExpression, datasetsRead } from '../model/kpi-reads.js';

/** A plain name standing for a dataset or field: the node holding it, the property, and its text's CST node. */
export interface NameMention {
    node: AstNode;
    property: string;
    cst: CstNode;
}

/** The properties of each kind of node that name a dataset or a field by a plain word. */
const MENTIONING = ['inventory', 'field', 'from', 'to', 'timeField', 'dataset'];

/** What a plain name at `property` of `node` stands for (the dataset or fields it names), as the validator reads it; [] if nothing. */
export function mentionedTargets(node: AstNode, property: string): Array<Dataset | Field> {
    const name: unknown = Reflect.get(node, property);
    if (typeof name !== 'string') return [];
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    const inventory = () => (agreement ? inventoryDataset(agreement, name) : undefined);
    const inventoryOf = (option: { inventory?: string }) => (agreement && option.inventory !== undefined ? inventoryDataset(agreement, option.inventory) : undefined);
    const outagesOf = () => {
        const uptime = AstUtils.getContainerOfType(node, isUptime);
        return uptime ? datasetsOfExpression(uptime.selection?.value) : [];
    };
    const fieldsNamed = (datasets: Array<Dataset | undefined>) =>
        datasets.flatMap(dataset => dataset?.fields.filter(field => field.name === name) ?? []);
    if (isAcrossInstances(node) || isDeployedResources(node)) {
        if (property === 'inventory') return [inventory()].filter(isDataset);
        // `by database` / `across zone`: the resource's field, in the outages and in the inventory.
        if (property === 'field') return fieldsNamed([...outagesOf(), inventoryOf(node)]);
        // `from created to deleted`: the inventory's timestamps.
        if (isDeployedResources(node) && (property === 'from' || property === 'to')) return fieldsNamed([inventoryOf(node)]);
        return [];
    }
    if (isWeightedDowntime(node) && property === 'field') return fieldsNamed(outagesOf());
    if (isTimeslices(node) && property === 'timeField') return fieldsNamed(datasetsOfExpression(node.value));
    if (isMinimumSample(node) && property === 'dataset') {
        const owner = node.$container;
        const kpi = isObjective(owner) || isInternalTarget(owner) ? owner.kpi?.ref : undefined;
        return kpi ? datasetsRead(kpi).filter(dataset => dataset.name === name) : [];
    }
    return [];
}

/** Every plain name in `roots` (documents' roots) that stands for `target`. */
export function mentionsOf(target: AstNode, roots: Iterable<AstNode>): NameMention[] {
    if (!isDataset(target) && !isField(target)) return [];
    const mentions: NameMention[] = [];
    for (const root of roots) {
        for (const node of AstUtils.streamAst(root)) {
            for (const property of MENTIONING) {
                if (Reflect.get(node, property) !== target.name) continue;
                if (!mentionedTargets(node, property).includes(target)) continue;
                const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
                if (cst) mentions.push({ node, property, cst });
            }
        }
    }
    return mentions;
}
