import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A clean agreement whose maintenance holds `slot`. */
function agreement(slot: string): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"

    maintenance Migration "Storage migration" {
        ${slot}
        notice 72 hours
    }

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web shop" {
        kpi Availability "Uptime" = uptime(incidents, from started to resolved) excluding Migration
        objective Availability >= 99.9% per calendar month
    }
}
`;
}

describe('quick fix of a one-off slot that ends before it starts', () => {
    test('22:00 to 02:00 on an earlier day: end on the day after the start', async () => {
        const { actions, apply } = await fixesFor(agreement('on 2026-06-20 22:00 to 2026-06-19 02:00'), 'sla/maintenance-rule');
        expect(actions.map(a => a.title)).toEqual(['End on 2026-06-21']);
        const fixed = apply('End on 2026-06-21');
        expect(fixed).toBe(agreement('on 2026-06-20 22:00 to 2026-06-21 02:00'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('01:00 to 03:00 on an earlier day: end on the start day', async () => {
        const { apply } = await fixesFor(agreement('on 2026-06-20 01:00 to 2026-06-19 03:00'), 'sla/maintenance-rule');
        expect(apply('End on 2026-06-20')).toBe(agreement('on 2026-06-20 01:00 to 2026-06-20 03:00'));
    });
});
