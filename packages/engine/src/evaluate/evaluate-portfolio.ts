/**
 * Evaluates a portfolio of agreements in one pass per data file: the agreements are
 * planned first, then each file is read once for every agreement whose datasets read it
 * (rows routed by client scope, see shared-dataset-pass.ts), then each agreement's report
 * is finished exactly as `evaluateAgreement` would (the same code: prepare, pass, finish).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { observeFileOpens } from '../data/file-opens.js';
import { csvSeparatorOf, datasetFormat } from '../data/spec.js';
import type { AgreementModel } from '../model.js';
import type { PortfolioReport } from '../report/portfolio-types.js';
import { buildPortfolioReport } from '../report/portfolio-report.js';
import { runDatasetPass, type DatasetPassOptions, type DatasetPassResult } from './dataset-pass.js';
import type { DatasetScan } from './evaluation-plan.js';
import { coverageOf, finishAgreement, historyOptions, prepareWithSideData, type EvaluateOptions, type PreparedAgreement } from './evaluate-agreement.js';
import { historyRequest, type WindowHistory } from './window-history.js';
import { KpiEvaluator } from './kpi-evaluator.js';
import { runSharedDatasetPass } from './shared-dataset-pass.js';
import { SharedRowFunctions } from './shared-row-functions.js';

export interface PortfolioOptions extends EvaluateOptions {
    /** Called with the path of every data file opened while the portfolio is evaluated (tests count reads with it). */
    onFileOpen?: (path: string) => void;
    /**
     * How a large file shared by several agreements is read (a file of at least
     * `parallelMinBytes`, with scan workers enabled). By default the scan worker parses it and
     * this thread routes the rows to the agreements (pipelined-pass.ts): two threads, one plan,
     * the memory of one pass. With 1, this thread does both. With 2, the command and a worker
     * read byte ranges of it, each range into every agreement's accumulators (each thread plans
     * every agreement: more CPU and memory; measured with 400 agreements over 10M rows: peak
     * RSS about 660 MB against 377 MB on one thread). A file read by one agreement follows
     * `parallelMinBytes` as in `evaluateAgreement`.
     */
    sharedFileThreads?: 1 | 2;
    /** Rows per batch the worker of a pipelined pass hands over (default 32,768; tests use small ones). */
    pipelineBatchRows?: number;
}

/** One data file and the scans (of one or more agreements) its single pass feeds. */
interface SharedFile {
    path: string;
    members: Array<{ agreement: number; scan: DatasetScan; scanIndex: number }>;
}

export async function evaluatePortfolio(models: readonly AgreementModel[], options: PortfolioOptions = {}): Promise<PortfolioReport> {
    // Reads per file: one per pass (a pass on two threads opens the file once per range it
    // hands out, yet reads it once), plus every open outside the passes (pause lists,
    // per-item credit lists), counted where the data layer opens files — those of the
    // evaluations made apart too (fees of previous periods, the windows before the period
    // that improved targets are computed from).
    const reads = new Map<string, number>();
    const stop = observeFileOpens((path, kind) => {
        if (kind !== 'in pass') reads.set(path, (reads.get(path) ?? 0) + 1);
        if (kind !== 'pass') options.onFileOpen?.(path);
    });
    try {
        const now = options.now ?? Date.now();
        const agreementOptions: EvaluateOptions = { ...options, now };
        // One compiled filter per (row layout, expression) for all agreements: see shared-row-functions.ts.
        const shared = new SharedRowFunctions();
        const prepared: PreparedAgreement[] = [];
        for (const model of models) prepared.push(await prepareWithSideData(model, agreementOptions, shared));
        const { files, passes } = await sharedPasses(prepared, options, options.onProgress);
        // Improved yearly, evaluated from a later day: the windows before the period, for every
        // agreement that needs them, in one pass per file too (window-history.ts).
        const histories = await portfolioHistories(prepared, passes, agreementOptions, shared);
        // One line per file: datasets declaring one file with other fields have passes of their own, but it is one file, read `reads` times.
        const byPath = new Map<string, { path: string; readAs: string; agreements: Set<number>; rows: number; threads: number | undefined }>();
        for (const file of files) {
            const pass = passes[file.members[0]!.agreement]![file.members[0]!.scanIndex]!;
            const facts = byPath.get(file.path) ?? { path: file.path, readAs: file.members[0]!.scan.spec.path, agreements: new Set<number>(), rows: pass.rows, threads: pass.threads };
            for (const member of file.members) facts.agreements.add(member.agreement);
            if (pass.threads !== undefined) facts.threads = Math.max(facts.threads ?? 0, pass.threads);
            byPath.set(file.path, facts);
        }
        const fileFacts = [...byPath.values()].map((facts) => ({ ...facts, agreements: facts.agreements.size }));
        // Each agreement's accumulators (kept values: most of the memory of a large pass) are
        // let go as soon as its report is made, so the reports grow as they shrink.
        files.length = 0;
        const pending: (PreparedAgreement | undefined)[] = prepared.splice(0);
        const reports = [];
        for (let index = 0; index < pending.length; index++) {
            const agreement = pending[index]!;
            pending[index] = undefined;
            reports.push(await finishAgreement(agreement, passes[index]!, agreementOptions, { history: histories[index] }));
            histories[index] = undefined;
        }
        // Counted once every report is made: some read a file again (see above).
        const dataFiles = fileFacts.map(({ path, readAs, agreements, rows, threads }) => ({ path, agreements, reads: reads.get(readAs) ?? 0, rows, threads }));
        return buildPortfolioReport(models, reports, { now, dataFiles, from: options.from, to: options.to });
    } finally {
        stop();
    }
}

