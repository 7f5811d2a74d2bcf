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

    test('an optional field that is not in the key is no problem', async () => {
        const text = desk('        opened   timestamp\n        id       text\n        seq      integer\n        resolved timestamp optional');
        expect(codesOf((await validate(text)).diagnostics)).toEqual([]);
    });
});
