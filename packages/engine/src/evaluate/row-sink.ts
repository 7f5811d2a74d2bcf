import type { DatasetScan } from './evaluation-plan.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { FilterDispatch, type RoutedGroup } from './filter-dispatch.js';
import type { ScopeInterner } from './scope-interner.js';
import type { OutageCollector } from './outage-collector.js';
import type { InventoryCollector } from './inventory-collector.js';
import type { DeploymentInventory } from './deployment-inventory.js';
import { readRange, SegmentLocator } from './window-plan.js';
import { compileOpenRowCheck } from './open-judgement.js';
import type { Row } from './row-expression.js';
import type { Expr } from '../model.js';
import { clientScopeOf, clientValueMatches } from './client-scope.js';
import { DirectRowPath, type BatchLayout } from './direct-row-path.js';
import type { TypedRowTarget } from '../data/csv-typed-record.js';
import { ProvisionalScopeIds } from './provisional-scope-ids.js';
import { LookalikeCounts } from './client-lookalikes.js';

const ABORT_CHECK_INTERVAL = 0xffff;

/** A typed row's client scope id (see RowSink.typedTarget): the agreement's client, or another; from LOOKALIKE_ID on, a lookalike of the client's value (its id there + LOOKALIKE_ID). */
const CLIENT_ID = 0;
const OTHER_CLIENT_ID = 1;
const LOOKALIKE_ID = 2;

/** The typed id of another client's text, by its lookalike id (-1: none). */
function typedClientId(lookalike: number): number {
    return lookalike < 0 ? OTHER_CLIENT_ID : LOOKALIKE_ID + lookalike;
}

/**
 * The per-row path of a dataset pass: each row is located in a segment of every
 * window plan (one binary search each, cached for rows in time order), its scope
 * values are interned to small integers, then it is offered to the filter groups its
 * routing value selects; each runs what remains of its filter once.
 * Nothing is allocated per row.
 */
export class RowSink {
    rows = 0;
    /** Rows whose event time lies outside the evaluation period. */
    outsidePeriod = 0;
    /** Rows without an event time (an empty optional first timestamp field): in no window of it, and not outside the period either. */
    withoutEventTime = 0;
    /**
     * The first and last event time of the dataset's rows: every valid row's, those of other
     * clients (and rows without a client) included — coverage and open rows are judged on all
     * rows of a dataset, not only the agreement's (docs/language-reference.md § 14.10).
     */
    firstTime = Infinity;
    lastTime = -Infinity;
    /** Rows of other clients than the agreement's (`clientScope`): not measured, not rejected. */
    otherClientRows = 0;
    /** Of those, the rows whose value only looks like the client's (client-lookalikes.ts); undefined without a client scope. */
    readonly lookalikes: LookalikeCounts | undefined;

    /** The agreement's client scope on the dataset: the field's position (-1: every row is the agreement's) and value. */
    private readonly scopeIndex: number;
    private readonly scopeValue: string;
    private readonly locators: SegmentLocator[];
    /** Per plan, the field that places a row in it: the event time, or a slice plan's own (`slices(… by field …)`). */
    private readonly timeIndices: Int32Array;
    /** Some plan places rows by another field than the event time. */
    private readonly otherTimeFields: boolean;
    private readonly segments: Int32Array;
    private readonly interners: ScopeInterner[];
    private readonly scopeIds: Int32Array;
    private readonly dispatch: FilterDispatch;
    private readonly outages: OutageCollector[];
    private readonly inventories: InventoryCollector[];
    private readonly deployments: DeploymentInventory[];
    private readonly eventIndex: number;
    private readonly periodStart: number;
    private readonly periodEnd: number;
    /**
     * The instants rows are located in: the period, widened by a slice plan's run margins
     * (run-margins.ts). A row outside the period but inside them is counted as outside and only
     * fills those slices (it is in no window of any plan). Such a sink takes rows as arrays (typedTarget).
     */
    private readonly readStart: number;
    private readonly readEnd: number;
    /** True for a row with an elapsed(a, b) whose end is missing (see open-judgement.ts). */
    private readonly isOpen: ((row: Row) => boolean) | undefined;
    /** No typed record can be an open row (see the constructor): typed rows need no open check. */
    private readonly openRowsUntyped: boolean;
    private readonly openRows: DatasetScan['openRows'];
    private readonly items: DatasetScan['items'];
    private readonly pauseKeys: DatasetScan['pauseKeys'];
    /** The groups' filters and values read directly, when they have the common form (see direct-row-path.ts). */
    private readonly direct: DirectRowPath | undefined;
    /** the scope slots a row array is interned into (accept): every one, or without a direct path those its groups and outages read */
    private readonly internedSlots: Int32Array;
    /** per field, the values the direct path reads (NaN: missing) */
    private readonly numbers: Float64Array;
    /** per plan, the segments of a typed batch's rows (see acceptTypedBatch) */
    private batchSegments = new Int32Array(0);
    /** The client scope can be a typed row's scope slot (see typedTarget): a text or enumeration field, not also a scope field. */
    private readonly clientTyped: boolean;
    /** a typed batch's rows of the agreement's client (see clientBatchTaker) */
    private clientRows = new Float64Array(0);
    /** a typed batch widened by the direct path's differences (see batchTaker) */
    private wideRows = new Float64Array(0);

