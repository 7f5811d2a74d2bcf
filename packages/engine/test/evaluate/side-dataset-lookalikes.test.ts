// Rows of a shared side dataset — a pause list, a change log listing maintenance — whose client cell only
// looks like the agreement's client scope (`Northwind`, ` northwind` for "northwind") are another client's,
// as before: a `Northwind` pause stops no clock, a `Northwind` maintenance excuses no downtime. The reader
// now counts them (client-lookalikes.ts) and the report warns as it does for the measured datasets, once
// per dataset. A per-item credit list reads a measured dataset: the measured pass's warning covers it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type DatasetModel, type Expr, type MaintenanceModel, type PauseJoin, type Report } from '../../src/index.js';
import { aggregate, agreement, at, bin, count, dataset, field, HOUR, MONTH, num, ref, str, tempDir, writeCsv } from './fixtures.js';

const NOW = { now: at('2027-01-01T00:00:00Z') };
const MARCH = { from: '2026-03-01', to: '2026-03-31', ...NOW };
const CLIENT = { field: 'client', value: 'northwind' };

/** The warning's text, written out here (clientLookalikeNote's words) from hand-counted rows. */
function warning(rows: string, name: string): string {
    return `Warning: client scope client = "northwind" counts only rows whose client is exactly "northwind"; ${rows} in dataset '${name}' differ from it only in case or spacing and were not counted as this client's. If they are the client's rows, correct them in the data; if they belong to another client, no action is needed.`;
}

const lookalikeNotes = (report: Report): string[] => report.notes.filter((note) => note.includes('only in case or spacing'));

/** `rows` as a CSV file with `header`, each row's client cell replaced by `replace` (as is when it gives none). */
function csv(header: string[], rows: string[][], replace: (client: string) => string = (client) => client): string {
    return [header.join(','), ...rows.map(([client, ...rest]) => [replace(client!), ...rest].join(','))].join('\n') + '\n';
}

/** The same rows with the lookalikes renamed to names that are not lookalikes (`northwind2`, `north wind`: other names). */
const withoutLookalikes = (client: string): string => ({ Northwind: 'northwind2', ' northwind': 'north wind' })[client] ?? client;

