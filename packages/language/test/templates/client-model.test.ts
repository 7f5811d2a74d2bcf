import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * A client agreement resolves into an ordinary engine model. Expectations by hand from
 * fixtures/catalogue.sla (template ManagedHosting) and the two clients:
 * - Northwind: availability = 99.95 % (0.9995), supportHours = ExtendedHours, P1Response
 *   overridden to 20 minutes (1,200,000 ms), the Availability tier table replaced, a Mail service added.
 * - Fabrikam: every default: 99.9 % (0.999), 30 minutes (1,800,000 ms), OfficeHours, tiers 99.9 % / 99 %.
 */
describe('client agreements in the engine model', async () => {
    const { documents, services } = await loadSlaFiles([path.join(fixtures, 'northwind.sla'), path.join(fixtures, 'fabrikam.sla')]);
    const northwindDocument = documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!;
    const fabrikamDocument = documents.find(d => d.uri.fsPath.endsWith('fabrikam.sla'))!;
    const northwind = agreementModelOf(northwindDocument, services);
    const fabrikam = agreementModelOf(fabrikamDocument, services);
    const objective = (model: typeof northwind, kpi: string) => model.objectives.find(o => o.kpiName === kpi)!;

    it('is the client\'s own header: name, zone, validity, fee, customer', () => {
        expect([northwind.id, northwind.timezone, northwind.validity]).toEqual(['Northwind', 'Europe/Berlin', { from: '2026-01-01', to: '2026-12-31' }]);
        expect(northwind.fee).toEqual({ amount: 4000, currency: 'EUR', period: { kind: 'calendar', unit: 'month' } });
        expect(northwind.customer).toEqual({ name: 'Northwind', title: 'Northwind Traders' });
        expect([fabrikam.timezone, fabrikam.fee?.currency]).toEqual(['America/New_York', 'USD']);
    });

    it('substitutes arguments, else defaults, in targets', () => {
        expect(objective(northwind, 'Availability').target).toBe(0.9995);
        expect(objective(fabrikam, 'Availability').target).toBe(0.999);
        expect(objective(fabrikam, 'P1Response').target).toBe(30 * 60_000);
    });

    it('applies overrides and adds the client\'s service', () => {
        expect(objective(northwind, 'P1Response').target).toBe(20 * 60_000);
        expect(northwind.objectives.map(o => `${o.service}.${o.kpiName}`)).toEqual(['Hosting.Availability', 'Hosting.P1Response', 'Mail.MailAvailability']);
        expect(objective(northwind, 'MailAvailability').target).toBe(0.995);
        // The template's internal target stays (99.95 %).
        expect(northwind.internalTargets.map(t => t.target)).toEqual([0.9995]);
    });

    it('replaces the tier table, keeps the template\'s with its default values otherwise', () => {
        const tiers = (model: typeof northwind) => model.credits[0]!.tiers.map(t => [t.label, t.upper?.value, t.amount]);
        expect(tiers(northwind)).toEqual([
            ['below 99.95 %', 0.9995, { kind: 'percentOfFee', percent: 15 }],
            ['below 99.5 %', 0.995, { kind: 'percentOfFee', percent: 30 }]
        ]);
        // `below availability: tier1Credit of fee` with the defaults 99.9 % and 10 %.
        expect(tiers(fabrikam)).toEqual([
            ['below 99.9 %', 0.999, { kind: 'percentOfFee', percent: 10 }],
            ['below 99.0 %', 0.99, { kind: 'percentOfFee', percent: 25 }]
        ]);
    });

    it('measures in the calendar the client chose', () => {
        expect(Object.keys(northwind.calendars)).toEqual(['ExtendedHours']);
        expect(Object.keys(fabrikam.calendars)).toEqual(['OfficeHours']);
    });

    it('scopes the shared datasets to the client', () => {
        expect(northwind.datasets.incidents.clientScope).toEqual({ field: 'client', value: 'northwind' });
        expect(northwind.datasets.tickets.clientScope).toEqual({ field: 'client', value: 'northwind' });
        // The template's datasets are read from the catalogue's folder.
        expect(northwind.datasets.incidents.path).toBe(path.join(fixtures, 'data', 'incidents.csv'));
    });

    it('records the template, the arguments in effect and the deviations', () => {
        expect(northwind.template?.name).toBe('ManagedHosting');
        expect(northwind.template?.arguments).toEqual([
            { name: 'availability', text: '99.95 %', isDefault: false },
            { name: 'responseTime', text: '30 minutes', isDefault: true },
            { name: 'supportHours', text: 'ExtendedHours', isDefault: false },
            { name: 'tier1Credit', text: '10 %', isDefault: true }
        ]);
        expect(northwind.template?.deviations.map(d => [d.member, d.kind, d.text])).toEqual([
            ['objective Hosting.P1Response', 'tightened', '20 minutes instead of 30 minutes'],
            // Against the catalogue's standard (the defaults: 99.9 %, 10 %): both tiers pay more, from higher bounds (99.95 % against 99.9 %, 99.5 % against 99.0 %).
            ['credit Hosting.Availability', 'tightened', 'below 99.95 %: 15 % of fee; below 99.5 %: 30 % of fee instead of below 99.9 %: 10 % of fee; below 99.0 %: 25 % of fee'],
            ['service Mail', 'added', 'not in the template ManagedHosting'],
            ['objective Hosting.Availability', 'tightened', '99.95 % instead of 99.9 % (availability)'],
            // Measured in another calendar than the standard's: neither looser nor tighter.
            ['calendar OfficeHours', 'replaced', 'ExtendedHours instead of OfficeHours (supportHours)']
        ]);
        expect(fabrikam.template?.deviations).toEqual([]);
        expect(fabrikam.template?.arguments.every(a => a.isDefault)).toBe(true);
    });

    it('leaves the template itself out of the agreements to evaluate', () => {
        const catalogue = services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('catalogue.sla'))!;
        expect(catalogue.parseResult.value.elements.map(e => e.$type)).toContain('Agreement');
        expect(agreementsOf(catalogue)).toEqual([]);
        expect(() => agreementModelOf(catalogue, services)).toThrow(/holds only templates/);
    });
});

