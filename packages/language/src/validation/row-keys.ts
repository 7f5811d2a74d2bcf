import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Dataset, SlaAstType } from '../generated/ast.js';
import { fix, removeNode } from './quick-fix.js';
import { keywordNode, report } from './report.js';

/**
 * `one row per ticket_id` (`one row per system, ticket_id`): the fields that tell the rows of a
 * dataset apart. Each is required (a row without its key could not be told apart from another),
 * named once, and the dataset states its key once. The engine rejects a second row with the same
 * key as an invalid row (engine data/row-keys.ts).
 */
export function rowKeyChecks(): ValidationChecks<SlaAstType> {
    return { Dataset: checkRowKeys };
}

function checkRowKeys(dataset: Dataset, accept: ValidationAcceptor): void {
    for (const key of dataset.rowKeys.slice(1)) {
        report(accept, 'duplicate-entry', `The dataset '${dataset.name}' says a second time which fields tell its rows apart: which applies? Keep one 'one row per …' line (it may name several fields).`, { node: key });
    }
    const key = dataset.rowKeys[0];
    if (!key) return;
    const seen = new Set<string>();
    key.fields.forEach((reference, index) => {
        const field = reference.ref;
        if (!field?.name) return;
        if (seen.has(field.name)) {
            report(accept, 'duplicate-entry', `'${field.name}' is named twice in 'one row per': name it once.`, { node: key, property: 'fields', index });
            return;
        }
        seen.add(field.name);
        if (!field.optional) return;
        const optional = keywordNode(field, 'optional');
        report(accept, 'row-key',
            `The rows of '${dataset.name}' are told apart by '${field.name}', but it is optional: a row without it could not be told apart from another. Make '${field.name}' required, or name fields every row has.`,
            { node: key, property: 'fields', index },
            { fixes: optional ? [fix(`Make '${field.name}' required`, [removeNode(optional)], true)] : [] });
    });
}
