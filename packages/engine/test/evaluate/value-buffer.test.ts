import { describe, expect, it } from 'vitest';
import { ValueBuffer } from '../../src/evaluate/value-buffer.js';

function contents(buffer: ValueBuffer): number[] {
    const target = new Float64Array(buffer.length);
    expect(buffer.copyInto(target, 0)).toBe(buffer.length);
    return [...target];
}

function filled(values: number[]): ValueBuffer {
    const buffer = new ValueBuffer();
    for (const value of values) buffer.push(value);
    return buffer;
}

describe('ValueBuffer', () => {
    it('gives back exactly the values pushed, whatever their decimals, across chunks', () => {
        const values: number[] = [];
        for (let i = 0; i < 20_000; i++) values.push(i % 3 === 0 ? i : i % 3 === 1 ? i / 10 : Math.round(i * 7.3) / 100);
        values.push(0.1 + 0.2, 1e300, -2.5, 0.000_001, 4_000_000_000, Number.MAX_SAFE_INTEGER);
        expect(contents(filled(values))).toEqual(values);
    });

    it('counts every value after each push, through new chunks, a larger scale, doubles and appended chunks', () => {
        const buffer = new ValueBuffer();
        let count = 0;
        const values = [...Array.from({ length: 3000 }, (_, i) => i), 1.5, ...Array.from({ length: 2000 }, (_, i) => i / 100), 0.1 + 0.2, 7];
        values.forEach((value, i) => {
            if (i % 2 === 0) buffer.push(value);
            else buffer.pushScaled(value);
            expect(buffer.length).toBe(++count);
        });
        buffer.appendChunks(filled([1, 2, 3]).exportChunks());
        expect(buffer.length).toBe(count + 3);
        const empty = new ValueBuffer();
        empty.appendChunks(filled(values).exportChunks());
        expect(empty.length).toBe(values.length);
        empty.pushScaled(4);
        expect(empty.length).toBe(values.length + 1);
        expect(contents(empty)).toEqual([...values, 4]);
    });

    it('keeps -0, NaN and infinities', () => {
        const values = [1.5, -0, NaN, Infinity, -Infinity, 3];
        const back = contents(filled(values));
        expect(back.map((value) => Object.is(value, -0))).toEqual([false, true, false, false, false, false]);
        expect(back).toEqual(values);
    });

    it('appends exported values of another buffer, whatever the two encodings', () => {
        const parts = [[1, 2, 3], [1.5, 2.25], [0.1 + 0.2, 7], [], [12.5, 100], [2_000_000_000], [-0.001]];
        for (const first of parts) {
            for (const second of parts) {
                const buffer = filled(first);
                buffer.appendChunks(filled(second).exportChunks());
                expect(contents(buffer)).toEqual([...first, ...second]);
                buffer.push(0.125);
                expect(contents(buffer)).toEqual([...first, ...second, 0.125]);
            }
        }
    });

    it('keeps its values when chunks of other buffers sharing its slab were handed to another thread', () => {
        // Chunks are views into shared slabs: transferring one buffer's slab (as a scan worker
        // does with a range's values) detaches it here; buffers filled afterwards start a new one.
        const sent = filled(Array.from({ length: 3000 }, (_, i) => i / 8));
        const exported = sent.exportChunks();
        const slabs = [...new Set(exported.chunks.map((chunk) => chunk.buffer as ArrayBuffer))];
        expect(slabs.length).toBeLessThan(exported.chunks.length); // several chunks per slab
        const received = structuredClone(exported, { transfer: slabs });
        expect(exported.chunks.every((chunk) => chunk.length === 0)).toBe(true); // detached here
        const moved = new ValueBuffer();
        moved.appendChunks(received);
        expect(contents(moved)).toEqual(Array.from({ length: 3000 }, (_, i) => i / 8));
        // New buffers after the transfer, and one longer than a slab.
        const after = Array.from({ length: 5000 }, (_, i) => i * 3 - 7000);
        expect(contents(filled(after))).toEqual(after);
        const huge = Array.from({ length: 70_000 }, (_, i) => i % 977);
        expect(contents(filled(huge))).toEqual(huge);
    });
});
