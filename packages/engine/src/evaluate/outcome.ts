import type { ComparisonOp, ValueKind } from '../model.js';
import type { WindowStatus } from '../report/report-types.js';
import { compare, divide, exactInteger, exactOf, sign, subtract, toNumber, type Exact } from './exact-value.js';

export interface Outcome {
    status: WindowStatus;
    /** Headroom: positive on the met side, for every comparison. */
    margin: number | null;
    budgetConsumed: number | null;
    budgetRemaining: number | null;
}

const ONE = exactInteger(1);

/**
 * Judges one window's value against the target, exactly (docs/language-reference.md
 * § 14.8): a double is read as the decimal it was written as, so 0.99 meets >= 99 %.
 * Margin is headroom, positive on the met side: value − target for >= and >,
 * target − value for <= and <. For ratio objectives the error budget consumed is
 * (1 − value)/(1 − target) for >= and > (e.g. availability), value/target for <= and <
 * (e.g. an error rate, whose budget is the target).
 */
export function judge(value: Exact | number | null, comparison: ComparisonOp, target: number, unitKind: ValueKind): Outcome {
    if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return { status: 'no data', margin: null, budgetConsumed: null, budgetRemaining: null };
    const exact = typeof value === 'number' ? exactOf(value) : value;
    const goal = exactOf(target);
    const atLeast = comparison === '>=' || comparison === '>';
    const margin = atLeast ? subtract(exact, goal) : subtract(goal, exact);
    const met = comparison === '>=' || comparison === '<=' ? sign(margin) >= 0 : sign(margin) > 0;
    let budgetConsumed: Exact | null = null;
    if (unitKind === 'ratio') {
        if (atLeast && compare(goal, ONE) < 0) budgetConsumed = divide(subtract(ONE, exact), subtract(ONE, goal));
        else if (!atLeast && sign(goal) > 0) budgetConsumed = divide(exact, goal);
    }
    return {
        status: met ? 'met' : 'breached',
        margin: toNumber(margin),
        budgetConsumed: budgetConsumed === null ? null : toNumber(budgetConsumed),
        budgetRemaining: budgetConsumed === null ? null : toNumber(subtract(ONE, budgetConsumed))
    };
}
