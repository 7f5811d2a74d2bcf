import { RankSelector } from './select-rank.js';

const FIRST_CHUNK = 64;
const MAX_CHUNK = 8192; // 64 KiB: bounds the unused tail of each buffer

/**
 * The values a percentile needs (exact nearest-rank needs every value; no sketches).
 * Stored in chunks that grow up to 64 KiB and are never copied while rows stream in,
 * so peak memory stays close to 8 bytes per value. Reading ranks consolidates the
 * chunks into one array, once.
 */
export class ValueBuffer {
    private chunks: Float64Array[] = [];
    private current: Float64Array = new Float64Array(FIRST_CHUNK);
    private used = 0;
    private size = 0;
    private selector: RankSelector | undefined;

    get length(): number {
        return this.size;
    }

    push(value: number): void {
        if (this.used === this.current.length) {
            this.chunks.push(this.current);
            this.current = new Float64Array(Math.max(FIRST_CHUNK, Math.min(MAX_CHUNK, this.current.length * 2)));
            this.used = 0;
        }
        this.current[this.used++] = value;
        this.size++;
        this.selector = undefined;
    }

    /** All values in one array (order unspecified); the chunks are replaced by it. */
    values(): Float64Array {
        if (this.chunks.length === 1 && this.used === 0) return this.chunks[0]!;
        const all = new Float64Array(this.size);
        let offset = 0;
        for (const chunk of this.chunks) {
            all.set(chunk, offset);
            offset += chunk.length;
        }
        all.set(this.current.subarray(0, this.used), offset);
        this.chunks = [all];
        this.current = new Float64Array(0);
        this.used = 0;
        return all;
    }

    /** Order statistics of the values (0-based ranks). */
    ranks(): RankSelector {
        if (this.selector === undefined) this.selector = new RankSelector(this.values());
        return this.selector;
    }
}
