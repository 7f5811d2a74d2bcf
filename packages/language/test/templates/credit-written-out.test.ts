import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveClient } from '../../src/model/client-resolution.js';
import { loadSlaFiles } from '../../src/node.js';
import { agreementOf, catalogueClientText, hostingCatalogue } from './hosting-catalogue.js';

/**
 * A client writing out the template's credit with the catalogue's standard values, in its own
 * spelling, departs from nothing: the standard prints `below 99.9 %: 10 % of fee` (parameters
 * `availability` and `tier1Credit` at their defaults); `99.9%`, `99.90 %` and `10.0 %` are the
 * same values. Only a tier whose values differ is named in a deviation.
 */
const CATALOGUE = hostingCatalogue(`    parameter availability percentage default 99.9 %
    parameter tier1Credit percentage default 10 %
    objective Uptime >= availability per calendar month
    credit for Uptime per calendar month, capped at 50 % of fee {
        below availability: tier1Credit of fee
        below 99 %: 25 % of fee
    }
`);

const credit = (tier1: string, tier2: string) => `    credit for Uptime per calendar month, capped at 50 % of fee {\n        ${tier1}\n        ${tier2}\n    }\n`;

describe('a client\'s credit written out with the template\'s values', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-credit-written-out-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    const clients: Record<string, string> = {
        // The standard's own spelling: the same text.
        Spaced: credit('below 99.9 %: 10 % of fee', 'below 99 %: 25 % of fee'),
        // No space before %: the same values.
        Unspaced: credit('below 99.9%: 10% of fee', 'below 99%: 25% of fee'),
        // Trailing zeros: the same values.
        Zeros: credit('below 99.90 %: 10.0 % of fee', 'below 99.0 %: 25 % of fee'),
        // The first tier pays 5 %, written without spaces; the second, the template's, written with trailing zeros.
        OneTier: credit('below 99.9%: 5% of fee', 'below 99.00 %: 25.0 % of fee')
    };
    for (const [name, lines] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, { fee: '1000 EUR', lines }));
    const { documents } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;
    const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
    const codes = (name: string) => (documentOf(name).diagnostics ?? []).map(d => String(d.code));

    it('the same values in another spelling (99.9% for 99.9 %, 99.90 % and 10.0 %) are no deviation, as the same text is not', () => {
        expect(deviations('Spaced')).toEqual([]);
        expect(deviations('Unspaced')).toEqual([]);
        expect(deviations('Zeros')).toEqual([]);
        expect([...codes('Unspaced'), ...codes('Zeros')].filter(code => code.startsWith('sla/template-'))).toEqual([]);
    });

    it('a tier paying less is loosened, and only it is named: the tier written another way is not', () => {
        // 5 % instead of 10 % below 99.9 %: the customer gets less. `below 99.00 %: 25.0 % of fee` is the template's second tier.
        expect(deviations('OneTier')).toEqual(['loosened credit Uptime: below 99.9%: 5% of fee instead of below 99.9 %: 10 % of fee']);
        expect(codes('OneTier')).toContain('sla/template-loosened');
    });
});
