/**
 * What one read of a data file feeds: the scan and row sink of one agreement, or those of
 * every agreement of a portfolio that reads the file, behind a router that hands each row to
 * the agreements it belongs to (by client scope value). The single-thread shared pass, the
 * two-thread pass and its ranges (range-scan.ts) all read into a PassTarget.
 */
import type { TypedRowTarget } from '../data/csv-typed-record.js';
import type { FieldSpec, RowValue } from '../data/spec.js';
import type { DatasetModel } from '../model.js';
import { clientKey } from './client-scope.js';
import { lookalikeForm } from './client-lookalikes.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { DatasetScan } from './evaluation-plan.js';
import { RowSink } from './row-sink.js';
import { typedTag, type BatchReader, type BatchRouting, type RoutedTaker } from './row-batches.js';

export interface PassTarget {
    /** The file as the (first) scan declares it: every member reads it with the same fields. */
    spec: DatasetModel;
    /** The fields any member reads. */
    readFields: ReadonlySet<string>;
    members: Array<{ scan: DatasetScan; sink: RowSink }>;
    accept(row: RowValue[], line: number): void;
    /** Takes the `count` rows of the batch the reader has begun (a pipelined pass, pipelined-pass.ts); the reader's slot stays the caller's to release. */
    acceptBatch?(reader: BatchReader, count: number): void;
    /** Lets the worker of a pipelined pass group each batch's rows by client (see ClientRouter.routing). */
    routing?(): BatchRouting | undefined;
    /** Hands rows still held to their sinks (before merging a range after them, and at the end). */
    flush(): void;
}

export function singleTarget(scan: DatasetScan, sink: RowSink): PassTarget {
    return { spec: scan.spec, readFields: scan.readFields, members: [{ scan, sink }], accept: (row, line) => sink.accept(row, line), flush: () => undefined };
}

/** The members' sinks behind one router; built after the sinks, the read fields include their scope fields. */
export function sharedTarget(members: ReadonlyArray<{ scan: DatasetScan; period: EvaluationPeriod }>, signal?: AbortSignal): PassTarget {
    const router = new ClientRouter();
    const entries = members.map(({ scan, period }) => {
        const sink = new RowSink(scan, period, signal);
        router.add(scan, sink);
        return { scan, sink };
    });
    const readFields = new Set<string>();
    for (const { scan } of members) for (const name of scan.readFields) readFields.add(name);
    const spec = members[0]!.scan.spec;
    const carried = new Set(spec.fields.flatMap((field, position) => (readFields.has(field.name) ? [position] : [])));
    return {
        spec: members[0]!.scan.spec,
        readFields,
        members: entries,
        accept: (row, line) => router.accept(row, line),
        acceptBatch: (reader, count) => router.acceptBatch(reader, count),
        routing: () => router.routing(carried, spec.fields),
        flush: () => router.flush()
    };
}

/**
 * Rows of one client value waiting to be handed to its agreements' sinks. Rows are handed
 * over in batches (see ClientRouter) — each sink then works on a run of its own rows, with
 * its accumulators in cache, instead of one row per sink in turn across hundreds of sinks.
 */
interface ClientBucket {
    /** the client value */
    value: string;
    sinks: RowSink[];
    /** Row copies, reused from batch to batch (no garbage per row); the first `count` are waiting. */
    rows: RowValue[][];
    lines: number[];
    count: number;
    /** Per sink, its taker of typed rows (RowSink.typedTarget), when every sink has one (routed batches only). */
    typed?: TypedRowTarget[];
    /** Per sink, its taker of those rows by the batch, made with the first batch (undefined: row by row). */
    takers?: (RoutedTaker | undefined)[];
    /** The sinks of other clients whose value this one's only looks like (`Acme` and `acme`): its rows are their lookalikes. */
    shadows: RowSink[];
}

/** The buckets of one scope field, and how texts of no client are told from lookalikes of some (client-lookalikes.ts). */
interface ScopeFieldRoutes {
    /** its index in the row */
    index: number;
    buckets: Map<string, ClientBucket>;
    /** per lookalike form, the buckets whose value has it */
    forms: Map<string, ClientBucket[]>;
    /** per text of no client judged: the sinks it is a lookalike for (empty: none) */
    misses: Map<string, RowSink[]>;
}

/** Texts of no client a field remembers having judged; past this each is judged afresh. */
const REMEMBERED_MISSES = 10_000;

/** Rows held before the batches are handed over: bounded memory (a few MB of row copies). */
const BATCH_ROWS = 16_384;

/**
 * The first and last event time of every row the router saw, by one event-time field (its
 * position in the row), for the client-scoped sinks that place rows by it: a sink sees only
 * its client's rows, but its dataset's coverage is that of all rows (RowSink.firstTime).
 */