/**
 * fixtures/tokyo.sla instantiates ServiceDesk with zone = "Asia/Tokyo" (the template's
 * `timezone zone`), urgent = "P2" (a `where` value), penalty = 30000 JPY (a tier amount),
 * capAmount = 100000 JPY (the cap); resolution keeps its default, 4 hours = 14,400,000 ms.
 */
describe('parameters wherever a literal stands', async () => {
    const { documents, services } = await loadSlaFiles([path.join(fixtures, 'tokyo.sla')]);
    const tokyo = agreementModelOf(documents[0]!, services);

    it('sets the zone, the where value, the tier amount, the threshold and the cap', () => {
        expect(tokyo.timezone).toBe('Asia/Tokyo');
        const formula = tokyo.kpis[0]!.formula as { where?: { right?: unknown } };
        expect(formula.where?.right).toEqual({ type: 'string', value: 'P2' });
        expect(tokyo.objectives.map(o => o.target)).toEqual([14_400_000]);
        const credit = tokyo.credits[0]!;
        expect(credit.tiers.map(t => [t.label, t.lower?.value, t.amount])).toEqual([['above 4 hours', 14_400_000, { kind: 'money', amount: 30000, currency: 'JPY' }]]);
        expect(credit.capPerWindow).toEqual({ kind: 'money', amount: 100000, currency: 'JPY' });
    });
});

