import { describe, expect, it } from 'vitest';
import { evaluateAgreement, evaluatePortfolio, type AgreementModel } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const NOW = at('2026-04-15T12:00:00Z');

/** A shared request log and incident register for three clients in three zones. */
function sharedData(): { requests: string; incidents: string } {
    const dir = tempDir();
    const rows: (string | number)[][] = [];
    // Around month boundaries in UTC, so that the zone decides the month a row falls in.
    const times = ['2026-02-28T20:00:00Z', '2026-02-28T23:30:00Z', '2026-03-01T03:00:00Z', '2026-03-15T12:00:00Z', '2026-03-31T22:30:00Z', '2026-04-01T02:00:00Z', '2026-04-10T09:00:00Z'];
    const clients = ['northwind', 'contoso', 'tailspin'];
    times.forEach((time, t) => clients.forEach((client, c) => rows.push([time, client, (t + c) % 3 === 0 ? 503 : 200])));
    const requests = writeCsv(dir, 'requests.csv', ['time', 'client', 'status'], rows);
    const incidents = writeCsv(dir, 'incidents.csv', ['client', 'started', 'resolved'], [
        ['northwind', '2026-03-10T00:00:00Z', '2026-03-10T06:00:00Z'],
        ['contoso', '2026-03-31T23:00:00Z', '2026-04-01T01:00:00Z'],
        ['tailspin', '2026-04-02T00:00:00Z', '2026-04-02T00:30:00Z']
    ]);
    return { requests, incidents };
}

function client(id: string, zone: string, value: string | undefined, paths: { requests: string; incidents: string }, currency: string): AgreementModel {
    const requests = dataset('requests', paths.requests, [field('time', 'timestamp'), field('client', 'text'), field('status', 'integer')]);
    const incidents = dataset('incidents', paths.incidents, [field('client', 'text'), field('started', 'timestamp'), field('resolved', 'timestamp', true)]);
    if (value !== undefined) {
        requests.clientScope = { field: 'client', value };
        incidents.clientScope = { field: 'client', value };
    }
    return agreement({
        id,
        timezone: zone,
        validity: { from: '2026-03-01', to: '2026-12-31' },
        fee: { amount: 1000, currency, period: MONTH },
        datasets: { requests, incidents },
        kpis: [
            { key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) },
            { key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }
        ],
        objectives: [
            { kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.5, unitKind: 'ratio', window: MONTH },
            { kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }
        ],
        internalTargets: [{ kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.8, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Availability', window: MONTH, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' }] }]
    });
}

function portfolio(): AgreementModel[] {
    const paths = sharedData();
    return [
        client('Northwind', 'Europe/Berlin', 'northwind', paths, 'EUR'),
        client('Contoso', 'America/New_York', 'contoso', paths, 'USD'),
        client('Tailspin', 'Asia/Tokyo', 'tailspin', paths, 'EUR'),
        // The operator's own view: every client's rows.
        client('Everyone', 'UTC', undefined, paths, 'EUR')
    ];
}