interface RowTimes {
    index: number;
    first: number;
    last: number;
    sinks: RowSink[];
}

/** Routes a row to the sinks of the agreements it belongs to: one map lookup per row, whatever the number of clients. */
export class ClientRouter {
    /** sinks of agreements without a client scope on the file */
    private readonly everyRow: RowSink[] = [];
    /** per event-time field of the client-scoped sinks, the times of all rows (handed to the sinks by `flush`) */
    private readonly times: RowTimes[] = [];
    /** per scope field (its index in the row), the bucket of each client value */
    private readonly byField: ScopeFieldRoutes[] = [];
    private readonly filled: ClientBucket[] = [];
    private buffered = 0;
    private readonly buckets: ClientBucket[] = [];
    add(scan: DatasetScan, sink: RowSink): void {
        const scope = scan.spec.clientScope;
        if (scope === undefined) {
            this.everyRow.push(sink);
            return;
        }
        if (scan.eventIndex >= 0) {
            let times = this.times.find((entry) => entry.index === scan.eventIndex);
            if (times === undefined) this.times.push((times = { index: scan.eventIndex, first: Infinity, last: -Infinity, sinks: [] }));
            times.sinks.push(sink);
        }
        const index = scan.context.fieldIndex.get(scope.field)!; // the sink checked it exists
        let field = this.byField.find((entry) => entry.index === index);
        if (field === undefined) this.byField.push((field = { index, buckets: new Map(), forms: new Map(), misses: new Map() }));
        let bucket = field.buckets.get(scope.value);
        if (bucket === undefined) {
            bucket = { value: scope.value, sinks: [], rows: [], lines: [], count: 0, shadows: [] };
            this.buckets.push(bucket);
            field.buckets.set(scope.value, bucket);
            const form = lookalikeForm(scope.value);
            const alike = field.forms.get(form);
            if (alike === undefined) field.forms.set(form, [bucket]);
            else {
                // Clients whose values differ only in case or spacing: each one's rows are the others' lookalikes.
                for (const other of alike) bucket.shadows.push(...other.sinks);
                alike.push(bucket);
            }
        }
        bucket.sinks.push(sink);
        for (const other of field.forms.get(lookalikeForm(scope.value))!) if (other !== bucket) other.shadows.push(sink);
    }

    /** The sinks a text of no client is a lookalike for (empty: none); judged once per text. */
    private lookalikeSinks(field: ScopeFieldRoutes, text: string): RowSink[] {
        let sinks = field.misses.get(text);
        if (sinks === undefined) {
            sinks = (field.forms.get(lookalikeForm(text)) ?? []).flatMap((bucket) => bucket.sinks);
            if (field.misses.size < REMEMBERED_MISSES) field.misses.set(text, sinks);
        }
        return sinks;
    }

    /** Rows of no client counted by the parsing thread (RowBatch.lookalikes), to the sinks of the clients they look like. */
    private noteLookalikes(counted: readonly [string, number][]): void {
        const field = this.byField[0]!; // routed by the worker: one scope field
        for (const [text, rows] of counted) for (const sink of this.lookalikeSinks(field, text)) sink.lookalikes?.add(text, rows);
    }

    /**
     * How a pipelined pass's worker can route rows for this router (row-batches.ts): when every
     * sink has a client scope on one field, that field and the client values in bucket order
     * (`fields`: the file's, whose kinds give the tags of typed rows).
     */
    routing(carried: ReadonlySet<number>, fields: readonly FieldSpec[]): BatchRouting | undefined {
        if (this.byField.length !== 1 || this.everyRow.length !== 0) return undefined;
        for (const bucket of this.buckets) {
            const typed = bucket.sinks.map((sink) => sink.typedTarget(true));
            if (typed.every((target): target is TypedRowTarget => target !== undefined && fillsEverySlot(target, carried))) bucket.typed = typed;
            else delete bucket.typed;
        }
        const typed = this.buckets.every((bucket) => bucket.typed !== undefined);
        const typedTags = [...carried].sort((a, b) => a - b).map((position) => typedTag(fields[position]!.kind));
        return { field: this.byField[0]!.index, clients: this.buckets.map((bucket) => bucket.value), typed, ...(typed ? { typedTags } : {}) };
    }

