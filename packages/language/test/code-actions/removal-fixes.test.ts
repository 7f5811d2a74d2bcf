import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement around one dataset of the corpus's UTF-8 ticket export (`Ticket;Priorität;Eröffnet`); `dataset` is its whole text. */
function desk(dataset: string): string {
    return `agreement Enc "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"

${dataset}

    kpi Open "Tickets" = count(tickets)
    objective Open >= 1 per calendar month
}
`;
}

/** An agreement whose maintenance lists its periods on the line `periods` (the corpus's change log). */
function hosting(periods: string): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset changes "Change log" from "data/changes.csv" {
        kind one of "maintenance", "emergency"
        start timestamp
        end timestamp
        announced timestamp optional
        ticket text
    }

    maintenance Twice "Listed twice" {
        ${periods}
        notice 48 hours
    }

    dataset incidents "Incidents" from "data/incidents.csv" {
        severity one of "outage", "degraded", "minor"
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Uptime" = uptime(incidents, from started to resolved) excluding Twice
    objective Availability >= 99.9% per calendar month
}
`;
}

const MAINTENANCE = 'periods(changes where kind = "maintenance", from start to end, announced at announced)';
const EMERGENCY = 'periods(changes where kind = "emergency", from start to end, announced at announced)';

describe('a fix that removes a member removes that member only', () => {
    test('on a line of its own the line goes (the clean result has no diagnostic)', async () => {
        const fixed = desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" {\n        separator ";"\n        id text column "Ticket"\n    }');
        const { apply } = await fixesFor(desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" {\n        encoding "utf-16"\n        separator ";"\n        id text column "Ticket"\n    }'), 'sla/csv-dialect');
        expect(apply('Remove encoding "utf-16"')).toBe(fixed);
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a dataset written on one line keeps its other members (not the whole line, dataset and all)', async () => {
        const { apply } = await fixesFor(desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" { encoding "utf-16" separator ";" id text column "Ticket" }'), 'sla/csv-dialect');
        const fixed = apply('Remove encoding "utf-16"');
        expect(fixed).toBe(desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" { separator ";" id text column "Ticket" }'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a comment beside the member stays', async () => {
        const before = desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" {\n        encoding "utf-16"   // Excel export, see OPS-1234\n        separator ";"\n        id text column "Ticket"\n    }');
        const { apply } = await fixesFor(before, 'sla/csv-dialect');
        const fixed = apply('Remove encoding "utf-16"');
        expect(fixed).toBe(desk('    dataset tickets "Tickets" from "data/encoding-utf8.csv" {\n        // Excel export, see OPS-1234\n        separator ";"\n        id text column "Ticket"\n    }'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('the second of two periods(…) sharing a line goes, the first stays', async () => {
        const { apply } = await fixesFor(hosting(`${MAINTENANCE} ${EMERGENCY}`), 'sla/duplicate-entry');
        const fixed = apply('Remove this second periods(…)');
        expect(fixed).toBe(hosting(MAINTENANCE));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
