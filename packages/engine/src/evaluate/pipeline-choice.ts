import { statSync } from 'node:fs';
import { checkedFormat } from '../data/scan-dataset.js';
import type { DatasetModel } from '../model.js';
import { scanWorkersEnabled } from './scan-workers.js';

/**
 * A file worth a pipelined pass (pipelined-pass.ts): read by the file scanners (CSV, NDJSON,
 * JSON), at least `minBytes` long, with scan workers enabled. Below that, starting the
 * worker costs more than it saves.
 */
export function pipelineWorthIt(spec: DatasetModel, minBytes: number): boolean {
    if (!scanWorkersEnabled()) return false;
    try {
        if (checkedFormat(spec) === 'parquet') return false;
        return statSync(spec.path).size >= minBytes;
    } catch {
        return false; // the single pass reports the unreadable file or unknown format
    }
}
