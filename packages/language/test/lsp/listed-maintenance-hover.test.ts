import { describe, test } from 'vitest';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

const CHANGES = `    dataset changes "Change log" from "data/changes.csv" {
        kind      one of "maintenance", "emergency"
        start     timestamp
        end       timestamp
        announced timestamp optional
    }

`;

/** The fixture with Patching's periods listed in a change log (`periods` as written) instead of its Sunday slot. */
function listed(periods: string, notice = '        notice 72 hours\n'): string {
    return AGREEMENT
        .replace('        every sunday 02:00 to 04:00\n        notice 72 hours\n', `        ${periods}\n${notice}`)
        .replace('    dataset requests', `${CHANGES}    dataset requests`);
}

const ANNOUNCED = 'periods(changes where kind = "maintenance", from start to end, announced at announced)';

describe('hover on a maintenance whose periods a dataset lists', () => {
    test('the periods, and what the notice means for each: announced in time or ordinary time', async () => {
        await hover({
            text: withCursor('Patching "Planned', 0, listed(ANNOUNCED)),
            index: 0,
            hover: '**Maintenance Patching** — Planned maintenance\n\n'
                + '- The periods listed in changes where kind is "maintenance", each from `start` to `end`: a period counts only if announced (`announced`) '
                + 'at least 72 hours before it starts — one announced later, or never, is ordinary time, downtime in it included (the report lists it)\n'
                + '- Announced 72 hours in advance\n\n'
                + 'Where a KPI says `excluding Patching` or an exclusion says `during Patching`, this time counts neither as downtime nor as eligible time. '
                + 'Counted as available instead (`counting Patching as available`, `during Patching, counted as available`), it stays eligible time and no outage in it is downtime.'
        });
    });

    test('without announcement times the hover says the notice is not checked', async () => {
        await hover({
            text: withCursor('Patching "Planned', 0, listed('periods(changes, from start to end)')),
            index: 0,
            hover: /- The periods listed in changes, each from `start` to `end`; the notice is not checked: the rows give no announcement time, so every listed period counts\n/
        });
    });

    test('the error budget of an uptime excluding it is a share of eligible time known only from the data', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, listed(ANNOUNCED)),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. That allows at most 0.1% of each month\'s eligible time as downtime '
                + '(maintenance Patching takes its periods from data: each month\'s eligible time is known when it is evaluated).'
        });
    });

    test('a maintenance with slots only still counts its budget minute by minute', async () => {
        // February 2026 in Berlin: 28 × 1,440 = 40,320 min less four Sundays 02:00–04:00 (480 min) = 39,840 min; 0.1% = 39 min 50.4 s → 39 min 50 s.
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT),
            index: 0,
            hover: /39 min 50 s in February 2026 \(39,840 eligible minutes\)/
        });
    });

    test('the periods and announced keywords show the glossary entry', async () => {
        await hover({ text: withCursor('periods(changes', 0, listed(ANNOUNCED)), index: 0, hover: /^\*\*Maintenance listed in data \(`periods`\)\*\*: `periods\(changes where kind = "standard"/ });
        await hover({ text: withCursor('announced at', 0, listed(ANNOUNCED)), index: 0, hover: /^\*\*Maintenance listed in data \(`periods`\)\*\*: / });
    });
});
