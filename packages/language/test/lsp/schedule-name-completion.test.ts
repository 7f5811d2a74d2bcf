/**
 * Completion of a calendar or maintenance name begun after `with supportHours =` (a client's
 * argument) or `default` (a template's parameter): the names of that kind the agreement sees
 * that match what is typed. Langium completed a begun name in a node nested in the one the
 * name parsed into, and scoping found nothing there: no item once a letter was typed.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);
afterEach(() => clearDocuments(services));

const CATALOGUE = `calendar OfficeHours "Office hours" {
    monday to friday 08:00 to 18:00
}
calendar ExtendedHours "Extended hours" {
    monday to saturday 07:00 to 22:00
}
calendar StandbyHours "Standby" {
    saturday to sunday 08:00 to 12:00
}
maintenance SundayPatching "Sunday patching" {
    every sunday 02:00 to 04:00
    notice 72 hours
}
template Desk "Service desk" {
    parameter supportHours calendar default OfficeHours
    parameter patching maintenance default SundayPatching
    provider P "Provider"
}
`;

const client = (args: string) => `import "catalogue.sla"

agreement East "East Corp" from Desk {
    customer C "East Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    ${args}
}
`;

let count = 0;
async function labelsAt(text: string, marker = '¦'): Promise<string[]> {
    const offset = text.indexOf(marker);
    const document = await parse(text.replace(marker, ''), { documentUri: `file:///ws/doc${count++}.sla` });
    const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    return (list?.items ?? []).map(item => item.label).filter(label => /Hours|Patching/.test(label)).sort();
}

describe('completion of a calendar or maintenance name begun', () => {
    test('after `with supportHours =`: the calendars matching what is typed; after `patching =`, the maintenances', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        expect(await labelsAt(client('with supportHours = ¦'))).toEqual(['ExtendedHours', 'OfficeHours', 'StandbyHours']);
        expect(await labelsAt(client('with supportHours = Off¦'))).toEqual(['OfficeHours']);
        expect(await labelsAt(client('with supportHours = Office¦'))).toEqual(['OfficeHours']);
        expect(await labelsAt(client('with supportHours = S¦'))).toEqual(['StandbyHours']);
        expect(await labelsAt(client('with patching = S¦'))).toEqual(['SundayPatching']);
    });

    test('after a template parameter\'s `default`: the names of the parameter\'s kind matching what is typed', async () => {
        expect(await labelsAt(CATALOGUE.replace('calendar default OfficeHours', 'calendar default ¦'))).toEqual(['ExtendedHours', 'OfficeHours', 'StandbyHours']);
        expect(await labelsAt(CATALOGUE.replace('calendar default OfficeHours', 'calendar default Off¦'))).toEqual(['OfficeHours']);
        expect(await labelsAt(CATALOGUE.replace('maintenance default SundayPatching', 'maintenance default S¦'))).toEqual(['SundayPatching']);
    });
});
