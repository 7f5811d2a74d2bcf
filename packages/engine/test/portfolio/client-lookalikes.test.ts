// Rows whose client cell only looks like the agreement's client scope (`C1`, ` c1`, `c1 ` for "c1") are
// another client's, as before (the scope matches exactly), but every path that reads them counts them
// per value (clientScope.lookalikes) and the report warns: the typed kernel's batches
// (RowSink.acceptClientBatch), the JS typed reader row by row, the general row path, two threads in
// byte ranges, and a portfolio's routers. Two threads run the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Report } from '../../src/index.js';
import { recordsHandedByBatch } from '../../src/data/csv-typed-kernel.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { isLookalikeOf } from '../../src/evaluate/client-lookalikes.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir } from '../evaluate/fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

afterAll(() => {
    useTypedCsvKernel(true);
    delete process.env.SLA_CSV_KERNEL;
});

const NOW = at('2027-01-01T00:00:00Z');
/** Row i's client is CELLS[i % 6]: 20,000 = 6 × 3,333 + 2, so the first two cells have 3,334 rows, the others 3,333. */
const CELLS = ['c1', 'C1', 'c1 ', ' c1', 'c10', 'c2'];
const ROWS = 20_000;

/** Requests over January–March 2026, every 7th one failed; `quoted`: every client cell quoted (no typed reader reads the file then). */
function sharedLog(quoted: boolean): string {
    const lines = ['time,client,status'];
    for (let i = 0; i < ROWS; i++) {
        const time = new Date(at('2026-01-01T00:00:00Z') + Math.floor((i / ROWS) * 89 * 86_400_000)).toISOString();
        const client = CELLS[i % CELLS.length]!;
        lines.push(`${time},${quoted ? `"${client}"` : client},${i % 7 === 0 ? 503 : 200}`);
    }
    return lines.join('\n') + '\n';
}

function model(path: string, client: string, id = `agreement-${client.trim()}`): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')]);
    requests.clientScope = { field: 'client', value: client };
    const built = agreement({
        validity: { from: '2026-01-01', to: '2026-03-31' },
        datasets: { requests },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.8, unitKind: 'ratio', window: MONTH }]
    });
    return { ...built, id };
}

async function evaluate(agreementModel: AgreementModel, kernel: boolean, twoThreads: boolean): Promise<Report> {
    useTypedCsvKernel(kernel);
    if (kernel) delete process.env.SLA_CSV_KERNEL;
    else process.env.SLA_CSV_KERNEL = 'js'; // the scan worker started for this pass reads it
    return await evaluateAgreement(agreementModel, { now: NOW, ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 } : { parallelMinBytes: Infinity }) });
}

