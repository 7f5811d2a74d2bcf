const FIRST_CHUNK = 64;
// Bounds the unused tail of each buffer: a portfolio keeps thousands of buffers of a few
// thousand values (400 clients × 12 months); with 8192 their half-empty last chunks took as
// much memory as the values (measured: 78 MB of arrays for 40 MB of values).
const MAX_CHUNK = 1024;
const MAX_SCALE = 1e9;
const INT32_MAX = 0x7fffffff;
/**
 * Integer chunks are views into slabs of this size, not arrays of their own: a typed array
 * of more than 64 bytes gets a backing store outside V8's heap, and allocating one per chunk
 * (≈ 25,000 for a 10M-row evaluation) cost 3–4 % of the pass's CPU. A slab handed to another
 * thread with a range's values (pass-state.ts transfers each chunk's buffer) is detached here,
 * and the next chunk starts a new one.
 */
const SLAB_BYTES = 256 * 1024;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/** A zeroed Int32Array of `length` values, a view into this thread's current slab (a chunk larger than a slab gets its own). */
function newInts(length: number): Int32Array {
    const bytes = length * Int32Array.BYTES_PER_ELEMENT;
    if (bytes > SLAB_BYTES) return new Int32Array(length);
    // byteLength is 0 once the slab was transferred (detached).
    if (slabUsed + bytes > slab.byteLength) {
        slab = new ArrayBuffer(SLAB_BYTES);
        slabUsed = 0;
    }
    const ints = new Int32Array(slab, slabUsed, length);
    slabUsed += bytes;
    return ints;
}

/** Values a buffer hands over (to merge a worker's): scaled 32-bit integers, or doubles when `scale` is null. */
export interface ValueChunks {
    scale: number | null;
    chunks: (Int32Array | Float64Array)[];
}

/**
 * The values a percentile needs (exact nearest-rank needs every value; no sketches).
 * Stored in chunks that grow up to 1024 values and are never copied or consolidated,
 * so no garbage of the data's size is left for the collector.
 *
 * While every value is a whole multiple of one power of ten (whole milliseconds,
 * tenths, hundredths…) that fits 32 bits once scaled, the chunks are Int32Array of
 * value × scale — half the memory of doubles, and exact: a value is stored so only if
 * dividing it back gives the very same double. A value needing more decimals raises
 * the scale (the stored integers are multiplied up); one that fits no scale turns this
 * buffer into Float64Array chunks. Ranks are selected on a Float64 copy.
 */
export class ValueBuffer {
    private chunks: (Int32Array | Float64Array)[] = [];
    /** the chunk being filled: exactly one of the two is in use */
    private ints: Int32Array = newInts(FIRST_CHUNK);
    private doubles: Float64Array = new Float64Array(0);
    /** values are ints[i] / scale; null once the buffer holds doubles */
    private scale: number | null = 1;
    private used = 0;
    /** values in `chunks` (the chunk being filled holds `used` more): a push then counts one thing, not two */
    private sealed = 0;

    get length(): number {
        return this.sealed + this.used;
    }

    /** Values are stored as integers value × multiplier; null once they are stored as doubles. */
    get multiplier(): number | null {
        return this.scale;
    }

    /**
     * push(value), returning the integer stored (value × multiplier, |·| ≤ 2³¹ − 1, proven exact:
     * divided by the multiplier it gives `value` back) when the value went the usual way, NaN
     * otherwise (a new scale, doubles). An exact sum at the same scale can take that integer
     * as it is (ExactSegmentSums.addKnown) instead of scaling and checking the value again.
     */
    pushScaled(value: number): number {
        const scale = this.scale;
        if (scale !== null) {
            const scaled = Math.round(value * scale);
            if (scaled / scale === value && scaled <= INT32_MAX && scaled >= -INT32_MAX && (scaled !== 0 || Object.is(value, 0))) {
                if (this.used === this.ints.length) this.nextChunk();
                this.ints[this.used++] = scaled;
                return scaled;
            }
        }
        this.push(value);
        return NaN;
    }

    push(value: number): void {
        const scale = this.scale;
        if (scale === null) {
            if (this.used === this.doubles.length) this.nextChunk();
            this.doubles[this.used++] = value;
            return;
        }
        const scaled = Math.round(value * scale);
        // -0 would come back as 0: such a value takes the slow path.
        if (scaled / scale === value && scaled <= INT32_MAX && scaled >= -INT32_MAX && (scaled !== 0 || Object.is(value, 0))) {
            if (this.used === this.ints.length) this.nextChunk();
            this.ints[this.used++] = scaled;
            return;
        }
        this.fit(value);
        this.push(value);
    }

    /** Copies every value into target from offset (as doubles); returns the offset after the last one. */
    copyInto(target: Float64Array, offset: number): number {
        for (const chunk of this.chunks) offset = this.decode(chunk, chunk.length, target, offset);
        return this.scale === null ? this.decode(this.doubles, this.used, target, offset) : this.decode(this.ints, this.used, target, offset);
    }

