import { businessDaysBetween, workingDuration } from '../time/calendar.js';
import { decimalAdd, decimalMultiply, decimalSubtract } from './decimal-arithmetic.js';
import type { Expr } from '../model.js';
import type { Row, RowCompileContext } from './row-expression.js';
import { businessDayComparison as businessDaySign, compileRowExpression, elapsedMeasure } from './row-expression.js';

/**
 * Open rows (an `elapsed(a, b)` whose end b is missing) judged on what is known at a
 * given instant (docs/language-reference.md § 14.7, "Open items"). Such rows are few,
 * so the formula is interpreted here instead of compiled.
 *
 * Three readings of a missing end:
 * - 'known':  the elapsed time is the interval [so far, ∞): a condition is true or false
 *             when every value in it gives the same answer, else `UNDECIDED` (pending);
 * - 'now':    the row ends at the instant of knowledge (its elapsed time so far);
 * - 'never':  the row never ends (elapsed time ∞).
 * 'now' and 'never' are the two extremes the report uses to tell whether pending rows
 * could still change an outcome.
 */
export type OpenReading = 'known' | 'now' | 'never';

/** A condition the known facts do not settle yet. */
export const UNDECIDED = Symbol('undecided');

/** A numeric value known only to lie in [low, high]. */
interface Bounds {
    low: number;
    high: number;
}

export type JudgedValue = number | string | boolean | null | typeof UNDECIDED | Bounds;

/** A value is a lower bound rather than a number: the row's elapsed time so far. */
export function isBounds(value: JudgedValue): value is Bounds {
    return typeof value === 'object' && value !== null;
}

/**
 * True when a row has an elapsed(a, b) among `elapsed` with a present and b missing.
 * Compiled: it runs for every row of a dataset whose KPIs measure elapsed time.
 */
export function compileOpenRowCheck(elapsed: readonly Extract<Expr, { type: 'elapsed' }>[], context: RowCompileContext): ((row: Row) => boolean) | undefined {
    if (elapsed.length === 0) return undefined;
    const checks = elapsed.map((node) => {
        const start = compileRowExpression(node.start, context);
        const end = compileRowExpression(node.end, context);
        return (row: Row): boolean => start(row) !== null && end(row) === null;
    });
    if (checks.length === 1) return checks[0];
    return (row) => {
        for (let i = 0; i < checks.length; i++) if (checks[i]!(row)) return true;
        return false;
    };
}

/** Every elapsed(...) node inside an expression. */
export function elapsedNodes(expr: Expr | undefined, into: Extract<Expr, { type: 'elapsed' }>[] = []): Extract<Expr, { type: 'elapsed' }>[] {
    if (expr === undefined) return into;
    switch (expr.type) {
        case 'elapsed':
            into.push(expr);
            break;
        case 'binary':
            elapsedNodes(expr.left, into);
            elapsedNodes(expr.right, into);
            break;
        case 'not':
        case 'negate':
            elapsedNodes(expr.operand, into);
            break;
        case 'in':
            elapsedNodes(expr.value, into);
            for (const item of expr.list) elapsedNodes(item, into);
            break;
        default:
            break;
    }
    return into;
}

/** Judges one row-level expression on an open row, as known at `asOf` (epoch ms). */
export function judgeOpenRow(expr: Expr, row: Row, context: RowCompileContext, asOf: number, reading: OpenReading): JudgedValue {
    const value = (node: Expr): JudgedValue => {
        switch (node.type) {
            case 'number':
            case 'string':
            case 'boolean':
                return node.value;
            case 'field': {
                const index = context.fieldIndex.get(node.field);
                if (index === undefined) throw new Error(`dataset '${context.dataset}' has no field '${node.field}'`);
                return (row[index] ?? null) as JudgedValue;
            }
            case 'elapsed':
                return elapsed(node);
            case 'not': {
                const operand = value(node.operand);
                return operand === null || operand === UNDECIDED ? operand : !operand;
            }
            case 'negate': {
                const operand = value(node.operand);
                if (operand === null || operand === UNDECIDED) return operand;
                return isBounds(operand) ? { low: -operand.high, high: -operand.low } : -(operand as number);
            }
            case 'in': {
                const candidate = value(node.value);
                if (candidate === null) return null;
                if (candidate === UNDECIDED || isBounds(candidate)) return UNDECIDED;
                for (const item of node.list) if (value(item) === candidate) return true;
                return false;
            }
            case 'binary':
                return businessDayComparison(node) ?? binary(node.op, value(node.left), value(node.right));
            default:
                throw new Error(`internal: '${node.type}' cannot be evaluated per row of dataset '${context.dataset}'`);
        }
    };
    /**
     * `elapsed(a, b) during C <op> N business days` (either order), as row-expression.ts
     * compiles it: compared exactly, on the time so far when b is missing; with `excluding
     * pauses(…)` less the pauses so far (an open pause until the instant of knowledge).
     */
    const businessDayComparison = (node: Extract<Expr, { type: 'binary' }>): JudgedValue | undefined => {
        const flipped: Partial<Record<string, '<' | '<=' | '>' | '>='>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
        let elapsedNode = node.left;
        let limit = node.right;
        let op: string = node.op;
        if (node.right.type === 'elapsed' && node.right.unit === 'businessDays') {
            elapsedNode = node.right;
            limit = node.left;
            op = flipped[op] ?? op;
        }
        if (elapsedNode.type !== 'elapsed' || elapsedNode.unit !== 'businessDays' || limit.type !== 'number' || elapsedNode.calendar === undefined) return undefined;
        if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return undefined;
        const compare = businessDaySign(elapsedNode, limit.value, context);
        const start = value(elapsedNode.start);
        const end = value(elapsedNode.end);
        if (typeof start !== 'number') return null;
        const holds = (sign: number): boolean => (op === '<' ? sign < 0 : op === '<=' ? sign <= 0 : op === '>' ? sign > 0 : sign >= 0);
        if (typeof end === 'number') return holds(compare(start, end, row));
        if (end !== null) return null;
        if (reading === 'never') return op === '>' || op === '>=';
        // So far: the row has lasted at least until the instant of knowledge (its pauses so far excluded).
        const sign = compare(start, Math.max(start, asOf), row);
        if (reading === 'now') return holds(sign);
        // Known: more time can only make it longer. '<'/'<=' can only become false, '>'/'>=' only true.
        const soFar = holds(sign);
        if (op === '<' || op === '<=') return soFar ? UNDECIDED : false;
        return soFar ? true : UNDECIDED;
    };
    const elapsed = (node: Extract<Expr, { type: 'elapsed' }>): JudgedValue => {
        const start = value(node.start);
        const end = value(node.end);
        if (typeof start !== 'number') return null;
        const calendar = node.calendar === undefined ? undefined : context.calendars[node.calendar];
        if (node.calendar !== undefined && calendar === undefined) throw new Error(`unknown calendar '${node.calendar}'`);
        // As row-expression.ts computes it: in business days when written so, else in (working) milliseconds; pauses excluded in both.
        const measure = node.pauses === undefined ? undefined : elapsedMeasure(node, context);
        const between = (from: number, to: number): number =>
            measure !== undefined ? measure(from, to, row)
                : calendar === undefined ? to - from
                : node.unit === 'businessDays' ? businessDaysBetween(calendar, from, to)
                : to >= from ? workingDuration(calendar, from, to) : -workingDuration(calendar, to, from);
        if (typeof end === 'number') return between(start, end);
        if (end !== null) return null;
        // The end is missing: so far it has lasted until the instant of knowledge (never less than 0).
        const soFar = asOf > start ? between(start, asOf) : 0;
        if (reading === 'now') return soFar;
        if (reading === 'never') return Infinity;
        return { low: soFar, high: Infinity };
    };
    return value(expr);
}

