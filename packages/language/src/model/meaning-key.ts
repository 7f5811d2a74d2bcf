/**
 * What a member says, as a string two versions can be compared by: its syntax tree with the
 * values as parsed (`99.90` and `99.9` are one number) and each reference by the declaration
 * it names (`during supportHours`, a calendar parameter defaulting to `OfficeHours`, names the
 * calendar `OfficeHours`, as `during OfficeHours` does). Positions, comments and layout are not
 * in it. `sla diff` tells a member written another way from one that means something else.
 */
import { isAstNode, isMultiReference, isReference, type AstNode } from 'langium';
import { isService } from '../generated/ast.js';

export function meaningKey(node: AstNode | undefined): string {
    return node === undefined ? '' : keyOf(node);
}

function keyOf(value: unknown): string {
    if (isReference(value)) return `@${declarationKey(value.ref) ?? value.$refText}`;
    if (isMultiReference(value)) return `@[${value.items.map(item => declarationKey(item.ref) ?? '?').join(',')}]`;
    if (isAstNode(value)) {
        const record = value as AstNode & Record<string, unknown>;
        const parts: string[] = [];
        // Sorted keys: a copy made by a client's resolution may hold its properties in another order.
        for (const key of Object.keys(record).sort()) {
            if (key.startsWith('$')) continue;
            const property = record[key];
            // An absent property, `undefined` and an empty list are one thing: nothing written.
            if (property === undefined || property === false || (Array.isArray(property) && property.length === 0)) continue;
            parts.push(`${key}:${keyOf(property)}`);
        }
        return `${value.$type}{${parts.join(';')}}`;
    }
    if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`;
    return JSON.stringify(value) ?? 'undefined';
}

/** A declaration by kind and name, with its service's name: `Kpi:Hosting.Uptime`, `Calendar:OfficeHours`. */
function declarationKey(target: AstNode | undefined): string | undefined {
    const name = (target as { name?: unknown } | undefined)?.name;
    if (target === undefined || typeof name !== 'string') return undefined;
    const service = isService(target.$container) ? `${target.$container.name}.` : '';
    return `${target.$type}:${service}${name}`;
}
