/**
 * The typed CSV reader with its common records read by the WebAssembly kernel
 * (wasm/typed-csv.ts, lent by typed-csv-wasm.ts): the kernel converts a run of records into
 * rows of doubles in its memory, and this reader hands each row to the target as the JS reader
 * does (`numbers`, `scopeIds`, `accept()`). Where the kernel stops, JS takes over for one
 * record: a text the kernel has not seen is interned here exactly as the JS reader interns it
 * (the field's interner, then `target.scopeId`) and its id taught to the kernel, which reads
 * the record again; any other record the kernel does not read goes to the JS reader's
 * `readOne`, and a record that one does not read either ends the run (the general path reads
 * it). The kernel reads no record the JS reader would not, and gives the same values, so the
 * rows are the JS reader's whichever reads them.
 *
 * Measured reason (README, bench:engine): the JS reader's per-record conversion was the
 * largest share of a 10M-row scan on each thread.
 */
import { Action, TypedRecordReader, type TypedRowTarget } from './csv-typed-record.js';
import { KERNEL_MAX_COLUMNS, KernelStop, type TypedCsvKernel } from './typed-csv-wasm.js';

/** Records the kernel read in this thread (tests tell by it that the kernel did the reading). */
let kernelRecords = 0;

export function recordsReadByKernel(): number {
    return kernelRecords;
}

/** Records the kernel handed over by the batch (TypedRowTarget.batchTaker) in this thread. */
let batchedRecords = 0;

export function recordsHandedByBatch(): number {
    return batchedRecords;
}

export class KernelRecordReader {
    /** per output value: the field (numbers) it goes to, then per scope value its slot */
    private readonly numberFields: Int32Array;
    private readonly scopeSlots: Int32Array;
    private misses = 0;
    private hits = 0;
    enabled = true;
    /** records read by the last readRun */
    count = 0;

    /** The target's taker of whole output batches (TypedRowTarget.batchTaker), when it has one for this layout. */
    private readonly batch: ((rows: Float64Array, count: number) => void) | undefined;
    /** per pair of timestamps that must be in order (TypedRecordReader.orderedStarts/Ends), the output columns of its start and end */
    private readonly orderedStartColumns: Int32Array;
    private readonly orderedEndColumns: Int32Array;

    private constructor(private readonly kernel: TypedCsvKernel, private readonly js: TypedRecordReader, numberFields: number[], scopeSlots: number[]) {
        this.numberFields = Int32Array.from(numberFields);
        this.scopeSlots = Int32Array.from(scopeSlots);
        this.batch = js.target.batchTaker?.(this.numberFields, this.scopeSlots);
        this.orderedStartColumns = Int32Array.from(js.orderedStarts, (field) => numberFields.indexOf(field));
        this.orderedEndColumns = Int32Array.from(js.orderedEnds, (field) => numberFields.indexOf(field));
    }

    /** The kernel set up for the JS reader's columns, or undefined when the header is too wide for it. */
    static create(kernel: TypedCsvKernel, js: TypedRecordReader): KernelRecordReader | undefined {
        const width = js.actions.length;
        if (width > KERNEL_MAX_COLUMNS) return undefined;
        const numberFields: number[] = [];
        const scopeSlots: number[] = [];
        const outputs = new Int32Array(width).fill(-1);
        for (let c = 0; c < width; c++) {
            const action = js.actions[c]!;
            if (action === Action.Timestamp || action === Action.Number || action === Action.Flag) {
                outputs[c] = numberFields.length;
                numberFields.push(js.targets[c]!);
            }
        }
        for (let c = 0; c < width; c++) {
            if (js.actions[c] === Action.Scope) {
                outputs[c] = numberFields.length + scopeSlots.length;
                scopeSlots.push(js.targets[c]!);
            }
        }
        // A skipped column's kind: whether a field reads it (its empty cell is then the general path's).
        const kinds = Int32Array.from(js.actions, (action, c) => (action === Action.Skip ? js.declared[c]! : js.kinds[c]!));
        // A Flag column is, to the kernel, a Scope column whose output is its field's number: the value
        // (1 or 0) it is taught for each spelling (learn, through the JS reader's textId).
        const actions = Int32Array.from(js.actions, (action) => (action === Action.Flag ? Action.Scope : action));
        // A pair of timestamps to keep in order whose fields are not both output (never expected: the kernel outputs every timestamp): the JS reader checks it.
        const output = (field: number): boolean => numberFields.includes(field);
        if (!js.orderedStarts.every(output) || !js.orderedEnds.every(output)) return undefined;
        kernel.configure(actions, outputs, kinds, js.shifts, js.multipliers, js.mins, js.maxs, numberFields.length + scopeSlots.length);
        return new KernelRecordReader(kernel, js, numberFields, scopeSlots);
    }