/** The verdict of a judged condition: true, false, null (missing: not matching) or UNDECIDED. */
export function verdictOf(value: JudgedValue): boolean | null | typeof UNDECIDED {
    if (value === UNDECIDED || value === null) return value;
    if (typeof value === 'boolean') return value;
    return null;
}

function binary(op: Extract<Expr, { type: 'binary' }>['op'], a: JudgedValue, b: JudgedValue): JudgedValue {
    if (op === 'and') {
        // Kleene logic: false wins; a missing value makes the row not match whatever the undecided part becomes.
        if (a === false || b === false) return false;
        if (a === null || b === null) return null;
        if (a === UNDECIDED || b === UNDECIDED) return UNDECIDED;
        return true;
    }
    if (op === 'or') {
        if (a === true || b === true) return true;
        if (a === UNDECIDED || b === UNDECIDED) return UNDECIDED;
        if (a === null || b === null) return null;
        return false;
    }
    if (a === null || b === null) return null;
    if (a === UNDECIDED || b === UNDECIDED) return UNDECIDED;
    if (op === '=' || op === '!=') {
        if (isBounds(a) || isBounds(b)) return UNDECIDED;
        return op === '=' ? a === b : a !== b;
    }
    const left = isBounds(a) ? a : { low: a as number, high: a as number };
    const right = isBounds(b) ? b : { low: b as number, high: b as number };
    // Two known values: on their decimals, as row-expression.ts does (1.10 + 2.20 is 3.3).
    if (!isBounds(a) && !isBounds(b)) {
        switch (op) {
            case '+': return decimalAdd(a as number, b as number);
            case '-': return decimalSubtract(a as number, b as number);
            case '*': return decimalMultiply(a as number, b as number);
        }
    }
    switch (op) {
        case '+':
            return bounds(left.low + right.low, left.high + right.high, a, b);
        case '-':
            return bounds(left.low - right.high, left.high - right.low, a, b);
        case '*':
        case '/': {
            if (!isBounds(a) && !isBounds(b)) return op === '*' ? (a as number) * (b as number) : (b as number) === 0 ? null : (a as number) / (b as number);
            // An open row's elapsed time scaled by a constant (e.g. in minutes); anything else is undecided.
            const constant = isBounds(b) ? (op === '*' ? (a as number) : NaN) : (b as number);
            const interval = isBounds(a) ? a : (b as Bounds);
            if (!Number.isFinite(constant) || constant === 0) return UNDECIDED;
            const factor = op === '*' ? constant : 1 / constant;
            const x = interval.low * factor;
            const y = interval.high * factor;
            return { low: Math.min(x, y), high: Math.max(x, y) };
        }
        case '<':
            return compare(left.high < right.low, left.low >= right.high);
        case '<=':
            return compare(left.high <= right.low, left.low > right.high);
        case '>':
            return compare(left.low > right.high, left.high <= right.low);
        case '>=':
            return compare(left.low >= right.high, left.high < right.low);
    }
}

function bounds(low: number, high: number, a: JudgedValue, b: JudgedValue): JudgedValue {
    return isBounds(a) || isBounds(b) ? { low, high } : low;
}

function compare(surelyTrue: boolean, surelyFalse: boolean): JudgedValue {
    if (surelyTrue) return true;
    if (surelyFalse) return false;
    return UNDECIDED;
}
