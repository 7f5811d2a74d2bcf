import type { ComparisonOp, ItemObjectiveModel } from '../model.js';
import type { Row, RowFunction } from './row-expression.js';

/** Failed items kept per segment for the report's list (a window lists its first ones in file order). */
export const MAX_LISTED_ITEMS = 10;

/** One failed item, as the pass saw it. */
export interface CollectedFailure {
    /** the value of the `by` field, or null (the item is then named by its line) */
    id: string | null;
    line: number;
    /** the per-row value (for an open item: its value so far) */
    value: number;
    /** an open item judged on its value so far: the value is a lower bound */
    open?: boolean;
}

/**
 * The accumulator of one `objective each …` over one dataset pass: per segment of the
 * objective's window plan, how many items passed, failed, or had no value (a start missing),
 * the worst value, and the first failed items. Memory: a few numbers per segment plus at
 * most MAX_LISTED_ITEMS failures per segment, whatever the number of rows.
 */
export class ItemCollector {
    readonly passed: Float64Array;
    readonly failed: Float64Array;
    readonly noValue: Float64Array;
    /** worst decided value per segment (max for <=/<, min for >=/>), NaN when none */
    readonly worst: Float64Array;
    readonly failures: CollectedFailure[][];
    /** failed open items (judged after the pass; few: every open row is kept anyway) */
    readonly openFailures: CollectedFailure[][];
    private readonly higherIsWorse: boolean;

    constructor(
        readonly objective: ItemObjectiveModel,
        readonly planIndex: number,
        segmentCount: number,
        readonly where: RowFunction | undefined,
        readonly value: RowFunction,
        readonly check: RowFunction,
        readonly idIndex: number
    ) {
        this.passed = new Float64Array(segmentCount);
        this.failed = new Float64Array(segmentCount);
        this.noValue = new Float64Array(segmentCount);
        this.worst = new Float64Array(segmentCount).fill(NaN);
        this.failures = Array.from({ length: segmentCount }, () => []);
        this.openFailures = Array.from({ length: segmentCount }, () => []);
        this.higherIsWorse = isUpperLimit(objective.comparison);
    }

    /** One row of the pass in segment `segment` (in the period, not open). */
    accept(row: Row, line: number, segment: number): void {
        if (this.where !== undefined && this.where(row) !== true) return;
        const value = this.value(row);
        const verdict = this.check(row);
        if (typeof value !== 'number' || typeof verdict !== 'boolean') {
            this.noValue[segment]!++;
            return;
        }
        this.record(segment, value, verdict, this.idOf(row), line, false);
    }

    /** A judged item (also open ones, after the pass). */
    record(segment: number, value: number, passed: boolean, id: string | null, line: number, open: boolean): void {
        const worst = this.worst[segment]!;
        if (Number.isNaN(worst) || (this.higherIsWorse ? value > worst : value < worst)) this.worst[segment] = value;
        if (passed) {
            this.passed[segment]!++;
            return;
        }
        this.failed[segment]!++;
        if (open) {
            this.openFailures[segment]!.push({ id, line, value, open: true });
            return;
        }
        // The first ones in file order: the window's first MAX_LISTED_ITEMS are among its segments' first ones.
        const list = this.failures[segment]!;
        if (list.length < MAX_LISTED_ITEMS) list.push({ id, line, value });
    }

    idOf(row: Row): string | null {
        if (this.idIndex < 0) return null;
        const id = row[this.idIndex];
        return id === null || id === undefined ? null : String(id);
    }
}

/** `<=` and `<` promise a maximum: a higher value is worse. */
export function isUpperLimit(comparison: ComparisonOp): boolean {
    return comparison === '<=' || comparison === '<';
}
