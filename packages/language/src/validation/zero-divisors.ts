import { AstUtils, type ValidationAcceptor } from 'langium';
import {
    isBinaryExpression, isDataset, isField, isItemSelection, isNegationExpression, isNumberLiteral, isSelection,
    type BinaryExpression, type Expression, type Kpi
} from '../generated/ast.js';
import { meaningKey } from '../model/meaning-key.js';
import { firstNameReference } from '../model/name-references.js';
import { quote, report } from './report.js';

/**
 * `x / 0 ms`, `x / (count(requests) - count(requests))`: a divisor that is 0 whatever the
 * data. A division by zero has no value, so the KPI would be NO DATA in every window, and
 * nothing before the evaluation would say why.
 */
export function checkZeroDivisor(division: BinaryExpression, kpi: Kpi, accept: ValidationAcceptor): void {
    if (division.operator !== '/' || !division.right) return;
    const why = whyAlwaysZero(division.right);
    if (!why) return;
    const perRow = AstUtils.getContainerOfType(division, node => isSelection(node) || isItemSelection(node)) !== undefined;
    const consequence = perRow
        ? 'so no row of the data has a value for it'
        : `so the KPI '${kpi.name}' can never be measured: it is NO DATA in every window`;
    const dataset = datasetRead(division.left);
    const whole = dataset ? ` (e.g. 'count(${dataset})' for a share of its rows, or share(${dataset} where … of ${dataset}))` : '';
    report(accept, 'division-by-zero',
        `The divisor ${quote(division.right)} ${why}, and a division by zero has no value, ${consequence}. Divide by the whole the value is a part of${whole}, or by a quantity that is not 0.`,
        { node: division.right });
}

/** Why the expression is 0 for every data (in words that follow "the divisor '…'"), or undefined when it may not be. */
function whyAlwaysZero(expression: Expression): string | undefined {
    if (isNumberLiteral(expression)) return expression.value === 0 ? 'is 0' : undefined;
    if (isNegationExpression(expression)) return expression.operand ? whyAlwaysZero(expression.operand) : undefined;
    if (!isBinaryExpression(expression) || !expression.left || !expression.right) return undefined;
    switch (expression.operator) {
        case '-':
            // The same values and declarations on both sides (layout and comments aside): the same value.
            return meaningKey(expression.left) === meaningKey(expression.right) ? 'subtracts a value from itself: it is 0 whatever the data' : undefined;
        case '*':
            return whyAlwaysZero(expression.left) || whyAlwaysZero(expression.right) ? 'multiplies by 0: it is 0 whatever the data' : undefined;
        default:
            return undefined;
    }
}

/** The dataset a numerator reads first (`requests` in `count(requests where …)`), to say what to divide by. */
function datasetRead(expression: Expression | undefined): string | undefined {
    const source = expression ? firstNameReference(expression)?.target?.ref : undefined;
    return isDataset(source) ? source.name : isField(source) ? source.$container.name : undefined;
}
