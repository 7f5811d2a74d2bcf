import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, hostingWithObjective as hosting, validate } from './fix-harness.js';

describe('quick fixes for promises over the term', () => {
    test('a date inside a month moves to the next month\'s first day (preferred) or back to its own', async () => {
        const { actions, apply } = await fixesFor(hosting('>= 99.5% per calendar month from 2026-04-15'), 'sla/objective-schedule');
        expect(actions.map(action => action.title)).toEqual(['Write 2026-05-01', 'Write 2026-04-01']);
        expect(actions[0]!.isPreferred).toBe(true);
        const fixed = apply('Write 2026-05-01');
        expect(fixed).toContain('objective Availability >= 99.5% per calendar month from 2026-05-01\n');
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a step inside a quarter moves to the next quarter, across the year', async () => {
        const { apply } = await fixesFor(hosting('>= 99.5% per calendar quarter, >= 99.7% from 2026-11-20'), 'sla/objective-schedule');
        expect(apply('Write 2027-01-01')).toContain('>= 99.7% from 2027-01-01');
    });

    test('a step without comparison gets the objective\'s', async () => {
        const { apply } = await fixesFor(hosting('>= 99.5% per calendar month, 99.7% from 2027-01-01'), 'sla/comparison-missing');
        const fixed = apply("Write '>='");
        expect(fixed).toContain('>= 99.5% per calendar month, >= 99.7% from 2027-01-01');
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a step that turns the comparison round gets the objective\'s', async () => {
        const { apply } = await fixesFor(hosting('>= 99.5% per calendar month, <= 99.7% from 2027-01-01'), 'sla/objective-schedule');
        expect(apply("Write '>='")).toContain(', >= 99.7% from 2027-01-01');
    });

    test('an in-force day at the validity\'s first day changes nothing: the fix removes it', async () => {
        const { apply } = await fixesFor(hosting('>= 99.5% per calendar month from 2026-01-01, >= 99.7% from 2027-01-01'), 'sla/objective-schedule');
        const fixed = apply("Remove 'from 2026-01-01'");
        expect(fixed).toContain('objective Availability >= 99.5% per calendar month, >= 99.7% from 2027-01-01\n');
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('credits payable from the validity\'s first day: the fix removes the day', async () => {
        const text = hosting('>= 99.5% per calendar month').replace('\n}\n', '\n    credit for Availability per calendar month from 2026-01-01, capped at 1000 EUR {\n        missed : 500 EUR\n    }\n}\n');
        const fixed = (await fixesFor(text, 'sla/objective-schedule')).apply("Remove 'from 2026-01-01'");
        expect(fixed).toContain('    credit for Availability per calendar month, capped at 1000 EUR {\n');
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a schedule within the validity, on window starts, is clean', async () => {
        expect(codesOf((await validate(hosting('>= 99.5% per calendar month from 2026-04-01, >= 99.7% from 2027-01-01'))).diagnostics)).toEqual([]);
    });
});