/**
 * One pass per file for all the prepared agreements that read it (sharedFiles): on this thread
 * and a worker when large, routed to each agreement's scans. `passes[a][s]` is agreement a's scan s.
 */
async function sharedPasses(prepared: readonly PreparedAgreement[], options: PortfolioOptions, onProgress: EvaluateOptions['onProgress']): Promise<{ files: SharedFile[]; passes: DatasetPassResult[][] }> {
    const files = sharedFiles(prepared);
    const passes = prepared.map((agreement) => new Array<DatasetPassResult>(agreement.scans.length));
    const sizes = files.map((file) => fileSize(file.path));
    const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
    let finishedBytes = 0;
    for (const file of files) {
        const passOptions: DatasetPassOptions = { skipInvalid: options.skipInvalid ?? false, onBytes: (bytesRead) => onProgress?.(finishedBytes + bytesRead, totalBytes) };
        if (options.signal !== undefined) passOptions.signal = options.signal;
        if (options.readChunkBytes !== undefined) passOptions.readChunkBytes = options.readChunkBytes;
        if (options.parallelMinBytes !== undefined) passOptions.parallelMinBytes = options.parallelMinBytes;
        if (options.parallelRangeBytes !== undefined) passOptions.parallelRangeBytes = options.parallelRangeBytes;
        let results: DatasetPassResult[];
        if (file.members.length === 1) {
            // One agreement reads this file: its own pass (on two threads when large).
            const only = file.members[0]!;
            const agreement = prepared[only.agreement]!;
            passOptions.parallelInputs = { model: agreement.model, period: agreement.period, dataOverrides: options.dataOverrides };
            results = [await runDatasetPass(only.scan, agreement.period, passOptions)];
        } else {
            const first = prepared[file.members[0]!.agreement]!;
            if (options.sharedFileThreads === 2) passOptions.parallelInputs = {
                model: first.model,
                period: first.period,
                dataOverrides: options.dataOverrides,
                members: file.members.map((member) => ({ model: prepared[member.agreement]!.model, period: prepared[member.agreement]!.period, dataset: member.scan.name }))
            };
            results = await runSharedDatasetPass(
                file.members.map((member) => ({ scan: member.scan, period: prepared[member.agreement]!.period })),
                { ...passOptions, pipelined: options.sharedFileThreads === undefined, ...(options.pipelineBatchRows === undefined ? {} : { pipelineBatchRows: options.pipelineBatchRows }) }
            );
        }
        file.members.forEach((member, index) => {
            passes[member.agreement]![member.scanIndex] = results[index]!;
        });
        finishedBytes += fileSize(file.path);
        onProgress?.(finishedBytes, totalBytes);
    }
    return { files, passes };
}

/**
 * The histories of the agreements that need one (historyRequest), read together: one pass per
 * file for all of them, each measured with its own evaluation's data coverage. `undefined` where
 * none is asked for.
 */
async function portfolioHistories(prepared: readonly PreparedAgreement[], passes: DatasetPassResult[][], options: EvaluateOptions, shared: SharedRowFunctions): Promise<(WindowHistory | undefined)[]> {
    const histories = new Array<WindowHistory | undefined>(prepared.length).fill(undefined);
    const asked: Array<{ index: number; history: PreparedAgreement }> = [];
    for (const [index, agreement] of prepared.entries()) {
        const request = historyRequest(agreement.model, agreement.period);
        if (request !== undefined) asked.push({ index, history: await prepareWithSideData(request.model, historyOptions(request, options), shared) });
    }
    if (asked.length === 0) return histories;
    // The passes fill each history's plan; its evaluator reads them.
    await sharedPasses(asked.map(({ history }) => history), options, undefined);
    asked.forEach(({ index, history }) => {
        const coverage = coverageOf(prepared[index]!, passes[index]!, options);
        histories[index] = { period: history.period, plan: history.plan, evaluator: new KpiEvaluator(history.plan, history.model, history.period, coverage), model: history.model };
    });
    return histories;
}

/**
 * The scans of all agreements grouped by the file they read: the same path read with the
 * same fields (names, columns, types), format and time zone is read once. Scans that read
 * the same path differently (another field list) get a pass of their own.
 */
function sharedFiles(prepared: readonly PreparedAgreement[]): SharedFile[] {
    const files = new Map<string, SharedFile>();
    prepared.forEach((agreement, agreementIndex) => {
        agreement.scans.forEach((scan, scanIndex) => {
            const key = sharedFileKey(scan);
            let file = files.get(key);
            if (file === undefined) files.set(key, (file = { path: scan.spec.path, members: [] }));
            file.members.push({ agreement: agreementIndex, scan, scanIndex });
        });
    });
    return [...files.values()];
}

/**
 * What must be equal for two scans to read the same parsed rows: the file, its format, zone and
 * fields, how a CSV file is written (separator, decimal mark, encoding), and the timestamps each row
 * must have in order — two agreements that read one file differently (one of them wrongly) each
 * read it their way, and each hears of its errors.
 */
export function sharedFileKey(scan: DatasetScan): string {
    const spec = scan.spec;
    const fields = spec.fields.map(({ declaredAt: _declaredAt, ...field }) => field);
    const spelling = [csvSeparatorOf(spec), spec.decimalComma === true, spec.encoding ?? 'utf-8'];
    // The rows a scan rejects as out of order (elapsed(…) it measures) too: a shared pass rejects them for every member.
    return JSON.stringify([resolve(spec.path), datasetFormat(spec.format, spec.path), spec.timezone ?? null, fields, spelling, spec.orderedTimes ?? []]);
}

function fileSize(path: string): number {
    try {
        return statSync(path).size;
    } catch {
        return 0; // the pass reports the unreadable file
    }
}
