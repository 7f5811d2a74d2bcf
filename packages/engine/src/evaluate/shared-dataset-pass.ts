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

/** Routes a row to the sinks of the agreements it belongs to. */
class ClientRouter {
    /** sinks of agreements without a client scope on the file */
    private readonly everyRow: RowSink[] = [];
    /** per scope field (its index in the row), the sinks of each client value */
    private readonly byField: Array<{ index: number; sinks: Map<string, RowSink[]> }> = [];

    add(scan: DatasetScan, sink: RowSink): void {
        const scope = scan.spec.clientScope;
        if (scope === undefined) {
            this.everyRow.push(sink);
            return;
        }
        const index = scan.context.fieldIndex.get(scope.field)!; // the sink checked it exists
        let field = this.byField.find((entry) => entry.index === index);
        if (field === undefined) this.byField.push((field = { index, sinks: new Map() }));
        const list = field.sinks.get(scope.value);
        if (list === undefined) field.sinks.set(scope.value, [sink]);
        else list.push(sink);
    }

    accept(row: RowValue[], line: number): void {
        const everyRow = this.everyRow;
        for (let i = 0; i < everyRow.length; i++) everyRow[i]!.accept(row, line);
        const byField = this.byField;
        for (let f = 0; f < byField.length; f++) {
            const field = byField[f]!;
            const key = clientKey(row[field.index]);
            if (key === null) continue;
            const sinks = field.sinks.get(key);
            if (sinks === undefined) continue;
            for (let i = 0; i < sinks.length; i++) sinks[i]!.accept(row, line);
        }
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
