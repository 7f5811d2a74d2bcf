import type { ComparisonOp, ValueKind } from '../model.js';
import type { WindowStatus } from '../report/report-types.js';

export interface Outcome {
    status: WindowStatus;
    margin: number | null;
    budgetConsumed: number | null;
    budgetRemaining: number | null;
}

/**
 * Judges one window's value against the target. Margin is positive when met
 * (value − target for >= and >, target − value for <= and <). For ratio objectives
 * the error budget: consumed = (1 − value)/(1 − target) for >= and > (e.g. availability),
 * value/target for <= and < (e.g. error rate).
 */
export function judge(value: number | null, comparison: ComparisonOp, target: number, unitKind: ValueKind): Outcome {
    if (value === null || Number.isNaN(value)) return { status: 'no data', margin: null, budgetConsumed: null, budgetRemaining: null };
    const met = comparison === '>=' ? value >= target : comparison === '>' ? value > target : comparison === '<=' ? value <= target : value < target;
    const atLeast = comparison === '>=' || comparison === '>';
    const margin = atLeast ? value - target : target - value;
    let budgetConsumed: number | null = null;
    if (unitKind === 'ratio') {
        if (atLeast && target < 1) budgetConsumed = (1 - value) / (1 - target);
        else if (!atLeast && target > 0) budgetConsumed = value / target;
    }
    return {
        status: met ? 'met' : 'breached',
        margin,
        budgetConsumed,
        budgetRemaining: budgetConsumed === null ? null : 1 - budgetConsumed
    };
}
