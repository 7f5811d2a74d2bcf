/**
 * Whether an open row decided on its elapsed time so far passed or failed (docs/language-reference.md
 * § 14.7, "Open items"): by which way counting it moves the KPI, read against the objective's comparison.
 * Counted in a `count`, in the part of a `share` or in the numerator of a ratio, a row raises the value
 * (the part lies inside the whole: a row in both raises a share); counted only in the whole of a share or
 * in a denominator, it lowers it; `1 − share(…)` turns both around. Raising passes an objective judged by
 * `>=` or `>` and fails one judged by `<=` or `<`, as the small-volume rule reads a share's items
 * (small-volume.ts). A ticket past its 4 hours counts only in the whole of
 * `share(tickets where elapsed(…) <= 4 hours or priority = "P4" of tickets)`: failed; an open P4 ticket
 * counts in the part too: passed.
 */
import type { ComparisonOp, Expr } from '../model.js';
import type { AggregateSource, EvaluationPlan } from './evaluation-plan.js';
import type { WindowPlan } from './window-plan.js';

/** How counting a row in an aggregate moves the KPI: up, down, or unknown (0: a product of aggregates, a value aggregate, an aggregate read both ways). */
export type Sign = 1 | -1 | 0;

/** One count aggregate's place in the KPI: its sign, and whether it is a whole (of a share, a denominator) around a part. */
export interface CountingDirection {
    sign: Sign;
    whole: boolean;
}

/** What tells an open row's outcome for one KPI judged by one objective. */
export interface OpenRowDirection {
    /** Raising the value passes (`>=`, `>`), or fails (`<=`, `<`). */
    raisingPasses: boolean;
    /** Each count aggregate the KPI reads (absent: unknown). */
    directions: ReadonlyMap<AggregateSource, CountingDirection>;
}

/** The direction of each count aggregate of a KPI, through the KPIs it uses, in one window plan and scope. */
export function openRowDirection(plan: EvaluationPlan, kpiKey: string, windows: WindowPlan, scopeField: string | undefined, comparison: ComparisonOp): OpenRowDirection {
    const directions = new Map<AggregateSource, CountingDirection>();
    const record = (source: AggregateSource, direction: CountingDirection): void => {
        const seen = directions.get(source);
        const same = seen === undefined || (seen.sign === direction.sign && seen.whole === direction.whole);
        directions.set(source, same ? direction : { sign: 0, whole: direction.whole });
    };
    const visit = (expr: Expr, direction: CountingDirection, visiting: readonly string[]): void => {
        switch (expr.type) {
            case 'aggregate':
                // A value aggregate moves with the row's value, not with counting it.
                record(plan.sourceFor(expr, windows, scopeField), expr.fn === 'count' ? direction : { ...direction, sign: 0 });
                return;
            case 'share': {
                const { part, whole } = plan.shareNodes(expr);
                record(plan.sourceFor(part, windows, scopeField), direction);
                record(plan.sourceFor(whole, windows, scopeField), { sign: flip(direction.sign), whole: true });
                return;
            }
            case 'kpi':
                if (!visiting.includes(expr.key)) visit(plan.kpiFormula(expr.key), direction, [...visiting, expr.key]);
                return;
            case 'negate':
                visit(expr.operand, { ...direction, sign: flip(direction.sign) }, visiting);
                return;
            case 'binary': {
                const [left, right] = operandDirections(expr, direction);
                visit(expr.left, left, visiting);
                visit(expr.right, right, visiting);
                return;
            }
            default:
                // Slices are judged per slice, uptimes have no open rows: nothing here counts rows for this tally.
                return;
        }
    };
    visit(plan.kpiFormula(kpiKey), { sign: 1, whole: false }, [kpiKey]);
    return { raisingPasses: comparison === '>=' || comparison === '>', directions };
}

/**
 * Whether an open row counted by these aggregates passed, failed, or cannot be told (undefined):
 * by the parts counting it (a part lies inside its whole), else by the wholes.
 */
export function openRowPassed(direction: OpenRowDirection, countedBy: readonly AggregateSource[]): boolean | undefined {
    const places = countedBy.map((source) => direction.directions.get(source) ?? { sign: 0 as const, whole: false });
    const inParts = places.filter((place) => !place.whole);
    const deciding = inParts.length > 0 ? inParts : places;
    const sign = deciding[0]?.sign ?? 0;
    if (sign === 0 || deciding.some((place) => place.sign !== sign)) return undefined;
    return (sign === 1) === direction.raisingPasses;
}

function flip(sign: Sign): Sign {
    return sign === 0 ? 0 : sign === 1 ? -1 : 1;
}

/** The directions of a binary's operands: a difference flips its right side, a quotient's denominator is a whole, a product keeps them only by a number. */
function operandDirections(expr: Extract<Expr, { type: 'binary' }>, direction: CountingDirection): [CountingDirection, CountingDirection] {
    switch (expr.op) {
        case '+':
            return [direction, direction];
        case '-':
            return [direction, { ...direction, sign: flip(direction.sign) }];
        case '/':
            return [direction, { sign: flip(direction.sign), whole: true }];
        case '*':
            return [byNumber(expr.right, direction), byNumber(expr.left, direction)];
        default:
            return [{ ...direction, sign: 0 }, { ...direction, sign: 0 }];
    }
}

/** The direction of a factor multiplied by `factor`: kept by a positive number, flipped by a negative one, unknown by anything else. */
function byNumber(factor: Expr, direction: CountingDirection): CountingDirection {
    if (factor.type !== 'number' || factor.value === 0) return { ...direction, sign: 0 };
    return factor.value > 0 ? direction : { ...direction, sign: flip(direction.sign) };
}
