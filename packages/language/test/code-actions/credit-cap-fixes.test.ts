import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/**
 * A service credit per `window` with its caps written `cap` and its tier's `amount`; `line` (a
 * cap on all credits together) in the agreement, or with `lineInService` in the service.
 */
function fixture({ window = 'calendar quarter', cap = 'capped at 50% of fee', line = '', lineInService = false, amount = '10% of fee' }: { window?: string; cap?: string; line?: string; lineInService?: boolean; amount?: string }): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
${line && !lineInService ? `    ${line}\n` : ''}
    dataset outages "Outages" from "data/outages.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web" {
${line && lineInService ? `        ${line}\n` : ''}        kpi Availability "Share of time up" = uptime(outages, from started to resolved)
        objective Availability >= 99.9% per ${window}
        credit for Availability per ${window}, ${cap} {
            below 99.9% : ${amount}
        }
    }
}
`;
}

/** A quarterly credit whose cap is written `cap`. */
const agreement = (cap: string): string => fixture({ cap });

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

/** A monthly credit, and `line` (a cap on all credits together) in the agreement or, with `inService`, in the service. */
const atRisk = (line: string, inService = false): string => fixture({ window: 'calendar month', line, lineInService: inService });

describe('a cap on all credits together without its period', () => {
    test('per calendar month is clean', async () => {
        expect(codesOf((await validate(atRisk('credits capped at 12% of fee per calendar month'))).diagnostics)).toEqual([]);
    });

    test.each([
        ["Add 'per calendar month'", 'credits capped at 12% of fee per calendar month'],
        ["Add 'per calendar year'", 'credits capped at 12% of fee per calendar year']
    ])('%s', async (title, after) => {
        const { apply } = await fixesFor(atRisk('credits capped at 12% of fee'), 'sla/credit-cap');
        const fixed = apply(title);
        expect(fixed).toBe(atRisk(after));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('in a service it caps the service\'s credits: in money, or a share of the service\'s own fee', async () => {
        expect(codesOf((await validate(atRisk('credits capped at 120 EUR per calendar month', true))).diagnostics)).toEqual([]);
        // The service Web has no fee of its own: a share of it cannot be computed.
        const { diagnostics } = await validate(atRisk('credits capped at 12% of fee per calendar month', true));
        expect(diagnostics.map(d => [d.code, d.message])).toEqual([['sla/fee-missing', "'12% of fee' is a share of the service's fee, but the service Web states no fee of its own: the cap cannot be computed. Add e.g. 'fee 4000 EUR per calendar month' to the service, or write the cap in money."]]);
    });

    test('over a quarterly credit, only periods that hold a quarter are offered: per calendar quarter first (per calendar month would be another error)', async () => {
        const quarterly = (line: string) => fixture({ line });
        const { actions, apply } = await fixesFor(quarterly('credits capped at 12% of fee'), 'sla/credit-cap');
        expect(actions.map(action => [action.title, action.isPreferred === true])).toEqual([["Add 'per calendar quarter'", true], ["Add 'per calendar year'", false]]);
        for (const period of ['quarter', 'year']) {
            const fixed = apply(`Add 'per calendar ${period}'`);
            expect(fixed).toBe(quarterly(`credits capped at 12% of fee per calendar ${period}`));
            expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
        }
    });

    test('beside a monthly cap: only the periods not capped yet, none preferred (which one is meant is the writer\'s choice)', async () => {
        const caps = (second: string) => atRisk(`credits capped at 20% of fee per calendar month\n    credits capped at 5000 EUR${second}`);
        const { actions, apply } = await fixesFor(caps(''), 'sla/credit-cap');
        expect(actions.map(action => [action.title, action.isPreferred === true])).toEqual([["Add 'per calendar quarter'", false], ["Add 'per calendar year'", false]]);
        const message = (await validate(caps(''))).diagnostics.find(d => d.code === 'sla/credit-cap')!.message;
        expect(message).toContain("write e.g. 'capped at 5000 EUR per calendar quarter'");
        const fixed = apply("Add 'per calendar year'");
        expect(fixed).toBe(caps(' per calendar year'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('beside caps per month and per quarter: the year alone, preferred; with the year capped too, no period is left', async () => {
        const caps = (more: string) => atRisk(`credits capped at 20% of fee per calendar month\n    credits capped at 10000 EUR per calendar quarter\n${more}    credits capped at 5000 EUR`);
        expect((await fixesFor(caps(''), 'sla/credit-cap')).actions.map(action => [action.title, action.isPreferred === true])).toEqual([["Add 'per calendar year'", true]]);
        const allCapped = caps('    credits capped at 30000 EUR per calendar year\n');
        expect((await fixesFor(allCapped, 'sla/credit-cap')).actions).toEqual([]);
        expect((await validate(allCapped)).diagnostics.find(d => d.code === 'sla/credit-cap')!.message).toContain('each period this cap could be per is capped already');
    });

    test('a monthly cap over a quarterly credit: cap all credits per calendar quarter', async () => {
        const quarterly = (line: string) => fixture({ line });
        const text = quarterly('credits capped at 12% of fee per calendar month');
        expect(text).toContain('credit for Availability per calendar quarter');
        const { apply } = await fixesFor(text, 'sla/credit-cap');
        const fixed = apply('Cap all credits per calendar quarter');
        expect(fixed).toBe(quarterly('credits capped at 12% of fee per calendar quarter'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});

describe('allocations of the at-risk amount and the pool without their unit', () => {
    const allocated = (line: string, amount: string) => fixture({ window: 'calendar month', line, amount });

    test('a percentage of the at-risk amount and of the pool is clean', async () => {
        expect(codesOf((await validate(allocated('credits capped at 12% of fee per calendar month, pool 250%', '40% of at-risk amount'))).diagnostics)).toEqual([]);
    });

    test('an allocation without its unit: add %', async () => {
        const { apply } = await fixesFor(allocated('credits capped at 12% of fee per calendar month', '40 of at-risk amount'), 'sla/unit-missing');
        const fixed = apply("Add '%'");
        expect(fixed).toBe(allocated('credits capped at 12% of fee per calendar month', '40% of at-risk amount'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('a pool without its unit: add %', async () => {
        const { apply } = await fixesFor(allocated('credits capped at 12% of fee per calendar month, pool 250', '40% of at-risk amount'), 'sla/unit-missing');
        const fixed = apply("Add '%'");
        expect(fixed).toBe(allocated('credits capped at 12% of fee per calendar month, pool 250%', '40% of at-risk amount'));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });
});
