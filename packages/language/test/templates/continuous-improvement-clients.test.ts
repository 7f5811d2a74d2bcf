import { renderPortfolioTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { catalogueClient, catalogueClients, hostingCatalogue, loadCatalogueClient } from './hosting-catalogue.js';

/** A catalogue whose availability promise improves yearly: the mean of the best 6 months, by at most 0.2 %. */
const CATALOGUE = hostingCatalogue(`    objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.2%
`);

/**
 * A client over two years (UTC) that writes `own` (its objective, or nothing): its deviations,
 * loosening warnings and the targets its report computes. Northwind's only outage of 2026 is in
 * February (240 of 40,320 minutes: 99.405 %); every other month of 2026 is at 100 % (its data run
 * to a one-minute outage on 2027-02-20), so the best six average 100 % and the 2027 target is
 * 99.5 % + 0.2 % = 99.7 % (capped).
 */
const INCIDENTS = 'northwind,2026-02-10T10:00:00Z,2026-02-10T14:00:00Z\nfabrikam,2026-03-10T10:00:00Z,2026-03-10T11:00:00Z\nnorthwind,2027-02-20T10:00:00Z,2027-02-20T10:01:00Z\n';

async function clientWith(own: string) {
    const { document, portfolio } = await catalogueClient(CATALOGUE, own, INCIDENTS, '2026-01-01 to 2027-12-31', { now: Date.UTC(2027, 2, 1) });
    return {
        deviations: portfolio.entries[0]!.deviations,
        loosened: (document.diagnostics ?? []).filter(d => String(d.code) === 'sla/template-loosened').map(d => d.message),
        errors: (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message),
        objective: portfolio.entries[0]!.report.objectives[0]!,
        portfolio
    };
}

describe('a client\'s Continuous Improvement against the template\'s', () => {
    it('the template\'s: 2027 judged against 99.7 % (capped), computed from the client\'s own rows', async () => {
        const { deviations, errors, objective } = await clientWith('');
        expect(errors).toEqual([]);
        expect(deviations).toEqual([]);
        expect(objective.improvedTargets!.map(year => [year.from, year.target, year.outcome])).toEqual([['2027-01-01', 0.997, 'capped']]);
        // The best six of 2026 are six months at 100 %: fabrikam's March outage is not northwind's.
        expect(objective.improvedTargets![0]!.best.map(window => window.value)).toEqual([1, 1, 1, 1, 1, 1]);
        expect(objective.windows.find(window => window.start.startsWith('2027-01'))!.target).toBe(0.997);
    });

    it('the portfolio lists the raised target: its entry and a table of its own', async () => {
        const { portfolio } = await clientWith('');
        expect(portfolio.entries[0]!.improvedTargets).toEqual([{ kpi: 'Uptime', from: '2027-01-01', comparison: '>=', previous: 0.995, target: 0.997, unit: 'ratio', capped: true }]);
        expect(renderPortfolioTable(portfolio, { color: false })).toMatch(/Targets raised by Continuous Improvement\n.*\n.*\nNorthwind AG +Uptime +2027-01-01 +>= 99\.7 % \(capped by the yearly limit\) +>= 99\.5 % +— *\n/);
    });

    it('evaluated from 2027, the client\'s 2026 windows are read on their own, with its client scope', async () => {
        const whole = await clientWith('');
        const { portfolio } = await catalogueClient(CATALOGUE, '', INCIDENTS, '2026-01-01 to 2027-12-31', { now: Date.UTC(2027, 2, 1), from: '2027-01-01' });
        const objective = portfolio.entries[0]!.report.objectives[0]!;
        expect(objective.windows.map(window => [window.start.slice(0, 7), window.target])).toEqual([['2027-01', 0.997], ['2027-02', 0.997]]);
        expect(objective.improvedTargets).toEqual(whole.objective.improvedTargets);
        // The shared file is read once for the period and once more for the windows before it.
        expect(portfolio.dataFiles.map(file => file.reads)).toEqual([2]);
        // Within the first contract year, far from the second, no target needs the windows before: one read.
        const early = await catalogueClient(CATALOGUE, '', INCIDENTS, '2026-01-01 to 2027-12-31', { now: Date.UTC(2027, 2, 1), from: '2026-03-01', to: '2026-06-30' });
        expect(early.portfolio.dataFiles.map(file => file.reads)).toEqual([1]);
        expect(portfolio.notes.join('\n')).toContain('was opened 2 times for 1 agreement(s): besides the shared pass, pause lists, per-item credit lists, datasets declaring the file with other fields, fees of previous periods, or the windows before the period that improved targets are computed from read it again.');
    });

    it('a portfolio evaluated from 2027: the 2026 windows of all its clients in one more pass, each client\'s target from its own rows', async () => {
        // Northwind as above: 99.7 % (capped). Fabrikam's only row is its March 2026 outage, but the
        // shared register's data reach its last row, northwind's of 20 February 2027 (coverage is
        // judged on all rows: language reference § 14.10): all twelve months of 2026 have values,
        // eleven at 100 % and March at 99.866 %; the best six, 100 %, are capped at 99.5 + 0.2 = 99.7 %.
        // The shared file is read twice in all.
        const options = { now: Date.UTC(2027, 2, 1), from: '2027-01-01' };
        const portfolio = await catalogueClients(CATALOGUE, ['Northwind', 'Fabrikam'], INCIDENTS, '2026-01-01 to 2027-12-31', options);
        expect(portfolio.dataFiles.map(file => file.reads)).toEqual([2]);
        const targets = (report: typeof portfolio) => Object.fromEntries(report.entries.map(entry => [entry.report.agreement, entry.report.objectives[0]!.improvedTargets]));
        const part = targets(portfolio);
        expect(part.Northwind!.map(year => [year.target, year.outcome, year.measured])).toEqual([[0.997, 'capped', 12]]);
        expect(part.Fabrikam!.map(year => [year.target, year.outcome, year.measured])).toEqual([[0.997, 'capped', 12]]);
        const whole = await catalogueClients(CATALOGUE, ['Northwind', 'Fabrikam'], INCIDENTS, '2026-01-01 to 2027-12-31', { now: options.now });
        expect(part).toEqual(targets(whole));
    });

    it('no improvement: loosened, with a warning', async () => {
        const { deviations, loosened, objective, portfolio } = await clientWith('objective Uptime >= 99.5% per calendar month');
        expect(deviations).toEqual([{ member: 'objective Uptime', kind: 'loosened', text: '99.5% instead of 99.5%, improved yearly to the mean of the best 6 windows by at most 0.2%' }]);
        expect(loosened.length).toBe(1);
        expect(objective.improvedTargets).toBeUndefined();
        expect(portfolio.entries[0]!.improvedTargets).toBeUndefined();
        expect(renderPortfolioTable(portfolio, { color: false })).not.toContain('Continuous Improvement');
    });

    it('a smaller yearly limit: loosened; the mean of fewer windows: tightened; both: replaced', async () => {
        expect((await clientWith('objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.1%')).deviations.map(d => d.kind)).toEqual(['loosened']);
        const fewer = await clientWith('objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 3 windows by at most 0.2%');
        expect(fewer.deviations.map(d => d.kind)).toEqual(['tightened']);
        expect(fewer.loosened).toEqual([]);
        expect((await clientWith('objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 3 windows by at most 0.1%')).deviations.map(d => d.kind)).toEqual(['replaced']);
    });

    it('no limit where the template has one: tightened (the target may rise further), and 2027\'s target is the mean itself', async () => {
        const { deviations, objective } = await clientWith('objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows');
        expect(deviations.map(d => d.kind)).toEqual(['tightened']);
        // Six months at 100 %: the mean, 100 %, is the target (a promise with no error budget left, as written).
        expect(objective.improvedTargets![0]!.target).toBe(1);
    });

    it('a client valid from the middle of a month: the error at its own validity; a one-year client: no warning', async () => {
        const { document } = await loadCatalogueClient(CATALOGUE, '', '', '2026-01-15 to 2027-12-31');
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(d => [String(d.code), d.range.start.line, d.message.slice(0, 90)])).toEqual([
            ['sla/continuous-improvement', 4, "The objective on 'Uptime' improves yearly, and its contract years start on 2026-01-15, the"]
        ]);
        const { document: oneYear } = await loadCatalogueClient(CATALOGUE, '', '', '2026-01-01 to 2026-12-31');
        expect(oneYear.diagnostics ?? []).toEqual([]);
    });

    it('a target given by a parameter keeps the precision of its default, or of the client\'s argument', async () => {
        const catalogue = hostingCatalogue(`    parameter availability percentage default 99.5 %
    objective Uptime >= availability per calendar month, improved yearly to the mean of the best 6 windows
`);
        const incidents = 'northwind,2027-02-20T10:00:00Z,2027-02-20T10:01:00Z\n';
        const options = { now: Date.UTC(2027, 2, 1) };
        const byDefault = await catalogueClient(catalogue, '', incidents, '2026-01-01 to 2027-12-31', options);
        expect(byDefault.portfolio.entries[0]!.report.objectives[0]!.improvement).toEqual({ best: 6, step: 0.001 });
        const argued = await catalogueClient(catalogue, 'with availability = 99.85 %', incidents, '2026-01-01 to 2027-12-31', options);
        const objective = argued.portfolio.entries[0]!.report.objectives[0]!;
        expect([objective.target, objective.improvement]).toEqual([0.9985, { best: 6, step: 0.0001 }]);
    });
});