/** fixtures/holidays.sla declares its own OfficeHours (09:00–17:00 = minutes 540–1020, a day off on 15 May). */
describe('a client calendar named like the catalogue\'s', async () => {
    const { documents, services } = await loadSlaFiles([path.join(fixtures, 'holidays.sla')]);
    const model = agreementModelOf(documents[0]!, services);

    it('replaces it in the template\'s KPIs, and is listed as a deviation: fewer hours of the P1 response clock (09:00–17:00 and a day off against 08:00–18:00), loosened', () => {
        expect(model.calendars.OfficeHours).toEqual({
            zone: 'Europe/Berlin',
            rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 }],
            holidays: ['2026-05-15']
        });
        expect(model.template?.deviations.map(d => [d.member, d.kind])).toEqual([['calendar OfficeHours', 'loosened']]);
    });
});

/**
 * fixtures/saturday.sla instantiates Storage with patching = SaturdayPatching (every saturday
 * 22:00 to 23:30: ISO weekday 6, minutes 1320–1410) and maxOutages = 1 (a count).
 */
describe('maintenance and count parameters', async () => {
    const { documents, services } = await loadSlaFiles([path.join(fixtures, 'saturday.sla')]);
    const model = agreementModelOf(documents[0]!, services);

    it('excludes the client\'s maintenance, and promises its count', () => {
        expect(model.maintenance).toEqual({ SaturdayPatching: { recurring: [{ weekdays: [6], startMinute: 1320, endMinute: 1410 }], oneOff: [] } });
        expect(model.objectives.map(o => [o.kpiName, o.target])).toEqual([['StoreAvailability', 0.999], ['Outages', 1]]);
    });

    it('lists the maintenance as replaced (neither looser nor tighter), the lower count as tightened', () => {
        expect(model.template?.deviations.map(d => [d.member, d.kind, d.text])).toEqual([
            ['objective Store.Outages', 'tightened', '1 instead of 2 (maxOutages)'],
            ['maintenance SundayPatching', 'replaced', 'SaturdayPatching instead of SundayPatching (patching)']
        ]);
    });
});

/** A maintenance parameter counted as available (`counting patching as available`): the client's maintenance, read that way. */
describe('a maintenance parameter counted as available', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-counted-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), `dataset incidents "Incidents" from "incidents.csv" {
    started timestamp
    resolved timestamp optional
}
template Hosting "Hosting" {
    parameter patching maintenance
    provider P "Provider GmbH"
    service Web "Web" {
        kpi Availability "Share of time up" = uptime(incidents, from started to resolved) counting patching as available
        objective Availability >= 99.9% per calendar month
    }
}
`);
    fs.writeFileSync(path.join(folder, 'client.sla'), `import "catalogue.sla"
agreement A "A" from Hosting {
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 100 EUR per calendar month
    maintenance Sundays "Sunday patching" {
        every sunday 02:00 to 04:00
        notice 48 hours
    }
    with patching = Sundays
}
`);
    const { documents, services } = await loadSlaFiles([path.join(folder, 'client.sla')]);
    const model = agreementModelOf(documents.find(d => d.uri.fsPath.endsWith('client.sla'))!, services);

    it('names the client\'s maintenance in the uptime\'s `available`, not in `excluding`', () => {
        expect(model.kpis[0]!.formula).toMatchObject({ type: 'uptime', excluding: [], available: ['Sundays'] });
        expect(model.maintenance).toEqual({ Sundays: { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] } });
    });
});

/** fixtures/basic.sla: the template's `fee baseFee per calendar month` with baseFee = 2500 GBP. */
describe('a fee parameter', async () => {
    const { documents, services } = await loadSlaFiles([path.join(fixtures, 'basic.sla')]);
    const model = agreementModelOf(documents[0]!, services);

    it('is the client\'s fee', () => {
        expect(model.fee).toEqual({ amount: 2500, currency: 'GBP', period: { kind: 'calendar', unit: 'month' } });
        expect(model.template?.arguments).toEqual([{ name: 'baseFee', text: '2500 GBP', isDefault: false }]);
    });
});
