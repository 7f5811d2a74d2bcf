// The VS Code report of Continuous Improvement: the rule in the objective's description, each
// window's target, and the chart's target line stepping up with the contract year (the figures of
// examples/continuous-improvement, worked by hand in its README).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf, evaluateDocument } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { availabilityAgreement, monthlyOutagesCsv } from '../../language/test/evaluation/outage-fixture.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';
import { buildReportView } from '../src/report/build-report-view.js';

const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'continuous-improvement');

describe('Continuous Improvement in the VS Code report view', () => {
    it('2025 against 99.5 %, 2026 against 99.8 %: February 2026 missed, the chart\'s target line steps in January 2026', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-improvement-view-'));
        fs.cpSync(example, folder, { recursive: true });
        const { documents, services } = await loadSlaFiles([path.join(folder, 'thames-council-hosting.sla')]);
        const view = buildReportView(await evaluateDocument(documents[0]!, services, { to: '2026-09-30', now: Date.parse('2026-12-01T00:00:00Z') }));
        const objective = view.objectives[0]!;
        expect(objective.description).toBe('>= 99.5 % per calendar month, improved yearly to the mean of the best 6 windows by at most 0.3 %');
        const row = (label: string) => objective.rows.find(candidate => candidate.window.startsWith(label))!;
        expect([row('Dec 2025').target, row('Dec 2025').statusWord]).toEqual(['>= 99.5 %', 'MET']);
        expect([row('Feb 2026').target, row('Feb 2026').statusWord]).toEqual(['>= 99.8 %', 'BREACHED']);
        expect(objective.chart!.targetSteps).toEqual([{ index: 12, target: 99.8, targetText: '99.8 %' }]);
    });
});

describe('Continuous Improvement in the VS Code portfolio view', () => {
    it('a target raised for the year to come that the latest window would miss is at risk', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-improvement-portfolio-'));
        fs.writeFileSync(path.join(folder, 'hosting.sla'), availabilityAgreement('    objective Availability >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows\n', '2027-12-31'));
        // 99.9 % every month of 2026 to October (M × 0.001 minutes down), November 99.7 % (43,200 × 0.003 = 129.6 minutes).
        const minutes = [44640, 40320, 44640, 43200, 44640, 43200, 44640, 44640, 43200, 44640].map(m => m * 0.001);
        fs.writeFileSync(path.join(folder, 'incidents.csv'), monthlyOutagesCsv([...minutes, 129.6]));
        const { documents, services } = await loadSlaFiles([path.join(folder, 'hosting.sla')]);
        const models = agreementsOf(documents[0]!).map((agreement) => withCustomer(agreementModelOf(documents[0]!, services, agreement.name), agreement));
        const portfolio = await evaluatePortfolioModels(models, { to: '2026-11-30', now: Date.parse('2026-12-01T00:00:00Z') });
        // The best six of January–November average 99.9 %: 2027's target is at least 99.9 %, which November's 99.7 % would miss.
        expect(portfolio.entries[0]!.improvedTargets).toEqual([{ kpi: 'Availability', from: '2027-01-01', comparison: '>=', previous: 0.995, target: 0.999, unit: 'ratio', provisional: true, wouldMiss: true }]);
        const view = buildPortfolioView({ folder: 'hosting', report: portfolio, failures: [] });
        expect(view.rows[0]!.atRisk).toBe('Availability rises to at least >= 99.9 % on 2027-01-01: the latest window would miss it');
    });
});