    constructor(scan: DatasetScan, period: EvaluationPeriod, private readonly signal?: AbortSignal) {
        const scope = clientScopeOf(scan.spec, scan.context.fieldIndex);
        this.scopeIndex = scope?.index ?? -1;
        this.scopeValue = scope?.value ?? '';
        this.lookalikes = scope === undefined ? undefined : new LookalikeCounts(scope.value);
        this.locators = scan.plans.map((plan) => new SegmentLocator(plan));
        this.timeIndices = Int32Array.from(scan.plans, (plan) => (plan.timeField === undefined ? scan.eventIndex : scan.context.fieldIndex.get(plan.timeField) ?? -1));
        this.otherTimeFields = this.timeIndices.some((index) => index !== scan.eventIndex);
        this.segments = new Int32Array(this.locators.length);
        this.interners = scan.interners;
        this.scopeIds = new Int32Array(this.interners.length);
        this.direct = DirectRowPath.compile(scan);
        // A slot the plan made only for a text filter the direct path reads by id (`region = "eu"`) is read by
        // no one when the scan has no direct path: its rows are not interned there.
        const read = new Set<number>();
        for (const group of scan.groups) if (group.scopeSlot >= 0) read.add(group.scopeSlot);
        for (const outage of scan.outages) if (outage.scopeSlot >= 0) read.add(outage.scopeSlot);
        this.internedSlots = Int32Array.from(this.interners.keys()).filter((slot) => this.direct !== undefined || read.has(slot));
        this.dispatch = new FilterDispatch(scan.groups, scan.context);
        this.outages = scan.outages;
        this.inventories = scan.inventories;
        this.deployments = scan.deployments;
        this.eventIndex = scan.eventIndex;
        this.periodStart = period.start;
        this.periodEnd = period.end;
        const located = readRange(scan.plans, period);
        this.readStart = located.start;
        this.readEnd = located.end;
        this.isOpen = compileOpenRowCheck(scan.elapsed, scan.context);
        this.openRows = scan.openRows;
        this.items = scan.items;
        this.pauseKeys = scan.pauseKeys;
        this.numbers = new Float64Array(this.direct?.numberCount ?? scan.spec.fields.length);
        // An elapsed(…) between two timestamp fields makes a row open when its end is missing: never a
        // typed record's (the typed readers read every timestamp field, and leave a record with an empty
        // one to the general reader), so such rows keep coming as arrays, where they are judged.
        const isTimestampField = (expr: Expr): boolean => expr.type === 'field' && expr.dataset === scan.name && scan.spec.fields[scan.context.fieldIndex.get(expr.field) ?? -1]?.kind === 'timestamp';
        this.openRowsUntyped = scan.elapsed.every((node) => isTimestampField(node.start) && isTimestampField(node.end));
        const clientKind = scope === undefined ? undefined : scan.spec.fields[scope.index]?.kind;
        this.clientTyped = scope !== undefined && (clientKind === 'text' || clientKind === 'enum') && this.interners.every((interner) => interner.fieldIndex !== scope.index);
    }

