/**
 * Evaluates a portfolio of agreements in one pass per data file: the agreements are
 * planned first, then each file is read once for every agreement whose datasets read it
 * (rows routed by client scope, see shared-dataset-pass.ts), then each agreement's report
 * is finished exactly as `evaluateAgreement` would (the same code: prepare, pass, finish).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { observeFileOpens } from '../data/file-opens.js';
import { datasetFormat } from '../data/spec.js';
import type { AgreementModel } from '../model.js';
import type { PortfolioReport } from '../report/portfolio-types.js';
import { buildPortfolioReport } from '../report/portfolio-report.js';
import { runDatasetPass, type DatasetPassOptions, type DatasetPassResult } from './dataset-pass.js';
import type { DatasetScan } from './evaluation-plan.js';
import { finishAgreement, loadPauses, prepareAgreement, type EvaluateOptions, type PreparedAgreement } from './evaluate-agreement.js';
import { runSharedDatasetPass } from './shared-dataset-pass.js';

export interface PortfolioOptions extends EvaluateOptions {
    /** Called with the path of every data file opened while the portfolio is evaluated (tests count reads with it). */
    onFileOpen?: (path: string) => void;
}

/** One data file and the scans (of one or more agreements) its single pass feeds. */
interface SharedFile {
    path: string;
    members: Array<{ agreement: number; scan: DatasetScan; scanIndex: number }>;
}

export async function evaluatePortfolio(models: readonly AgreementModel[], options: PortfolioOptions = {}): Promise<PortfolioReport> {
    const opens = new Map<string, number>();
    const stop = observeFileOpens((path) => {
        opens.set(path, (opens.get(path) ?? 0) + 1);
        options.onFileOpen?.(path);
    });
    try {
        const now = options.now ?? Date.now();
        const agreementOptions: EvaluateOptions = { ...options, now };
        const prepared = models.map((model) => prepareAgreement(model, agreementOptions));
        for (const agreement of prepared) await loadPauses(agreement, agreementOptions);
        const files = sharedFiles(prepared);
        const passes = prepared.map((agreement) => new Array<DatasetPassResult>(agreement.scans.length));
        const sizes = files.map((file) => fileSize(file.path));
        const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
        let finishedBytes = 0;
        for (const file of files) {
            const passOptions: DatasetPassOptions = { skipInvalid: options.skipInvalid ?? false, onBytes: (bytesRead) => options.onProgress?.(finishedBytes + bytesRead, totalBytes) };
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
                results = await runSharedDatasetPass(file.members.map((member) => ({ scan: member.scan, period: prepared[member.agreement]!.period })), passOptions);
            }
            file.members.forEach((member, index) => {
                passes[member.agreement]![member.scanIndex] = results[index]!;
            });
            finishedBytes += fileSize(file.path);
            options.onProgress?.(finishedBytes, totalBytes);
        }
        const reports = [];
        for (const [index, agreement] of prepared.entries()) reports.push(await finishAgreement(agreement, passes[index]!, agreementOptions));
        const dataFiles = files.map((file) => ({
            path: file.path,
            agreements: new Set(file.members.map((member) => member.agreement)).size,
            reads: opens.get(file.members[0]!.scan.spec.path) ?? 0,
            rows: passes[file.members[0]!.agreement]![file.members[0]!.scanIndex]!.rows
        }));
        return buildPortfolioReport(models, reports, { now, dataFiles, from: options.from, to: options.to });
    } finally {
        stop();
    }
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

/** What must be equal for two scans to read the same parsed rows. */
export function sharedFileKey(scan: DatasetScan): string {
    const spec = scan.spec;
    const fields = spec.fields.map(({ declaredAt: _declaredAt, ...field }) => field);
    return JSON.stringify([resolve(spec.path), datasetFormat(spec.format, spec.path), spec.timezone ?? null, fields]);
}

function fileSize(path: string): number {
    try {
        return statSync(path).size;
    } catch {
        return 0; // the pass reports the unreadable file
    }
}
