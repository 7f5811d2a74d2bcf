import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isIntegerType, isNumberType, isTimestampType, type Dataset, type SlaAstType } from '../generated/ast.js';
import { fix, insertAfterNode, removeNode } from './quick-fix.js';
import { keywordNode, propertyNode, report } from './report.js';

/**
 * `one row per ticket_id` (`one row per system, ticket_id`): the fields that tell the rows of a
 * dataset apart. Each is required (a row without its key could not be told apart from another),
 * named once, and the dataset states its key once. The engine rejects a second row with the same
 * key as an invalid row (engine data/row-keys.ts). `, latest by updated` keeps the row with the
 * greatest `updated` of each key instead: a required timestamp or number, not part of the key.
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
    key.latestBy.slice(1).forEach((_, i) => {
        report(accept, 'duplicate-entry', `'latest by' is stated a second time: which field tells the latest row? Keep one.`, { node: key, property: 'latestBy', index: i + 1 });
    });
    const by = key.latestBy[0]?.ref;
    if (!by?.name) return;
    if (seen.has(by.name)) {
        report(accept, 'row-key', `'${by.name}' is part of the key: every row of a key has the same '${by.name}', so it cannot tell which is the latest. Name a timestamp or number that grows with each version (an update time, a version number).`, { node: key, property: 'latestBy', index: 0 });
        return;
    }
    if (!isTimestampType(by.type) && !isIntegerType(by.type) && !isNumberType(by.type)) {
        report(accept, 'row-key', `'${by.name}' is not a timestamp or a number: which of two rows is the latest cannot be read from it. Name a timestamp or number that grows with each version (an update time, a version number).`, { node: key, property: 'latestBy', index: 0 });
        return;
    }
    if (by.optional) {
        const optional = keywordNode(by, 'optional');
        report(accept, 'row-key',
            `The latest row of each key of '${dataset.name}' is told by '${by.name}', but it is optional: a row without it could not be placed before or after the others. Make '${by.name}' required.`,
            { node: key, property: 'latestBy', index: 0 },
            { fixes: optional ? [fix(`Make '${by.name}' required`, [removeNode(optional)], true)] : [] });
    }
}

/**
 * The first key repeated in the records the validator reads of the data file's start (datasets.ts):
 * evaluation will stop there, so the editor says it before. Values are compared as written (two
 * equal texts are equal as read; a key written two ways is left to evaluation). Not with `latest by`,
 * where versions of one key are expected.
 */
export function checkRepeatedKeyInSample(dataset: Dataset, file: string, sampled: () => Array<{ line: number; record: Record<string, unknown> }>, accept: ValidationAcceptor): void {
    const key = dataset.rowKeys[0];
    if (!key || dataset.rowKeys.length > 1 || key.latestBy.length > 0) return;
    const fields = key.fields.map(reference => reference.ref);
    if (fields.length === 0 || fields.some(field => !field?.name)) return;
    const columns = fields.map(field => field!.column ?? field!.name);
    const seen = new Map<string, number>();
    for (const { line, record } of sampled()) {
        const values = columns.map(column => record[column]);
        if (values.some(value => value === undefined || value === null || value === '')) continue;
        const written = JSON.stringify(values.map(value => (typeof value === 'string' ? value : JSON.stringify(value))));
        const earlier = seen.get(written);
        if (earlier === undefined) {
            seen.set(written, line);
            continue;
        }
        const names = fields.map(field => field!.name);
        const same = names.map((name, i) => `${name} ${JSON.stringify(typeof values[i] === 'string' ? values[i] : JSON.stringify(values[i]))}`).join(', ');
        const last = propertyNode(key, 'fields', key.fields.length - 1);
        const versions = dataset.fields.filter(field => field.name && !field.optional && !names.includes(field.name) && (isTimestampType(field.type) || isIntegerType(field.type) || isNumberType(field.type)));
        report(accept, 'row-key',
            `Lines ${earlier} and ${line} of ${file} have the same ${same}: with one row per ${names.join(', ')}, evaluation will stop at line ${line}. Remove one of the two rows; if the file lists each version of an item, count the latest one with ', latest by <field>'.`,
            { node: key },
            { severity: 'warning', dataset: dataset.name, fixes: last ? versions.map(field => fix(`Count the latest row of each ${names.join(', ')} by '${field.name}'`, [insertAfterNode(last, `, latest by ${field.name}`)])) : [] });
        return;
    }
}
