import { businessDayComparisonIn, businessDaysBetween, pausedBusinessDayComparisonIn, pausedBusinessDaysIn, workingDurationIn, type WorkingCalendar } from '../time/calendar.js';
import type { Expr, PauseJoin } from '../model.js';
import { timeOutsidePauses, type PauseList } from '../time/paused-time.js';
import { decimalAdd, decimalMultiply, decimalSubtract } from './decimal-arithmetic.js';
import type { SharedRowFunctions } from './shared-row-functions.js';

/** A value of one row-level expression; null = missing (SQL-like: it propagates). */
export type RowValue = number | string | boolean | null;
export type Row = readonly unknown[];
export type RowFunction = (row: Row) => RowValue;

export interface RowCompileContext {
    dataset: string;
    /** Position of each field in the row arrays produced by the data scanner. */
    fieldIndex: ReadonlyMap<string, number>;
    calendars: Readonly<Record<string, WorkingCalendar>>;
    /** The pauses of each item for `elapsed(…) excluding pauses(…)` (evaluate/pause-index.ts), filled before the pass. */
    pauses?: (join: PauseJoin) => PauseSource;
    /**
     * Compiled functions shared by the agreements of a portfolio (see shared-row-functions.ts):
     * the same filter on the same row layout is one function for all of them.
     */
    shared?: SharedRowFunctions;
}

/** Where the pauses of one item are found by its key. */
export interface PauseSource {
    pausesOf(key: unknown): PauseList | undefined;
}

/**
 * The time measure of an elapsed(…) (wall-clock, working time of its calendar, or business days of
 * it) and, with `excluding pauses(…)`, the row's pauses: one home for both the compiled and the
 * judged path. The pauses are those of timeOutsidePauses (merged, clipped to the row) whatever the
 * measure; an end before the start is measured backwards without them.
 */
export function elapsedMeasure(expr: Extract<Expr, { type: 'elapsed' }>, context: RowCompileContext): (from: number, to: number, row: Row) => number {
    const calendar = expr.calendar === undefined ? undefined : context.calendars[expr.calendar];
    if (expr.calendar !== undefined && calendar === undefined) throw new Error(`unknown calendar '${expr.calendar}'`);
    const pausesOf = rowPauses(expr, context);
    if (expr.unit === 'businessDays') {
        if (calendar === undefined) throw new Error('internal: business days are counted in a calendar');
        if (pausesOf === undefined) return (from, to) => businessDaysBetween(calendar, from, to);
        const businessDays = pausedBusinessDaysIn(calendar);
        return (from, to, row) => businessDays(from, to, pausesOf(row));
    }
    const workingTime = calendar === undefined ? undefined : workingDurationIn(calendar);
    const measure = workingTime === undefined ? (from: number, to: number): number => to - from : workingTime;
    const signed = (from: number, to: number): number => (to >= from ? measure(from, to) : -measure(to, from));
    if (pausesOf === undefined) return (from, to) => signed(from, to);
    return (from, to, row) => (to >= from ? timeOutsidePauses(from, to, pausesOf(row), measure) : -measure(to, from));
}

/**
 * `elapsed(a, b) during C <op> N business days`: the sign of the row's business days − N, exactly
 * (time/calendar.ts), its pauses excluded with `excluding pauses(…)`; for the compiled and the
 * judged path alike.
 */
export function businessDayComparison(expr: Extract<Expr, { type: 'elapsed' }>, days: number, context: RowCompileContext): (from: number, to: number, row: Row) => -1 | 0 | 1 {
    if (expr.calendar === undefined) throw new Error('internal: business days are counted in a calendar');
    const calendar = context.calendars[expr.calendar];
    if (!calendar) throw new Error(`unknown calendar '${expr.calendar}'`);
    const pausesOf = rowPauses(expr, context);
    if (pausesOf === undefined) return businessDayComparisonIn(calendar, days);
    const compare = pausedBusinessDayComparisonIn(calendar, days);
    return (from, to, row) => compare(from, to, pausesOf(row));
}

