import {
    isAggregate, isBinaryExpression, isElapsed, isListExpression, isLogicalExpression, isNegationExpression,
    isNotExpression, isShare, isTimeslices, isUptime, type Expression, type Selection
} from '../generated/ast.js';

/**
 * Calls `visit` for every expression of a formula, parents first. A direct walk over the
 * formula grammar: cheaper than a generic AST stream, which matters on large agreements.
 */
export function walkFormula(expression: Expression | undefined, visit: (expression: Expression) => void): void {
    if (!expression) return;
    visit(expression);
    if (isBinaryExpression(expression) || isLogicalExpression(expression)) {
        walkFormula(expression.left, visit);
        walkFormula(expression.right, visit);
    } else if (isNotExpression(expression) || isNegationExpression(expression)) {
        walkFormula(expression.operand, visit);
    } else if (isListExpression(expression)) {
        for (const item of expression.items) walkFormula(item, visit);
    } else if (isAggregate(expression)) {
        walkFormula(expression.parameter, visit);
        walkSelection(expression.selection, visit);
    } else if (isShare(expression)) {
        walkSelection(expression.part, visit);
        walkSelection(expression.whole, visit);
    } else if (isUptime(expression)) {
        walkSelection(expression.selection, visit);
        walkFormula(expression.start, visit);
        walkFormula(expression.end, visit);
    } else if (isTimeslices(expression)) {
        walkFormula(expression.value, visit);
    } else if (isElapsed(expression)) {
        walkFormula(expression.start, visit);
        walkFormula(expression.end, visit);
    }
}

function walkSelection(selection: Selection | undefined, visit: (expression: Expression) => void): void {
    if (!selection) return;
    walkFormula(selection.value, visit);
    walkFormula(selection.condition, visit);
}
