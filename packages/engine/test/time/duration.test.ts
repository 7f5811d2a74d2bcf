import { describe, expect, it } from 'vitest';
import { DURATION_UNIT_MS, formatDuration } from '../../src/time/index.js';

describe('DURATION_UNIT_MS', () => {
    it('maps every unit and its plural to milliseconds', () => {
        expect(DURATION_UNIT_MS['ms']).toBe(1);
        expect(DURATION_UNIT_MS['milliseconds']).toBe(1);
        expect(DURATION_UNIT_MS['s']).toBe(1000);
        expect(DURATION_UNIT_MS['second']).toBe(1000);
        expect(DURATION_UNIT_MS['minutes']).toBe(60_000);
        expect(DURATION_UNIT_MS['hour']).toBe(3_600_000);
        expect(DURATION_UNIT_MS['days']).toBe(86_400_000); // 24 × 3,600,000
        expect(DURATION_UNIT_MS['week']).toBe(604_800_000); // 7 × 86,400,000
    });
});

describe('formatDuration', () => {
    it('shows at most two units, the largest first', () => {
        expect(formatDuration(2_678_000)).toBe('44 min 38 s'); // 44 × 60 + 38 = 2,678 s
        expect(formatDuration(3_900_000)).toBe('1 h 5 min'); // 3,600 + 300 s
        expect(formatDuration(183_600_000)).toBe('2 d 3 h'); // 2 × 86,400,000 + 3 × 3,600,000
        expect(formatDuration(1_500)).toBe('1 s 500 ms');
        expect(formatDuration(250)).toBe('250 ms');
    });
    it('leaves out a zero second unit', () => {
        expect(formatDuration(86_400_000)).toBe('1 d');
        expect(formatDuration(120_000)).toBe('2 min');
        expect(formatDuration(0)).toBe('0 s');
    });
    it('rounds half up to the smaller unit shown, carrying into the larger one', () => {
        expect(formatDuration(3_940_000)).toBe('1 h 6 min'); // 1 h 5 min 40 s
        expect(formatDuration(3_599_600)).toBe('1 h'); // 59 min 59.6 s → 60 min
        expect(formatDuration(90_000)).toBe('1 min 30 s');
    });
    it('writes negative durations with a minus sign', () => {
        expect(formatDuration(-90_000)).toBe('-1 min 30 s');
    });
});
