/**
 * Row functions shared by the agreements of a portfolio. Four hundred client agreements
 * from one offering compile the same filters (`status < 500`) over the same row layout; as
 * four hundred sets of closures, every call site of the pass sees hundreds of targets and
 * the engine's JIT stops inlining them (measured: the per-row work of a 400-agreement pass
 * was three to four times that of one agreement reading every row). One function per
 * (row layout, expression) keeps those call sites monomorphic. Only expressions of fields,
 * literals and operators are shared: they capture nothing but field positions.
 */
import type { Expr } from '../model.js';
import type { RowCompileContext, RowFunction } from './row-expression.js';

export class SharedRowFunctions {
    private readonly functions = new Map<string, RowFunction>();

    compile(expr: Expr, context: RowCompileContext, compile: (expr: Expr, context: RowCompileContext) => RowFunction): RowFunction {
        if (!isPlain(expr)) return compile(expr, context);
        // The positions of the fields it reads are part of the key (and are noted as read).
        const positions = fieldsOf(expr).map((field) => context.fieldIndex.get(field) ?? -1);
        const key = `${context.dataset}\u0000${positions.join(',')}\u0000${JSON.stringify(expr)}`;
        let shared = this.functions.get(key);
        if (shared === undefined) {
            shared = compile(expr, { ...context, shared: undefined });
            this.functions.set(key, shared);
        }
        return shared;
    }
}

/** Fields, literals, and operators over them: nothing that needs a calendar or pause index. */
function isPlain(expr: Expr): boolean {
    switch (expr.type) {
        case 'number':
        case 'string':
        case 'boolean':
        case 'field':
            return true;
        case 'not':
        case 'negate':
            return isPlain(expr.operand);
        case 'in':
            return isPlain(expr.value) && expr.list.every(isPlain);
        case 'binary':
            return isPlain(expr.left) && isPlain(expr.right);
        default:
            return false;
    }
}

function fieldsOf(expr: Expr): string[] {
    switch (expr.type) {
        case 'field':
            return [expr.field];
        case 'not':
        case 'negate':
            return fieldsOf(expr.operand);
        case 'in':
            return [...fieldsOf(expr.value), ...expr.list.flatMap(fieldsOf)];
        case 'binary':
            return [...fieldsOf(expr.left), ...fieldsOf(expr.right)];
        default:
            return [];
    }
}
