import { describe, expect, test } from 'vitest';
import { fixesFor, validate } from './fix-harness.js';

/** A service desk with a measured response time and the clause `clause`. */
function desk(clause: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened timestamp
        responded timestamp optional
    }

    kpi Response "Time to respond" = percentile(90, elapsed(tickets.opened, tickets.responded) wall-clock)
    objective Response <= 30 minutes per calendar month

    ${clause}
}
`;
}

describe('a vague term in a procedural clause', () => {
    test('no fix binds it to a KPI (a procedural clause measured by one is an error), and the message does not advise it', async () => {
        const before = desk('procedural clause Notice "The provider notifies the customer promptly of a breach."');
        const { actions } = await fixesFor(before, 'sla/vague-term');
        expect(actions.map(action => action.title)).toEqual([]);
        const message = (await validate(before)).diagnostics.find(d => d.code === 'sla/vague-term')!.message;
        expect(message).not.toContain("'measured by");
        expect(message).toContain("State the number instead (e.g. 'within 2 business days')");
    });

    test('in an ordinary clause the KPI is offered, and the message says to bind it', async () => {
        const before = desk('clause Notice "The provider notifies the customer promptly of a breach."');
        const { actions } = await fixesFor(before, 'sla/vague-term');
        expect(actions.map(action => action.title)).toEqual(["Measure by 'Response'"]);
        expect((await validate(before)).diagnostics.find(d => d.code === 'sla/vague-term')!.message).toContain("'measured by <Kpi>'");
    });
});