describe('rows whose client only looks like the scope', () => {
    it('are told from others by case, spacing and Unicode form only', () => {
        expect(['C1', ' c1', 'c1 ', '\u00a0C1\t'].map((text) => isLookalikeOf(text, 'c1'))).toEqual([true, true, true, true]);
        // Runs of spaces inside are one space, but a space inside is not nothing: `c 1` is another name than `c1`.
        expect([isLookalikeOf('north  wind', 'North wind'), isLookalikeOf('c 1', 'c1')]).toEqual([true, false]);
        // The decomposed ü is the composed one; a name it begins, another letter or the value itself are not lookalikes.
        expect(isLookalikeOf('zu\u0308rich', 'zürich')).toBe(true);
        expect(['c10', 'c2', 'c1', ''].map((text) => isLookalikeOf(text, 'c1'))).toEqual([false, false, false, false]);
    });

    it('are counted per value on every path of one agreement, and the report warns', async () => {
        const path = join(tempDir(), 'requests.csv');
        const c1 = model(path, 'c1');
        // By hand: C1 3,334 rows, ` c1` and `c1 ` 3,333 each (most rows first, then by value: a space sorts before `c`).
        const expected = [{ value: 'C1', rows: 3334 }, { value: ' c1', rows: 3333 }, { value: 'c1 ', rows: 3333 }];
        const reports: Array<[string, Report]> = [];
        writeFileSync(path, sharedLog(true));
        reports.push(['general row path', await evaluate(c1, true, false)]);
        reports.push(['general row path, two threads', await evaluate(c1, true, true)]);
        writeFileSync(path, sharedLog(false));
        const batched = recordsHandedByBatch();
        reports.push(['typed kernel by the batch', await evaluate(c1, true, false)]);
        // The kernel handed this thread's common records over by the batch (RowSink.acceptClientBatch).
        expect(recordsHandedByBatch() - batched).toBeGreaterThan(10_000);
        reports.push(['JS typed reader, row by row', await evaluate(c1, false, false)]);
        reports.push(['typed, two threads in byte ranges', await evaluate(c1, true, true)]);
        reports.push(['JS typed, two threads in byte ranges', await evaluate(c1, false, true)]);
        for (const [way, report] of reports) {
            // c1's own rows: 3,334; every other valid row is another client's, lookalikes included.
            expect({ way, rows: report.datasets[0]!.rows, scope: report.datasets[0]!.clientScope }).toEqual({
                way,
                rows: 3334,
                scope: { field: 'client', value: 'c1', otherClientRows: ROWS - 3334, lookalikes: expected }
            });
            const warning = report.notes.find((note) => note.startsWith('Warning: client scope'));
            expect(warning, way).toBe(
                'Warning: client scope client = "c1" counts only rows whose client is exactly "c1"; 3,334 row(s) with "C1", 3,333 row(s) with " c1", 3,333 row(s) with "c1 " in dataset \'requests\' differ from it only in case or spacing and were not counted as this client\'s. If they are the client\'s rows, correct them in the data; if they belong to another client, no action is needed.'
            );
        }
    }, 60_000);

    it('are none, and no warning, for a client without lookalikes', async () => {
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, sharedLog(false));
        for (const report of [await evaluate(model(path, 'c2'), true, false), await evaluate(model(path, 'c2'), false, false)]) {
            expect(report.datasets[0]!.clientScope).toEqual({ field: 'client', value: 'c2', otherClientRows: ROWS - 3333 });
            expect(report.notes.filter((note) => note.includes('only in case or spacing'))).toEqual([]);
        }
        // `c10` begins with `c1` but is another name: c10's agreement has no lookalikes either.
        expect((await evaluate(model(path, 'c10'), true, false)).datasets[0]!.clientScope?.lookalikes).toBeUndefined();
    }, 60_000);

    it('are counted alike in a portfolio, where `C1` is also a client of its own', async () => {
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, sharedLog(false));
        useTypedCsvKernel(true);
        delete process.env.SLA_CSV_KERNEL;
        const models = [model(path, 'c1'), model(path, 'C1', 'agreement-C1-upper'), model(path, 'c2')];
        // By hand: C1's lookalikes are c1 (3,334), ` c1` and `c1 ` (3,333 each); c1's are C1, ` c1`, `c1 `.
        const expected = [
            [{ value: 'C1', rows: 3334 }, { value: ' c1', rows: 3333 }, { value: 'c1 ', rows: 3333 }],
            [{ value: 'c1', rows: 3334 }, { value: ' c1', rows: 3333 }, { value: 'c1 ', rows: 3333 }],
            undefined
        ];
        for (const options of [{ sharedFileThreads: 1 as const }, { parallelMinBytes: 1, pipelineBatchRows: 997 }, { parallelMinBytes: 1, sharedFileThreads: 2 as const, parallelRangeBytes: 64 * 1024 }, { pipelineBatchRows: 613 }]) {
            const portfolio = await evaluatePortfolio(models, { now: NOW, ...options });
            models.forEach((agreementModel, index) => {
                const entry = portfolio.entries.find((candidate) => candidate.agreement === agreementModel.id)!;
                expect({ options, id: agreementModel.id, lookalikes: entry.report.datasets[0]!.clientScope?.lookalikes }).toEqual({ options, id: agreementModel.id, lookalikes: expected[index] });
            });
            expect(portfolio.dataFiles.find((file) => file.path === path)?.reads).toBe(1);
            // The portfolio says it once for the file, each client with its values, in the table's order (c2, without lookalikes, is not named).
            expect(portfolio.notes.filter((note) => note.includes('only in case or spacing'))).toEqual([
                `Warning: ${path} holds client values that differ from an agreement's client scope only in case or spacing, whose rows were not counted as that client's: agreement-c1 ("C1": 3,334 row(s), " c1": 3,333 row(s), "c1 ": 3,333 row(s)); agreement-C1-upper ("c1": 3,334 row(s), " c1": 3,333 row(s), "c1 ": 3,333 row(s)). If they are the client's rows, correct them in the data; each agreement's report lists them.`
            ]);
        }
    }, 60_000);
});
