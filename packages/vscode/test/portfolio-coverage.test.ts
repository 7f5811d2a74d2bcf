// The portfolio page's Coverage column is the CLI table's Coverage cell (one home: the engine's
// portfolioCoverageText, commit 1d093b6): a dataset without a data end (no rows: an empty file, or
// a client scope that matched no row of any dataset) covers none of the period, 0 % named. The
// view had its own copy that dropped such datasets: `41.5 % (tickets)` for an empty incident
// register (flattering), `—` for a misspelt client. Sorting reads a dataset without rows as 0.
import { evaluatePortfolio, portfolioTables, type AgreementModel, type PortfolioReport } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { agreement, at, count, dataset, field, MONTH, tempDir, writeCsv } from '../../engine/test/evaluate/fixtures.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';
import { sortRows } from '../src/portfolio/portfolio-table.js';
import type { ClientRowView } from '../src/portfolio/portfolio-view.js';

/** The period of every agreement below: 1 January 00:00 UTC to 11 April 00:00 UTC, 31 + 28 + 31 + 10 = 100 days. */
const NOW = at('2026-04-11T00:00:00Z');

/** Tickets of two clients; the last event is 11 February 12:00 UTC: 31 + 10.5 = 41.5 days of 100 → 41.5 %. */
function ticketExport(): string {
    return writeCsv(tempDir(), 'tickets.csv', ['opened', 'client'], [['2026-01-05T09:00:00Z', 'northwind'], ['2026-02-11T12:00:00Z', 'contoso']]);
}

/** Incidents whose last event is 21 March 00:00 UTC: 31 + 28 + 20 = 79 days of 100 → 79 %. */
function incidentRegister(): string {
    return writeCsv(tempDir(), 'incidents.csv', ['started', 'client'], [['2026-01-20T10:00:00Z', 'northwind'], ['2026-03-21T00:00:00Z', 'contoso']]);
}

/** An incident register with its header and no row. */
function emptyRegister(): string {
    return writeCsv(tempDir(), 'incidents.csv', ['started', 'client'], []);
}

/** At most 5 incidents and 20 tickets per calendar month, both files scoped to `client`. */
function hosting(id: string, client: string, incidentsPath: string, ticketsPath: string): AgreementModel {
    const incidents = dataset('incidents', incidentsPath, [field('started', 'timestamp'), field('client', 'text')]);
    const tickets = dataset('tickets', ticketsPath, [field('opened', 'timestamp'), field('client', 'text')]);
    incidents.clientScope = { field: 'client', value: client };
    tickets.clientScope = { field: 'client', value: client };
    return agreement({
        id, timezone: 'UTC', customer: { name: id, title: id }, datasets: { incidents, tickets },
        kpis: [
            { key: 'Incidents', name: 'Incidents', unitKind: 'count', formula: count('incidents') },
            { key: 'Tickets', name: 'Tickets', unitKind: 'count', formula: count('tickets') }
        ],
        objectives: [
            { kpi: 'Incidents', kpiName: 'Incidents', comparison: '<=', target: 5, unitKind: 'count', window: MONTH },
            { kpi: 'Tickets', kpiName: 'Tickets', comparison: '<=', target: 20, unitKind: 'count', window: MONTH }
        ]
    });
}

/** Per agreement, the page's Coverage cell beside the CLI table's (its first table's last column). */
function cells(report: PortfolioReport): Record<string, { page: string; cli: string }> {
    const view = buildPortfolioView({ folder: 'pf', report, failures: [] });
    const table = portfolioTables(report)[0]!;
    const column = table.headers.indexOf('Coverage');
    return Object.fromEntries(report.entries.map((entry, index) => [entry.agreement, { page: view.rows.find((row) => row.agreement === entry.agreement)!.coverage, cli: table.rows[index]![column]! }]));
}

const names = (rows: ClientRowView[]): string[] => rows.map((row) => row.agreement);

describe('the portfolio page\'s coverage column', () => {
    it('an empty dataset: 0 % naming it, as the CLI\'s table (was "41.5 % (tickets)")', async () => {
        const report = await evaluatePortfolio([hosting('EmptyIncidents', 'northwind', emptyRegister(), ticketExport())], { now: NOW });
        expect(cells(report)).toEqual({ EmptyIncidents: { page: '0 % (incidents: no rows)', cli: '0 % (incidents: no rows)' } });
    });

    it('a misspelt client: every scoped dataset without rows, 0 % naming both (was "—")', async () => {
        // "northwnd": the files hold other clients' rows, none of its own.
        const report = await evaluatePortfolio([hosting('Misspelt', 'northwnd', incidentRegister(), ticketExport())], { now: NOW });
        expect(cells(report)).toEqual({ Misspelt: { page: '0 % (incidents, tickets: no rows)', cli: '0 % (incidents, tickets: no rows)' } });
    });

    it('datasets with rows: the lowest share; no dataset: "—" — the CLI\'s cells', async () => {
        // incidents 79 days of 100, tickets 41.5: 41.5 %.
        const report = await evaluatePortfolio([
            hosting('BothRows', 'northwind', incidentRegister(), ticketExport()),
            agreement({ id: 'NoData', timezone: 'UTC', customer: { name: 'NoData', title: 'NoData' } })
        ], { now: NOW });
        expect(cells(report)).toEqual({ BothRows: { page: '41.5 %', cli: '41.5 %' }, NoData: { page: '—', cli: '—' } });
    });

    it('sorts a dataset without rows as 0 %, below 41.5 %; an agreement without datasets last both ways', async () => {
        const tickets = ticketExport();
        const report = await evaluatePortfolio([
            hosting('BothRows', 'northwind', incidentRegister(), tickets),
            hosting('EmptyIncidents', 'northwind', emptyRegister(), tickets),
            hosting('Misspelt', 'northwnd', incidentRegister(), tickets),
            agreement({ id: 'NoData', timezone: 'UTC', customer: { name: 'NoData', title: 'NoData' } })
        ], { now: NOW });
        const view = buildPortfolioView({ folder: 'pf', report, failures: [] });
        // Keys: BothRows min(0.79, 0.415) = 0.415; EmptyIncidents min(0, 0.415) = 0; Misspelt min(0, 0) = 0; NoData none (null).
        expect(Object.fromEntries(view.rows.map((row) => [row.agreement, row.sort.coverage]))).toEqual({ BothRows: expect.closeTo(0.415, 9), EmptyIncidents: 0, Misspelt: 0, NoData: null });
        const ascending = names(sortRows(view.rows, 'coverage', 'ascending'));
        expect(ascending.slice(0, 2).sort()).toEqual(['EmptyIncidents', 'Misspelt']);
        expect(ascending.slice(2)).toEqual(['BothRows', 'NoData']);
        const descending = names(sortRows(view.rows, 'coverage', 'descending'));
        expect(descending[0]).toBe('BothRows');
        expect(descending.slice(1, 3).sort()).toEqual(['EmptyIncidents', 'Misspelt']);
        expect(descending[3]).toBe('NoData');
    });
});
