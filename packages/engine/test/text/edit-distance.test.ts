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
    it('with a bound, stops at once when the lengths alone differ by more (and is exact within)', () => {
        // 'a' → 'abcdef' needs 5 insertions; the bound 2 is exceeded: 2 + 1
        expect(editDistance('a', 'abcdef', 2)).toBe(3);
        // kitten → sitting is 3 (above), within a bound of 3: exact
        expect(editDistance('kitten', 'sitting', 3)).toBe(3);
        // a fuzzed zone name of 200,000 letters against a zone name: answered without the 200,000 × 13 table
        const started = performance.now();
        expect(editDistance('x'.repeat(200_000), 'europe/berlin', 66_666)).toBe(66_667);
        expect(performance.now() - started).toBeLessThan(50);
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
