import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Field, PauseExclusion, SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { report } from './report.js';

/**
 * `excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)`: a key of one
 * kind on both sides (text with text, integer with integer: "007" is not 7), timestamps for
 * the pause interval, a pause start that every row has, and another dataset than the measured one.
 */
export function pauseChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    return {
        PauseExclusion: (node, accept) => {
            const dataset = node.dataset?.ref;
            const key = node.key?.ref;
            const rowKey = node.rowKey?.ref;
            if (dataset && rowKey && rowKey.$container === dataset) {
                report(accept, 'pause-join',
                    `The pauses come from '${dataset.name}', the dataset being measured: pauses are rows of a separate status-history dataset (ticket, paused from, paused to).`,
                    { node, property: 'dataset' });
            }
            if (key && rowKey) checkKeys(node, key, rowKey, accept);
            for (const [field, property, what] of [[node.start?.ref, 'start', 'start'], [node.end?.ref, 'end', 'end']] as const) {
                if (!field) continue;
                const kind = types.fieldType(field).kind;
                if (kind !== 'timestamp' && kind !== 'unknown') {
                    report(accept, 'pause-join',
                        `A pause ${what} is a timestamp, but '${field.name}' is ${describeField(field)}.`,
                        { node, property });
                }
            }
            const start = node.start?.ref;
            if (start?.optional) {
                report(accept, 'pause-join',
                    `'${start.name}' is optional, but a pause without a start cannot stop any clock. Remove 'optional' (a missing start is then an invalid row, reported with its line).`,
                    { node, property: 'start' });
            }
        }
    };
}

/** Key fields join by equal values: both text (or one of), or both integers. */
function checkKeys(node: PauseExclusion, key: Field, rowKey: Field, accept: ValidationAcceptor): void {
    const kindOf = (field: Field): 'text' | 'integer' | 'other' => {
        switch (field.type?.$type) {
            case 'TextType': case 'EnumType': return 'text';
            case 'IntegerType': return 'integer';
            default: return 'other';
        }
    };
    const a = kindOf(key);
    const b = kindOf(rowKey);
    if (a === 'other' || b === 'other') {
        const field = a === 'other' ? key : rowKey;
        report(accept, 'pause-join',
            `A pause is joined to its item by a key of text or integer type, but '${field.name}' is ${describeField(field)}. Declare the key fields 'text' (ticket numbers like "INC-001") or 'integer'.`,
            { node, property: a === 'other' ? 'key' : 'rowKey' });
    } else if (a !== b) {
        report(accept, 'pause-join',
            `The pause key '${key.name}' is ${a} but the item key '${rowKey.name}' is ${b}: "007" and 7 would never match. Declare both 'text' or both 'integer'.`,
            { node, property: 'rowKey' });
    }
}

function describeField(field: Field): string {
    const text = field.type?.$cstNode?.text;
    return text ? `'${text}'` : 'of another type';
}
