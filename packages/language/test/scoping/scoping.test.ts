import { afterEach, describe, expect, it } from 'vitest';
import {
    isAgreement, isAggregate, isKpi, isNameReference, isObjective, isService, type Agreement, type Kpi
} from '../../src/generated/ast.js';
import { AstUtils } from 'langium';
import { createTestServices, linkingErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

function agreementOf(document: { parseResult: { value: { elements: unknown[] } } }): Agreement {
    return document.parseResult.value.elements.find(isAgreement)!;
}

/** Every name reference in a KPI's formula as `text → container type/name`. */
function linksOf(kpi: Kpi): string[] {
    return AstUtils.streamAst(kpi.formula).filter(isNameReference).map(ref => {
        const target = ref.target.ref;
        const owner = target && target.$type === 'Field' ? `${(target.$container as { name: string }).name}.` : '';
        return `${ref.target.$refText} → ${target ? `${target.$type} ${owner}${target.name}` : 'unresolved'}`;
    }).toArray();
}

const TWO_SERVICES = `
agreement A "A" {
    timezone "UTC"
    dataset requests "Requests" from "r.csv" { time timestamp service text status integer latency duration ms }
    service Shop "Shop" {
        kpi Errors = count(requests where service = "shop" and status >= 500)
        kpi Total = count(requests where service = "shop")
        kpi Rate = Errors / Total
        objective Rate < 1% per calendar month
    }
    service Api "Api" {
        kpi Errors = count(requests where service = "api" and status >= 500)
        kpi Share = Errors / Shop.Total
    }
    kpi Overall = Shop.Errors + Api.Errors
}`;

describe('scoping', () => {
    it('resolves KPIs in the own service first, and Service.Kpi across services', async () => {
        const document = await parse(TWO_SERVICES);
        expect(linkingErrors(document)).toEqual([]);
        const agreement = agreementOf(document);
        const [shop, api] = agreement.members.filter(isService);
        const rate = shop.members.filter(isKpi).find(k => k.name === 'Rate')!;
        expect(linksOf(rate)).toEqual(['Errors → Kpi Errors', 'Total → Kpi Total']);
        expect((rate.formula as { left: { target: { ref: Kpi } } }).left.target.ref.$container).toBe(shop);
        const share = api.members.filter(isKpi).find(k => k.name === 'Share')!;
        expect((share.formula as { left: { target: { ref: Kpi } } }).left.target.ref.$container).toBe(api);
        expect((share.formula as { right: { target: { ref: Kpi } } }).right.target.ref.$container).toBe(shop);
        const overall = agreement.members.filter(isKpi)[0];
        const [left, right] = AstUtils.streamAst(overall.formula).filter(isNameReference).toArray();
        expect([left.target.ref?.$container, right.target.ref?.$container]).toEqual([shop, api]);
        expect(shop.members.find(isObjective)!.kpi.ref).toBe(rate);
    });

    it('resolves bare field names inside an aggregate to the fields of the dataset it reads', async () => {
        const document = await parse(`
agreement A "A" {
    timezone "UTC"
    dataset requests "Requests" from "r.csv" { time timestamp status integer latency duration ms }
    dataset tickets "Tickets" from "t.csv" { opened timestamp responded timestamp optional status text }
    kpi P95 = percentile(95, requests.latency where status < 500)
    kpi Open = count(tickets where status = "open")
    kpi Response = avg(elapsed(tickets.opened, tickets.responded) wall-clock where status != "spam")
}`);
        expect(linkingErrors(document)).toEqual([]);
        const [p95, open, response] = agreementOf(document).members.filter(isKpi);
        expect(linksOf(p95)).toEqual(['requests.latency → Field requests.latency', 'status → Field requests.status']);
        expect(linksOf(open)).toEqual(['tickets → Dataset tickets', 'status → Field tickets.status']);
        expect(linksOf(response)).toEqual([
            'tickets.opened → Field tickets.opened', 'tickets.responded → Field tickets.responded', 'status → Field tickets.status'
        ]);
    });

    it('does not resolve a bare field name outside an aggregate', async () => {
        const document = await parse(`
agreement A "A" {
    dataset requests "Requests" from "r.csv" { time timestamp status integer }
    kpi Bad = status
}`);
        expect(linkingErrors(document)).toEqual([expect.stringContaining("Could not resolve reference to NamedElement named 'status'")]);
    });

    it('resolves calendars and maintenance referenced from formulas', async () => {
        const document = await parse(`
agreement A "A" {
    timezone "UTC"
    calendar Desk "Desk" { monday to friday 09:00 to 17:00 }
    maintenance Patching "Patching" { every sunday 02:00 to 04:00 notice 3 days }
    dataset incidents "Incidents" from "i.csv" { started timestamp resolved timestamp optional }
    kpi Up = uptime(incidents, from started to resolved) during Desk excluding Patching
}`);
        expect(linkingErrors(document)).toEqual([]);
        const up = agreementOf(document).members.filter(isKpi)[0];
        expect(linksOf(up)).toEqual(['incidents → Dataset incidents', 'started → Field incidents.started', 'resolved → Field incidents.resolved']);
    });

    it('links a bare KPI name defined by two services to the first (the validator reports the ambiguity)', async () => {
        const document = await parse(TWO_SERVICES.replace('kpi Overall = Shop.Errors + Api.Errors', 'kpi Overall = Errors'));
        expect(linkingErrors(document)).toEqual([]);
        const overall = agreementOf(document).members.filter(isKpi)[0];
        const target = AstUtils.streamAst(overall.formula).filter(isNameReference).head()!.target.ref!;
        expect((target.$container as { name: string }).name).toBe('Shop');
    });

    it('resolves declarations of imported files, and only of imported files', async () => {
        await parse(`
calendar BusinessHours "Business hours" { monday to friday 09:00 to 17:00 }
dataset tickets "Tickets" from "tickets.csv" { opened timestamp responded timestamp optional }`, { documentUri: 'file:///work/shared/contoso.sla' });
        await parse(`dataset secret "Not imported" from "s.csv" { at timestamp }`, { documentUri: 'file:///work/shared/other.sla' });
        const client = await parse(`
import "../shared/contoso.sla"
agreement Client "Client" {
    timezone "UTC"
    kpi Response = percentile(90, elapsed(tickets.opened, tickets.responded) during BusinessHours)
    kpi Hidden = count(secret)
}`, { documentUri: 'file:///work/clients/client.sla' });
        const errors = linkingErrors(client);
        expect(errors).toEqual([expect.stringContaining("named 'secret'")]);
        const response = agreementOf(client).members.filter(isKpi)[0];
        const aggregate = response.formula;
        expect(isAggregate(aggregate)).toBe(true);
        expect(linksOf(response)).toEqual(['tickets.opened → Field tickets.opened', 'tickets.responded → Field tickets.responded']);
    });
});
