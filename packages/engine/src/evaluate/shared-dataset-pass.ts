/**
 * One read of a data file shared by several agreements (a portfolio of client
 * agreements over one request log): every row is parsed once and routed to the row
 * sinks of the agreements it belongs to — by its client scope value through a map, so
 * the cost per row does not grow with the number of clients; an agreement without a
 * client scope on the file gets every row. Each agreement's accumulators end up exactly
 * as if it had read the file alone (see RowSink: a sink never sees another client's rows).
 */
import { requireUsableRows, scanDataset } from '../data/index.js';
import type { RowValue } from '../data/spec.js';
import { clientKey } from './client-scope.js';
import type { DatasetPassResult, DatasetPassOptions } from './dataset-pass.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { DatasetScan } from './evaluation-plan.js';
import { RowSink } from './row-sink.js';

export interface SharedPassMember {
    scan: DatasetScan;
    period: EvaluationPeriod;
}

/**
 * Rows of one client value waiting to be handed to its agreements' sinks. Rows are handed
 * over in batches (see ClientRouter) — each sink then works on a run of its own rows, with
 * its accumulators in cache, instead of one row per sink in turn across hundreds of sinks.
 */
interface ClientBucket {
    sinks: RowSink[];
    /** Row copies, reused from batch to batch (no garbage per row); the first `count` are waiting. */
    rows: RowValue[][];
    lines: number[];
    count: number;
}

/** Rows held before the batches are handed over: bounded memory (a few MB of row copies). */
const BATCH_ROWS = 16_384;

/** Routes a row to the sinks of the agreements it belongs to. */
class ClientRouter {
    /** sinks of agreements without a client scope on the file */
    private readonly everyRow: RowSink[] = [];
    /** per scope field (its index in the row), the bucket of each client value */
    private readonly byField: Array<{ index: number; buckets: Map<string, ClientBucket> }> = [];
    private readonly filled: ClientBucket[] = [];
    private buffered = 0;

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
        if (bucket === undefined) field.buckets.set(scope.value, { sinks: [sink], rows: [], lines: [], count: 0 });
        else bucket.sinks.push(sink);
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

/**
 * Reads the file of `members[0]` once (all members read the same file with the same
 * fields: see `sharedFileKey`) and returns each member's pass result, in order.
 */
export async function runSharedDatasetPass(members: SharedPassMember[], options: DatasetPassOptions): Promise<DatasetPassResult[]> {
    const signal = options.signal;
    const router = new ClientRouter();
    const sinks = members.map(({ scan, period }) => {
        const sink = new RowSink(scan, period, signal);
        router.add(scan, sink);
        return sink;
    });
    // Built after the sinks: a sink notes the scope field as read.
    const readFields = new Set<string>();
    for (const { scan } of members) for (const name of scan.readFields) readFields.add(name);
    const spec = members[0]!.scan.spec;
    signal?.throwIfAborted();
    const result = await scanDataset(spec, (row, line) => router.accept(row, line), {
        skipInvalid: options.skipInvalid,
        readFields,
        onProgress: (bytesRead: number, totalBytes: number) => {
            signal?.throwIfAborted();
            options.onBytes?.(bytesRead, totalBytes);
        },
        ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
    });
    router.flush();
    signal?.throwIfAborted();
    requireUsableRows(spec, result.rows, result.rejected, result.rejectedSamples[0]);
    return sinks.map((sink) => ({
        rows: result.rows,
        rejected: result.rejected,
        rejectedSamples: result.rejectedSamples,
        bytes: result.bytes,
        outsidePeriod: sink.outsidePeriod,
        // Rows routed elsewhere never reached this sink; those that did and were not its client's (none when routed) are added.
        otherClientRows: result.rows - sink.rows + sink.otherClientRows,
        firstTime: Number.isFinite(sink.firstTime) ? sink.firstTime : null,
        lastTime: Number.isFinite(sink.lastTime) ? sink.lastTime : null,
        threads: 1
    }));
}
