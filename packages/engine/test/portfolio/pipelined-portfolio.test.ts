// A large file shared by a portfolio, parsed on the scan worker and routed on the main thread
// (pipelined-pass.ts, row-batches.ts): every agreement's report must be what it gets alone, with
// rows handed over through the ring of batches many times over (small batches), rejected rows,
// line numbers shifted by quoted line breaks, and the same error as a single pass.
// The worker runs the compiled engine (out/): build before testing.
import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Report } from '../../src/index.js';
import { at, tempDir, writeCsv } from '../evaluate/fixtures.js';
import { clientAgreement } from './client-models.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
/** Each test reads 30,000 rows several times (alone and as a portfolio): generous on a loaded machine. */
const SLOW_MACHINE_MS = 120_000;
const CLIENTS = ['northwind', 'contoso', 'tailspin', 'fabrikam'];

/** The clients' agreements: rows without a client are valid here (they belong to no client). */
const client = (id: string, zone: string, value: string | undefined, path: string): AgreementModel =>
    clientAgreement(id, zone, value, path, { clientOptional: true });

/**
 * 30,000 requests, 80 s apart from 2026-03-01T00:00Z (the last at 2026-03-28T18:38:40Z: all in
 * March in every zone used); row i is client CLIENTS[(7i) mod 4] (northwind when i ≡ 0 mod 4),
 * status 503 when i ≡ 0 mod 13, a note with a quoted line break when i ≡ 3 mod 11, and the
 * status `oops` (invalid) for the rows listed in `invalid`.
 */
function requestsFile(invalid: (i: number) => boolean = () => false, clientOf = (i: number): string => CLIENTS[(i * 7) % 4]!): string {
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 30_000; i++) {
        const note = i % 11 === 3 ? '"retried,\nthen ""ok"""' : '';
        rows.push([new Date(at('2026-03-01T00:00:00Z') + i * 80_000).toISOString(), clientOf(i), (i * 37) % 3000, invalid(i) ? 'oops' : i % 13 === 0 ? 503 : 200, note]);
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'latency', 'status', 'note'], rows);
}

function portfolioOf(path: string): AgreementModel[] {
    return [client('Northwind', 'Europe/Berlin', 'northwind', path), client('Contoso', 'America/New_York', 'contoso', path), client('Tailspin', 'Asia/Tokyo', 'tailspin', path), client('Everyone', 'UTC', undefined, path)];
}

function marchValue(report: Report, kpi: string): number | null | undefined {
    return report.objectives.find((objective) => objective.kpi === kpi)!.windows.find((window) => window.start.startsWith('2026-03'))?.value;
}

