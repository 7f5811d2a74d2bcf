import { describe, expect, it } from 'vitest';
import { percentilesOfBuffers, SelectionScratch } from '../../src/evaluate/percentile.js';
import { RadixSelector } from '../../src/evaluate/radix-select.js';
import { ValueBuffer } from '../../src/evaluate/value-buffer.js';
import { seededRandom } from './fixtures.js';

const random = seededRandom(42);

/** Nearest-rank by sorting a copy: the definition. */
function bySorting(values: number[], ranks: number[]): number[] {
    const sorted = [...values].sort((a, b) => a - b);
    return ranks.map((rank) => sorted[rank]!);
}

function chunked(values: number[], size: number): Int32Array[] {
    const chunks: Int32Array[] = [];
    for (let i = 0; i < values.length; i += size) chunks.push(Int32Array.from(values.slice(i, i + size)));
    return chunks;
}

describe('RadixSelector', () => {
    const selector = new RadixSelector();
    const cases: [string, () => number][] = [
        ['small range', () => Math.floor(random() * 50)],
        ['heavy tail', () => Math.floor(random() < 0.99 ? random() * 3000 : random() * 300_000)],
        ['negatives', () => Math.floor((random() - 0.5) * 1e6)],
        ['the whole 32-bit range', () => Math.floor((random() - 0.5) * 2 * 0x7fffffff)],
        ['all equal', () => 7]
    ];
    for (const [name, draw] of cases) {
        it(`gives the ranks a sort gives: ${name}`, () => {
            for (const n of [1, 2, 17, 5000, 40_000, 300_000]) {
                const values = Array.from({ length: n }, draw);
                const ranks = [...new Set([0, Math.floor(n / 2), Math.ceil(0.95 * n) - 1, Math.ceil(0.99 * n) - 1, n - 1])].sort((a, b) => a - b);
                expect(selector.select(chunked(values, 1000), ranks)).toEqual(bySorting(values, ranks));
            }
        });
    }
});

describe('percentilesOfBuffers', () => {
    it('gives the same percentiles for integer-encoded buffers (radix) as for doubles (quickselect)', () => {
        const scratch = new SelectionScratch();
        const values = Array.from({ length: 30_000 }, () => Math.round(random() * 300_000) / 10);
        const narrow = [new ValueBuffer(), new ValueBuffer()];
        values.forEach((value, i) => narrow[i % 2]!.push(value));
        const wide = new ValueBuffer();
        wide.push(0.1 + 0.2); // not a whole multiple of a power of ten: doubles from here on
        for (const value of values) wide.push(value);
        const percentiles = [50, 95, 99, 99.9, 100];
        const expected = percentiles.map((p) => bySorting([...values, 0.1 + 0.2], [Math.max(1, Math.ceil((p * 30_001) / 100)) - 1])[0]);
        expect(percentilesOfBuffers([wide], percentiles, scratch)).toEqual(expected);
        const expectedNarrow = percentiles.map((p) => bySorting(values, [Math.max(1, Math.ceil((p * 30_000) / 100)) - 1])[0]);
        expect(percentilesOfBuffers([narrow[0], undefined, narrow[1]], percentiles, scratch)).toEqual(expectedNarrow);
    });
});

describe('RadixSelector, ranks bracketed by a sample', () => {
    const selector = new RadixSelector();
    const p95p99 = (n: number): number[] => [Math.ceil(0.95 * n) - 1, Math.ceil(0.99 * n) - 1];

    it('gives the ranks a sort gives for p95 and p99 of large windows (the one-pass way)', () => {
        const draws: (() => number)[] = [
            () => Math.floor(-Math.log(1 - random()) * 200_000), // latency-like, long tail
            () => Math.floor(random() * 50), // many ties
            () => Math.floor((random() - 0.5) * 2 * 0x7fffffff),
            () => 7
        ];
        for (const draw of draws) {
            for (const n of [8192, 40_000, 123_457]) {
                const values = Array.from({ length: n }, draw);
                expect(selector.select(chunked(values, 1024), p95p99(n))).toEqual(bySorting(values, p95p99(n)));
                expect(selector.lastWay).toBe('bracket');
                // Ragged chunks (a window over several segments, chunks of every size, some empty).
                const ragged = [Int32Array.from(values.slice(0, 5)), new Int32Array(0), ...chunked(values.slice(5), 777)];
                expect(selector.select(ragged, p95p99(n))).toEqual(bySorting(values, p95p99(n)));
                expect(selector.lastWay).toBe('bracket');
            }
        }
    });

    it('still gives the exact ranks when the sample misses them (values ordered against the sample spacing)', () => {
        // Every sampled position (j × n / 1024) holds a large value, every other position a small one:
        // the sample puts p95 among the large values, where 97.5 % of the values lie below the
        // bracket, so the bracket holds neither rank and the radix way answers.
        const n = 1024 * 40;
        const values = Array.from({ length: n }, (_, i) => (i % 40 === 0 ? 1_000_000 + i : i % 7));
        expect(selector.select(chunked(values, 1024), p95p99(n))).toEqual(bySorting(values, p95p99(n)));
        expect(selector.lastWay).toBe('radix');
        // The same values shuffled: the sample sees them as they are, and the bracket holds the ranks.
        const shuffled = [...values];
        for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(selector.select(chunked(shuffled, 1024), p95p99(n))).toEqual(bySorting(values, p95p99(n)));
        expect(selector.lastWay).toBe('bracket');
    });

    it('ranks far apart (median with p99) and small windows go the radix way, with the same answers', () => {
        const values = Array.from({ length: 50_000 }, () => Math.floor(random() * 1e6));
        const ranks = [24_999, 49_499];
        expect(selector.select(chunked(values, 1024), ranks)).toEqual(bySorting(values, ranks));
        expect(selector.lastWay).toBe('radix');
        const small = values.slice(0, 8191);
        expect(selector.select(chunked(small, 1024), p95p99(8191))).toEqual(bySorting(small, p95p99(8191)));
        expect(selector.lastWay).toBe('radix');
    });
});
