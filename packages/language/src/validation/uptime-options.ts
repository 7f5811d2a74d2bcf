import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAcrossInstances, isAgreement, isDeployedResources, isMinimumOutage, isWeightedDowntime, isWholeMinutes, type Dataset, type SlaAstType, type Uptime, type UptimeOption } from '../generated/ast.js';
import { inventoryDataset } from '../model/inventory.js';
import { datasetsOfExpression } from '../model/kpi-reads.js';
import { fieldTypeOf, quantityValue } from '../types/type-computer.js';
import { nearestWord } from '../types/units.js';
import { checkDeployedResources } from './deployed-resources.js';
import { fix, replaceNode, type QuickFix } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * The options of `uptime(…, across zone in (…) | of deployments, weighted by affected,
 * at least 5 minutes, whole minutes, deployed in deployments by database from created to deleted)`
 * (docs/language-reference.md § 8.5): fields of the outage dataset of the right type, a real set
 * of instances (two or more), an inventory that lists them, each option once.
 */
export function uptimeOptionChecks(): ValidationChecks<SlaAstType> {
    return {
        Uptime: (node, accept) => {
            const dataset = datasetsOfExpression(node.selection?.value)[0];
            const seen = new Set<string>();
            node.options.forEach((option, index) => {
                if (seen.has(option.$type)) {
                    report(accept, 'uptime-option', `This option is given twice in one uptime(…): keep one.`, { node: option }, { fixes: removeOptionFix(node.options[index - 1], option) });
                    return;
                }
                seen.add(option.$type);
                checkOption(node, option, dataset, accept);
            });
            if (node.options.some(isAcrossInstances) && node.options.some(isWeightedDowntime)) {
                report(accept, 'uptime-weight', `'weighted by' and 'across' cannot be combined: a deployment down across all its instances is down for every user. Weight the outages of a single deployment, or combine replicas without weights.`,
                    { node: node.options.find(isWeightedDowntime)! });
            }
            const deployed = node.options.find(isDeployedResources);
            if (deployed && node.options.some(isAcrossInstances)) {
                report(accept, 'uptime-deployed', `'deployed in' and 'across' cannot be combined: 'deployed in' measures each ${deployed.field ?? 'resource'} over its own deployed time and sums them, 'across' counts one deployment down only while its instances are down together. Measure each ${deployed.field ?? 'resource'} with 'deployed in' (its outage rows are the times it was unavailable), or the replicas with 'across' alone.`,
                    { node: deployed });
            }
        }
    };
}

/** Removes a repeated option with the comma before it (`…, whole minutes, whole minutes)` → `…, whole minutes)`). */
function removeOptionFix(previous: UptimeOption | undefined, option: UptimeOption): QuickFix[] {
    const from = previous?.$cstNode?.range.end;
    const to = option.$cstNode?.range.end;
    return from && to ? [fix('Remove the repeated option', [{ range: { start: from, end: to }, newText: '' }], true)] : [];
}

function fieldFix(option: UptimeOption, property: string, wrong: string | undefined, candidates: Array<string | undefined>) {
    // While typing, the name or a candidate may be missing (the parser reports it): no fix.
    if (wrong === undefined) return [];
    const names = candidates.filter((name): name is string => typeof name === 'string');
    const nearest = nearestWord(wrong, names, Math.max(2, Math.floor(wrong.length / 3)));
    const fieldNode = propertyNode(option, property);
    return nearest && fieldNode ? [fix(`Write '${nearest}'`, [replaceNode(fieldNode, nearest)], true)] : [];
}