    /**
     * A batch of a pipelined pass. Routed by the worker (see `routing`): each client's rows are
     * decoded one by one straight into its sinks, in file order — no lookup, no row copies.
     * Otherwise the rows are taken one by one.
     */
    acceptBatch(reader: BatchReader, count: number): void {
        this.flush();
        const row = reader.row;
        const order = reader.order;
        if (order === undefined) {
            for (let r = 0; r < count; r++) this.accept(row, reader.decode(r));
            this.flush();
            return;
        }
        if (reader.lookalikes !== undefined) this.noteLookalikes(reader.lookalikes);
        // The batch holds every row, those of no client of the portfolio too: their times are the dataset's.
        const times = this.times;
        for (let t = 0; t < times.length; t++) {
            const entry = times[t]!;
            reader.numberRange(entry.index, count, entry);
        }
        const buckets = this.buckets;
        for (let b = 0; b < buckets.length; b++) {
            const { start, end } = reader.clientRows(b);
            if (end === start) continue;
            const bucket = buckets[b]!;
            for (const shadow of bucket.shadows) shadow.lookalikes?.add(bucket.value, end - start);
            const { sinks, typed } = bucket;
            if (typed !== undefined) {
                // Typed values straight from the batch (no row array, no boxed numbers), by the batch where the
                // sink takes batches; a row with a missing value as an array.
                const takers = (bucket.takers ??= typed.map((target) => reader.routedTaker(target)));
                for (let s = 0; s < typed.length; s++) {
                    const taker = takers[s];
                    const sink = sinks[s]!;
                    if (taker !== undefined) {
                        reader.feed(taker, start, end, (r) => sink.accept(row, reader.decode(r)));
                        continue;
                    }
                    const target = typed[s]!;
                    for (let k = start; k < end; k++) {
                        const r = order[k]!;
                        if (reader.fillTyped(r, target)) target.accept();
                        else sink.accept(row, reader.decode(r));
                    }
                }
                continue;
            }
            for (let k = start; k < end; k++) {
                const line = reader.decode(order[k]!);
                for (let s = 0; s < sinks.length; s++) sinks[s]!.accept(row, line);
            }
        }
    }

    accept(row: RowValue[], line: number): void {
        const everyRow = this.everyRow;
        for (let i = 0; i < everyRow.length; i++) everyRow[i]!.accept(row, line);
        const times = this.times;
        for (let t = 0; t < times.length; t++) {
            const entry = times[t]!;
            const time = row[entry.index];
            if (typeof time !== 'number') continue;
            if (time < entry.first) entry.first = time;
            if (time > entry.last) entry.last = time;
        }
        const byField = this.byField;
        for (let f = 0; f < byField.length; f++) {
            const field = byField[f]!;
            const cell = row[field.index];
            const key = clientKey(cell);
            if (key === null) continue;
            const bucket = field.buckets.get(key);
            if (bucket === undefined) {
                // Another client's row, or one whose value only looks like a client's: counted for that client (numbers never look alike).
                if (typeof cell === 'string') for (const sink of this.lookalikeSinks(field, cell)) sink.lookalikes?.add(cell, 1);
                continue;
            }
            for (let s = 0; s < bucket.shadows.length; s++) bucket.shadows[s]!.lookalikes?.add(key, 1);
            // The scanner reuses its row array: a bucket keeps a copy (sinks copy what they keep).
            const count = bucket.count++;
            if (count === 0) this.filled.push(bucket);
            const copy = bucket.rows[count];
            if (copy === undefined) bucket.rows.push(row.slice());
            else for (let i = 0; i < row.length; i++) copy[i] = row[i]!;
            bucket.lines[count] = line;
            if (++this.buffered >= BATCH_ROWS) this.flush();
        }
    }

    /** Hands every waiting row to its sinks (each sink gets its rows in file order), and the times of all rows seen so far. */
    flush(): void {
        for (const entry of this.times) {
            if (entry.first > entry.last) continue;
            for (const sink of entry.sinks) sink.coverTimes(entry.first, entry.last);
            // Kept by the sinks now (a range's sinks are emptied after it: pass-state.ts).
            entry.first = Infinity;
            entry.last = -Infinity;
        }
        for (const bucket of this.filled) {
            const { rows, lines, sinks, count } = bucket;
            for (let s = 0; s < sinks.length; s++) {
                const sink = sinks[s]!;
                for (let i = 0; i < count; i++) sink.accept(rows[i]!, lines[i]!);
            }
            bucket.count = 0;
        }
        this.filled.length = 0;
        this.buffered = 0;
    }
}

/** Every scope slot of a typed taker is read from one carried field (two slots on one field: not typed). */
function fillsEverySlot(target: TypedRowTarget, carried: ReadonlySet<number>): boolean {
    const filled = new Set<number>();
    target.scopeSlots.forEach((slot, position) => {
        if (slot >= 0 && carried.has(position)) filled.add(slot);
    });
    return filled.size === target.scopeIds.length;
}
