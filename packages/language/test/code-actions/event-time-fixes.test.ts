import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

function desk(fields: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset tickets "Tickets" from "data/desk-tickets.csv" {
${fields}
    }

    kpi Opened "Tickets" = count(tickets)
    objective Opened <= 100 per calendar month
}
`;
}

describe('quick fix of an optional event time', () => {
    test('declares the timestamp every row has first', async () => {
        const before = desk('        resolved timestamp optional\n        id       text\n        opened   timestamp');
        const { apply } = await fixesFor(before, 'sla/event-time-optional');
        const fixed = apply("Declare 'opened' first");
        expect(fixed).toBe(desk('        opened   timestamp\n        resolved timestamp optional\n        id       text'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('no fix moves a line that holds a comment', async () => {
        const before = desk('        resolved timestamp optional\n        opened   timestamp   // when the ticket came in');
        const { actions } = await fixesFor(before, 'sla/event-time-optional');
        expect(actions.map(a => a.title)).not.toContain("Declare 'opened' first");
    });
});
