import type { Expr } from '../model.js';
import type { AggregateSource, DatasetScan } from './evaluation-plan.js';
import { compileOpenRowCheck, elapsedNodes, isBounds, judgeOpenRow, UNDECIDED, verdictOf, type JudgedValue, type OpenReading } from './open-judgement.js';
import { openRowPassed, type OpenRowDirection } from './open-row-direction.js';
import type { Row } from './row-expression.js';
import { segmentLocator, type PlannedWindow, type WindowPlan } from './window-plan.js';

export type { OpenReading } from './open-judgement.js';

type RowSource = Exclude<AggregateSource, { kind: 'uptime' }>;

/** An open row's state in the report's list: some KPI could not decide it yet, or it was decided on its elapsed time so far. */
export type OpenRowState = 'pending' | 'failed' | 'passed';

const STATE_RANK: Record<OpenRowState, number> = { passed: 1, failed: 2, pending: 3 };

/** The open rows of one KPI in one window, per dataset: left out (pending), and decided failing or passing. */
export interface OpenTally {
    pending: Map<DatasetScan, Set<number>>;
    failed: Map<DatasetScan, Set<number>>;
    passed: Map<DatasetScan, Set<number>>;
}

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
 *   that already fails the target (the value is then a lower bound). A decided row failed
 *   or passed by which way it moves the KPI against the objective (open-row-direction.ts):
 *   an open P4 ticket in `… <= 4 hours or priority = "P4"` has passed.
 * Open rows are few (the tickets still open at export time), so each judgement is
 * interpreted and cached per row.
 */
export class OpenRowJudge {
    private readonly judged = new Map<Expr, Map<OpenReading, JudgedValue[]>>();
    private readonly segments = new Map<DatasetScan, Map<WindowPlan, Int32Array>>();
    private readonly scopeIds = new Map<DatasetScan, Map<number, Int32Array>>();
    private readonly openChecks = new Map<RowSource, ((row: Row) => boolean) | undefined>();
    /**
     * Per dataset, the open rows some KPI left pending or decided (failed or passed), for the report's
     * list: pending over failed over passed, as the KPIs judged the row; a row decided where no objective
     * tells which way (`weak`) is listed as failed until one does.
     */
    readonly states = new Map<DatasetScan, Map<number, OpenRowState>>();
    private readonly weak = new Map<DatasetScan, Set<number>>();

    constructor(readonly knownUntil: (scan: DatasetScan) => number) {}

    /**
     * The pending rows and the rows decided on their elapsed time so far, per dataset, for one KPI in
     * one window: decided failing or passing by `directionOf` (open-row-direction.ts, asked once a
     * decided row is found); without it, or where it cannot tell, counted as failed.
     */
    tally(sources: readonly AggregateSource[], window: PlannedWindow, scopeValue: unknown, failing: ((value: number) => boolean) | undefined, directionOf?: () => OpenRowDirection): OpenTally {
        const pending = new Map<DatasetScan, Set<number>>();
        const open = new Map<DatasetScan, Set<number>>();
        // Per row some aggregate counts: those aggregates, or 'failing' when one counts it with a failing value so far.
        const counted = new Map<DatasetScan, Map<number, AggregateSource[] | 'failing'>>();
        const add = (map: Map<DatasetScan, Set<number>>, scan: DatasetScan, index: number): void => {
            let set = map.get(scan);
            if (set === undefined) map.set(scan, (set = new Set()));
            set.add(index);
        };
        const count = (source: RowSource, index: number, failingValue: boolean): void => {
            let rows = counted.get(source.scan);
            if (rows === undefined) counted.set(source.scan, (rows = new Map()));
            const seen = rows.get(index) ?? [];
            rows.set(index, failingValue || seen === 'failing' ? 'failing' : [...seen, source]);
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
                    const value = source.kind === 'value' ? this.value(source.channel.valueExpr, source.scan, index, 'known') : null;
                    const failingValue = isBounds(value) && (failing?.(value.low) ?? false);
                    if (isBounds(value) && !failingValue) add(pending, source.scan, index);
                    count(source, index, failingValue);
                }
            }
        }
        // Decided on their elapsed time so far: open for an aggregate, counted by one, pending for none.
        const failed = new Map<DatasetScan, Set<number>>();
        const passed = new Map<DatasetScan, Set<number>>();
        let direction: OpenRowDirection | undefined;
        for (const [scan, rows] of counted) {
            for (const [index, countedBy] of rows) {
                if (!open.get(scan)?.has(index) || pending.get(scan)?.has(index)) continue;
                if (countedBy !== 'failing') direction ??= directionOf?.();
                const outcome = countedBy === 'failing' ? false : direction === undefined ? undefined : openRowPassed(direction, countedBy);
                add(outcome === true ? passed : failed, scan, index);
                this.remember(scan, index, outcome === true ? 'passed' : 'failed', outcome === undefined);
            }
        }
        for (const [scan, indices] of pending) for (const index of indices) this.remember(scan, index, 'pending');
        return { pending, failed, passed };
    }

    /** One open row's state as judged by an `objective each …` (a pending state is never overwritten). */
    note(scan: DatasetScan, index: number, state: OpenRowState): void {
        this.remember(scan, index, state);
    }

    /** A row keeps the strongest state it was given: pending over failed over passed; a weak one (no direction) only until another comes. */
    private remember(scan: DatasetScan, index: number, state: OpenRowState, weak = false): void {
        let states = this.states.get(scan);
        if (states === undefined) this.states.set(scan, (states = new Map()));
        let weakRows = this.weak.get(scan);
        if (weakRows === undefined) this.weak.set(scan, (weakRows = new Set()));
        const current = states.get(index);
        const currentWeak = weakRows.has(index);
        // A directed state replaces a weak one; between two of the same kind, the stronger wins.
        const replaces = current === undefined || (currentWeak && !weak) || (currentWeak === weak && STATE_RANK[state] > STATE_RANK[current]);
        if (!replaces) return;
        states.set(index, state);
        if (weak) weakRows.add(index);
        else weakRows.delete(index);
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
