import { afterEach, describe, expect, it } from 'vitest';
import { isAgreement, isKpi, isObjective, type Kpi } from '../../src/generated/ast.js';
import { quantityValue } from '../../src/types/type-computer.js';
import { createTestServices, syntaxErrors } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(clear);
const types = services.types.TypeComputer;

const DATA = `
    calendar Desk "Desk" { monday to friday 09:00 to 17:00 }
    dataset requests "Requests" from "r.csv" {
        time timestamp  service text  latency duration ms  bytes number  cost number in EUR
        status integer  ok boolean  region one of "eu", "us"  cached percent
    }
    dataset incidents "Incidents" from "i.csv" { started timestamp resolved timestamp optional }
    dataset tickets "Tickets" from "t.csv" { opened timestamp responded timestamp optional priority one of "P1", "P2" }`;

async function kpis(body: string): Promise<Map<string, Kpi>> {
    const document = await parse(`agreement A "A" {\n timezone "UTC"\n${DATA}\n${body}\n}`);
    expect(syntaxErrors(document)).toEqual([]);
    const agreement = document.parseResult.value.elements.find(isAgreement)!;
    return new Map(agreement.members.filter(isKpi).map(k => [k.name, k]));
}

async function typeOf(formula: string): Promise<string> {
    const kpi = (await kpis(`kpi K = ${formula}`)).get('K')!;
    const type = types.kpiType(kpi);
    return type.kind === 'money' ? `money ${type.currency}` : type.kind;
}

async function problemsOf(formula: string): Promise<string[]> {
    const kpi = (await kpis(`kpi K = ${formula}`)).get('K')!;
    return types.problemsOf(kpi.formula).map(p => `${p.code}: ${p.message}`);
}

describe('types of formulas', () => {
    it('infers the type and unit of each aggregate', async () => {
        expect(await typeOf('count(requests where status >= 500)')).toBe('count');
        expect(await typeOf('percentile(95, requests.latency)')).toBe('duration');
        expect(await typeOf('avg(requests.latency where ok)')).toBe('duration');
        expect(await typeOf('sum(requests.cost)')).toBe('money EUR');
        expect(await typeOf('max(requests.bytes)')).toBe('number');
        expect(await typeOf('min(requests.time)')).toBe('timestamp');
        expect(await typeOf('avg(requests.cached)')).toBe('ratio');
        expect(await typeOf('share(requests where status >= 500 of requests)')).toBe('ratio');
        expect(await typeOf('uptime(incidents, from started to resolved)')).toBe('ratio');
        expect(await typeOf('percentile(90, elapsed(tickets.opened, tickets.responded) during Desk)')).toBe('duration');
    });

    it('derives units through arithmetic: ratios of counts, durations per count, conversions', async () => {
        expect(await typeOf('count(requests where status >= 500) / count(requests)')).toBe('ratio');
        expect(await typeOf('sum(requests.latency) / count(requests)')).toBe('duration');
        expect(await typeOf('avg(requests.latency) + 2 s')).toBe('duration');
        expect(await typeOf('avg(requests.latency) / 1 minutes')).toBe('ratio');
        expect(await typeOf('max(requests.time) - min(requests.time)')).toBe('duration');
        expect(await typeOf('sum(requests.cost) * 10%')).toBe('money EUR');
        expect(await typeOf('count(requests) * 2')).toBe('count');
        expect(await typeOf('sum(requests.bytes) / sum(requests.bytes where ok)')).toBe('ratio');
        expect(await typeOf('sum(requests.bytes) / 1024')).toBe('number');
        expect(await typeOf('100% - share(requests where ok of requests)')).toBe('ratio');
    });

    it('types KPIs that use KPIs, and honours a declared unit', async () => {
        const all = await kpis(`
            kpi Failed = count(requests where status >= 500)
            kpi Total = count(requests)
            kpi Rate = Failed / Total
            kpi Declared unit % = 1 - Rate`);
        expect(types.kpiType(all.get('Rate')!).kind).toBe('ratio');
        expect(types.kpiType(all.get('Declared')!).kind).toBe('ratio');
    });

    it('gives unknown, not a crash, for KPIs that refer to each other in a cycle', async () => {
        const all = await kpis(`kpi X = Y + 1\n kpi Y = X + 1`);
        expect(types.kpiType(all.get('X')!).kind).toBe('unknown');
    });

    it('converts written quantities to canonical units', async () => {
        const all = await kpis(`kpi K = percentile(95, requests.latency)
            objective K <= 300 ms per calendar month
            objective K <= 1.5 s per calendar month
            objective K <= 30 minutes per calendar month
            objective K <= 2 hours per calendar month
            objective K <= 1 days per calendar month
            objective K <= 1 week per calendar month`);
        const document = all.get('K')!.$container;
        const values = (document as { members: unknown[] }).members.filter(isObjective).map(o => quantityValue(o.target).value);
        // 300 ms; 1.5 × 1000; 30 × 60,000; 2 × 3,600,000; 86,400,000; 7 × 86,400,000
        expect(values).toEqual([300, 1_500, 1_800_000, 7_200_000, 86_400_000, 604_800_000]);
        const ratio = quantityValue({ value: 99.9, unit: '%' });
        expect(ratio.type.kind).toBe('ratio');
        expect(ratio.value).toBeCloseTo(0.999, 15);
    });
});