    /**
     * This sink as a taker of typed rows (data/csv-typed-record.ts), when every row goes the
     * plain way: the direct path, one event time, no outages, inventories (of instances or deployments), item lists, pause
     * keys or open rows. Undefined otherwise (rows then come as arrays).
     * `routed`: the caller hands over only the client's rows (a portfolio's routed batches,
     * pass-target.ts). Not routed, a client scope on a text (or enumeration) field is one more scope slot, whose
     * id says whether the row is the client's (CLIENT_ID) or another's: the typed reader gives a
     * cell's exact text, which matches as clientValueMatches matches text (`cell === value`). A
     * number or boolean as client field (matched by its written form) keeps the row path.
     */
    typedTarget(routed = false): TypedRowTarget | undefined {
        if (this.direct === undefined || this.eventIndex < 0 || this.otherTimeFields || (this.isOpen !== undefined && !this.openRowsUntyped)) return undefined;
        // Rows read beyond the period for run margins take the row path (accept), which locates them there.
        if (this.readStart !== this.periodStart || this.readEnd !== this.periodEnd) return undefined;
        if (this.pauseKeys.length > 0 || this.outages.length > 0 || this.inventories.length > 0 || this.deployments.length > 0 || this.items.length > 0) return undefined;
        const scoped = this.scopeIndex >= 0 && !routed;
        if (scoped && !this.clientTyped) return undefined;
        const scopeSlots = new Int32Array(this.numbers.length).fill(-1);
        this.interners.forEach((interner, slot) => {
            scopeSlots[interner.fieldIndex] = slot;
        });
        const interners = this.interners;
        if (!scoped) {
            return {
                numbers: this.numbers,
                scopeIds: this.scopeIds,
                scopeSlots,
                scopeId: (slot, text) => interners[slot]!.intern(text),
                accept: () => this.acceptTyped(this.scopeIds),
                batchTaker: (fields, slots) => this.batchTaker(fields, slots, -1)
            };
        }
        // The client's slot after the scope fields', in an array of its own (the routed target keeps this.scopeIds).
        // The scope fields' ids are provisional until a row of the client holds them (see provisional-scope-ids.ts).
        const clientSlot = interners.length;
        const scopeIds = new Int32Array(clientSlot + 1);
        scopeSlots[this.scopeIndex] = clientSlot;
        const value = this.scopeValue;
        const provisional = new ProvisionalScopeIds(interners);
        const lookalikes = this.lookalikes!;
        return {
            numbers: this.numbers,
            scopeIds,
            scopeSlots,
            scopeId: (slot, text) => (slot !== clientSlot ? provisional.provisional(slot, text) : text === value ? CLIENT_ID : typedClientId(lookalikes.idOf(text))),
            accept: () => {
                const client = scopeIds[clientSlot]!;
                if (client !== CLIENT_ID) {
                    if (client >= LOOKALIKE_ID) lookalikes.countId(client - LOOKALIKE_ID);
                    this.countOtherClientRows(1);
                    this.coverTimes(this.numbers[this.eventIndex]!, this.numbers[this.eventIndex]!);
                    return;
                }
                for (let s = 0; s < clientSlot; s++) scopeIds[s] = provisional.interned(s, scopeIds[s]!);
                this.acceptTyped(scopeIds);
            },
            batchTaker: (fields, slots) => this.batchTaker(fields, slots, clientSlot, provisional)
        };
    }

