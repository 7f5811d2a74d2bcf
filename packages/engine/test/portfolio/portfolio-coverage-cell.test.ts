// The portfolio's Coverage column (table, Markdown, HTML): the least covered dataset speaks for
// the agreement (docs/cli.md, "Portfolio report", **Coverage**). A dataset without rows and
// without a declared end has no data end (basis "no rows"): it covers none of the period, so the
// cell is 0 % and names it — not "—", which read as "nothing to cover" and hid the other
// dataset's share. A client scope that matched no row of any dataset it scopes gives "no rows" on
// purpose (missing-scope-note.ts, commit f2418ef): the same cell. JSON keeps `share: null`.
import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, renderPortfolioHtml, renderPortfolioMarkdown, renderPortfolioTable, type AgreementModel, type PortfolioReport } from '../../src/index.js';
import { agreement, at, count, dataset, field, MONTH, tempDir, writeCsv } from '../evaluate/fixtures.js';

/** The period of every agreement below: 1 January 00:00 UTC to 11 April 00:00 UTC, 31 + 28 + 31 + 10 = 100 days. */
const NOW = at('2026-04-11T00:00:00Z');

/** Tickets of two clients; the last event is 11 February 12:00 UTC: 31 + 10.5 = 41.5 days of 100 → 41.5 %. */
function ticketExport(): string {
    return writeCsv(tempDir(), 'tickets.csv', ['opened', 'client'], [
        ['2026-01-05T09:00:00Z', 'northwind'],
        ['2026-02-11T12:00:00Z', 'contoso']
    ]);
}

/** Incidents whose last event is 21 March 00:00 UTC: 31 + 28 + 20 = 79 days of 100 → 79 %. */
function incidentRegister(): string {
    return writeCsv(tempDir(), 'incidents.csv', ['started', 'client'], [
        ['2026-01-20T10:00:00Z', 'northwind'],
        ['2026-03-21T00:00:00Z', 'contoso']
    ]);
}

/** An incident register with its header and no row. */
function emptyRegister(): string {
    return writeCsv(tempDir(), 'incidents.csv', ['started', 'client'], []);
}

/** At most 5 incidents and at most 20 tickets per calendar month, both files scoped to `client`. */
function hosting(id: string, client: string, incidentsPath: string, ticketsPath: string): AgreementModel {
    const incidents = dataset('incidents', incidentsPath, [field('started', 'timestamp'), field('client', 'text')]);
    const tickets = dataset('tickets', ticketsPath, [field('opened', 'timestamp'), field('client', 'text')]);
    incidents.clientScope = { field: 'client', value: client };
    tickets.clientScope = { field: 'client', value: client };
    return agreement({
        id,
        timezone: 'UTC',
        customer: { name: id, title: id },
        datasets: { incidents, tickets },
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

/** The Coverage cell of each agreement's row in the table's first table (its last column). */
function coverageCells(report: PortfolioReport): Record<string, string> {
    const lines = renderPortfolioTable(report).split('\n');
    const header = lines.findIndex((line) => line.startsWith('Client'));
    const column = lines[header]!.indexOf('Coverage');
    return Object.fromEntries(report.entries.map((entry) => [entry.agreement, lines.find((line) => line.startsWith(entry.client!))!.slice(column).replace(/\s*(<<)?$/, '')]));
}

describe('the portfolio coverage cell', () => {
    it('an empty dataset: 0 % naming it, in the table, Markdown and HTML; JSON keeps null beside the other share', async () => {
        const tickets = ticketExport();
        const report = await evaluatePortfolio([hosting('EmptyIncidents', 'northwind', emptyRegister(), tickets)], { now: NOW });
        const entry = report.entries[0]!;
        // The file holds no row: no data end, basis "no rows" (not a misspelt client: no other client's row either).
        expect(entry.report.datasets.map((data) => [data.name, data.coverage.basis])).toEqual([['incidents', 'no rows'], ['tickets', 'last event']]);
        // tickets: 41.5 days of 100 (the last event counted inclusively: 1 ms more).
        expect(entry.coverage).toEqual([{ dataset: 'incidents', share: null }, { dataset: 'tickets', share: expect.closeTo(0.415, 9) }]);
        expect(coverageCells(report)).toEqual({ EmptyIncidents: '0 % (incidents: no rows)' });
        expect(renderPortfolioMarkdown(report)).toMatch(/\| 0 % \(incidents: no rows\) \|\n/);
        expect(renderPortfolioHtml(report)).toContain('<td>0 % (incidents: no rows)</td>');
    });

    it('a client scope that matched no row of any dataset: every scoped dataset "no rows", 0 %', async () => {
        // "northwnd" (misspelt): the files hold other clients' rows, none of its own (missing-scope-note.ts).
        const report = await evaluatePortfolio([hosting('Misspelt', 'northwnd', incidentRegister(), ticketExport())], { now: NOW });
        const entry = report.entries[0]!;
        expect(entry.report.datasets.map((data) => data.coverage.basis)).toEqual(['no rows', 'no rows']);
        expect(entry.coverage).toEqual([{ dataset: 'incidents', share: null }, { dataset: 'tickets', share: null }]);
        expect(coverageCells(report)).toEqual({ Misspelt: '0 % (incidents, tickets: no rows)' });
    });

    it('datasets with rows: the lowest share, as before', async () => {
        // incidents 79 days of 100, tickets 41.5: tickets speaks for the agreement.
        const report = await evaluatePortfolio([hosting('BothRows', 'northwind', incidentRegister(), ticketExport())], { now: NOW });
        expect(report.entries[0]!.coverage).toEqual([{ dataset: 'incidents', share: expect.closeTo(0.79, 9) }, { dataset: 'tickets', share: expect.closeTo(0.415, 9) }]);
        expect(coverageCells(report)).toEqual({ BothRows: '41.5 %' });
    });

    it('an agreement that reads no dataset: "—"', async () => {
        const report = await evaluatePortfolio([agreement({ id: 'NoData', timezone: 'UTC', customer: { name: 'NoData', title: 'NoData' } })], { now: NOW });
        expect(report.entries[0]!.coverage).toEqual([]);
        expect(coverageCells(report)).toEqual({ NoData: '—' });
    });
});
