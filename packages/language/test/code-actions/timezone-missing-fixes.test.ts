import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement without a time zone of its own, a monthly objective in its service, `inService` the service's first lines and `calendar` a calendar. */
function hosting(inService: string, calendar = ''): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
${calendar}
    service Web "Web shop" {
${inService}        kpi Availability "Uptime" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
    }
}
`;
}

const withZone = (text: string, zone: string) => text.replace('agreement Hosting "Hosting" {\n', `agreement Hosting "Hosting" {\n    timezone "${zone}"\n`);

const titlesOf = async (text: string) => (await fixesFor(text, 'sla/timezone-missing')).actions.map(action => [action.title, action.isPreferred ?? false]);

describe('the zone a missing time zone is given', () => {
    test('no zone written anywhere: UTC, preferred', async () => {
        expect(await titlesOf(hosting(''))).toEqual([['Add timezone "UTC"', true]]);
        const { apply } = await fixesFor(hosting(''), 'sla/timezone-missing');
        expect(codesOf((await validate(apply('Add timezone "UTC"'))).diagnostics)).toEqual([]);
    });

    test('the only zone written is misplaced in a service: its zone first, and nothing preferred (moving it settles both)', async () => {
        // A month that starts at midnight UTC instead of Berlin is shifted by one hour (two in summer).
        const before = hosting('        timezone "Europe/Berlin"\n');
        expect(await titlesOf(before)).toEqual([['Add timezone "Europe/Berlin"', false], ['Add timezone "UTC"', false]]);
        const { apply } = await fixesFor(before, 'sla/member-misplaced');
        expect(codesOf((await validate(apply('Move it to the agreement'))).diagnostics)).toEqual([]);
    });

    test('a calendar written in Berlin time: Berlin, preferred', async () => {
        const before = hosting('', '\n    calendar Office "Office hours" {\n        timezone "Europe/Berlin"\n        monday to friday 08:00 to 18:00\n    }\n');
        expect(await titlesOf(before)).toEqual([['Add timezone "Europe/Berlin"', true], ['Add timezone "UTC"', false]]);
        const { apply } = await fixesFor(before, 'sla/timezone-missing');
        const fixed = apply('Add timezone "Europe/Berlin"');
        expect(fixed).toBe(withZone(before, 'Europe/Berlin'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
