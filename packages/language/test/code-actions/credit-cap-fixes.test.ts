import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A quarterly credit whose cap is written `cap`. */
function agreement(cap: string): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    dataset outages "Outages" from "data/outages.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web" {
        kpi Availability "Share of time up" = uptime(outages, from started to resolved)
        objective Availability >= 99.9% per calendar quarter
        credit for Availability per calendar quarter, ${cap} {
            below 99.9% : 10% of fee
        }
    }
}
`;
}

describe('a cap per a period that is neither the credit\'s window nor a year', () => {
    test('the credit\'s own window and a calendar year are clean', async () => {
        expect(codesOf((await validate(agreement('capped at 100 EUR per calendar quarter, capped at 300 EUR per calendar year'))).diagnostics)).toEqual([]);
    });

    test.each([
        ["Write 'capped at 100 EUR' (each credit window)", 'capped at 100 EUR'],
        ["Write 'capped at 100 EUR per calendar year'", 'capped at 100 EUR per calendar year']
    ])('%s', async (title, after) => {
        const { apply } = await fixesFor(agreement('capped at 100 EUR per calendar month'), 'sla/credit-cap');
        const fixed = apply(title);
        expect(fixed).toBe(agreement(after));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
