import type { ValidationAcceptor, ValidationChecks } from 'langium';
import {
    isAggregate, isField, isIntegerType, isNameReference, isNumberType, type InternalTarget, type Objective, type SlaAstType, type ValueRange
} from '../generated/ast.js';
import { fieldRange } from '../types/field-range.js';
import { quantityValue } from '../types/type-computer.js';
import { fix, replaceNode } from './quick-fix.js';
import { quote, report } from './report.js';

/**
 * Field ranges (`integer 1 to 5`): a range that holds values, and objectives that a value in
 * the range can reach (an average score of 7 on a 1–5 scale is never met).
 */
export function fieldRangeChecks(): ValidationChecks<SlaAstType> {
    return {
        ValueRange: checkRange,
        Objective: checkTargetInRange,
        InternalTarget: checkTargetInRange
    };
}

function checkRange(range: ValueRange, accept: ValidationAcceptor): void {
    const low = range.lowNegative ? -range.low : range.low;
    const high = range.highNegative ? -range.high : range.high;
    if (isIntegerType(range.$container) && (!Number.isInteger(low) || !Number.isInteger(high))) {
        report(accept, 'range-invalid',
            `${quote(range)} is the range of an integer field: its ends must be whole numbers. Write e.g. '${Math.ceil(low)} to ${Math.floor(high)}', or declare the field 'number'.`,
            { node: range });
        return;
    }
    if (low > high) {
        const cst = range.$cstNode;
        report(accept, 'range-invalid',
            `The range ${quote(range)} is empty: its low end ${low} is above its high end ${high}, so every value would be invalid. Write '${high} to ${low}'.`,
            { node: range },
            { fixes: cst ? [fix(`Write '${high} to ${low}'`, [replaceNode(cst, `${high} to ${low}`)], true)] : [] });
    }
}

/** `objective Satisfaction >= 7` where Satisfaction = avg(survey.score) and score is `integer 1 to 5`. */
function checkTargetInRange(node: Objective | InternalTarget, accept: ValidationAcceptor): void {
    const formula = node.kpi?.ref?.formula;
    if (!node.target || !node.comparison || !isAggregate(formula) || !['avg', 'min', 'max', 'percentile'].includes(formula.function)) return;
    const value = formula.selection?.value;
    const field = isNameReference(value) ? value.target.ref : undefined;
    if (!isField(field) || !isNumberType(field.type) && !isIntegerType(field.type)) return;
    if (isNumberType(field.type) && field.type.unit !== undefined && quantityValue({ value: 1, unit: field.type.unit }).value !== 1) return; // bounds in another scale
    const range = fieldRange(field.type);
    if (!range || range.min > range.max) return; // an empty range is reported at the range
    const target = quantityValue(node.target).value;
    if (target >= range.min && target <= range.max) return;
    const never = node.comparison.startsWith('>') ? target > range.max : target < range.min;
    report(accept, 'target-out-of-range',
        `${quote(node.target)} is outside the range of '${field.name}' (${range.min} to ${range.max}): the ${formula.function} of its values is ${never ? 'never' : 'always'} ${node.comparison} ${node.target.$cstNode?.text}, so the objective is ${never ? 'never met' : 'always met'}. Write a target between ${range.min} and ${range.max}.`,
        { node, property: 'target' });
}
