import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';

/**
 * A catalogue whose service Desk caps its own credits (a tower's at-risk amount, `deskRisk` % of
 * its 10,000 EUR fee). A client's argument or own cap in its service Desk against the template's:
 * lower is looser for the customer (warned at the argument or the line), higher tighter.
 * February: three desk incidents, 3 × 1,000 EUR owed; the cap 12 % = 1,200 EUR (8 %: 800 EUR).
 */
const CATALOGUE = `template Towers "Managed service desk" {
    parameter deskRisk percentage default 12%
    dataset incidents "Desk incidents of every client" from "incidents.csv" {
        client  text
        started timestamp
    }
    service Desk "Service desk" {
        fee 10000 EUR per calendar month
        credits capped at deskRisk of fee per calendar month
        kpi Incidents "Desk incidents" = count(incidents)
        objective Incidents <= 0 per calendar month
        credit for Incidents per calendar month {
            above 0 : 1000 EUR * Incidents
        }
    }
}
`;
const client = (name: string, own: string) => `import "catalogue.sla"
agreement ${name} from Towers {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "${name.toLowerCase()}"
${own}
}
`;

describe('a template service\'s cap on its credits, per client', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-service-caps-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    const names = ['Northwind', 'Contoso', 'Fabrikam'];
    const rows = names.flatMap(name => ['03', '10', '17'].map(day => `${name.toLowerCase()},2026-02-${day}T10:00:00Z`));
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started\n${rows.join('\n')}\n`);
    const own: Record<string, string> = {
        Northwind: '',
        // line 8 (0-based 7), the argument at column 9
        Contoso: '    with deskRisk = 8%',
        // its own cap in its service Desk: 20 % of the fee
        Fabrikam: '    service Desk {\n        credits capped at 20% of fee per calendar month\n    }'
    };
    for (const name of names) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), client(name, own[name]!));
    const { documents, services } = await loadSlaFiles(names.map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-01-01', to: '2026-03-31', now: Date.UTC(2027, 0, 1) });
    const entryOf = (agreement: string) => portfolio.entries.find(entry => entry.agreement === agreement)!;
    const diagnosticsOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!.diagnostics ?? [];

    it('each client\'s February credit is its Desk\'s at-risk amount: 1,200, 800 or 2,000 EUR of 3,000 owed', () => {
        expect(names.map(name => entryOf(name).report.credits[0]!.windows[1]!.amount)).toEqual([1200, 800, 2000]);
        expect(entryOf('Northwind').report.creditCaps).toEqual([expect.objectContaining({ cap: '12% of fee per calendar month', service: 'Desk' })]);
        expect(entryOf('Northwind').creditCaps).toEqual([{ cap: '12% of fee per calendar month', service: 'Desk', currency: 'EUR', periodsCut: 1, owed: 3000, paid: 1200 }]);
    });

    it('a lower at-risk amount for the service is a loosening, warned at the argument', () => {
        expect(entryOf('Contoso').deviations).toEqual([{ member: 'credits cap of Desk', kind: 'loosened', text: 'capped at 8 % of fee per calendar month instead of capped at 12 % of fee per calendar month (deskRisk)' }]);
        expect(diagnosticsOf('Contoso').map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/template-loosened', 7, 9]]);
    });

    it('a client\'s own higher cap in its service replaces the template\'s: tightened, no warning', () => {
        expect(entryOf('Fabrikam').deviations).toEqual([{ member: 'credits cap of Desk', kind: 'tightened', text: 'capped at 20% of fee per calendar month instead of capped at 12 % of fee per calendar month' }]);
        expect(diagnosticsOf('Fabrikam')).toEqual([]);
        expect(diagnosticsOf('Northwind')).toEqual([]);
    });
});