    /**
     * As TypedRecordReader.readRun: reads the records from `pos` that start before `stop`, handing
     * each to the target, up to the first that is not common (or cut by `limit`); returns where
     * that one starts. Bytes that are not the kernel's memory (a buffer grown for a long record)
     * are read by the JS reader.
     */
    readRun(bytes: Buffer, pos: number, limit: number, stop: number): number {
        const kernel = this.kernel;
        if (bytes.buffer !== kernel.memory) {
            // Counted here as the JS reader counts (whether to stop trying is decided on the whole scan's counts).
            pos = this.js.readRun(bytes, pos, limit, stop);
            this.count = this.js.count;
            if (pos < limit && pos < stop) this.missed(this.count);
            this.hits += this.count;
            return pos;
        }
        const run = kernel.exports.run;
        const state = kernel.state;
        const base = bytes.byteOffset;
        const end = base + limit;
        const last = base + Math.min(limit, stop);
        let count = 0;
        /** the last miss taught to the kernel: a second miss of the same cell is the JS reader's (no endless loop) */
        let missedAt = -1, missedColumn = -1;
        while (pos < limit && pos < stop) {
            const next = run(base + pos, end, last) - base;
            const rows = state[0]!;
            // A record with an end before its start ends the run where it starts: the general path rejects the row.
            const outOfOrder = this.firstOutOfOrder(rows);
            const handed = outOfOrder < 0 ? rows : outOfOrder;
            if (handed > 0) {
                this.hand(handed);
                count += handed;
                kernelRecords += handed;
            }
            if (outOfOrder >= 0) {
                pos = recordStart(bytes, pos, outOfOrder);
                break;
            }
            pos = next;
            const why = state[1]!;
            if (why === KernelStop.Full) continue;
            if (why === KernelStop.Bounds) break;
            // A text not seen yet: learnt, and the record read again (once: a second miss there is the JS reader's).
            if (why === KernelStop.Miss && !(missedAt === pos && missedColumn === state[2]) && this.learn(bytes, base)) {
                missedAt = pos;
                missedColumn = state[2]!;
                continue;
            }
            const after = this.js.readOne(bytes, pos, limit);
            if (after < 0) {
                this.missed(count);
                break;
            }
            count++;
            pos = after;
        }
        this.hits += count;
        this.count = count;
        return pos;
    }

    /** The first of the kernel's `rows` output rows with a pair of timestamps out of order (one comparison per pair and row), or -1. */
    private firstOutOfOrder(rows: number): number {
        const ends = this.orderedEndColumns;
        if (ends.length === 0) return -1;
        const starts = this.orderedStartColumns;
        const out = this.kernel.out;
        const stride = this.numberFields.length + this.scopeSlots.length;
        for (let r = 0, at = 0; r < rows; r++, at += stride) {
            for (let p = 0; p < ends.length; p++) if (out[at + ends[p]!]! < out[at + starts[p]!]!) return r;
        }
        return -1;
    }

    /** A run ended on a record that is not common: mostly such misses (naive timestamps, quoted cells…), stop trying, as the JS reader does. */
    private missed(count: number): void {
        if (++this.misses > 1000 && this.misses > (this.hits + count) / 8) this.enabled = false;
    }

    /** Hands the kernel's first `rows` output rows to the target: as one batch when it takes batches, else one accept() each. */
    private hand(rows: number): void {
        const batch = this.batch;
        if (batch !== undefined) {
            batch(this.kernel.out, rows);
            batchedRecords += rows;
            return;
        }
        const target: TypedRowTarget = this.js.target;
        const numbers = target.numbers;
        const scopeIds = target.scopeIds;
        const numberFields = this.numberFields;
        const scopeSlots = this.scopeSlots;
        const n = numberFields.length;
        const stride = n + scopeSlots.length;
        const out = this.kernel.out;
        for (let r = 0, at = 0; r < rows; r++, at += stride) {
            for (let j = 0; j < n; j++) numbers[numberFields[j]!] = out[at + j]!;
            for (let j = 0; j < scopeSlots.length; j++) scopeIds[scopeSlots[j]!] = out[at + n + j]!;
            target.accept();
        }
    }

    /** The missed text's id, as the JS reader finds it, taught to the kernel; false when it has none (not UTF-8, no id). */
    private learn(bytes: Buffer, base: number): boolean {
        const state = this.kernel.state;
        const column = state[2]!, start = state[3]! - base, end = state[4]! - base, hash = state[5]!;
        // A Member column's cell (only checked) is taught with id 0: any id marks it known.
        const id = this.js.textId(column, bytes, start, end, hash);
        if (id < 0) return false;
        this.kernel.exports.learn(column, base + start, base + end, hash, id);
        return true;
    }
}

/** Where record `index` of a run that starts at `pos` starts: the kernel reads records of one line each, ended by a line feed. */
function recordStart(bytes: Buffer, pos: number, index: number): number {
    for (let r = 0; r < index; r++) pos = bytes.indexOf(0x0a, pos) + 1;
    return pos;
}