function checkOption(uptime: Uptime, option: UptimeOption, dataset: Dataset | undefined, accept: ValidationAcceptor): void {
    const fields = dataset?.fields.map(field => field.name) ?? [];
    if (isAcrossInstances(option)) {
        // `at least N down`: a whole number of instances, one at least, and no more than the instances listed.
        if (option.atLeast !== undefined && (!Number.isInteger(option.atLeast) || option.atLeast < 1)) {
            report(accept, 'uptime-across', `'at least ${option.atLeast} down' counts instances down at once: write a whole number, at least 1 (e.g. 'at least 2 down').`, { node: option, property: 'atLeast' });
        } else if (option.atLeast !== undefined && option.inventory === undefined && option.atLeast > new Set(option.instances).size && new Set(option.instances).size >= 2) {
            report(accept, 'uptime-across', `'at least ${option.atLeast} down' among ${new Set(option.instances).size} instances can never happen: the deployment would never be down. Write at most ${new Set(option.instances).size}.`, { node: option, property: 'atLeast' });
        }
        if (dataset && option.field !== undefined && !fields.includes(option.field)) {
            report(accept, 'uptime-across', `The outage dataset '${dataset.name}' has no field '${option.field}' naming the instance of an outage (its fields: ${fields.map(f => `'${f}'`).join(', ')}).`,
                { node: option, property: 'field' }, { fixes: fieldFix(option, 'field', option.field, fields) });
        }
        if (option.inventory !== undefined) {
            const agreement = AstUtils.getContainerOfType(uptime, isAgreement);
            const inventory = agreement ? inventoryDataset(agreement, option.inventory) : undefined;
            if (!inventory) {
                // A dataset being typed may have no name yet (`dataset ""`).
                const names = agreement?.members.filter((m): m is Dataset => m.$type === 'Dataset').map(d => d.name).filter((name): name is string => typeof name === 'string') ?? [];
                report(accept, 'uptime-across', `'${option.inventory}' is not a dataset of the agreement: 'across ${option.field} of <dataset>' names the dataset that lists the deployment's instances.`,
                    { node: option, property: 'inventory' }, { fixes: fieldFix(option, 'inventory', option.inventory, names) });
            } else if (!inventory.fields.some(field => field.name === option.field)) {
                report(accept, 'uptime-across', `The inventory '${inventory.name}' has no field '${option.field}': it lists the instances in the same field as the outages.`, { node: option, property: 'inventory' });
            }
            return;
        }
        const unique = new Set(option.instances);
        if (unique.size < option.instances.length) {
            report(accept, 'uptime-across', `An instance is listed twice: list each instance of the deployment once.`, { node: option, property: 'instances' });
        } else if (unique.size < 2) {
            report(accept, 'uptime-across', `A deployment across ${unique.size === 1 ? 'one instance' : 'no instance'} is not replicated: list every instance (at least two), or measure the single instance without 'across'.`,
                { node: option, property: 'instances' });
        }
        return;
    }
    if (isWeightedDowntime(option)) {
        const field = dataset?.fields.find(candidate => candidate.name === option.field);
        if (dataset && !field) {
            report(accept, 'uptime-weight', `The outage dataset '${dataset.name}' has no field '${option.field}' giving the share of users affected.`,
                { node: option, property: 'field' }, { fixes: fieldFix(option, 'field', option.field, fields) });
            return;
        }
        const type = field ? fieldTypeOf(field.type) : undefined;
        if (type && type.kind !== 'ratio' && type.kind !== 'number' && type.kind !== 'unknown') {
            report(accept, 'uptime-weight', `'weighted by' needs the share of users affected, a percent field (25%) or a number from 0 to 1; '${option.field}' is not one.`, { node: option, property: 'field' });
        }
        return;
    }
    if (isMinimumOutage(option)) {
        // While typing, `at least` may have no length yet (the parser reports it).
        if (!option.length) return;
        const { value, type } = quantityValue(option.length);
        if (type.kind !== 'duration' || !(value > 0)) {
            report(accept, 'uptime-option', `'at least' in an uptime is the shortest downtime period that counts, a positive duration: e.g. 'at least 5 minutes'.`, { node: option, property: 'length' });
        }
        return;
    }
    if (isDeployedResources(option)) {
        checkDeployedResources(uptime, option, dataset, accept);
        return;
    }
    if (isWholeMinutes(option)) return;
}
