// A pause list or a change log shared by a portfolio's clients, read under each one's client scope, with
// rows whose client only looks like one of them (`Northwind` for "northwind"): each agreement's report
// warns of them (evaluate/side-dataset-lookalikes.test.ts), and the portfolio's note per file names them
// too, with their counts, as it does for the measured files — from the reports' facts, not their words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, type AgreementModel, type DatasetModel, type Expr, type MaintenanceModel, type PauseJoin, type PortfolioReport } from '../../src/index.js';
import { aggregate, agreement, at, bin, dataset, field, HOUR, MONTH, ref, str, tempDir, writeCsv } from '../evaluate/fixtures.js';

const MARCH = { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };

const lookalikeNotes = (notes: readonly string[]): string[] => notes.filter((note) => note.includes('only in case or spacing'));

/** The portfolio's note for `path`, in portfolio-report.ts's words, with the clients written out by hand. */
function portfolioNote(path: string, clients: string): string {
    return `Warning: ${path} holds client values that differ from an agreement's client scope only in case or spacing, whose rows were not counted as that client's: ${clients}. If they are the client's rows, correct them in the data; each agreement's report lists them.`;
}

/** `rows` as a CSV file with `header`, each row's client cell replaced by `replace` (as is when it gives none). */
function csv(header: string[], rows: string[][], replace: (client: string) => string = (client) => client): string {
    return [header.join(','), ...rows.map(([client, ...rest]) => [replace(client!), ...rest].join(','))].join('\n') + '\n';
}

/** The same rows with the lookalikes renamed to names that are not lookalikes (other names). */
const withoutLookalikes = (client: string): string => ({ Northwind: 'northwind2', ' northwind': 'north wind', Contoso: 'contoso2', 'contoso ': 'contoso 2' })[client] ?? client;

/** An agreement of the customer `name` (the portfolio's client column), in UTC. */
function clientAgreement(name: string, parts: Partial<AgreementModel>): AgreementModel {
    return { ...agreement({ id: `${name}-support`, timezone: 'UTC', ...parts }), customer: { name } };
}

describe('a pause list shared by the clients of a portfolio', () => {
    // pauses.csv, shared (the header is line 1):
    //   line 2: northwind, T1, 2 March 10:00–12:00 → northwind's pause;
    //   line 3: Northwind, T2, 3 March 10:00–12:00 → a lookalike of northwind, a valid pause: counted;
    //   line 4: " northwind", T2, 3 March 12:00–13:00 → a lookalike of northwind, valid: counted;
    //   line 5: Northwind, T1, 10 February (before the period): a valid pause all the same: counted;
    //   line 6: Northwind, T2, 12:00 → 11:00 (ends before it starts): a reader would reject it: not counted;
    //   line 7: contoso, T2, 3 March 09:00–14:00 → contoso's pause;
    //   line 8: Contoso, T1, 2 March 09:00–10:00 → a lookalike of contoso: counted;
    //   line 9: "contoso ", T2, 3 March 09:00–10:00 → a lookalike of contoso: counted.
    // Northwind: "Northwind" 2 rows (lines 3, 5), " northwind" 1 (line 4). Contoso: "Contoso" 1 (line 8),
    // "contoso " 1 (line 9): as many rows, by value ("C" sorts before "c").
    // Both breached: Northwind's T2 unpaused 5 h, Contoso's T1 unpaused 6 h, over 4 h; in the client's order, Contoso first.
    const PAUSES = [
        ['northwind', 'T1', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
        ['Northwind', 'T2', '2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z'],
        [' northwind', 'T2', '2026-03-03T12:00:00Z', '2026-03-03T13:00:00Z'],
        ['Northwind', 'T1', '2026-02-10T10:00:00Z', '2026-02-10T11:00:00Z'],
        ['Northwind', 'T2', '2026-03-03T12:00:00Z', '2026-03-03T11:00:00Z'],
        ['contoso', 'T2', '2026-03-03T09:00:00Z', '2026-03-03T14:00:00Z'],
        ['Contoso', 'T1', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'],
        ['contoso ', 'T2', '2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z']
    ];
    const JOIN: PauseJoin = { dataset: 'ticketPauses', key: 'ticket', rowKey: 'id', from: 'pausedFrom', to: 'pausedTo' };
    const resolution: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), pauses: JOIN };

    /** `max(elapsed(opened, resolved) excluding pauses(ticketPauses …)) <= 4 hours per calendar month`, over the client's own tickets: T1 2 March 09:00–15:00, T2 3 March 09:00–14:00. */
    function desk(dir: string, client: string, name: string): AgreementModel {
        const tickets = writeCsv(dir, `tickets-${client}.csv`, ['id', 'opened', 'resolved'], [['T1', '2026-03-02T09:00:00Z', '2026-03-02T15:00:00Z'], ['T2', '2026-03-03T09:00:00Z', '2026-03-03T14:00:00Z']]);
        const ticketPauses: DatasetModel = { ...dataset('ticketPauses', join(dir, 'pauses.csv'), [field('client', 'text'), field('ticket', 'text'), field('pausedFrom', 'timestamp'), field('pausedTo', 'timestamp', true)]), clientScope: { field: 'client', value: client } };
        return clientAgreement(name, {
            datasets: { tickets: dataset('tickets', tickets, [field('id', 'text'), field('opened', 'timestamp'), field('resolved', 'timestamp')]), ticketPauses },
            kpis: [{ key: 'Longest', name: 'Longest', unitKind: 'duration', formula: aggregate('max', 'tickets', resolution) }],
            objectives: [{ kpi: 'Longest', kpiName: 'Longest', comparison: '<=', target: 4 * HOUR, unitKind: 'duration', window: MONTH }]
        });
    }

    async function portfolio(replace?: (client: string) => string): Promise<{ path: string; report: PortfolioReport }> {
        const dir = tempDir();
        const path = join(dir, 'pauses.csv');
        writeFileSync(path, csv(['client', 'ticket', 'pausedFrom', 'pausedTo'], PAUSES, replace));
        return { path, report: await evaluatePortfolio([desk(dir, 'northwind', 'Northwind'), desk(dir, 'contoso', 'Contoso')], MARCH) };
    }

    it('the portfolio names its lookalike values once, per client, with their rows', async () => {
        const { path, report } = await portfolio();
        expect(report.entries.map((entry) => [entry.client, entry.status])).toEqual([['Contoso', 'breached'], ['Northwind', 'breached']]);
        expect(lookalikeNotes(report.notes)).toEqual([portfolioNote(path, 'Contoso ("Contoso": 1 row(s), "contoso ": 1 row(s)); Northwind ("Northwind": 2 row(s), " northwind": 1 row(s))')]);
        // Each agreement's report says it too, for its own client (one warning each).
        expect(report.entries.map((entry) => lookalikeNotes(entry.report.notes).length)).toEqual([1, 1]);
    });

    it('without lookalike rows: no note', async () => {
        const { report } = await portfolio(withoutLookalikes);
        expect(lookalikeNotes(report.notes)).toEqual([]);
        expect(report.entries.flatMap((entry) => lookalikeNotes(entry.report.notes))).toEqual([]);
    });
});

