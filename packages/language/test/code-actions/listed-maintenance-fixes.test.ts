import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement whose maintenance lists its periods as `periods` says (the change log of the corpus data). */
function agreement(periods: string, fields = '        announced timestamp optional\n'): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset changes "Change log" from "data/changes.csv" {
        kind one of "maintenance", "emergency"
        start timestamp
        end timestamp
${fields}        ticket text
    }

    maintenance Announced "Scheduled maintenance" {
${periods}        notice 48 hours
    }

    dataset incidents "Incidents" from "data/incidents.csv" {
        severity one of "outage", "degraded", "minor"
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Uptime" = uptime(incidents, from started to resolved) excluding Announced
    objective Availability >= 99.9% per calendar month
}
`;
}

const UNCHECKED = '        periods(changes where kind = "maintenance", from start to end)\n';
const CHECKED = '        periods(changes where kind = "maintenance", from start to end, announced at announced)\n';

describe('quick fixes of maintenance periods listed in data', () => {
    test('the clean agreement has no diagnostic', async () => {
        expect(codesOf((await validate(agreement(CHECKED))).diagnostics)).toEqual([]);
    });

    test('an unchecked notice: add the dataset\'s other timestamp field as the announcement time (preferred when it is the only one)', async () => {
        const { actions, apply } = await fixesFor(agreement(UNCHECKED), 'sla/maintenance-notice');
        expect(actions.map(action => [action.title, action.isPreferred ?? false])).toEqual([["Add ', announced at announced'", true]]);
        const fixed = apply("Add ', announced at announced'");
        expect(fixed).toBe(agreement(CHECKED));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('two candidate fields: one fix each, none preferred', async () => {
        const { actions } = await fixesFor(agreement(UNCHECKED, '        announced timestamp optional\n        notified timestamp optional\n'), 'sla/maintenance-notice');
        expect(actions.map(action => [action.title, action.isPreferred ?? false])).toEqual([["Add ', announced at announced'", false], ["Add ', announced at notified'", false]]);
    });

    test('no other timestamp field: no fix (the message says what to add)', async () => {
        const { actions } = await fixesFor(agreement(UNCHECKED, ''), 'sla/maintenance-notice');
        expect(actions).toEqual([]);
    });

    test('periods listed twice: remove the second', async () => {
        const twice = `${CHECKED}        periods(changes where kind = "emergency", from start to end, announced at announced)\n`;
        const { apply } = await fixesFor(agreement(twice), 'sla/duplicate-entry');
        const fixed = apply('Remove this second periods(…)');
        expect(fixed).toBe(agreement(CHECKED));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
