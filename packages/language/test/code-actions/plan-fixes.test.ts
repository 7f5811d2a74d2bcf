import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** Support plans Developer and Business, with the lines `targets` of the objective's `by plan { … }`. */
function support(targets: string): string {
    return `agreement Support "Support plans" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    plans Developer, Business
    plan Business

    dataset cases "Support cases" from "data/support-cases.csv" {
        opened timestamp
        responded timestamp optional
        severity one of "urgent", "normal"
        plan one of "Developer", "Business"
        origin text
    }

    kpi Urgent "Urgent cases" = count(cases where severity = "urgent")
    objective Urgent by plan {
${targets}
    } per calendar month
}
`;
}

describe('the fix of a plan without a target', () => {
    test('a complete block: the plan is added as its last line', async () => {
        const { apply } = await fixesFor(support('        Developer: <= 5'), 'sla/plan-uncovered');
        const fixed = apply("Add 'Business: none'");
        expect(fixed).toBe(support('        Developer: <= 5,\n        Business: none'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a block cut short by a missing comma: no fix (it would land in the middle of the next line)', async () => {
        // '<= 5' then 'Business' reads as 5 units of 'Business'; the parser stops at the ':' after it.
        const { actions } = await fixesFor(support('        Developer: <= 5\n        Business: <= 3'), 'sla/plan-uncovered');
        expect(actions).toEqual([]);
    });
});
