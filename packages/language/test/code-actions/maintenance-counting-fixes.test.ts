import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement whose uptime reads Patching and Releases as `uptime` says; `exclusions` adds agreement exclusions. */
function agreement(uptime: string, exclusions = ''): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    maintenance Patching "Patching" {
        every sunday 02:00 to 04:00
        notice 48 hours
    }

    maintenance Releases "Releases" {
        every wednesday 22:00 to 23:00
        notice 5 days
    }

    dataset outages "Outages" from "data/outages.csv" {
        started timestamp
        resolved timestamp optional
    }
${exclusions}
    service Web "Web" {
        kpi Availability "Share of time up" = uptime(outages, from started to resolved)${uptime}
        objective Availability >= 99.9% per calendar month
    }
}
`;
}

async function expectFix(before: string, code: string, title: string, after: string): Promise<void> {
    const { apply } = await fixesFor(before, code);
    const fixed = apply(title);
    expect(fixed).toBe(after);
    expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
}

describe('quick fixes of a maintenance read both ways', () => {
    test('the clean agreement has no diagnostic', async () => {
        expect(codesOf((await validate(agreement(' excluding Patching counting Releases as available'))).diagnostics)).toEqual([]);
    });

    test('keep it excluded: the whole counting clause goes when it named only that maintenance', async () => {
        await expectFix(agreement(' excluding Patching counting Patching as available'), 'sla/maintenance-conflict',
            "Keep 'excluding Patching'", agreement(' excluding Patching'));
    });

    test('count it as available: it leaves the excluding list, the other maintenance stays', async () => {
        await expectFix(agreement(' excluding Releases, Patching counting Patching as available'), 'sla/maintenance-conflict',
            "Keep 'counting Patching as available'", agreement(' excluding Releases counting Patching as available'));
        await expectFix(agreement(' excluding Patching, Releases counting Patching as available'), 'sla/maintenance-conflict',
            "Keep 'counting Patching as available'", agreement(' excluding Releases counting Patching as available'));
    });

    test('a maintenance named twice: the second goes, with its comma', async () => {
        await expectFix(agreement(' counting Patching, Patching as available'), 'sla/duplicate-entry',
            "Remove the second 'Patching'", agreement(' counting Patching as available'));
    });

    test('against an exclusion of the agreement: the uptime leaves it to the exclusion', async () => {
        const exclusion = '\n    exclusion Planned "Planned maintenance is not downtime" during Patching, counted as available\n';
        await expectFix(agreement(' excluding Patching', exclusion), 'sla/maintenance-conflict',
            "Remove 'Patching' here: the exclusion 'Planned' decides", agreement('', exclusion));
    });
});
