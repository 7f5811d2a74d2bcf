/**
 * A template default whose every use the client replaces with its own line is not in effect:
 * the defaults inlay hint after `from Template`, the hover on the client and `sla explain` leave
 * it out (model/parameters-without-effect.ts).
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

const CATALOGUE = `calendar OfficeHours "Office hours" {
    monday to friday 09:00 to 17:00
}

template T "Offering" {
    parameter zone timezone default "Europe/Berlin"
    parameter monthlyFee money default 5000 EUR
    parameter availability percentage default 99.9 %
    parameter supportHours calendar default OfficeHours
    parameter breaches count default 2
    parameter region text default "eu"
    provider P "Provider"
    timezone zone
    fee monthlyFee per calendar month
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        responded timestamp
    }
    service S "Service" {
        kpi A "Availability" = uptime(incidents, from started to resolved)
        kpi R "Response" = percentile(90, elapsed(tickets.opened, tickets.responded) during supportHours)
        objective A >= availability per calendar month
        objective R <= 4 hours per calendar month
        credit for A per calendar month, capped at 50 % of fee {
            below availability: 10 % of fee
        }
    }
    termination Chronic "Chronic failure" when A is breached in breaches consecutive windows
}
`;

async function client(lines: string): Promise<LangiumDocument> {
    await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
    return parse(`import "catalogue.sla"

agreement C "Client" from T {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
${lines}
}
`, { documentUri: 'file:///ws/client.sla', validation: true });
}

async function defaultsHint(document: LangiumDocument): Promise<string[]> {
    const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
        textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }
    });
    return (hints ?? []).map(hint => String(hint.label)).filter(label => label.startsWith('defaults'));
}

/** The `## Template` section of `sla explain`: up to the next section. */
function templateSection(document: LangiumDocument): string {
    const text = explainDocument(document.parseResult.value as never, services.types.TypeComputer);
    return text.slice(text.indexOf('## Template'), text.indexOf('## Parties'));
}

describe('defaults the client replaces with its own lines', () => {
    test('its own fee and timezone: monthlyFee and zone are not shown as defaults', async () => {
        // The client's fee is 4,000 EUR a month, not the template's 5,000 EUR, and its zone Asia/Tokyo: the
        // template's `fee monthlyFee …` and `timezone zone`, the only uses of both, are replaced.
        const document = await client('    timezone "Asia/Tokyo"\n    fee 4000 EUR per calendar month');
        expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        expect(await defaultsHint(document)).toEqual(['defaults: availability = 99.9 %, supportHours = OfficeHours, breaches = 2, region = "eu"']);
        const section = templateSection(document);
        expect(section).not.toContain('monthlyFee');
        expect(section).not.toContain('zone =');
        expect(section).toContain('- availability = 99.9 % (the template\'s default)');
        const explained = explainDocument(document.parseResult.value as never, services.types.TypeComputer);
        expect(explained).toContain('**Fee**: 4,000.00 EUR per calendar month.');
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(document.textDocument.getText().indexOf('agreement C') + 'agreement '.length)
        });
        const hovered = (hover?.contents as { value: string }).value;
        expect(hovered).toContain('- availability = 99.9 % (the template\'s default)');
        expect(hovered).not.toContain('monthlyFee');
    });

    test('without its own fee and timezone every default is shown (a parameter used nowhere too)', async () => {
        const document = await client('');
        expect(await defaultsHint(document)).toEqual([
            'defaults: zone = "Europe/Berlin", monthlyFee = 5000 EUR, availability = 99.9 %, supportHours = OfficeHours, breaches = 2, region = "eu"'
        ]);
        expect(templateSection(document)).toContain('- monthlyFee = 5000 EUR (the template\'s default)');
    });

    test('a parameter with a use the client keeps stays; replaced everywhere, it goes', async () => {
        // availability: the objective on A and the credit's tier. Replacing the objective leaves the tier (99.9 %).
        const objectiveOnly = await client('    service S {\n        objective A >= 99.95 % per calendar month\n    }');
        expect(await defaultsHint(objectiveOnly)).toEqual([
            'defaults: zone = "Europe/Berlin", monthlyFee = 5000 EUR, availability = 99.9 %, supportHours = OfficeHours, breaches = 2, region = "eu"'
        ]);
        clearDocuments(services);
        const both = await client(`    service S {
        objective A >= 99.95 % per calendar month
        credit for A per calendar month, capped at 50 % of fee {
            below 99.95 %: 10 % of fee
        }
    }`);
        expect(await defaultsHint(both)).toEqual(['defaults: zone = "Europe/Berlin", monthlyFee = 5000 EUR, supportHours = OfficeHours, breaches = 2, region = "eu"']);
        expect(templateSection(both)).not.toContain('availability =');
    });

    test('a calendar parameter in a replaced KPI, a count in a replaced termination right', async () => {
        const document = await client(`    service S {
        kpi R "Response" = percentile(90, elapsed(tickets.opened, tickets.responded) during OfficeHours)
    }
    termination Chronic "Chronic failure" when A is breached in 3 consecutive windows`);
        expect(await defaultsHint(document)).toEqual(['defaults: zone = "Europe/Berlin", monthlyFee = 5000 EUR, availability = 99.9 %, region = "eu"']);
    });

    test('an argument the client\'s own line overrides is listed as setting nothing; one in effect as is', async () => {
        // `with monthlyFee = 3000 EUR` beside its own `fee 4000 EUR …`: the fee is 4,000 EUR, the 3,000 EUR reach nothing.
        const document = await client('    fee 4000 EUR per calendar month\n    with monthlyFee = 3000 EUR, availability = 99.95 %');
        const lines = templateSection(document).split('\n');
        expect(lines).toContain('- monthlyFee = 3000 EUR (sets nothing: the agreement\'s own lines replace every line that uses it)');
        expect(lines).toContain('- availability = 99.95 %');
        expect(explainDocument(document.parseResult.value as never, services.types.TypeComputer)).toContain('**Fee**: 4,000.00 EUR per calendar month.');
    });

    test('no default in effect: the section says so', async () => {
        await parse(`template U "Small offering" {
    parameter monthlyFee money default 5000 EUR
    provider P "Provider"
    fee monthlyFee per calendar month
}
`, { documentUri: 'file:///ws/small-catalogue.sla' });
        const document = await parse(`import "small-catalogue.sla"

agreement D "Client" from U {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "Asia/Tokyo"
    fee 4000 EUR per calendar month
}
`, { documentUri: 'file:///ws/small.sla' });
        expect(await defaultsHint(document)).toEqual([]);
        expect(templateSection(document)).toContain('- no parameter in effect');
    });
});