describe('type and unit errors in formulas', () => {
    it('reports an unknown unit with the nearest known ones', async () => {
        expect(await problemsOf('count(requests where latency > 300 msec)')).toEqual([
            "unit-unknown: Unknown unit 'msec': use a duration unit (ms, s, seconds, minutes, hours, days, weeks), % or an ISO 4217 currency code (EUR, USD, …). Did you mean 'ms'?"
        ]);
    });

    it('reports comparisons and arithmetic that mix units', async () => {
        expect(await problemsOf('count(requests where latency > 300)')).toEqual([
            "unit-missing: '300' has no unit, but it is compared with a duration. Write e.g. '300 ms'."
        ]);
        expect(await problemsOf('count(requests where latency > time)')).toEqual([
            'unit-mismatch: Cannot compare duration with timestamp.'
        ]);
        expect(await problemsOf('avg(requests.latency) + 5%')).toEqual([
            'unit-mismatch: Cannot add percentage to duration: both sides need the same unit.'
        ]);
        expect(await problemsOf('sum(requests.cost) + 3 USD')).toEqual([
            'unit-mismatch: Cannot add USD to EUR: both sides need the same unit.'
        ]);
        expect(await problemsOf('count(requests where service > "a")')).toEqual([
            "unit-mismatch: '>' orders numbers, durations and timestamps; text values can only be compared with = or !=."
        ]);
    });

    it('reports aggregates over fields of the wrong type', async () => {
        const [problem] = await problemsOf('percentile(95, tickets.priority)');
        expect(problem).toMatch(/^field-type: percentile\(…\) needs numeric values .* but it is given enum values/);
        expect((await problemsOf('sum(requests.service)'))[0]).toMatch(/^field-type: sum\(…\) needs numeric values/);
        expect((await problemsOf('count(requests.latency)'))[0]).toMatch(/^field-type: count\(…\) counts the rows of a dataset/);
        expect((await problemsOf('percentile(95, elapsed(tickets.opened, tickets.priority))'))[0]).toMatch(/^field-type: elapsed\(…\) measures the time between two timestamps/);
    });

    it('reports enum values the field does not have', async () => {
        expect(await problemsOf('count(tickets where priority = "P5")')).toEqual([
            'enum-value-unknown: "P5" is not a value of this field; it is one of "P1", "P2".'
        ]);
        expect(await problemsOf('count(tickets where priority in ("P1", "P7"))')).toEqual([
            'enum-value-unknown: "P7" is not a value of this field; it is one of "P1", "P2".'
        ]);
        expect(await problemsOf('count(tickets where priority in ("P1", "P2"))')).toEqual([]);
    });

    it('reports aggregates nested inside a where filter', async () => {
        expect((await problemsOf('count(requests where latency > avg(requests.latency))'))[0]).toMatch(/^aggregate-required: A 'where' filter is checked row by row/);
    });

    it('finds nothing wrong in well-typed formulas', async () => {
        expect(await problemsOf('count(requests where service = "shop" and status >= 500) / count(requests where service = "shop")')).toEqual([]);
        expect(await problemsOf('percentile(95, requests.latency where region = "eu" and latency < 2 s)')).toEqual([]);
    });
});
