/**
 * One read of a data file shared by several agreements (a portfolio of client
 * agreements over one request log): every row is parsed once and routed to the row
 * sinks of the agreements it belongs to — by its client scope value through a map, so
 * the cost per row does not grow with the number of clients; an agreement without a
 * client scope on the file gets every row. Each agreement's accumulators end up exactly
 * as if it had read the file alone (see RowSink: a sink never sees another client's rows; the
 * router hands it the first and last event time of all rows, its dataset's coverage).
 */
import { readingPass } from '../data/file-opens.js';
import { requireUsableRows, scanDataset, type ScanResult } from '../data/index.js';
import { DEFAULT_PARALLEL_MIN_BYTES, lookalikesOf, supersededOf, worthParallel, type DatasetPassResult, type DatasetPassOptions } from './dataset-pass.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { DatasetScan } from './evaluation-plan.js';
import { parallelTargetPass } from './parallel-csv-pass.js';
import { sharedTarget } from './pass-target.js';
import { pipelinedPass } from './pipelined-pass.js';
import { ringPassHere } from './ring-pass-here.js';
import { pipelineWorthIt } from './pipeline-choice.js';

export interface SharedPassMember {
    scan: DatasetScan;
    period: EvaluationPeriod;
}

/**
 * Reads the file of `members[0]` once (all members read the same file with the same
 * fields: see `sharedFileKey`) and returns each member's pass result, in order.
 */
export async function runSharedDatasetPass(members: SharedPassMember[], options: DatasetPassOptions & { pipelined?: boolean; pipelineBatchRows?: number }): Promise<DatasetPassResult[]> {
    const signal = options.signal;
    const target = sharedTarget(members, signal);
    const spec = target.spec;
    signal?.throwIfAborted();
    const inputs = options.parallelInputs;
    // Two threads when the file is large, as for one agreement: the worker plans every member (range-scan.ts).
    const parallel = inputs?.members !== undefined && members.every(({ scan }) => worthParallel(scan, options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES));
    // Otherwise, when the file is large: parsed on the worker, routed here (pipelined-pass.ts); when it is
    // not, read here, through the batch ring as well when every sink takes typed rows (ringPassHere).
    const pipelined = !parallel && options.pipelined === true && pipelineWorthIt(spec, options.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES);
    const result: ScanResult & { threads?: number } = await readingPass(spec.path, async () => parallel
        ? await parallelTargetPass(target, members[0]!.scan.name, inputs!, { ...options, ...(options.parallelRangeBytes === undefined ? {} : { rangeBytes: options.parallelRangeBytes }) })
        : pipelined
        ? await pipelinedPass(target, { ...options, ...(options.pipelineBatchRows === undefined ? {} : { batchRows: options.pipelineBatchRows }) })
        : // Through the ring unless the caller chose the threads (sharedFileThreads: one thread then reads row arrays, as asked).
          ((options.pipelined === true ? await ringPassHere(target, { ...options, ...(options.pipelineBatchRows === undefined ? {} : { batchRows: options.pipelineBatchRows }) }) : undefined) ??
          (await scanDataset(spec, (row, line) => target.accept(row, line), {
              skipInvalid: options.skipInvalid,
              readFields: target.readFields,
              onProgress: (bytesRead: number, totalBytes: number) => {
                  signal?.throwIfAborted();
                  options.onBytes?.(bytesRead, totalBytes);
              },
              ...(options.readChunkBytes === undefined ? {} : { readChunkBytes: options.readChunkBytes })
          }))));
    target.flush();
    signal?.throwIfAborted();
    requireUsableRows(spec, result.rows, result.rejected, result.rejectedSamples[0]);
    return target.members.map(({ sink }) => ({
        rows: result.rows,
        rejected: result.rejected,
        rejectedSamples: result.rejectedSamples,
        bytes: result.bytes,
        ...supersededOf(result),
        outsidePeriod: sink.outsidePeriod,
        withoutEventTime: sink.withoutEventTime,
        // Rows routed elsewhere never reached this sink (`rows`: those that did); rows that did and were not its client's (none when routed) are added.
        otherClientRows: result.rows - sink.rows + sink.otherClientRows,
        ...lookalikesOf(sink),
        firstTime: Number.isFinite(sink.firstTime) ? sink.firstTime : null,
        lastTime: Number.isFinite(sink.lastTime) ? sink.lastTime : null,
        threads: result.threads ?? 1
    }));
}
