import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { isAgreement, type Document } from '../../src/generated/ast.js';
import { toAgreementModel } from '../../src/evaluation/agreement-model.js';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createSlaServices } from '../../src/sla-module.js';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * A one-off maintenance slot written with times only whose end is not after its start runs
 * past midnight into the next day, as a weekly slot does. Europe/Paris (UTC+2 all June 2026).
 *
 * `on 2026-06-13 22:00 to 02:00` is 13 June 22:00 → 14 June 02:00 = 240 min. June has
 * 30 × 1,440 = 43,200 min; eligible 43,200 − 240 = 42,960 min. The outage 23:00 → 01:00
 * lies inside the slot: no downtime; the one 14 June 02:00 → 02:30 starts as the slot ends:
 * 30 min. (42,960 − 30) / 42,960 = 42,930 / 42,960 = 99.930 %, met. Read on 13 June alone, the
 * slot was empty and both outages downtime: (43,200 − 150) / 43,200 = 99.653 %, breached.
 */
const agreement = (slot: string) => `agreement Hosting "Hosting" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"
    fee 1000 EUR per calendar month

    maintenance Migration "Storage migration over the night of 13 June" {
        ${slot}
        notice 72 hours
    }
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    service S "Storage" {
        kpi Availability "Uptime" = uptime(incidents, from started to resolved) excluding Migration
        objective Availability >= 99.9% per calendar month
    }
}
`;

const INCIDENTS = `started,resolved
2026-06-13T23:00:00+02:00,2026-06-14T01:00:00+02:00
2026-06-14T02:00:00+02:00,2026-06-14T02:30:00+02:00
`;

async function parse(text: string) {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.file('/hosting.sla'));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return { document, services, agreement: document.parseResult.value.elements.find(isAgreement)! };
}

describe('a one-off maintenance slot over midnight', () => {
    it('excludes the night to 02:00: the outage inside it is no downtime, June 42,930 / 42,960, met', async () => {
        const report = await evaluateFixture({ 'hosting.sla': agreement('on 2026-06-13 22:00 to 02:00'), 'incidents.csv': INCIDENTS }, { from: '2026-06-01', to: '2026-06-30' });
        expect(report.objectives[0]!.windows[0]).toMatchObject({ value: 42_930 / 42_960, status: 'met' });
    });

    it('ends on the next day in the model, across a month end too; a slot ending later that day stays on it', async () => {
        const { agreement: node, services } = await parse(agreement('on 2026-06-13 22:00 to 02:00\n        on 2026-06-30 23:00 to 23:00\n        on 2026-07-01 01:00 to 03:00'));
        expect(toAgreementModel(node, services.types.TypeComputer).maintenance.Migration!.oneOff).toEqual([
            { start: { date: '2026-06-13', minute: 1320 }, end: { date: '2026-06-14', minute: 120 } },
            // equal times: 24 hours, as `every sunday 23:00 to 23:00`
            { start: { date: '2026-06-30', minute: 1380 }, end: { date: '2026-07-01', minute: 1380 } },
            { start: { date: '2026-07-01', minute: 60 }, end: { date: '2026-07-01', minute: 180 } }
        ]);
    });

    it('sla explain gives the day it ends on', async () => {
        const { document, services } = await parse(agreement('on 2026-06-13 22:00 to 02:00'));
        expect(explainDocument(document.parseResult.value, services.types.TypeComputer)).toContain('- Once, from 2026-06-13 22:00 to 2026-06-14 02:00');
    });

    it('a slot whose end date and time are before its start is an error, and does not reach the engine', async () => {
        const { document, services, agreement: node } = await parse(agreement('on 2026-06-20 22:00 to 2026-06-19 02:00'));
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/maintenance-rule', 8, 31]]);
        expect(() => toAgreementModel(node, services.types.TypeComputer)).toThrow(/ends before it starts/);
    });
});
