import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate, withConnections } from './fix-harness.js';

/**
 * A diagnostic that asks "Did you mean 'X'?" offers the quick fix that writes X: one fix per
 * name it suggests, the first preferred (unless another is as near). The fixes of the other
 * such diagnostics are tested beside their checks (quick-fixes, calendar-rule-fixes, terms-fixes,
 * nearest-name-fixes, removal-fixes); these are the ones that had none.
 */

/** A web store billed from its charges; `members` follow the datasets, `fee` is its fee line. */
function store(members: string, fee = 'fee from sum(billing.amount)'): string {
    return `agreement Store "Web store" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    ${fee}

    dataset requests "Access log" from "data/requests.csv" {
        time timestamp
        latency duration ms column "latency_ms"
        status integer
    }
    dataset billing "Charges" from "data/billing.csv" {
        time timestamp
        service text
        amount number in USD
        gigabytes number
    }
${members}
}
`;
}

const latency = (unit: string) => store(`    kpi Latency "95th percentile latency"${unit} = percentile(95, requests.latency)\n    objective Latency <= 300 ms per calendar month`);

/** A template with the parameters `parameters` and a client of it writing `argument`. */
function offering(parameters: string, argument: string): string {
    return `dataset incidents "Incidents" from "data/incidents.csv" {
    started timestamp
    resolved timestamp optional
}

template Hosting "Hosting" {
${parameters}
    provider P "Provider GmbH"
    kpi Uptime "Share of time up" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9 % per calendar month
}

agreement Client "Client" from Hosting {
    customer C "Client AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 100 EUR per calendar month
${argument}}
`;
}

/** A dataset read from a table of the connection `connection`. */
function warehouse(connection: string): string {
    return `agreement Tables "Tables" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 100 EUR per calendar month
    dataset requests "Requests" from table "public"."requests" of connection ${connection} {
        time timestamp
        status integer
    }
    kpi Requests "Requests" = count(requests)
    objective Requests >= 1 per calendar month
}
`;
}

/** The fixes offered for the one `code` diagnostic: title and whether it is preferred. */
async function offered(text: string, code: string): Promise<Array<[string, boolean]>> {
    return (await fixesFor(text, code)).actions.map(action => [action.title, action.isPreferred ?? false]);
}

/** Applies the fix titled `title` to the only `code` diagnostic of `before`: it yields `after`, which has no diagnostic left. */
async function expectFix(before: string, code: string, title: string, after: string): Promise<void> {
    const { apply } = await fixesFor(before, code);
    expect(apply(title)).toBe(after);
    expect(codesOf((await validate(after)).diagnostics)).toEqual([]);
}

