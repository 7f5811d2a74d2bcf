import { afterEach, describe, expect, it } from 'vitest';
import { isClause, isCredit, isInternalTarget, isObjective, isService, type AgreementMember, type Document } from '../../src/generated/ast.js';
import { agreement, createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

const DATA = `
    dataset requests "Requests" from "requests.csv" {
        time timestamp
        region text
        latency duration ms
        status integer
    }`;

function members(document: { parseResult: { value: Document } }): AgreementMember[] {
    return document.parseResult.value.elements.flatMap(e => ('members' in e ? e.members : []) as AgreementMember[]);
}

describe('services, objectives and windows', () => {
    it('parses a service with KPIs (unit, owner), objectives with every comparison and scopes', async () => {
        const document = await parse(agreement(`${DATA}
            service Api "Public API" {
                kpi P95 "95th percentile latency" unit ms owner "SRE team" = percentile(95, requests.latency)
                kpi Errors "Failed requests" = share(requests where status >= 500 of requests)
                objective P95 <= 300 ms per calendar month for each region
                objective P95 < 1 s per calendar week
                objective Errors > 0% per calendar day
                objective Errors >= 0% per calendar quarter
                objective Errors <= 1% per rolling 7 days
                objective Errors <= 2% per calendar year
            }`));
        expect(syntaxErrors(document)).toEqual([]);
        const service = members(document).find(isService)!;
        const objectives = service.members.filter(isObjective);
        expect(objectives.map(o => [o.kpi.$refText, o.comparison, o.target.value, o.target.unit,
            o.window?.calendar ? 'calendar' : o.window?.rolling ? 'rolling' : '?', o.window?.length, o.window?.unit, o.scope?.$refText]))
            .toEqual([
                ['P95', '<=', 300, 'ms', 'calendar', undefined, 'month', 'region'],
                ['P95', '<', 1, 's', 'calendar', undefined, 'week', undefined],
                ['Errors', '>', 0, '%', 'calendar', undefined, 'day', undefined],
                ['Errors', '>=', 0, '%', 'calendar', undefined, 'quarter', undefined],
                ['Errors', '<=', 1, '%', 'rolling', 7, 'days', undefined],
                ['Errors', '<=', 2, '%', 'calendar', undefined, 'year', undefined]
            ]);
        expect(objectives[0].scope?.ref?.name).toBe('region');
    });

    it('accepts the ambiguous window forms so that the validator can explain them', async () => {
        const document = await parse(agreement(`${DATA}
            kpi Errors = share(requests where status >= 500 of requests)
            objective Errors <= 1% monthly
            objective Errors <= 1% per month
            objective Errors <= 1% per 30 days
            objective Errors <= 1% per year
            objective Errors <= 1%`));
        expect(syntaxErrors(document)).toEqual([]);
        const windows = members(document).filter(isObjective).map(o => o.window);
        expect(windows.map(w => w && [w.adverb, w.calendar, w.rolling, w.length, w.unit])).toEqual([
            ['monthly', false, false, undefined, undefined],
            [undefined, false, false, undefined, 'month'],
            [undefined, false, false, 30, 'days'],
            [undefined, false, false, undefined, 'year'],
            undefined
        ]);
    });

    it('reads a bare "30 days" after a target as the target, never as a window', async () => {
        const document = await parse(agreement(`
            dataset t "Tickets" from "t.csv" { opened timestamp closed timestamp }
            kpi Resolution = max(elapsed(t.opened, t.closed) wall-clock)
            objective Resolution <= 30 days`));
        expect(syntaxErrors(document)).toEqual([]);
        const objective = members(document).find(isObjective)!;
        expect([objective.target.value, objective.target.unit, objective.window]).toEqual([30, 'days', undefined]);
    });

    it('parses an objective without comparison (for the validator to report)', async () => {
        const document = await parse(agreement(`${DATA}
            kpi Errors = share(requests where status >= 500 of requests)
            objective Errors 1% per calendar month`));
        expect(syntaxErrors(document)).toEqual([]);
        expect(members(document).find(isObjective)!.comparison).toBeUndefined();
    });
});

describe('credits, internal targets and clauses', () => {
    it('parses credit tiers in every form, per-window and yearly caps', async () => {
        const document = await parse(agreement(`${DATA}
            fee 1000 EUR per calendar month
            kpi Availability = share(requests where status < 500 of requests)
            objective Availability >= 99.9% per calendar month
            credit for Availability per calendar month, capped at 50% of fee, capped at 10000 EUR per calendar year {
                below 99.9% : 10% of fee
                at least 99.0% and below 99.5% : 250 EUR
                between 95% and 99% : 25% of fee
                at most 95% : 100% of fee
                above 99.99% : 0 EUR
            }`));
        expect(syntaxErrors(document)).toEqual([]);
        const credit = members(document).find(isCredit)!;
        expect(credit.kpi.$refText).toBe('Availability');
        expect(credit.caps.map(c => [c.amount.amount.value, c.amount.amount.unit, c.amount.ofFee, c.window?.unit])).toEqual([
            [50, '%', true, undefined],
            [10000, 'EUR', false, 'year']
        ]);
        expect(credit.tiers.map(t => [
            t.condition.between ? `between ${t.condition.low?.value} ${t.condition.high?.value}` : t.condition.bounds.map(b => `${b.operator} ${b.value.value}`).join(' & '),
            t.amount.amount.value, t.amount.amount.unit, t.amount.ofFee
        ])).toEqual([
            ['below 99.9', 10, '%', true],
            ['least 99 & below 99.5', 250, 'EUR', false],
            ['between 95 99', 25, '%', true],
            ['most 95', 100, '%', true],
            ['above 99.99', 0, 'EUR', false]
        ]);
    });

    it('parses internal targets with owners and clauses measured by KPIs', async () => {
        const document = await parse(agreement(`${DATA}
            kpi Availability = share(requests where status < 500 of requests)
            kpi P95 = percentile(95, requests.latency)
            internal target Availability >= 99.95% per calendar month owner "Platform team"
            internal target P95 <= 200 ms per calendar month for each region
            clause Response "The provider keeps the API available 99.9% of each month." measured by Availability, P95`));
        expect(syntaxErrors(document)).toEqual([]);
        const targets = members(document).filter(isInternalTarget);
        expect(targets.map(t => [t.kpi.ref?.name, t.comparison, t.target.value, t.owner, t.scope?.$refText]))
            .toEqual([['Availability', '>=', 99.95, 'Platform team', undefined], ['P95', '<=', 200, undefined, 'region']]);
        const clause = members(document).find(isClause)!;
        expect(clause.measuredBy.map(r => r.ref?.name)).toEqual(['Availability', 'P95']);
    });
});