describe('pause rows of a lookalike client', () => {
    // tickets.csv (northwind's own): T1 2 March 09:00–15:00 (6 h), T2 3 March 09:00–14:00 (5 h), UTC.
    // pauses.csv, shared (line numbers as in the file, the header is line 1):
    //   line 2: northwind, T1, 10:00–12:00 → T1 paused 2 h: 4 h;
    //   line 3: Northwind, T2, 10:00–12:00 → a lookalike, a valid pause: counted;
    //   line 4: " northwind", T2, 12:00–13:00 → a lookalike, valid: counted;
    //   line 5: Northwind, T1, 10 February (ends before the period): a valid pause all the same: counted;
    //   line 6: Northwind, T2, 12:00 → 11:00 (ends before it starts): the reader would reject it: not counted (nor rejected);
    //   line 7: contoso, T2, 09:00–14:00 → another client, no lookalike.
    // Counted: "Northwind" 2 rows (lines 3, 5), " northwind" 1 (line 4); most rows first. T2 is not paused: 5 h.
    const PAUSES = [
        ['northwind', 'T1', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'],
        ['Northwind', 'T2', '2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z'],
        [' northwind', 'T2', '2026-03-03T12:00:00Z', '2026-03-03T13:00:00Z'],
        ['Northwind', 'T1', '2026-02-10T10:00:00Z', '2026-02-10T11:00:00Z'],
        ['Northwind', 'T2', '2026-03-03T12:00:00Z', '2026-03-03T11:00:00Z'],
        ['contoso', 'T2', '2026-03-03T09:00:00Z', '2026-03-03T14:00:00Z']
    ];
    const JOIN: PauseJoin = { dataset: 'ticketPauses', key: 'ticket', rowKey: 'id', from: 'pausedFrom', to: 'pausedTo' };
    const resolution: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), pauses: JOIN };

    /** `LongestResolution = max(elapsed(opened, resolved) excluding pauses(ticketPauses …)) <= 4 hours per calendar month`; `countPauses`: the pause list measured too. */
    function desk(dir: string, countPauses = false): AgreementModel {
        const tickets = writeCsv(dir, 'tickets.csv', ['id', 'opened', 'resolved'], [['T1', '2026-03-02T09:00:00Z', '2026-03-02T15:00:00Z'], ['T2', '2026-03-03T09:00:00Z', '2026-03-03T14:00:00Z']]);
        const ticketPauses: DatasetModel = { ...dataset('ticketPauses', join(dir, 'pauses.csv'), [field('client', 'text'), field('ticket', 'text'), field('pausedFrom', 'timestamp'), field('pausedTo', 'timestamp', true)]), clientScope: CLIENT };
        const longest = { key: 'Longest', name: 'Longest', unitKind: 'duration' as const, formula: aggregate('max', 'tickets', resolution) };
        const pauses = { key: 'Pauses', name: 'Pauses', unitKind: 'count' as const, formula: count('ticketPauses') };
        return agreement({
            timezone: 'UTC',
            datasets: { tickets: dataset('tickets', tickets, [field('id', 'text'), field('opened', 'timestamp'), field('resolved', 'timestamp')]), ticketPauses },
            kpis: countPauses ? [longest, pauses] : [longest],
            objectives: [
                { kpi: 'Longest', kpiName: 'Longest', comparison: '<=', target: 4 * HOUR, unitKind: 'duration', window: MONTH },
                ...(countPauses ? [{ kpi: 'Pauses', kpiName: 'Pauses', comparison: '<=' as const, target: 10, unitKind: 'count' as const, window: MONTH }] : [])
            ]
        });
    }

    it('are counted per value, as a warning; the clocks they would have stopped still run', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'pauses.csv'), csv(['client', 'ticket', 'pausedFrom', 'pausedTo'], PAUSES));
        const report = await evaluateAgreement(desk(dir), MARCH);
        // T1 4 h, T2 5 h unpaused: the longest is 5 h, an hour over.
        expect(report.objectives[0]!.windows[0]!.value).toBe(5 * HOUR);
        expect(lookalikeNotes(report)).toEqual([warning('2 row(s) with "Northwind", 1 row(s) with " northwind"', 'ticketPauses')]);
        // The pause list's report is as before: 6 rows read, the client's one kept, no row rejected (line 6 is another client's).
        expect(report.pauses![0]).toMatchObject({ rows: 6, rejected: 0, kept: 1 });
    });

    it('without lookalikes: no warning, and the report is the one the lookalikes give but for the warning', async () => {
        const dir = tempDir();
        const path = join(dir, 'pauses.csv');
        writeFileSync(path, csv(['client', 'ticket', 'pausedFrom', 'pausedTo'], PAUSES));
        const withLookalikes = await evaluateAgreement(desk(dir), MARCH);
        writeFileSync(path, csv(['client', 'ticket', 'pausedFrom', 'pausedTo'], PAUSES, withoutLookalikes));
        const without = await evaluateAgreement(desk(dir), MARCH);
        expect(lookalikeNotes(without)).toEqual([]);
        expect(without).toEqual({ ...withLookalikes, notes: withLookalikes.notes.filter((note) => !note.includes('only in case or spacing')) });
    });

    it('a pause list also measured is warned about once, with the measured pass\'s counts', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'pauses.csv'), csv(['client', 'ticket', 'pausedFrom', 'pausedTo'], PAUSES));
        const report = await evaluateAgreement(desk(dir, true), MARCH);
        // The measured pass counts every valid row of the file: "Northwind" lines 3, 5 and 6 (3), " northwind" line 4 (1).
        expect(report.datasets.find((entry) => entry.name === 'ticketPauses')!.clientScope!.lookalikes).toEqual([{ value: 'Northwind', rows: 3 }, { value: ' northwind', rows: 1 }]);
        expect(lookalikeNotes(report)).toEqual([warning('3 row(s) with "Northwind", 1 row(s) with " northwind"', 'ticketPauses')]);
    });
});

