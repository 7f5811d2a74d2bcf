/**
 * Completion after `with` in a client agreement leaves out the parameters the client's own lines
 * leave without effect (model/parameters-without-effect.ts): accepting one was flagged at once —
 * `monthlyFee` beside its own fee sla/template-argument-unused, `zone` beside its own `timezone`
 * sla/duplicate-entry. Without those lines of its own, both are offered with type and default as before.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { completeIn } from './completion-harness.js';
import { catalogue, clientText } from '../templates/fee-zone-template.js';

const services = createSlaServices(EmptyFileSystem).Sla;

afterEach(() => clearDocuments(services));

const PARAMETERS = ['zone', 'monthlyFee', 'availability', 'supportHours'];

/** The template's parameters offered at `<|>` in the client's lines, with their details. */
async function offered(lines: string, templateMember = ''): Promise<Array<[string, string | undefined]>> {
    const answer = await completeIn(services, { 'catalogue.sla': catalogue(templateMember), 'client.sla': clientText(lines) });
    return answer.list.items.filter(item => PARAMETERS.includes(item.label)).map(item => [item.label, item.detail]);
}

describe('completion after `with` in a client agreement', () => {
    test('own timezone and fee: zone and monthlyFee are not offered (each would set nothing)', async () => {
        // The template uses zone only in `timezone zone`, replaced by the client's `timezone "Asia/Kolkata"`, and
        // monthlyFee only in `fee monthlyFee per calendar month`, replaced by its `fee 4000 EUR per calendar month`:
        // the fee stays 4,000 EUR whatever `monthlyFee = …` says. availability (objective A, the tier) and
        // supportHours (KPI R) are still used by the template's lines the client keeps.
        const lines = '    timezone "Asia/Kolkata"\n    fee 4000 EUR per calendar month\n';
        expect(await offered(`${lines}    with <|>`)).toEqual([['availability', 'percentage, default 99.9 %'], ['supportHours', 'calendar, default OfficeHours']]);
        expect(await offered(`${lines}    with availability = 99.95 %, <|>`)).toEqual([['supportHours', 'calendar, default OfficeHours']]);
        expect(await offered(`${lines}    with month<|>`)).toEqual([]);
    });

    test('own fee only: monthlyFee is left out, zone (the template\'s time zone in effect) is offered', async () => {
        expect((await offered('    fee 4000 EUR per calendar month\n    with <|>')).map(([label]) => label)).toEqual(['zone', 'availability', 'supportHours']);
    });

    test('no own timezone or fee: every parameter is offered with its type and default, as before', async () => {
        expect(await offered('    with <|>')).toEqual([
            ['zone', 'timezone, default "Europe/Berlin"'],
            ['monthlyFee', 'money, default 5000 EUR'],
            ['availability', 'percentage, default 99.9 %'],
            ['supportHours', 'calendar, default OfficeHours']
        ]);
        expect(await offered('    with month<|>')).toEqual([['monthlyFee', 'money, default 5000 EUR']]);
    });

    test('zone used by a calendar of the template too: still offered beside the client\'s own timezone (it sets that calendar\'s zone)', async () => {
        const calendar = '\n    calendar Local "Local hours" {\n        monday to friday 09:00 to 17:00\n        timezone zone\n    }';
        const lines = '    timezone "Asia/Kolkata"\n    fee 4000 EUR per calendar month\n';
        expect((await offered(`${lines}    with <|>`, calendar)).map(([label]) => label)).toEqual(['zone', 'availability', 'supportHours']);
    });
});
