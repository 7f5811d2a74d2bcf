import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/text/edit-distance.js';

describe('editDistance', () => {
    it('counts insertions, deletions and substitutions', () => {
        // kitten → sitten (k→s) → sittin (e→i) → sitting (+g): 3
        expect(editDistance('kitten', 'sitting')).toBe(3);
        // one letter left out
        expect(editDistance('europe/berln', 'europe/berlin')).toBe(1);
        // from nothing: every letter inserted
        expect(editDistance('', 'abc')).toBe(3);
        expect(editDistance('abc', '')).toBe(3);
    });
    it('is zero for equal strings and symmetric', () => {
        expect(editDistance('minutes', 'minutes')).toBe(0);
        expect(editDistance('msec', 'ms')).toBe(editDistance('ms', 'msec'));
        expect(editDistance('msec', 'ms')).toBe(2); // drop e and c
    });
    it('counts letter case', () => {
        expect(editDistance('UTC', 'utc')).toBe(3);
    });
});
