import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement with plans read from the support cases; `choice` and `targets` vary per test. */
function support(choice: string, targets: string, planValues = '"Developer", "Business", "Enterprise"'): string {
    return `agreement Support "Support plans" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    plans Developer, Business, Enterprise${choice}

    dataset cases "Support cases" from "data/support-cases.csv" {
        opened timestamp
        responded timestamp optional
        severity one of "urgent", "normal"
        plan one of ${planValues}
        origin text
    }

    kpi Urgent "Slowest first response to an urgent case" =
        max(elapsed(cases.opened, cases.responded) wall-clock where severity = "urgent")
    objective Urgent by plan {
${targets}
    } per calendar month
}
`;
}

const ALL = '        Developer: none,\n        Business: <= 4 hours,\n        Enterprise: <= 1 hour';

async function expectClean(text: string): Promise<void> {
    const { diagnostics } = await validate(text);
    expect(codesOf(diagnostics)).toEqual([]);
}

describe('quick fixes for plans', () => {
    test('a plan without a line gets "Plan: none" after the last line', async () => {
        const { apply } = await fixesFor(support('\n    plan from plan', '        Business: <= 4 hours,\n        Enterprise: <= 1 hour'), 'sla/plan-uncovered');
        const fixed = apply("Add 'Developer: none'");
        expect(fixed).toBe(support('\n    plan from plan', '        Business: <= 4 hours,\n        Enterprise: <= 1 hour,\n        Developer: none'));
        await expectClean(fixed);
    });

    test('no plan chosen: "plan <Name>" is added after the plans line', async () => {
        const { apply } = await fixesFor(support('', ALL), 'sla/plan-missing');
        const fixed = apply("Add 'plan Business'");
        expect(fixed).toBe(support('\n    plan Business', ALL));
        await expectClean(fixed);
    });

    test('a misspelt plan name is corrected to the declared one', async () => {
        const { apply } = await fixesFor(support('\n    plan from plan', ALL.replace('Enterprise:', 'Enterprse:')), 'sla/unresolved-reference');
        await expectClean(apply("Write 'Enterprise'"));
    });

    test('a plan field value that names no plan is rewritten to the nearest plan', async () => {
        const { apply } = await fixesFor(support('\n    plan from plan', ALL, '"Developer", "Busines", "Enterprise"'), 'sla/plan-field');
        const fixed = apply('Write "Business" in the field\'s values');
        expect(fixed).toBe(support('\n    plan from plan', ALL));
        await expectClean(fixed);
    });
});

function clauses(lines: string): string {
    return `agreement Claims "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened timestamp
        responded timestamp optional
    }

${lines}

    service Desk "Service desk" {
        kpi Response "Time to respond" = percentile(90, elapsed(tickets.opened, tickets.responded) wall-clock)
        objective Response <= 30 minutes per calendar month
    }
}
`;
}

describe('quick fixes for procedural clauses', () => {
    test('a standard of effort in an ordinary clause: "Mark the clause procedural" settles the vague term', async () => {
        const before = clauses('    clause Effort "The provider uses commercially reasonable efforts to keep the service up."');
        const { apply } = await fixesFor(before, 'sla/vague-term');
        const fixed = apply('Mark the clause procedural');
        expect(fixed).toBe(clauses('    procedural clause Effort "The provider uses commercially reasonable efforts to keep the service up."'));
        await expectClean(fixed);
    });

    test('a claim deadline flagged as unmeasured: marking it procedural settles it', async () => {
        const before = clauses('    clause Claims "The customer claims a credit within 15 days after the end of the month."');
        const { apply } = await fixesFor(before, 'sla/clause-unmeasured');
        await expectClean(apply('Mark the clause procedural'));
    });

    test('a procedural clause measured by a KPI: removing "procedural" keeps the measured promise', async () => {
        const before = clauses('    procedural clause Measured "The provider responds within 30 minutes." measured by Response');
        const { apply } = await fixesFor(before, 'sla/clause-procedural-measured');
        const fixed = apply("Remove 'procedural'");
        expect(fixed).toBe(clauses('    clause Measured "The provider responds within 30 minutes." measured by Response'));
        await expectClean(fixed);
    });
});
