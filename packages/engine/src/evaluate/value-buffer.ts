const FIRST_CHUNK = 64;
const MAX_CHUNK = 8192; // bounds the unused tail of each buffer

/**
 * The values a percentile needs (exact nearest-rank needs every value; no sketches).
 * Stored in chunks that grow up to 8192 values and are never copied or consolidated,
 * so no garbage of the data's size is left for the collector. While every value is
 * exactly representable in 32 bits (integer milliseconds, counts, halves…) the chunks
 * are Float32Array — half the memory, no loss; the first value that is not turns
 * this buffer's chunks into Float64Array. Ranks are selected on a Float64 copy.
 */
export class ValueBuffer {
    private chunks: (Float32Array | Float64Array)[] = [];
    private current: Float32Array | Float64Array = new Float32Array(FIRST_CHUNK);
    private wide = false;
    private used = 0;
    private size = 0;

    get length(): number {
        return this.size;
    }

    push(value: number): void {
        if (!this.wide && Math.fround(value) !== value) this.widen();
        if (this.used === this.current.length) {
            this.chunks.push(this.current);
            const length = Math.min(MAX_CHUNK, this.current.length * 2);
            this.current = this.wide ? new Float64Array(length) : new Float32Array(length);
            this.used = 0;
        }
        this.current[this.used++] = value;
        this.size++;
    }

    /** Copies every value into target from offset; returns the offset after the last one. */
    copyInto(target: Float64Array, offset: number): number {
        for (const chunk of this.chunks) {
            target.set(chunk, offset);
            offset += chunk.length;
        }
        target.set(this.current.subarray(0, this.used), offset);
        return offset + this.used;
    }

    /** The stored values as typed arrays (views, not copies): a scan worker transfers them. */
    exportChunks(): (Float32Array | Float64Array)[] {
        return [...this.chunks, this.current.subarray(0, this.used)];
    }

    /**
     * Adds values another buffer exported (a scan worker's), keeping its arrays: no
     * copy unless their width differs from this buffer's. Nothing may be pushed after.
     */
    appendChunks(chunks: readonly (Float32Array | Float64Array)[]): void {
        if (!this.wide && chunks.some((chunk) => chunk instanceof Float64Array)) this.widen();
        for (const chunk of chunks) {
            if (chunk.length === 0) continue;
            this.chunks.push(this.wide && chunk instanceof Float32Array ? Float64Array.from(chunk) : chunk);
            this.size += chunk.length;
        }
    }

    /** Switches to 64-bit storage (exact conversion of what is stored so far). */
    private widen(): void {
        this.wide = true;
        this.chunks = this.chunks.map((chunk) => Float64Array.from(chunk));
        const current = new Float64Array(this.current.length);
        current.set(this.current.subarray(0, this.used));
        this.current = current;
    }
}
