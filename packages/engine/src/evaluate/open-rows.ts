import type { Expr } from '../model.js';
import type { AggregateSource, DatasetScan } from './evaluation-plan.js';
import { compileOpenRowCheck, elapsedNodes, isBounds, judgeOpenRow, UNDECIDED, verdictOf, type JudgedValue, type OpenReading } from './open-judgement.js';
import type { Row } from './row-expression.js';
import { segmentLocator, type PlannedWindow, type WindowPlan } from './window-plan.js';

export type { OpenReading } from './open-judgement.js';

type RowSource = Exclude<AggregateSource, { kind: 'uptime' }>;

/** What the open rows of one window and scope add to an aggregate. */
export interface OpenContribution {
    /** Open rows in the window and scope (whether they match or not): the window has rows. */
    all: number;
    /** Those the aggregate's filter counts. */
    matched: number;
    /** Their values (value aggregates). */
    values: number[];
    /** Some value is an elapsed time so far (a lower bound). */
    atLeast: boolean;
}

/**
 * The rows a dataset pass kept apart because an elapsed(a, b) in them has no end
 * (RowSink), judged per aggregate after the pass, when the instant the data are known
 * to is known (docs/language-reference.md § 14.7, "Open items"):
 * - a row a filter cannot decide yet is *pending*: the KPI leaves it out of every
 *   aggregate it reads over that dataset (both sides of a ratio);
 * - a row decided by its elapsed time so far (already past a `<= 4 hours`) counts as
 *   decided; in a value aggregate judged by `<=`/`<`, with its elapsed time so far when
 *   that already fails the target (the value is then a lower bound).
 * Open rows are few (the tickets still open at export time), so each judgement is
 * interpreted and cached per row.
 */
export class OpenRowJudge {
    private readonly judged = new Map<Expr, Map<OpenReading, JudgedValue[]>>();
    private readonly segments = new Map<DatasetScan, Map<WindowPlan, Int32Array>>();
    private readonly scopeIds = new Map<DatasetScan, Map<number, Int32Array>>();
    private readonly openChecks = new Map<RowSource, ((row: Row) => boolean) | undefined>();
    /** Per dataset, the open rows some KPI left pending or counted as decided, for the report's list. */
    readonly states = new Map<DatasetScan, Map<number, 'pending' | 'failed'>>();

    constructor(readonly knownUntil: (scan: DatasetScan) => number) {}

    /** The pending rows and the rows decided on their elapsed time so far, per dataset, for one KPI in one window. */
    tally(sources: readonly AggregateSource[], window: PlannedWindow, scopeValue: unknown, failing: ((value: number) => boolean) | undefined): { pending: Map<DatasetScan, Set<number>>; failed: Map<DatasetScan, Set<number>> } {
        const pending = new Map<DatasetScan, Set<number>>();
        const relevant = new Map<DatasetScan, Set<number>>();
        const open = new Map<DatasetScan, Set<number>>();
        const add = (map: Map<DatasetScan, Set<number>>, scan: DatasetScan, index: number): void => {
            let set = map.get(scan);
            if (set === undefined) map.set(scan, (set = new Set()));
            set.add(index);
        };
        for (const source of sources) {
            if (source.kind === 'uptime' || source.scan.openRows.length === 0) continue;
            const scopeId = source.group.scopeSlot < 0 ? 0 : source.scan.interners[source.group.scopeSlot]!.idOf(scopeValue);
            if (scopeId < 0) continue;
            for (const index of this.rowsIn(source, window, scopeId)) {
                const verdict = this.verdict(source, index, 'known');
                if (this.isOpenFor(source, index)) add(open, source.scan, index);
                if (verdict === UNDECIDED) {
                    add(pending, source.scan, index);
                } else if (verdict === true) {
                    add(relevant, source.scan, index);
                    if (source.kind === 'value') {
                        const value = this.value(source.channel.valueExpr, source.scan, index, 'known');
                        if (isBounds(value) && !(failing?.(value.low) ?? false)) add(pending, source.scan, index);
                    }
                }
            }
        }
        // Decided on their elapsed time so far: open for an aggregate, counted by one, pending for none.
        const failed = new Map<DatasetScan, Set<number>>();
        for (const [scan, indices] of relevant) {
            for (const index of indices) if (open.get(scan)?.has(index) && !pending.get(scan)?.has(index)) add(failed, scan, index);
        }
        this.remember(failed, 'failed');
        this.remember(pending, 'pending');
        return { pending, failed };
    }

