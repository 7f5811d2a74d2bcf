/**
 * The portfolio webview's credits cell says when a client's cap on all credits together was
 * reached. examples/at-risk-amount over January–March 2026 (its README): 10,600 EUR paid of
 * 12,000 EUR owed, the at-risk amount of 4,800 EUR reached in February and March.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('portfolio view: at-risk amounts reached', () => {
    it('the credits cell gives what is paid, then how often the cap was reached and what was owed', async () => {
        const file = path.join(repo, 'examples/at-risk-amount/lakeside-workplace.sla');
        const { documents, services } = await loadSlaFiles([file]);
        const models = agreementsOf(documents[0]!).map((agreement) => withCustomer(agreementModelOf(documents[0]!, services, agreement.name), agreement));
        const portfolio = await evaluatePortfolioModels(models, { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-06-01T00:00:00Z') });
        expect(portfolio.entries[0]!.creditCaps).toEqual([{ cap: '12% of fee per calendar month', currency: 'EUR', periodsCut: 2, owed: 12000, paid: 10600 }]);
        const view = buildPortfolioView({ folder: 'examples', report: portfolio, failures: [] });
        expect(view.rows[0]!.credits).toBe('€10,600.00 (at-risk amount reached in 2 periods: €12,000.00 owed)');
    });
});
