import { describe, expect, it } from 'vitest';
import { formatFormulaWithInputs, formatMoney, formatValue } from '../../src/report/format-values.js';

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

describe('a formula credit with the inputs it read', () => {
    it('names each input in minutes, in the order downtime, window, eligible', () => {
        expect(formatFormulaWithInputs({ text: '25 * downtime / eligible * fee', downtimeMs: 600_000, eligibleMs: 44_520 * 60_000 }))
            .toBe('25 * downtime / eligible * fee, with downtime 10 min and eligible 44,520 min');
        expect(formatFormulaWithInputs({ text: 'f', eligibleMs: 60_000, windowMs: 120_000, downtimeMs: 90_500 }))
            .toBe('f, with downtime 1.508 min, window 2 min and eligible 1 min');
    });

    it('under a minute in ms or seconds (0.004 min would hide 250 ms); no inputs: the formula alone', () => {
        expect(formatFormulaWithInputs({ text: 'f', downtimeMs: 250 })).toBe('f, with downtime 250 ms');
        expect(formatFormulaWithInputs({ text: 'f', downtimeMs: 0, windowMs: 60_000 })).toBe('f, with downtime 0 min and window 1 min');
        expect(formatFormulaWithInputs({ text: '200 EUR * LateP1' })).toBe('200 EUR * LateP1');
    });
});
