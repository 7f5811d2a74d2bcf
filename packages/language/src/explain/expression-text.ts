/** A KPI formula in plain language: `count(requests where status >= 500)` → "the number of requests where status is at least 500". */
import { escapeMarkdown as md } from '@sla/engine';
import type { AstNode } from 'langium';
import {
    isAggregate, isBinaryExpression, isBooleanLiteral, isElapsed, isListExpression, isLogicalExpression, isNameReference,
    isAcrossInstances, isDeployedResources, isMinimumOutage, isNegationExpression, isNotExpression, isNumberLiteral, isShare, isStringLiteral, isTimeslices, isUptime, isWeightedDowntime, type Expression, type Selection, type UptimeOption
} from '../generated/ast.js';
import { quantityText } from './wording.js';
import { ordinal } from './numbers.js';
import { timeslicesText } from './slice-text.js';

const AGGREGATE_WORDS: Record<string, string> = {
    count: 'the number of', sum: 'the total of', avg: 'the average of', min: 'the smallest', max: 'the largest'
};

const OPERATOR_WORDS: Record<string, string> = {
    '=': 'is', '!=': 'is not', '<': 'is less than', '<=': 'is at most', '>': 'is more than', '>=': 'is at least', 'in': 'is one of',
    '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by'
};

function sourceText(node: AstNode | undefined): string {
    return node?.$cstNode ? md(node.$cstNode.text.replace(/\s+/g, ' ')) : '…';
}

export function selectionText(selection: Selection | undefined): string {
    if (!selection) return '…';
    const value = expressionText(selection.value, true);
    return selection.condition ? `${value} where ${expressionText(selection.condition, true)}` : value;
}

/** Plain-language text of an expression; `bare` leaves names and literals unwrapped. */
export function expressionText(expression: Expression | undefined, _bare = false): string {
    if (!expression) return '…';
    if (isNumberLiteral(expression)) return quantityText(expression);
    if (isStringLiteral(expression)) return `"${md(expression.value)}"`;
    if (isBooleanLiteral(expression)) return expression.value ? 'true' : 'false';
    if (isNameReference(expression)) return sourceText(expression);
    if (isListExpression(expression)) return joinList(expression.items.map(item => expressionText(item)));
    if (isNotExpression(expression)) return `not (${expressionText(expression.operand)})`;
    if (isNegationExpression(expression)) return `minus ${expressionText(expression.operand)}`;
    if (isLogicalExpression(expression)) return `${expressionText(expression.left)} ${expression.operator} ${expressionText(expression.right)}`;
    if (isBinaryExpression(expression)) {
        const words = OPERATOR_WORDS[expression.operator] ?? expression.operator;
        const wrap = (e: Expression) => (isBinaryExpression(e) && e.operator !== expression.operator && ['+', '-', '*', '/'].includes(e.operator)) ? `(${expressionText(e)})` : expressionText(e);
        return `${wrap(expression.left)} ${words} ${wrap(expression.right)}`;
    }
    if (isAggregate(expression)) {
        if (expression.function === 'percentile') {
            const p = isNumberLiteral(expression.parameter) ? ordinal(expression.parameter.value) : expressionText(expression.parameter);
            return `the ${p} percentile (nearest rank) of ${selectionText(expression.selection)}`;
        }
        const words = AGGREGATE_WORDS[expression.function] ?? expression.function;
        return `${words} ${selectionText(expression.selection)}`;
    }
    if (isShare(expression)) return `the share of ${selectionText(expression.part)} among ${selectionText(expression.whole)}`;
    if (isUptime(expression)) {
        let text = `the share of time not covered by the intervals of ${selectionText(expression.selection)}, each from ${expressionText(expression.start)} to ${expressionText(expression.end)}`;
        for (const option of expression.options) text += uptimeOptionText(option);
        if (expression.calendar) text += `, counting only time within ${expression.calendar.$refText}`;
        if (expression.exclusions.length > 0) text += `, not counting ${joinList(expression.exclusions.map(e => e.$refText))} (excluded from both downtime and eligible time)`;
        if (expression.available.length > 0) text += `, counting ${joinList(expression.available.map(e => e.$refText))} as available (no downtime during it; its time stays eligible time)`;
        return text;
    }
    if (isTimeslices(expression)) return timeslicesText(expression, inner => expressionText(inner), quantityText);
    if (isElapsed(expression)) {
        const how = expression.calendar ? `counting only time within ${expression.calendar.$refText}` : 'in wall-clock time';
        const pauses = expression.pauses;
        const paused = pauses
            ? `, not counting the pauses in ${pauses.dataset?.$refText ?? '…'} whose ${pauses.key?.$refText ?? '…'} is the row's ${pauses.rowKey?.$refText ?? '…'} (each from ${pauses.start?.$refText ?? '…'} to ${pauses.end?.$refText ?? '…'}; overlapping pauses count once, a pause without an end lasts until the row's end)`
            : '';
        return `the time from ${expressionText(expression.start)} to ${expressionText(expression.end)}, ${how}${paused}`;
    }
    return sourceText(expression);
}

/** How an uptime option changes what counts as downtime, as a clause. */
function uptimeOptionText(option: UptimeOption): string {
    if (isAcrossInstances(option)) {
        // While typing, the field may be missing (the parser reports it).
        const field = md(option.field ?? '');
        if (option.atLeast !== undefined) {
            // AWS's region: "more than one Availability Zone … is Unavailable".
            const among = option.inventory !== undefined ? `the ${field}s that ${md(option.inventory)} lists for the deployment (fewer than ${Math.max(2, option.atLeast)}: not replicated, no value)` : `the ${field}s ${joinList(option.instances.map(i => `"${md(i)}"`))}`;
            return `, down only while at least ${option.atLeast} of ${among} ${option.atLeast === 1 ? 'is' : 'are'} down at once`;
        }
        const which = option.inventory !== undefined ? `every ${field} that ${md(option.inventory)} lists for the deployment (fewer than two: not replicated, no value)` : `every ${field} of ${joinList(option.instances.map(i => `"${md(i)}"`))}`;
        return `, down only while ${which} is down at once`;
    }
    // While typing, a field or a length may be missing (the parser reports it).
    if (isWeightedDowntime(option)) {
        const overlaps = option.summed ? 'overlapping outages add their shares, up to all users' : 'overlapping outages count their largest share';
        return `, each outage counting for the share of users it affects (${md(option.field ?? '')}; ${overlaps})`;
    }
    if (isMinimumOutage(option)) return `, downtime periods shorter than ${option.length ? quantityText(option.length) : 'a length not given'} not counting`;
    if (isDeployedResources(option)) {
        // Azure SQL Database's "Maximum Available Minutes … for all databases deployed".
        const resource = md(option.field ?? 'resource');
        const end = md(option.to ?? '…');
        return `, measured over each ${resource}'s deployed time, summed over the ${resource}s (each deployment a row of ${md(option.inventory ?? '…')}, from ${md(option.from ?? '…')} to ${end}, an empty ${end} still deployed; an outage of a ${resource} not deployed at the time is no downtime)`;
    }
    return ', counting only the whole minutes of each downtime period';
}

/** `a`, `a and b`, `a, b and c`. */
export function joinList(items: string[]): string {
    if (items.length <= 1) return items[0] ?? '';
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