describe('one pass over shared data for a portfolio', () => {
    it('opens each shared file once for all agreements (counted at the data layer\'s open)', async () => {
        const models = portfolio();
        const opened: string[] = [];
        const report = await evaluatePortfolio(models, { now: NOW, onFileOpen: (path) => opened.push(path) });
        const [requests, incidents] = [models[0]!.datasets.requests!.path, models[0]!.datasets.incidents!.path];
        // Two files, each opened exactly once for the four agreements.
        expect(opened.sort()).toEqual([incidents, requests].sort());
        expect(report.dataFiles.map((file) => [file.path, file.agreements, file.reads, file.rows]).sort()).toEqual([
            [incidents, 4, 1, 3],
            [requests, 4, 1, 21]
        ].sort());

        // Evaluating them one by one opens (and passes over) each file once per agreement: 4 × 2.
        const alone: string[] = [];
        const passes: string[] = [];
        const { observeFileOpens } = await import('../../src/index.js');
        const stop = observeFileOpens((path, kind) => (kind === 'pass' ? passes : alone).push(path));
        for (const model of models) await evaluateAgreement(model, { now: NOW });
        stop();
        expect(alone.length).toBe(8);
        expect(passes.sort()).toEqual([...Array(4).fill(incidents), ...Array(4).fill(requests)].sort());
    });

    it('gives each agreement exactly the report it gets when evaluated alone (three zones and an unscoped one)', async () => {
        const models = portfolio();
        const report = await evaluatePortfolio(models, { now: NOW });
        expect(report.entries.length).toBe(4);
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW });
            const entry = report.entries.find((candidate) => candidate.agreement === model.id)!;
            expect(entry.report, model.id).toEqual(alone);
        }
        // The zone decides the month: 2026-02-28T23:30Z is March 1st 00:30 in Berlin (rows before the validity are outside).
        const berlin = report.entries.find((entry) => entry.agreement === 'Northwind')!.report;
        const tokyo = report.entries.find((entry) => entry.agreement === 'Tailspin')!.report;
        // Berlin's March holds 23:30Z (Feb 28), 03:00Z, 15th; 2026-03-31T22:30Z is April 1st 00:30 in Berlin → 3 rows.
        expect(berlin.objectives[0]!.windows[0]!.rows).toBe(3);
        // Tokyo (+9): 20:00Z and 23:30Z of Feb 28 are already March 1st; 03:00Z, 15th → March holds 4 rows; 31st 22:30Z is April.
        expect(tokyo.objectives[0]!.windows[0]!.rows).toBe(4);
    });

    it('reads a file again for a dataset that declares it with other fields, and says so', async () => {
        const models = portfolio();
        // Contoso reads the status column as text: its rows are parsed differently, so its pass is its own.
        models[1]!.datasets.requests!.fields[2] = field('status', 'text');
        models[1]!.kpis[0]!.formula = bin('/', count('requests', bin('!=', ref('requests', 'status'), { type: 'string', value: '503' })), count('requests'));
        const opened: string[] = [];
        const report = await evaluatePortfolio(models, { now: NOW, onFileOpen: (path) => opened.push(path) });
        const requests = models[0]!.datasets.requests!.path;
        expect(opened.filter((path) => path === requests).length).toBe(2);
        expect(report.notes.some((note) => note.includes('opened 2 times'))).toBe(true);
        // One line for the file (two passes, one file): every agreement that read it, the two reads once.
        expect(report.dataFiles.filter((file) => file.path === requests)).toEqual([{ path: requests, agreements: models.length, reads: 2, rows: expect.any(Number), threads: 1 }]);
        expect(report.notes.filter((note) => note.startsWith(`${requests} was opened`))).toHaveLength(1);
    });

    it('gives the same reports when the routed rows fill several batches (40,000 rows, shared filters)', async () => {
        const dir = tempDir();
        const rows: (string | number)[][] = [];
        const clients = ['northwind', 'contoso', 'tailspin'];
        // One row every 3 minutes over March (in UTC): 14,880 rows per client; every 7th fails.
        for (let i = 0; i < 40_000; i++) rows.push([new Date(Date.parse('2026-03-01T00:00:00Z') + i * 60_000).toISOString(), clients[i % 3]!, i % 7 === 0 ? 500 : 200]);
        const requests = writeCsv(dir, 'requests.csv', ['time', 'client', 'status'], rows);
        const incidents = writeCsv(dir, 'incidents.csv', ['client', 'started', 'resolved'], [['contoso', '2026-03-10T00:00:00Z', '2026-03-10T01:00:00Z']]);
        const models = [
            client('Northwind', 'Europe/Berlin', 'northwind', { requests, incidents }, 'EUR'),
            client('Contoso', 'America/New_York', 'contoso', { requests, incidents }, 'USD'),
            client('Tailspin', 'Asia/Tokyo', 'tailspin', { requests, incidents }, 'EUR')
        ];
        const report = await evaluatePortfolio(models, { now: NOW });
        for (const model of models) expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(await evaluateAgreement(model, { now: NOW }));
        expect(report.dataFiles.find((file) => file.path === requests)).toEqual({ path: requests, agreements: 3, reads: 1, rows: 40_000, threads: 1 });
    });
});
