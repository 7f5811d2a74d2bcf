import { describe, expect, test } from 'vitest';
import { fixesFor } from './fix-harness.js';

function storage(tier: string): string {
    return `agreement Storage "Object storage" {
    provider P "Provider Inc."
    customer C "Example Ltd"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 5000 USD per calendar month

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Uptime = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month
    credit for Uptime per calendar month, capped at 100% of fee {
        ${tier} : 10% of fee
        below 98.0% : 25% of fee
    }
}
`;
}

describe('quick fix of a tier with two bounds on one side', () => {
    test('two lower bounds: a range from the smaller to the larger', async () => {
        const { apply } = await fixesFor(storage('at least 99.0% and at least 98.0%'), 'sla/range-invalid');
        expect(apply("Write 'at least 98.0% and below 99.0%'")).toBe(storage('at least 98.0% and below 99.0%'));
    });

    test('two upper bounds: the smaller becomes the lower bound', async () => {
        const { apply } = await fixesFor(storage('below 99.9% and at most 99.0%'), 'sla/range-invalid');
        expect(apply("Write 'above 99.0% and below 99.9%'")).toBe(storage('above 99.0% and below 99.9%'));
    });
});
