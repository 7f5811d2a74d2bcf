import { describe, expect, it } from 'vitest';
import { formatMoney, formatValue } from '../../src/report/format-values.js';

describe('number formats made once per set of options', () => {
    it('formats each currency and number of decimals as its own (a format made earlier for other options is not reused)', () => {
        // Each pair asks first with one set of options, then another: a cache keyed too loosely would answer the second with the first's format.
        expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
        expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
        expect(formatMoney(1.23456, 'EUR', 4)).toBe('€1.2346');
        expect(formatMoney(1.23456, 'EUR')).toBe('€1.23');
        expect(formatMoney(1234.5, 'credits')).toBe('1,234.50 credits');
        expect(formatMoney(1234.5, 'credits', 3)).toBe('1,234.50 credits');
        expect(formatMoney(1234.5678, 'credits', 3)).toBe('1,234.568 credits');
        expect(formatValue(1234567, 'count')).toBe('1,234,567');
        expect(formatValue(1234567.25, 'count', 1)).toBe('1,234,567.3');
        expect(formatValue(1234.56789, 'number')).toBe('1,234.568');
        expect(formatValue(1234567, 'count')).toBe('1,234,567');
    });
});