    /**
     * A taker of typed rows by the batch (TypedRowTarget.batchTaker), when the rows hold the event time and all the direct path reads;
     * `clientSlot` >= 0: the client's scope slot, and only the rows of the client go on, with their scope ids made final (see acceptClientBatch).
     */
    private batchTaker(fields: Int32Array, slots: Int32Array, clientSlot: number, provisional?: ProvisionalScopeIds): ((rows: Float64Array, count: number) => void) | undefined {
        const stride = fields.length + slots.length;
        const fieldColumn = new Int32Array(this.numbers.length).fill(-1);
        fields.forEach((field, j) => {
            if (field >= 0 && field < fieldColumn.length) fieldColumn[field] = j;
        });
        const slotColumn = new Int32Array(Math.max(this.scopeIds.length, clientSlot + 1)).fill(-1);
        slots.forEach((slot, j) => {
            if (slot >= 0 && slot < slotColumn.length) slotColumn[slot] = fields.length + j;
        });
        const timeColumn = fieldColumn[this.eventIndex]!;
        const direct = this.direct;
        if (direct === undefined || timeColumn < 0) return undefined;
        let offerRows: (rows: Float64Array, count: number) => void;
        if (!direct.hasDifferences) {
            const layout = direct.batchLayout(fieldColumn, slotColumn, stride);
            if (layout === undefined) return undefined;
            offerRows = (rows, count) => this.acceptTypedBatch(rows, count, stride, timeColumn, layout);
        } else {
            // The path's derived numbers (an elapsed(…), two fields compared, arithmetic) as columns after the batch's own (DirectRowPath.widenBatch).
            const { columns, stride: wide } = direct.widenedColumns(fieldColumn, stride);
            const layout = columns === undefined ? undefined : direct.batchLayout(columns, slotColumn, wide);
            if (layout === undefined) return undefined;
            offerRows = (rows, count) => {
                if (this.wideRows.length < count * wide) this.wideRows = new Float64Array(count * wide);
                direct.widenBatch(rows, count, stride, fieldColumn, this.wideRows);
                this.acceptTypedBatch(this.wideRows, count, wide, timeColumn, layout);
            };
        }
        if (clientSlot < 0) return offerRows;
        const clientColumn = slotColumn[clientSlot]!;
        const scopeColumns = slotColumn.subarray(0, clientSlot);
        if (clientColumn < 0 || scopeColumns.some((column) => column < 0)) return undefined;
        return (rows, count) => this.acceptClientBatch(rows, count, stride, timeColumn, clientColumn, scopeColumns, provisional!, offerRows);
    }

    /**
     * A typed batch of a client-scoped sink: its rows of the client, in order, copied together
     * with their scope ids made final, slot by slot as RowSink.accept interns them (the segment
     * location and the direct path's batch loop then run as for any batch); the others counted
     * as RowSink.accept counts them, their event times in the dataset's first and last, and nothing else.
     */
    private acceptClientBatch(rows: Float64Array, count: number, stride: number, timeColumn: number, clientColumn: number, scopeColumns: Int32Array, provisional: ProvisionalScopeIds, offerRows: (rows: Float64Array, count: number) => void): void {
        let kept = this.clientRows;
        if (kept.length < count * stride) kept = this.clientRows = new Float64Array(count * stride);
        let to = 0;
        let first = this.firstTime;
        let last = this.lastTime;
        for (let r = 0, at = 0; r < count; r++, at += stride) {
            const client = rows[at + clientColumn]!;
            if (client !== CLIENT_ID) {
                if (client >= LOOKALIKE_ID) this.lookalikes!.countId(client - LOOKALIKE_ID);
                const time = rows[at + timeColumn]!;
                if (time < first) first = time;
                if (time > last) last = time;
                continue;
            }
            for (let j = 0; j < stride; j++) kept[to + j] = rows[at + j]!;
            for (let s = 0; s < scopeColumns.length; s++) kept[to + scopeColumns[s]!] = provisional.interned(s, rows[at + scopeColumns[s]!]!);
            to += stride;
        }
        this.firstTime = first;
        this.lastTime = last;
        const taken = to / stride;
        if (taken < count) this.countOtherClientRows(count - taken);
        if (taken > 0) offerRows(kept, taken);
    }

    /**
     * Event times of rows this sink did not take (other clients'), into the dataset's first and last
     * (a portfolio's router gives its sinks those of the rows it routed elsewhere: pass-target.ts).
     */
    coverTimes(first: number, last: number): void {
        if (first < this.firstTime) this.firstTime = first;
        if (last > this.lastTime) this.lastTime = last;
    }

    /** Rows of other clients (as accept counts them): rows, and otherClientRows. */
    private countOtherClientRows(count: number): void {
        const before = this.rows;
        this.rows = before + count;
        this.otherClientRows += count;
        if (Math.floor(this.rows / (ABORT_CHECK_INTERVAL + 1)) !== Math.floor(before / (ABORT_CHECK_INTERVAL + 1))) this.signal?.throwIfAborted();
    }