describe('a portfolio pass parsed on the worker and routed on the main thread', () => {
    it('gives every agreement the report it gets alone, across many batches', async () => {
        const path = requestsFile();
        const models = portfolioOf(path);
        const opened: string[] = [];
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000, onFileOpen: (file) => opened.push(file) });
        // Parsed on the worker (two threads), read once; the worker's open is told to the caller's hook.
        expect(report.dataFiles[0]).toMatchObject({ agreements: 4, reads: 1, rows: 30_000, threads: 2 });
        expect(opened).toEqual([path]);
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        const entry = (id: string): Report => report.entries.find((candidate) => candidate.agreement === id)!.report;
        // Everyone: 30,000 rows, 503 for i = 0, 13, …, 29,991 (2,308 rows) → 27,692 / 30,000.
        expect(marchValue(entry('Everyone'), 'Success')).toBeCloseTo(27_692 / 30_000, 12);
        // Northwind: i ≡ 0 mod 4 (7,500 rows), of which 503 when i ≡ 0 mod 52 (i = 0 … 29,952: 577 rows) → 6,923 / 7,500.
        expect(marchValue(entry('Northwind'), 'Success')).toBeCloseTo(6_923 / 7_500, 12);
        // On one thread (sharedFileThreads: 1): the same reports.
        const oneThread = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, sharedFileThreads: 1 });
        expect(oneThread.dataFiles[0]).toMatchObject({ reads: 1, threads: 1 });
        expect(oneThread.entries.map((e) => e.report)).toEqual(report.entries.map((e) => e.report));
    }, SLOW_MACHINE_MS);

    it('counts and samples rejected rows as a single pass does', async () => {
        // Status `oops` for i = 500, 1,500, …, 29,500: 30 rows rejected.
        const models = portfolioOf(requestsFile((i) => i % 1000 === 500));
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 777, skipInvalid: true });
        expect(report.dataFiles[0]).toMatchObject({ rows: 29_970, threads: 2 });
        const everyone = report.entries.find((entry) => entry.agreement === 'Everyone')!.report;
        expect(everyone.datasets[0]).toMatchObject({ rejected: 30 });
        const oneThread = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, sharedFileThreads: 1, skipInvalid: true });
        expect(report.entries.map((e) => e.report)).toEqual(oneThread.entries.map((e) => e.report));
    }, SLOW_MACHINE_MS);

    it('stops at the first invalid row with the error a single pass gives, at its line', async () => {
        const models = portfolioOf(requestsFile((i) => i === 500));
        const error = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 64 }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(DataError);
        // Row i = 500 starts at line 2 + 500 + 46: the header, the rows before it, and one extra line
        // for each earlier note with a line break (i = 3, 14, …, 498: 46 of them).
        expect((error as DataError).line).toBe(548);
        const single = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, sharedFileThreads: 1 }).catch((caught: unknown) => caught);
        expect((error as DataError).message).toBe((single as DataError).message);
        expect((error as DataError).skippable).toBe(true);
    }, SLOW_MACHINE_MS);

    it('routes the rows of a batch by their client text when every agreement has a client scope', async () => {
        // No client (an empty cell) when i ≡ 7 mod 10: such rows are no agreement's.
        const path = requestsFile(undefined, (i) => (i % 10 === 7 ? '' : CLIENTS[(i * 7) % 4]!));
        const models = [client('Northwind', 'Europe/Berlin', 'northwind', path), client('NorthwindGold', 'UTC', 'northwind', path), client('Contoso', 'America/New_York', 'contoso', path), client('Tailspin', 'Asia/Tokyo', 'tailspin', path)];
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(report.dataFiles[0]).toMatchObject({ agreements: 4, reads: 1, rows: 30_000, threads: 2 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        const entry = (id: string): Report => report.entries.find((candidate) => candidate.agreement === id)!.report;
        // Northwind rows are i ≡ 0 mod 4 (even: never ≡ 7 mod 10): 7,500, 577 of them 503, for both of its agreements.
        expect(marchValue(entry('Northwind'), 'Success')).toBeCloseTo(6_923 / 7_500, 12);
        expect(marchValue(entry('NorthwindGold'), 'Success')).toBeCloseTo(6_923 / 7_500, 12);
        // Contoso rows are i ≡ 3 mod 4 (7,500), less those ≡ 7 mod 10 (i ≡ 7 mod 20: 1,500).
        expect(entry('Contoso').datasets[0]).toMatchObject({ rows: 6_000 });
    }, SLOW_MACHINE_MS);

    it('stops when cancelled while the worker parses', async () => {
        const models = portfolioOf(requestsFile());
        const controller = new AbortController();
        const progress: Array<[number, number]> = [];
        // Cancelled at the first progress report (the worker's first read of 4 KB): no report, the cancel's reason,
        // and no progress heard after it (the file is not read to its end).
        const onProgress = (bytes: number, total: number): void => {
            progress.push([bytes, total]);
            controller.abort(new Error('cancelled by the test'));
        };
        const outcome = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 64, readChunkBytes: 4096, signal: controller.signal, onProgress }).catch((caught: unknown) => caught);
        expect((outcome as Error).message).toBe('cancelled by the test');
        expect(progress).toHaveLength(1);
        expect(progress[0]![0]).toBeLessThan(progress[0]![1]);
        // The next evaluation is not disturbed (a fresh worker, a fresh ring).
        const report = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(report.dataFiles[0]).toMatchObject({ rows: 30_000, threads: 2 });
    }, SLOW_MACHINE_MS);
});
