import { describe, expect, test } from 'vitest';
import { fractionAsPercent } from '../../src/types/units.js';

describe('a bare number that looks like a fraction where a percentage is meant', () => {
    test('is shifted in its decimal text, exactly', () => {
        // 0.9995 × 100 in floating point is 99.94999999999999.
        expect(fractionAsPercent('0.9995')).toBe('99.95');
        expect(fractionAsPercent('0.95')).toBe('95');
        expect(fractionAsPercent('0.5')).toBe('50');
        expect(fractionAsPercent('0.10')).toBe('10');
        expect(fractionAsPercent('0.001')).toBe('0.1');
        expect(fractionAsPercent('1')).toBe('100');
        expect(fractionAsPercent('1.0')).toBe('100');
    });

    test('only above 0 and at most 1', () => {
        expect(fractionAsPercent('0')).toBeUndefined();
        expect(fractionAsPercent('0.00')).toBeUndefined();
        expect(fractionAsPercent('1.5')).toBeUndefined();
        expect(fractionAsPercent('95')).toBeUndefined();
    });
});
