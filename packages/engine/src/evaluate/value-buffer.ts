/**
 * A growable Float64Array holding the values a percentile needs (exact nearest-rank
 * needs every value; no sketches). Grows by 1.5× to keep peak memory low.
 */
export class ValueBuffer {
    private data = new Float64Array(16);
    private size = 0;
    private sorted = true;

    get length(): number {
        return this.size;
    }

    push(value: number): void {
        if (this.size === this.data.length) {
            const grown = new Float64Array(Math.ceil(this.data.length * 1.5) + 16);
            grown.set(this.data);
            this.data = grown;
        }
        this.data[this.size++] = value;
        this.sorted = false;
    }

    /** The values sorted ascending (sorted in place once, then reused). */
    sortedValues(): Float64Array {
        const view = this.data.subarray(0, this.size);
        if (!this.sorted) {
            view.sort();
            this.sorted = true;
        }
        return view;
    }
}
