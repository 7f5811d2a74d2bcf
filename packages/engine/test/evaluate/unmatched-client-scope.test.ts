/**
 * A client scope whose value no row of any dataset it scopes holds (`client scope client =
 * "northwnd"`, a misspelt client): before, every month read 100 % uptime, met, no credit, coverage
 * 100 %, and nothing said so (only `rows: 0` in the JSON). Now the client has no data in those
 * datasets: their coverage is "no rows" (whatever `--to` says of the export), every window reading
 * only them has no data, and the line under the headline says why, with the values nearest the
 * client's (missing-scope-note.ts). A client matching rows in one dataset and none in another (a
 * client without tickets) is evaluated as before. Figures worked by hand from the rows below.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, evaluatePortfolio, type AgreementModel } from '../../src/index.js';
import { agreement, at, count, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

/** One incident register and one ticket export for every client (Europe/Berlin). */
function exports(options: { empty?: boolean } = {}): { incidents: string; tickets: string } {
    const dir = tempDir();
    const incidents = writeCsv(dir, 'incidents.csv', ['client', 'started', 'resolved'], options.empty === true ? [] : [
        ['northwind', '2026-01-14T09:00:00+01:00', '2026-01-14T09:30:00+01:00'],
        ['globex', '2026-02-05T08:00:00+01:00', '2026-02-05T23:00:00+01:00'],
        ['contoso', '2026-03-10T08:00:00+01:00', '2026-03-10T09:00:00+01:00']
    ]);
    // contoso has no ticket.
    const tickets = writeCsv(dir, 'tickets.csv', ['client', 'opened'], options.empty === true ? [] : [
        ['northwind', '2026-01-14T10:00:00+01:00'],
        ['globex', '2026-02-11T10:00:00+01:00']
    ]);
    return { incidents, tickets };
}

/** Availability ≥ 99.95 % per calendar month (10 % of 4,000 EUR below it) and at most 5 tickets a month, for `client`. */
function hosting(client: string, paths: { incidents: string; tickets: string }): AgreementModel {
    const incidents = dataset('incidents', paths.incidents, [field('client', 'text'), field('started', 'timestamp'), field('resolved', 'timestamp')]);
    const tickets = dataset('tickets', paths.tickets, [field('client', 'text'), field('opened', 'timestamp')]);
    incidents.clientScope = { field: 'client', value: client };
    tickets.clientScope = { field: 'client', value: client };
    return agreement({
        id: `Hosting-${client}`,
        customer: { name: client, title: `Client ${client}` },
        fee: { amount: 4000, currency: 'EUR', period: MONTH },
        datasets: { incidents, tickets },
        kpis: [
            { key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } },
            { key: 'Tickets', name: 'Tickets', unitKind: 'count', formula: count('tickets') }
        ],
        objectives: [
            { kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.9995, unitKind: 'ratio', window: MONTH },
            { kpi: 'Tickets', kpiName: 'Tickets', comparison: '<=', target: 5, unitKind: 'count', window: MONTH }
        ],
        internalTargets: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.9999, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Availability', window: MONTH, tiers: [{ upper: { value: 0.9995, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.95%' }] }]
    });
}

/** The first quarter, with `--to`: the user states that the exports run to its end. */
const QUARTER = { from: '2026-01-01', to: '2026-03-31', now: at('2026-04-01T08:00:00+02:00') };

