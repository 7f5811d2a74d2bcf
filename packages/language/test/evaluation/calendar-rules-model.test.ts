import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { isAgreement, type Document } from '../../src/generated/ast.js';
import { toAgreementModel } from '../../src/evaluation/agreement-model.js';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createSlaServices } from '../../src/sla-module.js';

const TEXT = `agreement Paris "ERP" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"

    calendar Desk "Service desk hours" {
        monday to friday 09:00 to 18:00
        holidays "FR" without "Whit Monday", 8 may, 2026-11-11
        holidays "FR-57"
        except 24 december from 12:00, 2026-08-14
    }
    maintenance Patching "Patching" {
        first sunday of each month 02:00 to 06:00
        last saturday of each quarter 22:00 to 02:00
        every other tuesday starting 2026-01-13 20:00 to 22:00
        every sunday 05:00 to 06:00
        notice 72 hours
    }
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended timestamp optional
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        resolved timestamp optional
    }
    service Erp "ERP" {
        kpi Availability "Uptime" = uptime(outages, from started to ended) excluding Patching
        kpi Resolution "Resolution" = max(elapsed(tickets.opened, tickets.resolved) during Desk)
        objective Availability >= 99.5% per calendar month
        objective Resolution <= 8 hours per calendar month
    }
}
`;

async function parse(text: string) {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Document>(text, URI.file('/paris.sla'));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return { document, services };
}

describe('calendars and maintenance by rule in the engine model', async () => {
    const { document, services } = await parse(TEXT);
    const agreement = document.parseResult.value.elements.find(isAgreement)!;

    it('parses and validates without errors', () => {
        expect((document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
    });

    it('a calendar: dated and yearly days off, holiday sets with their removals, half days', () => {
        const model = toAgreementModel(agreement, services.types.TypeComputer);
        // 12:00 = 720 minutes; `8 may` is every year ('05-08'), `2026-11-11` that day only.
        expect(model.calendars.Desk).toEqual({
            zone: 'Europe/Paris',
            rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }],
            holidays: ['2026-08-14'],
            holidaySets: [
                { region: 'FR', removed: [{ name: 'Whit Monday' }, { monthDay: '05-08' }, { date: '2026-11-11' }] },
                { region: 'FR-57', removed: [] }
            ],
            earlyClosings: [{ date: '12-24', fromMinute: 720 }]
        });
    });

    it('a maintenance schedule: rule slots beside the weekly one', () => {
        const model = toAgreementModel(agreement, services.types.TypeComputer);
        expect(model.maintenance.Patching).toEqual({
            byRule: [
                { kind: 'nth-weekday', ordinal: 1, weekday: 7, period: 'month', startMinute: 120, endMinute: 360 },
                { kind: 'nth-weekday', ordinal: -1, weekday: 6, period: 'quarter', startMinute: 1320, endMinute: 120 },
                { kind: 'every-other', weekday: 2, anchor: '2026-01-13', startMinute: 1200, endMinute: 1320 }
            ],
            recurring: [{ weekdays: [7], startMinute: 300, endMinute: 360 }],
            oneOff: []
        });
    });

    it('sla explain lists the rules, the half day and the public holidays of the validity', () => {
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        expect(text).toContain('- Not on the public holidays of France ("FR"); "Whit Monday", 8 May and 2026-11-11 are working days');
        expect(text).toContain('- Half days, working hours end at the time given: 24 December every year from 12:00');
        // Moselle (FR-57) adds Good Friday, 3 April 2026, to the French holidays.
        expect(text).toContain('Fri 3 Apr 2026 (Good Friday)');
        expect(text).toContain('- The last Saturday of each quarter, 22:00 to 02:00');
        expect(text).toContain('The last Saturday of each quarter: 4 occurrences in the validity period (2026-01-01 to 2026-12-31):\n- 2026: 28 Mar, 27 Jun, 26 Sep, 26 Dec');
    });

    it('an ambiguous slot does not reach the engine: the model says why', async () => {
        const ambiguous = await parse(TEXT.replace('every other tuesday starting 2026-01-13', 'every second tuesday'));
        const other = ambiguous.document.parseResult.value.elements.find(isAgreement)!;
        expect(() => toAgreementModel(other, ambiguous.services.types.TypeComputer)).toThrow(/every second tuesday' can mean every other tuesday or the second tuesday of each month/);
    });
});
