/**
 * The WebAssembly kernel of the typed CSV reader (packages/engine/wasm/typed-csv.ts, built into
 * out/data/typed-csv.wasm): its module, compiled once per thread, and instances lent to CSV
 * scans. Each instance has a memory of its own, and the scan reads its file into that memory
 * (ChunkedFile's buffer is a view of it), so the kernel reads the bytes where they lie, with no
 * copy. The memory is made with room for a whole chunk and grows only for a larger read size,
 * and then only while no view of it is handed out: growing detaches every view (and, once any
 * buffer of a thread was detached, V8 checks every typed array access of that thread: ≈ 6 % of
 * an evaluation's CPU).
 *
 * There is no kernel — the JS reader reads every record, as before — where WebAssembly is not
 * available, the .wasm file is not found (beside this module, or beside a bundle that includes
 * it), or the environment variable SLA_CSV_KERNEL is `js` (for A/B measurements and tests;
 * `useTypedCsvKernel(false)` does the same within one thread).
 */
import { readFileSync } from 'node:fs';
import { CHUNK_BYTES } from './chunked-file.js';

// Node has WebAssembly; the project's lib (ES2023, without the DOM's) does not declare it.
declare namespace WebAssembly {
    class Module {
        constructor(bytes: Uint8Array);
    }
    class Instance {
        constructor(module: Module, imports: object);
        readonly exports: object;
    }
    class Memory {
        constructor(descriptor: { initial: number });
        readonly buffer: ArrayBuffer;
        grow(pages: number): number;
    }
}

/** The kernel's exports (see wasm/typed-csv.ts; its memory is given to it, env.memory). */
interface KernelExports {
    configure(columns: number, columnTableAt: number, powersAt: number, outAt: number, stride: number, capacity: number, stateAt: number): void;
    clearScopes(tableAt: number, slots: number, arenaAt: number, bytes: number): void;
    run(pos: number, limit: number, stop: number): number;
    learn(column: number, start: number, end: number, hash: number, id: number): void;
}

/** Why the kernel's `run` returned (state[1]). */
export const KernelStop = { Bounds: 0, Full: 1, Record: 2, Miss: 3 } as const;

const PAGE = 65536;
/** Where the regions lie in an instance's memory (the module's own data fits in the first page). */
const STATE_AT = PAGE;
const STATE_BYTES = 64;
const POWERS_AT = STATE_AT + STATE_BYTES;
const COLUMNS_AT = POWERS_AT + 512; // 23 f64 powers of ten, then 10^0…10^19 as u64
/** The widest header the kernel reads (40 bytes a column); a wider file is read by the JS reader. */
export const KERNEL_MAX_COLUMNS = 4096;
export const COLUMN_ENTRY_BYTES = 40;
const TABLE_AT = COLUMNS_AT + KERNEL_MAX_COLUMNS * COLUMN_ENTRY_BYTES;
/** Scope table: 8192 slots of 16 bytes, at most half of them used before it is emptied. */
const TABLE_SLOTS = 8192;
const ARENA_AT = TABLE_AT + TABLE_SLOTS * 16;
const ARENA_BYTES = 256 * 1024;
const OUT_AT = ARENA_AT + ARENA_BYTES;
const OUT_BYTES = 64 * 1024;
/** a multiple of 64 (the kernel reads the bytes by aligned 64-byte blocks) */
const IO_AT = OUT_AT + OUT_BYTES;
/** The kernel reads 64-byte blocks from a multiple of 64: up to 64 bytes past the last byte read must lie in memory. */
const IO_SLACK = 128;
if (IO_AT % 64 !== 0) throw new Error('typed-csv-wasm: the read region must start at a multiple of 64');

/** A kernel instance, lent to one scan at a time (takeTypedCsvKernel / giveBack). */
export class TypedCsvKernel {
    readonly exports: KernelExports;
    private readonly wasmMemory: WebAssembly.Memory;
    /** state[0]: rows written by the last run; [1]: why it stopped (KernelStop); [2..5]: the missed cell's column, start, end, hash */
    state!: Int32Array;
    /** the output rows (f64 per value) */
    out!: Float64Array;
    private columnInts!: Int32Array;
    private columnFloats!: Float64Array;
    /** whether a view of the read region is out (the memory must not grow meanwhile) */
    private lent = false;
    /** whether a scan has it (takeTypedCsvKernel to giveBack) */
    taken = false;

    constructor(module: WebAssembly.Module) {
        // Made with room for a whole chunk: growing would detach the buffer, and V8 then checks every
        // typed array access of the thread for a detached buffer (its protector is invalidated for good).
        this.wasmMemory = new WebAssembly.Memory({ initial: Math.ceil((IO_AT + CHUNK_BYTES + IO_SLACK) / PAGE) });
        this.exports = new WebAssembly.Instance(module, { env: { memory: this.wasmMemory } }).exports as unknown as KernelExports;
        this.views();
        const powers = new Float64Array(this.wasmMemory.buffer, POWERS_AT, 23);
        // The JS reader's powers of ten, so that the kernel divides by the very same doubles.
        for (let k = 0; k < 23; k++) powers[k] = 10 ** k;
        const integers = new BigUint64Array(this.wasmMemory.buffer, POWERS_AT + 23 * 8, 20);
        for (let k = 0; k < 20; k++) integers[k] = 10n ** BigInt(k);
        this.exports.clearScopes(TABLE_AT, TABLE_SLOTS, ARENA_AT, ARENA_BYTES);
    }

    get memory(): ArrayBuffer {
        return this.wasmMemory.buffer;
    }