    /** One open row's state as judged by an `objective each …` (a pending state is never overwritten). */
    note(scan: DatasetScan, index: number, state: 'pending' | 'failed'): void {
        this.remember(new Map([[scan, new Set([index])]]), state);
    }

    private remember(rows: Map<DatasetScan, Set<number>>, state: 'pending' | 'failed'): void {
        for (const [scan, indices] of rows) {
            let states = this.states.get(scan);
            if (states === undefined) this.states.set(scan, (states = new Map()));
            for (const index of indices) if (states.get(index) !== 'pending') states.set(index, state);
        }
    }

    /** The open rows of a window and scope as one reading counts them in an aggregate. */
    contribution(source: RowSource, window: PlannedWindow, scopeId: number, reading: OpenReading, excluded: ReadonlySet<number> | undefined, failing: ((value: number) => boolean) | undefined): OpenContribution {
        const result: OpenContribution = { all: 0, matched: 0, values: [], atLeast: false };
        if (source.scan.openRows.length === 0) return result;
        for (const index of this.rowsIn(source, window, scopeId)) {
            result.all++;
            if (excluded?.has(index) || this.verdict(source, index, reading) !== true) continue;
            result.matched++;
            if (source.kind !== 'value') continue;
            const value = this.value(source.channel.valueExpr, source.scan, index, reading);
            if (typeof value === 'number') result.values.push(value);
            else if (isBounds(value) && (failing?.(value.low) ?? false)) {
                result.values.push(value.low);
                result.atLeast = true;
            }
        }
        return result;
    }

    private verdict(source: RowSource, index: number, reading: OpenReading): boolean | null | typeof UNDECIDED {
        const where = source.group.whereExpr;
        return where === undefined ? true : verdictOf(this.value(where, source.scan, index, reading));
    }

    private value(expr: Expr, scan: DatasetScan, index: number, reading: OpenReading): JudgedValue {
        let byReading = this.judged.get(expr);
        if (byReading === undefined) this.judged.set(expr, (byReading = new Map()));
        let values = byReading.get(reading);
        if (values === undefined) {
            const asOf = this.knownUntil(scan);
            values = scan.openRows.map((open) => judgeOpenRow(expr, open.row, scan.context, asOf, reading));
            byReading.set(reading, values);
        }
        return values[index]!;
    }

    /** An elapsed(...) this aggregate measures has no end in the row. */
    private isOpenFor(source: RowSource, index: number): boolean {
        if (!this.openChecks.has(source)) {
            const nodes = elapsedNodes(source.group.whereExpr);
            if (source.kind === 'value') elapsedNodes(source.channel.valueExpr, nodes);
            this.openChecks.set(source, compileOpenRowCheck(nodes, source.scan.context));
        }
        return this.openChecks.get(source)?.(source.scan.openRows[index]!.row) ?? false;
    }

    /** Indices of the scan's open rows inside the window's segments and the scope. */
    private *rowsIn(source: RowSource, window: PlannedWindow, scopeId: number): Generator<number> {
        const scan = source.scan;
        const segments = this.segmentsOf(scan, scan.plans[source.group.planIndex]!);
        const scopes = source.group.scopeSlot < 0 ? undefined : this.scopesOf(scan, source.group.scopeSlot);
        for (let index = 0; index < segments.length; index++) {
            const segment = segments[index]!;
            if (segment < window.firstSegment || segment >= window.endSegment) continue;
            if (scopes !== undefined && scopes[index] !== scopeId) continue;
            yield index;
        }
    }

    private segmentsOf(scan: DatasetScan, plan: WindowPlan): Int32Array {
        let byPlan = this.segments.get(scan);
        if (byPlan === undefined) this.segments.set(scan, (byPlan = new Map()));
        let segments = byPlan.get(plan);
        if (segments === undefined) {
            const locate = segmentLocator(plan);
            const timeIndex = plan.timeField === undefined ? scan.eventIndex : scan.context.fieldIndex.get(plan.timeField) ?? scan.eventIndex;
            segments = Int32Array.from(scan.openRows, (open) => locate(open.row[timeIndex] as number));
            byPlan.set(plan, segments);
        }
        return segments;
    }

    private scopesOf(scan: DatasetScan, slot: number): Int32Array {
        let bySlot = this.scopeIds.get(scan);
        if (bySlot === undefined) this.scopeIds.set(scan, (bySlot = new Map()));
        let ids = bySlot.get(slot);
        if (ids === undefined) {
            const interner = scan.interners[slot]!;
            ids = Int32Array.from(scan.openRows, (open) => interner.idOf(open.row[interner.fieldIndex]));
            bySlot.set(slot, ids);
        }
        return ids;
    }
}
