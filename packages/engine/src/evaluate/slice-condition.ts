import type { Expr } from '../model.js';
import { compare, type Exact } from './exact-value.js';

/**
 * Judges a slice's condition (`ReadP99 >= 10 ms or WriteP99 >= 10 ms`) in three-valued logic,
 * as `where` judges a row (row-expression.ts): a comparison with a side without data in the
 * slice is unknown; `or` holds when either side holds and `and` fails when either side fails,
 * whatever the other side; `not` of unknown is unknown.
 *
 * The slice is *empty* (null: the `empty as …` rule decides) only when no comparison in the
 * condition has a value. A condition that some comparisons judge but that stays unknown
 * (`A or B` with A false and no data for B) does not hold: the slice had data, and what it
 * showed does not make it bad — as a row whose condition is unknown is not kept.
 *
 * `valueOf` gives the value of a side (a formula over the slice's rows), null without data.
 */
export function judgeSliceCondition(condition: Expr, valueOf: (expr: Expr) => Exact | null): boolean | null {
    let judged = false;
    const judge = (expr: Expr): boolean | null => {
        switch (expr.type) {
            case 'boolean':
                return expr.value;
            case 'not': {
                const operand = judge(expr.operand);
                return operand === null ? null : !operand;
            }
            case 'binary': {
                if (expr.op === 'and' || expr.op === 'or') {
                    // Both sides are judged (no short cut): each one's rows count in the slice's row total.
                    const left = judge(expr.left);
                    const right = judge(expr.right);
                    if (expr.op === 'or') return left === true || right === true ? true : left === null || right === null ? null : false;
                    return left === false || right === false ? false : left === null || right === null ? null : true;
                }
                const left = valueOf(expr.left);
                const right = valueOf(expr.right);
                if (left === null || right === null) return null;
                judged = true;
                return holds(expr.op, compare(left, right));
            }
            default:
                throw new Error(`a '${expr.type}' expression is not a condition a slice can be judged by`);
        }
    };
    const verdict = judge(condition);
    return verdict ?? (judged ? false : null);
}

function holds(op: Extract<Expr, { type: 'binary' }>['op'], order: number): boolean {
    switch (op) {
        case '<': return order < 0;
        case '<=': return order <= 0;
        case '>': return order > 0;
        case '>=': return order >= 0;
        case '=': return order === 0;
        case '!=': return order !== 0;
        default: throw new Error(`'${op}' does not give a condition`);
    }
}
