import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';

/**
 * A template's member that only a client's own lines make wrong, or an argument in a neighbouring
 * tier: reported at the client, with the template's line as related information (docs/language-reference.md
 * § 18.3). Lines of the catalogue below, 0-based: the objective's window on 12, the internal
 * target's on 13, the credit's on 14, its tiers on 15 and 16.
 */
const CATALOGUE = `dataset incidents "Incidents" from "incidents.csv" {
    client   text
    started  timestamp
    resolved timestamp optional
}
template Hosting "Hosting" {
    parameter availability percentage default 99.9 %
    parameter tier1Credit percentage default 10 %
    parameter tier2Below percentage default 99.0 %
    provider P "Provider GmbH"
    timezone "UTC"
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= availability per calendar quarter
    internal target Uptime >= 99.95 % per calendar year owner "Ops"
    credit for Uptime per calendar quarter, capped at 50 % of fee {
        below availability: tier1Credit of fee
        below tier2Below: 100 EUR
    }
}
`;

/** A client of Hosting; its validity on line 3, its fee on line 4, its `with` on line 6 (0-based). */
const client = (name: string, { validity = '2026-01-01 to 2026-12-31', fee = '1000 EUR', args = 'availability = 99.95 %' } = {}) => `import "catalogue.sla"
agreement ${name} "${name}" from Hosting {
    customer C "${name} Ltd"
    valid from ${validity}
    fee ${fee} per calendar quarter
    client scope client = "${name.toLowerCase()}"
    with ${args}
}
`;

const CLIENTS: Record<string, string> = {
    // A year, in euros, tiers in order: clean.
    Year: client('Year'),
    // Six weeks: no quarter and no year of the template completes in it.
    Pilot: client('Pilot', { validity: '2026-01-01 to 2026-02-15' }),
    // In dollars: the template's tier of 100 EUR would be paid as 100 USD.
    Dollar: client('Dollar', { fee: '1000 USD' }),
    // 30 % of 1000 EUR = 300 EUR below 99.9 %, against 100 EUR for the worse breach below 99.0 % (the parameter at its default).
    Generous: client('Generous', { args: 'tier1Credit = 30 %' })
};

describe('a template\'s member that a client\'s own lines make wrong', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-client-own-lines-'));
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    for (const [name, text] of Object.entries(CLIENTS)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), text);
    const { services } = await loadSlaFiles(Object.keys(CLIENTS).map(name => path.join(folder, `${name.toLowerCase()}.sla`)));
    const diagnosticsOf = (file: string) => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith(`${path.sep}${file}`))!.diagnostics ?? [];
    const catalogueUri = URI.file(path.join(folder, 'catalogue.sla')).toString();
    /** Code, line of the client, and the catalogue's lines given as related information. */
    const summary = (file: string) => diagnosticsOf(file).map(d => [
        d.code, d.range.start.line, (d.relatedInformation ?? []).map(info => [info.location.uri === catalogueUri, info.location.range.start.line])
    ]);

    it('a client of a year, in the template\'s currency, with tiers in order: nothing', () => {
        expect(diagnosticsOf('year.sla')).toEqual([]);
        expect(diagnosticsOf('catalogue.sla')).toEqual([]);
    });

    it('windows longer than the client\'s validity: sla/validity-range at its validity, each window as related information', () => {
        expect(summary('pilot.sla')).toEqual([
            ['sla/validity-range', 3, [[true, 12]]],
            ['sla/validity-range', 3, [[true, 13]]],
            ['sla/validity-range', 3, [[true, 14]]]
        ]);
        const messages = diagnosticsOf('pilot.sla').map(d => d.message);
        expect(messages[0]).toBe("In the template 'Hosting' (objective Uptime): The window 'per calendar quarter' is longer than the agreement's validity (2026-01-01 to 2026-02-15, 46 days): not one window completes while the agreement is valid. Use a shorter window or extend the validity.");
        expect(messages[1]).toContain("(internal target Uptime): The window 'per calendar year'");
        expect(diagnosticsOf('pilot.sla').every(d => d.severity === 1)).toBe(true);
    });

    it('a tier in another currency than the client\'s fee: sla/unit-mismatch at the fee, the tier as related information', () => {
        expect(summary('dollar.sla')).toEqual([['sla/unit-mismatch', 4, [[true, 16]]]]);
        expect(diagnosticsOf('dollar.sla')[0]!.message).toBe("In the template 'Hosting' (credit Uptime): '100 EUR' is not an amount in USD, the fee's currency. Write e.g. '500 USD' or '10% of fee'.");
    });

    it('an argument that puts a tier out of order whose threshold is a parameter at its default: at the argument', () => {
        // 300 EUR (30 % of the fee) below 99.9 % against 100 EUR below 99.0 %: the worse breach earns less.
        expect(summary('generous.sla')).toEqual([['sla/credit-cap', 6, [[true, 16]]]]);
        expect(diagnosticsOf('generous.sla')[0]!.message).toContain("With tier1Credit = 30 %: The tier 'below 99 %' is a worse breach than 'below 99.9 %' but earns a smaller credit");
    });
});

