const FIRST_CHUNK = 64;
const MAX_CHUNK = 8192; // 64 KiB: bounds the unused tail of each buffer

/**
 * The values a percentile needs (exact nearest-rank needs every value; no sketches).
 * Stored in chunks that grow up to 64 KiB and are never copied or consolidated, so
 * peak memory stays close to 8 bytes per value and no garbage of the same size
 * is left for the collector. Ranks are selected on a copy in a reused scratch array.
 */
export class ValueBuffer {
    private readonly chunks: Float64Array[] = [];
    private current: Float64Array = new Float64Array(FIRST_CHUNK);
    private used = 0;
    private size = 0;

    get length(): number {
        return this.size;
    }

    push(value: number): void {
        if (this.used === this.current.length) {
            this.chunks.push(this.current);
            this.current = new Float64Array(Math.min(MAX_CHUNK, this.current.length * 2));
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
}