describe('maintenance listed by a lookalike client', () => {
    // UTC, March 2026: 31 days = 44,640 min. changes.csv, shared (line numbers as in the file, the header is line 1):
    //   line 2: northwind, maintenance, 8 March 02:00–04:00 → counts: 120 min;
    //   line 3: Northwind, maintenance, 15 March 02:00–03:00 → a lookalike: counted, excuses nothing;
    //   line 4: " northwind", maintenance, 22 March 01:00–02:00 → a lookalike: counted;
    //   line 5: Northwind, emergency, 20 March 10:00–11:00 → not selected by the filter, but a row the reader reads
    //           without rejecting it (as a measured pass counts rows whatever the KPI's filter): counted;
    //   line 6: Northwind, maintenance, 25 March 02:00 → 01:00 (ends before it starts): the reader would reject it: not counted;
    //   line 7: contoso, maintenance, 15 March 02:00–03:00 → another client, no lookalike;
    //   line 8: Northwind, maintenance, 1 December 2025 (before the period): a valid row: counted.
    // Counted: "Northwind" 3 rows (lines 3, 5, 8), " northwind" 1 (line 4).
    // Incidents: 8 March 02:30–03:30 inside counted maintenance (0); 15 March 02:00–03:00 inside only Northwind's: 60 min down.
    // Eligible 44,640 − 120 = 44,520 min; up 44,520 − 60 = 44,460 min.
    const CHANGES = [
        ['northwind', 'maintenance', '2026-03-08T02:00:00Z', '2026-03-08T04:00:00Z'],
        ['Northwind', 'maintenance', '2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z'],
        [' northwind', 'maintenance', '2026-03-22T01:00:00Z', '2026-03-22T02:00:00Z'],
        ['Northwind', 'emergency', '2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z'],
        ['Northwind', 'maintenance', '2026-03-25T02:00:00Z', '2026-03-25T01:00:00Z'],
        ['contoso', 'maintenance', '2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z'],
        ['Northwind', 'maintenance', '2025-12-01T02:00:00Z', '2025-12-01T03:00:00Z']
    ];
    const listed = (kind: string): MaintenanceModel => ({ recurring: [], oneOff: [], listedIn: 'changes', periods: { dataset: 'changes', where: bin('=', ref('changes', 'kind'), str(kind)), from: 'start', to: 'end' } });

    /** `Availability = uptime(incidents …) excluding Changes >= 99.9 %`; `emergencies`: a second maintenance listed in the same change log. */
    function hosting(dir: string, emergencies = false): AgreementModel {
        const incidents = writeCsv(dir, 'incidents.csv', ['started', 'resolved'], [['2026-03-08T02:30:00Z', '2026-03-08T03:30:00Z'], ['2026-03-15T02:00:00Z', '2026-03-15T03:00:00Z']]);
        const changes: DatasetModel = { ...dataset('changes', join(dir, 'changes.csv'), [field('client', 'text'), field('kind', 'text'), field('start', 'timestamp'), field('end', 'timestamp')]), clientScope: CLIENT };
        return agreement({
            timezone: 'UTC',
            maintenance: { Changes: listed('maintenance'), ...(emergencies ? { Emergencies: listed('emergency') } : {}) },
            datasets: { changes, incidents: dataset('incidents', incidents, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
            kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: ['Changes'] } }],
            objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }]
        });
    }

    it('are counted per value, as a warning; the downtime in them is not excused', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'changes.csv'), csv(['client', 'kind', 'start', 'end'], CHANGES));
        const report = await evaluateAgreement(hosting(dir), MARCH);
        expect(report.objectives[0]!.windows[0]!.value).toBe(44_460 / 44_520);
        expect(lookalikeNotes(report)).toEqual([warning('3 row(s) with "Northwind", 1 row(s) with " northwind"', 'changes')]);
        // The listed maintenance's report is as before: the client's one row, counted; nothing rejected.
        expect(report.listedMaintenance![0]).toMatchObject({ rows: 1, rejected: 0, periods: 1, counted: 1 });
    });

    it('two maintenances listed in one change log: one warning, each value with the most rows a reader counted', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'changes.csv'), csv(['client', 'kind', 'start', 'end'], CHANGES));
        const report = await evaluateAgreement(hosting(dir, true), MARCH);
        // Emergencies selects line 5 (valid) and not line 6, which it reads without rejecting it: "Northwind" lines 3, 5, 6, 8 = 4;
        // Changes counted 3 (above). " northwind" 1 for both.
        expect(lookalikeNotes(report)).toEqual([warning('4 row(s) with "Northwind", 1 row(s) with " northwind"', 'changes')]);
    });

    it('without lookalikes: no warning, and the report is the one the lookalikes give but for the warning', async () => {
        const dir = tempDir();
        const path = join(dir, 'changes.csv');
        writeFileSync(path, csv(['client', 'kind', 'start', 'end'], CHANGES));
        const withLookalikes = await evaluateAgreement(hosting(dir), MARCH);
        writeFileSync(path, csv(['client', 'kind', 'start', 'end'], CHANGES, withoutLookalikes));
        const without = await evaluateAgreement(hosting(dir), MARCH);
        expect(lookalikeNotes(without)).toEqual([]);
        expect(without).toEqual({ ...withLookalikes, notes: withLookalikes.notes.filter((note) => !note.includes('only in case or spacing')) });
    });
});

