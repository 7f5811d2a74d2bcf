import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from '../code-actions/fix-harness.js';
import { DESK } from './desk-fixture.js';

/** The desk with one objective line replaced. */
const withSatisfaction = (line: string): string => DESK.replace('objective Satisfaction >= 4.2 per calendar quarter', line);

describe('quick fixes of the ticket constructs', () => {
    test('the desk is clean (baseline)', async () => {
        expect(codesOf((await validate(DESK)).diagnostics)).toEqual([]);
    });

    test('score-scale: 42 on a 1–5 scale offers 4.2 (42 / 10) and 2.1 (42% of 5); each fixes it', async () => {
        const before = withSatisfaction('objective Satisfaction >= 42 per calendar quarter');
        const { actions, apply } = await fixesFor(before, 'sla/score-scale');
        expect(actions.map(a => a.title)).toEqual(["Write '4.2'", "Write '2.1'"]);
        expect(apply("Write '4.2'")).toBe(DESK);
        const fixed = apply("Write '2.1'");
        expect(fixed).toBe(withSatisfaction('objective Satisfaction >= 2.1 per calendar quarter'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('score-scale: 4.2% offers 4.2 only (4.2% of 5 = 0.21 is off the scale)', async () => {
        const before = withSatisfaction('objective Satisfaction >= 4.2% per calendar quarter');
        const { actions, apply } = await fixesFor(before, 'sla/score-scale');
        expect(actions.map(a => a.title)).toEqual(["Write '4.2'"]);
        expect(actions[0]!.isPreferred).toBe(true);
        expect(apply("Write '4.2'")).toBe(DESK);
    });

    test('score-scale: 84% reads as 84% of the top of the scale, 4.2 out of 5', async () => {
        const before = withSatisfaction('objective Satisfaction >= 84% per calendar quarter');
        const { actions, apply } = await fixesFor(before, 'sla/score-scale');
        // 84 is not on the scale; 5 × 0.84 = 4.2.
        expect(actions.map(a => a.title)).toEqual(["Write '4.2' (84% of 5)"]);
        expect(apply("Write '4.2' (84% of 5)")).toBe(DESK);
    });

    test('window-missing on an each promise: add per calendar month', async () => {
        const line = 'objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours';
        const before = DESK.replace(`${line} per calendar month`, line);
        const { apply } = await fixesFor(before, 'sla/window-missing');
        expect(apply("Add 'per calendar month'")).toBe(DESK);
    });

    test('comparison-missing on an each promise: <= first', async () => {
        const before = DESK.replace('ResolutionTime <= 4 hours', 'ResolutionTime 4 hours');
        const { actions, apply } = await fixesFor(before, 'sla/comparison-missing');
        expect(actions.map(a => a.title)).toEqual(["Write '<='", "Write '>='"]);
        expect(apply("Write '<='")).toBe(DESK);
    });
});
