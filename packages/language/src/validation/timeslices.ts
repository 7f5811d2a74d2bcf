import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isTimeslices, type Dataset, type SlaAstType, type Timeslices } from '../generated/ast.js';
import { datasetsOfExpression, expressionNodesThroughKpis } from '../model/kpi-reads.js';
import type { SlaServices } from '../sla-module.js';
import { quantityValue, type SlaTypeComputer } from '../types/type-computer.js';
import { nearestWord } from '../types/units.js';
import { fix, insertAfterNode, insertBeforeNode, replaceNode, type QuickFix } from './quick-fix.js';
import { keywordNode, propertyNode, report } from './report.js';

/**
 * `slices(every 5 minutes: …, empty as …)` (docs/language-reference.md § 8.5.1, "Timeslices"):
 * a slice length in whole seconds; a declared rule for slices without data that fits the
 * aggregation (never a silent default: a quiet minute is good for one agreement and bad
 * for another); runs only for bad slices; the field that places rows in slices when a
 * dataset has several timestamps; no slices inside slices.
 */
export function timesliceChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    return {
        Timeslices: (node, accept) => {
            checkLength(node, accept);
            checkEmptyRule(node, accept, types);
            checkRun(node, accept);
            checkTimeField(node, accept);
            checkNesting(node, accept);
        }
    };
}

function checkLength(node: Timeslices, accept: ValidationAcceptor): void {
    if (!node.length) return;
    const { value, type } = quantityValue(node.length);
    if (type.kind !== 'duration') {
        const lengthNode = node.length.$cstNode;
        report(accept, 'slice-length',
            `A slice is a length of time: write e.g. 'every ${node.length.value} minutes'${node.length.unit ? `, not '${node.length.unit}'` : ''}.`,
            { node: node.length },
            { fixes: lengthNode && !node.length.unit ? [fix(`Write '${node.length.value} minutes'`, [insertAfterNode(lengthNode, ' minutes')])] : [] });
        return;
    }
    if (!(value >= 1000) || value % 1000 !== 0) {
        report(accept, 'slice-length', `A slice is a whole number of seconds, at least 1 second; '${node.length.$cstNode?.text ?? ''}' cannot cut a window into slices.`, { node: node.length });
    }
}

/** The zero of the slice value's unit, for `empty as …` in an average: `0%`, `0 ms`, `0`. */
function zeroOf(node: Timeslices, types: SlaTypeComputer): string {
    const type = node.value ? types.typeOf(node.value) : undefined;
    return type?.kind === 'ratio' ? '0%' : type?.kind === 'duration' ? '0 ms' : '0';
}

function checkEmptyRule(node: Timeslices, accept: ValidationAcceptor, types: SlaTypeComputer): void {
    const average = node.aggregation === 'avg';
    const options = average ? [zeroOf(node, types), 'no data'] : ['good', 'bad', 'no data'];
    if (!node.empty) {
        const close = keywordNode(node, ')');
        // One fix per rule and none preferred: what a quiet slice counts as is the agreement's decision.
        const fixes: QuickFix[] = close ? options.map(option => fix(`Add ', empty as ${option}'`, [insertBeforeNode(close, `, empty as ${option}`)])) : [];
        report(accept, 'slice-empty-rule', average
            ? `Say what a slice without data (no requests) counts as in the average: ', empty as ${options[0]}' (a value it adds) or ', empty as no data' (left out). Nothing is assumed.`
            : `Say what a slice without data (no requests) counts as: ', empty as good', ', empty as bad' or ', empty as no data' (left out: neither good nor bad, and it ends a run). Nothing is assumed.`,
            { node, keyword: 'slices' }, { fixes });
        return;
    }
    const empty = node.empty;
    const ruleNode = empty.$cstNode;
    if (average && empty.rule) {
        report(accept, 'slice-empty-rule',
            `An average of slice values needs a value for an empty slice ('empty as ${options[0]}') or 'empty as no data'; '${empty.rule}' is a verdict, which only counting bad slices uses.`,
            { node: empty }, { fixes: ruleNode ? options.map(option => fix(`Write '${option}'`, [replaceNode(ruleNode, option)])) : [] });
    } else if (!average && empty.value) {
        report(accept, 'slice-empty-rule',
            `'${node.aggregation} where' counts bad slices: an empty slice is 'good', 'bad' or 'no data', not a value.`,
            { node: empty }, { fixes: ruleNode ? options.map(option => fix(`Write '${option}'`, [replaceNode(ruleNode, option)])) : [] });
    } else if (average && empty.value && node.value) {
        const valueType = types.typeOf(node.value);
        const emptyType = quantityValue(empty.value).type;
        const same = valueType.kind === 'unknown' || emptyType.kind === valueType.kind || (valueType.kind === 'count' && emptyType.kind === 'number')
            || (valueType.kind === 'number' && emptyType.kind === 'number');
        if (!same) {
            const zero = zeroOf(node, types);
            report(accept, 'slice-empty-rule', `An empty slice's value has the unit of the slice values: write e.g. 'empty as ${zero}'.`,
                { node: empty }, { fixes: ruleNode ? [fix(`Write '${zero}'`, [replaceNode(ruleNode, zero)], true)] : [] });
        }
    }
}

