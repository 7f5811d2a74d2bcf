import { describe, expect, it } from 'vitest';
import { add, compare, decimalOf, decimalSum, divide, exactOf, exactRatio, percentOfDecimal, roundToCentsExact, toNumber } from '../../src/evaluate/exact-value.js';
import { ExactSegmentSums } from '../../src/evaluate/exact-sum.js';
import { roundToCents } from '../../src/index.js';

describe('exact values', () => {
    it('reads a double as the decimal it was written as', () => {
        expect(decimalOf(0.998)).toEqual({ digits: 998n, exponent: -3 });
        expect(decimalOf(1.5e-7)).toEqual({ digits: 15n, exponent: -8 });
        expect(decimalOf(1e21)).toEqual({ digits: 1n, exponent: 21 });
        expect(decimalOf(-42)).toEqual({ digits: -42n, exponent: 0 });
        // 0.1 + 0.2 in doubles is not 0.3: its shortest decimal says so.
        expect(decimalOf(0.1 + 0.2)).toEqual({ digits: 30000000000000004n, exponent: -17 });
        expect(compare(add(exactOf(0.1), exactOf(0.2)), exactOf(0.3))).toBe(0);
    });

    it('converts back to the nearest double, also for large numerators and denominators', () => {
        expect(toNumber(exactRatio(1, 3))).toBe(1 / 3);
        expect(toNumber(exactRatio(297, 300))).toBe(0.99);
        // (10^30 + 1) / 10^30 is 1 + 1e-30: the nearest double is 1.
        expect(toNumber(exactRatio(10n ** 30n + 1n, 10n ** 30n))).toBe(1);
        // 2/3 scaled far beyond 2^53 on both sides still gives the double of 2/3.
        expect(toNumber(exactRatio(2n * 10n ** 40n, 3n * 10n ** 40n))).toBe(2 / 3);
        expect(toNumber(exactRatio(-(10n ** 25n) - 5n, 10n ** 24n))).toBe(-10.000000000000000000000005);
        expect(divide(exactOf(1), exactOf(0))).toBeNull();
    });

    it('rounds money to cents half away from zero on the written decimal', () => {
        // 1.005 is stored as 1.00499999999999989…; written, it is 1.005 → 1.01.
        expect(roundToCents(1.005)).toBe(1.01);
        expect(roundToCents(-1.005)).toBe(-1.01);
        expect(roundToCents(2.675)).toBe(2.68);
        // 700 × 95/167 × 10 % = 6650/167 = 39.8203…: 39.82.
        expect(roundToCentsExact(exactRatio(6650, 167))).toBe(39.82);
        expect(roundToCentsExact(exactRatio(1, 200))).toBe(0.01); // 0.005 → 0.01
    });
});

describe('shares and sums of written decimals (allocations of the at-risk amount)', () => {
    it('a percentage of a decimal is the double of the exact product', () => {
        // 33.3 % of 12 % of the fee: 3.996 %, where 33.3 * 12 / 100 in doubles is 3.9959999999999996.
        expect(33.3 * 12 / 100).toBe(3.9959999999999996);
        expect(percentOfDecimal(33.3, 12)).toBe(3.996);
        expect(percentOfDecimal(40, 12)).toBe(4.8);
        expect(percentOfDecimal(40, 4800)).toBe(1920);
        expect(percentOfDecimal(0.1, 0.2)).toBe(0.0002);
    });

    it('a sum of decimals is the double of the exact sum', () => {
        expect(28.6 + 35.7 + 35.7).toBe(100.00000000000001);
        expect(decimalSum([28.6, 35.7, 35.7])).toBe(100);
        expect(decimalSum([0.1, 0.2])).toBe(0.3);
        expect(decimalSum([])).toBe(0);
    });
});

describe('exact segment sums', () => {
    it('raises the scale and moves to BigInt without losing a unit, and merges another thread\'s sums', () => {
        const sums = new ExactSegmentSums(2);
        // Segment 0: 2^50 (the double limit) + 1 + 0.001 → 1,125,899,906,842,625.001 exactly.
        sums.add(0, 2 ** 50);
        sums.add(0, 1);
        sums.add(0, 0.001);
        // Segment 1: 0.1 ten times = 1; 1e-25 needs a scale past 10^22 (BigInt only).
        for (let i = 0; i < 10; i++) sums.add(1, 0.1);
        sums.add(1, 1e-25);
        const segment0 = sums.range(0, 1);
        expect(segment0.num * 1000n / segment0.den).toBe(1_125_899_906_842_625_001n);
        expect(compare(sums.range(1, 2), add(exactOf(1), exactOf(1e-25)))).toBe(0);
        // Another thread's sums at a lower scale: 2.5 in segment 0.
        const other = new ExactSegmentSums(2);
        other.add(0, 2.5);
        sums.addState(other.exportState());
        expect(compare(sums.range(0, 1), add(segment0, exactOf(2.5)))).toBe(0);
    });
});

describe('decimal arithmetic on row values', () => {
    it('gives the double of the exact decimal result', async () => {
        const { decimalAdd, decimalMultiply, decimalSubtract } = await import('../../src/evaluate/decimal-arithmetic.js');
        expect(decimalAdd(0.1, 0.2)).toBe(0.3); // doubles: 0.30000000000000004
        expect(decimalSubtract(2.2, 1.1)).toBe(1.1); // doubles: 1.1000000000000001
        expect(decimalMultiply(1.1, 1.1)).toBe(1.21); // doubles: 1.2100000000000002
        expect(decimalMultiply(0.07, 100)).toBe(7); // doubles: 7.000000000000001
        // Scaled product beyond 2^53: 12,345,678,912 × 987,654,321 = 12,193,263,123,115,378,752, so
        // 123456789.12 × 98765.4321 = 12,193,263,123,115.378752 exactly → its nearest double.
        expect(decimalMultiply(123456789.12, 98765.4321)).toBe(12193263123115.378752);
        // Whole numbers (timestamps, ms) stay plain; a value that is no short decimal falls back to the plain operation.
        expect(decimalSubtract(1_767_225_600_000, 1_767_222_000_000)).toBe(3_600_000);
        expect(decimalAdd(1 / 3, 1)).toBe(1 / 3 + 1);
    });
});
