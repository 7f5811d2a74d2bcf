// The VS Code report of a promise over the term: each window with the target it was judged
// against, and the objective described as written (the glide-path example, README figures).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf, evaluateDocument } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';
import { buildReportView } from '../src/report/build-report-view.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('a promise over the term in the VS Code report view', () => {
    it('the glide-path example: February against 75 %, March against 80 %, the term in the description', async () => {
        const { documents, services } = await loadSlaFiles([path.join(repo, 'examples/glide-path/iberia-service-desk.sla')]);
        const view = buildReportView(await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') }));
        const speed = view.objectives[0]!;
        expect(speed.description).toBe('>= 75 % per calendar month from 2026-02-01, >= 80 % from 2026-03-01');
        expect(speed.rows.map(row => [row.value, row.target, row.statusWord])).toEqual([['78 %', '>= 75 %', 'MET'], ['79 %', '>= 80 %', 'BREACHED']]);
        // The internal target has no term: one target, every month.
        expect(view.internalTargets[0]!.rows.map(row => row.target)).toEqual(['>= 85 %', '>= 85 %', '>= 85 %']);
    });
});

describe('a step to come in the portfolio view', () => {
    it('the glide-path example evaluated to the end of February: March\'s levels, which February\'s values would miss, are a risk', async () => {
        const file = path.join(repo, 'examples/glide-path/iberia-service-desk.sla');
        const { documents, services } = await loadSlaFiles([file]);
        const models = agreementsOf(documents[0]!).map((agreement) => withCustomer(agreementModelOf(documents[0]!, services, agreement.name), agreement));
        const portfolio = await evaluatePortfolioModels(models, { from: '2026-01-01', to: '2026-02-28', now: Date.parse('2026-06-01T00:00:00Z') });
        expect(portfolio.entries[0]!.upcoming!.map(line => [line.kpi, line.from, line.target, line.wouldMiss])).toEqual([['SpeedToAnswer', '2026-03-01', 0.8, 1], ['FirstContactResolution', '2026-03-01', 0.7, 1]]);
        const view = buildPortfolioView({ folder: 'examples', report: portfolio, failures: [] });
        expect(view.rows[0]!.atRisk).toBe('SpeedToAnswer steps up to >= 80 % on 2026-03-01: the latest window would miss it; FirstContactResolution steps up to >= 70 % on 2026-03-01: the latest window would miss it');
    });
});
