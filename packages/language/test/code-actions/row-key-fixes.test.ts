import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

function desk(fields: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset tickets "Tickets" from "data/desk-tickets.csv" {
        one row per id, seq
${fields}
    }

    kpi Opened "Tickets" = count(tickets)
    objective Opened <= 100 per calendar month
}
`;
}

describe('quick fix of an optional key field (sla/row-key)', () => {
    test('makes the field required, its comment kept', async () => {
        const before = desk('        opened   timestamp\n        id       text\n        seq      integer optional   // the export\'s row number');
        const { apply } = await fixesFor(before, 'sla/row-key');
        const fixed = apply("Make 'seq' required");
        expect(fixed).toBe(desk('        opened   timestamp\n        id       text\n        seq      integer // the export\'s row number'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('makes the field after latest by required', async () => {
        const before = desk('        opened   timestamp\n        id       text\n        seq      integer\n        resolved timestamp optional').replace('one row per id, seq', 'one row per id, seq, latest by resolved');
        const { apply } = await fixesFor(before, 'sla/row-key');
        const fixed = apply("Make 'resolved' required");
        expect(fixed).toBe(desk('        opened   timestamp\n        id       text\n        seq      integer\n        resolved timestamp').replace('one row per id, seq', 'one row per id, seq, latest by resolved'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('an optional field that is not in the key is no problem', async () => {
        const text = desk('        opened   timestamp\n        id       text\n        seq      integer\n        resolved timestamp optional');
        expect(codesOf((await validate(text)).diagnostics)).toEqual([]);
    });
});

describe('quick fix of a key the data file repeats (sla/row-key warning)', () => {
    const exported = (key: string) => `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset tickets "Tickets" from "data/tickets-twice.csv" {
        ${key}
        id       text
        opened   timestamp
        resolved timestamp
    }

    kpi Opened "Tickets" = count(tickets)
    objective Opened <= 100 per calendar month
}
`;

    test('offers to count the latest version by each required timestamp outside the key, none preferred', async () => {
        const { actions, apply } = await fixesFor(exported('one row per id'), 'sla/row-key');
        expect(actions.map(action => [action.title, action.isPreferred ?? false])).toEqual([
            ["Count the latest row of each id by 'opened'", false],
            ["Count the latest row of each id by 'resolved'", false]
        ]);
        const fixed = apply("Count the latest row of each id by 'resolved'");
        expect(fixed).toBe(exported('one row per id, latest by resolved'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
