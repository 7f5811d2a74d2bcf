// The VS Code report of Expected and Minimum Service Levels: the minimum and the rule in the
// objective's description, each default named on its window (figures of the language package's
// test/evaluation/service-level-defaults.test.ts, worked by hand there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf, evaluateDocument } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { availabilityAgreement } from '../../language/test/evaluation/outage-fixture.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';
import { buildReportView } from '../src/report/build-report-view.js';

const AGREEMENT = availabilityAgreement('    objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 6 consecutive windows\n');

describe('Service Level Defaults in the VS Code report view', () => {
    it('January missed (99.866 %), February below the minimum (99.405 %), April the third missed month of six (99.722 %)', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-defaults-view-'));
        fs.writeFileSync(path.join(folder, 'hosting.sla'), AGREEMENT);
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n2026-01-10T10:00:00Z,2026-01-10T11:00:00Z\n2026-02-10T10:00:00Z,2026-02-10T14:00:00Z\n2026-04-14T10:00:00Z,2026-04-14T12:00:00Z\n');
        const { documents, services } = await loadSlaFiles([path.join(folder, 'hosting.sla')]);
        const view = buildReportView(await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-04-30', now: Date.parse('2026-06-01T00:00:00Z') }));
        const availability = view.objectives[0]!;
        expect(availability.description).toBe('>= 99.9 % per calendar month, minimum 99.5 %, default when breached in 3 of any 6 consecutive windows');
        expect(availability.rows.map(row => [row.window, row.statusWord])).toEqual([
            ['Jan 2026', 'BREACHED'],
            ['Feb 2026 (Service Level Default: misses the minimum >= 99.5 %)', 'BREACHED'],
            ['Mar 2026', 'MET'],
            ['Apr 2026 (Service Level Default: breached in 3 of any 6 consecutive windows)', 'BREACHED']
        ]);
    });

    it('the portfolio view: one more missed month would be a default (January and April missed, 3 of any 6)', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-defaults-portfolio-'));
        fs.writeFileSync(path.join(folder, 'hosting.sla'), AGREEMENT);
        // January (60 of 44,640 minutes) and April (60 of 43,200) miss 99.9 %, both above 99.5 %: no default yet;
        // May, if missed, would be the third missed month of the six ending with it (the evaluation counts January–May).
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n2026-01-10T10:00:00Z,2026-01-10T11:00:00Z\n2026-04-14T10:00:00Z,2026-04-14T11:00:00Z\n');
        const { documents, services } = await loadSlaFiles([path.join(folder, 'hosting.sla')]);
        const models = agreementsOf(documents[0]!).map((agreement) => withCustomer(agreementModelOf(documents[0]!, services, agreement.name), agreement));
        const portfolio = await evaluatePortfolioModels(models, { from: '2026-01-01', to: '2026-04-30', now: Date.parse('2026-06-01T00:00:00Z') });
        expect(portfolio.entries[0]!.defaultsAtRisk).toEqual([{ kpi: 'Availability', start: '2026-05-01T00:00:00+00:00', rule: '3 of any 6 consecutive windows' }]);
        const view = buildPortfolioView({ folder: 'hosting', report: portfolio, failures: [] });
        expect(view.rows[0]!.atRisk).toBe('Availability: one more missed window is a Service Level Default');
    });
});
