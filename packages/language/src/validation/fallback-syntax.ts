import type { ValidationAcceptor } from 'langium';
import { DURATION_UNIT_MS } from '@sla/engine';
import type { DurationType, SlaAstType, UnknownCall, UnknownFieldType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { nearestUnits, nearestWord } from '../types/units.js';
import { inCreditFormula, wholeNumberCall } from '../model/whole-number-calls.js';
import { fix, insertAfterNode, writeFixes } from './quick-fix.js';
import { propertyNode, report } from './report.js';

const FIELD_TYPES = ['timestamp', 'duration', 'number', 'integer', 'percent', 'text', 'boolean'];
const FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max', 'percentile', 'share', 'uptime', 'elapsed'];

/**
 * The grammar accepts a misspelt field type, duration unit of a field or function name so that
 * the reader gets one precise message with the right word, instead of a parser error that
 * derails the file.
 */
export function registerFallbackSyntaxChecks(services: SlaServices): void {
    services.validation.ValidationRegistry.register<SlaAstType>({
        UnknownFieldType: checkUnknownFieldType,
        DurationType: checkDurationUnit,
        UnknownCall: checkUnknownCall
    });
}

function checkUnknownFieldType(node: UnknownFieldType, accept: ValidationAcceptor): void {
    const suggestion = nearest(node.name, FIELD_TYPES);
    const nameNode = propertyNode(node, 'name');
    report(accept, 'unknown-type',
        `Unknown field type '${node.name}': use timestamp, duration <unit>, number, integer, percent, text, boolean or one of "a", "b".` +
        (suggestion ? ` Did you mean '${suggestion}'?` : ''),
        { node, property: 'name' },
        { fixes: writeFixes(nameNode, suggestion ? [suggestion] : []) });
}

/** `latency duration msec`: the grammar takes any word as the unit, so that the misspelt unit is named here. */
function checkDurationUnit(type: DurationType, accept: ValidationAcceptor): void {
    const unit = type.unit;
    if (unit === undefined) return checkDurationWithoutUnit(type, accept);
    if (Object.hasOwn(DURATION_UNIT_MS, unit)) return;
    const nearest = nearestUnits(unit).filter(candidate => Object.hasOwn(DURATION_UNIT_MS, candidate));
    const unitNode = propertyNode(type, 'unit');
    report(accept, 'unit-unknown',
        `Unknown unit '${unit}' for the duration field '${type.$container.name}': write ms, s, seconds, minutes, hours, days or weeks.${nearest.length > 0 ? ` Did you mean ${nearest.map(u => `'${u}'`).join(' or ')}?` : ''}`,
        { node: type, property: 'unit' },
        { fixes: writeFixes(unitNode, nearest) });
}

/**
 * `handling duration`: a bare number in the file (`90`) is then read as milliseconds, which a
 * ticket export in minutes turns into 90 ms — a two-hour average passes a one-hour promise.
 * The unit says what the numbers are; cells with their own unit (`1.5 h`, `1:30:00`) read the same either way.
 */
function checkDurationWithoutUnit(type: DurationType, accept: ValidationAcceptor): void {
    const keyword = type.$cstNode;
    const name = type.$container.name;
    report(accept, 'unit-missing',
        `The duration field '${name}' has no unit: a bare number in the file (90) is read as milliseconds. Write the unit the file's numbers are in, e.g. '${name} duration minutes', or '${name} duration ms' if they are milliseconds.`,
        { node: type }, { severity: 'warning', fixes: keyword ? ['ms', 'seconds', 'minutes', 'hours'].map(u => fix(`Numbers in ${u === 'ms' ? 'milliseconds' : u}: write 'duration ${u}'`, [insertAfterNode(keyword, ` ${u}`)])) : [] });
}

function checkUnknownCall(node: UnknownCall, accept: ValidationAcceptor): void {
    if (wholeNumberCall(node)) {
        // In a credit formula, checked there (credit-formulas.ts); a KPI's value is never rounded.
        if (!inCreditFormula(node)) {
            report(accept, 'unresolved-reference', `'${node.function}(…)' rounds a credit formula's blocks (e.g. 5% * ceil(downtime / 30 minutes) * fee); a KPI's value is measured, not rounded.`,
                { node, property: 'function' });
        }
        return;
    }
    const suggestion = nearest(node.function, FUNCTIONS);
    const nameNode = propertyNode(node, 'function');
    report(accept, 'unresolved-reference',
        `Unknown function '${node.function}': formulas can use ${FUNCTIONS.join(', ')}.` +
        (suggestion ? ` Did you mean '${suggestion}'?` : ''),
        { node, property: 'function' },
        { fixes: writeFixes(nameNode, suggestion ? [suggestion] : []) });
}

function nearest(word: string, candidates: readonly string[]): string | undefined {
    return nearestWord(word, candidates, Math.max(2, Math.floor(word.length / 3)));
}