    /**
     * `count` typed rows at once, laid out as `layout` says (see batchTaker): as many acceptTyped()
     * calls, with each plan's segments located for the whole batch first (plan by plan, so a
     * locator's cached segment is checked in a tight loop), then the direct path's batch loop.
     */
    private acceptTypedBatch(rows: Float64Array, count: number, stride: number, timeColumn: number, layout: BatchLayout): void {
        const before = this.rows;
        this.rows = before + count;
        // acceptTyped checks at every multiple of ABORT_CHECK_INTERVAL + 1 rows: here once for a batch that reaches one.
        if (Math.floor(this.rows / (ABORT_CHECK_INTERVAL + 1)) !== Math.floor(before / (ABORT_CHECK_INTERVAL + 1))) this.signal?.throwIfAborted();
        const start = this.periodStart;
        const end = this.periodEnd;
        const locators = this.locators;
        let segments = this.batchSegments;
        if (segments.length < count * locators.length) segments = this.batchSegments = new Int32Array(count * locators.length);
        // The first plan's segments with the bookkeeping, in one pass over the rows (usually the only plan).
        const located = locators.length > 0 ? locators[0]!.locateAll(rows, timeColumn, stride, count, segments, 0, start, end) : undefined;
        if (located !== undefined) {
            if (located.first < this.firstTime) this.firstTime = located.first;
            if (located.last > this.lastTime) this.lastTime = located.last;
            this.outsidePeriod += located.outside;
        } else {
            let first = this.firstTime;
            let last = this.lastTime;
            let outside = 0;
            for (let r = 0, at = timeColumn; r < count; r++, at += stride) {
                const time = rows[at]!;
                if (time < first) first = time;
                if (time > last) last = time;
                if (time < start || time >= end) outside++;
            }
            this.firstTime = first;
            this.lastTime = last;
            this.outsidePeriod += outside;
        }
        for (let p = 1; p < locators.length; p++) locators[p]!.locateAll(rows, timeColumn, stride, count, segments, p * count, start, end);
        this.direct!.offerBatch(layout, rows, count, segments);
    }

    /** A typed row (see typedTarget): the event time and the values in `numbers`, scope ids in `scopeIds`. */
    private acceptTyped(scopeIds: Int32Array): void {
        if ((++this.rows & ABORT_CHECK_INTERVAL) === 0) this.signal?.throwIfAborted();
        const time = this.numbers[this.eventIndex]!;
        if (time < this.firstTime) this.firstTime = time;
        if (time > this.lastTime) this.lastTime = time;
        if (time < this.periodStart || time >= this.periodEnd) {
            this.outsidePeriod++;
            return;
        }
        const segments = this.segments;
        const locators = this.locators;
        for (let p = 0; p < locators.length; p++) segments[p] = locators[p]!.locate(time);
        this.direct!.offer(this.numbers, segments, scopeIds);
    }