describe("'Did you mean' diagnostics write what they suggest", () => {
    test('the fixtures as meant are clean', async () => {
        expect(codesOf((await validate(latency(' unit ms'))).diagnostics)).toEqual([]);
        expect(codesOf((await validate(store('', 'fee from sum(billing.amount) + 10 USD'))).diagnostics)).toEqual([]);
        expect(codesOf((await validate(offering('    parameter refund percentage default 10 %', '    with refund = 20 %\n'))).diagnostics)).toEqual([]);
        expect(codesOf((await withConnections(['warehouse', 'lake'], () => validate(warehouse('warehouse')))).diagnostics)).toEqual([]);
    });

    test("unit-unknown: a KPI's declared unit gets the nearest units, the first preferred", async () => {
        expect((await validate(latency(' unit msec'))).diagnostics[0]?.message).toContain("Did you mean 'ms'?");
        await expectFix(latency(' unit msec'), 'sla/unit-unknown', "Write 'ms'", latency(' unit ms'));
        // Two units suggested: one fix each, in the message's order.
        expect((await validate(latency(' unit hous'))).diagnostics[0]?.message).toContain("Did you mean 'hours' or 'hour'?");
        expect(await offered(latency(' unit hous'), 'sla/unit-unknown')).toEqual([["Write 'hours'", true], ["Write 'hour'", false]]);
    });

    test("unit-unknown: a number in a fee's formula gets the nearest unit", async () => {
        const before = store('', 'fee from sum(billing.amount) + 10 usdd');
        expect(await offered(before, 'sla/unit-unknown')).toEqual([["Write 'USD'", true]]);
        await expectFix(before, 'sla/unit-unknown', "Write 'USD'", store('', 'fee from sum(billing.amount) + 10 USD'));
    });

    test("fee-previous: the nearest calendar period", async () => {
        await expectFix(store('', 'fee from sum(billing.amount) of previous mont'), 'sla/fee-previous', "Write 'of previous month'",
            store('', 'fee from sum(billing.amount) of previous month'));
    });

    test('parameter-type-unknown: the nearest parameter type', async () => {
        const before = offering('    parameter refund precentage default 10 %', '    with refund = 20 %\n');
        expect(await offered(before, 'sla/parameter-type-unknown')).toEqual([["Write 'percentage'", true]]);
        await expectFix(before, 'sla/parameter-type-unknown', "Write 'percentage'", offering('    parameter refund percentage default 10 %', '    with refund = 20 %\n'));
        // Nothing near: no fix to offer.
        expect(await offered(offering('    parameter refund velocity default 10 %', ''), 'sla/parameter-type-unknown')).toEqual([]);
    });

    test("template-parameter-unknown: the nearest parameter first and preferred, none preferred when two are as near", async () => {
        const credits = '    parameter tier1Credit percentage default 5 %\n    parameter tier2Credit percentage default 10 %';
        await expectFix(offering(credits, '    with tier2Credt = 20 %\n'), 'sla/template-parameter-unknown', "Write 'tier2Credit'",
            offering(credits, '    with tier2Credit = 20 %\n'));
        // 'tier2Credt' is one edit from 'tier2Credit', two from 'tier1Credit': the message names the nearer one.
        const nearer = (await validate(offering(credits, '    with tier2Credt = 20 %\n'))).diagnostics.find(d => d.code === 'sla/template-parameter-unknown');
        expect(nearer?.message).toContain("Did you mean 'tier2Credit'?");
        expect(await offered(offering(credits, '    with tier2Credt = 20 %\n'), 'sla/template-parameter-unknown'))
            .toEqual([["Write 'tier2Credit'", true], ["Write 'tier1Credit'", false]]);
        expect(await offered(offering(credits, '    with tier3Credit = 20 %\n'), 'sla/template-parameter-unknown'))
            .toEqual([["Write 'tier1Credit'", false], ["Write 'tier2Credit'", false]]);
    });

    test("unit-unknown and unit-missing in a 'where' condition: an exclusion, periods(…) of a maintenance, an objective each", async () => {
        const exclusion = (limit: string) => store(`    exclusion Fast "Requests served from cache" = requests where latency < ${limit}\n    kpi Requests "Requests" = count(requests)\n    objective Requests >= 1 per calendar month`);
        expect(codesOf((await validate(exclusion('5 ms'))).diagnostics)).toEqual([]);
        await expectFix(exclusion('5 msec'), 'sla/unit-unknown', "Write 'ms'", exclusion('5 ms'));
        // A bare number compared with a duration: the units that fit it.
        await expectFix(exclusion('5'), 'sla/unit-missing', "Add 'ms'", exclusion('5 ms'));
        const maintenance = (limit: string) => store(`    dataset changes "Changes" from "data/requests.csv" {\n        time timestamp\n        latency duration ms column "latency_ms"\n    }\n    maintenance Changes "Changes" {\n        periods(changes where latency > ${limit}, from time to time)\n        requested by customer\n    }\n    kpi Requests "Requests" = count(requests)\n    objective Requests >= 1 per calendar month`);
        const clean = codesOf((await validate(maintenance('5 ms'))).diagnostics);
        await expectFix(maintenance('5 msec'), 'sla/unit-unknown', "Write 'ms'", maintenance('5 ms')).catch((error: unknown) => {
            throw new Error(`${String(error)} (the fixture as meant has ${clean.join(', ') || 'no diagnostics'})`);
        });
        const each = (limit: string) => store(`    kpi Took "Latency of one request" = requests.latency\n    objective each requests where latency > ${limit}: Took <= 3 seconds per calendar month`);
        expect(codesOf((await validate(each('5 ms'))).diagnostics)).toEqual([]);
        await expectFix(each('5 msec'), 'sla/unit-unknown', "Write 'ms'", each('5 ms'));
    });

    test('connection-unknown: the configured connection near the name', async () => {
        await withConnections(['warehouse', 'lake'], async () => {
            expect(await offered(warehouse('warehose'), 'sla/connection-unknown')).toEqual([["Write 'warehouse'", true]]);
            await expectFix(warehouse('warehose'), 'sla/connection-unknown', "Write 'warehouse'", warehouse('warehouse'));
            // Nothing near ('mart'): the message lists the configured ones, and no fix guesses.
            expect(await offered(warehouse('mart'), 'sla/connection-unknown')).toEqual([]);
        });
    });
});

describe('a parser error that names the keyword a misspelt word was meant to be', () => {
    const objective = '    kpi Latency "95th percentile latency" = percentile(95, requests.latency)\n    objective Latency <= 300 ms per calendar month';

    test("offers writing it: 'objectiv' in the agreement becomes 'objective', and the file parses", async () => {
        const text = store(objective.replace('    objective', '    objectiv'));
        const { actions, apply } = await fixesFor(text, 'sla/syntax-error');
        expect(actions.map(action => [action.title, action.isPreferred])).toEqual([["Write 'objective'", true]]);
        const fixed = apply("Write 'objective'");
        expect(fixed).toBe(store(objective));
        expect(codesOf((await validate(fixed)).diagnostics)).not.toContain('sla/syntax-error');
    });

    test("and in a calendar: 'mondya' becomes 'monday'", async () => {
        const calendar = (day: string) => store(`    calendar Office { ${day} 09:00-17:00 }`);
        const { apply } = await fixesFor(calendar('mondya'), 'sla/syntax-error');
        expect(apply("Write 'monday'")).toBe(calendar('monday'));
    });

    test('offers nothing for a word near no keyword, nor for a line without a syntax error', async () => {
        const { actions } = await fixesFor(store(objective.replace('    objective', '    zebra')), 'sla/syntax-error');
        expect(actions).toEqual([]);
        expect(codesOf((await validate(store(objective))).diagnostics)).not.toContain('sla/syntax-error');
    });
});
