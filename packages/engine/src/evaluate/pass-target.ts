/**
 * What one read of a data file feeds: the scan and row sink of one agreement, or those of
 * every agreement of a portfolio that reads the file, behind a router that hands each row to
 * the agreements it belongs to (by client scope value). The single-thread shared pass, the
 * two-thread pass and its ranges (range-scan.ts) all read into a PassTarget.
 */
import type { RowValue } from '../data/spec.js';
import type { DatasetModel } from '../model.js';
import { clientKey } from './client-scope.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { DatasetScan } from './evaluation-plan.js';
import { RowSink } from './row-sink.js';
import type { BatchReader } from './row-batches.js';

export interface PassTarget {
    /** The file as the (first) scan declares it: every member reads it with the same fields. */
    spec: DatasetModel;
    /** The fields any member reads. */
    readFields: ReadonlySet<string>;
    members: Array<{ scan: DatasetScan; sink: RowSink }>;
    accept(row: RowValue[], line: number): void;
    /** Takes the `count` rows of the batch the reader has begun (a pipelined pass, pipelined-pass.ts); the reader's slot stays the caller's to release. */
    acceptBatch?(reader: BatchReader, count: number): void;
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
    return {
        spec: members[0]!.scan.spec,
        readFields,
        members: entries,
        accept: (row, line) => router.accept(row, line),
        acceptBatch: (reader, count) => router.acceptBatch(reader, count),
        flush: () => router.flush()
    };
}

/**
 * Rows of one client value waiting to be handed to its agreements' sinks. Rows are handed
 * over in batches (see ClientRouter) — each sink then works on a run of its own rows, with
 * its accumulators in cache, instead of one row per sink in turn across hundreds of sinks.
 */
interface ClientBucket {
    /** its position in the router's list of buckets */
    ordinal: number;
    sinks: RowSink[];
    /** Row copies, reused from batch to batch (no garbage per row); the first `count` are waiting. */
    rows: RowValue[][];
    lines: number[];
    count: number;
}

/** Rows held before the batches are handed over: bounded memory (a few MB of row copies). */
const BATCH_ROWS = 16_384;

/** Routes a row to the sinks of the agreements it belongs to: one map lookup per row, whatever the number of clients. */
export class ClientRouter {
    /** sinks of agreements without a client scope on the file */
    private readonly everyRow: RowSink[] = [];
    /** per scope field (its index in the row), the bucket of each client value */
    private readonly byField: Array<{ index: number; buckets: Map<string, ClientBucket> }> = [];
    private readonly filled: ClientBucket[] = [];
    private buffered = 0;
    private readonly buckets: ClientBucket[] = [];
    /** For the batches of one pipelined pass: per dictionary id of a text, its bucket (null: no client's), filled as texts come. */
    private bucketOfText: (ClientBucket | null | undefined)[] = [];
    private textsOf: BatchReader | undefined;
    /** per bucket, its rows' count then start in `order` (acceptBatch) */
    private counts = new Int32Array(0);
    private ordinals = new Int32Array(0);
    private order = new Int32Array(0);

    add(scan: DatasetScan, sink: RowSink): void {
        const scope = scan.spec.clientScope;
        if (scope === undefined) {
            this.everyRow.push(sink);
            return;
        }
        const index = scan.context.fieldIndex.get(scope.field)!; // the sink checked it exists
        let field = this.byField.find((entry) => entry.index === index);
        if (field === undefined) this.byField.push((field = { index, buckets: new Map() }));
        const bucket = field.buckets.get(scope.value);
        if (bucket === undefined) {
            const created: ClientBucket = { ordinal: this.buckets.length, sinks: [sink], rows: [], lines: [], count: 0 };
            this.buckets.push(created);
            field.buckets.set(scope.value, created);
        } else bucket.sinks.push(sink);
    }

    /**
     * A batch of a pipelined pass: each row's client is found from the dictionary id of its
     * scope text (one array read per row), the rows are ordered by client (a counting sort of
     * their positions), and each client's rows are decoded one by one straight into its sinks,
     * in file order — no row copies. Other layouts (agreements without a client scope, several
     * scope fields) take the rows one by one.
     */
    acceptBatch(reader: BatchReader, count: number): void {
        this.flush();
        const column = this.byField.length === 1 && this.everyRow.length === 0 ? reader.columnOf(this.byField[0]!.index) : -1;
        if (column < 0) {
            for (let r = 0; r < count; r++) this.accept(reader.row, reader.decode(r));
            this.flush();
            return;
        }
        const field = this.byField[0]!;
        if (this.textsOf !== reader) {
            this.textsOf = reader;
            this.bucketOfText = [];
        }
        const bucketOfText = this.bucketOfText;
        const buckets = this.buckets;
        if (this.counts.length < buckets.length + 1) this.counts = new Int32Array(buckets.length + 1);
        if (this.ordinals.length < count) {
            this.ordinals = new Int32Array(count);
            this.order = new Int32Array(count);
        }
        const counts = this.counts.fill(0);
        const ordinals = this.ordinals;
        const order = this.order;
        for (let r = 0; r < count; r++) {
            const id = reader.textId(r, column);
            let bucket: ClientBucket | null | undefined;
            if (id >= 0) {
                bucket = bucketOfText[id];
                if (bucket === undefined) bucketOfText[id] = bucket = field.buckets.get(reader.text(id)) ?? null;
            } else {
                // Not a text (a number, a boolean, missing): by its key, as `accept` does.
                reader.decode(r);
                const key = clientKey(reader.row[field.index]);
                bucket = key === null ? null : field.buckets.get(key) ?? null;
            }
            const ordinal = bucket === null ? -1 : bucket.ordinal;
            ordinals[r] = ordinal;
            if (ordinal >= 0) counts[ordinal + 1]!++;
        }
        // counts[b] becomes the start of bucket b's rows in `order`.
        for (let b = 1; b <= buckets.length; b++) counts[b]! += counts[b - 1]!;
        for (let r = 0; r < count; r++) {
            const ordinal = ordinals[r]!;
            if (ordinal >= 0) order[counts[ordinal]!++] = r;
        }
        // Now counts[b] is the end of bucket b's rows (and the start of b + 1's).
        const row = reader.row;
        let start = 0;
        for (let b = 0; b < buckets.length; b++) {
            const end = counts[b]!;
            if (end === start) continue;
            const sinks = buckets[b]!.sinks;
            for (let k = start; k < end; k++) {
                const line = reader.decode(order[k]!);
                for (let s = 0; s < sinks.length; s++) sinks[s]!.accept(row, line);
            }
            start = end;
        }
    }

    accept(row: RowValue[], line: number): void {
        const everyRow = this.everyRow;
        for (let i = 0; i < everyRow.length; i++) everyRow[i]!.accept(row, line);
        const byField = this.byField;
        for (let f = 0; f < byField.length; f++) {
            const field = byField[f]!;
            const key = clientKey(row[field.index]);
            if (key === null) continue;
            const bucket = field.buckets.get(key);
            if (bucket === undefined) continue;
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

    /** Hands every waiting row to its sinks (each sink gets its rows in file order). */
    flush(): void {
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