describe('a per-item credit list over a dataset with lookalike clients', () => {
    // tickets.csv, shared, January 2026, UTC:
    //   northwind T1 P1 6 h: late (the one counted item); Northwind T2 P1 6 h and " northwind" T3 P1 6 h: late, lookalikes;
    //   Northwind T4 P2 1 h: a lookalike, not late; contoso T5 P1 6 h: another client.
    // The list reads the count's dataset, which the pass measured: its warning counts every row, "Northwind" 2 (T2, T4),
    // " northwind" 1 (T3) — the rows the list left out (T2, T3) among them. No second warning.
    const TICKETS = [
        ['northwind', 'T1', 'P1', '2026-01-05T10:00:00Z', '2026-01-05T16:00:00Z'],
        ['Northwind', 'T2', 'P1', '2026-01-06T10:00:00Z', '2026-01-06T16:00:00Z'],
        [' northwind', 'T3', 'P1', '2026-01-07T10:00:00Z', '2026-01-07T16:00:00Z'],
        ['Northwind', 'T4', 'P2', '2026-01-08T10:00:00Z', '2026-01-08T11:00:00Z'],
        ['contoso', 'T5', 'P1', '2026-01-09T10:00:00Z', '2026-01-09T16:00:00Z']
    ];

    /** `credit for LateP1 per calendar month { above 0 : 200 EUR * LateP1 }`, LateP1 = P1 tickets resolved after more than 4 hours. */
    function perItemCredit(dir: string): AgreementModel {
        const late = bin('>', { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved') }, num(4 * HOUR, 'duration'));
        const tickets: DatasetModel = { ...dataset('tickets', join(dir, 'tickets.csv'), [field('client', 'text'), field('id', 'text'), field('priority', 'text'), field('opened', 'timestamp'), field('resolved', 'timestamp')]), clientScope: CLIENT };
        return agreement({
            timezone: 'UTC',
            fee: { amount: 10_000, currency: 'EUR', period: MONTH },
            datasets: { tickets },
            kpis: [{ key: 'LateP1', name: 'late', unitKind: 'count', formula: count('tickets', bin('and', bin('=', ref('tickets', 'priority'), str('P1')), late)) }],
            objectives: [{ kpi: 'LateP1', kpiName: 'late', comparison: '<=', target: 0, unitKind: 'count', window: MONTH }],
            credits: [{
                kpi: 'LateP1', window: MONTH,
                tiers: [{ lower: { value: 0, inclusive: false }, label: 'above 0', amount: { kind: 'formula', text: '200 EUR * LateP1', currency: 'EUR', formula: { type: 'binary', op: '*', left: { type: 'number', value: 200 }, right: { type: 'kpi', key: 'LateP1' } } } }]
            }]
        });
    }

    it('is warned about once, by the measured pass, with all its lookalike rows', async () => {
        const dir = tempDir();
        writeFileSync(join(dir, 'tickets.csv'), csv(['client', 'id', 'priority', 'opened', 'resolved'], TICKETS));
        const report = await evaluateAgreement(perItemCredit(dir), { from: '2026-01-01', to: '2026-01-31', ...NOW });
        const january = report.credits[0]!.windows[0]!;
        // One late ticket of northwind's: 200 EUR, T1 listed.
        expect([january.amount, january.items?.count, january.items?.first.map((item) => item.id)]).toEqual([200, 1, ['T1']]);
        expect(lookalikeNotes(report)).toEqual([warning('2 row(s) with "Northwind", 1 row(s) with " northwind"', 'tickets')]);
    });
});
