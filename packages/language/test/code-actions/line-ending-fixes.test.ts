import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement without a time zone (a monthly objective needs one), its lines broken with `eol`. */
function hosting(eol: string, zone = ''): string {
    return `agreement Hosting "Hosting" {
${zone}    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Uptime" = uptime(incidents, from started to resolved)
    objective Availability >= 99.9% per calendar month
}
`.replace(/\n/g, eol);
}

describe('the line breaks a fix writes', () => {
    test('in a CRLF file they are CRLF (a bare LF would leave the file with mixed line endings)', async () => {
        const { actions, apply } = await fixesFor(hosting('\r\n'), 'sla/timezone-missing');
        const edits = Object.values(actions[0]!.edit!.changes!)[0]!;
        expect(edits.map(edit => edit.newText)).toEqual(['\r\n    timezone "UTC"']);
        const fixed = apply('Add timezone "UTC"');
        expect(fixed).toBe(hosting('\r\n', '    timezone "UTC"\n'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('in an LF file they stay LF', async () => {
        const { apply } = await fixesFor(hosting('\n'), 'sla/timezone-missing');
        expect(apply('Add timezone "UTC"')).toBe(hosting('\n', '    timezone "UTC"\n'));
    });
});
