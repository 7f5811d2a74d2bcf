/**
 * `one row per id` (language reference § 6): a row with an earlier row's key is an invalid row, on
 * every way a file is read — one thread with the typed reader (which would hand the common records
 * on unchecked), a file large enough for two threads, JSON and NDJSON, a portfolio's shared pass in
 * each of its ways — and through SQL engines, never pushed down: DuckDB (a table, a Parquet file, a CSV
 * file), PostgreSQL 15 and ClickHouse (a table; throw-away servers).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type DatasetModel, type PortfolioOptions, type Report } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { evaluatePortfolioWithEngines } from '../../src/sql/portfolio-with-engines.js';
import { loadDuckDbTable, readDatasetTable } from '../sql-servers/table-loader.js';
import { startTableServer, type TableServer } from '../sql-servers/table-server.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, str, tempDir, writeCsv } from './fixtures.js';
import { seededRandom } from '../seeded-random.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2026-06-01T00:00:00Z');

/**
 * March 2026: T-1 2 h, T-2 6 h (late), T-3 1 h, T-4 3 h, and T-2 again on line 6 (the same export
 * line twice). By hand: 3 of the 4 tickets on time = 75 %, met (>= 75 %); counted twice, T-2 makes
 * it 3 of 5 = 60 %, breached.
 */
const TICKETS: (string | number)[][] = [
    ['T-1', '2026-03-02T09:00:00Z', 2],
    ['T-2', '2026-03-03T09:00:00Z', 6],
    ['T-3', '2026-03-04T09:00:00Z', 1],
    ['T-4', '2026-03-05T09:00:00Z', 3],
    ['T-2', '2026-03-03T09:00:00Z', 6]
];