describe('a client scope that matched no row', () => {
    it('gives the misspelt client no data, not a perfect quarter, and says so under the headline', async () => {
        const report = await evaluateAgreement(hosting('northwnd', exports()), QUARTER);
        // No row of either export is "northwnd"'s: 3 incidents and 2 tickets of other clients. Read for the values:
        // tickets.csv (the smaller); "northwind" is one edit away, "globex" eight.
        const note = 'client scope client = "northwnd" matched no row of incidents.csv (3 rows of other clients) nor of tickets.csv (2 rows of other clients); '
            + 'the value nearest it in tickets.csv: "northwind". A client no row names is evidence of nothing: the 6 window(s) reading them have no data '
            + '(and 3 window(s) of internal targets), never met, 100 % or a credit. Correct the value if it is misspelt.';
        expect(report.dataEndNote).toBe(note);
        expect(report.notes[0]).toBe(note);
        // 2 objectives × 3 months, all without data (before: Availability 100 % met three times).
        expect(report.totals).toEqual({ windows: 6, met: 0, breached: 0, noData: 6 });
        expect(report.objectives.map((objective) => objective.windows.map((window) => window.value))).toEqual([[null, null, null], [null, null, null]]);
        expect(report.internalTargets[0]!.windows.map((window) => window.status)).toEqual(['no data', 'no data', 'no data']);
        expect(report.credits[0]!.windows.map((window) => window.value)).toEqual([null, null, null]);
        expect(report.credits[0]!.total).toBe(0);
        // `--to` vouches for the exports, not for a client they never name.
        expect(report.datasets.map((dataset) => [dataset.name, dataset.rows, dataset.coverage.basis, dataset.coverage.end, dataset.clientScope?.otherClientRows])).toEqual([
            ['incidents', 0, 'no rows', null, 3],
            ['tickets', 0, 'no rows', null, 2]
        ]);
    });

    it('evaluates the same client spelt right: January breached, 400 EUR', async () => {
        const report = await evaluateAgreement(hosting('northwind', exports()), QUARTER);
        // January: 30 of 44,640 minutes down = 99.9328 % < 99.95 %: 10 % of 4,000 EUR. February, March: 100 %.
        expect(report.objectives[0]!.windows.map((window) => window.status)).toEqual(['breached', 'met', 'met']);
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo((44640 - 30) / 44640, 15);
        expect(report.credits[0]!.total).toBe(400);
        expect(report.dataEndNote).toBeUndefined();
        expect(report.notes.filter((note) => note.includes('client scope'))).toEqual([]);
        expect(report.datasets.map((dataset) => dataset.coverage.basis)).toEqual(['--to', '--to']);
    });

    it('leaves a client without tickets alone: one incident shows the value is right', async () => {
        const report = await evaluateAgreement(hosting('contoso', exports()), QUARTER);
        // contoso: no ticket at all, one incident: 10 March 08:00–09:00 = 60 of 44,580 March minutes (summer time from
        // 29 March) = 99.8654 % < 99.95 %: breached, 400 EUR; January and February 100 %, met, as the export runs on.
        expect(report.objectives[0]!.windows.map((window) => window.status)).toEqual(['met', 'met', 'breached']);
        expect(report.objectives[0]!.windows[2]!.value).toBeCloseTo((44580 - 60) / 44580, 15);
        expect(report.credits[0]!.total).toBe(400);
        expect(report.datasets.map((dataset) => [dataset.name, dataset.rows, dataset.coverage.basis])).toEqual([['incidents', 1, '--to'], ['tickets', 0, '--to']]);
        expect(report.dataEndNote).toBeUndefined();
        expect(report.notes.filter((note) => note.includes('client scope'))).toEqual([]);
    });

    it('says nothing new when the exports hold no row at all: the coverage rules decide, as before', async () => {
        // Empty exports with `--to`: no outage means 100 % (language reference § 14.10); no client to have misspelt.
        const report = await evaluateAgreement(hosting('northwnd', exports({ empty: true })), QUARTER);
        expect(report.objectives[0]!.windows.map((window) => window.status)).toEqual(['met', 'met', 'met']);
        expect(report.notes.filter((note) => note.includes('client scope'))).toEqual([]);
    });

    it('carries the line to the portfolio, first, and its row shows no data and no coverage', async () => {
        const paths = exports();
        const portfolio = await evaluatePortfolio([hosting('northwnd', paths), hosting('northwind', paths)], QUARTER);
        const typo = portfolio.entries.find((entry) => entry.agreement === 'Hosting-northwnd')!;
        expect(typo.status).toBe('no data');
        expect(typo.objectives).toEqual({ met: 0, breached: 0, noData: 2 });
        expect(typo.coverage).toEqual([{ dataset: 'incidents', share: null }, { dataset: 'tickets', share: null }]);
        expect(portfolio.notes[0]).toBe(`Client northwnd: ${typo.report.dataEndNote}`);
        // tickets.csv, the smaller export, was read once more for the values nearest "northwnd".
        expect(portfolio.dataFiles.map((file) => file.reads)).toEqual([1, 2]);
        expect(portfolio.notes[1]).toBe(`${paths.tickets} was opened 2 times for 2 agreement(s): besides the shared pass, pause lists, per-item credit lists, datasets declaring the file with other fields, `
            + 'fees of previous periods, the windows before the period that improved targets are computed from, or the values a client scope that matched no row is compared with read it again.');
        // Not counted again among the windows after the data end: there are none else.
        expect(portfolio.notes.filter((note) => note.includes('start after the end of the data'))).toEqual([]);
        // The agreement's report in the portfolio is the one it has alone.
        expect(typo.report).toEqual({ ...(await evaluateAgreement(hosting('northwnd', paths), QUARTER)), generatedAt: typo.report.generatedAt });
    });
});
