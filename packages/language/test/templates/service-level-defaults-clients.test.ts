import { renderPortfolioTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { catalogueClient, hostingCatalogue } from './hosting-catalogue.js';

/** A catalogue whose availability promise has a minimum (99.5 %) and a default rule (3 of any 6 months). */
const CATALOGUE = hostingCatalogue(`    objective Uptime >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 6 consecutive windows
    termination Chronic "Three failures in a row" when Uptime is breached in 3 consecutive windows
`);

/** The deviations and warnings of a client that writes `own` (its objective, or nothing), and its windows' defaults. */
async function clientWith(own: string) {
    // February: 240 of 40,320 minutes down, 99.405 % — below 99.5 % (a default), above 99.4 %.
    const { document, portfolio } = await catalogueClient(CATALOGUE, own, 'northwind,2026-02-10T10:00:00Z,2026-02-10T14:00:00Z\n',
        '2026-01-01 to 2026-12-31', { from: '2026-01-01', to: '2026-03-31', now: Date.UTC(2027, 0, 1) });
    return {
        deviations: portfolio.entries[0]!.deviations,
        loosened: (document.diagnostics ?? []).filter(d => String(d.code) === 'sla/template-loosened').map(d => d.message),
        defaults: portfolio.entries[0]!.report.objectives[0]!.windows.map(w => `${w.start.slice(0, 7)} ${w.default ?? '-'}`),
        portfolio
    };
}

describe('a client\'s Service Level Defaults against the template\'s', () => {
    it('the template\'s: February below the minimum; no deviation', async () => {
        const { deviations, defaults, portfolio } = await clientWith('');
        expect(deviations).toEqual([]);
        expect(defaults).toEqual(['2026-01 -', '2026-02 below minimum', '2026-03 -']);
        // The portfolio lists the client's defaults, in a table of their own.
        expect(portfolio.entries[0]!.defaults).toEqual([{ kpi: 'Uptime', start: '2026-02-01T00:00:00+00:00', end: '2026-03-01T00:00:00+00:00', reason: 'below minimum' }]);
        const table = renderPortfolioTable(portfolio, { color: false });
        expect(table).toMatch(/Service Level Defaults\n.*\n.*\nNorthwind AG\s+Uptime\s+2026-02-01 – 2026-02-28\s+missed the minimum/);
    });

    it('a lower minimum (99.4 %): loosened, with a warning, and February is no default', async () => {
        const { deviations, loosened, defaults, portfolio } = await clientWith('objective Uptime >= 99.9% per calendar month, minimum 99.4%, default when breached in 3 of any 6 consecutive windows');
        expect(deviations).toEqual([{ member: 'objective Uptime', kind: 'loosened', text: '99.9%, minimum 99.4%, default when breached in 3 of any 6 consecutive windows instead of 99.9%, minimum 99.5%, default when breached in 3 of any 6 consecutive windows' }]);
        expect(loosened.length).toBe(1);
        expect(defaults).toEqual(['2026-01 -', '2026-02 -', '2026-03 -']);
        expect(portfolio.entries[0]!.defaults).toBeUndefined();
        expect(renderPortfolioTable(portfolio, { color: false })).not.toContain('Service Level Defaults');
    });

    it('no rule: loosened; a rule of 2 of any 6: tightened', async () => {
        expect((await clientWith('objective Uptime >= 99.9% per calendar month, minimum 99.5%')).deviations.map(d => d.kind)).toEqual(['loosened']);
        const tighter = await clientWith('objective Uptime >= 99.9% per calendar month, minimum 99.5%, default when breached in 2 of any 6 consecutive windows');
        expect(tighter.deviations.map(d => d.kind)).toEqual(['tightened']);
        expect(tighter.loosened).toEqual([]);
        // February missed: April, the next month, would be the second missed of January–April.
        expect(tighter.portfolio.entries[0]!.defaultsAtRisk).toEqual([{ kpi: 'Uptime', start: '2026-04-01T00:00:00+00:00', rule: '2 of any 6 consecutive windows' }]);
        expect(renderPortfolioTable(tighter.portfolio, { color: false })).toMatch(/Northwind AG\s+Uptime\s+from 2026-04-01\s+at risk: one more missed window \(2 of any 6 consecutive windows\)/);
    });

    it('a higher minimum with a looser rule: replaced', async () => {
        const { deviations } = await clientWith('objective Uptime >= 99.9% per calendar month, minimum 99.7%, default when breached in 4 of any 6 consecutive windows');
        expect(deviations.map(d => d.kind)).toEqual(['replaced']);
    });

    it('a termination right counting defaults where the template\'s counts breaches: replaced', async () => {
        const { deviations } = await clientWith('termination Chronic "Three defaults in a row" when Uptime defaults in 3 consecutive windows');
        expect(deviations).toEqual([{ member: 'termination Chronic', kind: 'replaced', text: 'defaults counted instead of breaches' }]);
    });
});