function checkRun(node: Timeslices, accept: ValidationAcceptor): void {
    if (node.minimumRun === undefined) return;
    if (node.aggregation === 'avg') {
        report(accept, 'slice-run', `'at least ${node.minimumRun} consecutive' counts runs of bad slices; an average of slice values has none. Count the bad slices instead ('count where …') or remove it.`,
            { node, property: 'minimumRun' });
    } else if (!Number.isInteger(node.minimumRun) || node.minimumRun < 1) {
        report(accept, 'slice-run', `A run is a whole number of slices, at least 1: 'at least ${node.minimumRun} consecutive' cannot be counted.`, { node, property: 'minimumRun' });
    }
}

function timestampFields(dataset: Dataset): string[] {
    return dataset.fields.filter(field => field.type?.$type === 'TimestampType').map(field => field.name);
}

function checkTimeField(node: Timeslices, accept: ValidationAcceptor): void {
    const datasets = datasetsOfExpression(node.value);
    if (node.timeField !== undefined) {
        for (const dataset of datasets) {
            const timestamps = timestampFields(dataset);
            if (timestamps.includes(node.timeField)) continue;
            const nearest = nearestWord(node.timeField, timestamps, Math.max(2, Math.floor(node.timeField.length / 3))) ?? (timestamps.length === 1 ? timestamps[0] : undefined);
            const fieldNode = propertyNode(node, 'timeField');
            const exists = dataset.fields.some(field => field.name === node.timeField);
            report(accept, 'slice-time-field',
                `${exists ? `'${node.timeField}' is not a timestamp of the dataset '${dataset.name}'` : `The dataset '${dataset.name}' has no field '${node.timeField}'`}: rows are placed in slices by a timestamp field (${timestamps.length > 0 ? timestamps.map(t => `'${t}'`).join(', ') : 'it has none'}).`,
                { node, property: 'timeField' },
                { fixes: nearest && fieldNode ? [fix(`Write '${nearest}'`, [replaceNode(fieldNode, nearest)], true)] : [] });
        }
        return;
    }
    for (const dataset of datasets) {
        const timestamps = timestampFields(dataset);
        if (timestamps.length < 2) continue;
        const lengthNode = node.length?.$cstNode;
        report(accept, 'slice-time-field',
            `The dataset '${dataset.name}' has several timestamps (${timestamps.map(t => `'${t}'`).join(', ')}): say which one places a row in a slice, e.g. 'every ${node.length?.$cstNode?.text ?? '1 minute'} by ${timestamps[0]}'.`,
            { node, property: 'length' },
            { fixes: lengthNode ? timestamps.map(t => fix(`Place rows by '${t}'`, [insertAfterNode(lengthNode, ` by ${t}`)])) : [] });
        return;
    }
}

function checkNesting(node: Timeslices, accept: ValidationAcceptor): void {
    for (const inner of expressionNodesThroughKpis(node.value)) {
        if (!isTimeslices(inner)) continue;
        const direct = AstUtils.getContainerOfType(inner.$container, isTimeslices) === node;
        report(accept, 'slice-nested',
            `Slices cannot be cut into slices: ${direct ? 'this slices(…) contains another' : 'a KPI this slice value uses is itself measured in slices'}. Measure the slice value with aggregates (share, count, avg …) of the slice's rows.`,
            { node, property: 'value' });
        return;
    }
}