    accept(row: readonly unknown[], line: number): void {
        if ((++this.rows & ABORT_CHECK_INTERVAL) === 0) this.signal?.throwIfAborted();
        if (this.scopeIndex >= 0 && !clientValueMatches(row[this.scopeIndex], this.scopeValue)) {
            this.otherClientRows++;
            this.lookalikes!.noteCell(row[this.scopeIndex]);
            // Not measured, but the dataset's coverage is that of all its rows (see firstTime).
            if (this.eventIndex >= 0) {
                const time = row[this.eventIndex];
                if (typeof time === 'number') this.coverTimes(time, time);
            }
            return;
        }
        // Every row's key, in the period or not: a pause whose key no row has is reported as unknown.
        const pauseKeys = this.pauseKeys;
        for (let k = 0; k < pauseKeys.length; k++) pauseKeys[k]!.index.markSeen(row[pauseKeys[k]!.fieldIndex]);
        const scopeIds = this.scopeIds;
        const interners = this.interners;
        const slots = this.internedSlots;
        for (let i = 0; i < slots.length; i++) {
            const s = slots[i]!;
            const interner = interners[s]!;
            scopeIds[s] = interner.intern(row[interner.fieldIndex]);
        }
        // Outages are placed by their own [from, to), not by the event time.
        const outages = this.outages;
        for (let o = 0; o < outages.length; o++) {
            const collector = outages[o]!;
            if (collector.where !== undefined && collector.where(row) !== true) continue;
            const scopeId = collector.scopeSlot < 0 ? 0 : scopeIds[collector.scopeSlot]!;
            if (scopeId < 0) continue;
            collector.accept(row, scopeId, line);
        }
        // Inventories list instances whatever their time.
        for (let i = 0; i < this.inventories.length; i++) this.inventories[i]!.accept(row);
        // Deployments too: one that began before the period still counts inside it.
        for (let i = 0; i < this.deployments.length; i++) this.deployments[i]!.accept(row, line);
        if (this.eventIndex < 0) return;
        const time = row[this.eventIndex];
        if (this.otherTimeFields) {
            this.acceptByOwnTimes(row, line, time);
            return;
        }
        if (typeof time !== 'number') {
            this.withoutEventTime++;
            return;
        }
        if (time < this.firstTime) this.firstTime = time;
        if (time > this.lastTime) this.lastTime = time;
        const inPeriod = time >= this.periodStart && time < this.periodEnd;
        if (!inPeriod) {
            this.outsidePeriod++;
            if (time < this.readStart || time >= this.readEnd) return;
        }
        // Open rows are judged after the pass, when the instant the data are known to is known (outside the period: not at all).
        if (this.isOpen !== undefined && this.isOpen(row)) {
            if (inPeriod) this.openRows.push({ line, row: Array.from(row) });
            return;
        }
        const segments = this.segments;
        const locators = this.locators;
        for (let p = 0; p < locators.length; p++) segments[p] = locators[p]!.locate(time);
        const items = this.items;
        for (let i = 0; i < items.length; i++) {
            const collector = items[i]!;
            const segment = segments[collector.planIndex]!;
            if (segment >= 0) collector.accept(row, line, segment);
        }
        if (this.direct !== undefined) {
            this.direct.numbersOf(row, this.numbers);
            this.direct.offer(this.numbers, segments, this.scopeIds);
        }
        else this.offer(this.dispatch.groupsFor(row), row);
    }

    /**
     * A pass where a slice plan places rows by another timestamp than the event time: each
     * plan locates the row by its own field (a row outside the period by its event time can
     * still fall in a slice by that field); the event time keeps the dataset's bookkeeping.
     */
    private acceptByOwnTimes(row: readonly unknown[], line: number, time: unknown): void {
        const inPeriod = typeof time === 'number' && time >= this.periodStart && time < this.periodEnd;
        if (typeof time === 'number') {
            if (time < this.firstTime) this.firstTime = time;
            if (time > this.lastTime) this.lastTime = time;
            if (!inPeriod) this.outsidePeriod++;
        } else {
            this.withoutEventTime++;
        }
        if (inPeriod && this.isOpen !== undefined && this.isOpen(row)) {
            this.openRows.push({ line, row: Array.from(row) });
            return;
        }
        const segments = this.segments;
        const locators = this.locators;
        const timeIndices = this.timeIndices;
        let located = false;
        for (let p = 0; p < locators.length; p++) {
            const own = timeIndices[p] === this.eventIndex ? time : row[timeIndices[p]!];
            const ownRead = typeof own === 'number' && own >= this.readStart && own < this.readEnd;
            segments[p] = ownRead ? locators[p]!.locate(own as number) : -1;
            if (segments[p]! >= 0) located = true;
        }
        if (located) this.offer(this.dispatch.groupsFor(row), row);
    }

    private offer(routed: readonly RoutedGroup[], row: readonly unknown[]): void {
        const segments = this.segments;
        const scopeIds = this.scopeIds;
        for (let g = 0; g < routed.length; g++) {
            const { group, residual } = routed[g]!;
            const segment = segments[group.planIndex]!;
            if (segment < 0) continue;
            const scopeId = group.scopeSlot < 0 ? 0 : scopeIds[group.scopeSlot]!;
            if (scopeId < 0) continue;
            if (residual !== undefined && residual(row) !== true) continue;
            group.accept(row, segment, scopeId);
        }
    }
}