describe('a change log shared by the clients of a portfolio', () => {
    // changes.csv, shared (the header is line 1):
    //   line 2: northwind, maintenance, 8 March 02:00–04:00 → northwind's;
    //   line 3: Northwind, maintenance, 15 March 02:00–03:00 → a lookalike of northwind: counted;
    //   line 4: " northwind", maintenance, 22 March 01:00–02:00 → a lookalike: counted;
    //   line 5: Northwind, emergency, 20 March 10:00–11:00 → not selected by the filter, but a row the reader reads: counted;
    //   line 6: Northwind, maintenance, 25 March 02:00 → 01:00 (ends before it starts): a reader would reject it: not counted;
    //   line 7: contoso, maintenance, 15 March 02:00–03:00 → contoso's; no lookalike of contoso in the file;
    //   line 8: Northwind, maintenance, 1 December 2025 (before the period): a valid row: counted.
    // Northwind: "Northwind" 3 rows (lines 3, 5, 8), " northwind" 1 (line 4). Contoso is not named.
    const CHANGES = [
        ['northwind', 'maintenance', '2026-03-08T02:00:00Z', '2026-03-08T04:00:00Z'],
        ['Northwind', 'maintenance', '2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z'],
        [' northwind', 'maintenance', '2026-03-22T01:00:00Z', '2026-03-22T02:00:00Z'],
        ['Northwind', 'emergency', '2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z'],
        ['Northwind', 'maintenance', '2026-03-25T02:00:00Z', '2026-03-25T01:00:00Z'],
        ['contoso', 'maintenance', '2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z'],
        ['Northwind', 'maintenance', '2025-12-01T02:00:00Z', '2025-12-01T03:00:00Z']
    ];

    /** `uptime(incidents …) excluding Changes >= 99.9 %` over the client's own incidents, Changes listed in the shared change log. */
    function hosting(dir: string, client: string, name: string): AgreementModel {
        const incidents = writeCsv(dir, `incidents-${client}.csv`, ['started', 'resolved'], [['2026-03-08T02:30:00Z', '2026-03-08T03:30:00Z'], ['2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z']]);
        const changes: DatasetModel = { ...dataset('changes', join(dir, 'changes.csv'), [field('client', 'text'), field('kind', 'text'), field('start', 'timestamp'), field('end', 'timestamp')]), clientScope: { field: 'client', value: client } };
        const listed: MaintenanceModel = { recurring: [], oneOff: [], listedIn: 'changes', periods: { dataset: 'changes', where: bin('=', ref('changes', 'kind'), str('maintenance')), from: 'start', to: 'end' } };
        return clientAgreement(name, {
            maintenance: { Changes: listed },
            datasets: { changes, incidents: dataset('incidents', incidents, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
            kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: ['Changes'] } }],
            objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }]
        });
    }

    async function portfolio(replace?: (client: string) => string): Promise<{ path: string; report: PortfolioReport }> {
        const dir = tempDir();
        const path = join(dir, 'changes.csv');
        writeFileSync(path, csv(['client', 'kind', 'start', 'end'], CHANGES, replace));
        return { path, report: await evaluatePortfolio([hosting(dir, 'northwind', 'Northwind'), hosting(dir, 'contoso', 'Contoso')], MARCH) };
    }

    it('the portfolio names the client with lookalikes, with their rows', async () => {
        const { path, report } = await portfolio();
        expect(lookalikeNotes(report.notes)).toEqual([portfolioNote(path, 'Northwind ("Northwind": 3 row(s), " northwind": 1 row(s))')]);
    });

    it('without lookalike rows: no note', async () => {
        const { report } = await portfolio(withoutLookalikes);
        expect(lookalikeNotes(report.notes)).toEqual([]);
    });
});