/**
 * A template whose fee is a parameter without a default (`fee monthlyFee`): the client's fee is its
 * argument. An amount in another currency is reported there, at the argument (line 6, 0-based),
 * with the template's line as related information (the cap on 13, the tier on 14): a parameter at
 * its default (`cap`, 300 EUR) is named with the value to give for this client, in the fee's
 * currency; a literal of the template (`100 EUR`) is not a value the client can set.
 */
const METERED = `dataset incidents "Incidents" from "incidents.csv" {
    client   text
    started  timestamp
    resolved timestamp optional
}
template Metered "Metered hosting" {
    parameter monthlyFee money
    parameter cap money default 300 EUR
    provider P "Provider GmbH"
    timezone "UTC"
    fee monthlyFee per calendar month
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9 % per calendar month
    credit for Uptime per calendar month, capped at cap {
        below 99.9 %: 100 EUR
    }
}
`;

const meteredClient = (name: string, args: string) => `import "catalogue.sla"
agreement ${name} "${name}" from Metered {
    customer C "${name} Ltd"
    valid from 2026-01-01 to 2026-12-31
    client scope client = "${name.toLowerCase()}"

    with ${args}
}
`;

describe('a fee given by an argument, in another currency than the template\'s amounts', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-client-fee-argument-'));
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), METERED);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    const clients: Record<string, string> = { Euro: 'monthlyFee = 5000 EUR', Dollar: 'monthlyFee = 5000 USD' };
    for (const [name, args] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), meteredClient(name, args));
    const { services } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)));
    const diagnosticsOf = (file: string) => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith(`${path.sep}${file}`))!.diagnostics ?? [];
    const catalogueUri = URI.file(path.join(folder, 'catalogue.sla')).toString();

    it('a fee in the template\'s currency: nothing', () => {
        expect(diagnosticsOf('euro.sla')).toEqual([]);
    });

    it('a fee in USD: sla/unit-mismatch at the fee\'s argument; a parameter at its default is named with the value to give', () => {
        const found = diagnosticsOf('dollar.sla');
        // `    with monthlyFee = 5000 USD`: the value from column 22.
        expect(found.map(d => [d.code, d.severity, d.range.start.line, d.range.start.character, (d.relatedInformation ?? []).map(info => [info.location.uri === catalogueUri, info.location.range.start.line])])).toEqual([
            ['sla/unit-mismatch', 1, 6, 22, [[true, 13]]],
            ['sla/unit-mismatch', 1, 6, 22, [[true, 14]]]
        ]);
        expect(found.map(d => d.message)).toEqual([
            "With monthlyFee = 5000 USD: '300 EUR' is not an amount in USD, the fee's currency. Write e.g. '500 USD' or '10% of fee'. '300 EUR' is the default of 'cap': give this client its own ('with cap = … USD').",
            "With monthlyFee = 5000 USD: '100 EUR' is not an amount in USD, the fee's currency. Write e.g. '500 USD' or '10% of fee'."
        ]);
    });
});
