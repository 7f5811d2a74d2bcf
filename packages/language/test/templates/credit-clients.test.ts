import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveClient } from '../../src/model/client-resolution.js';
import { loadSlaFiles } from '../../src/node.js';
import { agreementOf, catalogueClientText, hostingCatalogue } from './hosting-catalogue.js';

/**
 * A client's credit against the template's, tier by tier, as the catalogue's standard (the defaults): the
 * template pays 10 % of the fee below the availability promised (99.9 % by default) and 25 %
 * below 99 %, capped at 50 %; `tier1Credit` is the first tier's amount.
 */
const CATALOGUE = hostingCatalogue(`    parameter availability percentage default 99.9 %
    parameter tier1Credit percentage default 10 %
    objective Uptime >= availability per calendar month
    credit for Uptime per calendar month, capped at 50 % of fee {
        below availability: tier1Credit of fee
        below 99 %: 25 % of fee
    }
`);

describe('a client\'s credit against the template\'s', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-credit-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    const clients: Record<string, string> = {
        // Its own table pays 5 % below 99.9 %: less than the template's 10 %.
        Lower: '    credit for Uptime per calendar month, capped at 50 % of fee {\n        below 99.9 %: 5 % of fee\n        below 99 %: 25 % of fee\n    }\n',
        // 15 % below 99.9 % and 30 % below 99.5 %: more, and from a higher bound.
        Higher: '    credit for Uptime per calendar month, capped at 50 % of fee {\n        below 99.9 %: 15 % of fee\n        below 99.5 %: 30 % of fee\n    }\n',
        // 20 % below 99.9 %, and nothing more below 99 %: more in one tier, less in the other.
        Mixed: '    credit for Uptime per calendar month, capped at 50 % of fee {\n        below 99.9 %: 20 % of fee\n    }\n',
        // The template's table with its own 99.95 % written out: stricter than the standard's 99.9 %.
        Same: '    with availability = 99.95 %\n    credit for Uptime per calendar month, capped at 50 % of fee {\n        below 99.95 %: 10 % of fee\n        below 99 %: 25 % of fee\n    }\n',
        // The template's table with 5 % for the first tier, by argument.
        Argument: '    with tier1Credit = 5 %\n',
        // A stricter availability moves the first tier too: reported with the objective, not again with the credit.
        Strict: '    with availability = 99.95 %\n'
    };
    for (const [name, lines] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, { fee: '1000 EUR', lines }));
    const { documents } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;
    const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!
        .deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
    const warnings = (name: string) => (documentOf(name).diagnostics ?? []).map(d => `${String(d.code)} ${d.range.start.line + 1}`);

    it('a table paying less is loosened, with a warning at it', () => {
        expect(deviations('Lower')).toEqual(['loosened credit Uptime: below 99.9 %: 5 % of fee instead of below 99.9 %: 10 % of fee']);
        expect(warnings('Lower')).toEqual(['sla/template-loosened 9']);
        expect(documentOf('Lower').diagnostics![0]!.message).toContain("This loosens the template's credit (credit Uptime: below 99.9 %: 5 % of fee instead of");
    });

    it('a table paying more, or from a higher bound, is tightened; more in one tier and less in another is replaced; neither warns', () => {
        expect(deviations('Higher')).toEqual(['tightened credit Uptime: below 99.9 %: 15 % of fee; below 99.5 %: 30 % of fee instead of below 99.9 %: 10 % of fee; below 99 %: 25 % of fee']);
        expect(deviations('Mixed')).toEqual(['replaced credit Uptime: below 99.9 %: 20 % of fee instead of below 99.9 %: 10 % of fee; below 99 %: 25 % of fee']);
        expect([warnings('Higher'), warnings('Mixed')]).toEqual([[], []]);
    });

    it('the template\'s table with the client\'s own stricter value written out is tightened against the standard, as the objective is', () => {
        // Judged against the catalogue's standard (below 99.9 %), not the client's arguments: the first tier now pays from 99.95 %.
        expect(deviations('Same')).toEqual([
            'tightened credit Uptime: below 99.95 %: 10 % of fee instead of below 99.9 %: 10 % of fee',
            'tightened objective Uptime: 99.95 % instead of 99.9 % (availability)'
        ]);
        expect(warnings('Same')).toEqual([]);
    });

    it('a loose argument with a slightly less loose table of its own is loosened against the standard, not tightened against the argument', async () => {
        const text = catalogueClientText('Loose', { fee: '1000 EUR', lines: '    with tier1Credit = 2 %\n    credit for Uptime per calendar month, capped at 50 % of fee {\n        below 99.9 %: 5 % of fee\n        below 99 %: 25 % of fee\n    }\n' });
        fs.writeFileSync(path.join(folder, 'loose.sla'), text);
        const { documents: loaded } = await loadSlaFiles([path.join(folder, 'loose.sla')], { validate: true });
        const loose = resolveClient(agreementOf(loaded[0]!))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
        // 5 % against the standard's 10 %: loosened (against its own 2 % it would look tightened).
        expect(loose).toEqual(['loosened credit Uptime: below 99.9 %: 5 % of fee instead of below 99.9 %: 10 % of fee']);
        expect((loaded[0]!.diagnostics ?? []).map(d => String(d.code))).toContain('sla/template-loosened');
    });

    it('an argument that makes the template\'s table pay less is loosened at the argument; one an objective takes is reported there only', () => {
        expect(deviations('Argument')).toEqual(['loosened credit Uptime: below 99.9 %: 5 % of fee instead of below 99.9 %: 10 % of fee (tier1Credit)']);
        // `    with tier1Credit = 5 %` is line 9.
        expect(warnings('Argument')).toEqual(['sla/template-loosened 9']);
        expect(deviations('Strict')).toEqual(['tightened objective Uptime: 99.95 % instead of 99.9 % (availability)']);
    });
});

