import { describe, expect, it } from 'vitest';
import { defaultText } from '../../src/report/format-values.js';
import { defaultsNote } from '../../src/evaluate/service-level-default.js';
import type { ObjectiveReport } from '../../src/report/report-types.js';

/** `Restore <= 4 hours per calendar month, minimum 8 hours`: for `<=` the minimum is the larger value (§ 9.4). */
const restore = { comparison: '<=', unit: 'ms', minimum: 8 * 3_600_000, defaultRule: undefined } as const;

describe('the words of a window that is a Service Level Default by its minimum', () => {
    it('a 9-hour restore misses the minimum <= 8 h (it is above it, not below)', () => {
        expect(defaultText({ default: 'below minimum' }, restore)).toBe('misses the minimum <= 8 h');
    });

    it('a percentage: misses the minimum >= 99.5 %; no default, no text', () => {
        const availability = { comparison: '>=', unit: 'ratio', minimum: 0.995, defaultRule: undefined } as const;
        expect(defaultText({ default: 'below minimum' }, availability)).toBe('misses the minimum >= 99.5 %');
        expect(defaultText({}, availability)).toBeUndefined();
    });

    it('the report\'s note on the objective says the same', () => {
        const objective = {
            ...restore, kpi: 'Restore', service: 'S',
            windows: [{ start: '2026-04-01T00:00:00+00:00', end: '2026-05-01T00:00:00+00:00', default: 'below minimum' }]
        } as unknown as ObjectiveReport;
        expect(defaultsNote(objective)).toBe('S.Restore: 1 Service Level Default(s) in the window(s) from 2026-04-01 (misses the minimum <= 8 h).');
    });
});
