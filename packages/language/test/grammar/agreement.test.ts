import { afterEach, describe, expect, it } from 'vitest';
import { isAgreement, isFee, isParty, isTimezoneDeclaration, isValidity, type Agreement } from '../../src/generated/ast.js';
import { createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

async function parseAgreement(text: string): Promise<Agreement> {
    const document = await parse(text);
    expect(syntaxErrors(document)).toEqual([]);
    const element = document.parseResult.value.elements[0];
    if (!isAgreement(element)) throw new Error('expected an agreement');
    return element;
}

describe('agreement header', () => {
    it('parses id, title, parties with roles, validity, time zone and fee', async () => {
        const agreement = await parseAgreement(`
            agreement AcmeHosting "Managed hosting for Acme Corp" {
                provider Contoso "Contoso Managed Services GmbH"
                customer Acme "Acme Corp"
                party Auditor "Example Audit AG" as "auditor"
                valid from 2026-01-01 to 2026-12-31
                timezone "Europe/Berlin"
                fee 12000 EUR per calendar month
            }`);
        expect(agreement.name).toBe('AcmeHosting');
        expect(agreement.title).toBe('Managed hosting for Acme Corp');
        const parties = agreement.members.filter(isParty);
        expect(parties.map(p => [p.role ?? p.customRole, p.name, p.title])).toEqual([
            ['provider', 'Contoso', 'Contoso Managed Services GmbH'],
            ['customer', 'Acme', 'Acme Corp'],
            ['auditor', 'Auditor', 'Example Audit AG']
        ]);
        const validity = agreement.members.find(isValidity)!;
        expect([validity.from, validity.to]).toEqual(['2026-01-01', '2026-12-31']);
        expect(agreement.members.find(isTimezoneDeclaration)!.zone).toBe('Europe/Berlin');
        const fee = agreement.members.find(isFee)!;
        expect([fee.amount.value, fee.amount.unit, fee.window?.calendar, fee.window?.unit]).toEqual([12000, 'EUR', true, 'month']);
    });

    it('parses imports, line, block and doc comments', async () => {
        const document = await parse(`
            // a line comment
            import "shared/contoso.sla"
            /* a block
               comment */
            /** The agreement's doc comment. */
            agreement A "A" { }`);
        expect(syntaxErrors(document)).toEqual([]);
        expect(document.parseResult.value.imports.map(i => i.path)).toEqual(['shared/contoso.sla']);
        expect(document.parseResult.value.elements).toHaveLength(1);
    });

    it('accepts a file of shared definitions without an agreement', async () => {
        const document = await parse(`
            calendar BusinessHours "Business hours" { monday to friday 09:00 to 17:00 }
            maintenance Nightly "Nightly backups" { every day 01:00 to 01:30 notice 7 days }
            dataset tickets "Tickets" from "tickets.csv" { opened timestamp }
            kpi TicketCount "Tickets opened" = count(tickets)`);
        expect(syntaxErrors(document)).toEqual([]);
        expect(document.parseResult.value.elements.map(e => e.$type)).toEqual(['Calendar', 'Maintenance', 'Dataset', 'Kpi']);
    });
});
