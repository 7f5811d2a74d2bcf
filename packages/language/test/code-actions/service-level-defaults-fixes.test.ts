import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, hostingWithObjective as hosting, validate } from './fix-harness.js';

describe('quick fixes for Expected and Minimum Service Levels', () => {
    test('a minimum that turns the comparison round gets the objective\'s', async () => {
        const { actions, apply } = await fixesFor(hosting('>= 99.9% per calendar month, minimum <= 99.5%'), 'sla/service-level-default');
        expect(actions.map(action => action.title)).toEqual(["Write '>='"]);
        expect(actions[0]!.isPreferred).toBe(true);
        const fixed = apply("Write '>='");
        expect(fixed).toContain('objective Availability >= 99.9% per calendar month, minimum >= 99.5%\n');
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a minimum not looser than the target has no fix to offer (which value was meant is the writer\'s call)', async () => {
        const { actions } = await fixesFor(hosting('>= 99.9% per calendar month, minimum 99.95%'), 'sla/service-level-default');
        expect(actions).toEqual([]);
    });
});
