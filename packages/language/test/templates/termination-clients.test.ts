import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderPortfolioTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';
import { hostingCatalogue } from './hosting-catalogue.js';

/**
 * A template's termination right, per client of a portfolio (UTC; each outage lasts two hours,
 * a breach of 99.9 % in any month). Evaluated January–June 2026:
 * Northwind: February, March, April breached: fired at the end of April, notice by 29 June.
 * Contoso: May, June breached: at risk (July would fire it). Fabrikam: March only: neither.
 */
const CATALOGUE = hostingCatalogue(`    objective Uptime >= 99.9% per calendar month
    termination ChronicFailure "Three months in a row below the promise" when Uptime is breached in 3 consecutive windows, notice within 60 days
`);
const client = (name: string) => `import "catalogue.sla"
agreement ${name} from Hosting {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "${name.toLowerCase()}"
}
`;
const outage = (client: string, month: string) => `${client},2026-${month}-10T10:00:00Z,2026-${month}-10T12:00:00Z`;

describe('termination rights across a portfolio', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-termination-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    const rows = [...['02', '03', '04'].map(m => outage('northwind', m)), ...['05', '06'].map(m => outage('contoso', m)), outage('fabrikam', '03')];
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved\n${rows.join('\n')}\n`);
    const names = ['Northwind', 'Contoso', 'Fabrikam'];
    for (const name of names) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), client(name));
    const { documents, services } = await loadSlaFiles(names.map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-01-01', to: '2026-06-30', now: Date.UTC(2027, 0, 1) });
    const entryOf = (agreement: string) => portfolio.entries.find(entry => entry.agreement === agreement)!;

    it('each client\'s entry says whether its right fired or is one breach away', () => {
        expect(entryOf('Northwind').terminations).toEqual([{ name: 'ChronicFailure', status: 'fired', firedAt: '2026-05-01T00:00:00+00:00', noticeBy: '2026-06-29' }]);
        expect(entryOf('Contoso').terminations).toEqual([{ name: 'ChronicFailure', status: 'at risk' }]);
        expect(entryOf('Fabrikam').terminations).toBeUndefined();
    });

    it('the portfolio table lists them per client, fired or at risk', () => {
        const table = renderPortfolioTable(portfolio, { color: false });
        expect(table).toMatch(/Termination rights \(chronic failure\)\n.*\n.*\nContoso AG +ChronicFailure +— +at risk *\nNorthwind AG +ChronicFailure +— +FIRED +2026-05-01T00:00:00\+00:00 +2026-06-29/);
    });
});

describe('a client\'s own termination right against the template\'s', () => {
    /** The deviations and diagnostics of a client that declares `right` in place of the template's ChronicFailure. */
    async function clientWith(right: string) {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-termination-deviation-'));
        fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
        fs.writeFileSync(path.join(folder, 'northwind.sla'), client('Northwind').replace('    client scope', `    ${right}\n    client scope`));
        const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
        const document = documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!;
        const portfolio = await evaluatePortfolioDocuments(portfolioAgreements([document]), services, { now: Date.UTC(2027, 0, 1) });
        return {
            deviations: portfolio.entries[0]!.deviations,
            warnings: (document.diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`),
            rules: portfolio.entries[0]!.report.terminations!.map(t => t.rule)
        };
    }

    it('replaces it (one right of that name), and one that needs more breached windows is a loosening, with a warning', async () => {
        const { deviations, warnings, rules } = await clientWith('termination ChronicFailure "Four months in a row" when Uptime is breached in 4 consecutive windows, notice within 60 days');
        expect(rules).toEqual(['4 consecutive windows']);
        expect(deviations).toEqual([{ member: 'termination ChronicFailure', kind: 'loosened', text: '4 consecutive windows, notice within 60 days instead of 3 consecutive windows, notice within 60 days' }]);
        expect(warnings).toEqual([expect.stringContaining("sla/template-loosened: This loosens the template's termination right (termination ChronicFailure: 4 consecutive windows")]);
    });

    it('fewer breaches among more windows, or a longer notice, is a tightening: no warning', async () => {
        // 2 of any 4 (slack 2) fires whenever 3 consecutive (slack 0) does, and more.
        const { deviations, warnings } = await clientWith('termination ChronicFailure "Two of any four" when Uptime is breached in 2 of any 4 consecutive windows, notice within 90 days');
        expect(deviations).toEqual([{ member: 'termination ChronicFailure', kind: 'tightened', text: '2 of any 4 consecutive windows, notice within 90 days instead of 3 consecutive windows, notice within 60 days' }]);
        expect(warnings).toEqual([]);
    });

    it('more breaches but among more windows is neither: replaced', async () => {
        // 4 of any 12 against 3 consecutive: neither fires in every case the other does.
        const { deviations } = await clientWith('termination ChronicFailure "Four of any twelve" when Uptime is breached in 4 of any 12 consecutive windows, notice within 60 days');
        expect(deviations).toMatchObject([{ member: 'termination ChronicFailure', kind: 'replaced' }]);
    });

    it('a right on any objective in place of one on the KPI: replaced, named so', async () => {
        const { deviations, rules } = await clientWith('termination ChronicFailure "Any promise three months in a row" when any objective is breached in 3 consecutive windows, notice within 60 days');
        expect(rules).toEqual(['3 consecutive windows']);
        expect(deviations).toEqual([{ member: 'termination ChronicFailure', kind: 'replaced', text: 'on any objective instead of Uptime' }]);
    });

    it('a right on a list of one KPI is the right on that KPI: no deviation', async () => {
        const { deviations, rules } = await clientWith('termination ChronicFailure "The listed promises three months in a row" when any of Uptime is breached in 3 consecutive windows, notice within 60 days');
        expect(rules).toEqual(['3 consecutive windows']);
        expect(deviations).toEqual([]);
    });

    it('a right the template does not have is an addition', async () => {
        const { deviations, rules } = await clientWith('termination Severe "Two months in a row" when Uptime is breached in 2 consecutive windows');
        expect(rules).toEqual(['3 consecutive windows', '2 consecutive windows']);
        expect(deviations).toEqual([{ member: 'termination Severe', kind: 'added', text: 'not in the template Hosting' }]);
    });
});