    /** Where the read region starts in memory: a Buffer on `memory` from there is the scan's buffer. */
    get ioAt(): number {
        return IO_AT;
    }

    /**
     * The buffer a scan reads into, `size` bytes of this instance's memory; a plain Buffer when a
     * view is already out (then the JS reader reads that scan's records).
     */
    ioBuffer(size: number): Buffer {
        if (this.lent) return Buffer.allocUnsafe(size);
        const needed = IO_AT + size + IO_SLACK;
        const memory = this.wasmMemory;
        if (memory.buffer.byteLength < needed) {
            memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
            this.views();
        }
        this.lent = true;
        return Buffer.from(memory.buffer, IO_AT, size);
    }

    /**
     * Sets the kernel up for a header: per column its action, output index, kind (or, for a
     * skipped column, whether a field reads it), exponent shift, multiplier and declared range
     * (±Infinity: none); `stride` values a row. The scope table is emptied.
     */
    configure(actions: Int32Array, outputs: Int32Array, kinds: Int32Array, shifts: Int32Array, multipliers: Float64Array, mins: Float64Array, maxs: Float64Array, stride: number): void {
        const width = actions.length;
        const ints = this.columnInts;
        const floats = this.columnFloats;
        for (let c = 0; c < width; c++) {
            const at = (c * COLUMN_ENTRY_BYTES) >> 2;
            ints[at] = actions[c]!;
            ints[at + 1] = outputs[c]!;
            ints[at + 2] = kinds[c]!;
            ints[at + 3] = shifts[c]!;
            floats[(c * COLUMN_ENTRY_BYTES + 16) >> 3] = multipliers[c]!;
            floats[(c * COLUMN_ENTRY_BYTES + 24) >> 3] = mins[c]!;
            floats[(c * COLUMN_ENTRY_BYTES + 32) >> 3] = maxs[c]!;
        }
        const capacity = Math.max(1, Math.floor(OUT_BYTES / (8 * Math.max(1, stride))));
        this.exports.configure(width, COLUMNS_AT, POWERS_AT, OUT_AT, stride, capacity, STATE_AT);
        // Ids are the target's: a new scan learns them afresh (a range of a parallel pass relearns its few texts).
        this.exports.clearScopes(TABLE_AT, TABLE_SLOTS, ARENA_AT, ARENA_BYTES);
    }

    /** Back to the pool: the scan that had it is closed (a second call does nothing: one instance, one scan). */
    giveBack(): void {
        if (!this.taken) return;
        this.taken = false;
        this.lent = false;
        if (pool.length < POOL_SIZE) pool.push(this);
    }

    private views(): void {
        const buffer = this.wasmMemory.buffer;
        this.state = new Int32Array(buffer, STATE_AT, STATE_BYTES >> 2);
        this.out = new Float64Array(buffer, OUT_AT, OUT_BYTES >> 3);
        this.columnInts = new Int32Array(buffer, COLUMNS_AT, (KERNEL_MAX_COLUMNS * COLUMN_ENTRY_BYTES) >> 2);
        this.columnFloats = new Float64Array(buffer, COLUMNS_AT, (KERNEL_MAX_COLUMNS * COLUMN_ENTRY_BYTES) >> 3);
    }
}

/** Instances kept for the next scans of this thread (a parallel pass reads many ranges, one after another). */
const POOL_SIZE = 2;
const pool: TypedCsvKernel[] = [];

/** This thread's compiled module; null once loading failed (not tried again); undefined until first asked for. */
let compiled: WebAssembly.Module | null | undefined;
/** Set by useTypedCsvKernel; until then SLA_CSV_KERNEL=js turns the kernel off (read when first asked, not at loading: the CLI's start-up snapshot loads this module before the environment it runs in exists). */
let chosen: boolean | undefined;

function kernelOn(): boolean {
    chosen ??= process.env.SLA_CSV_KERNEL !== 'js';
    return chosen;
}

/** Turns the kernel off (the JS reader reads every record) or on again, in this thread. */
export function useTypedCsvKernel(on: boolean): void {
    chosen = on;
}

/** Whether scans of this thread use the kernel (it is on and its module loads). */
export function typedCsvKernelAvailable(): boolean {
    return kernelOn() && loadModule() !== null;
}

/** An instance for one scan (give it back when the scan closes), or undefined without a kernel. */
export function takeTypedCsvKernel(): TypedCsvKernel | undefined {
    if (!kernelOn()) return undefined;
    const module = loadModule();
    if (module === null) return undefined;
    const kernel = pool.pop() ?? new TypedCsvKernel(module);
    kernel.taken = true;
    return kernel;
}

/** Beside this module (out/data/, or a bundle's folder), or, running from the sources (tests), in out/data/. */
const KERNEL_FILES = ['./typed-csv.wasm', '../../out/data/typed-csv.wasm'];

function loadModule(): WebAssembly.Module | null {
    if (compiled === undefined) compiled = compileKernel(KERNEL_FILES.map((file) => () => new URL(file, import.meta.url)));
    return compiled;
}

/**
 * The kernel compiled from the first of `files` that can be read, or null: no WebAssembly, no
 * such file (a bundle without `import.meta.url` cannot tell where it is), or one that does not
 * compile (a runtime without SIMD).
 */
export function compileKernel(files: readonly (() => URL)[]): WebAssembly.Module | null {
    if (typeof WebAssembly !== 'object') return null;
    for (const file of files) {
        let bytes: Buffer;
        try {
            bytes = readFileSync(file());
        } catch {
            continue;
        }
        try {
            return new WebAssembly.Module(bytes);
        } catch {
            return null;
        }
    }
    return null;
}
