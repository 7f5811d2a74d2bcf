import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper<Document>(services);

afterEach(() => clearDocuments(services));

const AGREEMENT = `agreement Replicas "Replicated deployment" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset outages "Outages per zone" from "outages.csv" {
        region   text
        zone     text
        started  timestamp
        ended    timestamp optional
        affected percent optional
    }

    dataset deployments "Zones of each deployment" from "deployments.csv" {
        region text
        zone   text
    }

    service Compute "Compute" {
        kpi Listed "Listed zones" = uptime(outages, from started to ended, across zone in ("b", "c"), at least 1 minute, whole minutes)
        kpi Inventoried "Zones from the inventory" = uptime(outages, from started to ended, across zone of deployments)
        kpi Weighted "Users affected" = uptime(outages, from started to ended, weighted by affected)
        kpi UserMinutes "User minutes" = uptime(outages, from started to ended, weighted by affected summed)
        kpi Region "More than one zone down" = uptime(outages, from started to ended, across zone of deployments at least 2 down)
        kpi TwoOfThree "Two listed zones down" = uptime(outages, from started to ended, across zone in ("a", "b", "c") at least 2 down)
        objective Listed >= 99.99% per calendar month
        objective Inventoried >= 99.99% per calendar month for each region
        objective Weighted >= 99.9% per calendar month
        objective UserMinutes >= 99.9% per calendar month
        objective Region >= 99.99% per calendar month for each region
        objective TwoOfThree >= 99.99% per calendar month
    }
}
`;

test('sla explain words each uptime option', async () => {
    const document = await parse(AGREEMENT);
    expect(document.parseResult.parserErrors).toEqual([]);
    const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
    expect(text).toContain('each from started to ended, down only while every zone of "b" and "c" is down at once, '
        + 'downtime periods shorter than 1 minute not counting, counting only the whole minutes of each downtime period.');
    expect(text).toContain('down only while every zone that deployments lists for the deployment (fewer than two: not replicated, no value) is down at once.');
    expect(text).toContain('each outage counting for the share of users it affects (affected; overlapping outages count their largest share).');
    expect(text).toContain('each outage counting for the share of users it affects (affected; overlapping outages add their shares, up to all users).');
    expect(text).toContain('down only while at least 2 of the zones that deployments lists for the deployment (fewer than 2: not replicated, no value) are down at once.');
    expect(text).toContain('down only while at least 2 of the zones "a", "b" and "c" are down at once.');
});