/** The merged pauses of a row's item, looked up by its key (`excluding pauses(P by k = id, …)`); undefined without pauses. */
function rowPauses(expr: Extract<Expr, { type: 'elapsed' }>, context: RowCompileContext): ((row: Row) => PauseList | undefined) | undefined {
    if (expr.pauses === undefined) return undefined;
    if (context.pauses === undefined) throw new Error(`internal: no pause index for '${expr.pauses.dataset}'`);
    const source = context.pauses(expr.pauses);
    const keyIndex = fieldPosition(context.dataset, expr.pauses.rowKey, context);
    return (row) => source.pausesOf(row[keyIndex]);
}

/**
 * Compiles a per-row expression into closures over row arrays. The formula is data:
 * no eval, no generated code; each node becomes one small closure.
 */
export function compileRowExpression(expr: Expr, context: RowCompileContext): RowFunction {
    if (context.shared !== undefined) return context.shared.compile(expr, context, compileUnshared);
    return compileUnshared(expr, context);
}

function compileUnshared(expr: Expr, context: RowCompileContext): RowFunction {
    switch (expr.type) {
        case 'number':
        case 'string':
        case 'boolean': {
            const constant = expr.value;
            return () => constant;
        }
        case 'field': {
            const index = fieldPosition(expr.dataset, expr.field, context);
            return (row) => (row[index] ?? null) as RowValue;
        }
        case 'not': {
            const operand = compileRowExpression(expr.operand, context);
            return (row) => {
                const value = operand(row);
                return value === null ? null : !value;
            };
        }
        case 'negate': {
            const operand = compileRowExpression(expr.operand, context);
            return (row) => {
                const value = operand(row);
                return value === null ? null : -(value as number);
            };
        }
        case 'in': {
            const value = compileRowExpression(expr.value, context);
            const list = expr.list.map((item) => compileRowExpression(item, context));
            return (row) => {
                const candidate = value(row);
                if (candidate === null) return null;
                for (const item of list) if (item(row) === candidate) return true;
                return false;
            };
        }
        case 'elapsed':
            return compileElapsed(expr, context);
        case 'binary':
            return compileBusinessDayComparison(expr, context) ?? compileFieldComparison(expr, context) ?? compileBinary(expr.op, compileRowExpression(expr.left, context), compileRowExpression(expr.right, context));
        case 'kpi':
        case 'aggregate':
        case 'share':
        case 'uptime':
        case 'timeslices':
            throw new Error(`internal: '${expr.type}' cannot be evaluated per row of dataset '${context.dataset}'`);
    }
}

function fieldPosition(dataset: string, field: string, context: RowCompileContext): number {
    if (dataset !== context.dataset) {
        throw new Error(`internal: field '${dataset}.${field}' read while scanning dataset '${context.dataset}'`);
    }
    const index = context.fieldIndex.get(field);
    if (index === undefined) throw new Error(`dataset '${dataset}' has no field '${field}'`);
    return index;
}

function compileElapsed(expr: Extract<Expr, { type: 'elapsed' }>, context: RowCompileContext): RowFunction {
    const start = compileRowExpression(expr.start, context);
    const end = compileRowExpression(expr.end, context);
    if (expr.pauses !== undefined) {
        const measure = elapsedMeasure(expr, context);
        return (row) => {
            const a = start(row);
            const b = end(row);
            return a === null || b === null ? null : measure(a as number, b as number, row);
        };
    }
    if (expr.calendar === undefined) {
        return (row) => {
            const a = start(row);
            const b = end(row);
            return a === null || b === null ? null : (b as number) - (a as number);
        };
    }
    const calendar = context.calendars[expr.calendar];
    if (!calendar) throw new Error(`unknown calendar '${expr.calendar}'`);
    if (expr.unit === 'businessDays') {
        return (row) => {
            const a = start(row);
            const b = end(row);
            return a === null || b === null ? null : businessDaysBetween(calendar, a as number, b as number);
        };
    }
    const workingTime = workingDurationIn(calendar);
    return (row) => {
        const a = start(row);
        const b = end(row);
        if (a === null || b === null) return null;
        const from = a as number;
        const to = b as number;
        return to >= from ? workingTime(from, to) : -workingTime(to, from);
    };
}

/**
 * `elapsed(a, b) during C <op> N business days` (either order), compared exactly: a ticket of
 * exactly N business days must not fall on the wrong side through floating-point rounding.
 */
