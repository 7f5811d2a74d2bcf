import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderPortfolioTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';
import { explainNode } from '../../src/explain/explain-node.js';
import type { Agreement } from '../../src/generated/ast.js';

/**
 * A template's cap on all credits together (the at-risk amount, a parameter), per client.
 * Each client pays 10,000 EUR a month and had three two-hour outages in February 2026 (28 days):
 * 360 of 40,320 minutes down, 99.107 %: the Availability credit is 10 % of the fee, 1,000 EUR;
 * three outages against a promise of at most one: 3 × 250 = 750 EUR. 1,750 EUR owed in all.
 */
const CATALOGUE = `template Hosting "Managed hosting" {
    parameter atRisk percentage default 12%
    credits capped at atRisk of fee per calendar month
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Availability "Uptime" = uptime(incidents, from started to resolved)
    kpi Outages "Outages" = count(incidents)
    objective Availability >= 99.9% per calendar month
    objective Outages <= 1 per calendar month
    credit for Availability per calendar month, capped at 50% of fee {
        below 99.9% : 10% of fee
    }
    credit for Outages per calendar month, capped at 1000 EUR {
        above 1 : 250 EUR * Outages
    }
}
`;
const client = (name: string, own = '') => `import "catalogue.sla"
agreement ${name} from Hosting {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month
    client scope client = "${name.toLowerCase()}"${own ? `\n    ${own}` : ''}
}
`;

const NAMES = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin'];
const OWN: Record<string, string> = {
    Contoso: 'with atRisk = 8%',
    Fabrikam: 'credits capped at 15% of fee per calendar month, capped at 10000 EUR per calendar year',
    Tailspin: 'credits capped at 20% of fee per calendar month'
};

describe('a cap on all credits together in a catalogue', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-credits-cap-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    const rows = NAMES.flatMap(name => ['03', '10', '17'].map(day => `${name.toLowerCase()},2026-02-${day}T10:00:00Z,2026-02-${day}T12:00:00Z`));
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved\n${rows.join('\n')}\n`);
    const files = NAMES.map(name => path.join(folder, `${name.toLowerCase()}.sla`));
    NAMES.forEach((name, index) => fs.writeFileSync(files[index]!, client(name, OWN[name])));
    const { documents, services } = await loadSlaFiles(files, { validate: true });
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-02-01', to: '2026-02-28', now: Date.UTC(2027, 0, 1) });
    const entryOf = (agreement: string) => portfolio.entries.find(entry => entry.agreement === agreement)!;
    const warningsOf = (name: string) => (documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!.diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`);

    it('each client is paid up to its own at-risk amount: the default, its argument or its own cap', () => {
        // Northwind 12 %: 1,200 EUR (Availability 1,000, Outages 200). Contoso 8 %: 800 EUR (Availability 800, Outages 0).
        // Fabrikam 15 %: 1,500 EUR (1,000 + 500). Tailspin 20 % = 2,000 EUR: all 1,750 EUR.
        const paid = (name: string) => entryOf(name).report.credits.map(credit => credit.total);
        expect(paid('Northwind')).toEqual([1000, 200]);
        expect(paid('Contoso')).toEqual([800, 0]);
        expect(paid('Fabrikam')).toEqual([1000, 500]);
        expect(paid('Tailspin')).toEqual([1000, 750]);
        expect(entryOf('Contoso').credits).toEqual([{ currency: 'EUR', total: 800, provisionalTotal: 0 }]);
        expect(entryOf('Fabrikam').report.creditCaps!.map(cap => cap.cap)).toEqual(['15% of fee per calendar month', '10000 EUR per calendar year']);
    });

    it('a lower at-risk amount is a loosening, with a warning; a higher one a tightening; both at once replaced', () => {
        expect(entryOf('Northwind').deviations).toEqual([]);
        const lower = 'capped at 8 % of fee per calendar month instead of capped at 12 % of fee per calendar month (atRisk)';
        expect(entryOf('Contoso').deviations).toEqual([{ member: 'credits cap', kind: 'loosened', text: lower }]);
        expect(warningsOf('Contoso')).toEqual([expect.stringContaining(`sla/template-loosened: This loosens the template's cap on all credits together (credits cap: ${lower})`)]);
        expect(entryOf('Tailspin').deviations).toEqual([{ member: 'credits cap', kind: 'tightened', text: 'capped at 20% of fee per calendar month instead of capped at 12 % of fee per calendar month' }]);
        expect(warningsOf('Tailspin')).toEqual([]);
        // A higher monthly cap, and a yearly one the template does not have.
        expect(entryOf('Fabrikam').deviations).toMatchObject([{ member: 'credits cap', kind: 'replaced' }]);
    });

    it('the portfolio lists the caps that cut, with what was owed and what is paid', () => {
        // February: Northwind owed 1,750 and is paid 1,200, Contoso 800, Fabrikam 1,500 (its yearly cap of 10,000 EUR is not reached: not listed); Tailspin's 2,000 EUR cap is not reached.
        expect(entryOf('Northwind').creditCaps).toEqual([{ cap: '12% of fee per calendar month', currency: 'EUR', periodsCut: 1, owed: 1750, paid: 1200 }]);
        expect(entryOf('Contoso').creditCaps).toEqual([{ cap: '8% of fee per calendar month', currency: 'EUR', periodsCut: 1, owed: 1750, paid: 800 }]);
        expect(entryOf('Fabrikam').creditCaps).toEqual([{ cap: '15% of fee per calendar month', currency: 'EUR', periodsCut: 1, owed: 1750, paid: 1500 }]);
        expect(entryOf('Tailspin').creditCaps).toBeUndefined();
        const table = renderPortfolioTable(portfolio, { color: false });
        const section = table.slice(table.indexOf('Credits capped together (at-risk amounts reached)'));
        expect(section.split('\n').slice(1, 6).join('\n')).toMatch(/^Client +Cap +Periods cut +Owed +Paid\n-+.*\nContoso AG +8% of fee per calendar month +1 +€1,750\.00 +€800\.00.*\nFabrikam AG +15% of fee per calendar month +1 +€1,750\.00 +€1,500\.00.*\nNorthwind AG +12% of fee per calendar month +1 +€1,750\.00 +€1,200\.00/);
    });

    it('the hover on a client states its at-risk amount with its own value and fee', () => {
        const contoso = documents.find(d => d.uri.fsPath.endsWith('contoso.sla'))!;
        const agreement = (contoso.parseResult.value as { elements: Agreement[] }).elements[0]!;
        // 8 % of Contoso's 10,000 EUR a month.
        expect(explainNode(agreement, services.types.TypeComputer)).toContain('**Cap on all credits together** (the at-risk amount): all service credits of this agreement together are, per calendar month at most 8% of the fee (800.00 EUR).');
    });
});
