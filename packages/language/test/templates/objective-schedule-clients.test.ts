import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderPortfolioTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';
import { hostingCatalogue } from './hosting-catalogue.js';

/** A catalogue whose availability promise is in force from April 2026 (a transition period before it). */
const CATALOGUE = hostingCatalogue(`    objective Uptime >= 99.9% per calendar month from 2026-04-01
`);
const client = (own: string) => `import "catalogue.sla"
agreement Northwind from Hosting {
    provider P "Provider GmbH"
    customer C "Northwind AG"
    valid from 2026-01-01 to 2027-12-31
    timezone "UTC"
    ${own}
    client scope client = "northwind"
}
`;

/** The deviations, diagnostics and evaluated windows of a client that writes `own` (its objective, or nothing). */
async function clientWith(own: string) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-schedule-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    // A two-hour outage in February (transition) and in May: 120 of 44,640 minutes, 99.731 % < 99.9 %.
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\nnorthwind,2026-02-10T10:00:00Z,2026-02-10T12:00:00Z\nnorthwind,2026-05-10T10:00:00Z,2026-05-10T12:00:00Z\n');
    fs.writeFileSync(path.join(folder, 'northwind.sla'), client(own));
    const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
    const document = documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!;
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements([document]), services, { from: '2026-01-01', to: '2026-06-30', now: Date.UTC(2027, 0, 1) });
    const objective = portfolio.entries[0]!.report.objectives[0]!;
    return {
        deviations: portfolio.entries[0]!.deviations,
        warnings: (document.diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`),
        windows: objective.windows.map(w => `${w.start.slice(0, 7)} ${w.status}`)
    };
}

describe('a client\'s promise over the term against the template\'s', () => {
    it('the template\'s: judged from April, February\'s outage outside it; no deviation', async () => {
        const { deviations, windows } = await clientWith('');
        expect(deviations).toEqual([]);
        expect(windows).toEqual(['2026-04 met', '2026-05 breached', '2026-06 met']);
    });

    it('in force from the start: a tightening, February judged too', async () => {
        const { deviations, warnings, windows } = await clientWith('objective Uptime >= 99.9% per calendar month');
        expect(deviations).toEqual([{ member: 'objective Uptime', kind: 'tightened', text: '99.9% instead of 99.9% from 2026-04-01' }]);
        expect(warnings.filter(w => w.startsWith('sla/template-loosened'))).toEqual([]);
        expect(windows).toEqual(['2026-01 met', '2026-02 breached', '2026-03 met', '2026-04 met', '2026-05 breached', '2026-06 met']);
    });

    it('in force later: a loosening, with a warning', async () => {
        const { deviations, warnings, windows } = await clientWith('objective Uptime >= 99.9% per calendar month from 2026-07-01');
        expect(deviations).toEqual([{ member: 'objective Uptime', kind: 'loosened', text: '99.9% from 2026-07-01 instead of 99.9% from 2026-04-01' }]);
        expect(warnings.some(w => w.startsWith('sla/template-loosened'))).toBe(true);
        expect(windows).toEqual([]);
    });

    it('a stricter target in force later, or another schedule of targets: replaced', async () => {
        expect((await clientWith('objective Uptime >= 99.95% per calendar month from 2026-07-01')).deviations)
            .toEqual([{ member: 'objective Uptime', kind: 'replaced', text: '99.95% from 2026-07-01 instead of 99.9% from 2026-04-01' }]);
        expect((await clientWith('objective Uptime >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2027-01-01')).deviations)
            .toEqual([{ member: 'objective Uptime', kind: 'replaced', text: '99.9% from 2026-04-01, >= 99.95% from 2027-01-01 instead of 99.9% from 2026-04-01' }]);
    });
});

describe('a parameter as the target of a step', () => {
    /** Evaluates January 2027 for a client of a template whose availability steps up to `steady` in 2027; `arguments` is the client's `with …` line. */
    async function steadyClient(args: string) {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-schedule-parameter-'));
        fs.writeFileSync(path.join(folder, 'catalogue.sla'), `template Hosting "Managed hosting" {
    parameter steady percentage default 99.9 %
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.5% per calendar month, >= steady from 2027-01-01
}
`);
        // One hour down in January 2027: 1 − 60 / 44,640 = 99.8656 %: met against 99.8 %, breached against 99.9 %.
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\nnorthwind,2027-01-12T10:00:00Z,2027-01-12T11:00:00Z\n');
        fs.writeFileSync(path.join(folder, 'northwind.sla'), client(args));
        const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
        const document = documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!;
        const portfolio = await evaluatePortfolioDocuments(portfolioAgreements([document]), services, { from: '2027-01-01', to: '2027-01-31', now: Date.UTC(2028, 0, 1) });
        const window = portfolio.entries[0]!.report.objectives[0]!.windows[0]!;
        return { deviations: portfolio.entries[0]!.deviations, target: window.target, status: window.status };
    }

    it('the default: 99.9 % from 2027, January breached', async () => {
        expect(await steadyClient('')).toEqual({ deviations: [], target: 0.999, status: 'breached' });
    });

    it('a client\'s lower argument: a loosening named at the step, January met against 99.8 %', async () => {
        expect(await steadyClient('with steady = 99.8 %')).toEqual({
            deviations: [{ member: 'objective Uptime', kind: 'loosened', text: '99.5%, >= 99.8 % from 2027-01-01 instead of 99.5%, >= 99.9 % from 2027-01-01 (steady)' }],
            target: 0.998,
            status: 'met'
        });
    });
});

describe('the template\'s internal target against a client\'s steps', () => {
    it('weaker than a client\'s step: the template\'s warning names the client and the step', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-schedule-internal-'));
        fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE.replace('    objective Uptime >= 99.9% per calendar month from 2026-04-01\n',
            '    objective Uptime >= 99.9% per calendar month from 2026-04-01\n    internal target Uptime >= 99.9% per calendar month owner "Operations"\n'));
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
        fs.writeFileSync(path.join(folder, 'northwind.sla'), client('objective Uptime >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2027-01-01'));
        const { services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
        const catalogue = services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('catalogue.sla'))!;
        const warnings = (catalogue.diagnostics ?? []).filter(d => d.code === 'sla/template-internal-weaker').map(d => d.message);
        expect(warnings).toEqual([expect.stringContaining("looser than what a client was promised: Northwind (99.95% from 2027-01-01)")]);
    });
});

describe('a portfolio\'s promises coming into force soon', () => {
    it('evaluated to the end of March: Northwind\'s promise comes into force on 1 April, in its entry and the portfolio table', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-schedule-upcoming-'));
        fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
        fs.writeFileSync(path.join(folder, 'northwind.sla'), client(''));
        const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
        const document = documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!;
        const portfolio = await evaluatePortfolioDocuments(portfolioAgreements([document]), services, { from: '2026-01-01', to: '2026-03-31', now: Date.UTC(2027, 0, 1) });
        expect(portfolio.entries[0]!.upcoming).toEqual([{ kpi: 'Uptime', from: '2026-04-01', comparison: '>=', target: 0.999, unit: 'ratio', inForce: true, wouldMiss: 0 }]);
        expect(renderPortfolioTable(portfolio, { color: false })).toMatch(/Service levels coming into force or stepping up within 90 days\n.*\n.*\nNorthwind AG +Uptime +2026-04-01 +>= 99\.9 % \(comes into force\) +— *\n/);
    });
});
