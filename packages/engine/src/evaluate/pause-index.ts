/**
 * The pause dataset of an `elapsed(…) excluding pauses(…)`, read once before the pass over
 * the measured rows into an index by item key: per key, its pauses merged and sorted.
 *
 * Memory is bounded: only pauses that end at or after the start of the evaluation period
 * are kept (an earlier one cannot overlap an item placed in the period), at most
 * MAX_PAUSE_INTERVALS of them (about 100 bytes each with their key); past that the
 * evaluation stops with an error asking for a shorter period. The measured dataset's pass
 * marks each key it meets, so pause rows whose key no item has are reported, not dropped.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { columnsOfPrefix } from '../data/first-record.js';
import { DataError, displayPath, quoteValue } from '../data/data-error.js';
import { MAX_REJECTED_SAMPLES, type RowReader } from '../data/scan-context.js';
import { scanDataset } from '../data/scan-dataset.js';
import { clientScopeOf, clientValueMatches } from './client-scope.js';
import { datasetLookalikes, LookalikeCounts, type DatasetLookalikes } from './client-lookalikes.js';
import { checkedFormat } from '../data/scan-dataset.js';
import { requireUsableRows } from '../data/usable-rows.js';
import type { DatasetModel, PauseJoin } from '../model.js';
import { mergePauses, type PauseList } from '../time/paused-time.js';
import type { EvaluationPeriod } from './evaluation-period.js';

/** The most pauses kept in memory for one join (about 100 MB); documented in docs/language-reference.md. */
export const MAX_PAUSE_INTERVALS = 1_000_000;

/** Pause rows whose key no row of the measured dataset has, listed this many at most. */
const MAX_UNKNOWN_SAMPLES = 10;

interface PauseEntry {
    /** flat [start, end, …]; merged after loading */
    intervals: number[];
    /** first line of a pause row with this key, for the report */
    line: number;
    rows: number;
    /** some row of the measured dataset has this key */
    seen: boolean;
}

export interface PauseLoadResult {
    rows: number;
    rejected: number;
    rejectedSamples: DataError[];
}

/** One pause dataset joined to one measured dataset by one pair of key fields. */
export class PauseIndex {
    private readonly byKey = new Map<unknown, PauseEntry>();
    /** pauses kept (ending in or after the evaluation period) */
    kept = 0;
    /** pause rows ending before the evaluation period (not kept) */
    beforePeriod = 0;
    /** pauses without an end (open until the item's end, or the instant of knowledge) */
    open = 0;
    loaded: PauseLoadResult = { rows: 0, rejected: 0, rejectedSamples: [] };
    /** Other clients' valid pause rows whose client only looks like this one (`Northwind`): they stop no clock, the report says so. */
    lookalikes: DatasetLookalikes | undefined;

    constructor(readonly join: PauseJoin, readonly spec: DatasetModel, readonly measuredDataset: string) {}

    /** The merged pauses of one item, or undefined when it has none. */
    pausesOf(key: unknown): PauseList | undefined {
        return key === null || key === undefined ? undefined : this.byKey.get(key)?.intervals;
    }

    /** A row of the measured dataset has this key (its pauses are not unknown). */
    markSeen(key: unknown): void {
        if (key === null || key === undefined) return;
        const entry = this.byKey.get(key);
        if (entry !== undefined) entry.seen = true;
    }

    /** Pause rows whose key no measured row had: their count and the first ones (by line). */
    unknownKeys(): { rows: number; samples: { key: string; line: number }[] } {
        let rows = 0;
        const samples: { key: string; line: number }[] = [];
        for (const [key, entry] of this.byKey) {
            if (entry.seen) continue;
            rows += entry.rows;
            samples.push({ key: String(key), line: entry.line });
        }
        samples.sort((a, b) => a.line - b.line);
        return { rows, samples: samples.slice(0, MAX_UNKNOWN_SAMPLES) };
    }

