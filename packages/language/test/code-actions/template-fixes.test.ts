import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A template promising `availability` (99.9 % by default), and a client of it writing `lines`. */
function fixture(lines: string): string {
    return `dataset incidents "Incidents" from "data/incidents.csv" {
    started timestamp
    resolved timestamp optional
}

template Hosting "Hosting" {
    parameter availability percentage default 99.9 %
    provider P "Provider GmbH"
    kpi Uptime "Share of time up" = uptime(incidents, from started to resolved)
    objective Uptime >= availability per calendar month
}

agreement Client "Client" from Hosting {
    customer C "Client AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 100 EUR per calendar month
${lines}}
`;
}

describe('a client that loosens its template: back to the standard', () => {
    test('the template as it is is clean', async () => {
        expect(codesOf((await validate(fixture(''))).diagnostics)).toEqual([]);
    });

    test('an argument: the template\'s default written in its place', async () => {
        const { apply } = await fixesFor(fixture('    with availability = 99.5 %\n'), 'sla/template-loosened');
        const fixed = apply("Write the template's 99.9 %");
        expect(fixed).toBe(fixture('    with availability = 99.9 %\n'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('the client\'s own objective: removed, the template\'s applies', async () => {
        const { apply } = await fixesFor(fixture('    objective Uptime >= 99.5 % per calendar month   // negotiated\n'), 'sla/template-loosened');
        const fixed = apply("Remove this override: the template's applies");
        expect(fixed).toBe(fixture(''));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('an objective sharing its line with another member is not removed by a fix', async () => {
        const { actions } = await fixesFor(fixture('    timezone "UTC" objective Uptime >= 99.5 % per calendar month\n').replace('    timezone "UTC"\n', ''), 'sla/template-loosened');
        expect(actions.map(action => action.title)).not.toContain("Remove this override: the template's applies");
    });
});