function tickets(file: string, key: string[] | undefined): DatasetModel {
    const spec = dataset('tickets', file, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer')]);
    return key === undefined ? spec : { ...spec, oneRowPer: key };
}

/** OnTime = count(tickets where hours <= 4) / count(tickets) >= 75 % per calendar month. */
function onTime(data: DatasetModel, id = 'Desk'): AgreementModel {
    return agreement({
        id,
        timezone: 'UTC',
        datasets: { tickets: data },
        kpis: [{ key: 'OnTime', name: 'OnTime', unitKind: 'ratio', formula: bin('/', count('tickets', bin('<=', ref('tickets', 'hours'), num(4))), count('tickets')) }],
        objectives: [{ kpi: 'OnTime', kpiName: 'OnTime', comparison: '>=', target: 0.75, unitKind: 'ratio', window: MONTH }]
    });
}

/** How many threads read the tickets when two may (parallel-pass.test.ts). */
async function threadsReading(model: AgreementModel): Promise<number> {
    const period = evaluationPeriod(model.timezone, model.validity, { now: NOW });
    const scan = planAgreement(model, period, undefined).scans.get('tickets')!;
    const result = await runDatasetPass(scan, period, { skipInvalid: true, parallelMinBytes: 1, parallelRangeBytes: 16 * 1024, parallelInputs: { model, period, dataOverrides: undefined } });
    return result.threads;
}

const march = (report: Report) => {
    const window = report.objectives[0]!.windows.find((w) => w.start.startsWith('2026-03-01'))!;
    return [window.value, window.status];
};

describe('one row per id, in a CSV file', () => {
    const file = writeCsv(tempDir(), 'tickets.csv', ['id', 'opened', 'hours'], TICKETS);

    it('stops at the second row with a key, naming both rows', async () => {
        await expect(evaluateAgreement(onTime(tickets(file, ['id'])), { now: NOW })).rejects.toThrow(
            `${file}:6:1: invalid row: id "T-2" in column 1 (id) is already the key of line 3: the dataset tickets has one row per id, so this row would count the same item twice; remove one of the two rows (an export run twice, or two exports that overlap?)`
        );
    });

    it('with --skip-invalid keeps the earlier row, skips and lists the later one: 3 of 4 on time, met', async () => {
        const report = await evaluateAgreement(onTime(tickets(file, ['id'])), { now: NOW, skipInvalid: true });
        expect(march(report)).toEqual([0.75, 'met']);
        expect([report.datasets[0]!.rows, report.datasets[0]!.rejected]).toEqual([4, 1]);
        expect(report.datasets[0]!.rejectedSamples?.map((sample) => [sample.line, sample.value])).toEqual([[6, 'T-2']]);
    });

    it('without a key counts T-2 twice: 3 of 5, breached (what the key prevents)', async () => {
        const report = await evaluateAgreement(onTime(tickets(file, undefined)), { now: NOW });
        expect(march(report)).toEqual([0.6, 'breached']);
    });

    it('tells rows apart by all the key fields together', async () => {
        const pairs = writeCsv(tempDir(), 'pairs.csv', ['system', 'id', 'opened', 'hours'], [
            ['erp', 'T-1', '2026-03-02T09:00:00Z', 2],
            ['crm', 'T-1', '2026-03-02T09:00:00Z', 2],
            ['erp', 'T-2', '2026-03-03T09:00:00Z', 1],
            ['crm', 'T-1', '2026-03-09T09:00:00Z', 5]
        ]);
        const data: DatasetModel = { ...dataset('tickets', pairs, [field('system', 'text'), field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer')]), oneRowPer: ['system', 'id'] };
        await expect(evaluateAgreement(onTime(data), { now: NOW })).rejects.toThrow(`${pairs}:5:1: invalid row: system "crm", id "T-1" in column 1 (system) is already the key of line 3: the dataset tickets has one row per system, id`);
        // Only the last row repeats a pair: erp/T-1 and crm/T-1 are two tickets.
        const report = await evaluateAgreement(onTime(data), { now: NOW, skipInvalid: true });
        expect([report.datasets[0]!.rows, report.datasets[0]!.rejected, march(report)]).toEqual([3, 1, [1, 'met']]);
    });

    it('compares timestamps and numbers by value, texts as written', async () => {
        const file = writeCsv(tempDir(), 'opened.csv', ['id', 'opened', 'hours'], [
            ['T-1', '2026-03-02T10:00:00+01:00', 2],
            ['t-1', '2026-03-02T10:30:00+01:00', 2],
            ['T-9', '2026-03-02T09:00:00Z', 3]
        ]);
        const data = (key: string[]): DatasetModel => ({ ...tickets(file, undefined), oneRowPer: key, agreementTimezone: 'UTC' });
        // 10:00+01:00 and 09:00Z are one instant: shown in the agreement's zone (UTC).
        await expect(evaluateAgreement(onTime(data(['opened'])), { now: NOW })).rejects.toThrow(`${file}:4:2: invalid row: opened "2026-03-02T09:00:00+00:00" in column 2 (opened) is already the key of line 2`);
        // "T-1" and "t-1" are two tickets.
        expect(march(await evaluateAgreement(onTime(data(['id'])), { now: NOW }))).toEqual([1, 'met']);
        const numbers = writeCsv(tempDir(), 'numbers.csv', ['id', 'opened', 'hours'], [
            ['A', '2026-03-02T10:00:00Z', '2.50'],
            ['B', '2026-03-02T11:00:00Z', '2.5']
        ]);
        const decimal: DatasetModel = { ...dataset('tickets', numbers, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'number')]), oneRowPer: ['hours'] };
        await expect(evaluateAgreement(onTime(decimal), { now: NOW })).rejects.toThrow(`${numbers}:3:3: invalid row: hours "2.5" in column 3 (hours) is already the key of line 2`);
    });

    it('is checked where the one-pass typed reader would read the file (numbers and timestamps only)', async () => {
        // The typed reader takes records of numbers and timestamps written as exports write them (milliseconds and
        // `Z`; a text no scope reads sends a file the general way): it hands rows on without ScanContext.emit, so a
        // keyed dataset is kept off it. By hand: tickets 1–4, ticket 2 (6 h, late) again on line 6: 3 of 5 on time
        // counted twice, 3 of 4 = 75 % met with the key.
        const numbered = writeCsv(tempDir(), 'numbered.csv', ['seq', 'opened', 'hours'], TICKETS.map(([id, opened, hours]) => [Number(String(id).slice(2)), String(opened).replace('Z', '.000Z'), hours!]));
        const data = (key: string[] | undefined): DatasetModel => {
            const spec = dataset('tickets', numbered, [field('seq', 'integer'), field('opened', 'timestamp'), field('hours', 'integer')]);
            return key === undefined ? spec : { ...spec, oneRowPer: key };
        };
        expect(march(await evaluateAgreement(onTime(data(undefined)), { now: NOW }))).toEqual([0.6, 'breached']);
        await expect(evaluateAgreement(onTime(data(['seq'])), { now: NOW })).rejects.toThrow(`${numbered}:6:1: invalid row: seq "2" in column 1 (seq) is already the key of line 3`);
        const skipped = await evaluateAgreement(onTime(data(['seq'])), { now: NOW, skipInvalid: true });
        expect([march(skipped), skipped.datasets[0]!.rows, skipped.datasets[0]!.rejected]).toEqual([[0.75, 'met'], 4, 1]);
    });

    it('is checked on a file large enough for two threads, which is then read by one', async () => {
        // 2,000 tickets in March, T-10 (line 12) repeated on line 1002, amid the others: the two rows are in different ranges of 16 kB.
        const rows: (string | number)[][] = [];
        for (let i = 0; i < 2000; i++) rows.push([`T-${i}`, `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`, i % 5, i]);
        rows.splice(1000, 0, rows[10]!);
        const big = writeCsv(tempDir(), 'big.csv', ['id', 'opened', 'hours', 'seq'], rows);
        const tickets = (key: string[] | undefined): DatasetModel => {
            const spec = dataset('tickets', big, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('seq', 'integer')]);
            return key === undefined ? spec : { ...spec, oneRowPer: key };
        };
        const options = { now: NOW, parallelMinBytes: 1, parallelRangeBytes: 16 * 1024, readChunkBytes: 4096 };
        await expect(evaluateAgreement(onTime(tickets(['id'])), options)).rejects.toThrow(`${big}:1002:1: invalid row: id "T-10" in column 1 (id) is already the key of line 12`);
        // An integer key: the typed reader, which takes such columns without handing each row on, is not used.
        await expect(evaluateAgreement(onTime(tickets(["seq"])), { now: NOW })).rejects.toThrow(`${big}:1002:4: invalid row: seq "10" in column 4 (seq) is already the key of line 12`);
        const skipped = await evaluateAgreement(onTime(tickets(['id'])), { ...options, skipInvalid: true });
        expect([skipped.datasets[0]!.rows, skipped.datasets[0]!.rejected]).toEqual([2000, 1]);
        // One thread read it; without a key, two read the same file.
        expect(await threadsReading(onTime(tickets(['id'])))).toBe(1);
        expect(await threadsReading(onTime(tickets(undefined)))).toBe(2);
    });
});

describe('one row per id, latest by updated (a history export)', () => {
    /**
     * A row per version of a ticket. T-2 was first exported resolved in 6 h (line 3, updated 3 March 16:00), then
     * corrected to 3 h (line 6, updated 4 March 08:00); T-3 was exported twice unchanged (lines 4 and 7). By hand:
     * the latest versions are T-1 2 h, T-2 3 h, T-3 1 h, T-4 3 h: 4 of 4 on time, 100 %, met; 2 rows superseded.
     * Counted as rows, 5 of 7 (71.4 %, breached); the first version of T-2 alone, 3 of 4 (75 %).
     */
    const history: (string | number)[][] = [
        ['T-1', '2026-03-02T09:00:00Z', 2, '2026-03-02T11:00:00Z'],
        ['T-2', '2026-03-03T09:00:00Z', 6, '2026-03-03T16:00:00Z'],
        ['T-3', '2026-03-04T09:00:00Z', 1, '2026-03-04T10:00:00Z'],
        ['T-4', '2026-03-05T09:00:00Z', 3, '2026-03-05T12:00:00Z'],
        ['T-2', '2026-03-03T09:00:00Z', 3, '2026-03-04T08:00:00Z'],
        ['T-3', '2026-03-04T09:00:00Z', 1, '2026-03-04T10:00:00Z']
    ];
    const versions = (rows: (string | number)[][], latestBy: string | null = 'updated'): DatasetModel => {
        const file = writeCsv(tempDir(), 'history.csv', ['id', 'opened', 'hours', 'updated'], rows);
        const spec = dataset('tickets', file, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('updated', 'timestamp')]);
        return { ...spec, oneRowPer: ['id'], ...(latestBy === null ? {} : { latestBy }), agreementTimezone: 'UTC' };
    };

    it('counts the latest version of each ticket, wherever it is in the file, and says how many were superseded', async () => {
        for (const rows of [history, [...history].reverse()]) {
            const report = await evaluateAgreement(onTime(versions(rows)), { now: NOW });
            expect(march(report)).toEqual([1, 'met']);
            expect([report.datasets[0]!.rows, report.datasets[0]!.rejected, report.datasets[0]!.superseded]).toEqual([4, 0, 2]);
            expect(report.notes).toContain("2 row(s) of dataset 'tickets' were superseded by a later version of the same id (one row per id, latest by updated): only the latest row of each id is counted.");
        }
        // Without `latest by` the same file stops at the second T-2.
        await expect(evaluateAgreement(onTime(versions(history, null)), { now: NOW })).rejects.toThrow(/history\.csv:6:1: invalid row: id "T-2" .*is already the key of line 3/);
    });

    it('a number tells the latest version too; a dataset without a second version reports none superseded', async () => {
        const numbered = history.map(([id, opened, hours], i) => [id!, opened!, hours!, i === 1 ? 1 : 2]);
        const file = writeCsv(tempDir(), 'numbered.csv', ['id', 'opened', 'hours', 'version'], numbered);
        const spec: DatasetModel = { ...dataset('tickets', file, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('version', 'integer')]), oneRowPer: ['id'], latestBy: 'version' };
        const report = await evaluateAgreement(onTime(spec), { now: NOW });
        expect([march(report), report.datasets[0]!.superseded]).toEqual([[1, 'met'], 2]);
        const single = await evaluateAgreement(onTime(versions(history.slice(0, 4))), { now: NOW });
        expect([march(single), single.datasets[0]!.superseded, single.notes.some((note) => note.includes('superseded'))]).toEqual([[0.75, 'met'], undefined, false]);
    });

    it('two versions with the same updated and other values: the later one is an invalid row', async () => {
        const tied = [...history.slice(0, 4), ['T-2', '2026-03-03T09:00:00Z', 3, '2026-03-03T16:00:00Z']];
        await expect(evaluateAgreement(onTime(versions(tied)), { now: NOW })).rejects.toThrow(
            /history\.csv:6: invalid row: updated "2026-03-03T16:00:00\+00:00" in column "updated" of id "T-2" is also the updated of line 3, whose other values differ: the dataset tickets counts the row with the latest updated of each id, and cannot tell which of the two that is; correct the updated of one of them, or remove one$/
        );
        // Skipped: the first of the two counts (T-2 in 6 h: 3 of 4).
        const report = await evaluateAgreement(onTime(versions(tied)), { now: NOW, skipInvalid: true });
        expect([march(report), report.datasets[0]!.rejected, report.datasets[0]!.superseded]).toEqual([[0.75, 'met'], 1, undefined]);
    });

    it('two versions with the same updated that differ only in a field no KPI reads are one version, in CSV and NDJSON alike', async () => {
        // T-3 exported twice at the same update, its free-text note edited: nothing the agreement reads differs.
        const rows = history.map(([id, opened, hours, updated], i) => ({ id, opened, hours, updated, note: i === 5 ? 'edited' : 'first' }));
        const fields = [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('updated', 'timestamp'), field('note', 'text')];
        const csv = writeCsv(tempDir(), 'noted.csv', ['id', 'opened', 'hours', 'updated', 'note'], rows.map((row) => Object.values(row) as (string | number)[]));
        const ndjson = path.join(tempDir(), 'noted.ndjson');
        writeFileSync(ndjson, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
        for (const data of [{ ...dataset('tickets', csv, fields) }, { ...dataset('tickets', ndjson, fields), format: 'ndjson' as const }]) {
            const report = await evaluateAgreement(onTime({ ...data, oneRowPer: ['id'], latestBy: 'updated' }), { now: NOW });
            expect([march(report), report.datasets[0]!.rows, report.datasets[0]!.superseded]).toEqual([[1, 'met'], 4, 2]);
        }
    });

    it('random histories (40 seeds): the latest versions by hand, whatever the order of the rows', async () => {
        // 25 tickets of 1–4 versions each; `updated` drawn from 3 hours on even seeds (versions often tie) and from
        // 24 on odd ones; a version is sometimes the same row exported twice. By hand: per ticket its greatest
        // `updated`; two rows there with other values make the file invalid; otherwise the rows there are the ticket,
        // every other row superseded. Each seed in three orders of the rows: the file as drawn and two shuffles.
        const outcomes = { valid: 0, tied: 0 };
        for (let seed = 1; seed <= 40; seed++) {
            const random = seededRandom(seed);
            const hours = seed % 2 === 0 ? 3 : 24;
            const rows: (string | number)[][] = [];
            for (let t = 0; t < 25; t++) {
                const versions = 1 + random.int(4);
                for (let v = 0; v < versions; v++) {
                    if (v > 0 && random.chance(0.2)) {
                        rows.push([...rows[rows.length - 1]!]);
                        continue;
                    }
                    rows.push([`T-${t}`, `2026-03-${String(1 + (t % 28)).padStart(2, '0')}T09:00:00Z`, 1 + random.int(8), `2026-04-01T${String(random.int(hours)).padStart(2, '0')}:00:00Z`]);
                }
            }
            const latest = new Map<string, (string | number)[][]>();
            for (const row of rows) {
                const versions = latest.get(row[0] as string);
                if (versions === undefined || row[3]! > versions[0]![3]!) latest.set(row[0] as string, [row]);
                else if (row[3] === versions[0]![3]) versions.push(row);
            }
            const tied = [...latest.values()].some((versions) => new Set(versions.map((row) => row.join())).size > 1);
            outcomes[tied ? 'tied' : 'valid']++;
            const winners = [...latest.values()].map((versions) => versions[0]!);
            const inTime = winners.filter((row) => (row[2] as number) <= 4).length;
            for (let order = 0; order < 3; order++) {
                const shuffled = order === 0 ? rows : [...rows].sort(() => random.next() - 0.5);
                const model = onTime(versions(shuffled));
                if (tied) {
                    await expect(evaluateAgreement(model, { now: NOW }), `seed ${seed}, order ${order}`).rejects.toThrow(/cannot tell which of the two that is/);
                    continue;
                }
                const report = await evaluateAgreement(model, { now: NOW });
                expect([march(report), report.datasets[0]!.rows, report.datasets[0]!.superseded ?? 0], `seed ${seed}, order ${order}`).toEqual([[inTime / winners.length, inTime / winners.length >= 0.75 ? 'met' : 'breached'], 25, rows.length - 25]);
            }
        }
        // Both kinds of file were drawn.
        expect(outcomes.valid).toBeGreaterThan(5);
        expect(outcomes.tied).toBeGreaterThan(5);
    });

    it.each([
        ['one thread', { sharedFileThreads: 1 }],
        ['parsed by the worker', { parallelMinBytes: 1, pipelineBatchRows: 2 }],
        ['through the batch ring here', { pipelineBatchRows: 3, readChunkBytes: 64 }]
    ] as [string, PortfolioOptions][])('gives each client of a portfolio its latest versions, read %s', async (_name, options) => {
        const rows = history.flatMap(([id, opened, hours, updated]) => [['northwind', id!, opened!, hours!, updated!], ['contoso', id!, opened!, id === 'T-4' ? 9 : hours!, updated!]]);
        const file = writeCsv(tempDir(), 'shared-history.csv', ['client', 'id', 'opened', 'hours', 'updated'], rows);
        const client = (name: string): AgreementModel => onTime({
            ...dataset('tickets', file, [field('client', 'text'), field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('updated', 'timestamp')]),
            oneRowPer: ['client', 'id'], latestBy: 'updated', clientScope: { field: 'client', value: name }
        }, name);
        const portfolio = await evaluatePortfolio([client('northwind'), client('contoso')], { now: NOW, ...options });
        const reports = ['northwind', 'contoso'].map((name) => portfolio.entries.find((entry) => entry.agreement === name)!.report);
        // contoso's T-4 took 9 h: 3 of 4.
        expect(reports.map(march)).toEqual([[1, 'met'], [0.75, 'met']]);
        expect(reports.map((report) => report.datasets[0]!.superseded)).toEqual([4, 4]);
        expect(portfolio.dataFiles.map((entry) => [entry.agreements, entry.reads])).toEqual([[2, 1]]);
    });
});