    /** The stored values as typed arrays (views, not copies): a scan worker transfers them. */
    exportChunks(): ValueChunks {
        const current = this.scale === null ? this.doubles.subarray(0, this.used) : this.ints.subarray(0, this.used);
        return { scale: this.scale, chunks: [...this.chunks, current] };
    }

    /** Adds the values another buffer exported (a scan worker's), keeping its arrays (no copy) whenever the encodings can agree. */
    appendChunks(incoming: ValueChunks): void {
        let chunks = incoming.chunks;
        if (this.length === 0) {
            // Nothing here yet: take the incoming encoding as it is.
            this.seal();
            this.scale = incoming.scale;
        } else if (incoming.scale === null) {
            if (this.scale !== null) this.widen();
        } else if (this.scale === null) {
            chunks = chunks.map((chunk) => toDoubles(chunk, incoming.scale!));
        } else if (incoming.scale > this.scale) {
            if (!this.rescale(incoming.scale, 0)) this.widen();
            if (this.scale === null) chunks = chunks.map((chunk) => toDoubles(chunk, incoming.scale!));
        } else if (incoming.scale < this.scale) {
            const factor = this.scale / incoming.scale;
            if (largestOf(chunks) * factor <= INT32_MAX) chunks = chunks.map((chunk) => multiplied(chunk, factor));
            else {
                this.widen();
                chunks = chunks.map((chunk) => toDoubles(chunk, incoming.scale!));
            }
        }
        this.seal();
        for (const chunk of chunks) {
            if (chunk.length === 0) continue;
            this.chunks.push(chunk);
            this.sealed += chunk.length;
        }
    }

    private decode(chunk: Int32Array | Float64Array, length: number, target: Float64Array, offset: number): number {
        const scale = this.scale;
        if (scale === null || scale === 1) {
            target.set(length === chunk.length ? chunk : chunk.subarray(0, length), offset);
            return offset + length;
        }
        for (let i = 0; i < length; i++) target[offset++] = chunk[i]! / scale;
        return offset;
    }

    /** Closes the chunk being filled (values stay in push order); the next push starts a new one. */
    private seal(): void {
        if (this.scale === null) {
            if (this.used > 0) this.chunks.push(this.doubles.subarray(0, this.used));
            this.doubles = new Float64Array(0);
        } else {
            if (this.used > 0) this.chunks.push(this.ints.subarray(0, this.used));
            this.ints = new Int32Array(0);
        }
        this.sealed += this.used;
        this.used = 0;
    }

    private nextChunk(): void {
        const current = this.scale === null ? this.doubles : this.ints;
        if (current.length > 0) this.chunks.push(current);
        // A full chunk: used === current.length.
        this.sealed += this.used;
        const length = Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, current.length * 2));
        if (this.scale === null) this.doubles = new Float64Array(length);
        else this.ints = newInts(length);
        this.used = 0;
    }

    /** Makes room for a value the current scale cannot hold: a larger scale if one fits everything, else doubles. */
    private fit(value: number): void {
        const scale = this.scale!;
        for (let next = scale * 10; next <= MAX_SCALE; next *= 10) {
            const scaled = Math.round(value * next);
            if (scaled / next === value && !Object.is(value, -0) && Math.abs(scaled) <= INT32_MAX) {
                if (this.rescale(next, Math.abs(value))) return;
                break;
            }
        }
        this.widen();
    }

    /** Multiplies the stored integers up to a larger scale; false (nothing changed) if some would not fit 32 bits. */
    private rescale(next: number, largestOther: number): boolean {
        const scale = this.scale!;
        const largest = Math.max(largestOther * scale, largestOf(this.chunks), largestOf([this.ints.subarray(0, this.used)]));
        const factor = next / scale;
        if (largest * factor > INT32_MAX) return false;
        for (const chunk of this.chunks) for (let i = 0; i < chunk.length; i++) chunk[i] = chunk[i]! * factor;
        for (let i = 0; i < this.used; i++) this.ints[i] = this.ints[i]! * factor;
        this.scale = next;
        return true;
    }

    /** Switches to 64-bit storage (exact: every stored integer divided by the scale gives its value back). */
    private widen(): void {
        const scale = this.scale!;
        this.chunks = this.chunks.map((chunk) => toDoubles(chunk, scale));
        this.doubles = toDoubles(this.ints.subarray(0, this.used), scale, this.ints.length);
        this.ints = new Int32Array(0);
        this.scale = null;
    }
}

function toDoubles(chunk: Int32Array | Float64Array, scale: number, length = chunk.length): Float64Array {
    const doubles = new Float64Array(length);
    for (let i = 0; i < chunk.length; i++) doubles[i] = chunk[i]! / scale;
    return doubles;
}

function largestOf(chunks: readonly (Int32Array | Float64Array)[]): number {
    let largest = 0;
    for (const chunk of chunks) for (let i = 0; i < chunk.length; i++) largest = Math.max(largest, Math.abs(chunk[i]!));
    return largest;
}

function multiplied(chunk: Int32Array | Float64Array, factor: number): Int32Array | Float64Array {
    for (let i = 0; i < chunk.length; i++) chunk[i] = chunk[i]! * factor;
    return chunk;
}
