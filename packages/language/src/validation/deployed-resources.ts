import { AstUtils, type ValidationAcceptor } from 'langium';
import { isAgreement, type Dataset, type DeployedResources, type Field, type Uptime } from '../generated/ast.js';
import { inventoryDataset } from '../model/inventory.js';
import { fieldTypeOf } from '../types/type-computer.js';
import { nearestWord } from '../types/units.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * `uptime(outages, …, deployed in deployments by database from created to deleted)`
 * (docs/language-reference.md § 8.5): the inventory is a dataset of the agreement, `by` names a
 * field of both the outages and the inventory (the resource), and `from … to …` name two
 * timestamps of the inventory that start and end each deployment.
 */
export function checkDeployedResources(uptime: Uptime, option: DeployedResources, outages: Dataset | undefined, accept: ValidationAcceptor): void {
    // While typing, a name may be missing (the parser reports it).
    if (option.inventory === undefined) return;
    const agreement = AstUtils.getContainerOfType(uptime, isAgreement);
    const inventory = agreement ? inventoryDataset(agreement, option.inventory) : undefined;
    if (!inventory) {
        // A dataset being typed may have no name yet (`dataset ""`).
        const names = agreement?.members.filter((m): m is Dataset => m.$type === 'Dataset').map(d => d.name).filter((name): name is string => typeof name === 'string') ?? [];
        report(accept, 'uptime-deployed',
            `'${option.inventory}' is not a dataset of the agreement: 'deployed in <dataset>' names the inventory that lists each deployment of a ${option.field ?? 'resource'} (one row per deployment, from its start to its end).`,
            { node: option, property: 'inventory' }, { fixes: nameFix(option, 'inventory', option.inventory, names.filter(name => name !== outages?.name)) });
    } else {
        checkResourceField(option, outages, inventory, accept);
        checkBound(option, 'from', inventory, accept);
        checkBound(option, 'to', inventory, accept);
        if (option.from !== undefined && option.from === option.to && isTimestamp(inventory, option.from)) {
            report(accept, 'uptime-deployed', `A deployment from '${option.from}' to '${option.to}' lasts no time: name the field that ends it ('to' — empty while the resource is still deployed).`, { node: option, property: 'to' });
        }
    }
}

/** `by database`: the resource's field, in both datasets (resources are matched by its value). */
function checkResourceField(option: DeployedResources, outages: Dataset | undefined, inventory: Dataset, accept: ValidationAcceptor): void {
    const field = option.field;
    if (field === undefined) return;
    const inOutages = outages?.fields.map(f => f.name);
    const inInventory = inventory.fields.map(f => f.name);
    // A name the two datasets share is the obvious fix; a name only one has would break the other.
    const shared = inOutages?.filter(name => inInventory.includes(name)) ?? inInventory;
    if (outages && inOutages && !inOutages.includes(field)) {
        report(accept, 'uptime-deployed',
            `The outage dataset '${outages.name}' has no field '${field}' naming the resource of an outage (its fields: ${list(inOutages)}): 'by ${field}' names it in both the outages and the inventory '${inventory.name}'.`,
            { node: option, property: 'field' }, { fixes: nameFix(option, 'field', field, shared) });
    } else if (!inInventory.includes(field)) {
        report(accept, 'uptime-deployed',
            `The inventory '${inventory.name}' has no field '${field}' (its fields: ${list(inInventory)}): 'by ${field}' names the resource in both the outages and the inventory, which lists each deployment of a ${field}. Add the field to '${inventory.name}'.`,
            { node: option, property: 'field' }, { fixes: nameFix(option, 'field', field, shared) });
    }
}

/** `from created` / `to deleted`: a timestamp field of the inventory. */
function checkBound(option: DeployedResources, property: 'from' | 'to', inventory: Dataset, accept: ValidationAcceptor): void {
    const name = option[property];
    if (name === undefined) return;
    const timestamps = inventory.fields.filter(f => fieldTypeOf(f.type).kind === 'timestamp').map(f => f.name);
    const other = property === 'from' ? option.to : option.from;
    const role = property === 'from' ? 'starts' : 'ends';
    const field = inventory.fields.find(f => f.name === name);
    if (!field) {
        report(accept, 'uptime-deployed',
            `The inventory '${inventory.name}' has no field '${name}' (its timestamps: ${timestamps.length > 0 ? list(timestamps) : 'none'}): '${property} ${name}' names the timestamp that ${role} each deployment.`,
            { node: option, property }, { fixes: nameFix(option, property, name, timestamps) });
        return;
    }
    if (fieldTypeOf(field.type).kind === 'timestamp') return;
    // The one timestamp the other bound does not use is the obvious replacement.
    const candidates = timestamps.filter(candidate => candidate !== other);
    const node = propertyNode(option, property);
    report(accept, 'uptime-deployed',
        `'${name}' of the inventory '${inventory.name}' is ${typeWords(field)}, not a timestamp: '${property} ${name}' names the timestamp that ${role} each deployment${candidates.length > 0 ? ` (the inventory's timestamps: ${list(candidates)})` : ''}.`,
        { node: option, property }, { fixes: candidates.length === 1 && node ? [fix(`Write '${candidates[0]}'`, [replaceNode(node, candidates[0]!)], true)] : [] });
}

function isTimestamp(dataset: Dataset, name: string): boolean {
    const field = dataset.fields.find(f => f.name === name);
    return field !== undefined && fieldTypeOf(field.type).kind === 'timestamp';
}

/** `a text field`, `a number field`: what a field is, for a message. */
function typeWords(field: Field): string {
    const kind = (field.type?.$type ?? 'Unknown').replace(/Type$/, '').toLowerCase();
    return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} field`;
}

function list(names: readonly string[]): string {
    return names.map(name => `'${name}'`).join(', ');
}

/** Replaces a misspelt name with the nearest candidate, when one is near enough. */
function nameFix(option: DeployedResources, property: string, wrong: string, candidates: readonly string[]) {
    const nearest = nearestWord(wrong, [...candidates], Math.max(2, Math.floor(wrong.length / 3)));
    const node = propertyNode(option, property);
    return nearest && node ? [fix(`Write '${nearest}'`, [replaceNode(node, nearest)], true)] : [];
}