describe('one row per id, in JSON and NDJSON', () => {
    const records = TICKETS.map(([id, opened, hours]) => ({ id, opened, hours }));

    it('names the line of a JSON array element', async () => {
        const file = path.join(tempDir(), 'tickets.json');
        writeFileSync(file, `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`);
        const data: DatasetModel = { ...tickets(file, ['id']), format: 'json' };
        await expect(evaluateAgreement(onTime(data), { now: NOW })).rejects.toThrow(/tickets\.json:6:1: element 4: invalid row: id "T-2" at key "id" is already the key of line 3: the dataset tickets has one row per id/);
        expect(march(await evaluateAgreement(onTime(data), { now: NOW, skipInvalid: true }))).toEqual([0.75, 'met']);
    });

    it('names an NDJSON record by its line', async () => {
        const file = path.join(tempDir(), 'tickets.ndjson');
        writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
        const data: DatasetModel = { ...tickets(file, ['id']), format: 'ndjson' };
        await expect(evaluateAgreement(onTime(data), { now: NOW })).rejects.toThrow(/tickets\.ndjson:5:\d+: invalid row: id "T-2" .*is already the key of line 2/);
    });
});

describe('one row per id, in a portfolio\'s shared file', () => {
    /**
     * One export for three clients: northwind's T-2 twice (lines 3 and 1007); contoso's own T-2 is another ticket of
     * the pair (client, id); 1,000 tickets of fabrikam between them (lines 7–1006), enough for the typed readers.
     */
    const fabrikam = Array.from({ length: 1000 }, (_, i) => ['fabrikam', `F-${i}`, `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`, i % 7]);
    const shared = writeCsv(tempDir(), 'shared.csv', ['client', 'id', 'opened', 'hours'], [
        ['northwind', 'T-1', '2026-03-02T09:00:00Z', 2],
        ['northwind', 'T-2', '2026-03-03T09:00:00Z', 6],
        ['contoso', 'T-2', '2026-03-03T10:00:00Z', 1],
        ['northwind', 'T-3', '2026-03-04T09:00:00Z', 1],
        ['northwind', 'T-4', '2026-03-05T09:00:00Z', 3],
        ...fabrikam,
        ['northwind', 'T-2', '2026-03-03T09:00:00Z', 6]
    ]);
    const client = (name: string): AgreementModel => {
        const data: DatasetModel = { ...dataset('tickets', shared, [field('client', 'text'), field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer')]), oneRowPer: ['client', 'id'], clientScope: { field: 'client', value: name } };
        return onTime(data, name);
    };
    const ways: [string, PortfolioOptions][] = [
        ['one thread', { sharedFileThreads: 1 }],
        ['parsed by the worker', { parallelMinBytes: 1, pipelineBatchRows: 2 }],
        ['asked for byte ranges on two threads', { parallelMinBytes: 1, sharedFileThreads: 2, parallelRangeBytes: 4096 }],
        ['through the batch ring here', { pipelineBatchRows: 37, readChunkBytes: 1021 }]
    ];

    it.each(ways)('stops at the repeated key, read %s', async (_name, options) => {
        await expect(evaluatePortfolio([client('northwind'), client('contoso')], { now: NOW, ...options })).rejects.toThrow(`${shared}:1007:1: invalid row: client "northwind", id "T-2" in column 1 (client) is already the key of line 3`);
    });

    it.each(ways)('with --skip-invalid gives each client its report alone, read %s', async (_name, options) => {
        const portfolio = await evaluatePortfolio([client('northwind'), client('contoso')], { now: NOW, skipInvalid: true, ...options });
        const reports = ['northwind', 'contoso'].map((name) => portfolio.entries.find((entry) => entry.agreement === name)!.report);
        expect(reports.map(march)).toEqual([[0.75, 'met'], [1, 'met']]);
        const alone = await evaluateAgreement(client('northwind'), { now: NOW, skipInvalid: true });
        expect(march(alone)).toEqual([0.75, 'met']);
        expect(reports.map((report) => report.datasets[0]!.rejected)).toEqual([1, 1]);
        // Still one read of the shared file for both.
        expect(portfolio.dataFiles.map((file) => [file.agreements, file.reads])).toEqual([[2, 1]]);
    });
});

describe('one row per id, read through DuckDB', () => {
    const TABLE = 'tickets';
    const file = writeCsv(tempDir(), 'tickets.csv', ['id', 'opened', 'hours'], TICKETS);
    let duckdb: SqlConnection | undefined;
    let parquet = '';
    const onTable = (): AgreementModel => onTime({ ...tickets(file, ['id']), path: `warehouse:${TABLE}`, table: { connection: 'warehouse', name: TABLE } });

    beforeAll(async () => {
        duckdb = await openDuckDb();
        await loadDuckDbTable(duckdb, TABLE, await readDatasetTable(tickets(file, undefined)));
        parquet = path.join(tempDir(), 'tickets.parquet');
        await duckdb.query({ text: `COPY (SELECT * FROM ${TABLE} ORDER BY opened, id) TO '${parquet}' (FORMAT parquet)`, params: [] });
    }, 60_000);

    afterAll(async () => {
        await duckdb?.close();
    });

    it('pulls a table whole instead of pushing it down, and stops at the repeated key', async () => {
        await expect(evaluateWithEngines(onTable(), { now: NOW, connections: { warehouse: duckdb! } })).rejects.toThrow(/table "tickets" of connection warehouse row \d: invalid row: id "T-2" in column "id" is already the key of row \d of the result: the dataset tickets has one row per id/);
        const report = await evaluateWithEngines(onTable(), { now: NOW, connections: { warehouse: duckdb! }, skipInvalid: true });
        expect(report.engines?.datasets.map((entry) => [entry.mode, entry.reason])).toEqual([['pulled', 'the dataset has one row per key: every row is read to check that no key repeats, so its rows are pulled']]);
        expect(march(report)).toEqual([0.75, 'met']);
        expect([report.datasets[0]!.rows, report.datasets[0]!.rejected]).toEqual([4, 1]);
    });

    it('checks a Parquet file and a CSV file read by DuckDB', async () => {
        const onParquet = onTime({ ...tickets(parquet, ['id']), format: 'parquet' });
        await expect(evaluateWithEngines(onParquet, { now: NOW })).rejects.toThrow(/invalid row: id "T-2" .*is already the key of row 2 of the result/);
        expect(march(await evaluateWithEngines(onParquet, { now: NOW, skipInvalid: true }))).toEqual([0.75, 'met']);
        await expect(evaluateWithEngines(onTime(tickets(file, ['id'])), { now: NOW, engine: 'duckdb' })).rejects.toThrow(`${file}:6:1: invalid row: id "T-2" in column 1 (id) is already the key of line 3`);
    });

    it('keeps the latest version of each ticket of a table', async () => {
        const history = [...TICKETS.slice(0, 4).map((row, i) => [...row, `2026-03-0${i + 2}T20:00:00Z`]), ['T-2', '2026-03-03T09:00:00Z', 3, '2026-03-09T20:00:00Z']];
        const versions = writeCsv(tempDir(), 'history.csv', ['id', 'opened', 'hours', 'updated'], history);
        const spec: DatasetModel = { ...dataset('tickets', versions, [field('id', 'text'), field('opened', 'timestamp'), field('hours', 'integer'), field('updated', 'timestamp')]), oneRowPer: ['id'], latestBy: 'updated' };
        await loadDuckDbTable(duckdb!, 'history', await readDatasetTable({ ...spec, oneRowPer: undefined, latestBy: undefined } as DatasetModel));
        const report = await evaluateWithEngines(onTime({ ...spec, path: 'warehouse:history', table: { connection: 'warehouse', name: 'history' } }), { now: NOW, connections: { warehouse: duckdb! } });
        // T-2 corrected to 3 h: 4 of 4.
        expect([march(report), report.datasets[0]!.rows, report.datasets[0]!.superseded]).toEqual([[1, 'met'], 4, 1]);
        expect(report.engines?.datasets.map((entry) => entry.mode)).toEqual(['pulled']);
    });

    it('pulls a portfolio\'s shared table for each agreement instead of one push-down', async () => {
        await expect(evaluatePortfolioWithEngines([onTable(), { ...onTable(), id: 'Other' }], { now: NOW, connections: { warehouse: duckdb! } })).rejects.toThrow(/invalid row: id "T-2" .*is already the key of row \d of the result/);
    });
});

describe.each(['postgres', 'clickhouse'] as const)('one row per id, in a table of %s', (dialect) => {
    const TABLE = 'tickets';
    const file = writeCsv(tempDir(), 'tickets.csv', ['id', 'opened', 'hours'], TICKETS);
    const onTable = (): AgreementModel => onTime({ ...tickets(file, ['id']), path: `warehouse:${TABLE}`, table: { connection: 'warehouse', name: TABLE } });
    let server: TableServer | undefined;
    let connection: SqlConnection | undefined;

    beforeAll(async () => {
        server = await startTableServer(dialect, { [TABLE]: await readDatasetTable(tickets(file, undefined)) });
        connection = server.connection;
    }, 120_000);

    afterAll(async () => {
        await server?.stop();
    }, 60_000);

    it('pulls the table whole and stops at the repeated key; with --skip-invalid 3 of 4 on time', async () => {
        await expect(evaluateWithEngines(onTable(), { now: NOW, connections: { warehouse: connection! } })).rejects.toThrow(/row \d: invalid row: id "T-2" in column "id" is already the key of row \d of the result: the dataset tickets has one row per id/);
        const report = await evaluateWithEngines(onTable(), { now: NOW, connections: { warehouse: connection! }, skipInvalid: true });
        expect(report.engines?.datasets.map((entry) => [entry.engine, entry.mode])).toEqual([[dialect, 'pulled']]);
        expect(march(report)).toEqual([0.75, 'met']);
        expect([report.datasets[0]!.rows, report.datasets[0]!.rejected]).toEqual([4, 1]);
    });
});
