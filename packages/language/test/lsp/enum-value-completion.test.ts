/**
 * Completion of an enum field's values after `=`, `!=` and `in (`: what an accepted value leaves
 * in the line (the editor's closing quote is replaced, not doubled), and whose values are
 * offered (the field the name links to, not a same-named field of a file not imported).
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { completeIn } from './completion-harness.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
afterEach(() => clearDocuments(services));

const SEVERITY = 'incidents where severity = "outage", from started';

/** The fixture's Availability KPI with its `severity = "outage"` written as `condition`. */
function availabilityWith(condition: string): Record<string, string> {
    return { 'shop.sla': AGREEMENT.replace(SEVERITY, `incidents where ${condition}, from started`) };
}

describe('accepting an enum value', () => {
    test('inside the quotes the editor closed: the value replaces both quotes', async () => {
        // `severity = "<|>"`: the range runs from the opening quote through the closing one,
        // so `"outage"` replaces `""` — before, it replaced only `"` and left `"outage""`.
        const answer = await completeIn(services, availabilityWith('severity = "<|>"'));
        expect(answer.lineAfter('"outage"')).toBe('            uptime(incidents where severity = "outage", from started to resolved) excluding Patching');
    });

    test('a value begun inside closed quotes, and the second of a list', async () => {
        expect((await completeIn(services, availabilityWith('severity = "ou<|>"'))).lineAfter('"outage"'))
            .toContain('where severity = "outage", from');
        // `in ("outage", "<|>")`: `"minor"` replaces `""`, the `)` stays: `in ("outage", "minor"), from`.
        expect((await completeIn(services, availabilityWith('severity in ("outage", "<|>")'))).lineAfter('"minor"'))
            .toContain('where severity in ("outage", "minor"), from');
    });

    test('without a closing quote, or without any quote, nothing after the cursor is replaced', async () => {
        // The comma after `"ou` is not part of the value: `"outage"` + `, from`.
        expect((await completeIn(services, availabilityWith('severity = "ou<|>'))).lineAfter('"outage"'))
            .toContain('where severity = "outage", from');
        expect((await completeIn(services, availabilityWith('severity = <|>'))).lineAfter('"minor"'))
            .toContain('where severity = "minor", from');
    });
});

const OWN_TICKETS = `agreement Lakeside "Lakeside" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        priority  one of "P1", "P2", "P3"
    }
    service Desk {
        kpi Urgent = count(tickets where priority = <|>)
        objective Urgent <= 10 per calendar month
    }
}
`;

/** A provider's library in the same workspace, not imported by OWN_TICKETS. */
const LIBRARY = `dataset tickets "All clients' tickets" from "all-tickets.csv" {
    opened    timestamp
    priority  one of "P1", "P2", "P3", "P4"
}
dataset requests "Requests" from "requests.csv" {
    time      timestamp
    channel   one of "web", "phone"
}
`;

describe('whose values are offered', () => {
    test('the values of the field the name links to, not of a same-named field of a file not imported', async () => {
        // Lakeside's own tickets have P1, P2, P3; the library's P4 would be sla/enum-value-unknown here.
        const answer = await completeIn(services, { 'library/shared.sla': LIBRARY, 'lakeside.sla': OWN_TICKETS });
        expect(answer.labels).toEqual(['"P1"', '"P2"', '"P3"']);
    });

    test('an imported file\'s field is offered; a field no dataset in sight has, nothing', async () => {
        const importing = `import "library/shared.sla"\n${OWN_TICKETS.replace('count(tickets where priority = <|>)', 'count(requests where channel = <|>)')}`;
        expect((await completeIn(services, { 'library/shared.sla': LIBRARY, 'lakeside.sla': importing })).labels).toEqual(['"web"', '"phone"']);
        const notImported = OWN_TICKETS.replace('count(tickets where priority = <|>)', 'count(requests where channel = <|>)');
        const answer = await completeIn(services, { 'library/shared.sla': LIBRARY, 'lakeside.sla': notImported });
        expect(answer.labels).not.toContain('"web"');
    });

    test('in a template: the field\'s values, then its text parameters (never its numbers or calendars)', async () => {
        const template = OWN_TICKETS.replace('agreement Lakeside "Lakeside" {', `template Desk "Desk" {
    parameter urgent text default "P1"
    parameter availability percentage default 99.9 %
    parameter hours calendar default Office
    calendar Office "Office" {
        monday to friday 08:00 to 18:00
    }`);
        const answer = await completeIn(services, { 'desk.sla': template });
        expect(answer.labels).toEqual(['"P1"', '"P2"', '"P3"', 'urgent']);
        expect(answer.lineAfter('urgent')).toBe('        kpi Urgent = count(tickets where priority = urgent)');
        // Inside quotes a parameter is no value: only the field's values.
        const quoted = await completeIn(services, { 'desk.sla': template.replace('priority = <|>', 'priority = "<|>"') });
        expect(quoted.labels).toEqual(['"P1"', '"P2"', '"P3"']);
    });
});