    /** Reads the pause dataset: keeps the pauses that can overlap an item of the period, then merges each key's pauses. */
    async load(period: EvaluationPeriod, skipInvalid: boolean, signal?: AbortSignal, rowReader?: RowReader): Promise<void> {
        const fields = this.spec.fields;
        const keyIndex = fields.findIndex((field) => field.name === this.join.key);
        const fromIndex = fields.findIndex((field) => field.name === this.join.from);
        const toIndex = fields.findIndex((field) => field.name === this.join.to);
        if (keyIndex < 0 || fromIndex < 0 || toIndex < 0) {
            const missing = keyIndex < 0 ? this.join.key : fromIndex < 0 ? this.join.from : this.join.to;
            throw new Error(`the pause dataset '${this.spec.name}' has no field '${missing}'`);
        }
        const rejectedSamples: DataError[] = [];
        let rejected = 0;
        let toColumn: number | null | undefined;
        // A shared pause file: only this client's pauses (client scope) stop its clocks.
        const scope = clientScopeOf(this.spec, new Map(fields.map((field, index) => [field.name, index])));
        const lookalikes = scope === undefined ? undefined : new LookalikeCounts(scope.value);
        const result = await scanDataset(this.spec, (row, line) => {
            const key = row[keyIndex];
            const start = row[fromIndex];
            const end = row[toIndex] ?? Infinity; // an open pause
            if (scope !== undefined && !clientValueMatches(row[scope.index], scope.value)) {
                // Another client's; a lookalike of this one is counted when it is a pause this reader would read (not one it skips or rejects).
                if (key !== null && typeof start === 'number' && typeof end === 'number' && end >= start) lookalikes!.noteCell(row[scope.index]);
                return;
            }
            if (key === null || typeof start !== 'number' || typeof end !== 'number') return; // missing values are rejected by the scanner (required fields)
            if (end < start) {
                toColumn ??= this.columnOf(this.join.to);
                const field = fields[toIndex]!;
                const error = new DataError(
                    `${displayPath(this.spec.path)}:${line}${toColumn === null ? '' : `:${toColumn}`}: invalid pause of ${quoteValue(String(key))}: it ends (${field.name}) before it starts (${this.join.from}); correct the row or remove it`,
                    { file: this.spec.path, line, column: toColumn, field: field.name, value: String(row[toIndex]) });
                if (!skipInvalid) throw error;
                rejected++;
                if (rejectedSamples.length < MAX_REJECTED_SAMPLES) rejectedSamples.push(error);
                return;
            }
            if (end < period.start) {
                this.beforePeriod++;
                return;
            }
            if (++this.kept > MAX_PAUSE_INTERVALS) {
                throw new Error(`the pause dataset '${this.spec.name}' has more than ${MAX_PAUSE_INTERVALS.toLocaleString('en')} pauses in the evaluation period: evaluate a shorter period (--from/--to)`);
            }
            if (end === Infinity) this.open++;
            let entry = this.byKey.get(key);
            if (entry === undefined) {
                entry = { intervals: [], line, rows: 0, seen: false };
                this.byKey.set(key, entry);
            }
            entry.intervals.push(start, end);
            entry.rows++;
        }, {
            skipInvalid,
            ...(rowReader === undefined ? {} : { rowReader }),
            readFields: new Set([this.join.key, this.join.from, this.join.to, ...(this.spec.clientScope === undefined ? [] : [this.spec.clientScope.field])]),
            ...(signal === undefined ? {} : { onProgress: () => signal.throwIfAborted() })
        });
        for (const entry of this.byKey.values()) entry.intervals = mergePauses(entry.intervals);
        this.lookalikes = datasetLookalikes(this.spec, lookalikes);
        this.loaded = {
            rows: result.rows - rejected,
            rejected: result.rejected + rejected,
            rejectedSamples: [...result.rejectedSamples, ...rejectedSamples].slice(0, MAX_REJECTED_SAMPLES)
        };
        requireUsableRows(this.spec, this.loaded.rows, this.loaded.rejected, this.loaded.rejectedSamples[0]);
    }

    /** The 1-based CSV column of a field (from the header), null for JSON. */
    private columnOf(fieldName: string): number | null {
        if (checkedFormat(this.spec) !== 'csv') return null;
        const column = this.spec.fields.find((field) => field.name === fieldName)?.column ?? fieldName;
        try {
            const fd = openSync(this.spec.path, 'r');
            try {
                const buffer = Buffer.alloc(64 * 1024);
                const read = readSync(fd, buffer, 0, buffer.length, 0);
                const header = columnsOfPrefix(buffer.subarray(0, read), 'csv', read < buffer.length);
                const index = header?.indexOf(column) ?? -1;
                return index < 0 ? null : index + 1;
            } finally {
                closeSync(fd);
            }
        } catch {
            return null;
        }
    }
}
