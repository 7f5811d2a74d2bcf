/**
 * Clients of a portfolio named by their file and agreement, not the agreement alone: two client
 * files may both write `agreement Hosting` (clients/alpha.sla for Alpha, clients/beta.sla for
 * Beta). The tree's item ids, the page's "open client" messages and the report lookup all use
 * the key; and the files that could not be evaluated are said above the tree's clients.
 */
import type { PortfolioEntry, PortfolioReport } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { buildPortfolioView, clientKey, clientRow, entryOfKey, notEvaluatedNote, portfolioTreeMessage } from '../src/portfolio/build-portfolio-view.js';
import { parsePortfolioMessage } from '../src/portfolio/portfolio-message.js';

/** An entry as the engine's portfolio report has it, with only what the view reads. */
function entry(agreement: string, client: string, sourceFile: string, status: PortfolioEntry['status']): PortfolioEntry {
    return {
        agreement, client, title: `Hosting for ${client}`, sourceFile, status,
        objectives: { met: status === 'met' ? 1 : 0, breached: status === 'breached' ? 1 : 0, noData: 0 },
        credits: [], earlyWarnings: [], atRisk: [], deviations: [], coverage: [],
        report: { title: `Hosting for ${client}`, credits: [] }
    } as unknown as PortfolioEntry;
}

const alpha = entry('Hosting', 'Alpha', '/ws/clients/alpha.sla', 'met');
const beta = entry('Hosting', 'Beta', '/ws/clients/beta.sla', 'breached');

function portfolio(entries: PortfolioEntry[]): PortfolioReport {
    return {
        period: { from: '2026-01-01', to: '2026-03-31' }, generatedAt: '2026-06-01T00:00:00Z', notes: [], entries,
        totals: { agreements: entries.length, breached: 1, atRisk: 0, met: 1, noData: 0, credits: [] }
    } as unknown as PortfolioReport;
}

describe('two clients whose agreements have the same name', () => {
    it('get different keys, and each key finds its own client', () => {
        expect(clientKey(alpha)).not.toBe(clientKey(beta));
        expect(entryOfKey([alpha, beta], clientKey(beta))?.client).toBe('Beta');
        expect(entryOfKey([alpha, beta], clientKey(alpha))?.client).toBe('Alpha');
        // The name alone names neither: it is not a key.
        expect(entryOfKey([alpha, beta], 'Hosting')).toBeUndefined();
    });

    it('are two rows of the page, each carrying its own key (what a click posts back)', () => {
        const view = buildPortfolioView({ folder: 'clients', report: portfolio([alpha, beta]), failures: [] });
        expect(view.rows.map((row) => [row.client, row.agreement, row.key])).toEqual([
            ['Beta', 'Hosting', clientKey(beta)], ['Alpha', 'Hosting', clientKey(alpha)]
        ]);
        expect(new Set(view.rows.map((row) => row.key)).size).toBe(2);
        expect(clientRow(beta).key).toBe('/ws/clients/beta.sla#Hosting');
    });

    it('the page opens a client by its key, checked like any message', () => {
        expect(parsePortfolioMessage({ type: 'openClient', key: clientKey(beta), agreement: 'Hosting' })).toEqual({ type: 'openClient', key: '/ws/clients/beta.sla#Hosting' });
        for (const message of [{ type: 'openClient' }, { type: 'openClient', key: '' }, { type: 'openClient', key: 42 }, { type: 'openClient', key: 'x'.repeat(5_000) }]) {
            expect(parsePortfolioMessage(message), JSON.stringify(message)).toBeUndefined();
        }
    });
});

describe('files of the portfolio that could not be evaluated', () => {
    const failure = { file: 'clients/beta.sla', path: '/ws/clients/beta.sla', message: "BetaHosting: 9:31: Unexpected 'month' in the agreement" };

    it('are said above the tree\'s clients, each file once', () => {
        expect(notEvaluatedNote([])).toBe('');
        expect(notEvaluatedNote([failure])).toBe('1 file not evaluated: clients/beta.sla.');
        expect(notEvaluatedNote([failure, { ...failure, message: 'another agreement of it' }, { file: 'clients/gamma.sla', message: 'x' }]))
            .toBe('2 files not evaluated: clients/beta.sla, clients/gamma.sla.');
        const five = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ file: `${name}.sla`, message: 'x' }));
        expect(notEvaluatedNote(five)).toBe('5 files not evaluated: a.sla, b.sla, c.sla, and 2 more.');
    });

    it('the tree\'s message: the data changed, then the files not evaluated; none when neither', () => {
        const report = portfolio([alpha]);
        expect(portfolioTreeMessage({ folder: 'clients', report, failures: [] })).toBeUndefined();
        expect(portfolioTreeMessage({ folder: 'clients', report, failures: [failure] })).toBe('1 file not evaluated: clients/beta.sla.');
        expect(portfolioTreeMessage({ folder: 'clients', report, failures: [failure], dataChangedNote: 'The data changed since this evaluation (data/incidents.csv): evaluate again.' }))
            .toBe('The data changed since this evaluation (data/incidents.csv): evaluate again. 1 file not evaluated: clients/beta.sla.');
    });

    it('the page lists them without the file\'s own path', () => {
        const view = buildPortfolioView({ folder: 'clients', report: portfolio([alpha]), failures: [failure] });
        expect(view.failures).toEqual([{ file: 'clients/beta.sla', message: failure.message }]);
    });
});