function compileBusinessDayComparison(expr: Extract<Expr, { type: 'binary' }>, context: RowCompileContext): RowFunction | undefined {
    const flipped: Partial<Record<string, '<' | '<=' | '>' | '>='>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
    let elapsed = expr.left;
    let limit = expr.right;
    let op = expr.op as string;
    if (expr.right.type === 'elapsed' && expr.right.unit === 'businessDays') {
        elapsed = expr.right;
        limit = expr.left;
        op = flipped[op] ?? op;
    }
    if (elapsed.type !== 'elapsed' || elapsed.unit !== 'businessDays' || limit.type !== 'number' || elapsed.calendar === undefined) return undefined;
    const start = compileRowExpression(elapsed.start, context);
    const end = compileRowExpression(elapsed.end, context);
    const compare = businessDayComparison(elapsed, limit.value, context);
    const accept = comparisonOutcome(op);
    return (row) => {
        const a = start(row);
        const b = end(row);
        return a === null || b === null ? null : accept(compare(a as number, b as number, row));
    };
}

function comparisonOutcome(op: string): (sign: -1 | 0 | 1) => boolean {
    switch (op) {
        case '<': return (sign) => sign < 0;
        case '<=': return (sign) => sign <= 0;
        case '>': return (sign) => sign > 0;
        case '>=': return (sign) => sign >= 0;
        default: throw new Error(`internal: '${op}' does not compare business days`);
    }
}

/**
 * `field <op> literal`, the commonest filter (status >= 500, service = "webshop"), as
 * one closure instead of three: it runs for millions of rows.
 */
function compileFieldComparison(expr: Extract<Expr, { type: 'binary' }>, context: RowCompileContext): RowFunction | undefined {
    const { op, left, right } = expr;
    if (left.type !== 'field' || !(right.type === 'number' || right.type === 'string' || right.type === 'boolean')) return undefined;
    const index = fieldPosition(left.dataset, left.field, context);
    const constant = right.value;
    switch (op) {
        case '=':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : value === constant;
            };
        case '!=':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : value !== constant;
            };
        case '<':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : (value as number) < (constant as number);
            };
        case '<=':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : (value as number) <= (constant as number);
            };
        case '>':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : (value as number) > (constant as number);
            };
        case '>=':
            return (row) => {
                const value = row[index];
                return value === null || value === undefined ? null : (value as number) >= (constant as number);
            };
        default:
            return undefined;
    }
}

function compileBinary(op: Extract<Expr, { type: 'binary' }>['op'], left: RowFunction, right: RowFunction): RowFunction {
    switch (op) {
        case 'and':
            // Kleene logic: false wins over missing.
            return (row) => {
                const a = left(row);
                if (a === false) return false;
                const b = right(row);
                if (b === false) return false;
                return a === null || b === null ? null : true;
            };
        case 'or':
            return (row) => {
                const a = left(row);
                if (a === true) return true;
                const b = right(row);
                if (b === true) return true;
                return a === null || b === null ? null : false;
            };
        case '=':
            return (row) => {
                const a = left(row);
                const b = right(row);
                return a === null || b === null ? null : a === b;
            };
        case '!=':
            return (row) => {
                const a = left(row);
                const b = right(row);
                return a === null || b === null ? null : a !== b;
            };
        default: {
            const apply = numericOperation(op);
            return (row) => {
                const a = left(row);
                if (a === null) return null;
                const b = right(row);
                if (b === null) return null;
                return apply(a as number, b as number);
            };
        }
    }
}

/** A binary operation on two present numbers, as a formula computes it per row (the direct path, direct-row-path.ts, uses the same). */
export function numericOperation(op: '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>='): (a: number, b: number) => RowValue {
    switch (op) {
        // Exact on decimals: 1.10 + 2.20 is 3.3 (docs/language-reference.md § 14.8).
        case '+': return decimalAdd;
        case '-': return decimalSubtract;
        case '*': return decimalMultiply;
        case '/': return (a, b) => (b === 0 ? null : a / b);
        case '<': return (a, b) => a < b;
        case '<=': return (a, b) => a <= b;
        case '>': return (a, b) => a > b;
        case '>=': return (a, b) => a >= b;
    }
}