/**
 * A client's table in money, or in another order, against the template's shares of the fee, on
 * this client's fee of 4,000 EUR per calendar month (the template writes none): 10 % of it is
 * 400 EUR, 25 % 1,000 EUR. The most severe tier that holds pays, so tiers pair by their bounds,
 * whatever order they are written in.
 */
describe('a client\'s credit in money or in another order', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-credit-money-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    const table = (...tiers: string[]) => `    credit for Uptime per calendar month, capped at 50 % of fee {\n${tiers.map(tier => `        ${tier}\n`).join('')}    }\n`;
    const clients: Record<string, string> = {
        // 400 EUR and 1,000 EUR: the template's 10 % and 25 % of 4,000 EUR.
        InMoney: table('below 99.9 %: 400 EUR', 'below 99 %: 1000 EUR'),
        // 300 EUR where the template pays 400 EUR.
        LessMoney: table('below 99.9 %: 300 EUR', 'below 99 %: 25 % of fee'),
        // The template's tiers, the worse breach first.
        Reordered: table('below 99 %: 25 % of fee', 'below 99.9 %: 10 % of fee'),
        // The worse breach first, each tier paying less: 5 % for 25 %, 1 % for 10 %.
        ReorderedLess: table('below 99 %: 5 % of fee', 'below 99.9 %: 1 % of fee')
    };
    for (const [name, lines] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, { fee: '4000 EUR', lines }));
    const { documents } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`/${name.toLowerCase()}.sla`))!;
    const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
    const warnings = (name: string) => (documentOf(name).diagnostics ?? []).map(d => `${String(d.code)} ${d.range.start.line + 1}`);

    it('money compares with a share of the client\'s fee: the same amounts are no deviation, less is loosened', () => {
        expect(deviations('InMoney')).toEqual([]);
        expect(deviations('LessMoney')).toEqual([
            'loosened credit Uptime: below 99.9 %: 300 EUR instead of below 99.9 %: 10 % of fee — 10 % of fee is 400 EUR of the fee of 4000 EUR per calendar month'
        ]);
        // The credit starts on line 9.
        expect(warnings('LessMoney')).toEqual(['sla/template-loosened 9']);
    });

    it('tiers pair by their bounds: the same table in another order is no deviation, every tier paying less is loosened', () => {
        expect(deviations('Reordered')).toEqual([]);
        expect(deviations('ReorderedLess')).toEqual([
            'loosened credit Uptime: below 99 %: 5 % of fee; below 99.9 %: 1 % of fee instead of below 99 %: 25 % of fee; below 99.9 %: 10 % of fee'
        ]);
        expect(warnings('ReorderedLess')).toEqual(['sla/template-loosened 9']);
    });
});
