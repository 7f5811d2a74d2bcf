import { describe, expect, it } from 'vitest';
import { clipIntervals, intersectIntervals, mergeIntervals, subtractIntervals, totalLength } from '../../src/time/index.js';

describe('mergeIntervals', () => {
    it('sorts, merges overlapping and touching intervals, drops empty ones', () => {
        expect(mergeIntervals([[10, 20], [0, 5], [5, 8], [15, 30], [40, 40], [12, 14]])).toEqual([[0, 8], [10, 30]]);
    });
    it('keeps nested intervals once and does not modify the input', () => {
        const input: [number, number][] = [[0, 100], [10, 20]];
        expect(mergeIntervals(input)).toEqual([[0, 100]]);
        expect(input).toEqual([[0, 100], [10, 20]]);
    });
    it('handles an empty list', () => {
        expect(mergeIntervals([])).toEqual([]);
    });
});

describe('clipIntervals', () => {
    it('keeps only the parts inside [from, to)', () => {
        expect(clipIntervals([[0, 10], [20, 30], [40, 50]], 5, 45)).toEqual([[5, 10], [20, 30], [40, 45]]);
        expect(clipIntervals([[0, 10]], 10, 20)).toEqual([]); // touching the edge: nothing inside
    });
});

describe('subtractIntervals', () => {
    it('cuts a hole in the middle', () => {
        expect(subtractIntervals([[0, 100]], [[40, 60]])).toEqual([[0, 40], [60, 100]]);
    });
    it('cuts the edges and removes fully covered intervals', () => {
        expect(subtractIntervals([[0, 10], [20, 30], [40, 50]], [[-5, 5], [18, 32], [45, 60]])).toEqual([[5, 10], [40, 45]]);
    });
    it('leaves disjoint intervals alone and handles touching edges', () => {
        expect(subtractIntervals([[0, 10]], [[10, 20], [-10, 0]])).toEqual([[0, 10]]);
    });
    it('one cut spanning several intervals, several cuts in one', () => {
        expect(subtractIntervals([[0, 10], [12, 20]], [[5, 15]])).toEqual([[0, 5], [15, 20]]);
        expect(subtractIntervals([[0, 100]], [[10, 20], [30, 40], [90, 120]])).toEqual([[0, 10], [20, 30], [40, 90]]);
    });
    it('accepts unsorted, overlapping inputs', () => {
        expect(subtractIntervals([[50, 100], [0, 60]], [[70, 80], [75, 90]])).toEqual([[0, 70], [90, 100]]);
    });
});

describe('intersectIntervals', () => {
    it('keeps the time covered by both', () => {
        expect(intersectIntervals([[0, 10], [20, 30]], [[5, 25]])).toEqual([[5, 10], [20, 25]]);
        expect(intersectIntervals([[0, 10]], [[10, 20]])).toEqual([]);
        expect(intersectIntervals([[0, 100]], [[10, 20], [30, 40]])).toEqual([[10, 20], [30, 40]]);
    });
});

describe('totalLength', () => {
    it('counts overlapping time once (two outages at once count once)', () => {
        // [0,10) ∪ [5,15) = [0,15) → 15; plus [20,25) → 5; total 20
        expect(totalLength([[0, 10], [5, 15], [20, 25]])).toBe(20);
    });
});
