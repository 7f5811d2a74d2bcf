/**
 * Row filters on ClickHouse in the project's three-valued logic. ClickHouse 18.16 is not
 * Kleene: `NULL AND 0` is NULL where it is false, and `NULL IN (…)` is 0, so `NOT (x IN (…))`
 * kept the rows whose x is missing. So a filter is written there as two conditions that are
 * never NULL — when it is true, and when it is false (neither: missing) — each comparison with
 * `ifNull(…, 0)`; `not` swaps them, `and`/`or` combine them as Kleene logic does. A row passes
 * when the first holds. As locally (row-expression.ts), `x in (…)` is missing only when x is.
 */
import type { Expr } from '../model.js';

export interface Truth {
    isTrue: string;
    isFalse: string;
}

type Compiled = { operand: (node: Expr) => string; unsupported: (node: Expr) => never };

const LITERALS: ReadonlySet<Expr['type']> = new Set(['number', 'string', 'boolean']);

export function clickhouseTruth(expr: Expr, compiled: Compiled): Truth {
    const { operand } = compiled;
    switch (expr.type) {
        case 'not': {
            const inner = clickhouseTruth(expr.operand, compiled);
            return { isTrue: inner.isFalse, isFalse: inner.isTrue };
        }
        case 'in': {
            const value = operand(expr.value);
            const items = expr.list.map(operand);
            // A list of literals is a set (one lookup per row); other items are compared one by one, a missing item matching nothing.
            const isTrue = expr.list.every((item) => LITERALS.has(item.type)) ? `ifNull(${value} IN (${items.join(', ')}), 0)` : items.map((item) => `ifNull(${value} = ${item}, 0)`).join(' OR ');
            return { isTrue: `(${isTrue})`, isFalse: `(${value} IS NOT NULL AND NOT (${isTrue}))` };
        }
        case 'binary':
            switch (expr.op) {
                case 'and':
                case 'or': {
                    const left = clickhouseTruth(expr.left, compiled);
                    const right = clickhouseTruth(expr.right, compiled);
                    const [whenTrue, whenFalse] = expr.op === 'and' ? ['AND', 'OR'] : ['OR', 'AND'];
                    return { isTrue: `((${left.isTrue}) ${whenTrue} (${right.isTrue}))`, isFalse: `((${left.isFalse}) ${whenFalse} (${right.isFalse}))` };
                }
                case '=':
                case '!=':
                case '<':
                case '<=':
                case '>':
                case '>=':
                    return compared(`${operand(expr.left)} ${expr.op === '!=' ? '<>' : expr.op} ${operand(expr.right)}`);
                default:
                    return compiled.unsupported(expr);
            }
        case 'boolean':
            return expr.value ? { isTrue: '1', isFalse: '0' } : { isTrue: '0', isFalse: '1' };
        case 'field': {
            // A boolean column: Bool, or UInt8 holding 0 and 1 (other values make the rows pulled: invalidRowConditions).
            const value = operand(expr);
            return { isTrue: `ifNull(${value} = 1, 0)`, isFalse: `ifNull(${value} = 0, 0)` };
        }
        default:
            return compiled.unsupported(expr);
    }
}

/** A condition used as a value (compared with another): 1, 0, or NULL when missing. */
export function truthValue(truth: Truth): string {
    return `if(${truth.isTrue}, 1, if(${truth.isFalse}, 0, NULL))`;
}

function compared(comparison: string): Truth {
    return { isTrue: `ifNull(${comparison}, 0)`, isFalse: `ifNull(NOT (${comparison}), 0)` };
}
